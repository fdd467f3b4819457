"""Stores: memory, Oxigraph on disk and a real ``oxigraph serve`` endpoint hold the same graph.

Also: adding a document twice changes nothing, a killed writer leaves whole documents,
and bad store paths and locked stores fail with one clear line.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import StoreError
from kg.store import ACTORS_GRAPH, actor_iri, document_iri, named_queries, open_store, run_named
from kg.types import Document
from test_store_mapping import sample_graphs

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A real ``oxigraph serve`` on 127.0.0.1, its default graph the union of the named graphs."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        binary = shutil.which("oxigraph")
        if binary is None:
            pytest.skip("the oxigraph server binary (pip package 'oxigraph', a dev dependency) is not installed")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {process.stderr.read().decode()}")
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("oxigraph serve did not start")
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def graphs(nlp):
    return sample_graphs(nlp)


NAMED_PARAMS = {
    "said-by": {"actor": "Khamenei"},
    "facts-with-actor": {"actor": "United States"},
    "events-between-countries": {"country1": "IRN", "country2": "USA", "start": "2019-01-01", "end": "2020-12-31"},
}


def _graph(store, name) -> Graph:
    g = Graph()
    for triple in store.graph.get_context(name).triples((None, None, None)):
        g.add(triple)
    return g


def _union(store) -> Graph:
    g = Graph()
    for triple in store.graph.triples((None, None, None)):
        g.add(triple)
    return g


def _fill(store, graphs) -> list[bool]:
    return [store.add_document(document, graph) for document, graph in graphs]


# --------------------------------------------------------------------- the same graph everywhere


def test_memory_oxigraph_and_endpoint_hold_isomorphic_graphs(graphs, tmp_path, endpoint):
    expected = Graph()
    for _, graph in graphs:
        expected += graph
    stores = [open_store(None), open_store(str(tmp_path / "ox")), open_store(f"{endpoint}/query"), open_store("oxigraph:")]
    try:
        for store in stores:
            assert _fill(store, graphs) == [True, True, True], store
        unions = [_union(store) for store in stores]
        for store, union in zip(stores, unions):
            assert isomorphic(union, expected), f"{store.kind} differs from the mapped graph"
            assert store.documents() == sorted(document_iri(d) for d, _ in graphs)
        for store in stores:  # a named graph per document; what is said of actors, once, in ACTORS_GRAPH
            actors = Graph()
            for document, graph in graphs:
                named = _graph(store, document_iri(document))
                own = Graph()
                for s, p, o in graph:
                    (actors if str(s).startswith(str(actor_iri("x"))[:-1]) else own).add((s, p, o))
                assert isomorphic(named, own), f"{store.kind}: named graph of {document.id}"
            assert isomorphic(_graph(store, ACTORS_GRAPH), actors), f"{store.kind}: actors graph"
        for name, query in named_queries().items():  # and every named query answers alike
            params = NAMED_PARAMS.get(name)
            answers = [sorted(tuple(map(str, row)) for row in run_named(store, name, params)) for store in stores]
            assert answers[0], f"{name} found nothing to compare"
            assert answers[0] == answers[1] == answers[2] == answers[3], name
    finally:
        for store in stores:
            store.close()


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "oxigraph-memory", "endpoint"])
def test_adding_a_document_again_changes_nothing(graphs, tmp_path, endpoint, kind):
    url = {"memory": None, "oxigraph": str(tmp_path / "ox"), "oxigraph-memory": "oxigraph:",
           "endpoint": f"sparql:{endpoint}/query|{endpoint}/update"}[kind]
    store = open_store(url)
    try:
        if kind == "endpoint":  # the server is shared by the module: start from what is there
            _fill(store, graphs)
        else:
            assert _fill(store, graphs) == [True, True, True]
        before = len(store)
        assert _fill(store, graphs) == [False, False, False]
        assert len(store) == before
    finally:
        store.close()


def test_oxigraph_store_persists_across_opens(graphs, tmp_path):
    with open_store(f"oxigraph:{tmp_path / 'ox'}") as store:
        _fill(store, graphs)
        count = len(store)
    with open_store(str(tmp_path / "ox"), read_only=True) as store:
        assert len(store) == count
        assert store.has_document(graphs[0][0])


# --------------------------------------------------------------------- bad stores


def test_oxigraph_without_a_folder_is_in_memory_and_writes_no_file(graphs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = open_store("oxigraph:")
    assert (store.kind, store.url) == ("oxigraph", "oxigraph:")
    assert _fill(store, graphs) == [True, True, True]
    assert len(run_named(store, "who-rejected-what")) > 0
    store.close()
    assert list(tmp_path.iterdir()) == []
    assert len(open_store("oxigraph:")) == 0  # nothing kept


def test_store_path_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a store")
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert "is a file" in str(caught.value) and "\n" not in str(caught.value)
    assert path.read_text() == "not a store"


def test_missing_rdf_file_is_refused(tmp_path):
    with pytest.raises(StoreError, match="no such RDF file"):
        open_store(str(tmp_path / "graph.ttl"))
    assert not (tmp_path / "graph.ttl").exists()


def test_read_only_missing_folder_is_not_created(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(str(tmp_path / "nothing"), read_only=True)
    assert not (tmp_path / "nothing").exists()


def test_rdf_file_store_is_read_only(graphs, tmp_path):
    path = tmp_path / "graph.ttl"
    graphs[0][1].serialize(path, format="turtle")
    store = open_store(str(path))
    assert len(store) == len(graphs[0][1])
    with pytest.raises(StoreError, match="read-only"):
        store.add_document(*graphs[1])
    assert len(store) == len(graphs[0][1])


_HOLD = """
import sys, time
sys.path.insert(0, {root!r})
from kg.store import open_store
store = open_store({path!r})
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.slow  # a second process holds the store
def test_store_locked_by_another_process_is_refused(tmp_path):
    path = str(tmp_path / "ox")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD.format(root=str(ROOT), path=path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as caught:
            open_store(path)
        assert "locked" in str(caught.value) and "\n" not in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


# --------------------------------------------------------------------- killed mid-ingest

_INGEST = """
import sys
sys.path.insert(0, {root!r})
from rdflib import Literal, URIRef
from kg.ontology import KG
from kg.store import document_graph, document_iri, open_store
from kg.types import Document

store = open_store({path!r})
for i in range(100000):
    document = Document(id=f"d{{i}}", text=f"Document number {{i}}.")
    graph = document_graph(document, None, [])
    node = document_iri(document)
    for k in range(2000):  # make each transaction big enough to be caught in the middle
        graph.add((URIRef(f"{{node}}/s{{k}}"), KG.text, Literal(f"sentence {{k}} of {{i}}")))
    store.add_document(document, graph)
    print(document.id, len(graph), flush=True)
"""


@pytest.mark.slow  # a writer process, killed mid-way
def test_killed_writer_leaves_every_reported_document_whole(tmp_path):
    path = str(tmp_path / "ox")
    writer = subprocess.Popen([sys.executable, "-c", _INGEST.format(root=str(ROOT), path=path)],
                              stdout=subprocess.PIPE, text=True)
    reported = {}
    try:
        while len(reported) < 15:
            line = writer.stdout.readline()
            assert line, "the writer stopped before it was killed"
            doc_id, size = line.split()
            reported[doc_id] = int(size)
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
    with open_store(path) as store:
        for doc_id, size in reported.items():
            document = Document(id=doc_id, text=f"Document number {doc_id[1:]}.")
            assert store.has_document(document), f"{doc_id} was reported written but is missing"
            named = store.graph.get_context(document_iri(document))
            assert len(named) == size, f"{doc_id} is not whole"
        (size,) = set(reported.values())
        stored = store.documents()
        assert len(stored) >= len(reported)
        for iri in stored:  # nothing half-written either, reported or not
            assert len(store.graph.get_context(iri)) == size


@pytest.mark.parametrize("text", ["Iran", "", "  spaced  ", "naïve “quoted” \n line", "0042", "true"])
def test_oxigraph_plain_literals_are_rdflibs_own(text):
    """The fast path that turns Oxigraph's xsd:string results into rdflib literals gives
    the object rdflib itself makes: every slot, equality, hash and serialisation."""
    from rdflib import Literal

    from kg.store.mapping import text_literal

    made, own = text_literal(text), Literal(text)
    assert {slot: getattr(made, slot) for slot in Literal.__slots__} == {slot: getattr(own, slot) for slot in Literal.__slots__}
    assert (made, hash(made), made.n3(), made.toPython()) == (own, hash(own), own.n3(), own.toPython())
