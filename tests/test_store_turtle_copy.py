"""The Turtle copy an Oxigraph folder keeps of what it loads: the export it gives is always what the store holds.

A graph is taken from the copy only where the copy is the whole graph: not a graph the
folder held before, nor one written since by any other means (rdflib, SPARQL Update, a
document added alone, a graph removed).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.pipeline import Tools, _in_groups, build, run_batch
from kg.store import ACTORS_GRAPH, open_store
from kg.store.oxigraph import _export_prefixes, _header
from kg.store.turtle_copy import PrefixedNames, TurtleCopy, turtle_by_graph
from kg.types import Document

TEXTS = [
    "Iran's supreme leader Ali Khamenei rejected talks with the United States. He said Washington could not be trusted.",
    "Russia and China condemned the air strikes on Syria. Sergei Lavrov called them a violation of international law.",
    "The European Union imposed new sanctions on Belarus after the disputed election.",
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday, the interior ministry said.",
    "Turkey threatened to expel ten Western ambassadors who had called for the release of a jailed businessman.",
]


@pytest.fixture(scope="module")
def batches() -> list[bytes]:
    tools = Tools.load()
    return [run_batch([Document(f"copy-{i}-{k}", text) for k, text in enumerate(TEXTS[i:i + 2])], tools).nquads
            for i in (0, 2, 4)]


def _triples(quads) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def _exported(store, path) -> set[tuple[str, str, str]]:
    store.export(path, format="turtle")
    return _triples(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def _held(store) -> set[tuple[str, str, str]]:
    return _triples(store.native.quads_for_pattern(None, None, None, None))


def _graphs(nquads: bytes) -> set[str]:
    return {q.graph_name.value for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)} - {str(ACTORS_GRAPH)}


@pytest.mark.parametrize("ahead", [False, True], ids=["copied-while-loading", "copied-ahead"])
def test_turtle_export_from_the_copy_is_what_the_store_holds(batches, tmp_path, ahead):
    before, new, split = batches
    with open_store(str(tmp_path / "s")) as store:
        store.load_nquads(before)  # stored before any copy is kept: read from the store
        store.keep_turtle(ahead=ahead)
        for data in (new, *_halves(split)):  # the last document in two loads, as a long one goes in
            if ahead:
                store.copy_turtle(data)
            store.load_nquads(data)
        assert len(store._turtle) == len(_graphs(new) | _graphs(split)), "every new document graph is copied"
        assert _graphs(before).isdisjoint(store._turtle._chunks)
        assert _exported(store, tmp_path / "a.ttl") == _held(store)


def _halves(nquads: bytes) -> tuple[bytes, bytes]:
    lines = nquads.splitlines(keepends=True)
    return b"".join(lines[: len(lines) // 2]), b"".join(lines[len(lines) // 2:])


def test_a_graph_the_store_held_before_its_first_load_is_not_copied(batches, tmp_path):
    """Quads a killed load left, loaded again with more: the copy of the second load alone would miss them."""
    data = batches[0]
    first, _ = _halves(data)
    left = b"".join(line for line in first.splitlines(keepends=True) if b"contentHash" not in line)
    with open_store(str(tmp_path / "s")) as store:
        store.native.bulk_load(left.replace(b'" <', b' (left)" <', 1), format=ox.RdfFormat.N_QUADS)  # one quad of its own
        store.keep_turtle()
        store.load_nquads(data)
        held_before = {q.graph_name.value for q in ox.parse(left, format=ox.RdfFormat.N_QUADS)} - {str(ACTORS_GRAPH)}
        assert held_before and held_before.isdisjoint(store._turtle._chunks)
        assert _exported(store, tmp_path / "a.ttl") == _held(store)


def test_graphs_written_after_their_copy_are_read_from_the_store(batches, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        store.keep_turtle()
        store.load_nquads(batches[0])
        one, two = sorted(_graphs(batches[0]))[:2]
        subject = URIRef(one)
        kept = next(iter(store.graph.get_context(URIRef(two))))
        store.graph.add((subject, URIRef("urn:kg:test#note"), Literal("added later"), store.graph.get_context(URIRef(one))))
        store.graph.remove((*kept, store.graph.get_context(URIRef(two))))
        exported = _exported(store, tmp_path / "a.ttl")
        assert (f"<{one}>", "<urn:kg:test#note>", '"added later"') in exported
        assert exported == _held(store)
        store.graph.update(f'INSERT DATA {{ GRAPH <{two}> {{ <{two}> <urn:kg:test#note> "by update" }} }}')
        assert len(store._turtle) == 0, "an update may write anywhere: nothing is taken from the copy"
        assert _exported(store, tmp_path / "b.ttl") == _held(store)


@pytest.mark.parametrize("cores", [2, 1], ids=["loads-as-they-come", "loads-in-bursts"])
def test_build_keeps_the_copy_its_export_reads(tmp_path, monkeypatch, cores):
    """With a core for loading, each load copies; where loads wait for a burst, each batch is copied as it arrives."""
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "_cores", lambda: cores)
    docs = [Document(f"b-{i}", text) for i, text in enumerate(TEXTS)]
    with build(docs, store=str(tmp_path / "s"), batch_size=2, keep_turtle=True) as graph:
        assert graph.store._ahead == (cores == 1)
        assert len(graph.store._turtle) == len(docs)
        assert _exported(graph.store, tmp_path / "a.ttl") == _held(graph.store)
    with build(docs[:2], store="oxigraph:", keep_turtle=True) as graph:
        assert graph.store._turtle is None, "a store in memory dumps fast: no copy"


def test_held_loads_go_in_at_once_when_told():
    """The last burst goes in while the last batches are analysed, once every input is handed out."""
    told = iter([False, False, True, True])
    assert list(_in_groups(range(4), 100, lambda _: 1, now=lambda: next(told))) == [[0, 1, 2], [3]]


def test_a_copy_that_fails_leaves_the_export_whole(batches, tmp_path):
    """N-Quads that do not parse: the load reports them, and nothing copied before is trusted."""
    from kg.errors import StoreError

    with open_store(str(tmp_path / "s")) as store:
        store.keep_turtle()
        store.load_nquads(batches[0])
        with pytest.raises(StoreError, match="could not load"):
            store.load_nquads(b"<not n-quads\n")
        assert len(store._turtle) == 0
        store.load_nquads(batches[1])
        assert len(store._turtle) == len(_graphs(batches[1]))
        assert _exported(store, tmp_path / "a.ttl") == _held(store)


# Lines kg does not write, but N-Quads allows: what a line-by-line reading must not take apart wrongly.
AWKWARD = "\n".join([
    '<https://w3id.org/kg/id/doc/1/s0> <https://w3id.org/kg/ontology#text> "He said \\"no <x> <y> .\\" twice" <https://w3id.org/kg/id/doc/1> .',
    '<https://w3id.org/kg/id/doc/1/s0> <https://w3id.org/kg/ontology#text> "a line\\nand a tab\\there" <https://w3id.org/kg/id/doc/1> .',
    '<https://w3id.org/kg/id/doc/1/s0> <http://www.w3.org/2000/01/rdf-schema#label> "Téhéran"@fr <https://w3id.org/kg/id/doc/1> .',
    '<https://w3id.org/kg/id/doc/1/s0> <https://w3id.org/kg/ontology#index> "7"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/kg/id/doc/1> .',
    '<https://w3id.org/kg/id/-odd.> <https://w3id.org/kg/ontology#odd> "ends in a dot, starts with a dash" <https://w3id.org/kg/id/doc/1> .',
    '<https://w3id.org/kg/id/doc/2/s0> <https://w3id.org/kg/ontology#text> "another graph" <https://w3id.org/kg/id/doc/2> .',
    '<https://w3id.org/kg/id/doc/1/s0> <https://w3id.org/kg/ontology#note> <urn:x:y#z> <https://w3id.org/kg/id/doc/1> .',
    '<https://w3id.org/kg/id/actor/person/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "X" <https://w3id.org/kg/id/actors> .',
    '<https://w3id.org/kg/id/doc/1/s0> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kg/ontology#Sentence> <https://w3id.org/kg/id/doc/1> .',
]).encode() + b"\n"


def _copies(nquads: bytes, in_python: bool) -> dict[str, set]:
    header = _header(ox.RdfFormat.TURTLE)
    copy = TurtleCopy(prefixes=_export_prefixes(), header=header, skip=set())
    names = copy.add(nquads, stored_before=lambda name: False, in_python=in_python)
    return {name: {tuple("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in (q.subject, q.predicate, q.object))
                   for q in ox.parse(header + copy.turtle(name), format=ox.RdfFormat.TURTLE)}  # one blank node at most
            for name in names}


@pytest.mark.parametrize("which", ["batches", "awkward"])
def test_lines_read_in_python_give_the_graphs_oxigraph_gives(batches, which):
    """The copy made line by line (a build's own thread) holds the same graphs as one through Oxigraph."""
    data = b"".join(batches) if which == "batches" else AWKWARD
    assert turtle_by_graph(data) is not None, "kg's own lines are read in Python"
    by_lines, by_oxigraph = _copies(data, True), _copies(data, False)
    assert by_lines == by_oxigraph
    assert sum(map(len, by_lines.values())) == len(set(ox.parse(data, format=ox.RdfFormat.N_QUADS)))


@pytest.mark.parametrize("line", [
    b"_:b1 <urn:p> <urn:o> <urn:g> .",  # a blank node: its label is the load's own
    b"<urn:s> <urn:p> <urn:o> .",  # no graph
    b'<urn:s> <urn:p> "x" .',
    b'<urn:s> <urn:p> "a b"^^<urn:t> .',  # no graph, and a space in the literal
    b"<urn:s>\t<urn:p> <urn:o> <urn:g> .",  # other spacing
    b"# a comment",
    b"<urn:s> <urn:p> <urn:o> <urn:g\\u0041> .",  # an escape in the graph's name
], ids=["blank-node", "no-graph-iri", "no-graph-literal", "no-graph-typed", "tab", "comment", "escaped-graph"])
def test_lines_of_another_form_go_through_oxigraph(line, tmp_path):
    data = AWKWARD + line + b"\n"
    assert turtle_by_graph(data) is None
    by_lines, by_oxigraph = _copies(data, True), _copies(data, False)
    assert by_lines == by_oxigraph


def test_prefixed_names_are_only_those_turtle_allows():
    names = PrefixedNames(_export_prefixes())
    assert names(b"<https://w3id.org/kg/id/doc/ab12/s3/c0>") == b"id:doc\\/ab12\\/s3\\/c0"
    assert names(b"<https://w3id.org/kg/ontology#Claim>") == b"kg:Claim"
    assert names(b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>") == b"a"
    for kept in (b"<https://w3id.org/kg/id/-x>", b"<https://w3id.org/kg/id/x.>", b"<https://w3id.org/kg/id/a%20b>", b"<urn:x>"):
        assert names(kept) == kept
