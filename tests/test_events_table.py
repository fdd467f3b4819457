"""The event table: events read back from the RDF (memory and Oxigraph stores) and ``kg events``."""

from __future__ import annotations

import csv
import io

import pytest

from kg.errors import InputError
from kg.store.table import COLUMNS, event_rows, table_text, write_event_table
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def article_rows():
    from kg.pipeline import build

    graph = build(EXAMPLE)
    try:
        return event_rows(graph.rdf)
    finally:
        graph.close()


def test_rows_carry_codes_and_provenance(article_rows, nlp):
    rejects = [r for r in article_rows if r.plover == "REJECT" and r.source_label == "Ali Khamenei"]
    assert rejects, article_rows
    row = rejects[0]
    assert (row.date, row.cameo[:2], row.root, row.quad) == ("2019-09-18", "12", "12", 3)
    assert row.source.startswith("IRN") and row.target.startswith("USA")
    assert "rejected any plans for talks" in row.sentence
    sentences = [s.text for s in nlp(EXAMPLE.read_text()).sents]
    assert row.document == EXAMPLE.name and sentences[row.sentence_index].strip() == row.sentence.strip()
    assert row.event.startswith("https://w3id.org/kg/id/doc/")


def test_reported_rows_name_the_speaker(article_rows):
    pressure = [r for r in article_rows if r.plover in ("COERCE", "SANCTION") and r.source == "USA"]
    assert [r.attributed_to for r in pressure] == ["Ali Khamenei"]


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
    assert [(r["source"], r["cameo"], r["target"]) for r in records] == [
        (r.source, r.cameo, r.target) for r in article_rows
    ]


def test_cli_refuses_an_unknown_format(tmp_path, capsys):
    from kg.cli import main

    assert main(["events", str(tmp_path / "nothing.ttl"), "--format", "xml"]) == 1
    assert "valid: csv, tsv" in capsys.readouterr().err
