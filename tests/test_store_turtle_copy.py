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
