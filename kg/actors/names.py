"""Pass 1 of resolution, names: gazetteer and dictionary names, people and organisations.

The gazetteer's phrase index (and any loaded dictionaries) finds country names, demonyms,
capitals, IGOs, organisations and regional adjectives; spaCy's PERSON entities (titles and
honorifics stripped) and the ORG entities the gazetteer does not know are added. An
organisation whose name holds a country or a place ("the British Medical Association", "the
Muslim Council of Britain", "the Washington Post", "the Basra Oil Company") is that
organisation, with the country as its country and a sector read from its name
(`kg.actors.sectors`), not the country.
"""

from __future__ import annotations

import functools
import tomllib

from kg.extract.tokens import tokens
from kg.types import ActorType

from kg.actors._units import Unit
from kg.actors.gazetteer import ADJ, DATA_DIR, DICT, GOVERNMENT, ORG, PLACE, REGION, STATE, Entry
from kg.actors.ids import ActorKind, actor_id
from kg.actors.leaders import listed_spans

__all__ = ["NamePass"]

_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "sheikh", "gen.", "lt.", "col.", "sen.", "rep."}


#: Last words of organisation names ("Association", "Post"): a capitalised run after a
#: demonym that ends in one is an organisation ("British Medical Association").
_ORG_HEADS = {
    "association", "council", "party", "union", "federation", "institute", "society", "company", "corporation",
    "bank", "agency", "league", "front", "movement", "committee", "foundation", "organisation", "organization",
    "network", "trust", "post", "times", "news", "herald", "tribune", "telegraph", "journal", "guardian", "gazette",
    "chronicle", "observer", "broadcasting", "television", "radio", "airlines", "airways", "university",
    "college", "church", "congress", "forum", "alliance", "council", "centre", "center",
}


def _bare_subject(tok) -> bool:  # noqa: ANN001
    """A lone capitalised name, of no entity type, that is the subject of a verb: a surname.

    "Merkel said", "Modi told lawmakers": the tagger types a surname it has not seen in
    full; a name it knows as a place or an organisation has an entity type and is not this.
    """
    return (
        tok.pos_ == "PROPN"
        and tok.tag_ == "NNP"
        and tok.is_title
        and tok.is_alpha
        and len(tok) > 2
        and tok.dep_ in ("nsubj", "nsubjpass")
        and tok.head.pos_ in ("VERB", "AUX")
        and not tok.ent_type_
        and not any(c.dep_ in ("compound", "det", "amod", "poss", "prep") for c in tok.children)
    )


@functools.cache
def common_words() -> frozenset[str]:
    """Surnames that are also common English words (``kg/data/actors/common_words.toml``)."""
    with open(DATA_DIR / "common_words.toml", "rb") as f:
        return frozenset(w.lower() for w in tomllib.load(f)["words"])


#: Dependencies of a word that heads its phrase as a person would: subject, possessor, object.
_PERSON_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "pobj", "appos", "conj", "agent", "attr"})


class NamePass:
    """Finds names: the first pass of `kg.actors.resolve._Resolver`."""

    def find_names(self) -> None:
        doc = self.doc
        entries: list[tuple[int, int, Entry]] = []
        for start, end, values in self.gaz.names.find(self.words):
            entries.append((start, end, values[-1]))
        persons: list[tuple[int, int]] = []
        orgs: list[tuple[int, int]] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                span = self._clean_person(ent.start, ent.end)
                if span:
                    persons.append(span)
            elif ent.label_ == "ORG":
                orgs.append((ent.start, ent.end))
        if not self.gaz.dictionary_agents:  # well-known people the tagger missed or typed as organisations
            persons, orgs = listed_spans(doc, persons, orgs, entries, self.gaz)
        named = self._named_organisations(entries, orgs)
        if named:
            taken = {i for s, e, _ in named for i in range(s, e)}
            entries = sorted([e for e in entries if not taken & set(range(e[0], e[1]))] + named, key=lambda e: e[0])
        person_tokens = {i for s, e in persons for i in range(s, e)}
        dict_in_person: dict[tuple[int, int], Entry] = {}
        kept: list[tuple[int, int, Entry]] = []
        for start, end, entry in entries:
            inside = [p for p in persons if p[0] <= start and end <= p[1]]
            if inside and entry.kind == DICT:
                dict_in_person[inside[0]] = entry
                continue
            if inside and entry.kind in (STATE, ADJ, GOVERNMENT, REGION, PLACE) and inside[0] != (start, end):
                continue  # "George Washington", "Jordan Peterson", "Sydney Brenner"
            if any(i in person_tokens for i in range(start, end)):
                persons = [p for p in persons if not (p[0] < end and start < p[1])]
                person_tokens = {i for s, e in persons for i in range(s, e)}
            kept.append((start, end, entry))
        for start, end, entry in kept:
            self._add(Unit(start, end, "entry", entry=entry, plural=self._plural(start, end), cue=doc[end - 1].lemma_.lower()))
        # surnames of full names: a bare surname the tagger missed or called an ORG is the person
        surnames = {doc[e - 1].lower_ for s, e in persons if e - s >= 2}
        covered = {i for s, e, _ in kept for i in range(s, e)} | {i for s, e in persons for i in range(s, e)}
        for start, end in list(orgs):
            if end - start == 1 and doc[start].lower_ in surnames:
                orgs.remove((start, end))
        for tok in tokens(doc):
            if tok.i not in covered and tok.lower_ in surnames and tok.pos_ == "PROPN" and tok.is_title:
                persons.append((tok.i, tok.i + 1))
            elif (
                tok.i not in covered
                and not self.gaz.dictionary_agents
                and _bare_subject(tok)
                and self.gaz.role_at(self.words, tok.i) is None  # "Parliament voted"
            ):
                persons.append((tok.i, tok.i + 1))  # "Merkel said": a surname the tagger left untyped
        full_surnames = {doc[e - 1].lower_ for s, e in persons if e - s >= 2}
        persons = sorted(p for p in persons if not self._common_word_alone(p, full_surnames))
        for start, end in persons:
            if self._free(start, end):
                unit = self._add(Unit(start, end, "person", cue="person"))
                entry = dict_in_person.get((start, end))
                if entry is not None:
                    unit.entry = entry
        for start, end in orgs:
            while start < end and doc[start].lower_ == "the":
                start += 1
            while end > start and not (doc[end - 1].is_alpha or doc[end - 1].is_digit):
                end -= 1
            if end <= start or not self._free(start, end):
                continue
            span = doc[start:end]
            if not any(t.is_title or t.is_upper for t in span if t.is_alpha):
                continue
            if self.gaz.role_at(self.words, start) is not None and self.gaz.role_at(self.words, start)[0] >= end:
                continue
            label = span.text
            sector = self.gaz.name_sector(t.text for t in span)  # "The New York Times": MED
            entry = Entry(ORG, actor_id(ActorKind.ORG, label), label, ActorType.ORGANIZATION, None, sector,
                          source="entity")
            self._add(Unit(start, end, "entry", entry=entry, cue="organization"))
        self._parenthesised_aliases()

    def _named_organisations(
        self, entries: list[tuple[int, int, Entry]], orgs: list[tuple[int, int]]
    ) -> list[tuple[int, int, Entry]]:
        """Organisations whose name holds a country: the organisation, with that country.

        "the British Medical Association" (GBR, MED), "the Washington Post" (USA, MED), "the
        Muslim Council of Britain" (GBR, REL): a country name, demonym or capital inside an
        organisation's name, from the tagger's ORG entities or a capitalised name ending in
        an organisation word. Where the rest of the name is a role word ("Iranian Foreign
        Ministry", "U.S. Congress") the role rules decide instead.
        """
        doc = self.doc
        countries = {s: (e, entry) for s, e, entry in entries if entry.kind in (STATE, ADJ, GOVERNMENT, PLACE)}
        covering = {(s, e) for s, e, entry in entries if entry.kind not in (STATE, ADJ, GOVERNMENT, PLACE)}
        spans = set()
        for start, end in orgs:
            while start < end and doc[start].lower_ == "the":
                start += 1
            spans.add((start, end))
        for s, (e, entry) in countries.items():  # "British Medical Association" untagged
            k = e
            while k < len(doc) and doc[k].is_title and doc[k].is_alpha and k not in countries:
                k += 1
            if k > e and doc[k - 1].lower_ in _ORG_HEADS:
                spans.add((s, k))
        found: list[tuple[int, int, Entry]] = []
        for start, end in sorted(spans):
            if end < len(doc) - 1 and doc[end].lower_ == "of" and end + 1 in countries:
                end = countries[end + 1][0]  # "the Muslim Council of Britain"
            inner = [(s, countries[s]) for s in range(start, end) if s in countries and countries[s][0] <= end]
            if not inner or (start, end) in covering or any(inner_s == start and e == end for inner_s, (e, _) in inner):
                continue
            rest = [i for i in range(start, end) if not any(s <= i < e for s, (e, _) in inner)]
            words = [doc[i] for i in rest if doc[i].is_alpha and doc[i].lower_ not in ("of", "the", "and", "for")]
            if not words or not all(w.is_title or w.is_upper for w in words):
                continue
            first = rest[0]
            role = self.gaz.role_at(self.words, first)
            if role is not None and role[0] >= end:
                continue  # "Iranian Foreign Ministry": a role word qualified by a country
            country = inner[0][1][1].country
            while doc[start].lower_ == "the":
                start += 1
            label = doc[start:end].text
            sector = self.gaz.name_sector(w.text for w in words)
            entry = Entry(ORG, actor_id(ActorKind.ORG, label), label, ActorType.ORGANIZATION, country, sector,
                          source="entity")
            found.append((start, end, entry))
        kept: list[tuple[int, int, Entry]] = []
        for item in sorted(found, key=lambda f: (f[0], -f[1])):
            if not kept or item[0] >= kept[-1][1]:
                kept.append(item)
        return kept

    def _parenthesised_aliases(self) -> None:
        """A name in parentheses right after a name is that name's alias: "the European Union (EU)"."""
        doc = self.doc
        for before in sorted(self.units, key=lambda u: u.start):  # an acronym no list knows: "(HL)"
            k = before.end
            if before.kind != "entry" or before.entry is None or k + 2 >= len(doc) or k + 1 in self.unit_at:
                continue
            word = doc[k + 1]
            if doc[k].text == "(" and doc[k + 2].text == ")" and word.is_alpha and word.is_upper and len(word) <= 8:
                self._add(Unit(k + 1, k + 2, "entry", entry=before.entry, cue=before.cue))
        for unit in sorted(self.units, key=lambda u: u.start):
            if unit.kind != "entry" or unit.start < 2 or unit.end >= len(doc):
                continue
            if doc[unit.start - 1].text != "(" or doc[unit.end].text != ")":
                continue
            before = self.unit_at.get(unit.start - 2)
            if before is not None and before.kind == "entry" and before.entry is not None and before.end == unit.start - 1:
                unit.entry = before.entry

    def _common_word_alone(self, span: tuple[int, int], full_surnames: set[str]) -> bool:
        """Whether a one-word name is a common word the text does not make a person.

        "Rice prices rose", "Bush fires destroyed homes": a surname that is also an English
        word (`common_words`), written alone at the start of a sentence (where any word has
        a capital), with no title or honorific before it and no full name of the document
        ending in it, is a person only where it heads its phrase as a subject, possessor or
        object ("Rice said", "Cooper said"), unless the tagger calls it a place, a date or
        a number ("in May").
        """
        start, end = span
        tok = self.doc[start]
        if end - start != 1 or tok.lower_ not in common_words() or tok.lower_ in full_surnames:
            return False
        if not (tok.is_sent_start or start > 0 and self.doc[start - 1].is_punct and self.doc[start - 1].lower_ not in ",."):
            return False  # a capital inside a sentence is a name's ("the Bush administration")
        if start > 0 and self.doc[start - 1].lower_ in _HONORIFICS:
            return False
        if any((hit := self.gaz.role_at(self.words, j)) is not None and hit[0] == start for j in range(max(0, start - 4), start)):
            return False  # "Secretary of State Rice"
        return not (tok.ent_type_ in ("PERSON", "ORG", "NORP", "") and tok.dep_ in _PERSON_DEPS)

    def _clean_person(self, start: int, end: int) -> tuple[int, int] | None:
        doc = self.doc
        while start < end:
            tok = doc[start]
            if tok.lower_ in _HONORIFICS or tok.lower_ in ("the", "a") or not (tok.is_alpha or tok.text.endswith(".")):
                start += 1
                continue
            hit = self.gaz.role_at(self.words, start)
            if hit is not None and hit[0] < end and hit[1].kind == "title":
                start = hit[0]
                continue
            break
        while end > start and (doc[end - 1].text in ("'s", "\u2019s", "'", "\u2019") or doc[end - 1].is_punct):
            end -= 1
        if end <= start:
            return None
        return start, end

    def _plural(self, start: int, end: int) -> bool:
        return self.doc[end - 1].tag_ in ("NNS", "NNPS")
