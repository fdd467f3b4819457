"""Headlines: a title line is read with headline grammar, or gives no claim; never a copula of the whole line."""

from __future__ import annotations

import pytest


def _headline_triples(nlp, headline: str) -> set[tuple]:
    doc = nlp(headline + "\n\nThe minister spoke on Monday.")
    first = next(doc.sents)
    return {
        (t.subject.text, t.relation, t.object_text, tuple(a.text for a in t.arguments), t.kind)
        for t in doc._.triples
        if t.sentence.start == first.start
    }


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        pytest.param("Short attacks US over tsunami aid", {("Short", "attack", "US", ("over tsunami aid",), "headline")},
                     id="noun-read-verb"),
        pytest.param("Iran rejects talks with US", {("Iran", "reject", "talks with US", (), "verb")}, id="parsed-verb"),
        pytest.param("Blair vows to fight on", {("Blair", "vow to fight", "", (), "verb")}, id="open-complement"),
        pytest.param("Tsunami aid row", set(), id="no-verb-no-claim"),
        pytest.param("Mr Bush in Baghdad", set(), id="no-role-no-copula"),
    ],
)
def test_headline(nlp, headline, expected):
    assert _headline_triples(nlp, headline) == expected


def test_a_sentence_with_a_full_stop_is_no_headline(nlp):
    from kg.extract.headline import is_headline

    doc = nlp("Short attacks US over aid.\n\nThe minister spoke.")
    assert [is_headline(s) for s in doc.sents] == [False, False]


def test_headline_kind_is_in_the_schema_description():
    import json

    from kg.extract.confidence import KIND_PRIOR

    assert "headline" in KIND_PRIOR
    schema = json.loads((__import__("pathlib").Path(__file__).parents[1] / "kg/data/extraction.schema.json").read_text())
    assert "headline" in schema["properties"]["kind"]["description"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("KIEV (AFP) - Moscow-backed separatists breached a ceasefire in eastern Ukraine.",
                     {("Moscow-backed separatists", "breach", "a ceasefire in eastern Ukraine", None)},
                     id="subject-beside-the-dateline"),
        pytest.param("LONDON (Reuters) - Britain said it would talk.",
                     {("Britain", "say", "it would talk", None), ("it", "talk", "", "Britain")}, id="speaker-after-it"),
        pytest.param("NAIROBI, May 11 (Reuters) - The army shelled Bentiu.", {("The army", "shell", "Bentiu", None)},
                     id="with-a-date"),
    ],
)
def test_dateline_is_no_part_of_a_claim(nlp, text, expected):
    got = {(t.subject.text, t.relation, t.object_text, t.attribution_text) for t in nlp(text)._.triples}
    assert got == expected


def test_speaker_beside_a_dateline(nlp):
    text = "MOSCOW (AFP) - Russian Foreign Minister Sergei Lavrov told John Kerry that the sanctions were unacceptable."
    (triple,) = [t for t in nlp(text)._.triples if t.subject.text == "the sanctions"]
    assert triple.attribution_text == "Russian Foreign Minister Sergei Lavrov"
