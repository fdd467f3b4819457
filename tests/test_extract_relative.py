"""Relative clauses: the modified noun fills the relative pronoun's role."""

from __future__ import annotations

import pytest

from tests._extract_helpers import spo, whole_set


#: The other triples each sentence of the table gives (with its row, the whole expected set).
OTHER_TRIPLES: dict[str, set[tuple[str, str, str]]] = {
    'The minister who resigned criticized the government.': {('The minister', 'criticize', 'the government')},
    'Officials praised the agreement, which ended the war.': {('Officials', 'praise', 'the agreement')},
    'The deal that Iran signed collapsed.': {('The deal', 'collapse', '')},
    'The deal Iran signed collapsed.': {('The deal', 'collapse', '')},
    'Iran implemented the deal from which they withdrew.': {('Iran', 'implement', 'the deal')},
}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("The minister who resigned criticized the government.", ("The minister", "resign", ""), id="subject-who"),
        pytest.param("Officials praised the agreement, which ended the war.", ("the agreement", "end", "the war"), id="subject-which"),
        pytest.param("The deal that Iran signed collapsed.", ("Iran", "sign", "The deal"), id="object-that"),
        pytest.param("The deal Iran signed collapsed.", ("Iran", "sign", "The deal"), id="object-no-pronoun"),
        pytest.param("Iran implemented the deal from which they withdrew.", ("they", "withdraw from", "the deal"), id="prepositional"),
    ],
)
def test_relative(nlp, sentence, expected):
    assert spo(nlp, sentence) == whole_set(expected, OTHER_TRIPLES, sentence)


def test_relative_clause_not_inside_head_phrase(nlp):
    assert ("The minister", "criticize", "the government") in spo(nlp, "The minister who resigned criticized the government.")
