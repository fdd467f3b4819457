"""kg: political news into a knowledge graph of political actors.

Who did what to whom, with the sentence that says so: open triples from spaCy's parse,
canonical actors with roles and CAMEO codes, CAMEO/PLOVER events, an RDF graph under the
kg ontology, a networkx actor network and a self-contained interactive HTML map.

``import kg`` loads nothing but this table of names: each public name is imported on first
use (PEP 562), so that spaCy loading the ``kg_triples`` component, or ``kg --help``, does
not pay for rdflib, the stores and the SPARQL endpoint.

Examples:
    >>> import kg
    >>> [t.relation for t in kg.extract("Khamenei rejected talks with the United States.")]
    ['reject']
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from kg._lazy import lazy_names
from kg.errors import InputError, KGError, ModelError, OntologyError, OutputError, QueryError, StoreError

if TYPE_CHECKING:  # what the lazy names below are, for readers and type checkers
    from kg import extract
    from kg.corpus import read_documents
    from kg.graph import KnowledgeGraph
    from kg.nlp import load_pipeline
    from kg.pipeline import analyse
    from kg.types import Actor, ActorType, Argument, Claim, Document, Event, Fact, FactKind, QuadClass, Role, Triple

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
    "OutputError",
    "QuadClass",
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

#: The module each lazily imported public name lives in. ``kg.extract`` is the extraction
#: package itself, which is callable: ``kg.extract(text)`` (see `kg.extract`).
_LAZY = {
    "Actor": "kg.types",
    "ActorType": "kg.types",
    "Argument": "kg.types",
    "Claim": "kg.types",
    "Document": "kg.types",
    "Event": "kg.types",
    "Fact": "kg.types",
    "FactKind": "kg.types",
    "KnowledgeGraph": "kg.graph",
    "QuadClass": "kg.types",
    "Role": "kg.types",
    "Triple": "kg.types",
    "analyse": "kg.pipeline",
    "load_pipeline": "kg.nlp",
    "read_documents": "kg.corpus",
}


_load, __dir__ = lazy_names(__name__, _LAZY)


def __getattr__(name: str):
    if name == "extract":
        return importlib.import_module("kg.extract")
    return _load(name)


def build_graph(
    sources,
    *,
    store: str | None = None,
    model: str | None = None,
    actor_files: list[Path | str] | tuple = (),
    verb_files: list[Path | str] | tuple = (),
    workers: int = 1,
) -> KnowledgeGraph:
    """Build a knowledge graph from articles; see `kg.pipeline.build`.

    Args:
        sources: Documents, article texts (a ``str`` is always text), or `pathlib.Path` files.
        store: None for memory, a folder for Oxigraph on disk, ``"oxigraph:"`` for Oxigraph in
            memory, or ``sparql:QUERY|UPDATE``.
        model: A spaCy pipeline name.
        actor_files: Actor files: an analyst's TOML or CSV, or PETRARCH/Phoenix actor and agent dictionaries.
        verb_files: PETRARCH verb dictionaries (e.g. ``CAMEO.2.0.txt``).
        workers: Processes for the per-document work (more than 1: Dask workers; see docs/scale.md).
    """
    from kg.pipeline import build

    return build(sources, store=store, model=model, actor_files=actor_files, verb_files=verb_files, workers=workers)


def open_graph(location: str | Path) -> KnowledgeGraph:
    """Open a built graph, read-only: a store folder, an endpoint, or an RDF file."""
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph.open(location)
