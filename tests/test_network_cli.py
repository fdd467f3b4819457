"""``kg viz`` and ``kg stats`` on RDF files written in the kg model."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from test_network import RDFBuilder, example_rdf
from test_viz import embedded_data

from kg.cli import main


@pytest.fixture(scope="module")
def turtle(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    example_rdf().serialize(path, format="turtle")
    return path


def test_viz_writes_a_page(turtle, tmp_path, capsys):
    out = tmp_path / "actors.html"
    assert main(["viz", str(turtle), "--out", str(out), "--title", "September 2019"]) == 0
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert data["title"] == "September 2019"
    assert len(data["nodes"]) == 7 and len(data["edges"]) == 6
    assert "7 actors, 6 links" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("suffix", "reader"),
    [pytest.param(".graphml", nx.read_graphml, id="graphml"), pytest.param(".gexf", nx.read_gexf, id="gexf")],
)
def test_viz_exports_by_suffix(turtle, tmp_path, suffix, reader):
    out = tmp_path / f"actors{suffix}"
    assert main(["viz", str(turtle), "--out", str(out)]) == 0
    G = reader(out)
    assert G.number_of_nodes() == 7 and G.number_of_edges() == 6


def test_viz_reads_a_store_folder(turtle, tmp_path):
    from kg.store import open_store

    store = open_store(tmp_path / "store")
    store.graph.parse(turtle, format="turtle")
    store.close()
    out = tmp_path / "actors.html"
    assert main(["viz", str(tmp_path / "store"), "--out", str(out)]) == 0
    assert len(embedded_data(out.read_text(encoding="utf-8"))["edges"]) == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["viz", "nowhere.ttl", "--out", "x.html"], "nowhere.ttl: no such RDF file", id="missing-graph"),
        pytest.param(["viz", "{turtle}", "--out", "x.png"], "unknown output type '.png'", id="bad-suffix"),
        pytest.param(["stats", "nowhere"], "nowhere: no such store", id="stats-missing"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(turtle, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main([a.format(turtle=turtle) for a in args]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_stats_prints_top_actors_and_communities(turtle, capsys):
    assert main(["stats", str(turtle), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "Most central actors" in out and "Communities" in out
    assert "United States" in out and "European Union" in out


def test_stats_json(turtle, capsys):
    assert main(["stats", str(turtle), "--top", "2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["nodes"] == 7 and report["edges"] == 6
    assert len(report["actors"]) == 2
    assert {a["label"] for a in report["actors"]} == {"United States", "European Union"}
    assert all(c["size"] > 1 for c in report["communities"])


def test_stats_prints_markup_in_names_as_written(tmp_path, capsys):
    b = RDFBuilder()
    b.actor("person/a", "Person", "[bold red]Agent[/] X")
    b.actor("state/B", "State", "B")
    b.claim("d", "2020-01-01", "Agent X met B.", "person/a", "meet", "state/B", events=[("040", "CONSULT", 1)])
    path = tmp_path / "g.ttl"
    b.g.serialize(path, format="turtle")
    assert main(["stats", str(path)]) == 0
    assert "[bold red]Agent[/] X" in capsys.readouterr().out
