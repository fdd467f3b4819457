"""What every store does the same way: documents as named graphs, SPARQL with kg's prefixes, export.

`Store` is the shared part; each backend is a module beside this one (`kg.store.memory`,
`kg.store.oxigraph`, `kg.store.sparql`) and `kg.store.location.open_store` picks one from a
location string. Each document is one named graph, written in one transaction where the
backend has them, so a process killed mid-ingest leaves every document either wholly in the
store or not at all.
"""

from __future__ import annotations

import enum
import logging
import urllib.error
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.ontology import KG, PREFIXES
from kg.store.files import EXPORT_FORMATS, atomic_write, export_format, one_line
from kg.store.check import check_query as check_names
from kg.store.guard import check_query
from kg.store.mapping import ACTORS_GRAPH, document_iri
from kg.store.named import view_query
from kg.store.nquads import ACTOR_PREFIX
from kg.types import Document

__all__ = ["INIT_NS", "Store", "StoreKind"]

log = logging.getLogger(__name__)

#: kg's prefixes as rdflib's ``initNs``: what a query may use undeclared.
INIT_NS = {prefix: URIRef(str(ns)) for prefix, ns in PREFIXES.items()}


class StoreKind(enum.StrEnum):
    """The kinds of store: what a location names (`kg.store.parse_location`) and a `Store` is."""

    MEMORY = "memory"
    OXIGRAPH = "oxigraph"
    SPARQL = "sparql"
    FILE = "file"


def _term(value: Any) -> Identifier:
    if isinstance(value, Identifier):
        return value
    return Literal(value)


class Store:
    """A graph store: an rdflib `Dataset` with one named graph per document.

    Attributes:
        graph: The rdflib ``Dataset``; its default graph is the union of the documents.
        url: What it was opened from.
        kind: A `StoreKind` (equal to ``"memory"``, ``"oxigraph"``, ``"sparql"`` or ``"file"``).
        read_only: Whether `add_document` is refused.
        load_bytes, load_batches: A build gathers batches until their N-Quads hold `load_bytes`
            or they number `load_batches`, then hands them to `load_nquads` at once.
        load_burst: A build keeps such loads on disk until they hold `load_burst` bytes, then
            hands them to `load_nquads` one after another (0: each as soon as it is gathered).
        loads_beside: Whether `load_nquads` leaves Python's lock, so that a build loads in a
            thread of its own while the next batches are parsed.
    """

    kind = StoreKind.MEMORY
    load_bytes = 0
    load_batches = 1
    load_burst = 0
    loads_beside = False

    def __init__(self, graph: Dataset, *, url: str, read_only: bool = False) -> None:
        self.graph = graph
        self.url = url
        self.read_only = read_only
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)

    def __repr__(self) -> str:
        return f"Store({self.kind}: {self.url})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        """Number of distinct triples over all documents."""
        result = self.query(view_query("store-size"))
        return int(next(iter(result))[0])

    def documents(self) -> list[URIRef]:
        """The IRIs of the documents in the store (one named graph each)."""
        return [row[0] for row in self.query(view_query("store-documents"))]

    def has_document(self, document: Document) -> bool:
        """Whether a document with the same text (content hash) is already stored."""
        return bool(self.stored_hashes([document.content_hash]))

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes (`Document.content_hash`) the store already holds.

        One lookup for the lot: a pattern per hash where the store is in this process,
        one query on an endpoint.

        Examples:
            >>> from kg.store import document_graph, open_store
            >>> store = open_store(None)
            >>> d = Document(id="a", text="Iran rejected talks.")
            >>> _ = store.add_document(d, document_graph(d, None, []))
            >>> store.stored_hashes([d.content_hash, "0" * 64]) == {d.content_hash}
            True
        """
        return {h for h in dict.fromkeys(hashes)
                if next(self.graph.triples((None, KG.contentHash, Literal(h))), None) is not None}

    def check(self) -> None:
        """Make sure the store answers (a remote endpoint is reached), before any work is done.

        Raises:
            StoreError: The endpoint cannot be reached.
        """

    def _writable(self) -> None:
        if self.read_only:
            hint = " (an RDF file is read, not written: give a folder for a store on disk)" if self.kind == "file" else ""
            raise StoreError(f"{self.url}: the store is read-only{hint}")

    def keep_turtle(self, *, ahead: bool = False) -> None:
        """Keep a Turtle copy of what is loaded from now on, where reading it back costs (an Oxigraph folder); else nothing.

        With `ahead`, the caller copies what it loads with `copy_turtle` first.
        """

    def copy_turtle(self, source: Path | bytes) -> None:
        """Copy N-Quads still to be loaded (a part file or its bytes) where the store keeps a Turtle copy (`keep_turtle`); else nothing."""

    def load_nquads(self, source: Path | bytes) -> None:
        """Add N-Quads (a part file or its bytes) to the store, in one transaction where it has them.

        Raises:
            StoreError: The store is read-only, or the write failed.
        """
        self._writable()
        try:
            data = source.read_bytes() if isinstance(source, Path) else source
            self.graph.parse(data=data, format="nquads")
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.url}: could not load {_what(source)}: {one_line(exc)}") from exc

    def load_many(self, sources: Iterable[Path | bytes]) -> None:
        """Load parts one after another (`load_nquads`); a store may mark their documents stored at the end.

        Raises:
            StoreError: The store is read-only, or a part does not load.
        """
        for source in sources:
            self.load_nquads(source)

    def add_document(self, document: Document, graph: Graph) -> bool:
        """Add one document's graph as its own named graph, in one transaction.

        What the graph says about actors (labels, roles, codes and the direct
        actor-to-actor edges: every triple whose subject is an actor) goes to the one
        shared graph `ACTORS_GRAPH` instead, so a union of the documents holds each actor
        fact once (Oxigraph's union default graph keeps a copy per graph, and an actor
        named in a thousand documents would match a thousand times).

        Args:
            document: The document (its content hash names the graph).
            graph: Its RDF, from `kg.store.document_graph`.

        Returns:
            True if added; False if a document with the same text was already there
            (then nothing changes).

        Raises:
            StoreError: The store is read-only, or the write failed.

        Examples:
            >>> from kg.store import document_graph, open_store
            >>> store = open_store("memory:")
            >>> d = Document(id="a", text="Iran rejected talks.")
            >>> store.add_document(d, document_graph(d, None, []))
            True
            >>> store.add_document(d, document_graph(d, None, []))
            False
        """
        self._writable()
        if self.has_document(document):
            return False
        context = self.graph.get_context(document_iri(document))
        shared = self.graph.get_context(ACTORS_GRAPH)
        quads = [(s, p, o, shared if str(s).startswith(ACTOR_PREFIX) else context) for s, p, o in graph]
        try:
            self._add_quads(quads)
        except (OSError, urllib.error.URLError) as exc:
            raise StoreError(f"{self.url}: could not write document {document.id!r}: {one_line(exc)}") from exc
        log.debug("%s: added %s (%d triples)", self.url, document.id, len(quads))
        self.drop_older(document.id, document_iri(document))
        return True

    def drop_older(self, doc_id: str, keep: URIRef) -> None:
        """Remove the graphs of other versions of a document (the same id, another text).

        An edited file read again replaces the version stored before, with a warning.
        """
        for iri in self._versions(doc_id) - {keep}:
            self._remove_graph(iri)
            log.warning("%s: document %r has a new text; it replaces the version stored before", self.url, doc_id)

    def remove_document(self, iri: URIRef) -> None:
        """Remove a document's graph: its claims and its node (the shared actor graph stays).

        What a document added part by part leaves where a later part fails
        (`kg.pipeline.long_document_nquads`); nothing where the graph is absent.

        Raises:
            StoreError: The store is read-only.
        """
        self._writable()
        self._remove_graph(iri)

    def _versions(self, doc_id: str) -> set[URIRef]:
        """The document graphs stored under this document id."""
        return {row[0] for row in self.query(view_query("documents-with-id"), id=Literal(doc_id))}

    def _remove_graph(self, iri: URIRef) -> None:
        self.graph.remove_graph(self.graph.get_context(iri))

    def _add_quads(self, quads: list) -> None:
        self.graph.addN(quads)

    def remove_actor_triples(self, triples: list) -> None:
        """Remove triples from the shared actor graph (links a later identity pass no longer makes)."""
        self._writable()
        shared = self.graph.get_context(ACTORS_GRAPH)
        for s, p, o in triples:
            self.graph.remove((s, p, o, shared))
        self._commit()

    def _commit(self) -> None:
        """Make removals visible where the backend batches them (a remote endpoint)."""

    def query(self, sparql: str, **bindings: Any) -> Result:
        """Run a SPARQL 1.1 query with kg's prefixes declared.

        Args:
            sparql: The query (SELECT, ASK, CONSTRUCT or DESCRIBE); the prefixes ``kg``,
                ``id``, ``prov``, ``skos``, ``rdf``, ``rdfs``, ``owl``, ``xsd``, ``cameo``
                and ``plover`` need no declaration.
            **bindings: Values for variables (``actor="Iran"`` binds ``?actor``);
                strings become literals, rdflib terms are used as they are.

        Returns:
            rdflib's result; iterate it for rows. Rows are computed here, so a query
            error is raised by this call, not later.

        Raises:
            QueryError: The query does not parse or cannot run; an update was given.
            StoreError: A remote endpoint cannot be reached.

        Examples:
            >>> from kg.store import open_store
            >>> store = open_store(None)
            >>> bool(store.query("ASK { ?s a kg:Claim }"))
            False
            >>> store.query("SELEC ?x")
            Traceback (most recent call last):
            ...
            kg.errors.QueryError: malformed SPARQL: ...
        """
        init = {name: _term(value) for name, value in bindings.items()}
        check_query(sparql)  # nothing outside the store, sizes within limits: before any parse
        check_names(sparql, prefixes=self._prefixes())
        try:
            return self._query(sparql, init)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace") if exc.fp is not None else ""
            raise QueryError(f"the endpoint refused the query (HTTP {exc.code}): {one_line(detail or exc)}") from exc
        except urllib.error.URLError as exc:
            raise StoreError(f"{self.url}: endpoint unreachable: {one_line(exc.reason)}") from exc
        except Exception as exc:  # parser and evaluator errors of three engines
            if isinstance(exc, (KeyboardInterrupt, MemoryError)):
                raise
            raise QueryError(f"malformed SPARQL: {one_line(exc)}") from exc

    def _prefixes(self) -> dict[str, str]:
        """The prefixes a query may use undeclared: the graph's bindings, then kg's (as rdflib does)."""
        prefixes = {prefix: str(namespace) for prefix, namespace in self.graph.namespaces() if prefix}
        prefixes.update((prefix, str(namespace)) for prefix, namespace in INIT_NS.items())
        return prefixes

    def _query(self, sparql: str, bindings: dict[str, Identifier]) -> Result:
        result = self.graph.query(sparql, initNs=INIT_NS, initBindings=bindings)
        if result.type == "SELECT":
            result.bindings = list(result.bindings)
        return result

    def export(self, path: Path | str, *, format: str = "trig") -> Path:
        """Write the whole store to a file, atomically.

        Args:
            path: The output file (an existing file is replaced only once the new one is whole).
            format: ``trig`` or ``nquads`` or ``json-ld`` (a named graph per document), or
                ``turtle``/``ntriples`` (all documents merged into one graph).

        Returns:
            The path written.

        Raises:
            InputError: Unknown format.
            OutputError: The file cannot be written.

        Examples:
            >>> import tempfile, pathlib
            >>> from kg.store import open_store
            >>> out = open_store(None).export(pathlib.Path(tempfile.mkdtemp()) / "g.trig")
            >>> out.exists()
            True
        """
        return atomic_write(path, self.serialize(format=format))

    def serialize(self, *, format: str = "trig") -> bytes:
        """The whole store as RDF text (see `export` for the formats)."""
        rdflib_format, quads = EXPORT_FORMATS[export_format(format)]
        if quads:
            data = Dataset()
            for context in self.graph.graphs():
                target = data.graph(context.identifier)
                for triple in context.triples((None, None, None)):
                    target.add(triple)
        else:
            data = Graph()
            for triple in self.graph.triples((None, None, None)):
                data.add(triple)
        for prefix, namespace in PREFIXES.items():
            data.bind(prefix, namespace)
        return data.serialize(format=rdflib_format, encoding="utf-8")

    def close(self) -> None:
        """Release the store."""
        try:
            self.graph.close()
        except Exception as exc:  # closing twice, or a store without close
            log.debug("closing %s: %s", self.url, exc)


def _what(source: Path | bytes) -> str:
    return str(source) if isinstance(source, Path) else "a batch"
