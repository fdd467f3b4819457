"""Every SPARQL text in one `.rq` file: fragments compose into queries, views run, no query hides in Python."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from kg.errors import QueryError
from kg.store.named import _fragments, _read, compose, named_queries, view_query

KG = Path(__file__).resolve().parents[1] / "kg"


def test_a_fragment_takes_its_arguments_and_the_include_lines_indent():
    text = "SELECT ?source WHERE {\n    ?event kg:source ?s .\n    INCLUDE canonical(?s, ?source, ?sCanonical)\n}"
    assert compose(text) == (
        "SELECT ?source WHERE {\n    ?event kg:source ?s .\n"
        "    OPTIONAL { ?s owl:sameAs ?sCanonical }\n    BIND (COALESCE(?sCanonical, ?s) AS ?source)\n}"
    )


def test_arguments_are_replaced_at_once_and_as_whole_variables():
    # ?id becomes ?canonical and ?canonical becomes ?id: neither is replaced twice
    swapped = compose("INCLUDE canonical(?canonical, ?id, ?sameAs)")
    assert "OPTIONAL { ?canonical owl:sameAs ?sameAs }" in swapped
    assert "BIND (COALESCE(?sameAs, ?canonical) AS ?id)" in swapped
    # a property path may stand for an argument
    label = compose("INCLUDE canonical-label(?fact, kg:factSubjectActor, ?who)")
    assert "?fact kg:factSubjectActor/owl:sameAs/skos:prefLabel ?canonicalLabel" in label


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("INCLUDE nope(?a)", "no fragment 'nope'", id="unknown"),
        pytest.param("INCLUDE canonical(?a, ?b)", "takes 3 argument", id="arity"),
    ],
)
def test_a_bad_include_is_a_query_error(text, message):
    with pytest.raises(QueryError, match=message):
        compose(text)


def test_an_include_left_unexpanded_does_not_parse():
    with pytest.raises(Exception):
        rdflib.Graph().query("SELECT ?a WHERE { INCLUDE canonical(?a, ?b, ?c) }")


def test_every_fragment_is_used_and_every_query_is_composed():
    texts = {**_read("queries"), **{f"views/{n}": t for n, t in _read("queries/views").items()}}
    used = {m.group(1) for t in texts.values() for m in re.finditer(r"^\s*INCLUDE\s+([\w-]+)", t, re.M)}
    assert used == set(_fragments()), "a fragment no query includes, or an include of no fragment"
    for query in named_queries().values():
        assert "INCLUDE" not in query.text, query.name
    for name in _read("queries/views"):
        assert "INCLUDE" not in view_query(name), name


@pytest.mark.parametrize("name", sorted(_read("queries/views")))
def test_every_view_runs_on_a_bare_rdflib_graph(name):
    # the prefixes are declared in the text, so any graph with .query answers (here: nothing)
    result = rdflib.Graph().query(view_query(name))
    assert result.type == "SELECT"


def test_unknown_view_lists_the_valid_ones():
    with pytest.raises(QueryError, match="valid: actor-aliases"):
        view_query("nope")


# A backend's own machinery stays with it: a remote store's look-up of many content hashes at once
# (VALUES written per call), Oxigraph's export of everything and its rewriting of bound variables.
_BACKENDS = {"store/sparql.py", "store/oxigraph.py"}


def test_no_query_text_outside_the_rq_files():
    select = re.compile(r"^\s*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b[^\n]*(\bWHERE\b|\{)", re.M)
    found = []
    for path in sorted(KG.rglob("*.py")):
        where = path.relative_to(KG).as_posix()
        if where in _BACKENDS:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split(">>>", 1)[0]  # a doctest may query
            if ">>>" not in line and select.search(code.strip().strip("'\"")):
                found.append(f"{where}: {line.strip()}")
    assert not found, "\n".join(found)
