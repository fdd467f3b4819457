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


def _speaker_of(nlp, text: str, subject: str):
    found = [t for t in nlp(text)._.triples if t.subject.text == subject and t.kind != "speech"]
    assert len(found) == 1, found
    return found[0].attribution_text


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param('The critic said, "The plan is a disaster. It will cost billions.\n\n'
                     '"Nobody in the ministry has read it."\n\nThe ministry rejected the charge. Ministers met on Monday.',
                     {"The plan": "The critic", "It": "The critic", "Nobody in the ministry": "The critic",
                      "The ministry": None, "Ministers": None}, id="straight-quotes-over-paragraphs"),
        pytest.param("“We have lost touch with voters. They feel ignored.\n\n“Unless we listen, we will lose,” Sanders "
                     "told supporters.\n\nPerez said the party was united. Democrats lost the vote.",
                     {"We": "Sanders", "They": "Sanders", "Democrats": None}, id="speaker-named-where-it-goes-on"),
        pytest.param("The minister said:\n\n“We will not give in. The strikes must end.”\n\nUnions plan a march.",
                     {"We": "The minister", "The strikes": "The minister", "Unions": None}, id="colon"),
        pytest.param("“We will not talk,” Khamenei said. Iran attacked Iraq on Monday. “Nobody will win.”",
                     {"We": "Khamenei", "Iran": None, "Nobody": None}, id="narrative-between"),
        pytest.param("“The talks failed,” the minister said.\n\nThe army shelled the town. Ten people died.",
                     {"The talks": "the minister", "The army": None, "Ten people": None}, id="narrative-after"),
        pytest.param("“The war is over,” he added.", {"The war": "he"}, id="added"),
    ],
)
def test_quotes_reach_only_as_far_as_they_go(nlp, text, speakers):
    assert {subject: _speaker_of(nlp, text, subject) for subject in speakers} == speakers


@pytest.mark.parametrize(
    ("sentence", "subject", "speaker"),
    [
        pytest.param("The fighter is heard saying that the town will fall.", "the town", "The fighter", id="heard-saying"),
        pytest.param("A video shows a fighter who is heard saying that the rebels will strike.", "the rebels",
                     "a fighter", id="who-is-heard-saying"),
        pytest.param("Lavrov was quoted as saying that Moscow expects a reply.", "Moscow", "Lavrov", id="quoted-as-saying"),
        pytest.param("The spokesman told reporters that the president would visit Beijing.", "the president",
                     "The spokesman", id="told"),
        pytest.param("According to witnesses, police opened fire on the crowd.", "police", "witnesses", id="according-to"),
        pytest.param("Factions traded accusations, with the coalition saying Houthi forces had breached the truce.",
                     "Houthi forces", "the coalition", id="with-x-saying"),
    ],
)
def test_reporting_forms(nlp, sentence, subject, speaker):
    assert _speaker_of(nlp, sentence, subject) == speaker


def test_inner_speaker_inside_a_quotation_gives_way_to_the_quotations(nlp):
    text = 'She said, "I do not think the coalition will work."'
    assert _speaker_of(nlp, text, "the coalition") == "She"


def test_doc_quotes(nlp):
    doc = nlp("“We will not talk,” Khamenei said. Iran attacked Iraq. “Nobody will win.”\n\n"
              "Rouhani said:\n\n“The door is open.”")
    assert [(q.span.text, q.speaker.text if q.speaker is not None else None) for q in doc._.quotes] == [
        ("We will not talk,", "Khamenei"), ("Nobody will win.", None), ("The door is open.", "Rouhani")]


def test_reporting_verbs_are_one_list():
    from kg.extract import speech

    assert speech.REPORTING_VERBS is speech.SPEECH_VERBS
    assert {"say", "tell", "add", "ask"} <= speech.REPORTING_VERBS


@pytest.mark.parametrize(
    ("text", "word", "speaker"),
    [
        pytest.param("Iran said it would attack the tanker.", "attack", "Iran", id="report"),
        pytest.param("Khamenei said the officials announced that we would not talk.", "talk", "the officials",
                     id="innermost-report"),
        pytest.param("“We will respond,” the Pentagon said. “Nobody should doubt it.”", "doubt", "the Pentagon",
                     id="resumed-quotation"),
        pytest.param("Iran attacked the tanker. “Nobody will win.”", "win", None, id="no-speaker"),
    ],
)
def test_speaker_of(nlp, text, word, speaker):
    from kg.extract.speech import speaker_of

    doc = nlp(text)
    (token,) = [t for t in doc if t.text == word]
    found = speaker_of(token)
    assert (found.text if found is not None else None) == speaker
