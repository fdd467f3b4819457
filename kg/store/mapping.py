"""Claims → RDF: the mapping from one document's claims to the kg ontology.

Everything one document says becomes one graph (stored as a named graph of its own):
the document, the sentences that carry a claim, the claims with their provenance, the
actors they resolve to, the events they code to, and direct actor-to-actor edges for
simple SPARQL.

IRIs are stable across runs: a document is named by the SHA-256 of its text, a sentence
by its index, a claim by its position in the sentence, an event by its position in the
claim, and an actor by its id (`actor_iri`, the only function that mints actor IRIs).

The mapping is written once (`map_document`), against a `Writer` that makes the terms:
`document_graph` writes rdflib terms into a ``Graph``; `kg.store.nquads.claims_nquads`
writes N-Quads text directly (what a build stores), with no rdflib term on the way.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg.actors.ids import ActorKind, actor_id
from kg.errors import InputError
from kg.ontology import CAMEO, ID, KG, PLOVER, PLOVER_PROPERTIES, PREFIXES
from kg.types import Actor, ActorType, Claim, Document, Event, Fact, FactKind, span_text

if TYPE_CHECKING:  # an annotation only: reading a store does not load spaCy
    from spacy.tokens import Doc

__all__ = [
    "ACTORS_GRAPH",
    "Writer",
    "actor_iri",
    "claim_iri",
    "document_graph",
    "document_iri",
    "event_iri",
    "fact_iri",
    "map_document",
    "sentence_iri",
    "text_literal",
]

log = logging.getLogger(__name__)

#: The named graph a store keeps actor descriptions and actor-to-actor edges in.
ACTORS_GRAPH = ID["actors"]


class _Terms:
    """A namespace's terms as plain attributes, each read once from the namespace and kept.

    ``KG.hasFact`` goes through rdflib's ``DefinedNamespace`` (a check and a new ``URIRef``,
    about 2 µs) every time; the mapping reads a few thousand terms a document. An undeclared
    name still raises, from the namespace, the first time it is read.
    """

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term


_KG, _RDF, _SKOS, _PROV = _Terms(KG), _Terms(RDF), _Terms(SKOS), _Terms(PROV)

_ACTOR_CLASS = {
    ActorType.PERSON: KG.Person,
    ActorType.ORGANIZATION: KG.Organization,
    ActorType.STATE: KG.State,
    ActorType.GOVERNMENT: KG.Government,
    ActorType.GROUP: KG.Group,
}

_FACT_KIND = {
    FactKind.CORE: KG.CoreFact,
    FactKind.ARGUMENT: KG.ArgumentFact,
    FactKind.MODIFIER: KG.ModifierFact,
    FactKind.MINIMAL: KG.MinimalFact,
}

_ACTOR_BASE = str(ID["actor/"])
_DOCUMENT_BASE = str(ID["doc/"])


@functools.lru_cache(maxsize=4096)
def _actor(actor_id: str) -> str:
    """The text of `actor_iri` (the same actors recur in every document of a corpus)."""
    if not actor_id or not actor_id.strip():
        raise InputError("an actor id must not be empty")
    return f"{_ACTOR_BASE}{quote(actor_id, safe='/-._~')}"


def actor_iri(actor_id: str) -> URIRef:
    """The IRI of an actor: ``https://w3id.org/kg/id/actor/{actor_id}``.

    The only function that mints actor IRIs, so the same actor id is the same node in
    every document and every store.

    Args:
        actor_id: The actor's stable id, e.g. ``"state/IRN"`` or ``"person/ali-khamenei"``.

    Returns:
        The IRI; characters not allowed in an IRI path are percent-encoded.

    Raises:
        InputError: The id is empty.

    Examples:
        >>> actor_iri("government/IRN")
        rdflib.term.URIRef('https://w3id.org/kg/id/actor/government/IRN')
        >>> actor_iri("person/josé martí")
        rdflib.term.URIRef('https://w3id.org/kg/id/actor/person/jos%C3%A9%20mart%C3%AD')
    """
    return URIRef(_actor(actor_id))


def _document(document: Document) -> str:
    return f"{_DOCUMENT_BASE}{document.content_hash[:16]}"


def document_iri(document: Document) -> URIRef:
    """``https://w3id.org/kg/id/doc/{sha256[:16]}``: the document and its named graph.

    Examples:
        >>> document_iri(Document(id="a", text="Iran rejected talks."))[-16:]
        '741cf9a3fc0ef310'
    """
    return URIRef(_document(document))


def sentence_iri(document: Document, index: int) -> URIRef:
    """``.../doc/{h}/s{index}``, index 0-based among the document's sentences."""
    return URIRef(f"{_document(document)}/s{index}")


def claim_iri(document: Document, sentence: int, k: int) -> URIRef:
    """``.../doc/{h}/s{n}/c{k}``: the k-th claim (0-based) of sentence n."""
    return URIRef(f"{_document(document)}/s{sentence}/c{k}")


def event_iri(claim: str, j: int) -> URIRef:
    """``.../c{k}/e{j}``: the j-th event (0-based) coded from a claim."""
    return URIRef(f"{claim}/e{j}")


def fact_iri(claim: str, j: int) -> URIRef:
    """``.../c{k}/f{j}``: the j-th fact (0-based) of a claim."""
    return URIRef(f"{claim}/f{j}")


def text_literal(value: str) -> Literal:
    """``Literal(value)`` for a text, without rdflib's datatype machinery where it is a plain ``str``.

    The same object in every respect (a test compares them); several times cheaper, which
    counts at a few hundred literals a document.

    Examples:
        >>> text_literal("Iran") == Literal("Iran"), text_literal("Iran").n3(), text_literal("Iran").value
        (True, '"Iran"', 'Iran')
    """
    if type(value) is not str:
        return Literal(value)
    literal = str.__new__(Literal, value)
    literal._language = None
    literal._datatype = None
    literal._value = value
    literal._ill_typed = None
    return literal


class Writer(Protocol):
    """Where `map_document` writes, and in what form: it makes the terms from plain values.

    Subjects and IRI objects are given as ``str`` (ontology terms as rdflib ``URIRef``,
    a ``str`` too); literals as their text, or their lexical form and datatype.
    """

    def link(self, s: str, p: URIRef, o: str) -> None:
        """Add ``s p o`` where ``o`` is an IRI."""

    def text(self, s: str, p: URIRef, value: str) -> None:
        """Add ``s p "value"`` (a plain literal)."""

    def typed(self, s: str, p: URIRef, lexical: str, datatype: URIRef) -> None:
        """Add ``s p "lexical"^^datatype``."""


class _Triples(dict):
    """One document's triples in insertion order: what `document_graph` fills when ``lean``.

    A graph to be written out once and dropped needs no rdflib ``Graph`` (whose ``add``
    checks every term and goes through a store and its indexes): a dictionary of triples
    keeps them once each, in order, and reads as a sequence of ``(s, p, o)``.
    """

    __slots__ = ()

    def add(self, triple: tuple) -> None:
        """Add one ``(s, p, o)``."""
        self[triple] = None


class _GraphWriter:
    """A `Writer` of rdflib terms into a ``Graph`` (or a `_Triples`)."""

    __slots__ = ("graph", "_iris")

    def __init__(self, graph: Graph | _Triples) -> None:
        self.graph = graph
        self._iris: dict[str, URIRef] = {}

    def _iri(self, value: str) -> URIRef:
        if type(value) is URIRef:
            return value
        iri = self._iris.get(value)
        if iri is None:
            iri = self._iris[value] = URIRef(value)
        return iri

    def link(self, s: str, p: URIRef, o: str) -> None:  # noqa: D102 - see Writer
        self.graph.add((self._iri(s), p, self._iri(o)))

    def text(self, s: str, p: URIRef, value: str) -> None:  # noqa: D102 - see Writer
        self.graph.add((self._iri(s), p, text_literal(value)))

    def typed(self, s: str, p: URIRef, lexical: str, datatype: URIRef) -> None:  # noqa: D102 - see Writer
        self.graph.add((self._iri(s), p, Literal(lexical, datatype=datatype)))


def _date(value: dt.date | str) -> str:
    """An xsd:date's lexical form: a date's ISO form, or what rdflib makes of anything else (a string)."""
    return value.isoformat() if isinstance(value, dt.date) else str(Literal(value, datatype=XSD.date))


def _decimal(value: float) -> str:
    """An xsd:decimal's lexical form, canonical ("-10", "0.5"), as every backend writes it back."""
    lexical = f"{round(float(value), 4):.4f}".rstrip("0").rstrip(".")
    return "0" if lexical in ("", "-0") else lexical


def _add_fact(w: Writer, node: str, fact: Fact, claim: str, *, subject: str | None,
              obj: str | None, asserted: bool = True) -> None:
    w.link(claim, _KG.hasFact, node)
    w.link(node, _RDF.type, _KG.Fact)
    w.link(node, _KG.factKind, _FACT_KIND[fact.kind])
    w.text(node, _KG.factSubject, span_text(fact.subject))
    w.text(node, _KG.factRelation, fact.relation)
    if fact.object is not None:
        w.text(node, _KG.factObject, fact.object_text)
    if fact.preposition:
        w.text(node, _KG.preposition, fact.preposition)
    if subject is not None:
        w.link(node, _KG.factSubjectActor, subject)
    if obj is not None:
        w.link(node, _KG.factObjectActor, obj)
    if subject is not None and obj is not None and subject != obj and asserted:
        w.link(subject, _KG.actsOn, obj)


def _role_iri(actor: str, title: str, country: str | None, sector: str | None) -> str:
    key = "|".join((title.strip().lower(), country or "", sector or ""))
    return f"{actor}/role/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"


def _add_actor(w: Writer, actor: Actor) -> str:
    node = _actor(actor.id)
    w.link(node, _RDF.type, _KG.Actor)
    w.link(node, _RDF.type, _ACTOR_CLASS[actor.type])
    w.text(node, _SKOS.prefLabel, actor.label)
    for alias in sorted(actor.aliases):
        if alias != actor.label:
            w.text(node, _SKOS.altLabel, alias)
    if actor.country:
        w.text(node, _KG.country, actor.country)
    if actor.sector:
        w.text(node, _KG.sector, actor.sector)
    if actor.code:
        w.text(node, _KG.actorCode, actor.code)
    if actor.type is ActorType.GOVERNMENT and actor.country:
        w.link(node, _KG.governmentOf, _actor(actor_id(ActorKind.STATE, actor.country)))
    for role in actor.roles:
        role_node = _role_iri(node, role.title, role.country, role.sector)
        w.link(node, _KG.holdsRole, role_node)
        w.link(role_node, _RDF.type, _KG.Role)
        w.text(role_node, _KG.roleTitle, role.title)
        if role.country:
            w.text(role_node, _KG.roleCountry, role.country)
        if role.sector:
            w.text(role_node, _KG.roleSector, role.sector)
    return node


def _add_document(w: Writer, document: Document) -> str:
    node = _document(document)
    w.link(node, _RDF.type, _KG.Document)
    w.text(node, _KG.documentId, document.id)
    w.text(node, _KG.contentHash, document.content_hash)
    if document.title:
        w.text(node, _KG.title, document.title)
    if document.date is not None:
        w.typed(node, _KG.date, _date(document.date), XSD.date)
    if document.url:
        w.typed(node, _KG.url, document.url, XSD.anyURI)
    if document.source:
        w.text(node, _KG.publisher, document.source)
    return node


def _add_event(w: Writer, node: str, event: Event, claim: str, *, positive: bool,
               speaker: str | None, document: Document) -> None:
    source = _actor(event.source)
    target = _actor(event.target) if event.target is not None else None
    w.link(node, _RDF.type, _KG.Event)
    w.link(node, _KG.source, source)
    if target is not None:
        w.link(node, _KG.target, target)
    if event.text:
        w.text(node, _KG.eventText, event.text)
    if event.mode:
        w.text(node, _KG.ploverMode, event.mode)
    if event.context:
        w.text(node, _KG.ploverContext, event.context)
    w.link(node, _KG.eventType, CAMEO[event.cameo])
    w.text(node, _KG.cameoCode, event.cameo)
    if event.plover:
        w.link(node, _KG.ploverType, PLOVER[event.plover])
    w.typed(node, _KG.quadClass, str(int(event.quad)), XSD.integer)
    w.typed(node, _KG.intensity, _decimal(event.intensity), XSD.decimal)
    w.link(node, _KG.fromClaim, claim)
    if speaker is not None:
        w.link(node, _KG.attributedTo, speaker)
    if document.date is not None:
        w.typed(node, _KG.date, _date(document.date), XSD.date)
    if positive and target is not None:
        w.link(source, PLOVER_PROPERTIES.get(event.plover or "", _KG.actsOn), target)


def map_document(w: Writer, document: Document, claims: Sequence[Claim], *, actors: Iterable[Actor] = ()) -> None:
    """Write all the RDF for one document to ``w`` (see `document_graph` for what it is).

    Args:
        w: What makes and keeps the terms (`document_graph`'s rdflib graph, or N-Quads text).
        document: The article.
        claims: Its claims, in sentence order.
        actors: Further actors to describe.
    """
    doc_node = _add_document(w, document)
    described: set[str] = set()

    def describe(actor: Actor | None) -> str | None:
        if actor is None:
            return None
        if actor.id not in described:
            described.add(actor.id)
            _add_actor(w, actor)
        return _actor(actor.id)

    for actor in actors:
        describe(actor)
    integer = XSD.integer
    per_sentence: dict[int, int] = defaultdict(int)
    for claim in claims:
        triple = claim.triple
        n = claim.sentence_id
        sent_node = f"{doc_node}/s{n}"
        if n not in per_sentence:
            sentence = triple.sentence
            w.link(sent_node, _RDF.type, _KG.Sentence)
            w.text(sent_node, _KG.text, span_text(sentence))
            w.typed(sent_node, _KG.index, str(n), integer)
            w.typed(sent_node, _KG.startChar, str(sentence.start_char), integer)
            w.typed(sent_node, _KG.endChar, str(sentence.end_char), integer)
            w.link(sent_node, _KG.inDocument, doc_node)
        k = per_sentence[n]
        per_sentence[n] += 1
        node = f"{sent_node}/c{k}"
        w.link(node, _RDF.type, _KG.Claim)
        w.link(node, _PROV.wasDerivedFrom, sent_node)
        w.text(node, _KG.subjectText, triple.subject_text)
        w.text(node, _KG.relation, triple.relation)
        w.text(node, _KG.relationText, triple.relation_text or triple.relation)
        if triple.object is not None:
            w.text(node, _KG.objectText, triple.object_text)
        for argument in triple.arguments:
            w.text(node, _KG.argument, argument.text)
        w.link(node, _KG.polarity, _KG.Negative if triple.negated else _KG.Positive)
        if triple.modality:
            w.text(node, _KG.modality, triple.modality)
        if triple.condition:
            w.text(node, _KG.condition, triple.condition)
        if triple.question:
            w.typed(node, _KG.question, "true", XSD.boolean)
        if triple.attribution_text:
            w.text(node, _KG.attributionText, triple.attribution_text)
        speaker = describe(claim.attribution_actor)
        if speaker is not None:
            w.link(node, _KG.attributedTo, speaker)
        w.typed(node, _KG.confidence, _decimal(triple.confidence), XSD.decimal)
        w.text(node, _KG.extractionRule, triple.kind)
        subject = describe(claim.subject_actor)
        obj = describe(claim.object_actor)
        if subject is not None:
            w.link(node, _KG.subjectActor, subject)
        if obj is not None:
            w.link(node, _KG.objectActor, obj)
        if subject is not None and obj is not None and subject != obj and triple.asserted:
            w.link(subject, _KG.actsOn, obj)
        for j, fact in enumerate(claim.facts):
            _add_fact(w, f"{node}/f{j}", fact, node, subject=describe(fact.subject_actor),
                      obj=describe(fact.object_actor), asserted=triple.asserted)
        for j, event in enumerate(claim.events):
            _add_event(w, f"{node}/e{j}", event, node, positive=not triple.negated and triple.asserted,
                       speaker=speaker, document=document)


def document_graph(
    document: Document,
    doc: Doc | None,
    claims: Sequence[Claim],
    *,
    actors: Iterable[Actor] = (),
    lean: bool = False,
) -> Graph | _Triples:
    """All the RDF for one document.

    Args:
        document: The article.
        doc: Its parsed spaCy ``Doc`` (only its text is checked against the document's;
            the claims carry their own spans).
        claims: The document's claims, in sentence order.
        actors: Further actors to describe (e.g. event sources and targets that no claim
            phrase denotes); actors of the claims are always described.
        lean: The triples to be written out and dropped: a plain dictionary of
            ``(s, p, o)`` in insertion order, with an ``add`` method but no rdflib
            ``Graph`` around it (several times cheaper to fill; no queries). A build
            writes N-Quads text directly instead (`kg.store.nquads.claims_nquads`).

    Returns:
        A graph with the document node, one ``kg:Sentence`` per sentence that carries a
        claim (text, index, offsets), the claims (``prov:wasDerivedFrom`` their sentence),
        the actors, the claims' facts (``kg:hasFact``), the events (CAMEO and PLOVER concept
        IRIs), and the direct edges: ``source kg:<plover verb> target`` for each event of a
        positive claim and ``subject kg:actsOn object`` for each claim or fact between two
        different actors.

    Raises:
        InputError: The spaCy Doc is not the document's text.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> document = Document(id="x", text="Iran rejected talks.")
        >>> doc = load_pipeline()(document.text)
        >>> claims = [Claim("x", 0, t) for t in doc._.triples]
        >>> g = document_graph(document, doc, claims)
        >>> (document_iri(document), KG.contentHash, Literal(document.content_hash)) in g
        True

    Notes:
        Claims follow PROV-O (W3C 2013): a claim is a ``prov:Entity`` derived from its
        sentence; an event is a ``prov:Activity`` associated with its source actor.
    """
    if doc is not None and doc.text != document.text:
        raise InputError(f"document {document.id!r}: the parsed Doc is not the document's text")
    if lean:
        g = _Triples()
    else:
        g = Graph()
        for prefix, namespace in PREFIXES.items():
            g.bind(prefix, namespace)
    map_document(_GraphWriter(g), document, claims, actors=actors)
    log.debug("%s: %d claims, %d triples", document.id, len(claims), len(g))
    return g
