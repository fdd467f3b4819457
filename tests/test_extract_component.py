"""The kg_triples component, the public function's contract, and the example article."""

from __future__ import annotations

import spacy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.extract import carb_row, extract_triples
from tests.conftest import EXAMPLE


def test_factory_registered_through_entry_point(nlp):
    blank = spacy.blank("en")
    component = blank.add_pipe("kg_triples")
    assert component.name == "kg_triples"
    assert nlp.pipe_names[-1] == "kg_triples"


def test_component_sets_triples(nlp):
    doc = nlp("Khamenei rejected the talks.")
    assert [(t.subject.text, t.relation, t.object_text) for t in doc._.triples] == [("Khamenei", "reject", "the talks")]


def test_triples_survive_multiprocessing(nlp):
    texts = ["Khamenei rejected the talks.", "The embassy was attacked by militants.", "Iran and Iraq met."] * 2
    single = [[t.to_dict() for t in doc._.triples] for doc in nlp.pipe(texts)]
    multi = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [[t.to_dict() for t in doc._.triples] for doc in multi] == single
    assert multi[0]._.triples[0].subject.doc is multi[0]


def test_doc_without_component_extracts_lazily():
    from kg.nlp import load_pipeline

    doc = load_pipeline(triples=False)("Khamenei rejected the talks.")
    assert doc._.triples[0].relation == "reject"


@pytest.mark.parametrize(
    "value",
    [pytest.param("Khamenei rejected talks.", id="str"), pytest.param(None, id="none"), pytest.param(42, id="int")],
)
def test_not_a_doc_raises_kgerror(value):
    with pytest.raises(KGError):
        extract_triples(value)


def test_unparsed_doc_raises_kgerror():
    with pytest.raises(KGError):
        extract_triples(spacy.blank("en")("Khamenei rejected talks."))


def test_span_input(nlp):
    doc = nlp("Khamenei rejected the talks. Iran attacked the tanker.")
    second = list(doc.sents)[1]
    assert [t.relation for t in extract_triples(second)] == ["attack"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_text_returns_or_raises_kgerror(nlp, text):
    try:
        triples = extract_triples(nlp(text))
    except KGError:
        return
    for triple in triples:
        assert 0.0 <= triple.confidence <= 1.0
        assert len(carb_row(triple)) >= 5


def test_confidence_orders_own_subject_above_nominal(nlp):
    triples = nlp("The regime launched a massive missile attack on Saudi Arabia.")._.triples
    by_kind = {t.kind: t.confidence for t in triples}
    assert by_kind["verb"] > by_kind["nominal"]


def test_carb_row_puts_patient_first_for_passive(nlp):
    triple = nlp("The embassy was attacked by militants.")._.triples[0]
    assert carb_row(triple)[2:] == ["was attacked by", "The embassy", "militants"]


# The example article: what the other stages rely on.
EXPECTED = [
    pytest.param("Khamenei", "reject", "any plans for talks with U.S. authorities",
                 dict(condition="unless they repent"), id="reject-unless"),
    pytest.param("Khamenei", "dismiss", "efforts by European states to mediate talks between the U.S. and the Iranian regime",
                 {}, id="dismiss-efforts"),
    pytest.param("Iranian regime president Hassan Rouhani", "reject", "rumors of possible unconditioned talks with the U.S.",
                 {}, id="rouhani-rejects"),
    pytest.param("the regime", "launch", "a massive missile attack on Saudi Arabia", {}, id="launch-attack"),
    pytest.param("The U.S.", "pursue", "a policy of maximum pressure on Iran", dict(attribution_text="Khamenei"), id="pursue-attributed"),
    pytest.param("we", "take part in", "talks", dict(negated=True, attribution_text="Khamenei"), id="take-part-negated"),
]


@pytest.fixture(scope="module")
def article(nlp):
    return nlp(EXAMPLE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("subject", "relation", "obj", "fields"), EXPECTED)
def test_example_article(article, subject, relation, obj, fields):
    found = [t for t in article._.triples if (t.subject.text, t.relation) == (subject, relation) and t.object_text.startswith(obj)]
    assert found, [(t.subject.text, t.relation, t.object_text) for t in article._.triples]
    for name, value in fields.items():
        assert getattr(found[0], name) == value
