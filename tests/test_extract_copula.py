"""Copulas, appositions and role titles as is-a extractions."""

from __future__ import annotations

import pytest

from tests._extract_helpers import find, spo, whole_set


#: The other triples each sentence of the table gives (with its row, the whole expected set).
OTHER_TRIPLES: dict[str, set[tuple[str, str, str]]] = {
    'Ali Khamenei, the supreme leader, rejected talks.': {('Ali Khamenei', 'reject', 'talks')},
    'The supreme leader, Ali Khamenei, rejected talks.': {('The supreme leader', 'reject', 'talks')},
    'Iranian regime president Hassan Rouhani visited China.': {('Iranian regime president Hassan Rouhani', 'visit', 'China')},
}


@pytest.mark.parametrize(
    ("sentence", "expected", "kind"),
    [
        pytest.param("Tehran is the capital of Iran.", ("Tehran", "be", "the capital of Iran"), "copula", id="copula-attr"),
        pytest.param("The talks were unsuccessful.", ("The talks", "be", "unsuccessful"), "copula", id="copula-adjective"),
        pytest.param("Ali Khamenei, the supreme leader, rejected talks.", ("Ali Khamenei", "be", "the supreme leader"),
                     "apposition", id="apposition"),
        pytest.param("The supreme leader, Ali Khamenei, rejected talks.", ("Ali Khamenei", "be", "The supreme leader"),
                     "apposition", id="apposition-name-second"),
        pytest.param("Iranian regime president Hassan Rouhani visited China.", ("Hassan Rouhani", "be", "Iranian regime president"),
                     "role", id="role-title"),
    ],
)
def test_is_a(nlp, sentence, expected, kind):
    assert spo(nlp, sentence) == whole_set(expected, OTHER_TRIPLES, sentence)
    assert find(nlp, sentence, expected[0], "be").kind == kind


def test_apposition_left_out_of_subject(nlp):
    assert ("Ali Khamenei", "reject", "talks") in spo(nlp, "Ali Khamenei, the supreme leader, rejected talks.")
