"""Doc → actors: find the political actors a document mentions and what each phrase denotes.

Resolution runs in four passes over one parsed document, each linear in its tokens:

1. **Names.** The gazetteer's phrase index (and any loaded dictionaries) finds country names,
   demonyms, capitals, IGOs, organizations and regional adjectives; spaCy's PERSON entities
   (titles stripped) and ORG entities the gazetteer does not know are added; a run of proper
   nouns right after an office title ("Prime Minister Falastur") is taken as a person.
2. **Role words.** Each government word, office title, body or kind of people finds the actor
   that qualifies it, first to its left in the same noun phrase ("Iranian regime", "Iran's
   president", "U.S. authorities"), else through the parse ("officials *of* the Islamic
   Republic"). With a country, a government word or an unnamed government office denotes
   that country's **government** ("the U.S. administration", "the U.S. President" →
   ``government/USA``); a body denotes an organization ("Iranian military"); a plural kind of
   people a group ("Iranian officials"). A title next to a person, or in apposition to one
   ("Hassan Rouhani, Iran's president"), becomes that person's role; the person's country
   and sector follow from it.
3. **People.** Within a document, a shorter name (a surname) joins the one full name that
   ends with it; if two full names end with it, it stays apart (its own actor). Across
   documents the same full name is the same actor (ids are slugs of the name).
4. **Coreference** (rules, no model), in document order, against the actors mentioned before:

   * *he, him, his, she, her, himself, herself* → the most recent person;
   * *it* (as object), *its, itself* → the most recent singular state, government or
     organization; *they, them, their* → the most recent plural government, group or
     organization; inside a quotation, not one on the speaker's side;
   * *we, us, our* inside a quotation → the speaker's side: the government of a speaker who
     holds a government office, else the speaker;
   * definite descriptions: *the/this regime, government, administration* → the actor last
     called so, else the most recent government; *his regime* → the government of his
     country; *the country* → the speaker's state inside a quotation, else the most recent
     state's; *the president* (any title) → the last person holding it; *the bloc, the
     alliance, the organization* → the most recent organization.

A country name or demonym alone denotes the **state** (``state/USA``): "talks with the U.S.",
"the U.S. pursues a policy". Capitals and seats (Tehran, Washington, the White House, the
Kremlin) and names such as "the Islamic Republic" denote the **government**.

Limits: no gender or animacy beyond the pronoun classes above; cataphora is not resolved;
"it" as subject is treated as expletive; an ambiguous surname is never guessed; a quotation's
speaker is the subject of a speech verb in the sentence where the quotation opens or closes.

Notes:
    The pronoun rules are a recency-and-agreement baseline in the spirit of Hobbs (1978)
    and Lappin & Leass (1994); the CAMEO convention that an unnamed office holder codes as
    the country's government (``USAGOV``) is from the CAMEO actor codebook (Schrodt 2012).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kg.types import Actor, ActorType, Document, Role

from kg.actors.dictionaries import code_on, compose_code
from kg.actors.gazetteer import (
    ADJ,
    DICT,
    GOVERNMENT,
    GROUP,
    NULL,
    ORG,
    PERSON,
    REGION,
    STATE,
    Entry,
    Gazetteer,
    RoleWord,
    government_label,
    slug,
)
from kg.actors.registry import ActorRegistry

__all__ = ["Mention", "Resolution", "resolve_actors"]

_HE = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_IT = {"its", "itself", "it"}
_THEY = {"they", "them", "their", "theirs", "themselves"}
_WE = {"we", "us", "our", "ours", "ourselves"}
_POSS_PRON = {"his", "her", "its", "their", "our"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "sheikh", "gen.", "lt.", "col.", "sen.", "rep."}
_SKIP_LEFT = {"senior", "top", "former", "current", "then", "new", "previous", "acting", "interim", "outgoing", "incoming", "late", "powerful", "hardline", "hard-line", "moderate", "veteran", "chief"}
#: Nouns that, definite, describe an actor met before: head lemma → the type they refer to.
_DESCRIPTIONS = {
    "country": ActorType.STATE,
    "nation": ActorType.STATE,
    "kingdom": ActorType.STATE,
    "bloc": ActorType.ORGANIZATION,
    "alliance": ActorType.ORGANIZATION,
    "organization": ActorType.ORGANIZATION,
    "organisation": ActorType.ORGANIZATION,
    "union": ActorType.ORGANIZATION,
    "agency": ActorType.ORGANIZATION,
    "movement": ActorType.ORGANIZATION,
}
#: Collective nouns for armed or organized bodies of people: "X's militia" is coded as X
#: when no role word says more (CAMEO codes an unnamed body by the actor it belongs to).
_OWNED = {
    "militia", "militias", "force", "forces", "army", "troops", "fighters", "guard", "guards", "navy",
    "people", "population", "citizens", "delegation", "team", "side", "camp", "leadership", "representatives",
}
_SPEECH = {"say", "tell", "add", "state", "declare", "insist", "stress", "warn", "note", "explain", "write", "claim", "announce", "remark", "assert", "conclude", "reply", "respond"}
_QUOTE_OPEN = {"\u201c", "``"}
_QUOTE_CLOSE = {"\u201d", "''"}
_PERSON_TYPES = {ActorType.PERSON}


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase of the document and the actor it denotes.

    Attributes:
        span: The phrase.
        actor: The actor (with aliases and roles merged in the registry).
        kind: How it was found: ``"name"``, ``"person"``, ``"role"`` (a role word or a
            title of a named person), ``"pronoun"``, ``"description"``.
    """

    span: Span
    actor: Actor
    kind: str


class Resolution:
    """The actors of one document, by phrase.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> from kg.types import Document
        >>> text = "Iranian President Hassan Rouhani met U.S. officials."
        >>> doc = load_pipeline()(text)
        >>> res = resolve_actors(doc, Document("d", text), ActorRegistry())
        >>> res.actor_of(doc[0:4]).id, res.actor_of(doc[0:4]).code
        ('person/hassan-rouhani', 'IRNGOV')
    """

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self._by_token: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.span.start, mention.span.end):
                self._by_token[i] = mention

    def __repr__(self) -> str:
        return f"Resolution({len(self.mentions)} mentions, {len(self.actors())} actors)"

    def mention_at(self, token: Token | int) -> Mention | None:
        """The mention covering a token, if any."""
        return self._by_token.get(token if isinstance(token, int) else token.i)

    def actor_of(self, span: Span | None) -> Actor | None:
        """What the phrase as a whole denotes: the actor of its head, or None.

        "Iranian regime supreme leader Ali Khamenei" → Khamenei; "the U.S. administration" →
        government of the United States; "his regime" → the government of his country;
        "plans for talks with U.S. authorities" → None (use `actors_in`).
        """
        if span is None or len(span) == 0:
            return None
        root = span.root
        mention = self._by_token.get(root.i)
        if mention is not None:
            return mention.actor
        for child in root.children:  # "the United States" parsed with a compound head
            if child.dep_ in ("compound", "flat") and child.i in self._by_token and span.start <= child.i < span.end:
                if root.pos_ == "PROPN":
                    return self._by_token[child.i].actor
        for child in root.children:  # "Ithilen's militia": a group word no lexicon knows, coded by its owner
            if child.dep_ == "poss" and root.lemma_.lower() in _OWNED and span.start <= child.i < span.end:
                mention = self._by_token.get(child.i)
                if mention is not None and mention.kind != "pronoun":
                    return mention.actor
        return None

    def actors_in(self, span: Span | None) -> list[Actor]:
        """Every actor mentioned inside the phrase, in order, each once."""
        if span is None:
            return []
        seen: dict[str, Actor] = {}
        for i in range(span.start, span.end):
            mention = self._by_token.get(i)
            if mention is not None and mention.actor.id not in seen:
                seen[mention.actor.id] = mention.actor
        return list(seen.values())

    def actors(self) -> list[Actor]:
        """Every actor of the document, in order of first mention."""
        return self.actors_in(self.doc[:]) if len(self.doc) else []


@dataclass(eq=False, slots=True)
class _Unit:
    start: int
    end: int
    kind: str  # entry, person, role, pronoun, description
    entry: Entry | None = None
    role: RoleWord | None = None
    anchor: _Unit | None = None
    person: _Unit | None = None  # for a title: the person it qualifies
    cluster: int = -1  # for a person: its cluster
    actor: Actor | None = None
    resolved: bool = False
    plural: bool = False
    cue: str = ""


@dataclass(slots=True)
class _Cluster:
    key: str
    label: str
    names: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    codes: tuple[tuple[str, str | None, str | None], ...] = ()
    agents: list[str] = field(default_factory=list)  # dictionary agent codes of its titles


class _Resolver:
    def __init__(self, doc: Doc, document: Document, registry: ActorRegistry) -> None:
        self.doc = doc
        self.date: dt.date | None = document.date
        self.registry = registry
        self.gaz: Gazetteer = registry.gazetteer
        self.words = [t.text for t in doc]
        self.units: list[_Unit] = []
        self.unit_at: dict[int, _Unit] = {}
        self.clusters: list[_Cluster] = []
        self.quote_of: dict[int, int] = {}  # token → quote index
        self.quote_speaker: list[Token | None] = []
        self.history: list[tuple[_Unit, Actor]] = []

    # ----------------------------------------------------------------- helpers
    def _add(self, unit: _Unit) -> _Unit:
        self.units.append(unit)
        for i in range(unit.start, unit.end):
            self.unit_at[i] = unit
        return unit

    def _free(self, start: int, end: int) -> bool:
        return all(i not in self.unit_at for i in range(start, end))

    def _state(self, code: str) -> Actor:
        return Actor(f"state/{code}", self.gaz.state_label(code), ActorType.STATE, code)

    def _government(self, code: str) -> Actor:
        return Actor(f"government/{code}", government_label(self.gaz.state_label(code)), ActorType.GOVERNMENT, code, "GOV")

    # ----------------------------------------------------------------- pass 1: names
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
        person_tokens = {i for s, e in persons for i in range(s, e)}
        dict_in_person: dict[tuple[int, int], Entry] = {}
        kept: list[tuple[int, int, Entry]] = []
        for start, end, entry in entries:
            inside = [p for p in persons if p[0] <= start and end <= p[1]]
            if inside and entry.kind == DICT:
                dict_in_person[inside[0]] = entry
                continue
            if inside and entry.kind in (STATE, ADJ, GOVERNMENT, REGION) and inside[0] != (start, end):
                continue  # "George Washington", "Jordan Peterson"
            if any(i in person_tokens for i in range(start, end)):
                persons = [p for p in persons if not (p[0] < end and start < p[1])]
                person_tokens = {i for s, e in persons for i in range(s, e)}
            kept.append((start, end, entry))
        for start, end, entry in kept:
            self._add(_Unit(start, end, "entry", entry=entry, plural=self._plural(start, end), cue=doc[end - 1].lemma_.lower()))
        # surnames of full names: a bare surname the tagger missed or called an ORG is the person
        surnames = {doc[e - 1].lower_ for s, e in persons if e - s >= 2}
        covered = {i for s, e, _ in kept for i in range(s, e)} | {i for s, e in persons for i in range(s, e)}
        for start, end in list(orgs):
            if end - start == 1 and doc[start].lower_ in surnames:
                orgs.remove((start, end))
        for tok in doc:
            if tok.i not in covered and tok.lower_ in surnames and tok.pos_ == "PROPN" and tok.is_title:
                persons.append((tok.i, tok.i + 1))
        persons.sort()
        for start, end in persons:
            if self._free(start, end):
                unit = self._add(_Unit(start, end, "person", cue="person"))
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
            entry = Entry(ORG, f"org/{slug(label)}", label, ActorType.ORGANIZATION, source="entity")
            self._add(_Unit(start, end, "entry", entry=entry, cue="organization"))
        self._parenthesised_aliases()

    def _parenthesised_aliases(self) -> None:
        """A name in parentheses right after a name is that name's alias: "the European Union (EU)"."""
        doc = self.doc
        for before in sorted(self.units, key=lambda u: u.start):  # an acronym no list knows: "(HL)"
            k = before.end
            if before.kind != "entry" or before.entry is None or k + 2 >= len(doc) or k + 1 in self.unit_at:
                continue
            word = doc[k + 1]
            if doc[k].text == "(" and doc[k + 2].text == ")" and word.is_alpha and word.is_upper and len(word) <= 8:
                self._add(_Unit(k + 1, k + 2, "entry", entry=before.entry, cue=before.cue))
        for unit in sorted(self.units, key=lambda u: u.start):
            if unit.kind != "entry" or unit.start < 2 or unit.end >= len(doc):
                continue
            if doc[unit.start - 1].text != "(" or doc[unit.end].text != ")":
                continue
            before = self.unit_at.get(unit.start - 2)
            if before is not None and before.kind == "entry" and before.entry is not None and before.end == unit.start - 1:
                unit.entry = before.entry

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

    # ----------------------------------------------------------------- pass 1b: pronouns, quotes
    def find_pronouns(self) -> None:
        for tok in self.doc:
            if tok.i in self.unit_at:
                continue
            low = tok.lower_
            if tok.pos_ == "PRON" or low in _POSS_PRON:
                if low in _HE or low in _THEY or low in _WE or (low in ("its", "itself")) or (
                    low == "it" and tok.dep_ in ("dobj", "pobj")
                ):
                    self._add(_Unit(tok.i, tok.i + 1, "pronoun", cue=low, plural=low in _THEY or low in _WE))
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in _DESCRIPTIONS and tok.tag_ == "NN":
                det = [c for c in tok.children if c.dep_ in ("det", "poss")]
                if det and det[0].lower_ in _DEFINITE:
                    if not any(c.dep_ in ("amod", "compound") and c.i in self.unit_at for c in tok.children):
                        self._add(_Unit(tok.i, tok.i + 1, "description", cue=tok.lemma_.lower()))

    def find_quotes(self) -> None:
        doc = self.doc
        spans: list[tuple[int, int]] = []
        start: int | None = None
        for tok in doc:
            text = tok.text
            if text in _QUOTE_OPEN or (text == '"' and start is None):
                start = tok.i
            elif (text in _QUOTE_CLOSE or text == '"') and start is not None:
                spans.append((start, tok.i + 1))
                start = None
        if start is not None:
            spans.append((start, len(doc)))
        for n, (s, e) in enumerate(spans):
            for i in range(s, e):
                self.quote_of[i] = n
        for n, (s, e) in enumerate(spans):
            speaker = self._speaker(s, e, n)
            if speaker is None and n > 0 and s - spans[n - 1][1] <= 5:
                speaker = self.quote_speaker[n - 1]  # a quotation continued: “...,” X said. “...”
            self.quote_speaker.append(speaker)

    def _speaker(self, s: int, e: int, n: int) -> Token | None:
        doc = self.doc
        sents = []
        if e - 1 < len(doc):
            sents.append(doc[e - 1].sent)
        sents.append(doc[s].sent)
        for sent in sents:
            for tok in sent:
                if self.quote_of.get(tok.i) == n or tok.lemma_.lower() not in _SPEECH or tok.pos_ not in ("VERB", "AUX"):
                    continue
                verb = tok
                for _ in range(3):
                    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subj:
                        return subj[0]
                    if verb.dep_ != "conj":
                        break
                    verb = verb.head
        return None

    # ----------------------------------------------------------------- pass 2: role words
    def find_roles(self) -> None:
        doc = self.doc
        lemmas = [t.lemma_ for t in doc]
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

    def _left_anchor(self, start: int) -> _Unit | None:
        doc = self.doc
        j = start - 1
        sent_start = doc[start].sent.start
        while j >= sent_start:
            unit = self.unit_at.get(j)
            if unit is not None:
                if unit.kind == "role" and unit.role is not None and unit.role.kind == "title" and unit.person is None:
                    return unit if unit.anchor is not None and unit.role.agent is not None else None
                return unit
            tok = doc[j]
            if tok.dep_ == "case" or tok.lower_ in _SKIP_LEFT or (tok.pos_ == "ADJ" and tok.dep_ == "amod"):
                j -= 1
                continue
            return None
        return None

    def _dep_anchor(self, start: int, end: int, kind: str) -> _Unit | None:
        root = self.doc[end - 1]
        preps = ("of", "from", "in") if kind in ("people", "body") else ("of", "from")
        for child in root.children:
            if child.i >= start and child.i < end:
                continue
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i in self.unit_at:
                unit = self.unit_at[child.i]
                if unit.kind != "person" or self._coded_person(unit):
                    return unit
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    # "soldiers from Gondor", or a misparse that makes the name a modifier of the object
                    near = [pobj, *(c for c in pobj.lefts if c.dep_ == "compound")]
                    for tok in near:
                        unit = self.unit_at.get(tok.i)
                        if unit is not None and (unit.kind != "person" or self._coded_person(unit)):
                            return unit
        return None

    def _coded_person(self, unit: _Unit) -> bool:
        """A "person" whose name is a dictionary actor: the tagger's PERSON on a place name."""
        return unit.kind == "person" and unit.entry is not None and unit.entry.kind == DICT

    def _person_for(self, start: int, end: int) -> _Unit | None:
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
                person = self._add(_Unit(end, k, "person", cue="person"))
        right = None
        if anchor is None and person is None and role.agent is not None:
            right = self._right_anchor(start, end)
            anchor = right
        unit = _Unit(start, end, "role", role=role, anchor=anchor, person=person, plural=self._plural(start, end), cue=role.phrase)
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
            definite = bool(det) and (det[0].lower_ in _DEFINITE)
            attributive = doc[end - 1].dep_ == "compound"
            if role.kind == "government" and not (definite or attributive):
                return
            if role.kind == "title" and not definite:
                return
            unit.kind = "description"
        if anchor is None and role.kind in ("people", "body", "collective") and role.agent is None:
            return
        self._add(unit)

    def _right_anchor(self, start: int, end: int) -> _Unit | None:
        """The name an agent word modifies right after it ("MSF Arnor"), else None."""
        unit = self.unit_at.get(end)
        if unit is None or unit.kind not in ("entry", "person") or unit.start != end:
            return None
        if unit.entry is not None and unit.entry.kind == NULL:
            return None
        head = self.doc[end - 1].head.i
        return unit if unit.start <= head < unit.end and self.doc[end - 1].dep_ in ("compound", "amod", "nmod") else None

    # ----------------------------------------------------------------- pass 3: people
    def cluster_people(self) -> None:
        persons = [u for u in self.units if u.kind == "person"]
        full: dict[str, int] = {}
        for unit in persons:
            name = self.doc[unit.start : unit.end].text
            if unit.end - unit.start >= 2:
                key = slug(name)
                if key not in full:
                    full[key] = len(self.clusters)
                    self.clusters.append(_Cluster(key, name))
                unit.cluster = full[key]
        by_last: dict[str, set[int]] = {}
        for key, n in full.items():
            last = self.clusters[n].label.split()[-1].lower()
            by_last.setdefault(last, set()).add(n)
        for unit in persons:
            if unit.cluster >= 0:
                continue
            name = self.doc[unit.start : unit.end].text
            matches = by_last.get(name.lower(), set())
            if len(matches) == 1:
                unit.cluster = next(iter(matches))
            else:
                key = slug(name)
                existing = [n for n, c in enumerate(self.clusters) if c.key == key]
                if existing:
                    unit.cluster = existing[0]
                else:
                    unit.cluster = len(self.clusters)
                    self.clusters.append(_Cluster(key, name))
        for unit in persons:
            cluster = self.clusters[unit.cluster]
            cluster.names.add(self.doc[unit.start : unit.end].text)
            if unit.entry is not None and unit.entry.codes and not cluster.codes:
                cluster.codes = unit.entry.codes
        for unit in self.units:
            if unit.kind == "role" and unit.person is not None and unit.role is not None:
                country = self._country(unit.anchor) if unit.anchor is not None else None
                role = Role(unit.role.phrase, country, unit.role.sector)
                cluster = self.clusters[unit.person.cluster]
                if role not in cluster.roles:
                    cluster.roles.append(role)
                if unit.role.agent is not None and unit.role.agent not in cluster.agents:
                    cluster.agents.append(unit.role.agent)

    def _person_actor(self, cluster: _Cluster) -> Actor:
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
            f"person/{cluster.key}",
            cluster.label,
            ActorType.PERSON,
            country,
            sector,
            frozenset(cluster.names - {cluster.label}),
            tuple(cluster.roles),
            cameo,
        )

    # ----------------------------------------------------------------- pass 4: actors and coreference
    def _country(self, unit: _Unit | None) -> str | None:
        if unit is None:
            return None
        if unit.kind == "entry" and unit.entry is not None:
            entry = unit.entry
            if entry.kind == DICT:
                code = code_on(entry.codes, self.date) or ""
                return code[:3] or None
            return entry.country
        actor = self._resolve(unit)
        return actor.country if actor is not None else None

    def _entry_actor(self, unit: _Unit) -> Actor | None:
        entry = unit.entry
        if entry is None or entry.kind == NULL:
            return None
        if entry.kind != DICT:
            return Actor(entry.actor_id, entry.label, entry.type, entry.country, entry.sector)
        code = code_on(entry.codes, self.date) or ""
        if not code or code in ("---", "+++", "###"):
            return None
        country, sector = code[:3], code[3:] or None
        span = self.doc[unit.start : unit.end]
        if any(t.ent_type_ == "PERSON" for t in span):
            return Actor(f"person/{slug(entry.label)}", entry.label, ActorType.PERSON, country, sector)
        if sector is None:
            return Actor(f"state/{country}", self.gaz.state_label(country), ActorType.STATE, country)
        if sector == "GOV":
            return self._government(country)
        return Actor(f"org/{slug(entry.label)}", entry.label, ActorType.ORGANIZATION, country, sector)

    def _role_actor(self, unit: _Unit) -> Actor | None:
        role = unit.role
        if role is None:
            return None
        if unit.person is not None:
            return self._resolve(unit.person)
        anchor = self._resolve(unit.anchor) if unit.anchor is not None else None
        if role.agent is not None:
            return self._agent_actor(unit, role, anchor)
        if anchor is None:
            return None
        if self.gaz.dictionary_agents and self._from_dictionary(unit.anchor):
            return anchor  # a role word the loaded agents lack adds nothing to a dictionary code
        if anchor.type is ActorType.GROUP and anchor.id in {g.actor_id for g in self.gaz.groups.values()}:
            return anchor  # "European states", "European governments", "European officials"
        if anchor.type is ActorType.ORGANIZATION and role.kind in ("government", "title", "collective"):
            return anchor
        country = anchor.country
        if country is None:
            return None
        sector = role.sector or ""
        if role.kind == "government" or (role.kind == "title" and sector.startswith("GOV")):
            return self._government(country)
        if role.kind in ("title", "body"):
            label = self.gaz.body_labels.get(sector, sector.lower() or "forces")
            name = f"{self.gaz.adjective(country)} {label}"
            return Actor(f"org/{slug(name)}", name, ActorType.ORGANIZATION, country, sector or None)
        if role.kind == "people":
            name = f"{self.gaz.adjective(country)} {role.phrase}"
            return Actor(f"group/{slug(name)}", name, ActorType.GROUP, country, sector or None)
        if role.kind == "collective":
            return self._state(country) if anchor.type is not ActorType.GROUP else anchor
        return None

    def _from_dictionary(self, unit: _Unit | None) -> bool:
        """Whether the unit's code comes from a dictionary (a dictionary name, or an agent on one)."""
        while unit is not None:
            if unit.entry is not None and unit.entry.kind == DICT:
                return True
            if unit.kind != "role":
                return False
            unit = unit.anchor
        return False

    def _agent_actor(self, unit: _Unit, role: RoleWord, anchor: Actor | None) -> Actor | None:
        """A dictionary agent on the actor it qualifies: their codes composed (`compose_code`)."""
        agent = role.agent or ""
        if anchor is None:
            if unit.anchor is not None or role.kind != "people":
                return None  # an unresolved qualifier, or a singular agent word alone
            sector = compose_code(None, [agent])
            return Actor(f"group/{slug(role.phrase)}", role.phrase, ActorType.GROUP, None, sector)
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
        prefix = "group" if kind is ActorType.GROUP else "org"
        if country and code.startswith(country):
            return Actor(f"{prefix}/{slug(name)}", name, kind, country, code[len(country) :] or None)
        return Actor(f"{prefix}/{slug(name)}", name, kind, country, None, cameo=code)

    def _speaker_side(self, unit: _Unit) -> Actor | None:
        n = self.quote_of.get(unit.start)
        if n is None:
            return None
        tok = self.quote_speaker[n]
        if tok is None or tok.i not in self.unit_at:
            return None
        speaker_unit = self.unit_at[tok.i]
        if speaker_unit is unit:
            return None
        speaker = self._resolve(speaker_unit)
        if speaker is None:
            return None
        if speaker.type is ActorType.PERSON and speaker.country and (speaker.sector or "").startswith("GOV"):
            return self._government(speaker.country)
        return speaker

    def _recent(self, accept, *, before: int) -> Actor | None:  # noqa: ANN001
        for unit, actor in reversed(self.history):
            if unit.start < before and accept(unit, actor):
                return actor
        return None

    def _pronoun_actor(self, unit: _Unit) -> Actor | None:
        low = unit.cue
        side = self._speaker_side(unit)
        if low in _WE:
            return side
        if low in _HE:
            return self._recent(lambda u, a: a.type is ActorType.PERSON, before=unit.start)
        if low in _IT:
            return self._recent(
                lambda u, a: a.type in (ActorType.STATE, ActorType.GOVERNMENT, ActorType.ORGANIZATION)
                and not u.plural
                and u.kind != "pronoun",
                before=unit.start,
            )
        if low in _THEY:
            excluded = side.country if side is not None else None
            return self._recent(
                lambda u, a: a.type is not ActorType.PERSON
                and (u.plural or a.type is ActorType.GROUP)
                and u.cue not in _WE
                and (excluded is None or a.country != excluded),
                before=unit.start,
            )
        return None

    def _description_actor(self, unit: _Unit) -> Actor | None:
        cue = unit.cue
        role = unit.role
        if role is not None and role.kind == "government":
            poss = [c for c in self.doc[unit.end - 1].children if c.dep_ == "poss"]
            if poss and poss[0].i in self.unit_at:
                owner = self._resolve(self.unit_at[poss[0].i])
                if owner is not None and owner.type is ActorType.GOVERNMENT:
                    return owner
                return self._government(owner.country) if owner is not None and owner.country else None
            side = self._speaker_side(unit)
            same = self._recent(lambda u, a: u.cue == cue and a.type is ActorType.GOVERNMENT, before=unit.start)
            if same is not None:
                return same
            if side is not None and side.type is ActorType.GOVERNMENT:
                return side
            recent = self._recent(
                lambda u, a: a.type is ActorType.GOVERNMENT or (a.type is ActorType.STATE and a.country), before=unit.start
            )
            if recent is not None and recent.country:
                return self._government(recent.country)
            return None
        if role is not None and role.kind == "title":
            return self._recent(
                lambda u, a: a.type is ActorType.PERSON and any(r.title == role.phrase for r in self._roles_of(u)),
                before=unit.start,
            )
        wanted = _DESCRIPTIONS.get(cue)
        if wanted is ActorType.STATE:
            side = self._speaker_side(unit)
            if side is not None and side.country:
                return self._state(side.country)
            recent = self._recent(
                lambda u, a: a.type in (ActorType.STATE, ActorType.GOVERNMENT) and a.country, before=unit.start
            )
            return self._state(recent.country) if recent is not None and recent.country else None
        if wanted is ActorType.ORGANIZATION:
            return self._recent(lambda u, a: a.type is ActorType.ORGANIZATION, before=unit.start)
        return None

    def _roles_of(self, unit: _Unit) -> list[Role]:
        if unit.kind == "person" and unit.cluster >= 0:
            return self.clusters[unit.cluster].roles
        if unit.kind == "role" and unit.person is not None:
            return self._roles_of(unit.person)
        return []

    def _resolve(self, unit: _Unit | None) -> Actor | None:
        if unit is None:
            return None
        if unit.resolved:
            return unit.actor
        unit.resolved = True  # guards against cycles
        if unit.kind == "entry":
            actor = self._entry_actor(unit)
        elif unit.kind == "person":
            actor = self._person_actor(self.clusters[unit.cluster]) if unit.cluster >= 0 else None
        elif unit.kind == "role":
            actor = self._role_actor(unit)
        elif unit.kind == "pronoun":
            actor = self._pronoun_actor(unit)
        elif unit.kind == "description":
            actor = self._description_actor(unit) if unit.anchor is None else self._role_actor(unit)
        else:
            actor = None
        unit.actor = actor
        return actor

    def run(self) -> Resolution:
        self.find_names()
        self.find_pronouns()
        self.find_quotes()
        self.find_roles()
        self.cluster_people()
        self.units.sort(key=lambda u: (u.start, u.end))
        for unit in self.units:
            actor = self._resolve(unit)
            if actor is not None:
                self.history.append((unit, actor))
        merged: dict[str, Actor] = {}
        for unit, actor in self.history:
            aliases = _aliases(self.doc[unit.start : unit.end], unit)
            if actor.id in merged:
                old = merged[actor.id]
                merged[actor.id] = replace(old, aliases=old.aliases | aliases)
            else:
                merged[actor.id] = replace(actor, aliases=actor.aliases | aliases)
        final = {aid: self.registry.merge(actor) for aid, actor in merged.items()}
        mentions = [
            Mention(self.doc[u.start : u.end], final[a.id], _mention_kind(u)) for u, a in self.history
        ]
        return Resolution(self.doc, mentions)


def _mention_kind(unit: _Unit) -> str:
    if unit.kind == "entry":
        return "name"
    return unit.kind


def _aliases(span: Span, unit: _Unit) -> frozenset[str]:
    if unit.kind == "entry":
        if unit.entry is None or unit.entry.kind in (ADJ, REGION):
            return frozenset()
    elif unit.kind == "role":
        if unit.person is not None or unit.role is None or len(span) <= len(unit.role.phrase.split()):
            return frozenset()
    elif unit.kind != "person":
        return frozenset()
    words = [t for t in span if t.lower_ not in ("the", "'s", "\u2019s")]
    if not words:
        return frozenset()
    text = span.doc[words[0].i : words[-1].i + 1].text
    return frozenset({text})


def resolve_actors(doc: Doc, document: Document, registry: ActorRegistry) -> Resolution:
    """Find the actors a parsed document mentions and what each phrase denotes.

    Args:
        doc: The document parsed by `kg.nlp.load_pipeline()` (needs tags, parse and entities).
        document: The document's metadata; its ``date`` selects dated dictionary codes.
        registry: Cross-document memory; actors found here are merged into it.

    Returns:
        The document's `Resolution`.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> from kg.types import Document
        >>> text = "Khamenei rejected talks with U.S. authorities."
        >>> doc = load_pipeline()(text)
        >>> res = resolve_actors(doc, Document("d", text), ActorRegistry())
        >>> [a.id for a in res.actors_in(doc[:])]
        ['person/khamenei', 'government/USA']
    """
    return _Resolver(doc, document, registry).run()

