"""Oxigraph, on disk or in memory: the store for corpora (native loading, queries and export).

Queries run on Oxigraph itself (`_native_query`); rdflib sees the same data through
oxrdflib (``Store.graph``) for what only rdflib does. Batches of N-Quads are loaded by
Oxigraph's own parser, one transaction a batch; Turtle, TriG and N-Quads are written by
Oxigraph without rdflib terms.
"""

from __future__ import annotations

import collections
import io
import itertools
import logging
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier, Node

from kg.errors import QueryError, StoreError
from kg.ontology import KG, PREFIXES
from kg.store.base import INIT_NS, Store, StoreKind, _what
from kg.store.files import EXPORT_FORMATS, RDF_FILE_FORMATS, atomic_write, export_format, one_line, usable_cores
from kg.store.mapping import ACTORS_GRAPH, document_iri, text_literal
from kg.store.nquads import ACTOR_PREFIX
from kg.store.turtle_copy import TurtleCopy, Unprefixed
from kg.types import Document

__all__ = ["OxigraphStore", "open_oxigraph"]

log = logging.getLogger(__name__)

_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
#: Export formats Oxigraph writes itself, by its ``RdfFormat`` name.
_NATIVE_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nquads": "N_QUADS", "ntriples": "N_TRIPLES"}


class OxigraphStore(Store):
    """Oxigraph in a folder (persistent, one writer at a time) or in memory.

    Attributes:
        native: The ``pyoxigraph.Store``.
    """

    kind = StoreKind.OXIGRAPH
    # Oxigraph's bulk loader ingests sorted files that overlap every key already stored, and
    # each ingest sets off compactions: loading 1,000 documents' quads ~2,000 at a time (one
    # document) took 24.7 µs of CPU a quad, 8,000 at a time 16.5, 23,000 (~4 MB) 15.5, 100,000
    # 14.7. Larger loads save little more, and that only while the store is small, and cost
    # memory (~0.9 KB a quad in the loader), so a build groups short documents' batches up to
    # about 4 MB and loads long ones a batch at a time (docs/scale.md).
    load_bytes = 4 * 2**20
    load_batches = 40
    # What costs is how often loads arrive, not their size: compaction takes together the
    # files of loads that come one after another. 3,000 documents (5.2 million quads) loaded
    # a 25-document batch (8 MB) every 1.4 s, as two workers give them, took 121 s of CPU
    # (40 ms a document, 110 s of it compaction); in bursts of 4 such loads 89 s; of 16
    # (128 MB) 58 s. At 6,000 documents bursts of 128 MB took 167 s, of 256 MB 140 s. A build
    # keeps the loads of a burst on disk meanwhile, not in memory (docs/scale.md).
    load_burst = 256 * 2**20
    loads_beside = True  # its loader leaves Python's lock; its store takes reads during writes

    def __init__(self, native: Any, *, url: str, read_only: bool = False) -> None:
        super().__init__(Dataset(store=_oxigraph_store_class()(store=native), default_union=True),
                         url=url, read_only=read_only)
        self.native = native
        self.on_disk = url.strip() != "oxigraph:"
        self._to_ox = _OxigraphTerms()
        self._turtle: TurtleCopy | None = None
        self._ahead = False

    def keep_turtle(self, *, ahead: bool = False) -> None:
        """Keep a Turtle copy of the document graphs loaded from now on, for the next Turtle export.

        On disk, the export then copies those graphs' Turtle instead of having Oxigraph read
        them back (`kg.store.turtle_copy`): 9 s of CPU less for 1,000 documents, for ~4 s
        more while loading. A graph written other than by `load_nquads` (a document added
        alone, a graph removed, any write through ``graph``) is read from the store again.
        With `ahead`, `load_nquads` copies nothing: the caller copies with `copy_turtle`
        before loading (a build that holds loads back for a burst copies them as they come).
        """
        self._ahead = ahead
        if self.on_disk and self._turtle is None:
            import pyoxigraph as ox

            self._turtle = TurtleCopy(prefixes=_export_prefixes(), header=_header(ox.RdfFormat.TURTLE), skip={str(ACTORS_GRAPH)})
            self.graph.store.written = self._written

    def _written(self, context: Any) -> None:
        """rdflib wrote to the graph `context` (None: anywhere): the copy of it is no longer the store's."""
        if self._turtle is not None:
            name = getattr(context, "identifier", context)
            if isinstance(name, URIRef):
                self._turtle.forget(str(name))
            else:
                self._turtle.clear()

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:  # noqa: D102 - an index lookup per hash, no SPARQL
        import pyoxigraph as ox

        predicate = ox.NamedNode(str(KG.contentHash))
        return {h for h in dict.fromkeys(hashes)
                if next(self.native.quads_for_pattern(None, predicate, ox.Literal(h), None), None) is not None}

    def load_nquads(self, source: Path | bytes) -> None:
        """Load N-Quads with Oxigraph's parser; a killed build leaves no document half-stored.

        On disk the quads go through Oxigraph's bulk loader (sorted files written and taken
        in whole, several times cheaper than a transaction's row-by-row writes, and no write
        buffers that grow with the store), except each document's ``kg:contentHash``, which
        is written last in one transaction: a document counts as stored (`stored_hashes`)
        only once all its quads are in, and a rerun loads the same quads again over any
        that a killed load left. In memory, one transaction.

        Raises:
            StoreError: The store is read-only, or the data does not load.
        """
        self.load_many([source])

    def load_many(self, sources: Iterable[Path | bytes]) -> None:
        """Load parts one after another as `load_nquads` does, their documents' ``kg:contentHash`` all at the end.

        A transaction between two bulk loads leaves RocksDB a small file to flush and compact
        with the next load's: one transaction for a burst of 40 loads saved ~6 % of the CPU
        of loading them (15.1 against 16.0 s for 1,000 documents).

        Raises:
            StoreError: The store is read-only, or a part does not load.
        """
        import pyoxigraph as ox

        self._writable()
        nquads = ox.RdfFormat.N_QUADS
        markers: list[bytes] = []
        source: Path | bytes | None = None
        try:
            for source in sources:
                data = source.read_bytes() if isinstance(source, Path) else source
                if not self.on_disk:
                    self.native.load(data, format=nquads)
                    continue
                if not self._ahead:
                    self.copy_turtle(data)
                body, marked = _split_markers(data)
                self.native.bulk_load(body, format=nquads)
                markers.append(marked)
            if markers:
                self.native.load(b"".join(markers), format=nquads)
        except (OSError, SyntaxError, ValueError) as exc:
            if self._turtle is not None:
                self._turtle.clear()
            raise StoreError(f"{self.url}: could not load {_what(source)}: {one_line(exc)}") from exc

    def copy_turtle(self, source: Path | bytes) -> None:
        """Copy the graphs of N-Quads still to be loaded (a part file or its bytes) as Turtle, where the store keeps a copy (`keep_turtle`).

        A copy that fails (data that does not parse, a full disk) fails nothing else: what
        was copied is forgotten and read from the store, and the load reports the data.
        """
        if self._turtle is None:
            return
        import pyoxigraph as ox

        try:
            nquads = source.read_bytes() if isinstance(source, Path) else source
            # ahead: in the build's own thread, idle while its workers (other processes) analyse
            self._turtle.add(nquads, stored_before=lambda name: self.native.contains_named_graph(ox.NamedNode(name)),
                             in_python=self._ahead)
        except (OSError, SyntaxError, ValueError) as exc:
            log.debug("%s: Turtle copy dropped: %s", self.url, one_line(exc))
            self._turtle.clear()

    def add_document(self, document: Document, graph: Graph) -> bool:  # noqa: D102 - see Store.add_document
        import pyoxigraph as ox

        self._writable()
        to_ox = self._to_ox
        name = to_ox(document_iri(document))
        if next(self.native.quads_for_pattern(name, to_ox(KG.contentHash), None, name), None) is not None:
            return False
        shared = to_ox(ACTORS_GRAPH)
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), shared if s.startswith(ACTOR_PREFIX) else name)
                 for s, p, o in graph]
        if self._turtle is not None:
            self._turtle.forget(str(document_iri(document)))
        try:
            self.native.extend(quads)  # one transaction
        except OSError as exc:
            raise StoreError(f"{self.url}: could not write document {document.id!r}: {one_line(exc)}") from exc
        log.debug("%s: added %s (%d triples)", self.url, document.id, len(quads))
        self.drop_older(document.id, document_iri(document))
        return True

    def _versions(self, doc_id: str) -> set[URIRef]:  # an index lookup, no SPARQL: once per document added
        import pyoxigraph as ox

        quads = self.native.quads_for_pattern(None, ox.NamedNode(str(KG.documentId)), ox.Literal(doc_id), None)
        return {URIRef(q.subject.value) for q in quads if q.subject == q.graph_name}

    def _remove_graph(self, iri: URIRef) -> None:
        import pyoxigraph as ox

        if self._turtle is not None:
            self._turtle.forget(str(iri))
        self.native.remove_graph(ox.NamedNode(str(iri)))

    def _query(self, sparql: str, bindings: dict[str, Identifier]) -> Result:
        return _native_query(self.native, sparql, self._prefixes(), bindings)

    def _prefixes(self) -> dict[str, str]:
        """The prefixes a query may use undeclared: the graph's bindings, then kg's (as rdflib does)."""
        prefixes = {prefix: str(namespace) for prefix, namespace in self.graph.namespaces() if prefix}
        prefixes.update((prefix, str(namespace)) for prefix, namespace in INIT_NS.items())
        return prefixes

    def export(self, path: Path | str, *, format: str = "trig") -> Path:  # noqa: D102 - see Store.export
        name = export_format(format)
        if name in _NATIVE_FORMATS:
            return atomic_write(path, lambda handle: self._dump(handle, name))
        return super().export(path, format=format)

    def serialize(self, *, format: str = "trig") -> bytes:  # noqa: D102 - see Store.serialize
        name = export_format(format)
        if name in _NATIVE_FORMATS:
            return self._dump(None, name)
        return super().serialize(format=format)

    def _dump(self, output: BinaryIO | None, name: str) -> bytes | None:
        """Oxigraph writes the store itself; a format of one graph holds the union of the graphs."""
        import pyoxigraph as ox

        rdf_format = getattr(ox.RdfFormat, _NATIVE_FORMATS[name])
        if EXPORT_FORMATS[name][1]:
            return self.native.dump(output, rdf_format, prefixes=_export_prefixes())
        sink = io.BytesIO() if output is None else output
        _dump_union(self.native, sink, rdf_format, self._turtle if rdf_format == ox.RdfFormat.TURTLE else None)
        return sink.getvalue() if output is None else None

    def close(self) -> None:
        """Release the store (a folder is unlocked, so it can be opened again)."""
        super().close()
        if self._turtle is not None:
            self._turtle.close()
            self._turtle = None
        self.native = None  # Oxigraph holds its folder's lock until its last reference goes


def open_oxigraph(path: Path | None, *, read_only: bool, url: str) -> OxigraphStore:
    """Oxigraph in the folder `path` (made if absent, unless read-only), or in memory where `path` is None.

    Raises:
        StoreError: `path` is a file, a read-only store is missing, or the folder is locked.
    """
    import pyoxigraph

    native = pyoxigraph.Store() if path is None else _oxigraph_folder(path, read_only=read_only)
    return OxigraphStore(native, url=url, read_only=read_only)


def _export_prefixes() -> dict[str, str]:
    """kg's prefixes, as the files it writes declare them."""
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _header(rdf_format) -> bytes:
    """The prefix lines a dump in `rdf_format` opens with."""
    import pyoxigraph as ox

    probe = ox.NamedNode("urn:kg:probe")
    first = ox.serialize([ox.Triple(probe, probe, probe)], None, rdf_format, prefixes=_export_prefixes())
    return first[: first.index(b"<urn:kg:probe>")]


def _dump_union(native, output: BinaryIO, rdf_format, kept: TurtleCopy | None = None) -> None:
    """Every graph of the store into one graph's file: each dumped by Oxigraph, the prefixes declared once.

    A quarter cheaper than serialising a CONSTRUCT over the union (which joins and sorts
    what the graphs hold apart; measured on 300 documents, 490,000 quads), and streamed.
    Runs of graphs are dumped by a thread per core (Oxigraph leaves Python's lock while it
    reads and writes) and written here in the store's order, so the bytes are those of one
    thread: 4.0 s instead of 7.0 s for 1,000 documents (1.7 million quads) on 2 cores,
    most of it Oxigraph reading its terms back. Each run is streamed to a temporary file, so
    memory does not grow with a graph (a long report's is hundreds of MB); at most two runs
    per thread wait on disk. A triple held in two graphs is written twice: the same graph
    once read. A graph of which `kept` holds the Turtle is copied from it, not read back.
    """
    import pyoxigraph as ox

    header = _header(rdf_format)
    prefixes = _export_prefixes()
    output.write(header)

    def dump(graphs: list) -> BinaryIO:
        spill = tempfile.TemporaryFile(prefix="kg-dump-")  # on disk: one graph may be a long report's hundreds of MB
        for graph in graphs:
            turtle = kept.turtle(graph.value) if kept is not None and isinstance(graph, ox.NamedNode) else None
            if turtle is not None:
                spill.write(turtle)
            else:
                native.dump(Unprefixed(spill, header), rdf_format, from_graph=graph, prefixes=prefixes)
        spill.seek(0)
        return spill

    def copy(done: Future) -> None:
        with done.result() as spill:
            shutil.copyfileobj(spill, output, 2**20)

    graphs = itertools.chain([ox.DefaultGraph()], native.named_graphs())
    threads = min(usable_cores(), _DUMP_THREADS)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kg-dump") as pool:
        pending: collections.deque[Future] = collections.deque()
        try:
            while run := list(itertools.islice(graphs, _DUMP_RUN)):
                pending.append(pool.submit(dump, run))
                if len(pending) > 2 * threads:
                    copy(pending.popleft())
            while pending:
                copy(pending.popleft())
        finally:  # an error: the runs still to be written go too
            for left in pending:
                if not left.cancel() and left.exception() is None:
                    left.result().close()


_DUMP_RUN = 32  #: graphs a dump thread takes at a time (a document's graph is ~60 KB of Turtle)
_DUMP_THREADS = 8  #: at most; each keeps up to two runs waiting on disk


_MARKER = f" <{KG.contentHash}> ".encode("ascii")


def _split_markers(data: bytes) -> tuple[bytes, bytes]:
    """N-Quads → (every line but the ``kg:contentHash`` ones, those lines).

    A line is one quad (N-Quads escapes line breaks inside literals); a literal that
    happens to hold the predicate's IRI only moves its line to the second part, which is
    loaded too.

    Examples:
        >>> body, markers = _split_markers(b'<a> <b> "c" <g> .\\n<d> <https://w3id.org/kg/ontology#contentHash> "h" <g> .\\n')
        >>> body.count(b"\\n"), markers.count(b"\\n")
        (1, 1)
    """
    body, markers = [], []
    start = 0  # of the text not yet given out
    found = data.find(_MARKER)
    while found != -1:  # a few lines a document: found by the C search, not line by line
        line = data.rfind(b"\n", 0, found) + 1
        end = data.find(b"\n", found)
        end = len(data) if end == -1 else end + 1
        body.append(data[start:line])
        markers.append(data[line:end])
        start = end
        found = data.find(_MARKER, start)
    if not markers:
        return data, b""
    body.append(data[start:])
    return b"".join(body), b"".join(markers)


def _oxigraph_store_class():
    """oxrdflib's store, returning plain literals where Oxigraph reports ``xsd:string``."""
    from oxrdflib import OxigraphStore

    class _Store(OxigraphStore):
        written = None  # called with the graph (None: any) each write through rdflib changes

        def _changed(self, context) -> None:  # noqa: ANN001
            if self.written is not None:
                self.written(context)

        def add(self, triple, context, quoted=False):  # noqa: ANN001, FBT002
            self._changed(context)
            super().add(triple, context, quoted)

        def addN(self, quads):  # noqa: ANN001, N802
            quads = list(quads)
            for *_, context in quads:
                self._changed(context)
            super().addN(quads)

        def remove(self, triple, context=None):  # noqa: ANN001
            self._changed(context)
            super().remove(triple, context)

        def update(self, update, initNs, initBindings, queryGraph, **kwargs):  # noqa: ANN001, N803
            self._changed(None)
            super().update(update, initNs, initBindings, queryGraph, **kwargs)

        def remove_graph(self, graph):  # noqa: ANN001
            self._changed(graph)
            super().remove_graph(graph)

        def triples(self, triple_pattern, context=None):
            for (s, p, o), contexts in super().triples(triple_pattern, context):
                yield (s, p, _plain(o)), contexts

        def query(self, query, initNs, initBindings, queryGraph, **kwargs):  # noqa: N803
            result = super().query(query, initNs, initBindings, queryGraph, **kwargs)
            if result.type == "SELECT":
                rows = result.bindings
                result.bindings = ({var: _plain(value) for var, value in row.items()} for row in rows)
            return result

    return _Store


def _rdf_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in RDF_FILE_FORMATS and p.is_file())


def _did_you_mean(path: Path) -> str:
    """A hint for a store folder given where a file was meant, or the reverse: " (did you mean out/graph.ttl?)"."""
    near = _rdf_files(path) or [p for p in _rdf_files(path.parent) if p.stem == path.stem]
    if not near and path.is_file() and (path.parent / "CURRENT").exists():
        return f" (did you mean the store folder {path.parent}?)"
    return f" (did you mean {near[0]}?)" if near else ""


def _oxigraph_folder(path: Path, *, read_only: bool):
    """The ``pyoxigraph.Store`` in `path`, with one-line errors for a file, a missing or a locked folder."""
    import pyoxigraph

    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder (give a folder, or an RDF file ending in "
                         f"{', '.join(sorted(RDF_FILE_FORMATS))}){_did_you_mean(path)}")
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such store{_did_you_mean(path)}")
    if read_only and not (path / "CURRENT").exists() and _rdf_files(path):
        raise StoreError(f"{path}: is a folder of files, not a store{_did_you_mean(path)}")
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        return pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except OSError as exc:
        message = one_line(exc)
        if "lock" in message.lower():
            raise StoreError(f"{path}: the store is in use (by another process, or a graph not yet closed): {message}") from exc
        raise StoreError(f"{path}: cannot open the store: {message}") from exc




def _plain(term: Node) -> Node:
    """``"x"^^xsd:string`` as rdflib's plain ``"x"``: the same RDF 1.1 literal, equal in Python too."""
    if isinstance(term, Literal) and term.datatype == _XSD_STRING:
        return Literal(str(term))
    return term


class _NativeResult(Result):
    """A SELECT result from Oxigraph, read by rdflib's interface but built without its machinery.

    The rows are tuples of rdflib terms made once per distinct Oxigraph term (a query's
    results repeat the same actors, labels and codes); the rows share one ``labels`` map,
    and the ``bindings`` dictionaries rdflib's serializers read are made only if asked for.
    """

    def __init__(self, variables: list[Variable], rows: list[tuple[Node | None, ...]]) -> None:
        super().__init__("SELECT")
        self.vars = variables
        self._bindings = None
        self._rows = rows
        self._labels = {str(v): i for i, v in enumerate(variables)}

    @property
    def bindings(self):  # noqa: D102 - rdflib's attribute, made on first use
        if self._bindings is None:
            self._bindings = [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self._rows]
        return self._bindings

    @bindings.setter
    def bindings(self, value) -> None:
        self._bindings = list(value)
        self._rows = [tuple(b.get(v) for v in self.vars) for b in self._bindings]

    def __len__(self) -> int:
        return len(self._rows)

    def __bool__(self) -> bool:
        return bool(self._rows)

    def __iter__(self):
        labels = self._labels
        new = tuple.__new__
        for values in self._rows:
            row = new(ResultRow, values)
            row.labels = labels
            yield row


class _OxigraphTerms(dict):
    """rdflib term → pyoxigraph term, remembered (predicates, actors, datatypes and graph
    names recur in every document; a bounded cache, emptied when it grows large)."""

    _LIMIT = 200_000

    def __call__(self, term: Node):
        try:
            return self[term]
        except KeyError:
            pass
        except TypeError:  # unhashable: not an rdflib term
            raise StoreError(f"not an RDF term: {term!r}") from None
        import pyoxigraph as ox

        if isinstance(term, URIRef):
            out = ox.NamedNode(term)
        elif isinstance(term, Literal):
            if term.language:
                out = ox.Literal(term, language=term.language)
            elif term.datatype is not None:
                out = ox.Literal(term, datatype=self(term.datatype))
            else:
                out = ox.Literal(term)
        elif isinstance(term, BNode):
            out = ox.BlankNode(term)
        else:
            raise StoreError(f"not an RDF term: {term!r}")
        if len(self) >= self._LIMIT:
            self.clear()
        self[term] = out
        return out


def _converter():
    """A function from Oxigraph terms to rdflib terms, memoised for one result.

    ``xsd:string`` literals become rdflib's plain literals (the same RDF 1.1 term, and
    equal to what the memory store returns).
    """
    import pyoxigraph as ox

    cache: dict[Any, Node] = {}
    xsd_string = str(_XSD_STRING)

    def convert(term):
        if term is None:
            return None
        try:
            return cache[term]
        except KeyError:
            pass
        if isinstance(term, ox.NamedNode):
            out = URIRef(term.value)
        elif isinstance(term, ox.Literal):
            if term.language:
                out = Literal(term.value, lang=term.language)
            elif term.datatype.value == xsd_string:
                out = text_literal(term.value)
            else:
                out = Literal(term.value, datatype=URIRef(term.datatype.value))
        elif isinstance(term, ox.BlankNode):
            out = BNode(term.value)
        else:  # an RDF-star triple term
            out = tuple(convert(t) for t in (term.subject, term.predicate, term.object))
        cache[term] = out
        return out

    return convert


# What can stand before a query's WHERE group: strings, IRIs and comments are skipped whole.
_LEXEME = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'  # IRIs
    r"|#[^\n]*"  # comments
    r"|(?<![?$\w:])WHERE\b|\{",
    re.IGNORECASE,
)


def _with_values(sparql: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with ``VALUES`` for `bindings` opening its WHERE group.

    Oxigraph substitutes only variables a SELECT projects; rdflib binds any variable.

    Examples:
        >>> _with_values("SELECT ?a WHERE { ?a ?p ?o }", {"o": Literal("x")})
        'SELECT ?a WHERE { VALUES (?o) { ("x") }  ?a ?p ?o }'
        >>> _with_values('CONSTRUCT { ?a ?p "{" } WHERE { ?a ?p ?o }', {"o": URIRef("urn:x")})
        'CONSTRUCT { ?a ?p "{" } WHERE { VALUES (?o) { (<urn:x>) }  ?a ?p ?o }'
    """
    lexemes = list(_LEXEME.finditer(sparql))
    where = [i for i, m in enumerate(lexemes) if m.group().upper() == "WHERE"]
    start = where[0] + 1 if where else 0
    brace = next((m for m in lexemes[start:] if m.group() == "{"), None)
    if brace is None:
        raise QueryError("malformed SPARQL: no WHERE group")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term.n3() for term in bindings.values())
    return f"{sparql[:brace.end()]} VALUES ({names}) {{ ({terms}) }} {sparql[brace.end():]}"


def _native_query(native, sparql: str, prefixes: dict[str, str], bindings: Mapping[str, Identifier]) -> Result:
    """Run a query on a ``pyoxigraph.Store`` (default graph = union of the named graphs)."""
    import pyoxigraph as ox
    from oxrdflib._converter import to_ox

    try:
        answer = native.query(sparql, prefixes=prefixes, use_default_graph_as_union=True,
                              substitutions={ox.Variable(name): to_ox(value) for name, value in bindings.items()})
    except RuntimeError as exc:
        if not (bindings and "projection" in str(exc)):
            raise
        answer = native.query(_with_values(sparql, bindings), prefixes=prefixes, use_default_graph_as_union=True)
    convert = _converter()
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QuerySolutions):
        variables = [Variable(v.value) for v in answer.variables]
        return _NativeResult(variables, [tuple(map(convert, solution)) for solution in answer])
    result = Result("CONSTRUCT")
    result.graph = Graph()
    for prefix, namespace in prefixes.items():
        result.graph.bind(prefix, namespace)
    result.graph += ((convert(t.subject), convert(t.predicate), convert(t.object)) for t in answer)
    return result
