"""kg.tagging: the faster attribute ruler and lemmatizer give spaCy's own output, token for token."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from tagging import compare, differences, own_texts, shared_texts

from kg.nlp import load_pipeline
from kg.tagging import FastAttributeRuler, FastEnglishLemmatizer, use_fast_tagging


@pytest.fixture(scope="module")
def stock():
    return load_pipeline(triples=False, fast=False)


@pytest.fixture(scope="module")
def fast():
    return load_pipeline(triples=False)


def test_load_pipeline_swaps_in_the_stand_ins_under_the_same_names(stock, fast):
    assert stock.pipe_names == fast.pipe_names
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    assert type(fast.get_pipe("attribute_ruler")) is FastAttributeRuler
    assert type(fast.get_pipe("lemmatizer")) is FastEnglishLemmatizer
    assert fast.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns


def test_the_same_annotation_on_varied_sentences(stock, fast):
    texts = own_texts() + shared_texts()[:200]
    result = compare(texts, stock, fast)
    assert result["texts"] >= 250 and result["tokens"] > 10_000
    assert result["differences"] == dict.fromkeys(result["differences"], 0)


def test_the_comparison_sees_a_difference(stock, fast):
    text = "The ministers were meeting in Geneva and rejected the talks."
    with fast.select_pipes(disable=["lemmatizer"]):
        unlemmatized = fast(text)
    assert differences(stock(text), unlemmatized)["LEMMA"] > 0


def _rulers(patterns):
    """A stock and a kg attribute ruler on one vocabulary, with the same patterns."""
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler", name="stock").add_patterns(patterns)
    nlp.add_pipe("attribute_ruler", name="fast").add_patterns(patterns)
    nlp.remove_pipe("stock")
    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns(patterns)
    assert use_fast_tagging(nlp) == ["fast"]
    return nlp.vocab, stock, nlp.get_pipe("fast")


#: Overlapping rules: later patterns win per attribute, several tokens, operators, a wildcard, MORPH "".
PATTERNS = [
    {"patterns": [[{}]], "attrs": {"MORPH": "Foo=Bar", "POS": "X"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to", "POS": "PART"}, "index": 1},
    {"patterns": [[{"LOWER": "na"}]], "attrs": {"POS": "INTJ"}},
    {"patterns": [[{"LOWER": {"REGEX": "^g"}, "TAG": {"NOT_IN": ["VB"]}}]], "attrs": {"MORPH": ""}},
    {"patterns": [[{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}, {"LOWER": "c"}]], "attrs": {"LEMMA": "see"}, "index": -1},
    {"patterns": [[{"TEXT": "Big", "DEP": {"IN": ["nsubj", ""]}}]], "attrs": {"LEMMA": "large", "TAG": "JJ"}},
    {"patterns": [[{"IS_TITLE": True, "TAG": "NN"}]], "attrs": {"POS": "PROPN"}},
]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("patterns", [PATTERNS, PATTERNS[1:], PATTERNS[3:4]],
                         ids=["wildcard", "some-tokens-untouched", "one-attribute-read-and-set"])
def test_rule_precedence_as_spacy_applies_it(seed, patterns):
    vocab, stock, fast = _rulers(patterns)
    rng = random.Random(seed)
    words = ["gon", "na", "a", "b", "c", "Big", "big", "go", "Gone", "x"]
    for _ in range(40):
        n = rng.randint(1, 12)
        kwargs = dict(words=[rng.choice(words) for _ in range(n)],
                      tags=[rng.choice(["NN", "VB", "DT"]) for _ in range(n)],
                      deps=[rng.choice(["nsubj", "dobj"]) for _ in range(n)], heads=[0] * n)
        kwargs["deps"][0], kwargs["heads"][0] = "ROOT", 0
        one, two = Doc(vocab, **kwargs), Doc(vocab, **kwargs)
        stock(one)
        fast(two)
        columns = [TAG, POS, MORPH, LEMMA]
        assert one.to_array(columns).tolist() == two.to_array(columns).tolist(), kwargs["words"]


def test_patterns_added_later_are_applied():
    vocab, stock, fast = _rulers(PATTERNS)
    doc = Doc(vocab, words=["zebra"], tags=["NN"])
    assert fast(doc)[0].pos_ == "NOUN"
    fast.add([[{"LOWER": "zebra"}]], {"POS": "VERB"})
    assert fast(Doc(vocab, words=["zebra"], tags=["NN"]))[0].pos_ == "VERB"


def test_what_cannot_be_reproduced_keeps_spacy_s_component():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "x"}]], {"NORM": "y"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert use_fast_tagging(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_answers_forgotten_past_the_size_limit_are_found_again(monkeypatch, stock, fast):
    import kg.tagging

    monkeypatch.setattr(kg.tagging, "_MEMO_LIMIT", 5)
    result = compare(own_texts()[:30], stock, fast)
    assert result["differences"] == dict.fromkeys(result["differences"], 0)
