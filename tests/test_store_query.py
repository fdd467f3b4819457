"""SPARQL over a store: prefixes, named queries with parameters, clear errors, and ``kg query``."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kg.cli._app import main
from kg.errors import QueryError
from kg.store import named_queries, open_store, run_named
from kg.store.named import Param
from test_store_mapping import sample_graphs


def _filled(nlp, url):
    opened = open_store(url)
    for document, graph in sample_graphs(nlp):
        opened.add_document(document, graph)
    return opened


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(nlp, request, tmp_path_factory):
    url = None if request.param == "memory" else f"oxigraph:{tmp_path_factory.mktemp('ox') / 'store'}"
    opened = _filled(nlp, url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def both(nlp, tmp_path_factory):
    """The same documents in memory and in Oxigraph."""
    stores = [_filled(nlp, None), _filled(nlp, f"oxigraph:{tmp_path_factory.mktemp('ox') / 'store'}")]
    yield stores
    for opened in stores:
        opened.close()


@pytest.fixture(scope="module")
def turtle(store, tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    store.export(path, format="turtle")
    return path


def _rows(result) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in result]


def test_prefixes_are_declared(store):
    rows = _rows(store.query("SELECT ?label WHERE { ?a a kg:State ; skos:prefLabel ?label } ORDER BY ?label"))
    assert rows == [("Saudi Arabia",), ("United States",)]


def test_bindings_bind_variables(store):
    rows = _rows(store.query("SELECT ?a WHERE { ?a skos:prefLabel ?label }", label="Hassan Rouhani"))
    assert rows == [("https://w3id.org/kg/id/actor/person/hassan-rouhani",)]


@pytest.mark.parametrize(
    "sparql",
    [
        pytest.param("SELEC ?x WHERE { ?x ?p ?o }", id="misspelt-keyword"),
        pytest.param("SELECT ?x WHERE { ?x ?p ?o ", id="unclosed-brace"),
        pytest.param("SELECT ?x WHERE { ?x nope:p ?o }", id="unknown-prefix"),
        pytest.param("INSERT DATA { <urn:a> <urn:b> <urn:c> }", id="update"),
        pytest.param("DROP ALL", id="drop"),
    ],
)
def test_bad_query_is_one_line_error_and_changes_nothing(store, sparql):
    before = len(store)
    with pytest.raises(QueryError) as caught:
        store.query(sparql)
    assert "\n" not in str(caught.value)
    assert len(store) == before


RESULT_QUERIES = [
    pytest.param("SELECT ?a ?label ?code WHERE { ?a skos:prefLabel ?label OPTIONAL { ?a kg:actorCode ?code } } "
                 "ORDER BY ?label", {}, id="optional-unbound"),
    pytest.param("SELECT ?c ?conf ?date WHERE { ?c kg:confidence ?conf ; prov:wasDerivedFrom/kg:inDocument/kg:date ?date }"
                 " ORDER BY ?c", {}, id="typed-literals"),
    pytest.param("SELECT ?a ?label WHERE { ?a skos:prefLabel ?label }", {"label": "Hassan Rouhani"}, id="binding"),
    pytest.param("SELECT ?x (LANG(STRLANG(\"x\", \"en\")) AS ?l) (STRLANG(\"y\", \"en\") AS ?y) WHERE {}", {},
                 id="language-tag"),
    pytest.param("ASK { ?a kg:rejects ?b }", {}, id="ask-true"),
    pytest.param("ASK { ?a kg:rejects ?a }", {}, id="ask-false"),
]


@pytest.mark.parametrize(("sparql", "bindings"), RESULT_QUERIES)
def test_results_read_the_same_from_memory_and_oxigraph(both, sparql, bindings):
    memory, oxigraph = (opened.query(sparql, **bindings) for opened in both)
    assert oxigraph.type == memory.type
    assert bool(oxigraph) == bool(memory) and len(oxigraph) == len(memory)
    if memory.type == "ASK":
        assert oxigraph.askAnswer is memory.askAnswer
        return
    assert oxigraph.vars == memory.vars
    rows = list(oxigraph)
    assert rows == list(memory)
    assert [row.asdict() for row in rows] == [row.asdict() for row in memory]
    for row in rows:
        for index, variable in enumerate(oxigraph.vars):
            assert row[index] == row[str(variable)] == getattr(row, str(variable), None)
    assert json.loads(oxigraph.serialize(format="json")) == json.loads(memory.serialize(format="json"))
    assert oxigraph.serialize(format="csv") == memory.serialize(format="csv")


def test_construct_reads_the_same_from_memory_and_oxigraph(both):
    sparql = "CONSTRUCT { ?a kg:label ?l } WHERE { ?a skos:prefLabel ?l }"
    memory, oxigraph = (opened.query(sparql) for opened in both)
    assert oxigraph.type == "CONSTRUCT" and len(oxigraph) == len(memory) > 0
    assert set(oxigraph) == set(memory)


# --------------------------------------------------------------------- named queries

EXPECTED = {
    "who-rejected-what": [
        ("Khamenei", "Ali Khamenei", "reject", "any plans for talks with U.S. authorities"),
        ("Khamenei", "Ali Khamenei", "dismiss", "efforts by European states"),
        ("Rouhani", "Hassan Rouhani", "reject", "talks with the U.S. administration"),
    ],
    "negated-claims": [
        ("Rouhani", "did not meet", "Washington officials in New York", "khamenei"),
        ("Saudi Arabia", "did not attack", "Iran", "missiles"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_rows(store, name):
    rows = _rows(run_named(store, name))
    width = len(EXPECTED[name][0])
    if name == "who-rejected-what":
        rows = [row[:4] for row in rows]
    else:
        rows = [(row[0], row[1], row[2], row[4]) for row in rows]
    assert rows == EXPECTED[name], rows
    assert all(len(r) == width for r in rows)


def test_actors_by_degree(store):
    rows = {row[1]: int(row[2]) for row in _rows(run_named(store, "actors-by-degree"))}
    # Khamenei acts on the U.S. and European states; Rouhani on the U.S. (twice, once negated).
    assert rows["Ali Khamenei"] == 2
    assert rows["United States"] >= 3
    assert list(rows.values()) == sorted(rows.values(), reverse=True)


def test_who_acts_on_whom_skips_negated_events(store):
    rows = _rows(run_named(store, "who-acts-on-whom"))
    triples = {(r[1], r[3], r[5]) for r in rows}
    assert ("Ali Khamenei", "REJECT", "United States") in triples
    assert ("Government of Iran", "ASSAULT", "Saudi Arabia") in triples
    assert ("Saudi Arabia", "ASSAULT", "Government of Iran") not in triples  # "did not attack"


def test_said_by_matches_alias_in_any_case(store):
    rows = _rows(run_named(store, "said-by", {"actor": "khamenei"}))
    assert {(r[0], r[2]) for r in rows} == {("subject", "rejected"), ("subject", "dismissed")}


@pytest.mark.parametrize(
    ("params", "cameos"),
    [
        pytest.param({"country1": "SAU", "country2": "IRN", "start": "2019-09-01", "end": "2019-09-30"},
                     ["190", "190"], id="both-directions-in-range"),
        pytest.param({"country1": "IRN", "country2": "SAU", "start": "2019-10-01", "end": "2019-12-31"},
                     [], id="out-of-range"),
        pytest.param({"country1": "IRN", "country2": "USA", "start": "2019-01-01", "end": "2020-12-31"},
                     ["040", "120", "120", "163"], id="iran-usa"),
    ],
)
def test_events_between_countries(store, params, cameos):
    rows = _rows(run_named(store, "events-between-countries", params))
    assert sorted(r[3] for r in rows) == cameos


def test_unknown_named_query_lists_valid_names(store):
    with pytest.raises(QueryError) as caught:
        run_named(store, "who-dunnit")
    for name in named_queries():
        assert name in str(caught.value)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        pytest.param({}, "needs --param actor", id="missing"),
        pytest.param({"actor": "x", "who": "y"}, "no parameter who", id="unknown"),
    ],
)
def test_named_query_parameter_errors(store, params, message):
    with pytest.raises(QueryError, match=message):
        run_named(store, "said-by", params)


@pytest.mark.parametrize(
    ("param", "value"),
    [
        pytest.param(Param("start", "date"), "18/09/2019", id="date"),
        pytest.param(Param("n", "integer"), "3; DROP ALL", id="integer"),
        pytest.param(Param("a", "iri"), "x> } DROP ALL { <y", id="iri"),
    ],
)
def test_parameter_values_are_checked(param, value):
    with pytest.raises(QueryError):
        param.term(value)


def test_string_parameter_cannot_change_the_query(store):
    rows = _rows(run_named(store, "said-by", {"actor": 'x") || true || ("'}))
    assert rows == []


# --------------------------------------------------------------------- kg query


def _kg(args, capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_query_on_a_turtle_file_as_csv(turtle, capsys):
    code, out, _ = _kg([
        "query", str(turtle), "SELECT ?label WHERE { ?a a kg:Person ; skos:prefLabel ?label } ORDER BY ?label",
        "--format", "csv"], capsys)
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [["label"], ["Ali Khamenei"], ["Hassan Rouhani"]]


def test_cli_named_query_with_param_as_json(turtle, capsys):
    code, out, _ = _kg(["query", str(turtle), "--named", "said-by", "--param", "actor=Hassan Rouhani",
                        "--format", "json"], capsys)
    assert code == 0
    bindings = json.loads(out)["results"]["bindings"]
    assert {b["relation"]["value"] for b in bindings} == {"rejected", "did not meet"}


def test_cli_named_query_as_table(turtle):
    result = CliRunner().invoke(__import__("kg.cli", fromlist=["app"]).app,
                                ["query", str(turtle), "--named", "who-rejected-what"])
    assert result.exit_code == 0, result.output
    assert "Ali Khamenei" in result.output and "3 row(s)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["SELEC ?x"], "malformed SPARQL", id="malformed"),
        pytest.param(["--named", "nope"], "unknown named query 'nope' (valid: actors-by-degree", id="unknown-named"),
        pytest.param(["--named", "said-by"], "needs --param actor", id="missing-param"),
        pytest.param(["SELECT * {}", "--format", "yaml"], "unknown --format", id="bad-format"),
    ],
)
def test_cli_query_errors_are_one_line(turtle, capsys, args, message):
    code, out, err = _kg(["query", str(turtle), *args], capsys)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and message in err


def test_cli_query_store_path_that_is_a_file(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    code, _, err = _kg(["query", str(path), "ASK {}"], capsys)
    assert code == 1 and "is a file" in err and err.count("\n") == 1
    assert path.read_text() == "hello"
