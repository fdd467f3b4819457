"""The whole flow in one place: documents → Doc → triples → actors → events → claims → RDF.

`analyse` yields claims per document (what ``kg extract`` prints); `build` adds them to a
store and returns a `KnowledgeGraph`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc

from kg.actors import ActorRegistry, resolve_actors
from kg.corpus import as_documents
from kg.events import code_events
from kg.events.verbs import VerbDictionary, load_verbs
from kg.extract.facts import triple_facts, with_actors
from kg.nlp import load_pipeline
from kg.types import Claim, Document

__all__ = ["analyse", "build", "claims_of"]

log = logging.getLogger(__name__)

#: Called after each document with (document, claims, added); the CLI draws progress with it.
Progress = Callable[[Document, Sequence[Claim], bool], None]


_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}


def _is_noun_phrase(triple) -> bool:
    """Whether the object is a noun phrase (whose actors it may be about), not a clause or a quote.

    "rejected plans for talks with U.S. authorities" is about the United States; "said that
    the policy has failed in Iran" and "want to prove that ..." are not about Iran.
    """
    return triple.object is not None and triple.kind != "speech" and triple.object.root.pos_ in _NOMINAL


def claims_of(
    doc: Doc, document: Document, registry: ActorRegistry, *, verbs: VerbDictionary | None = None
) -> list[Claim]:
    """The claims of one parsed document: its triples with their actors and events.

    Args:
        doc: The document parsed by a pipeline with ``kg_triples``.
        document: The document it came from (its id and date).
        registry: Actor memory shared across documents.
        verbs: Loaded PETRARCH verb dictionaries, if any (`kg.events.verbs.load_verbs`).

    Returns:
        One claim per triple, in sentence order.
    """
    resolution = resolve_actors(doc, document, registry)
    sentence_ids = {sent.start: n for n, sent in enumerate(doc.sents)}
    claims = []
    for triple in doc._.triples or ():
        subject_actor = resolution.actor_of(triple.subject)
        object_actor = resolution.actor_of(triple.object)
        if object_actor is None and _is_noun_phrase(triple):
            inside = resolution.actors_in(triple.object)
            object_actor = inside[0] if inside else None
        claims.append(
            Claim(
                doc_id=document.id,
                sentence_id=sentence_ids[triple.sentence.start],
                triple=triple,
                subject_actor=subject_actor,
                object_actor=object_actor,
                events=code_events(triple, resolution, date=document.date, verbs=verbs),
                attribution_actor=resolution.actor_of(triple.attributed_to),
                facts=with_actors(triple_facts(triple), resolution, subject_actor=subject_actor, object_actor=object_actor),
            )
        )
    return claims


def analyse(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    actors: Sequence[Path | str] = (),
    registry: ActorRegistry | None = None,
    batch_size: int = 32,
    verbs: Sequence[Path | str] = (),
) -> Iterator[tuple[Document, Doc, list[Claim]]]:
    """Parse documents and yield each with its claims.

    Args:
        documents: What to read.
        model: A spaCy pipeline name (default: ``$KG_MODEL`` or the pinned model).
        actors: PETRARCH/Phoenix actor or agent dictionaries to load.
        registry: Actor memory to share with earlier calls (made fresh when None).
        batch_size: Documents per ``nlp.pipe`` batch.
        verbs: PETRARCH verb dictionaries (``CAMEO.2.0.txt``) whose codes win over our
            lexicon where they code a verb (read once per tuple of paths).

    Yields:
        ``(document, doc, claims)`` in input order.

    Examples:
        >>> from kg.types import Document
        >>> [(c.triple.subject_text, c.triple.relation) for _, _, cs in analyse([Document("d", "Iran attacked Iraq.")]) for c in cs]
        [('Iran', 'attack')]
    """
    nlp = load_pipeline(model)
    registry = registry if registry is not None else ActorRegistry(dictionaries=actors)
    verb_dictionary = load_verbs(verbs)
    documents = list(documents)
    texts = (d.text for d in documents)
    for document, doc in zip(documents, nlp.pipe(texts, batch_size=batch_size)):
        yield document, doc, claims_of(doc, document, registry, verbs=verb_dictionary)


def build(
    sources: Iterable[Document | str | Path] | Document | str | Path,
    *,
    store: str | None = None,
    model: str | None = None,
    actors: Sequence[Path | str] = (),
    progress: Progress | None = None,
    verbs: Sequence[Path | str] = (),
):
    """Build (or add to) a knowledge graph from articles.

    Args:
        sources: Documents, texts, or paths of text files.
        store: Where the graph lives: None for memory, a folder for Oxigraph on disk,
            ``sparql:QUERY_URL|UPDATE_URL`` for a remote endpoint (see `kg.store.open_store`).
        model: A spaCy pipeline name.
        actors: PETRARCH/Phoenix actor dictionaries.
        progress: Called after each document.
        verbs: PETRARCH verb dictionaries (see `analyse`).

    Returns:
        The `KnowledgeGraph`; documents already in the store (same text) are skipped.

    Examples:
        >>> kg = build(["Khamenei rejected talks with the United States."])
        >>> len(kg.query("SELECT ?c WHERE { ?c a kg:Claim }")) >= 1
        True
    """
    from kg.graph import KnowledgeGraph
    from kg.store import document_graph, open_store

    documents = as_documents(sources)
    target = open_store(store)
    try:
        for document, doc, claims in analyse(documents, model=model, actors=actors, verbs=verbs):
            added = target.add_document(document, document_graph(document, doc, claims))
            if not added:
                log.info("%s: already in the store, skipped", document.id)
            if progress is not None:
                progress(document, claims, added)
    except BaseException:
        target.close()
        raise
    return KnowledgeGraph(target)
