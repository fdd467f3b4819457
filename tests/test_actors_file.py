"""An analyst's actor file (TOML, CSV) through ``kg build --actors``, and ``kg actors``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.actors import ActorRegistry, resolve_actors
from kg.actors.analyst import read_actor_file
from kg.errors import InputError
from kg.types import Document
from tests.conftest import ROOT

ACTOR_TOML = """\
[[actor]]
name = "Mahmoud Abbas"
aliases = ["Abu Mazen"]
country = "PSE"
sector = "GOV"

[[actor]]
name = "Hamas"
type = "Organization"
country = "PSE"
sector = "REB"
never_merge = ["Mahmoud Abbas"]
"""


def kg_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )


def test_toml_file_names_codes_and_decisions(tmp_path):
    path = tmp_path / "actors.toml"
    path.write_text(ACTOR_TOML, encoding="utf-8")
    read = read_actor_file(path)
    assert [(r.id, r.country, r.sector, r.line) for r in read.records] == [
        ("person/mahmoud-abbas", "PSE", "GOV", 1),
        ("org/hamas", "PSE", "REB", 7),
    ]
    assert read.never == (("org/hamas", "person/mahmoud-abbas"),)


def test_an_alias_in_the_file_is_found_in_text(tmp_path, nlp):
    path = tmp_path / "actors.toml"
    path.write_text(ACTOR_TOML, encoding="utf-8")
    text = "Abu Mazen rejected the proposal."
    res = resolve_actors(nlp(text), Document("d", text), ActorRegistry(dictionaries=[path]))
    found = res.actor_of(nlp(text)[0:2]) or res.actors()[0]
    assert (found.id, found.code) == ("person/mahmoud-abbas", "PSEGOV")


def test_csv_file_same_as(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,id,type,same_as\nAbu Mazen,person/abu-mazen,Person,person/mahmoud-abbas\n", encoding="utf-8")
    read = read_actor_file(path)
    assert read.same_as == (("person/abu-mazen", "person/mahmoud-abbas"),)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.toml", "[[actor]]\nname = \"X\"\ncountry = \n", "bad.toml: not valid TOML"),
        ("bad.toml", "[[actor]]\nname = \"X\"\n\n[[actor]]\ntype = \"Person\"\n", "bad.toml:4: an actor needs a name"),
        ("bad.toml", "[[actor]]\nname = \"X\"\ntype = \"Planet\"\n", "bad.toml:1: unknown type"),
        ("bad.csv", "name,colour\nX,red\n", "bad.csv:1: unknown column 'colour'"),
        ("bad.csv", "name,country\nX,Persia\n", "bad.csv:2: country 'PERSIA'"),
        ("bad.csv", "name,same_as\nX,Nobody\n", "bad.csv:2: 'Nobody' is neither"),
        ("bad.csv", "name,id,type\nBiden,org/biden,Person\n", "bad.csv:2: id 'org/biden' is not the id of a Person"),
    ],
)
def test_a_malformed_file_is_one_line_naming_file_and_line(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_actor_file(path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_file_that_contradicts_itself_is_refused_naming_both_lines(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,id,same_as,never_merge\n"
        "Putin,person/putin,person/vladimir-putin,\n"
        "Vladimir Putin,person/vladimir-putin,,person/putin\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        read_actor_file(path)
    assert "line 2" in str(err.value) and "line 3" in str(err.value)


def test_build_refuses_a_bad_actor_file_and_writes_nothing(tmp_path):
    path = tmp_path / "actors.toml"
    path.write_text("[[actor]]\nname = \"X\"\ntype = \"Planet\"\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Putin met Xi.", encoding="utf-8")
    out = tmp_path / "out"
    result = kg_cli("build", str(article), "--out", str(out), "--actors", str(path), "--store", str(tmp_path / "store"))
    assert result.returncode == 1
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "actors.toml:1" in err
    assert not out.exists() and not (tmp_path / "store").exists()


@pytest.mark.slow  # `kg build` in a subprocess that loads spaCy
def test_kg_actors_lists_merges_and_suspected_duplicates(tmp_path):
    docs = {
        "a.txt": "Russian Prime Minister Mikhail Fradkov met Jeb Bush in Moscow.",
        "b.txt": "Fradkov said the talks were useful. George W. Bush disagreed.",
        "c.txt": "Bush criticised the plan.",
    }
    paths = []
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    out = tmp_path / "out"
    built = kg_cli("build", *paths, "--out", str(out), "--quiet")
    assert built.returncode == 0, built.stderr.decode()
    listed = kg_cli("actors", str(out / "graph.ttl"), "--format", "json")
    assert listed.returncode == 0, listed.stderr.decode()
    rows = {r["id"]: r for r in json.loads(listed.stdout)}
    assert "person/fradkov" not in rows  # not on the list of political people: merged by identity
    fradkov = rows["person/mikhail-fradkov"]
    assert fradkov["code"] == "RUSGOV" and "Fradkov" in fradkov["aliases"] and fradkov["merged"]
    assert fradkov["mentions"] >= 2
    assert any("ambiguous surname" in s for s in rows["person/bush"]["suspected_duplicates"])
    table = kg_cli("actors", str(out / "graph.ttl"), "--format", "csv")
    header = next(csv.reader(io.StringIO(table.stdout.decode())))
    assert header[:4] == ["id", "type", "label", "mentions"]
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "sameAs" in ttl
    from kg.store import open_store
    from kg.store.actors import canonical_ids

    store = open_store(str(out / "graph.ttl"), read_only=True)
    try:
        links = canonical_ids(store)  # the tagger calls the lone surname a person or an organisation
        assert {links[k] for k in ("person/fradkov", "org/fradkov") if k in links} == {"person/mikhail-fradkov"}
    finally:
        store.close()


def test_kg_actors_table_prints_names_from_articles_as_written(tmp_path):
    """A name is text, not rich markup: "[/bold]" in a label is printed, not read (it raised before)."""
    import kg

    graph = tmp_path / "graph.ttl"
    kg.build_graph(["Iran attacked Iraq."]).export(graph)
    text = graph.read_text(encoding="utf-8")
    assert '"Iran"' in text
    graph.write_text(text.replace('"Iran"', '"[/bold]Iran [red]Junta"'), encoding="utf-8")
    listed = kg_cli("actors", str(graph), COLUMNS="300")  # wide: no cell folded
    assert listed.returncode == 0, listed.stderr.decode()
    assert "[/bold]Iran [red]Junta" in listed.stdout.decode()


def test_kg_actors_on_a_missing_graph_is_one_line(tmp_path):
    result = kg_cli("actors", str(tmp_path / "nothing.ttl"))
    assert result.returncode == 1 and "nothing.ttl: no such RDF file" in result.stderr.decode()


def test_registry_refuses_a_missing_actor_file(tmp_path):
    with pytest.raises(InputError):
        ActorRegistry(dictionaries=[Path(tmp_path / "missing.toml")])


def test_a_later_build_merges_actors_of_earlier_documents_without_reading_them(tmp_path):
    from kg.pipeline import build
    from kg.store.actors import canonical_ids

    store = str(tmp_path / "store")
    build([Document("a", "Fradkov rejected the offer on Monday.")], store=store).close()
    first = build([Document("b", "Fradkov said the talks failed.")], store=store)
    try:
        assert "person/fradkov" not in canonical_ids(first.store)
    finally:
        first.close()
    later = build([Document("c", "Russian Prime Minister Mikhail Fradkov met Xi Jinping.")], store=store)
    try:
        links = canonical_ids(later.store)
    finally:
        later.close()
    assert links["person/fradkov"] == "person/mikhail-fradkov"
