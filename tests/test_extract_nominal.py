"""Events named by a noun after a support verb."""

from __future__ import annotations

import pytest

from tests._extract_helpers import spo, whole_set


#: The other triples each sentence of the table gives (with its row, the whole expected set).
OTHER_TRIPLES: dict[str, set[tuple[str, str, str]]] = {
    'The regime launched a massive missile attack on Saudi Arabia.': {('The regime', 'launch', 'a massive missile attack on Saudi Arabia')},
    'The United States imposed sanctions on Iran.': {('The United States', 'impose', 'sanctions on Iran')},
    'The army carried out strikes against the rebels.': {('The army', 'carry out', 'strikes against the rebels')},
}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("The regime launched a massive missile attack on Saudi Arabia.", ("The regime", "attack", "Saudi Arabia"), id="attack"),
        pytest.param("The United States imposed sanctions on Iran.", ("The United States", "sanction", "Iran"), id="sanctions"),
        pytest.param("The army carried out strikes against the rebels.", ("The army", "strike", "the rebels"), id="phrasal-support-verb"),
    ],
)
def test_nominal(nlp, sentence, expected):
    assert spo(nlp, sentence) == whole_set(expected, OTHER_TRIPLES, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Saudi Arabia condemned the attack on Iran.", id="not-a-support-verb"),
        pytest.param("The regime launched a satellite.", id="not-an-event-noun"),
    ],
)
def test_no_nominal(nlp, sentence):
    assert all(t.kind != "nominal" for t in nlp(sentence)._.triples)


def test_clause_extraction_kept(nlp):
    assert ("The regime", "launch", "a massive missile attack on Saudi Arabia") in spo(
        nlp, "The regime launched a massive missile attack on Saudi Arabia."
    )
