"""SPARQL guard-rails: misspelt terms and prefixes, country names for codes, a folder for a file."""

from __future__ import annotations

import pytest

from kg.errors import QueryError, StoreError
from kg.ontology import PREFIXES
from kg.store import named_queries, open_store, run_named
from kg.store.check import check_query
from tests.conftest import EXAMPLE

KNOWN = {p: str(ns) for p, ns in PREFIXES.items()}


@pytest.mark.parametrize(
    ("sparql", "message"),
    [
        pytest.param("SELECT ?c WHERE { ?c a kg:Claimm }", "kg:Claimm is not a term of the kg ontology (did you mean kg:Claim",
                     id="class"),
        pytest.param("SELECT ?c WHERE { ?c kg:subjectActr ?a }", "did you mean kg:subjectActor", id="property"),
        pytest.param("SELECT ?c WHERE { ?c skso:prefLabel ?l }", "unknown prefix skso: (did you mean skos:?)", id="prefix"),
        pytest.param("PREFIX k: <https://w3id.org/kg/ontology#> SELECT ?c WHERE { ?c a k:Clam }", "k:Clam is not a term",
                     id="own-prefix-for-kg"),
    ],
)
def test_unknown_names_are_errors_with_the_nearest(sparql, message):
    with pytest.raises(QueryError) as caught:
        open_store(None).query(sparql)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "sparql",
    [
        pytest.param('SELECT ?c WHERE { ?c kg:relation "kg:Claimm" } # kg:Nothing', id="in-string-and-comment"),
        pytest.param("SELECT ?c WHERE { ?c a <https://w3id.org/kg/ontology#Claim> }", id="full-iri"),
        pytest.param("PREFIX ex: <http://example.org/> SELECT ?c WHERE { ?c ex:anything ?d . FILTER(?d < 3 && ?d > 1) }",
                     id="own-prefix"),
        pytest.param("CONSTRUCT { ?a kg:name ?l } WHERE { ?a skos:prefLabel ?l }", id="construct-template-mints"),
        pytest.param('SELECT ?d WHERE { ?d kg:date ?x . FILTER(?x >= "2019-09-18"^^xsd:date) }', id="datatype"),
    ],
)
def test_valid_queries_pass(sparql):
    check_query(sparql, prefixes=KNOWN)


def test_every_named_query_passes():
    for query in named_queries().values():
        check_query(query.text, prefixes=KNOWN)


@pytest.fixture(scope="module")
def article_store(example_graph):
    return example_graph.store


def test_country_parameters_take_names_or_codes(article_store):
    def rows(one, other):
        params = {"country1": one, "country2": other, "start": "2019-01-01", "end": "2019-12-31"}
        return sorted(tuple(map(str, r)) for r in run_named(article_store, "events-between-countries", params))

    by_code = rows("IRN", "USA")
    assert by_code and rows("Iran", "United States") == by_code == rows("iran", "the United States")
    with pytest.raises(QueryError, match=r"'Irann' is not a country name .*did you mean Iran \(IRN\)"):
        rows("Irann", "USA")


def test_a_folder_of_files_where_a_store_is_expected_gets_a_hint(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.ttl").write_text("", encoding="utf-8")
    (tmp_path / "out" / "graph.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    with pytest.raises(StoreError, match=r"did you mean .*out/graph\.ttl\?"):
        open_store(str(tmp_path / "out"), read_only=True)
    with pytest.raises(StoreError, match=r"is a file, not a store folder .*did you mean .*graph\.ttl\?"):
        open_store(str(tmp_path / "out" / "graph.html"), read_only=True)
    with pytest.raises(StoreError, match=r"no such store \(did you mean .*graph\.ttl\?"):
        open_store(str(tmp_path / "out" / "graph"), read_only=True)


def test_an_rdf_file_where_a_store_folder_is_expected_gets_a_hint(tmp_path, capsys):
    from kg.cli import main

    ttl = tmp_path / "graph.ttl"
    ttl.write_text("", encoding="utf-8")
    assert main(["build", str(EXAMPLE), "--store", str(ttl), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert "give a folder for a store on disk" in capsys.readouterr().err


def test_cli_query_says_what_is_wrong(tmp_path, capsys):
    from kg.cli import main

    ttl = tmp_path / "graph.ttl"
    ttl.write_text("", encoding="utf-8")
    assert main(["query", str(ttl), "SELECT ?c WHERE { ?c a kg:Claimm }"]) == 1
    err = capsys.readouterr().err
    assert "kg:Claimm is not a term of the kg ontology" in err and err.count("\n") == 1
