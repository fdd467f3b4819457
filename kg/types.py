"""Values shared by the stages: Document, Triple, Actor, Event, Claim.

Everything here is a frozen dataclass. A `Triple` holds spaCy spans, so its provenance
(sentence, character offsets, document) is free; spans cannot be pickled, so whatever
crosses a process or file boundary goes through ``to_dict()``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spans are annotations only: `import kg.types` does not load spaCy
    from spacy.tokens import Span

__all__ = [
    "ACTOR_TYPE_ORDER",
    "Actor",
    "ActorType",
    "Argument",
    "Claim",
    "Document",
    "EntryKind",
    "Event",
    "Fact",
    "FactKind",
    "MentionKind",
    "QuadClass",
    "Role",
    "Triple",
    "TripleKind",
    "span_text",
]


@functools.lru_cache(maxsize=1024)
def _sha256(text: str) -> str:
    """The hex SHA-256 of a text, remembered: every IRI of a document is made from it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_last_doc: tuple[weakref.ref | None, str] = (None, "")


def span_text(span: Span) -> str:
    """``span.text``, cut from its Doc's text (kept for the last Doc read) instead of joined token by token.

    spaCy's ``Span.text`` makes a token object per token; a claim's sentence, phrases and
    facts read a few hundred spans a document, all of the same Doc.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iran's supreme leader rejected talks.  Washington said so.")
        >>> [span_text(s) for s in doc.sents] == [s.text for s in doc.sents]
        True
    """
    global _last_doc
    doc = span.doc
    ref, text = _last_doc
    if ref is None or ref() is not doc:
        text = doc.text
        _last_doc = (weakref.ref(doc), text)
    return text[span.start_char:span.end_char]


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and what is known of where it came from."""

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the same article twice is the same document."""
        return _sha256(self.text)


@dataclass(frozen=True, slots=True)
class Argument:
    """A further argument of a relation, with the preposition that introduces it.

    ``Argument("with", span)`` is "with U.S. authorities"; temporal and other bare
    arguments have ``prep == ""``.
    """

    prep: str
    span: Span

    @property
    def text(self) -> str:
        return f"{self.prep} {span_text(self.span)}" if self.prep else span_text(self.span)


class TripleKind(enum.StrEnum):
    """The rule family that made a triple (`Triple.kind`); a member equals its string ("verb")."""

    VERB = "verb"  #: a verb and its arguments
    COPULA = "copula"  #: "X is Y", "X became Y"
    SPEECH = "speech"  #: a speech act: (Khamenei, say, that ...)
    RELATIVE = "relative"  #: a relative clause: "the officials who negotiated the truce"
    APPOSITION = "apposition"  #: "Zarif, Iran's foreign minister"
    ROLE = "role"  #: a title before a name: "Foreign Minister Zarif"
    NOMINAL = "nominal"  #: an event noun: "the attack on Saudi Arabia"
    HEADLINE = "headline"  #: a headline's clause


@dataclass(frozen=True, slots=True)
class Triple:
    """One subject–relation–object extraction.

    Attributes:
        subject: The subject's full noun phrase (one conjunct).
        relation: The normalised relation: verb lemma with particles and governing
            preposition, e.g. ``"take part in"``, ``"reject"``, ``"be"``.
        object: The object's full noun phrase, or None for intransitive relations.
        sentence: The sentence span it came from.
        predicate: The predicate's head token (its ``.i`` orders triples).
        relation_text: The relation as written, with auxiliaries, negation and
            modal (what CaRB scores), e.g. ``"would not take part in"``.
        arguments: Further prepositional and temporal arguments, in sentence order.
        negated: True where the predicate is negated ("did not attack").
        modality: The modal verb ("would", "may") and the frames above the claim
            ("want", "expect", "accuse", "deny", "hypothetical" inside an if-clause),
            space-separated, outermost first; None where there is none.
        condition: The condition clause ("if the U.S. backs off") or None.
        attributed_to: The speaker of reported speech, or the one who accuses, alleges,
            claims or denies what the triple says; None where the article asserts it.
        confidence: 0–1; orders extractions by how likely they are right.
        kind: The rule family that made it (`TripleKind`: "verb", "copula", "apposition",
            "speech", "nominal", "relative", ...); a string is read as its member.
        question: True where the claim is asked, not stated ("Will Iran accept the
            deal?", "asked whether Iran would accept").
        asserted: False where the sentence does not state the claim as so: a question, a
            frame above it (accused, alleged, denied, claimed, wanted, expected, ...), a
            condition on it or a condition it lies in. Negation is apart (``negated``).
        passive: True where a passive with an agent was turned round: the subject is
            the agent, the object the patient ("was condemned by" in ``relation_text``).
            An agentless passive keeps its patient as subject ("be condemned").
    """

    subject: Span
    relation: str
    object: Span | None
    sentence: Span
    predicate: int
    relation_text: str = ""
    arguments: tuple[Argument, ...] = ()
    negated: bool = False
    modality: str | None = None
    condition: str | None = None
    attributed_to: Span | None = None
    confidence: float = 0.5
    kind: TripleKind = TripleKind.VERB
    passive: bool = False
    question: bool = False
    asserted: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.kind, TripleKind):  # "verb" → TripleKind.VERB; an unknown family raises ValueError
            object.__setattr__(self, "kind", TripleKind(self.kind))

    @property
    def subject_text(self) -> str:
        return span_text(self.subject)

    @property
    def object_text(self) -> str:
        return span_text(self.object) if self.object is not None else ""

    @property
    def attribution_text(self) -> str | None:
        return span_text(self.attributed_to) if self.attributed_to is not None else None

    def to_dict(self) -> dict[str, Any]:
        """The extraction as plain JSON-ready data (no spans)."""
        return {
            "sentence": span_text(self.sentence),
            "subject": span_text(self.subject),
            "relation": self.relation,
            "relation_text": self.relation_text or self.relation,
            "object": self.object_text,
            "arguments": [a.text for a in self.arguments],
            "negated": self.negated,
            "modality": self.modality,
            "condition": self.condition,
            "attributed_to": self.attribution_text,
            "question": self.question,
            "asserted": self.asserted,
            "confidence": round(self.confidence, 4),
            "kind": str(self.kind),
        }


class MentionKind(enum.StrEnum):
    """How a phrase was found to name an actor (``kg.actors.resolve.Mention.kind``)."""

    NAME = "name"  #: a name of the gazetteer, a dictionary or an analyst's file
    PERSON = "person"  #: a person's name
    ROLE = "role"  #: a role word, or a title of a named person
    PRONOUN = "pronoun"  #: a pronoun resolved by coreference
    DESCRIPTION = "description"  #: a description ("the Iranian leader")


class EntryKind(enum.StrEnum):
    """What a matched gazetteer or dictionary name denotes on its own (``kg.actors.gazetteer.Entry.kind``)."""

    STATE = "state"  #: a country name
    ADJ = "adj"  #: a demonym: the state, or with a role word its government or people
    GOVERNMENT = "government"  #: a capital or seat of government
    ORG = "org"  #: an organization
    GROUP = "group"  #: a group
    REGION = "region"  #: an adjective of a collective of states
    PLACE = "place"  #: a city or region: its country qualifies a phrase, it denotes no actor alone
    PERSON = "person"  #: a person
    DICT = "dict"  #: a dictionary actor, typed when matched
    NULL = "null"  #: a dictionary name coded ``---``: matched so that nothing else is, denotes no actor
    ANALYST = "analyst"  #: an actor of an analyst's actor file, as written there


class ActorType(enum.Enum):
    """The kinds of political actor; values are the ontology's class names."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    STATE = "State"
    GOVERNMENT = "Government"
    GROUP = "Group"


#: Of the classes one actor is written with (one per document), the one it is read as: the more specific first
#: (a government is a state's, so it wins over the state; the generic ``kg:Actor`` loses to any of them).
ACTOR_TYPE_ORDER: tuple[str, ...] = ("Person", "Government", "State", "Organization", "Group")


@dataclass(frozen=True, slots=True)
class Role:
    """An office or position an actor holds: "supreme leader" of IRN, sector GOV."""

    title: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical political actor.

    Attributes:
        id: Stable key, the same across runs and documents; the store mints its IRI
            from it (e.g. ``"state/IRN"``, ``"government/IRN"``, ``"person/ali-khamenei"``).
        label: Canonical name ("Ali Khamenei", "United States", "Government of Iran").
        type: What kind of actor.
        country: ISO-3166 alpha-3 (or an IGO code), CAMEO style; None where unknown.
        sector: CAMEO agent code (GOV, MIL, REB, OPP, ...) or None.
        aliases: Every other name it was mentioned by.
        roles: Offices held.
        cameo: The full CAMEO actor code where it is not country then sector (a
            dictionary code such as ``"NGOARN"``, an agent placed before the country);
            None otherwise.
    """

    id: str
    label: str
    type: ActorType
    country: str | None = None
    sector: str | None = None
    aliases: frozenset[str] = field(default_factory=frozenset)
    roles: tuple[Role, ...] = ()
    cameo: str | None = None

    @property
    def code(self) -> str:
        """CAMEO-style actor code: `cameo` if set, else country then sector, e.g. ``"IRNGOV"``."""
        if self.cameo:
            return self.cameo
        return f"{self.country or ''}{self.sector or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type.value,
            "country": self.country,
            "sector": self.sector,
        }


class FactKind(enum.StrEnum):
    """Where a fact comes from in its claim."""

    CORE = "core"  #: the claim's own subject, relation and object
    ARGUMENT = "argument"  #: a further argument, its preposition ending the relation
    MODIFIER = "modifier"  #: a prepositional phrase or participle inside a noun phrase
    MINIMAL = "minimal"  #: a fact's object without determiners or adjectives of no content


@dataclass(frozen=True, slots=True)
class Fact:
    """One binary fact of a claim: subject, relation as written, object.

    ``He served as the first Prime Minister of Australia`` holds the facts (He, served as,
    the first Prime Minister) and (He, served as the first Prime Minister of, Australia).
    Polarity, modality, condition and attribution are the triple's (`triple`); the actors
    are set where claims meet actors (`kg.pipeline.claims_of`).

    Attributes:
        subject: The subject phrase.
        relation: The relation as written, with any words between the verb and the object
            ("served as the first Prime Minister of").
        object: The object phrase, or None where the claim has neither object nor argument.
        triple: The triple the fact was read from.
        kind: Where in the triple it comes from.
        preposition: The preposition that ends the relation ("of"), or "".
        subject_actor: The actor the subject denotes, where known.
        object_actor: The actor the object denotes (or, for a noun phrase, the first it
            mentions), where known.
    """

    subject: Span
    relation: str
    object: Span | None
    triple: Triple
    kind: FactKind = FactKind.CORE
    preposition: str = ""
    subject_actor: Actor | None = None
    object_actor: Actor | None = None

    @property
    def object_text(self) -> str:
        return span_text(self.object) if self.object is not None else ""

    @property
    def negated(self) -> bool:
        return self.triple.negated

    @property
    def modality(self) -> str | None:
        return self.triple.modality

    @property
    def condition(self) -> str | None:
        return self.triple.condition

    @property
    def attributed_to(self) -> Span | None:
        return self.triple.attributed_to

    def to_dict(self) -> dict[str, Any]:
        """The fact as plain JSON-ready data; polarity and the rest are its claim's."""
        return {
            "subject": span_text(self.subject),
            "relation": self.relation,
            "object": self.object_text,
            "kind": self.kind.value,
            "preposition": self.preposition,
            "subject_actor": self.subject_actor.to_dict() if self.subject_actor else None,
            "object_actor": self.object_actor.to_dict() if self.object_actor else None,
        }


class QuadClass(enum.IntEnum):
    """CAMEO quad class: cooperation/conflict, verbal/material."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").lower()

    @property
    def is_conflict(self) -> bool:
        return self >= QuadClass.VERBAL_CONFLICT


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: source actor did `cameo` to target actor.

    Attributes:
        source: Source actor id.
        target: Target actor id, or None for an event with one actor (a protest, a
            mobilisation, an attack on no named target).
        cameo: CAMEO event code as a string ("120", "0874": never an int).
        plover: PLOVER event type ("REJECT", "ASSAULT", ...) or None.
        quad: Quad class.
        intensity: Goldstein-style score, -10 (most hostile) to +10.
        text: The words that carry the event (PLOVER ``eventText``): "threatened",
            "imposed sanctions".
        mode: PLOVER mode of the code ("heavy-weapons", "restrict") or None.
        context: PLOVER context of the code ("military", "economic") or None.
        source_country: The source actor's country block (ISO alpha-3 or "IGO") or None.
        target_country: The target actor's country block or None.
    """

    source: str
    target: str | None
    cameo: str
    plover: str | None
    quad: QuadClass
    intensity: float
    text: str = ""
    mode: str | None = None
    context: str | None = None
    source_country: str | None = None
    target_country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "source_country": self.source_country,
            "target_country": self.target_country,
            "cameo": self.cameo,
            "plover": self.plover,
            "quad": int(self.quad),
            "intensity": self.intensity,
            "text": self.text,
            "mode": self.mode,
            "context": self.context,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A triple with the actors its phrases denote and the events it codes to.

    This is what the store writes: one claim node per triple.
    """

    doc_id: str
    sentence_id: int
    triple: Triple
    subject_actor: Actor | None = None
    object_actor: Actor | None = None
    events: tuple[Event, ...] = ()
    #: The actor the reporting speaker (``triple.attributed_to``) denotes, where it resolves.
    attribution_actor: Actor | None = None
    #: The claim's binary facts (`kg.extract.facts.triple_facts`), with their actors.
    facts: tuple[Fact, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``kg extract`` JSONL record (see ``kg/data/extraction.schema.json``)."""
        record: dict[str, Any] = {"doc": self.doc_id, "sentence_id": self.sentence_id}
        record.update(self.triple.to_dict())
        record["subject_actor"] = self.subject_actor.to_dict() if self.subject_actor else None
        record["object_actor"] = self.object_actor.to_dict() if self.object_actor else None
        record["event"] = self.events[0].to_dict() if self.events else None
        record["events"] = [e.to_dict() for e in self.events]
        record["facts"] = [f.to_dict() for f in self.facts]
        return record
