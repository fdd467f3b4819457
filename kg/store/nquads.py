"""One document's graph → N-Quads text: what a batch part holds and what the loaders read.

Each document's triples go to its own named graph, except what is said about actors (every
triple whose subject is an actor IRI), which goes to the shared `ACTORS_GRAPH` (see
`kg.store.Store.add_document`, which routes the same way).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.store.mapping import ACTORS_GRAPH, actor_iri, document_iri
from kg.types import Document

__all__ = ["ACTOR_PREFIX", "document_nquads", "nquads_term"]

#: Every actor IRI starts with this.
ACTOR_PREFIX = str(actor_iri("x"))[:-1]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nquads_term(term: Node) -> str:
    """An rdflib term as N-Triples/N-Quads writes it.

    Examples:
        >>> nquads_term(Literal('say "no"\\n')), nquads_term(URIRef("urn:x")), nquads_term(Literal(3))
        ('"say \\\\"no\\\\"\\\\n"', '<urn:x>', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    if type(term) is URIRef or isinstance(term, URIRef):  # the exact type first: most terms are IRIs
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def document_nquads(document: Document, graph: Graph) -> str:
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
