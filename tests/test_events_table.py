"""The event table: events read back from the RDF (memory and Oxigraph stores) and ``kg events``."""

from __future__ import annotations

import csv
import io

import pytest

from kg.errors import InputError
from kg.store.table import COLUMNS, event_rows, table_text, write_event_table
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def article_rows(example_graph):
    return event_rows(example_graph.rdf)


def test_rows_carry_codes_and_provenance(article_rows, nlp):
    rejects = [r for r in article_rows if r.plover == "REJECT" and r.source_name == "Ali Khamenei"]
    assert rejects, article_rows
    row = rejects[0]
    assert (row.date, row.cameo[:2], row.root, row.quad) == ("2019-09-18", "12", "12", 3)
    assert row.source_code.startswith("IRN") and row.target_code.startswith("USA")
    assert (row.source_country, row.target_country) == ("IRN", "USA")
    assert row.source_id.startswith("https://w3id.org/kg/id/actor/")
    assert "rejected any plans for talks" in row.sentence
    sentences = [s.text for s in nlp(EXAMPLE.read_text()).sents]
    assert row.document == EXAMPLE.name and sentences[row.sentence_index].strip() == row.sentence.strip()
    assert row.event.startswith("https://w3id.org/kg/id/doc/")


def test_reported_rows_name_the_speaker(article_rows):
    pressure = [r for r in article_rows if r.plover in ("COERCE", "SANCTION") and r.source_code == "USA"]
    # the pressure policy, and the withdrawal from the nuclear deal ("from which they have withdrawn")
    assert [r.attributed_to for r in pressure] == ["Ali Khamenei", "Ali Khamenei"]


def test_rows_are_in_document_order(article_rows):
    keys = [(r.date, r.document, r.sentence_index) for r in article_rows]
    assert keys == sorted(keys)


@pytest.mark.parametrize(("fmt", "delimiter"), [pytest.param("csv", ",", id="csv"), pytest.param("tsv", "\t", id="tsv")])
def test_table_round_trips(article_rows, fmt, delimiter):
    records = list(csv.DictReader(io.StringIO(table_text(article_rows, fmt)), delimiter=delimiter))
    assert tuple(records[0]) == COLUMNS
    assert [r["cameo"] for r in records] == [r.cameo for r in article_rows]
    assert [r["sentence"] for r in records] == [r.sentence for r in article_rows]


def test_unknown_format_is_refused():
    with pytest.raises(InputError, match="valid: csv, tsv"):
        write_event_table([], io.StringIO(), format="xlsx")


def test_cli_reads_an_oxigraph_store(tmp_path, article_rows):
    from kg.cli import main
    from kg.pipeline import build

    build(EXAMPLE, store=str(tmp_path / "store")).close()
    out = tmp_path / "events.csv"
    assert main(["events", str(tmp_path / "store"), "--format", "csv", "--out", str(out)]) == 0
    records = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["source_code"], r["cameo"], r["target_code"]) for r in records] == [
        (r.source_code, r.cameo, r.target_code) for r in article_rows
    ]


def test_cli_refuses_an_unknown_format(tmp_path, capsys):
    from kg.cli import main

    assert main(["events", str(tmp_path / "nothing.ttl"), "--format", "xml"]) == 1
    assert "valid: csv, tsv" in capsys.readouterr().err


def test_code_columns_never_hold_an_iri_slug(article_rows):
    for row in article_rows:
        for code in (row.source_code, row.target_code, row.source_country, row.target_country):
            assert "/" not in code and ":" not in code, row
        assert row.source_name and (row.target_name or not row.target_id)


def test_rows_carry_the_documents_title_url_and_publisher(tmp_path):
    from kg.corpus import read_documents
    from kg.pipeline import build

    path = tmp_path / "articles.jsonl"
    path.write_text(
        '{"id": "w1", "title": "Tehran turns down talks", "date": "2019-09-18", '
        '"url": "https://news.example.org/tehran-talks", "source": "Example Wire", '
        '"text": "Iran rejected talks with the United States."}\n',
        encoding="utf-8",
    )
    graph = build(read_documents([path], input_format="jsonl"))
    try:
        rows = event_rows(graph.rdf)
    finally:
        graph.close()
    assert rows, "the sentence codes a REJECT event"
    row = rows[0]
    assert (row.title, row.url, row.publisher, row.document) == (
        "Tehran turns down talks", "https://news.example.org/tehran-talks", "Example Wire", "w1")
    assert (row.source_country, row.target_country, row.root) == ("IRN", "USA", "12")
