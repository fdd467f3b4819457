"""Negation, modality and conditions are fields, never words left in the relation."""

from __future__ import annotations

import pytest

from tests._extract_helpers import find


@pytest.mark.parametrize(
    ("sentence", "subject", "relation", "negated", "modality", "condition", "relation_text"),
    [
        pytest.param("Iran did not attack the tanker.", "Iran", "attack", True, None, None, "did not attack", id="not"),
        pytest.param("Iran would never negotiate with Washington.", "Iran", "negotiate with", True, "would", None,
                     "would never negotiate with", id="never-modal"),
        pytest.param("Iran may resume enrichment.", "Iran", "resume", False, "may", None, "may resume", id="modal"),
        pytest.param("Iran will talk if the United States lifts the sanctions.", "Iran", "talk", False, "will",
                     "if the United States lifts the sanctions", "will talk", id="if"),
        pytest.param("Tehran will not negotiate unless Washington apologizes.", "Tehran", "negotiate", True, "will",
                     "unless Washington apologizes", "will not negotiate", id="unless"),
        pytest.param("The regime would have to concede to the demands of its counterparts.", "The regime", "concede to", False,
                     "would have to", None, "would have to concede to", id="semi-modal"),
        pytest.param("We would not take part in talks.", "We", "take part in", True, "would", None,
                     "would not take part in", id="light-verb-negated"),
        # coordinated verbs under one auxiliary share it, and its negation
        pytest.param("Iran will not attack and invade Iraq.", "Iran", "invade", True, "will", None,
                     "will not invade", id="shared-auxiliary"),
        pytest.param("The republic cannot be brought to its knees, humiliated, and made to submit.", "The republic",
                     "be humiliated", True, "can", None, "can not be humiliated", id="shared-passive-list"),
        pytest.param("Iran did not attack but threatened Israel.", "Iran", "threaten", False, None, None,
                     "threatened", id="but-does-not-share"),
        pytest.param("Iran did not attack and threatened Israel.", "Iran", "threaten", False, None, None,
                     "threatened", id="past-tense-does-not-share-do"),
        pytest.param("Iran did not sign and will ratify the treaty.", "Iran", "ratify", False, "will", None,
                     "will ratify", id="own-auxiliary-does-not-share"),
    ],
)
def test_polarity(nlp, sentence, subject, relation, negated, modality, condition, relation_text):
    triple = find(nlp, sentence, subject, relation)
    assert (triple.negated, triple.modality, triple.condition) == (negated, modality, condition)
    assert triple.relation_text == relation_text
    assert "not" not in triple.relation.split() and "never" not in triple.relation.split()
