"""``kg export``: TriG/N-Quads/JSON-LD keep a named graph per document; files are replaced atomically."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import XSD
from rdflib.compare import isomorphic

from kg.cli._app import main
from kg.errors import InputError
from kg.store import ACTORS_GRAPH, document_iri, open_store
from test_store_mapping import sample_graphs


@pytest.fixture(scope="module")
def graphs(nlp):
    return sample_graphs(nlp)


@pytest.fixture(scope="module")
def folder(graphs, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "ox"
    with open_store(str(path)) as store:
        for document, graph in graphs:
            store.add_document(document, graph)
    return path


def _merged(graphs) -> Graph:
    g = Graph()
    for _, graph in graphs:
        g += graph
    return _decimals(g)


def _decimals(g: Graph) -> Graph:
    """Decimals in one lexical form: rdflib's Turtle writer turns "-10" into -10.0 (same value)."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [
        pytest.param("trig", "trig", id="trig"),
        pytest.param("nquads", "nquads", id="nquads"),
        pytest.param("json-ld", "json-ld", id="json-ld"),
    ],
)
def test_quad_formats_keep_a_graph_per_document(graphs, folder, tmp_path, capsys, fmt, parser):
    out = tmp_path / f"graph.{fmt}"
    assert main(["export", str(folder), "--format", fmt, "--out", str(out)]) == 0
    data = Dataset()
    data.parse(out, format=parser)
    names = {g.identifier for g in data.graphs() if len(g)}
    assert names == {document_iri(d) for d, _ in graphs} | {ACTORS_GRAPH}
    union = Graph()
    for g in data.graphs():
        union += g
    assert isomorphic(_decimals(union), _merged(graphs))


def test_turtle_export_is_the_merged_graph_and_reopens_as_a_store(graphs, folder, tmp_path):
    out = tmp_path / "graph.ttl"
    assert main(["export", str(folder), "--format", "turtle", "--out", str(out)]) == 0
    assert isomorphic(_decimals(Graph().parse(out)), _merged(graphs))
    with open_store(str(out)) as store:  # a Turtle file is a (read-only) store too
        assert bool(store.query("ASK { ?a kg:rejects ?b }"))


def test_turtle_dumped_by_several_threads_is_the_bytes_of_one(graphs, folder, tmp_path, monkeypatch):
    import kg.store.oxigraph as oxigraph

    written = {}
    for threads, run in ((1, 1000), (3, 1)):  # one run in one thread; a run per graph, three threads
        monkeypatch.setattr(oxigraph, "usable_cores", lambda threads=threads: threads)
        monkeypatch.setattr(oxigraph, "_DUMP_RUN", run)
        with open_store(str(folder), read_only=True) as store:
            written[threads] = store.export(tmp_path / f"graph-{threads}.ttl", format="turtle").read_bytes()
    assert written[3] == written[1]
    assert written[3].count(b"@prefix kg: ") == 1  # the prefixes once, not once a graph
    assert isomorphic(_decimals(Graph().parse(data=written[3], format="turtle")), _merged(graphs))


def test_failed_export_leaves_the_existing_file_whole(folder, tmp_path, capsys):
    out = tmp_path / "graph.trig"
    out.write_text("previous contents")
    assert main(["export", str(folder), "--format", "rdfa", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "unknown export format 'rdfa'" in err and err.count("\n") == 1
    assert out.read_text() == "previous contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]  # no temporary left behind


def test_export_replaces_an_existing_file(folder, tmp_path):
    out = tmp_path / "graph.nq"
    out.write_text("old")
    open_store(str(folder), read_only=True).export(out, format="nquads")
    assert out.read_text() != "old" and len(Dataset().parse(out, format="nquads")) > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq"]


def test_unknown_format_raises_input_error(folder):
    with open_store(str(folder), read_only=True) as store, pytest.raises(InputError, match="valid: turtle, trig"):
        store.serialize(format="yaml")
