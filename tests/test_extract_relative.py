"""Relative clauses: the modified noun fills the relative pronoun's role."""

from __future__ import annotations

import pytest

from tests._extract_helpers import spo


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
    assert expected in spo(nlp, sentence)


def test_relative_clause_not_inside_head_phrase(nlp):
    assert ("The minister", "criticize", "the government") in spo(nlp, "The minister who resigned criticized the government.")
