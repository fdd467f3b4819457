"""Pass 2 of resolution, role words: offices, bodies, government words and kinds of people.

Each role word finds the actor that qualifies it, first to its left in the same noun phrase
("Iranian regime", "Iran's president", "U.S. authorities"), else through the parse
("officials *of* the Islamic Republic", "rebels *in* Darfur"). With a country, a government
word or an unnamed government office denotes that country's **government** ("the U.S.
administration"); a body denotes an organisation ("Iranian military"); a plural kind of
people a group ("Israeli settlers", composed code ``ISRCVL``). A kind of people with no
qualifier takes the document's country (the one it names most), else none. A title next to
a person, or in apposition to one ("Hassan Rouhani, Iran's president"), becomes that
person's role; the person's country and sector follow from it, and a title whose qualifier
is an organisation gives the organisation's code ("UN Secretary-General" → ``IGOUNO``).

Notes:
    Sector codes are CAMEO agent codes (Schrodt 2012, *CAMEO Actor Codebook*, ch. 3);
    composing a country with an agent code follows PETRARCH-2's agent rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.tokens import lemmas as _lemmas
from kg.types import Actor, ActorType

from kg.actors._units import DEFINITE, Unit
from kg.actors.dictionaries import compose_code
from kg.actors.gazetteer import DICT, NULL, PLACE, REGION, RoleWord
from kg.actors.ids import ActorKind, actor_id

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["RolePass", "in_place", "is_setting", "of_place"]

_SKIP_LEFT = {"senior", "top", "former", "current", "then", "new", "previous", "acting", "interim", "outgoing", "incoming", "late", "powerful", "hardline", "hard-line", "moderate", "veteran", "chief"}


#: Nouns for a settlement or an area: "the northern city of Kirkuk" is Kirkuk.
_AREAS = {"city", "town", "village", "province", "region", "district", "state", "port", "capital", "area", "camp"}

#: Prepositions of a clause's setting: "clashes broke out in Basra" happens there, not to it.
_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "across", "throughout", "around", "inside"})

#: Verbs whose "in" names a goal, not a setting: "arrived in Amman" (CAMEO 042, a visit).
_ARRIVAL = frozenset({"arrive", "land"})

#: Kinds of people who are in a place without being of its country: "settlers in Hebron".
_NOT_OF_PLACE = {"settlers", "tourists", "visitors", "foreigners", "migrants", "expatriates", "pilgrims"}

#: Modifiers that make a definite description new rather than a reference back.
_NEW = {"first", "last", "only", "second", "third", "next", "latest", "former", "new"}


class RolePass:
    """Finds role words and the actors they denote: the second pass."""

    def find_roles(self) -> None:
        doc = self.doc
        lemmas = _lemmas(doc)
        i = 0
        while i < len(doc):
            if i in self.unit_at:
                i += 1
                continue
            hit = self.gaz.role_at(self.words, i)
            if hit is None:
                lem = self.gaz.role_at(lemmas, i)
                if lem is not None and lem[1].kind in ("government", "body") and lem[1].agent is None:
                    # dictionary agents list their plurals themselves ("POLICE {}": no "polices")
                    hit = lem
            if hit is not None and not self._free(i, hit[0]):
                self._drop_guesses(i, hit[0])
            if hit is None or not self._free(i, hit[0]):
                i += 1
                continue
            end, role = hit
            self._role(i, end, role)
            i = end

    def _drop_guesses(self, start: int, end: int) -> None:
        """Drop organizations guessed from entities that lie inside a role phrase.

        "the Minister of Silly Walks": the tagger's ORG "Silly Walks" is part of the title.
        """
        inside = {id(u): u for i in range(start, end) if (u := self.unit_at.get(i)) is not None}
        if not inside or any(
            u.kind != "entry" or u.entry is None or u.entry.source != "entity" or u.start < start or u.end > end
            for u in inside.values()
        ):
            return
        for unit in inside.values():
            self.units.remove(unit)
            for i in range(unit.start, unit.end):
                del self.unit_at[i]

    def _left_anchor(self, start: int) -> Unit | None:
        doc = self.doc
        j = start - 1
        sent_start = doc[start].sent.start
        while j >= sent_start:
            unit = self.unit_at.get(j)
            if unit is not None:
                if self._against(unit):
                    return None
                if unit.kind == "role" and unit.role is not None and unit.role.kind == "title" and unit.person is None:
                    return unit if unit.anchor is not None and unit.role.agent is not None else None
                return unit
            tok = doc[j]
            if tok.dep_ == "case" or tok.lower_ in _SKIP_LEFT or (tok.pos_ == "ADJ" and tok.dep_ == "amod"):
                j -= 1
                continue
            return None
        return None

    def _against(self, unit: Unit) -> bool:
        """Whether a name is the object of "anti-" or "pro-": "an anti-Syria journalist" is not Syria's."""
        doc = self.doc
        return unit.start >= 2 and doc[unit.start - 1].text == "-" and doc[unit.start - 2].lower_ in ("anti", "pro")

    def _dep_anchor(self, start: int, end: int, kind: str) -> Unit | None:
        root = self.doc[end - 1]
        preps = ("of", "from", "in", "throughout", "across", "inside") if kind in ("people", "body") else ("of", "from")
        for child in root.children:
            if child.i >= start and child.i < end:
                continue
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i in self.unit_at:
                unit = self.unit_at[child.i]
                if self._against(unit):
                    continue
                if unit.kind != "person" or self._coded_person(unit):
                    return unit
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    # "soldiers from Gondor", or a misparse that makes the name a modifier of the object
                    near = [pobj, *(c for c in pobj.lefts if c.dep_ == "compound")]
                    if pobj.lemma_.lower() in _AREAS:  # "police in the northern city of Kirkuk"
                        near += [g for c in pobj.rights if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
                    for tok in near:
                        unit = self.unit_at.get(tok.i)
                        if unit is not None and (unit.kind != "person" or self._coded_person(unit)):
                            return unit
        return None

    def _coded_person(self, unit: Unit) -> bool:
        """A "person" whose name is a dictionary actor: the tagger's PERSON on a place name."""
        return unit.kind == "person" and unit.entry is not None and unit.entry.kind == DICT

    def _person_for(self, start: int, end: int) -> Unit | None:
        doc = self.doc
        nxt = self.unit_at.get(end)
        if nxt is not None and nxt.kind == "person":
            return nxt
        root = doc[end - 1]
        if root.dep_ == "appos" and root.head.i in self.unit_at and self.unit_at[root.head.i].kind == "person":
            return self.unit_at[root.head.i]
        for child in root.children:
            if child.dep_ == "appos" and child.i in self.unit_at and self.unit_at[child.i].kind == "person":
                return self.unit_at[child.i]
        return None

    def _role(self, start: int, end: int, role: RoleWord) -> None:
        doc = self.doc
        anchor = self._left_anchor(start)
        adjacent = anchor is not None
        if anchor is None:
            anchor = self._dep_anchor(start, end, role.kind)
        person = self._person_for(start, end) if role.kind == "title" else None
        if role.kind == "title" and person is None:
            # a run of proper nouns after a title names a person: "Prime Minister Falastur"
            k = end
            while k < len(doc) and doc[k].pos_ == "PROPN" and k not in self.unit_at and doc[k].is_alpha:
                k += 1
            if k > end and self.gaz.role_at(self.words, end) is None:
                person = self._add(Unit(end, k, "person", cue="person"))
        right = None
        if anchor is None and person is None and role.agent is not None:
            right = self._right_anchor(start, end)
            anchor = right
        unit = Unit(start, end, "role", role=role, anchor=anchor, person=person, plural=self._plural(start, end), cue=role.phrase)
        if person is not None:
            self._add(unit)
            return
        if right is not None:  # "MSF Arnor": the agent and the name it modifies are one phrase
            self.units.remove(right)
            unit.end = right.end
            unit.plural = right.plural
            self._add(unit)
            return
        absorb = (
            adjacent
            and anchor is not None
            and (
                (
                    anchor.kind == "entry"
                    and (
                        role.kind in ("government", "title", "collective")
                        or (anchor.entry is not None and anchor.entry.kind == REGION)
                    )
                )
                or (role.agent is not None and anchor.kind in ("entry", "person", "role"))
            )
        )
        if absorb and anchor is not None:
            if anchor.kind != "person":  # a person stays a unit: it is clustered with its names
                self.units.remove(anchor)
            unit.start = anchor.start
            unit.anchor = anchor
        if anchor is None and role.kind in ("government", "title"):
            det = [c for c in doc[end - 1].children if c.dep_ in ("det", "poss")]
            definite = bool(det) and (det[0].lower_ in DEFINITE)
            attributive = doc[end - 1].dep_ == "compound"
            if role.kind == "government" and not (definite or attributive):
                return
            if role.kind == "title" and not definite:
                return
            if any(c.tag_ in ("JJS", "RBS") or c.lower_ in _NEW for c in doc[end - 1].children if c.i < start):
                return  # "the first world leader to do so" says something new, it refers to no one
            unit.kind = "description"
        if anchor is None and role.agent is None and (role.kind == "collective" or not role.sector):
            return
        self._add(unit)

    def _right_anchor(self, start: int, end: int) -> Unit | None:
        """The name an agent word modifies right after it ("MSF Arnor"), else None."""
        unit = self.unit_at.get(end)
        if unit is None or unit.kind not in ("entry", "person") or unit.start != end:
            return None
        if unit.entry is not None and unit.entry.kind == NULL:
            return None
        head = self.doc[end - 1].head.i
        return unit if unit.start <= head < unit.end and self.doc[end - 1].dep_ in ("compound", "amod", "nmod") else None

    def _role_actor(self, unit: Unit) -> Actor | None:
        role = unit.role
        if role is None:
            return None
        if unit.person is not None:
            return self._resolve(unit.person)
        place = self._place_state(unit.anchor) if unit.anchor is not None else None
        if place is not None and role.phrase in _NOT_OF_PLACE and role.agent is None:
            # "settlers in Hebron" are not the place's people, nor of the story's country
            return Actor(actor_id(ActorKind.GROUP, role.phrase), role.phrase, ActorType.GROUP, None, role.sector or None)
        anchor = self._resolve(unit.anchor) if unit.anchor is not None else None
        if anchor is None:
            anchor = place  # "rebels in Darfur": the place's country
        if role.agent is not None:
            return self._agent_actor(unit, role, anchor)
        if anchor is None and unit.anchor is None and role.kind in ("people", "body"):
            return self._generic_actor(unit, role)
        if anchor is None:
            return None
        if self.gaz.dictionary_agents and self._from_dictionary(unit.anchor):
            return anchor  # a role word the loaded agents lack adds nothing to a dictionary code
        if anchor.type is ActorType.GROUP and anchor.id in {g.actor_id for g in self.gaz.groups.values()}:
            return anchor  # "European states", "European governments", "European officials"
        if anchor.type is ActorType.ORGANIZATION and role.kind in ("government", "title", "collective"):
            return anchor
        if anchor.type is ActorType.ORGANIZATION and role.kind in ("people", "body"):
            return self._member_actor(anchor, role)  # "UN peacekeepers", "Hamas militants"
        country = anchor.country
        if country is None:
            return None
        sector = role.sector or ""
        if role.kind == "government" or (role.kind == "title" and sector.startswith("GOV")):
            return self._government(country)
        if role.kind in ("title", "body"):
            label = self.gaz.body_labels.get(sector, sector.lower() or "forces")
            name = f"{self.gaz.adjective(country)} {label}"
            return Actor(actor_id(ActorKind.ORG, name), name, ActorType.ORGANIZATION, country, sector or None)
        if role.kind == "people":
            name = f"{self.gaz.adjective(country)} {role.phrase}"
            return Actor(actor_id(ActorKind.GROUP, name), name, ActorType.GROUP, country, sector or None)
        if role.kind == "collective":
            return self._state(country) if anchor.type is not ActorType.GROUP else anchor
        return None

    def _place_state(self, unit: Unit) -> Actor | None:
        """The state of a city or region that qualifies a role word ("police in Kirkuk"), else None."""
        entry = unit.entry
        if unit.kind == "entry" and entry is not None and entry.kind == PLACE and entry.country:
            return self._state(entry.country)
        return None

    def _generic_actor(self, unit: Unit, role: RoleWord) -> Actor | None:
        """A kind of people or a body no phrase qualifies: "protesters", "the army".

        Its country is the document's, where one country dominates it (`context_country`);
        else it has none and is known by its sector alone (CAMEO codes "OPP", "REB"). As the
        object of a state's or a government's act ("Russia massed troops", "the government
        sent police") it is that state's own means, not an actor of its own.
        """
        sector = role.sector or None
        if self.gaz.dictionary_agents or sector is None:
            return None  # with PETRARCH's agents loaded, their rules alone decide
        head = self.doc[unit.end - 1]
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ == "compound":
            return None  # "student protests": a modifier, not the students
        if head.dep_ == "dobj" and self._state_subject(head.head):
            return None  # "Russia massed troops": a state's own means, not another actor
        country = self.context_country(unit.start)
        kind = ActorType.GROUP if role.kind == "people" else ActorType.ORGANIZATION
        words = role.phrase if role.kind == "people" else self.gaz.body_labels.get(sector, role.phrase)
        name = f"{self.gaz.adjective(country)} {words}".strip() if country else words
        return Actor(actor_id(ActorKind.GROUP if kind is ActorType.GROUP else ActorKind.ORG, name), name, kind, country, sector)

    def _state_subject(self, verb) -> bool:  # noqa: ANN001
        """Whether a verb's subject denotes a state or a government."""
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i in self.unit_at:
                subject = self._resolve(self.unit_at[child.i])
                return subject is not None and subject.type in (ActorType.STATE, ActorType.GOVERNMENT)
        return False

    def _member_actor(self, anchor: Actor, role: RoleWord) -> Actor:
        """People or a body of an organisation: its code with their sector ("UN peacekeepers" IGOUNOMIL)."""
        own = anchor.sector or ""
        sector = own if not role.sector or own.endswith(role.sector) else own + role.sector
        name = f"{anchor.label} {role.phrase}"
        kind = ActorType.GROUP if role.kind == "people" else ActorType.ORGANIZATION
        return Actor(actor_id(ActorKind.GROUP if kind is ActorType.GROUP else ActorKind.ORG, name), name, kind,
                     anchor.country, sector or None)

    def context_country(self, at: int) -> str | None:
        """The country of a document's story, for a phrase at token `at`; None if no country dominates.

        Every country, capital or place mention counts but those later in the phrase's own
        sentence (in "protesters stormed the U.S. embassy" the United States is the target,
        not the setting), unless it is the clause's setting ("protesters rallied in Basra");
        the country must be at least half of them and ahead of any other.

        Notes:
            CAMEO coders give an unqualified "police" or "protesters" the country of the
            story (Schrodt 2012, actor codebook, on generic agents).
        """
        sent = self.doc[at].sent
        counts: dict[str, int] = {}
        for u in self.units:
            if u.kind != "entry" or u.entry is None or u.entry.kind not in ("state", "adj", "government", "place"):
                continue
            if sent.start <= u.start < sent.end and u.start >= at and not self._setting(u):
                continue
            country = u.entry.country
            if country and len(country) == 3 and country.isalpha():
                counts[country] = counts.get(country, 0) + 1
        total = sum(counts.values())
        best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if best and 2 * best[0][1] >= total and (len(best) == 1 or best[0][1] > best[1][1]):
            return best[0][0]
        return None

    def _setting(self, unit: Unit) -> bool:
        return is_setting(self.doc[unit.end - 1])

    def _from_dictionary(self, unit: Unit | None) -> bool:
        """Whether the unit's code comes from a dictionary (a dictionary name, or an agent on one)."""
        while unit is not None:
            if unit.entry is not None and unit.entry.kind == DICT:
                return True
            if unit.kind != "role":
                return False
            unit = unit.anchor
        return False

    def _agent_actor(self, unit: Unit, role: RoleWord, anchor: Actor | None) -> Actor | None:
        """A dictionary agent on the actor it qualifies: their codes composed (`compose_code`)."""
        agent = role.agent or ""
        if anchor is None:
            if unit.anchor is not None or role.kind != "people":
                return None  # an unresolved qualifier, or a singular agent word alone
            sector = compose_code(None, [agent])
            return Actor(actor_id(ActorKind.GROUP, role.phrase), role.phrase, ActorType.GROUP, None, sector)
        if anchor.type is ActorType.GROUP and anchor.id in {g.actor_id for g in self.gaz.groups.values()}:
            return anchor  # "European officials"
        base = anchor.code
        code = compose_code(base, [agent])
        if code == base:
            return anchor  # the agent adds nothing: "the White House security officials"
        country = anchor.country
        if country and code == f"{country}GOV" and anchor.type in (ActorType.STATE, ActorType.GOVERNMENT):
            return self._government(country)
        qualifier = self.gaz.adjective(country) if anchor.type in (ActorType.STATE, ActorType.GOVERNMENT) else anchor.label
        name = f"{qualifier} {role.phrase}".strip()
        kind = ActorType.GROUP if role.kind == "people" else ActorType.ORGANIZATION
        prefix = ActorKind.GROUP if kind is ActorType.GROUP else ActorKind.ORG
        if country and code.startswith(country):
            return Actor(actor_id(prefix, name), name, kind, country, code[len(country) :] or None)
        return Actor(actor_id(prefix, name), name, kind, country, None, cameo=code)


def in_place(head: Token) -> bool:
    """Whether a name's head is the object of "in" (or "near", "outside", ...): named as a place.

    A capital there is the city, not its government's metonym: "rallied in Washington",
    "tourists in Paris". Not where it is the goal of an arrival: "arrived in Amman" is a
    visit to Jordan.
    """
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in _LOCATIVE_PREPS and prep.head.lemma_ not in _ARRIVAL


def of_place(head: Token) -> bool:
    """Whether the people a noun names are of the country they are in: not "tourists", "settlers", ..."""
    return head.lower_ not in _NOT_OF_PLACE


def is_setting(head: Token) -> bool:
    """Whether a name's head is where its clause happens: the object of "in" (or "near", ...) on a verb."""
    return in_place(head) and head.head.head.pos_ in ("VERB", "AUX")
