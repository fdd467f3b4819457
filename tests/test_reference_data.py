"""The readers of ../shared's reference data (benchmarks/_data.py), which benchmarks and tests share."""

from __future__ import annotations

import pytest
from _data import read_carb_sentences, read_petrarch_records

from tests.conftest import shared_path

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def records():
    return read_petrarch_records(shared_path("eval-dev", "petrarch", "PETR.UnitTest.records.xml"))


def test_petrarch_records_are_all_read(records):
    assert len(records) == 284
    assert sum(len(r.codings) for r in records) == 359
    assert sum(r.noevents for r in records) == 19
    assert all(r.id and r.date is not None and r.text for r in records)


def test_petrarch_attributes_quoted_and_spaced_either_way(records):
    by_id = {r.id: r for r in records}
    assert ('"INJURY TOLL"', "OSG", "223") in by_id["DEMO-22"].codings  # sourcecode='"INJURY TOLL"'
    assert by_id["TextCodes-1"].noevents and by_id["TextCodes-1"].date.isoformat() == "2008-08-04"  # id ="..."
    assert "full &TIETYPE ties" in by_id["SYNSET-02"].text  # &amp; decoded, as an XML reader does


def test_carb_sentences_are_the_gold_sentences():
    sentences = read_carb_sentences(shared_path("eval-dev", "carb", "data", "dev.txt"))
    gold = shared_path("eval-dev", "carb", "data", "gold", "dev.tsv").read_text(encoding="utf-8")
    assert len(sentences) == 641 and all(s == s.strip() for s in sentences)
    assert {line.split("\t", 1)[0].strip() for line in gold.splitlines() if "\t" in line} <= set(sentences)
