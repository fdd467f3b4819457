"""Doc → actors: find the political actors a document mentions and what each phrase denotes.

Resolution runs in four passes over one parsed document, each linear in its tokens and each
in its own module:

1. **Names** (`kg.actors.names`): gazetteer and dictionary names, people, organisations.
2. **Role words** (`kg.actors.roles`): offices, bodies, government words and kinds of
   people, anchored to the actor that qualifies them.
3. **People** (`kg.actors.people`): the names of one person within the document.
4. **Coreference** (`kg.actors.coref`): pronouns, quotations, definite descriptions.

A country name or demonym alone denotes the **state** (``state/USA``): "talks with the U.S.",
"the U.S. pursues a policy". Capitals and seats (Tehran, Washington, the White House, the
Kremlin) and names such as "the Islamic Republic" denote the **government**.

Every id is a pure function of the document (`kg.actors.ids`): which ids of a corpus are one
actor is decided afterwards, over the set of ids seen, by `kg.actors.identity`.

Notes:
    The CAMEO convention that an unnamed office holder codes as the country's government
    (``USAGOV``) is from the CAMEO actor codebook (Schrodt 2012).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.tokens import texts
from kg.types import Actor, ActorType, Document, MentionKind

from kg.actors._units import Cluster, Unit
from kg.actors.coref import CorefPass
from kg.actors.dictionaries import code_on
from kg.actors.gazetteer import ADJ, DICT, GOVERNMENT, NULL, PLACE, REGION, Gazetteer, government_label
from kg.actors.ids import ActorKind, actor_id
from kg.actors.names import NamePass
from kg.actors.people import PeoplePass
from kg.actors.registry import ActorRegistry
from kg.actors.roles import RolePass, in_place, is_setting

__all__ = ["Mention", "Resolution", "resolve_actors"]

#: Collective nouns for armed or organized bodies of people: "X's militia" is coded as X
#: when no role word says more (CAMEO codes an unnamed body by the actor it belongs to).
_OWNED = {
    "militia", "militias", "force", "forces", "army", "troops", "fighters", "guard", "guards", "navy",
    "people", "population", "citizens", "delegation", "team", "side", "camp", "leadership", "representatives",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase of the document and the actor it denotes.

    Attributes:
        span: The phrase.
        actor: The actor (with aliases and roles merged in the registry).
        kind: How it was found (`MentionKind`): ``"name"``, ``"person"``, ``"role"`` (a role
            word or a title of a named person), ``"pronoun"``, ``"description"``.
    """

    span: Span
    actor: Actor
    kind: MentionKind


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


class _Resolver(NamePass, RolePass, PeoplePass, CorefPass):
    """One document's resolution: the passes' shared state and the actor each unit denotes."""

    def __init__(self, doc: Doc, document: Document, registry: ActorRegistry,
                 names: dict[str, list[str]] | None = None) -> None:
        self.doc = doc
        self.names_before = {} if names is None else names  # full names of people, by key
        self.date: dt.date | None = _as_date(document.date)
        self.registry = registry
        self.gaz: Gazetteer = registry.gazetteer
        self.words = texts(doc)
        self.units: list[Unit] = []
        self.unit_at: dict[int, Unit] = {}
        self.clusters: list[Cluster] = []
        self.quote_of: dict[int, int] = {}  # token → quote index
        self.quote_speaker: list[Token | None] = []
        self.history: list[tuple[Unit, Actor]] = []

    def _add(self, unit: Unit) -> Unit:
        self.units.append(unit)
        for i in range(unit.start, unit.end):
            self.unit_at[i] = unit
        return unit

    def _free(self, start: int, end: int) -> bool:
        return all(i not in self.unit_at for i in range(start, end))

    def _state(self, code: str) -> Actor:
        return Actor(actor_id(ActorKind.STATE, code), self.gaz.state_label(code), ActorType.STATE, code)

    def _government(self, code: str) -> Actor:
        return Actor(actor_id(ActorKind.GOVERNMENT, code), government_label(self.gaz.state_label(code)), ActorType.GOVERNMENT, code, "GOV")

    def _country(self, unit: Unit | None) -> str | None:
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

    def _entry_actor(self, unit: Unit) -> Actor | None:
        entry = unit.entry
        if entry is None or entry.kind == NULL:
            return None
        if entry.kind == PLACE or (entry.kind == GOVERNMENT and in_place(self.doc[unit.end - 1])):
            return self._place_actor(unit)
        if entry.kind != DICT:
            return Actor(entry.actor_id, entry.label, entry.type, entry.country, entry.sector)
        code = code_on(entry.codes, self.date) or ""
        if not code or code in ("---", "+++", "###"):
            return None
        country, sector = code[:3], code[3:] or None
        span = self.doc[unit.start : unit.end]
        if any(t.ent_type_ == "PERSON" for t in span):
            return Actor(actor_id(ActorKind.PERSON, entry.label), entry.label, ActorType.PERSON, country, sector)
        if sector is None:
            return Actor(actor_id(ActorKind.STATE, country), self.gaz.state_label(country), ActorType.STATE, country)
        if sector == "GOV":
            return self._government(country)
        return Actor(actor_id(ActorKind.ORG, entry.label), entry.label, ActorType.ORGANIZATION, country, sector)

    def _place_actor(self, unit: Unit) -> Actor | None:
        """A city or region is its state where it qualifies a noun or is acted on.

        "a Gaza hospital", "Basra's mayor", "jets struck Gaza", "withdraw from Tigray" name
        the state; a subject ("Basra fell": unlike a capital, a city is not a government's
        metonym) or a setting ("fighting in Darfur") names no actor. Role words take its
        country either way (`kg.actors.roles`).
        """
        head = self.doc[unit.end - 1]
        while head.dep_ == "conj" and head.head.i < head.i:  # "Basra and Kirkuk fell"
            head = head.head
        if head.dep_ in ("nsubj", "nsubjpass", "csubj", "ROOT", "appos", "attr") or unit.entry is None:
            return None
        if is_setting(head):
            return None
        if unit.start <= head.head.i < unit.end:
            return None
        return self._state(unit.entry.country) if unit.entry.country else None

    def _resolve(self, unit: Unit | None) -> Actor | None:
        if unit is None:
            return None
        if unit.resolved:
            return unit.actor
        unit.resolved = True  # guards against cycles
        head = self._appositive_head(unit) if unit.kind in ("role", "description") and unit.person is None else None
        if head is not None:
            actor = self._resolve(head)
        elif unit.kind == "entry":
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
            old = merged.get(actor.id, actor)
            if not aliases <= old.aliases:  # most mentions add no alias: keep the actor as it is
                old = replace(old, aliases=old.aliases | aliases)
            merged[actor.id] = old
        for actor in merged.values():  # the registry remembers; this document's actors stay its own
            self.registry.merge(actor)
        final = merged
        mentions = [
            Mention(self.doc[u.start : u.end], final[a.id], _mention_kind(u)) for u, a in self.history
        ]
        return Resolution(self.doc, mentions)


def _mention_kind(unit: Unit) -> MentionKind:
    if unit.kind == "entry":
        return MentionKind.NAME
    return MentionKind(unit.kind)


def _aliases(span: Span, unit: Unit) -> frozenset[str]:
    if unit.kind == "entry":
        if unit.entry is None or unit.entry.kind in (ADJ, REGION, PLACE):
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


def resolve_actors(
    doc: Doc, document: Document, registry: ActorRegistry, *, names: dict[str, list[str]] | None = None
) -> Resolution:
    """Find the actors a parsed document mentions and what each phrase denotes.

    Args:
        doc: The document parsed by `kg.nlp.load_pipeline()` (needs tags, parse and entities).
        document: The document's metadata; its ``date`` selects dated dictionary codes.
        registry: Cross-document memory; actors found here are merged into it.
        names: For a document read in parts (`kg.pipeline.long_document_nquads`): the full
            names of people its earlier parts wrote (name key → forms), so that "Rouhani"
            in a later part is still "Hassan Rouhani"; updated with this part's names.

    Returns:
        The document's `Resolution`.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> from kg.types import Document
        >>> text = "Khamenei rejected talks with U.S. authorities."
        >>> doc = load_pipeline()(text)
        >>> res = resolve_actors(doc, Document("d", text), ActorRegistry())
        >>> [a.id for a in res.actors_in(doc[:])]
        ['person/ali-khamenei', 'government/USA']
    """
    return _Resolver(doc, document, registry, names).run()


def _as_date(value: object) -> dt.date | None:
    """A document's date as a `datetime.date` (an API caller may give "YYYY-MM-DD" or a datetime)."""
    if value is None or type(value) is dt.date:
        return value  # type: ignore[return-value]
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
