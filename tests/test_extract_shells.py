"""No empty shells: copulas keep the word that carries them, light verbs stay one relation,
role triples need a role, symmetric predicates keep both sides."""

from __future__ import annotations

import pytest

from tests._extract_helpers import spo


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("It was difficult to say that the talks had failed.",
                     {("It", "be difficult to say", "that the talks had failed"), ("the talks", "fail", "")},
                     id="copula-adjective-infinitive"),
        pytest.param("It is important to keep talking.", {("It", "be important to keep talk", "")},
                     id="copula-adjective-chain"),
        pytest.param("Blair made clear he intended to stay.",
                     {("Blair", "make clear", "he intended to stay"), ("he", "stay", "")}, id="made-clear"),
        pytest.param("Blair made it clear that he would stay.",
                     {("Blair", "make clear", "that he would stay"), ("he", "stay", "")}, id="made-it-clear"),
        pytest.param("Mr Bush met Mr Blair.", {("Mr Bush", "meet", "Mr Blair")}, id="no-role-from-mr"),
        pytest.param("Dr Tedros praised the vaccine programme.", {("Dr Tedros", "praise", "the vaccine programme")},
                     id="no-role-from-dr"),
        pytest.param("The vote was split between the Liberal Democrats and Respect.",
                     {("The vote", "be split between", "the Liberal Democrats and Respect")}, id="split-between"),
        pytest.param("Fighting broke out between rebels and the army.",
                     {("Fighting", "break out between", "rebels and the army")}, id="broke-out-between"),
        pytest.param("Talks between Israel and Syria resumed.", {("Talks between Israel and Syria", "resume", "")},
                     id="talks-between"),
        pytest.param("Rebel spokesman Koang reported army violations in Unity and Upper Nile states.",
                     {("Rebel spokesman Koang", "report", "army violations in Unity and Upper Nile")},
                     id="no-apposition-without-punctuation"),
        pytest.param("Iran and Iraq condemned the attack.",
                     {("Iran", "condemn", "the attack"), ("Iraq", "condemn", "the attack")},
                     id="other-conjuncts-still-split"),
    ],
)
def test_whole_set(nlp, sentence, expected):
    assert spo(nlp, sentence) == expected


def test_a_real_role_is_kept(nlp):
    assert ("Hassan Rouhani", "be", "Iranian regime president") in spo(nlp, "Iranian regime president Hassan Rouhani spoke.")


def test_the_shell_keeps_the_adjective_in_relation_text(nlp):
    (triple,) = [t for t in nlp("It was difficult to say that the talks had failed.")._.triples if t.subject.text == "It"]
    assert triple.relation_text == "was difficult to say"
