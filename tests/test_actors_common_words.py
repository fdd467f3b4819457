"""Surnames that are common words: "Rice prices", "Bush fires", "Brown sugar" name nobody.

A capitalised common word alone at the start of a sentence is a person only where the text
makes it one: a title or honorific, the full name in the document, or a subject, possessor
or object that the tagger does not call a place or a date (`kg.actors.names`).
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.actors import ActorRegistry, resolve_actors
from kg.actors.names import common_words
from kg.types import ActorType, Document

#: text, the word, its nth occurrence, the expected actor id (None: no actor), document date
ROWS = [
    pytest.param("Rice prices rose sharply in Bangkok on Monday.", "Rice", 0, None, id="rice-prices"),
    pytest.param("Bush fires destroyed dozens of homes in New South Wales.", "Bush", 0, None, id="bush-fires"),
    pytest.param("Brown sugar exports from Brazil fell in March.", "Brown", 0, None, id="brown-sugar"),
    pytest.param("Price controls on bread were lifted in Cairo.", "Price", 0, None, id="price-controls"),
    pytest.param("Elections will be held in May, the commission in Nairobi said.", "May", 0, None, id="may-month"),
    pytest.param("\u201cRice prices will rise again,\u201d the Thai commerce minister said.", "Rice", 0, None, id="rice-in-quote"),
    pytest.param(
        "Secretary of State Rice said the talks with North Korea would go on.", "Rice", 0, "person/condoleezza-rice",
        id="title-makes-the-person",
    ),
    pytest.param(
        "Rice said the talks with North Korea would go on.", "Rice", 0, "person/condoleezza-rice", id="person-subject",
    ),
    pytest.param("Mr Brown said the budget was sound.", "Brown", 0, "person/gordon-brown", id="honorific"),
    pytest.param(
        "Gordon Brown flew to Kabul on Tuesday. Brown said British troops would stay.", "Brown", 1,
        "person/gordon-brown", id="earlier-full-name",
    ),
]


def _actor(nlp, text: str, word: str, nth: int):
    doc = nlp(text)
    res = resolve_actors(doc, Document("t", text, date=dt.date(2008, 6, 1)), ActorRegistry())
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return res.actor_of(doc.char_span(start, start + len(word)))


@pytest.mark.parametrize(("text", "word", "nth", "expected"), ROWS)
def test_common_word_surnames(nlp, text, word, nth, expected):
    actor = _actor(nlp, text, word, nth)
    assert (actor.id if actor is not None else None) == expected


def test_a_capital_inside_a_sentence_is_a_name(nlp):
    actor = _actor(nlp, "Critics of the Bush administration met in Ottawa.", "Bush", 0)
    assert actor is not None and actor.type is ActorType.PERSON


def test_the_word_list_is_lower_case_words():
    words = common_words()
    assert {"rice", "bush", "brown", "price", "may"} <= words
    assert all(w.isalpha() and w == w.lower() for w in words)
