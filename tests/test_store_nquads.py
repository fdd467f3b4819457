"""Claims → N-Quads text written directly: the same quads as the rdflib graph of the same claims.

A build writes each document's N-Quads straight from its claims (`claims_nquads`); the memory
store and the API use the rdflib graph (`document_graph`). Both come from one mapping
(`map_document`) through two writers; here they are shown to give the same quads, parsed
back by Oxigraph and by rdflib, over varied documents and hostile strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from kg.corpus import read_documents
from kg.pipeline import analyse
from kg.store import document_graph, document_iri
from kg.store.mapping import ACTORS_GRAPH
from kg.store.nquads import ACTOR_PREFIX, claims_nquads, document_nquads
from kg.types import Actor, ActorType, Document, Event, QuadClass, Role
from tests.conftest import EXAMPLE, ROOT, shared_path

#: Every character an N-Quads literal must escape, and others it must not mangle: quotes,
#: backslashes, line ends, U+2028 and U+0085 (line breaks to Python's ``splitlines``), control
#: characters, characters outside the Basic Multilingual Plane.
HOSTILE = 'say "no" \\ C:\\dir\\ \n next\r line \u2028 sep \x85 \x00\x01\x07\x0b\x1f\x7f tab\t 😀 𝔘 \U0010ffff'

HOSTILE_TEXT = (
    'Iran\'s "supreme leader" rejected talks with U.S. officials at C:\\talks\\ on Monday.\n'
    "Russia condemned the attack on Ukraine\u2028 in a statement 😀.\r\n"
    "The \x07 European Union imposed sanctions on the \U0001d518 Syrian government.\t"
    'Turkey said "we will not back down" and accused Greece of provocations \x0b at sea.'
)

#: Actors no resolver makes: ids that need percent-encoding, labels and roles with hostile text.
HOSTILE_ACTORS = (
    Actor('person/josé "pepe" martí', HOSTILE, ActorType.PERSON, "CUB", "GOV",
          frozenset({"a\rb", 'a"b', "a\\b", "a\nb", "a\u2028b"}), (Role(f"foreign {HOSTILE}", "CUB", "GOV"), Role("envoy"))),
    Actor("group/a>b c", "A>B <C>", ActorType.GROUP, None, None, frozenset({"\u2028"}), cameo="NGO\\x"),
    Actor("government/CUB", "Government of Cuba", ActorType.GOVERNMENT, "CUB", "GOV"),
)


def _documents() -> list[Document]:
    documents = read_documents([EXAMPLE, ROOT / "examples" / "corpus"])
    carb = shared_path("eval-dev", "carb", "data", "dev.txt").read_text(encoding="utf-8").splitlines()
    documents.append(Document("carb-dev", " ".join(line.strip() for line in carb[:80] if line.strip())))
    documents.append(Document("hostile", HOSTILE_TEXT, title=f"A {HOSTILE} title", date=dt.date(2024, 2, 29),
                              url='https://example.org/a b>c?q="x"&r=\\y#z\n', source="Wire\r\nService \"X\""))
    documents.append(Document("bare", "Cuba protested."))  # no title, date, url or source
    documents.append(Document("string-date", "Cuba protested again.", date="2019-09-18"))  # as some callers give it
    return documents


@pytest.fixture(scope="module")
def analysed() -> list[tuple[Document, list, tuple[Actor, ...]]]:
    out = []
    for document, _, claims in analyse(_documents()):
        actors: tuple[Actor, ...] = ()
        if document.id == "hostile":  # hostile actors and events on the claims as well
            first, *rest = claims
            event = Event(HOSTILE_ACTORS[0].id, HOSTILE_ACTORS[1].id, "0874", "MOBILIZE", QuadClass.MATERIAL_CONFLICT,
                          -7.25, text=HOSTILE, mode="heavy-weapons", context="military")
            claims = [replace(first, subject_actor=HOSTILE_ACTORS[0], attribution_actor=HOSTILE_ACTORS[1],
                              events=(event, replace(event, target=None, plover=None, intensity=0.00004))), *rest]
            actors = HOSTILE_ACTORS
        out.append((document, claims, actors))
    assert sum(len(claims) for _, claims, _ in out) > 200
    return out


def _rdflib_nquads(document: Document, graph: Graph) -> bytes:
    """The graph written by rdflib's own N-Quads serializer, routed to named graphs as a store does."""
    dataset = Dataset()
    own, shared = dataset.graph(document_iri(document)), dataset.graph(ACTORS_GRAPH)
    for s, p, o in graph:
        (shared if str(s).startswith(ACTOR_PREFIX) else own).add((s, p, o))
    return dataset.serialize(format="nquads", encoding="utf-8")


def _oxigraph_quads(data: bytes) -> set[ox.Quad]:
    return set(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def test_the_direct_writer_is_the_lean_graph_line_for_line(analysed):
    for document, claims, actors in analysed:
        lean = document_graph(document, None, claims, actors=actors, lean=True)
        assert claims_nquads(document, claims, actors=actors) == document_nquads(document, lean), document.id


def test_oxigraph_reads_the_same_quads_as_rdflib_writes(analysed):
    direct_all: set[ox.Quad] = set()
    graph_all: set[ox.Quad] = set()
    for document, claims, actors in analysed:
        text = claims_nquads(document, claims, actors=actors).encode("utf-8")
        direct = _oxigraph_quads(text)
        graph = document_graph(document, None, claims, actors=actors)
        assert len(direct) == len(graph) == text.count(b"\n"), document.id
        assert direct == _oxigraph_quads(_rdflib_nquads(document, graph)), document.id
        direct_all |= direct
        graph_all |= _oxigraph_quads(_rdflib_nquads(document, graph))
    assert direct_all == graph_all
    literals = {q.object.value for q in direct_all if isinstance(q.object, ox.Literal)}
    assert HOSTILE in literals and HOSTILE_TEXT.split("\n")[0] in {v[: len(HOSTILE_TEXT.split("\n")[0])] for v in literals}
    assert 'https://example.org/a b>c?q="x"&r=\\y#z\n' in literals
    assert any("\u2028" in v for v in literals) and any("𝔘" in v for v in literals)


def test_rdflib_reads_back_the_graph_it_was_written_from(analysed):
    for document, claims, actors in analysed:
        dataset = Dataset()
        dataset.parse(data=claims_nquads(document, claims, actors=actors), format="nquads")
        own = document_iri(document)
        read = {(s, p, o) for s, p, o, g in dataset.quads((None, None, None, None))
                if g == (ACTORS_GRAPH if str(s).startswith(ACTOR_PREFIX) else own)}
        assert read == set(document_graph(document, None, claims, actors=actors)), document.id


def test_actor_triples_go_to_the_actors_graph(analysed):
    document, claims, actors = next(a for a in analysed if a[0].id == "hostile")
    quads = _oxigraph_quads(claims_nquads(document, claims, actors=actors).encode("utf-8"))
    martí = ox.NamedNode(f"{ACTOR_PREFIX}person/jos%C3%A9%20%22pepe%22%20mart%C3%AD")
    about = {q for q in quads if q.subject == martí}
    assert about and {q.graph_name for q in about} == {ox.NamedNode(str(ACTORS_GRAPH))}
    assert {q.graph_name for q in quads - about if not q.subject.value.startswith(ACTOR_PREFIX)} == {
        ox.NamedNode(str(document_iri(document)))}
    assert URIRef(martí.value) in {s for s, _, _ in document_graph(document, None, claims, actors=actors)}


def test_marker_lines_are_split_as_line_by_line_reading_would(analysed):
    """The loader finds each document's ``kg:contentHash`` line by searching for it (`_split_markers`):
    the same two parts as reading the N-Quads line by line, hostile literals and a missing last newline included."""
    from kg.store.oxigraph import _MARKER, _split_markers

    def by_lines(data: bytes) -> tuple[bytes, bytes]:
        lines = data.splitlines(keepends=True)  # N-Quads escapes every line break inside a literal
        return b"".join(x for x in lines if _MARKER not in x), b"".join(x for x in lines if _MARKER in x)

    batch = b"".join(claims_nquads(d, c, actors=a).encode("utf-8") for d, c, a in analysed)
    quoting = f'<urn:a> <urn:b> "says{_MARKER.decode()}in a literal" <urn:g> .\n'.encode()
    for data in (batch, batch.rstrip(b"\n"), quoting + batch, batch + quoting, b"", b"<urn:a> <urn:b> <urn:c> .\n"):
        body, markers = _split_markers(data)
        assert (body, markers) == by_lines(data)
    assert _split_markers(batch)[1].count(b"\n") == len(analysed), "one marker a document"
