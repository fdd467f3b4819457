"""Claims → RDF: the mapping from one document's claims to the kg ontology.

Everything one document says becomes one graph (stored as a named graph of its own):
the document, the sentences that carry a claim, the claims with their provenance, the
actors they resolve to, the events they code to, and direct actor-to-actor edges for
simple SPARQL.

IRIs are stable across runs: a document is named by the SHA-256 of its text, a sentence
by its index, a claim by its position in the sentence, an event by its position in the
claim, and an actor by its id (`actor_iri`, the only function that mints actor IRIs).
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg.actors.ids import ActorKind, actor_id
from kg.errors import InputError
from kg.ontology import CAMEO, ID, KG, PLOVER, PLOVER_PROPERTIES, PREFIXES
from kg.types import Actor, ActorType, Claim, Document, Event, Fact, FactKind

if TYPE_CHECKING:  # an annotation only: reading a store does not load spaCy
    from spacy.tokens import Doc

__all__ = [
    "ACTORS_GRAPH",
    "actor_iri",
    "claim_iri",
    "document_graph",
    "document_iri",
    "event_iri",
    "fact_iri",
    "sentence_iri",
    "text_literal",
]

log = logging.getLogger(__name__)

#: The named graph a store keeps actor descriptions and actor-to-actor edges in.
ACTORS_GRAPH = ID["actors"]

_ACTOR_CLASS = {
    ActorType.PERSON: KG.Person,
    ActorType.ORGANIZATION: KG.Organization,
    ActorType.STATE: KG.State,
    ActorType.GOVERNMENT: KG.Government,
    ActorType.GROUP: KG.Group,
}


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
    if not actor_id or not actor_id.strip():
        raise InputError("an actor id must not be empty")
    return ID[f"actor/{quote(actor_id, safe='/-._~')}"]


def document_iri(document: Document) -> URIRef:
    """``https://w3id.org/kg/id/doc/{sha256[:16]}``: the document and its named graph.

    Examples:
        >>> document_iri(Document(id="a", text="Iran rejected talks."))[-16:]
        '741cf9a3fc0ef310'
    """
    return ID[f"doc/{document.content_hash[:16]}"]


def sentence_iri(document: Document, index: int) -> URIRef:
    """``.../doc/{h}/s{index}``, index 0-based among the document's sentences."""
    return URIRef(f"{document_iri(document)}/s{index}")


def claim_iri(document: Document, sentence: int, k: int) -> URIRef:
    """``.../doc/{h}/s{n}/c{k}``: the k-th claim (0-based) of sentence n."""
    return URIRef(f"{sentence_iri(document, sentence)}/c{k}")


def event_iri(claim: URIRef, j: int) -> URIRef:
    """``.../c{k}/e{j}``: the j-th event (0-based) coded from a claim."""
    return URIRef(f"{claim}/e{j}")


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

    def bind(self, prefix: str, namespace) -> None:
        """Prefixes are for serialisers; N-Quads has none."""


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


def fact_iri(claim: URIRef, j: int) -> URIRef:
    """``.../c{k}/f{j}``: the j-th fact (0-based) of a claim."""
    return URIRef(f"{claim}/f{j}")


_FACT_KIND = {
    FactKind.CORE: KG.CoreFact,
    FactKind.ARGUMENT: KG.ArgumentFact,
    FactKind.MODIFIER: KG.ModifierFact,
    FactKind.MINIMAL: KG.MinimalFact,
}


def _add_fact(g: Graph, node: URIRef, fact: Fact, claim: URIRef, *, subject: URIRef | None,
              obj: URIRef | None, asserted: bool = True) -> None:
    g.add((claim, KG.hasFact, node))
    g.add((node, RDF.type, KG.Fact))
    g.add((node, KG.factKind, _FACT_KIND[fact.kind]))
    g.add((node, KG.factSubject, text_literal(fact.subject.text)))
    g.add((node, KG.factRelation, text_literal(fact.relation)))
    if fact.object is not None:
        g.add((node, KG.factObject, text_literal(fact.object_text)))
    if fact.preposition:
        g.add((node, KG.preposition, text_literal(fact.preposition)))
    if subject is not None:
        g.add((node, KG.factSubjectActor, subject))
    if obj is not None:
        g.add((node, KG.factObjectActor, obj))
    if subject is not None and obj is not None and subject != obj and asserted:
        g.add((subject, KG.actsOn, obj))


def _decimal(value: float) -> Literal:
    """An xsd:decimal in canonical form ("-10", "0.5"), as every backend writes it back."""
    lexical = f"{round(float(value), 4):.4f}".rstrip("0").rstrip(".")
    return Literal(Decimal("0" if lexical in ("", "-0") else lexical), datatype=XSD.decimal)


def _role_iri(actor: Actor, title: str, country: str | None, sector: str | None) -> URIRef:
    key = "|".join((title.strip().lower(), country or "", sector or ""))
    return URIRef(f"{actor_iri(actor.id)}/role/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}")


def _add_actor(g: Graph, actor: Actor) -> URIRef:
    node = actor_iri(actor.id)
    g.add((node, RDF.type, KG.Actor))
    g.add((node, RDF.type, _ACTOR_CLASS[actor.type]))
    g.add((node, SKOS.prefLabel, text_literal(actor.label)))
    for alias in sorted(actor.aliases):
        if alias != actor.label:
            g.add((node, SKOS.altLabel, text_literal(alias)))
    if actor.country:
        g.add((node, KG.country, text_literal(actor.country)))
    if actor.sector:
        g.add((node, KG.sector, text_literal(actor.sector)))
    if actor.code:
        g.add((node, KG.actorCode, text_literal(actor.code)))
    if actor.type is ActorType.GOVERNMENT and actor.country:
        g.add((node, KG.governmentOf, actor_iri(actor_id(ActorKind.STATE, actor.country))))
    for role in actor.roles:
        role_node = _role_iri(actor, role.title, role.country, role.sector)
        g.add((node, KG.holdsRole, role_node))
        g.add((role_node, RDF.type, KG.Role))
        g.add((role_node, KG.roleTitle, text_literal(role.title)))
        if role.country:
            g.add((role_node, KG.roleCountry, text_literal(role.country)))
        if role.sector:
            g.add((role_node, KG.roleSector, text_literal(role.sector)))
    return node


def _add_document(g: Graph, document: Document) -> URIRef:
    node = document_iri(document)
    g.add((node, RDF.type, KG.Document))
    g.add((node, KG.documentId, text_literal(document.id)))
    g.add((node, KG.contentHash, text_literal(document.content_hash)))
    if document.title:
        g.add((node, KG.title, text_literal(document.title)))
    if document.date is not None:
        g.add((node, KG.date, Literal(document.date, datatype=XSD.date)))
    if document.url:
        g.add((node, KG.url, Literal(document.url, datatype=XSD.anyURI)))
    if document.source:
        g.add((node, KG.publisher, text_literal(document.source)))
    return node


def _add_event(g: Graph, node: URIRef, event: Event, claim: URIRef, *, positive: bool,
               speaker: URIRef | None, document: Document) -> None:
    source = actor_iri(event.source)
    target = actor_iri(event.target) if event.target is not None else None
    g.add((node, RDF.type, KG.Event))
    g.add((node, KG.source, source))
    if target is not None:
        g.add((node, KG.target, target))
    if event.text:
        g.add((node, KG.eventText, text_literal(event.text)))
    if event.mode:
        g.add((node, KG.ploverMode, text_literal(event.mode)))
    if event.context:
        g.add((node, KG.ploverContext, text_literal(event.context)))
    g.add((node, KG.eventType, CAMEO[event.cameo]))
    g.add((node, KG.cameoCode, text_literal(event.cameo)))
    if event.plover:
        g.add((node, KG.ploverType, PLOVER[event.plover]))
    g.add((node, KG.quadClass, Literal(int(event.quad))))
    g.add((node, KG.intensity, _decimal(event.intensity)))
    g.add((node, KG.fromClaim, claim))
    if speaker is not None:
        g.add((node, KG.attributedTo, speaker))
    if document.date is not None:
        g.add((node, KG.date, Literal(document.date, datatype=XSD.date)))
    if positive and target is not None:
        g.add((source, PLOVER_PROPERTIES.get(event.plover or "", KG.actsOn), target))


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
        lean: The triples to be written out and dropped (what a build does): a plain
            dictionary of ``(s, p, o)`` in insertion order, with an ``add`` method but no
            rdflib ``Graph`` around it (several times cheaper to fill; no queries).

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
    g = _Triples() if lean else Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    doc_node = _add_document(g, document)
    described: set[str] = set()

    def describe(actor: Actor | None) -> URIRef | None:
        if actor is None:
            return None
        if actor.id not in described:
            described.add(actor.id)
            _add_actor(g, actor)
        return actor_iri(actor.id)

    for actor in actors:
        describe(actor)
    per_sentence: dict[int, int] = defaultdict(int)
    for claim in claims:
        triple = claim.triple
        n = claim.sentence_id
        sent_node = sentence_iri(document, n)
        if n not in per_sentence:
            g.add((sent_node, RDF.type, KG.Sentence))
            g.add((sent_node, KG.text, text_literal(triple.sentence.text)))
            g.add((sent_node, KG.index, Literal(n)))
            g.add((sent_node, KG.startChar, Literal(triple.sentence.start_char)))
            g.add((sent_node, KG.endChar, Literal(triple.sentence.end_char)))
            g.add((sent_node, KG.inDocument, doc_node))
        k = per_sentence[n]
        per_sentence[n] += 1
        node = claim_iri(document, n, k)
        g.add((node, RDF.type, KG.Claim))
        g.add((node, PROV.wasDerivedFrom, sent_node))
        g.add((node, KG.subjectText, text_literal(triple.subject_text)))
        g.add((node, KG.relation, text_literal(triple.relation)))
        g.add((node, KG.relationText, text_literal(triple.relation_text or triple.relation)))
        if triple.object is not None:
            g.add((node, KG.objectText, text_literal(triple.object_text)))
        for argument in triple.arguments:
            g.add((node, KG.argument, text_literal(argument.text)))
        g.add((node, KG.polarity, KG.Negative if triple.negated else KG.Positive))
        if triple.modality:
            g.add((node, KG.modality, text_literal(triple.modality)))
        if triple.condition:
            g.add((node, KG.condition, text_literal(triple.condition)))
        if triple.question:
            g.add((node, KG.question, Literal(True)))
        if triple.attribution_text:
            g.add((node, KG.attributionText, text_literal(triple.attribution_text)))
        speaker = describe(claim.attribution_actor)
        if speaker is not None:
            g.add((node, KG.attributedTo, speaker))
        g.add((node, KG.confidence, _decimal(triple.confidence)))
        g.add((node, KG.extractionRule, text_literal(triple.kind)))
        subject = describe(claim.subject_actor)
        obj = describe(claim.object_actor)
        if subject is not None:
            g.add((node, KG.subjectActor, subject))
        if obj is not None:
            g.add((node, KG.objectActor, obj))
        if subject is not None and obj is not None and subject != obj and triple.asserted:
            g.add((subject, KG.actsOn, obj))
        for j, fact in enumerate(claim.facts):
            _add_fact(g, fact_iri(node, j), fact, node, subject=describe(fact.subject_actor),
                      obj=describe(fact.object_actor), asserted=triple.asserted)
        for j, event in enumerate(claim.events):
            _add_event(g, event_iri(node, j), event, node, positive=not triple.negated and triple.asserted,
                       speaker=speaker, document=document)
    log.debug("%s: %d claims, %d triples", document.id, len(claims), len(g))
    return g
