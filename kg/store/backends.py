"""RDF → a store: in memory, Oxigraph on disk, or a remote SPARQL 1.1 endpoint.

One URL-like string picks the backend (`open_store`), the same for the library and the
``--store`` option of the command line. Each document is one named graph, written in one
transaction where the backend has them, so a process killed mid-ingest leaves every
document either wholly in the store or not at all.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import urllib.error
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier, Node

from kg.errors import InputError, OutputError, QueryError, StoreError
from kg.ontology import KG, PREFIXES
from kg.store.mapping import ACTORS_GRAPH, actor_iri, document_iri
from kg.types import Document

__all__ = ["EXPORT_FORMATS", "RDF_FILE_FORMATS", "Store", "atomic_write", "open_store"]

log = logging.getLogger(__name__)

#: File suffix → rdflib parser, for RDF files opened as a (read-only, in-memory) store.
RDF_FILE_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".n3": "n3",
}

#: ``kg export --format`` name → (rdflib serializer, keeps named graphs).
EXPORT_FORMATS = {
    "turtle": ("turtle", False),
    "trig": ("trig", True),
    "nquads": ("nquads", True),
    "json-ld": ("json-ld", True),
    "ntriples": ("nt", False),
}
_FORMAT_ALIASES = {"ttl": "turtle", "nq": "nquads", "jsonld": "json-ld", "nt": "ntriples"}

_ACTOR_PREFIX = str(actor_iri("x"))[:-1]
_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
_INIT_NS = {prefix: URIRef(str(ns)) for prefix, ns in PREFIXES.items()}


def _one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path | str, data: str | bytes) -> Path:
    """Write a file so that it is either the old file or the whole new one, never half.

    Writes a temporary file in the same folder, then ``os.replace`` it over `path`. The
    new file gets an existing file's permissions, else the usual ones (0666 less the umask).

    Raises:
        OutputError: The file cannot be written (a folder is in the way, no permission, ...).

    Examples:
        >>> import tempfile, pathlib
        >>> p = atomic_write(pathlib.Path(tempfile.mkdtemp()) / "a.ttl", "<a> <b> <c> .")
        >>> p.read_text()
        '<a> <b> <c> .'
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _syntax_names(node: Any, found: set[str]) -> set[str]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        found.add(node.name)
        for value in node.values():
            _syntax_names(value, found)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            _syntax_names(value, found)
    return found


# A query can name another source only with one of these words (or hides one behind a \u
# escape); one that has none needs no parse to be let through (the parse costs 8-28 ms).
_MAY_READ_OUTSIDE = re.compile(r"\\[uU]|\b(?:SERVICE|FROM)\b", re.IGNORECASE)


def _refuse_outside_reads(sparql: str) -> None:
    """Refuse SERVICE and FROM / FROM NAMED: a query reads this store and nothing else.

    Without this, ``FROM <file:///...>`` reads local files and ``SERVICE <http://...>``
    makes requests from the machine, through `kg query` and the read-only endpoint alike.

    Raises:
        QueryError: The query names another source of data.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    if not _MAY_READ_OUTSIDE.search(sparql):  # neither keyword is written: nothing to parse for
        return
    try:
        names = _syntax_names(parseQuery(sparql), set())
    except Exception:  # malformed: the engine's own error says more
        return
    if "ServiceGraphPattern" in names:
        raise QueryError("SERVICE is refused: a query reads this store and nothing else")
    if "DatasetClause" in names:
        raise QueryError("FROM and FROM NAMED are refused: a query reads this store and nothing else")


def _term(value: Any) -> Identifier:
    if isinstance(value, Identifier):
        return value
    return Literal(value)


class Store:
    """A graph store: an rdflib `Dataset` with one named graph per document.

    Attributes:
        graph: The rdflib ``Dataset``; its default graph is the union of the documents.
        url: What it was opened from.
        kind: ``"memory"``, ``"oxigraph"``, ``"sparql"`` or ``"file"``.
        read_only: Whether `add_document` is refused.
    """

    def __init__(self, graph: Dataset, *, url: str, kind: str, read_only: bool = False, native: Any = None) -> None:
        self.graph = graph
        self.url = url
        self.kind = kind
        self.read_only = read_only
        self._native = native  # the pyoxigraph.Store under an Oxigraph dataset
        self._to_ox = _OxigraphTerms() if native is not None else None
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
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
        return int(next(iter(result))[0])

    def documents(self) -> list[URIRef]:
        """The IRIs of the documents in the store (one named graph each)."""
        return [row[0] for row in self.query("SELECT DISTINCT ?d WHERE { GRAPH ?d { ?d a kg:Document } } ORDER BY ?d")]

    def has_document(self, document: Document) -> bool:
        """Whether a document with the same text (content hash) is already stored."""
        iri = document_iri(document)
        return bool(self.query(f"ASK {{ GRAPH <{iri}> {{ <{iri}> kg:contentHash ?h }} }}").askAnswer)

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
            >>> from kg.store import document_graph
            >>> store = open_store("memory:")
            >>> d = Document(id="a", text="Iran rejected talks.")
            >>> store.add_document(d, document_graph(d, None, []))
            True
            >>> store.add_document(d, document_graph(d, None, []))
            False
        """
        if self.read_only:
            raise StoreError(f"{self.url}: the store is read-only")
        if self._native is not None:
            return self._add_native(document, graph)
        if self.has_document(document):
            return False
        context = self.graph.get_context(document_iri(document))
        shared = self.graph.get_context(ACTORS_GRAPH)
        quads = [(s, p, o, shared if str(s).startswith(_ACTOR_PREFIX) else context) for s, p, o in graph]
        try:
            self.graph.addN(quads)
            if self.kind == "sparql":
                self.graph.store.commit()
        except (OSError, urllib.error.URLError) as exc:
            raise StoreError(f"{self.url}: could not write document {document.id!r}: {_one_line(exc)}") from exc
        log.debug("%s: added %s (%d triples)", self.url, document.id, len(quads))
        return True

    def _add_native(self, document: Document, graph: Graph) -> bool:
        """`add_document` on Oxigraph: one ``extend`` call, which is one transaction."""
        import pyoxigraph as ox

        iri = document_iri(document)
        to_ox = self._to_ox
        name = to_ox(iri)
        if next(self._native.quads_for_pattern(name, to_ox(KG.contentHash), None, name), None) is not None:
            return False
        shared = to_ox(ACTORS_GRAPH)
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), shared if s.startswith(_ACTOR_PREFIX) else name)
                 for s, p, o in graph]
        try:
            self._native.extend(quads)
        except OSError as exc:
            raise StoreError(f"{self.url}: could not write document {document.id!r}: {_one_line(exc)}") from exc
        log.debug("%s: added %s (%d triples)", self.url, document.id, len(quads))
        return True

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
            >>> store = open_store(None)
            >>> bool(store.query("ASK { ?s a kg:Claim }"))
            False
            >>> store.query("SELEC ?x")
            Traceback (most recent call last):
            ...
            kg.errors.QueryError: malformed SPARQL: ...
        """
        init = {name: _term(value) for name, value in bindings.items()}
        _refuse_outside_reads(sparql)
        try:
            if self._native is not None:
                return _native_query(self._native, sparql, self._prefixes(), init)
            result = self.graph.query(sparql, initNs=_INIT_NS, initBindings=init)
            if result.type == "SELECT":
                result.bindings = list(result.bindings)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace") if exc.fp is not None else ""
            raise QueryError(f"the endpoint refused the query (HTTP {exc.code}): {_one_line(detail or exc)}") from exc
        except urllib.error.URLError as exc:
            raise StoreError(f"{self.url}: endpoint unreachable: {_one_line(exc.reason)}") from exc
        except Exception as exc:  # parser and evaluator errors of three engines
            if isinstance(exc, (KeyboardInterrupt, MemoryError)):
                raise
            raise QueryError(f"malformed SPARQL: {_one_line(exc)}") from exc
        return result

    def _prefixes(self) -> dict[str, str]:
        """The prefixes a query may use undeclared: the graph's bindings, then kg's (as rdflib does)."""
        prefixes = {prefix: str(namespace) for prefix, namespace in self.graph.namespaces() if prefix}
        prefixes.update((prefix, str(namespace)) for prefix, namespace in _INIT_NS.items())
        return prefixes

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
            >>> out = open_store(None).export(pathlib.Path(tempfile.mkdtemp()) / "g.trig")
            >>> out.exists()
            True
        """
        return atomic_write(path, self.serialize(format=format))

    def serialize(self, *, format: str = "trig") -> bytes:
        """The whole store as RDF text (see `export` for the formats)."""
        name = _FORMAT_ALIASES.get(format.lower(), format.lower())
        if name not in EXPORT_FORMATS:
            raise InputError(f"unknown export format {format!r} (valid: {', '.join(EXPORT_FORMATS)})")
        rdflib_format, quads = EXPORT_FORMATS[name]
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
        out = data.serialize(format=rdflib_format, encoding="utf-8")
        return out

    def close(self) -> None:
        """Release the store (an Oxigraph folder is unlocked, so it can be opened again)."""
        try:
            self.graph.close()
        except Exception as exc:  # closing twice, or a store without close
            log.debug("closing %s: %s", self.url, exc)
        # Oxigraph holds its folder's lock until its last reference goes
        self._native = None


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


def _plain_literal(value: str) -> Literal:
    """``Literal(value)`` for a plain string, made without rdflib's datatype machinery.

    The same object in every respect (a test compares every slot); a tenth of the cost,
    which counts when a query returns thousands of sentences.

    Examples:
        >>> _plain_literal("Iran") == Literal("Iran"), _plain_literal("Iran").n3()
        (True, '"Iran"')
    """
    literal = str.__new__(Literal, value)
    literal._language = None
    literal._datatype = None
    literal._value = value
    literal._ill_typed = None
    return literal


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
                out = _plain_literal(term.value)
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


def _oxigraph_store_class():
    """oxrdflib's store, returning plain literals where Oxigraph reports ``xsd:string``."""
    from oxrdflib import OxigraphStore

    class _Store(OxigraphStore):
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


def _oxigraph(path: Path | None, *, read_only: bool, url: str) -> Store:
    """Oxigraph in the folder `path`, or in memory where `path` is None."""
    import pyoxigraph

    inner = pyoxigraph.Store() if path is None else _oxigraph_folder(path, read_only=read_only)
    dataset = Dataset(store=_oxigraph_store_class()(store=inner), default_union=True)
    return Store(dataset, url=url, kind="oxigraph", read_only=read_only, native=inner)


def _oxigraph_folder(path: Path, *, read_only: bool):
    """The ``pyoxigraph.Store`` in `path`, with one-line errors for a file, a missing or a locked folder."""
    import pyoxigraph

    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder (give a folder, or an RDF file ending in "
                         f"{', '.join(sorted(RDF_FILE_FORMATS))})")
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such store")
    try:
        return pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except OSError as exc:
        message = _one_line(exc)
        if "lock" in message.lower():
            raise StoreError(f"{path}: the store is in use (by another process, or a graph not yet closed): {message}") from exc
        raise StoreError(f"{path}: cannot open the store: {message}") from exc


def _sparql(query_url: str, update_url: str | None, *, read_only: bool, url: str) -> Store:
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    backend = SPARQLUpdateStore(query_url, update_url or query_url, autocommit=False, returnFormat="json")
    dataset = Dataset(store=backend, default_union=True)
    return Store(dataset, url=url, kind="sparql", read_only=read_only or update_url is None)


def _rdf_file(path: Path, *, url: str) -> Store:
    fmt = RDF_FILE_FORMATS[path.suffix.lower()]
    dataset = Dataset(default_union=True)
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            dataset.parse(path, format=fmt)
        else:
            dataset.graph(URIRef(path.resolve().as_uri())).parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many kinds
        raise StoreError(f"{path}: not readable as {fmt}: {_one_line(exc)}") from exc
    return Store(dataset, url=url, kind="file", read_only=True)


def open_store(url: str | os.PathLike[str] | None, *, read_only: bool = False) -> Store:
    """Open a store from a URL-like string.

    Args:
        url: Where the graph lives:

            - ``None`` or ``"memory:"``: in memory, gone when the process ends;
            - a folder path, or ``"oxigraph:FOLDER"``: Oxigraph on disk (created if absent);
            - ``"oxigraph:"`` alone: Oxigraph in memory, gone when the process ends (its
              queries several times faster than ``"memory:"``'s at a million triples);
            - ``"sparql:QUERY_URL|UPDATE_URL"`` or ``"http(s)://..."``: a SPARQL 1.1
              endpoint. A bare URL is both query and update endpoint, except one ending
              in ``/query``, whose update endpoint is the sibling ``/update`` (Oxigraph,
              Fuseki). The endpoint's default graph must be the union of its named graphs
              (``oxigraph serve --union-default-graph``);
            - an RDF file (``.ttl``, ``.trig``, ``.nq``, ``.nt``, ``.jsonld``, ``.rdf``):
              read into memory, read-only.
        read_only: Refuse writes; a missing Oxigraph folder is an error, not created.

    Returns:
        The `Store`.

    Raises:
        StoreError: The path is a file that is not RDF, the folder is locked by
            another process, or the store cannot be opened.

    Examples:
        >>> open_store(None).kind
        'memory'
        >>> open_store("sparql:http://localhost:7878/query|http://localhost:7878/update").kind
        'sparql'
    """
    if url is None:
        return Store(Dataset(default_union=True), url="memory:", kind="memory")
    text = os.fspath(url).strip()
    if text in ("", "memory:", ":memory:"):
        return Store(Dataset(default_union=True), url="memory:", kind="memory")
    if text.startswith("sparql:"):
        query_url, _, update_url = text[len("sparql:"):].partition("|")
        if not query_url.startswith(("http://", "https://")):
            raise StoreError(f"{text!r}: expected sparql:QUERY_URL|UPDATE_URL with http(s) URLs")
        return _sparql(query_url, update_url or None, read_only=read_only, url=text)
    if text.startswith(("http://", "https://")):
        update_url = text[: -len("/query")] + "/update" if text.endswith("/query") else text
        return _sparql(text, update_url, read_only=read_only, url=text)
    if text.startswith("oxigraph:"):
        folder = text[len("oxigraph:"):].strip()
        if not folder:
            return _oxigraph(None, read_only=read_only, url=text)
        return _oxigraph(Path(folder).expanduser(), read_only=read_only, url=text)
    path = Path(text).expanduser()
    if path.suffix.lower() in RDF_FILE_FORMATS and not path.is_dir():
        if not path.exists():
            raise StoreError(f"{path}: no such RDF file")
        return _rdf_file(path, url=text)
    return _oxigraph(path, read_only=read_only, url=text)
