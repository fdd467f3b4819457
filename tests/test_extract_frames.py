"""Frames: what a sentence frames (accused, wanted, conditional, asked) is a field, never a bare fact."""

from __future__ import annotations

import pytest

from tests._extract_helpers import find


def _fields(triple) -> dict:
    return {
        "modality": triple.modality,
        "attributed_to": triple.attribution_text,
        "condition": triple.condition,
        "question": triple.question,
        "asserted": triple.asserted,
    }


@pytest.mark.parametrize(
    ("sentence", "subject", "relation", "expected"),
    [
        pytest.param("Iran accused the U.S. of attacking the tanker.", "the U.S.", "attack",
                     {"modality": "accuse", "attributed_to": "Iran"}, id="accused-of"),
        pytest.param("The rebels and the army accused each other of carrying out three attacks.", "The rebels", "carry out",
                     {"modality": "accuse", "attributed_to": "The rebels and the army"}, id="accused-each-other"),
        pytest.param("Sudanese rebels and the army accused each other on Sunday of carrying out attacks.", "the army",
                     "carry out", {"modality": "accuse", "attributed_to": "Sudanese rebels and the army"},
                     id="accused-each-other-on-a-date"),
        pytest.param("Washington blamed Tehran for attacking the embassy.", "Tehran", "attack",
                     {"modality": "blame", "attributed_to": "Washington"}, id="blamed-for"),
        pytest.param("Prosecutors alleged that the minister had taken bribes.", "the minister", "take",
                     {"modality": "allege", "attributed_to": "Prosecutors"}, id="alleged-that"),
        pytest.param("The rebels claimed that they had shot down a helicopter.", "they", "shoot down",
                     {"modality": "claim", "attributed_to": "The rebels"}, id="claimed-that"),
        pytest.param("The spokesman denied that Iran had attacked the tanker.", "Iran", "attack",
                     {"modality": "deny", "attributed_to": "The spokesman"}, id="denied-that"),
        pytest.param("North Korea denied carrying out the cyber attack.", "North Korea", "carry out",
                     {"modality": "deny", "attributed_to": "North Korea"}, id="denied-gerund"),
        pytest.param("Brown wants the rebate to come to an end.", "the rebate", "come to",
                     {"modality": "want", "attributed_to": None}, id="wants-object-to"),
        pytest.param("Britain wants to leave the customs union.", "Britain", "leave",
                     {"modality": "want", "attributed_to": None}, id="wants-to"),
        pytest.param("Japan plans to send warships to the Gulf.", "Japan", "send", {"modality": "plan"}, id="plans-to"),
        pytest.param("The EU proposed to cap gas prices.", "The EU", "cap", {"modality": "propose"}, id="proposed-to"),
        pytest.param("Israel is entitled to expect Palestinians to give up terrorism.", "Palestinians", "give up",
                     {"modality": "expect"}, id="entitled-to-expect"),
        pytest.param("Ankara hopes to join the European Union.", "Ankara", "join", {"modality": "hope"},
                     id="hopes-mislemmatised"),
        pytest.param("Lots of ministers believe the plan will fail, a senior aide said.", "the plan", "fail",
                     {"modality": "believe will", "attributed_to": "a senior aide"}, id="nested-belief"),
        pytest.param("Iran did not attack the tanker.", "Iran", "attack",
                     {"modality": None, "attributed_to": None, "asserted": True}, id="plain-negation-is-asserted"),
    ],
)
def test_frames(nlp, sentence, subject, relation, expected):
    fields = _fields(find(nlp, sentence, subject, relation))
    assert {k: fields[k] for k in expected} == expected
    assert fields["asserted"] == (expected.get("modality") is None)


def test_accusation_keeps_the_accusation(nlp):
    triple = find(nlp, "Iran accused the U.S. of attacking the tanker.", "Iran", "accuse")
    assert (triple.object.text, triple.modality, triple.attributed_to, triple.asserted) == ("the U.S.", None, None, True)


def test_nested_report_keeps_both_layers(nlp):
    text = "Lots of ministers believe the plan will fail, a senior aide said."
    believe = find(nlp, text, "Lots of ministers", "believe")
    assert (believe.object.text, believe.attribution_text) == ("the plan will fail", "a senior aide")


@pytest.mark.parametrize(
    ("sentence", "subject", "relation", "condition"),
    [
        pytest.param("If you want the pension you were promised, you must work longer.", "you", "work",
                     "If you want the pension you were promised", id="if-first"),
        pytest.param("Washington will lift sanctions if Caracas holds free elections.", "Washington", "lift",
                     "if Caracas holds free elections", id="if-after"),
        pytest.param("The talks will fail unless both sides make concessions.", "The talks", "fail",
                     "unless both sides make concessions", id="unless"),
        pytest.param("Aid will flow only if the country co-operates with inspectors.", "Aid", "flow",
                     "only if the country co-operates with inspectors", id="through-a-hyphen"),
        pytest.param("The EU will lift sanctions provided that Iran stops enrichment.", "The EU", "lift",
                     "provided that Iran stops enrichment", id="provided-that"),
        pytest.param("Athens will leave the euro if the creditors refuse a deal, a minister said.", "Athens", "leave",
                     "if the creditors refuse a deal", id="reported"),
    ],
)
def test_condition(nlp, sentence, subject, relation, condition):
    triple = find(nlp, sentence, subject, relation)
    assert (triple.condition, triple.asserted) == (condition, False)


def test_claims_inside_a_condition_are_hypothetical(nlp):
    text = "If you want the pension you were promised, you must work longer."
    inside = find(nlp, text, "you", "want")
    assert (inside.modality, inside.asserted) == ("hypothetical", False)


def test_provided_is_not_part_of_the_object(nlp):
    triple = find(nlp, "The EU will lift sanctions provided that Iran stops enrichment.", "The EU", "lift")
    assert triple.object.text == "sanctions"


@pytest.mark.parametrize(
    ("sentence", "subject", "relation", "speaker"),
    [
        pytest.param("Will Russia invade Ukraine?", "Russia", "invade", None, id="direct"),
        pytest.param("Reporters asked whether Pakistan would hand over the suspects.", "Pakistan", "hand over",
                     "Reporters", id="indirect"),
        pytest.param("“Will Iran accept the offer?” a diplomat asked.", "Iran", "accept", "a diplomat", id="quoted"),
    ],
)
def test_question(nlp, sentence, subject, relation, speaker):
    triple = find(nlp, sentence, subject, relation)
    assert (triple.question, triple.asserted, triple.attribution_text) == (True, False, speaker)


def test_the_report_of_a_question_is_stated(nlp):
    triple = find(nlp, "“Will Iran accept the offer?” a diplomat asked.", "a diplomat", "ask")
    assert (triple.question, triple.asserted) == (False, True)


def test_not_convinced_by(nlp):
    triple = find(nlp, "He is not convinced by the U.S. evidence.", "the U.S. evidence", "convince")
    assert (triple.object.text, triple.negated, triple.relation_text) == ("He", True, "is not convinced by")


def test_frames_reach_the_rdf(nlp):
    from kg.actors import ActorRegistry
    from kg.ontology import KG
    from kg.pipeline import claims_of
    from kg.store.mapping import document_graph
    from kg.types import Document

    text = "Will Russia invade Ukraine? Iran accused the United States of attacking Iraq."
    document = Document(id="t", text=text)
    doc = nlp(text)
    graph = document_graph(document, doc, claims_of(doc, document, ActorRegistry()))
    questions = {str(r) for c in graph.subjects(KG.question, None) for r in graph.objects(c, KG.relation)}
    framed = {(str(r), str(m)) for c, m in graph.subject_objects(KG.modality) for r in graph.objects(c, KG.relation)}
    assert questions == {"invade"}
    assert ("attack", "accuse") in framed
    # neither the question nor the accusation's content becomes a direct actor link
    linked = {str(o).rsplit("/", 1)[-1] for o in graph.objects(None, KG.actsOn)}
    assert not linked & {"UKR", "IRQ"}


def test_asked_if_is_a_question_not_a_condition(nlp):
    text = 'Asked if the door was ajar for talks to continue, Gove said: "It is ajar."'
    triple = find(nlp, text, "the door", "be")
    inner = find(nlp, text, "talks", "continue")
    asked = find(nlp, text, "Gove", "ask")
    assert (triple.question, triple.modality, inner.question, asked.condition) == (True, None, True, None)


@pytest.mark.parametrize(
    ("sentence", "subject", "relation", "modality"),
    [
        pytest.param("He was due in court on a charge that he sodomised an aide.", "he", "sodomise", "charge", id="a-charge-that"),
        pytest.param("Critics attacked the idea of allowing people to join police forces.", "people", "join", "propose",
                     id="the-idea-of"),
        pytest.param("Reports that the army shelled the town were denied.", "the army", "shell", "claim", id="reports-that"),
    ],
)
def test_frame_nouns(nlp, sentence, subject, relation, modality):
    triple = find(nlp, sentence, subject, relation)
    assert (triple.modality, triple.asserted) == (modality, False)


def test_a_relative_clause_is_no_frame(nlp):
    triple = find(nlp, "The plan that was agreed in May collapsed.", "The plan", "be agreed in")
    assert (triple.modality, triple.asserted) == (None, True)


def test_without_negates(nlp):
    triple = find(nlp, '"It could be freezing assets," he added, without elaborating.', "he", "elaborate")
    assert triple.negated


def test_a_relative_clause_stays_outside_the_frame(nlp):
    text = "Bishops are working in a bid to end the protests that have wracked the country."
    triple = find(nlp, text, "the protests", "wrack")
    assert (triple.modality, triple.asserted) == (None, True)


def test_not_until(nlp):
    text = "He said they would not negotiate until he withdraws the draft."
    talk = find(nlp, text, "they", "negotiate")
    inside = find(nlp, text, "he", "withdraw")
    assert (talk.condition, inside.modality, inside.asserted) == ("until he withdraws the draft", "hypothetical", False)
