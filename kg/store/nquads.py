"""One document's RDF → N-Quads text: what a batch part holds and what the loaders read.

Each document's triples go to its own named graph, except what is said about actors (every
triple whose subject is an actor IRI), which goes to the shared `ACTORS_GRAPH` (see
`kg.store.Store.add_document`, which routes the same way).

`claims_nquads` writes a document's claims as N-Quads text directly (the mapping,
`kg.store.mapping.map_document`, given a writer of text): what a build stores, with no rdflib
term on the way. `document_nquads` writes a graph of rdflib terms already made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.store.mapping import ACTORS_GRAPH, actor_iri, document_iri, map_document, text_literal
from kg.types import Actor, Claim, Document

__all__ = ["ACTOR_PREFIX", "claims_nquads", "document_nquads", "nquads_term"]

#: Every actor IRI starts with this.
ACTOR_PREFIX = str(actor_iri("x"))[:-1]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: What a quoted literal must escape (N-Quads ``STRING_LITERAL_QUOTE``); every other character stands as itself.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _escaped(text: str) -> str:
    """``text`` as a quoted literal's content; scanning for the four characters is cheaper than translating."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        return text.translate(_ESCAPES)
    return str(text)  # a str subclass (a StrEnum member) as its plain text


def nquads_term(term: Node) -> str:
    """An rdflib term as N-Triples/N-Quads writes it.

    Examples:
        >>> nquads_term(Literal('say "no"\\n')), nquads_term(URIRef("urn:x")), nquads_term(Literal(3))
        ('"say \\\\"no\\\\"\\\\n"', '<urn:x>', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    if type(term) is URIRef or isinstance(term, URIRef):  # the exact type first: most terms are IRIs
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{_escaped(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def document_nquads(document: Document, graph: Graph | Iterable[tuple[Node, Node, Node]]) -> str:
    """One document's graph (from `kg.store.document_graph`) as N-Quads lines.

    Examples:
        >>> from kg.store import document_graph
        >>> d = Document(id="a", text="Iran rejected talks.")
        >>> text = document_nquads(d, document_graph(d, None, []))
        >>> text.count("\\n") == len(document_graph(d, None, [])), f"<{document_iri(d)}> .\\n" in text
        (True, True)
    """
    own = f" <{document_iri(document)}> .\n"
    shared = f" <{ACTORS_GRAPH}> .\n"
    term = nquads_term
    return "".join(
        f"{term(s)} {term(p)} {term(o)}{shared if s.startswith(ACTOR_PREFIX) else own}" for s, p, o in graph
    )


class _QuadWriter:
    """A `kg.store.mapping.Writer` of N-Quads lines, each kept once, in the order written.

    IRIs are written as given: the mapping mints them from hashes, numbers, percent-encoded
    actor ids and the ontology's terms, none of which holds a character an IRI must escape.
    """

    __slots__ = ("lines", "_own", "_shared")

    def __init__(self, document: Document) -> None:
        self.lines: dict[str, None] = {}
        self._own = f" <{document_iri(document)}> .\n"
        self._shared = f" <{ACTORS_GRAPH}> .\n"

    def link(self, s: str, p: URIRef, o: str) -> None:  # noqa: D102 - see kg.store.mapping.Writer
        self.lines[f"<{s}> <{p}> <{o}>{self._shared if s.startswith(ACTOR_PREFIX) else self._own}"] = None

    def text(self, s: str, p: URIRef, value: str) -> None:  # noqa: D102 - see kg.store.mapping.Writer
        if isinstance(value, str):
            literal = f'"{_escaped(value)}"'
        else:  # not text (an id given as a number): what rdflib makes of it
            literal = nquads_term(text_literal(value))
        self.lines[f"<{s}> <{p}> {literal}{self._shared if s.startswith(ACTOR_PREFIX) else self._own}"] = None

    def typed(self, s: str, p: URIRef, lexical: str, datatype: URIRef) -> None:  # noqa: D102 - see kg.store.mapping.Writer
        self.lines[f'<{s}> <{p}> "{_escaped(lexical)}"^^<{datatype}>{self._shared if s.startswith(ACTOR_PREFIX) else self._own}'] = None


def claims_nquads(
    document: Document, claims: Sequence[Claim], *, actors: Iterable[Actor] = (), shared: dict[str, None] | None = None
) -> str:
    """One document's claims as N-Quads lines: `document_nquads` of its `document_graph`, made directly.

    The same lines in the same order as from the lean graph (a test compares them, and the
    quads parsed back), several times cheaper: no rdflib term is made. Given `shared`, the
    lines of the shared actor graph go there instead, once the document is written whole, each
    once: a batch's documents name the same actors (a third of those lines repeat in 25
    documents), and each repeat costs the loader as much as a new quad.

    Examples:
        >>> d = Document(id="a", text="Iran rejected talks.", url='https://example.org/a "b"')
        >>> from kg.store import document_graph
        >>> claims_nquads(d, []) == document_nquads(d, document_graph(d, None, [], lean=True))
        True
    """
    writer = _QuadWriter(document)
    map_document(writer, document, claims, actors=actors)
    if shared is None:
        return "".join(writer.lines)
    own = writer._own
    lines = []
    for line in writer.lines:
        if line.endswith(own):
            lines.append(line)
        else:
            shared[line] = None
    return "".join(lines)
