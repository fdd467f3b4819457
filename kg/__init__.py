"""kg: political news into a knowledge graph of political actors.

Who did what to whom, with the sentence that says so: open triples from spaCy's parse,
canonical actors with roles and CAMEO codes, CAMEO/PLOVER events, an RDF graph under the
kg ontology, a networkx actor network and a self-contained interactive HTML map.

Examples:
    >>> import kg
    >>> [t.relation for t in kg.extract("Khamenei rejected talks with the United States.")]
    ['reject']
"""

from __future__ import annotations

from pathlib import Path

# The extraction stage is a subpackage named like the API function `extract`: load it first, so
# that the function defined below is what `kg.extract` names.
import kg.extract as _extract_stage  # noqa: F401  (isort: skip)
from kg.corpus import read_documents
from kg.errors import InputError, KGError, ModelError, OntologyError, QueryError, StoreError
from kg.graph import KnowledgeGraph
from kg.nlp import load_pipeline
from kg.pipeline import analyse, build
from kg.types import Actor, ActorType, Argument, Claim, Document, Event, Fact, FactKind, Quad, Role, Triple

__all__ = [
    "Actor",
    "ActorType",
    "Argument",
    "Claim",
    "Document",
    "Event",
    "Fact",
    "FactKind",
    "InputError",
    "KGError",
    "KnowledgeGraph",
    "ModelError",
    "OntologyError",
    "Quad",
    "QueryError",
    "Role",
    "StoreError",
    "Triple",
    "__version__",
    "analyse",
    "build_graph",
    "extract",
    "load_pipeline",
    "open_graph",
    "read_documents",
]

__version__ = "0.1.0"


def extract(text: str, *, model: str | None = None) -> list[Triple]:
    """Extract subject–relation–object triples from a text.

    Args:
        text: Any English text.
        model: A spaCy pipeline name (default: ``$KG_MODEL`` or the pinned model).

    Returns:
        The triples, in sentence order; each keeps its spaCy spans.
    """
    if not isinstance(text, str):
        raise InputError(f"extract() takes text (str), got {type(text).__name__}")
    return list(load_pipeline(model)(text)._.triples)


def build_graph(
    sources,
    *,
    store: str | None = None,
    model: str | None = None,
    actors: list[Path | str] | tuple = (),
    verbs: list[Path | str] | tuple = (),
    workers: int = 1,
) -> KnowledgeGraph:
    """Build a knowledge graph from articles; see `kg.pipeline.build`.

    Args:
        sources: Documents, article texts (a ``str`` is always text), or `pathlib.Path` files.
        store: None for memory, a folder for Oxigraph on disk, ``"oxigraph:"`` for Oxigraph in
            memory, or ``sparql:QUERY|UPDATE``.
        model: A spaCy pipeline name.
        actors: PETRARCH/Phoenix actor and agent dictionaries.
        verbs: PETRARCH verb dictionaries (e.g. ``CAMEO.2.0.txt``).
        workers: Processes for the per-document work (more than 1: Dask workers; see docs/scale.md).
    """
    return build(sources, store=store, model=model, actors=actors, verbs=verbs, workers=workers)


def open_graph(location: str | Path) -> KnowledgeGraph:
    """Open a built graph, read-only: a store folder, an endpoint, or an RDF file."""
    return KnowledgeGraph.open(location)
