"""Reported speech: the speech act is an extraction; what is reported is attributed."""

from __future__ import annotations

import pytest

from tests._extract_helpers import find


@pytest.mark.parametrize(
    ("sentence", "subject", "relation", "speaker"),
    [
        pytest.param("Khamenei said that the United States pursues a policy of maximum pressure.", "the United States", "pursue",
                     "Khamenei", id="said-that"),
        pytest.param("“We will not negotiate with America,” Khamenei said.", "We", "negotiate with", "Khamenei", id="quote-first"),
        pytest.param("According to the ministry, the army fired three missiles.", "the army", "fire", "the ministry", id="according-to"),
        pytest.param("The spokesman denied that Iran had attacked the tanker.", "Iran", "attack", "The spokesman", id="denied"),
        pytest.param("Khamenei said the officials announced that we would not take part in talks.", "we", "take part in", "Khamenei",
                     id="outermost-speaker"),
    ],
)
def test_attribution(nlp, sentence, subject, relation, speaker):
    assert find(nlp, sentence, subject, relation).attributed_to.text == speaker


def test_speech_act_is_extracted(nlp):
    triple = find(nlp, "Khamenei said that the United States pursues a policy of maximum pressure.", "Khamenei", "say")
    assert triple.kind == "speech"
    assert triple.object.text == "that the United States pursues a policy of maximum pressure"
    assert triple.attributed_to is None


def test_quotation_over_sentences(nlp):
    text = "Khamenei said, “They say negotiations. Such remarks are a trick.” Then he left."
    doc = nlp(text)
    remark = [t for t in doc._.triples if t.subject.text == "Such remarks"]
    assert remark and remark[0].attributed_to.text == "Khamenei"
    assert all(t.attributed_to is None for t in doc._.triples if t.subject.text == "he")


def test_plain_clause_not_attributed(nlp):
    assert find(nlp, "Iran did not attack the tanker.", "Iran", "attack").attributed_to is None


@pytest.mark.parametrize(
    ("text", "subject", "speaker"),
    [
        pytest.param("“We will not talk,” Khamenei said. “If the U.S. repents, we can talk.”", "we", "Khamenei", id="resumed"),
        pytest.param("“The talks failed,” the minister said.\n\n“Our patience has limits.”", "Our patience", "the minister",
                     id="next-paragraph"),
        pytest.param("“The talks failed,” the minister said. Iran attacked Iraq. “Nobody will win.”", "Nobody", None,
                     id="interrupted"),
        pytest.param("Iran attacked Iraq. “Nobody will win.”", "Nobody", None, id="no-speaker-before"),
    ],
)
def test_quotation_resumed_by_the_same_speaker(nlp, text, subject, speaker):
    (triple,) = [t for t in nlp(text)._.triples if t.subject.text == subject]
    assert (triple.attributed_to.text if triple.attributed_to is not None else None) == speaker
