"""Pass 3 of resolution, people: the names of one person in a document, and its actor.

Within a document, a shorter name (a surname, "Mr Ban", "President Putin") joins the one
full name whose family name it is ("Ban Ki-moon": Korean and Chinese names put the family
name first, `kg.actors.names_person.family_name`); if two full names share it, it stays
apart. The person's id is a slug of the fullest name the document uses, so it is a pure
function of the document; across documents, `kg.actors.identity` decides which ids are one
person. A person on the list of political people (`kg.actors.leaders`) takes the list's id,
country and the office it held on the document's date instead.
"""

from __future__ import annotations

from kg.types import Actor, ActorType, Role

from kg.actors._units import Cluster
from kg.actors.dictionaries import code_on, compose_code
from kg.actors.ids import ActorKind, actor_id, slug
from kg.actors.leaders import listed_person
from kg.actors.personal import family_name, name_key, name_parts

__all__ = ["PeoplePass"]


class PeoplePass:
    """Clusters the names of people and makes their actors: the third pass."""

    def cluster_people(self) -> None:
        persons = [u for u in self.units if u.kind == "person"]
        names = {id(u): self.doc[u.start : u.end].text for u in persons}
        # name key → the forms written, in order (from the document's earlier parts first)
        forms: dict[str, list[str]] = {key: list(written) for key, written in self.names_before.items()}
        for unit in persons:
            parts = name_parts(names[id(unit)])
            if parts.full:
                forms.setdefault(name_key(names[id(unit)]), []).append(names[id(unit)])
        for key, written in forms.items():  # what a later part of the document reads
            self.names_before[key] = list(dict.fromkeys(written))
        keys = list(forms)
        into = {k: k for k in keys}
        for k in keys:  # "George Bush" joins the one "George W. Bush" of the document
            bare = name_parts(forms[k][0])
            if bare.middles:
                continue
            wider = [o for o in keys if o != k and (p := name_parts(forms[o][0])).middles
                     and (p.given, p.family) == (bare.given, bare.family)]
            if len(wider) == 1:
                into[k] = wider[0]
        full: dict[str, int] = {}
        for k in keys:
            if into[k] != k:
                continue
            written = forms[k] + [f for o in keys if into[o] == k and o != k for f in forms[o]]
            label = max(written, key=lambda f: (len(f.split()), -written.index(f)))
            full[k] = len(self.clusters)
            self.clusters.append(Cluster(slug(label), label))
        by_family: dict[str, set[int]] = {}
        for k, n in full.items():
            by_family.setdefault(family_name(self.clusters[n].label), set()).add(n)
        for unit in persons:
            name = names[id(unit)]
            if name_parts(name).full:
                unit.cluster = full[into[name_key(name)]]
                continue
            matches = by_family.get(family_name(name), set())
            if len(matches) == 1:
                unit.cluster = next(iter(matches))
            else:
                key = slug(name)
                existing = [n for n, c in enumerate(self.clusters) if c.key == key]
                if existing:
                    unit.cluster = existing[0]
                else:
                    unit.cluster = len(self.clusters)
                    self.clusters.append(Cluster(key, name))
        for unit in persons:
            cluster = self.clusters[unit.cluster]
            cluster.names.add(self.doc[unit.start : unit.end].text)
            if unit.entry is not None and unit.entry.codes and not cluster.codes:
                cluster.codes = unit.entry.codes
        for unit in self.units:
            if unit.kind == "role" and unit.person is not None and unit.role is not None:
                country = self._country(unit.anchor) if unit.anchor is not None else None
                sector = unit.role.sector or None
                owner = self._resolve(unit.anchor) if unit.anchor is not None else None
                if owner is not None and owner.type is ActorType.ORGANIZATION and not self.gaz.dictionary_agents:
                    sector = owner.sector  # "UN Secretary-General": IGOUNO; "Hezbollah leader": LBNREB
                role = Role(unit.role.phrase, country, sector)
                cluster = self.clusters[unit.person.cluster]
                if role not in cluster.roles:
                    cluster.roles.append(role)
                if unit.role.agent is not None and unit.role.agent not in cluster.agents:
                    cluster.agents.append(unit.role.agent)

    def _person_actor(self, cluster: Cluster) -> Actor:
        listed = None if cluster.codes else listed_person(cluster, self.clusters, self.date)
        if listed is not None:  # a well-known person: its id, country and office on the date
            return listed
        country = sector = None
        for role in cluster.roles:
            if role.country and country is None:
                country, sector = role.country, role.sector
        if country is None and cluster.codes:
            code = code_on(cluster.codes, self.date) or ""
            if code and code not in ("---", "+++"):
                country, sector = code[:3], code[3:] or None
        if sector is None and cluster.roles:
            sector = cluster.roles[0].sector
        cameo = None
        if cluster.agents:  # dictionary titles compose with the name's code, else the office's country
            dictionary = code_on(cluster.codes, self.date) if cluster.codes else None
            base = dictionary if dictionary and dictionary not in ("---", "+++", "###") else (country or "")
            code = compose_code(base, cluster.agents)
            country = base[:3] or None
            if country and code.startswith(country):
                sector = code[3:] or None
            else:
                sector, cameo = None, code
        return Actor(
            actor_id(ActorKind.PERSON, cluster.key),
            cluster.label,
            ActorType.PERSON,
            country,
            sector,
            frozenset(cluster.names - {cluster.label}),
            tuple(cluster.roles),
            cameo,
        )
