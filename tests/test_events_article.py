"""Acceptance: the events of the example article (Khamenei rejects talks, 18 Sep 2019).

Needs the whole flow before events: the extractor's triples and the actors stage's
resolution (pronouns, "the regime", roles). Expectations are by actor label or country,
so they do not depend on how the actors stage spells its ids.
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from kg.events import code_events
from tests.conftest import EXAMPLE

#: Whom each expectation names: a label word for persons, a country code for the rest.
KHAMENEI = ("Khamenei", None)
ROUHANI = ("Rouhani", None)
USA = (None, "USA")
IRAN = (None, "IRN")
SAUDI = (None, "SAU")
EUROPE = ("Europe", None)


def _is(actor, who) -> bool:
    if actor is None:
        return False
    word, country = who
    if word is not None:
        return word.lower() in (actor.label + " " + " ".join(actor.aliases)).lower()
    return actor.country == country and actor.type.value in ("State", "Government")


@functools.cache
def _article_events():
    from kg.actors import ActorRegistry, resolve_actors
    from kg.nlp import load_pipeline
    from kg.types import Document

    text = EXAMPLE.read_text(encoding="utf-8")
    document = Document(id=EXAMPLE.stem, text=text, date=dt.date(2019, 9, 18))
    doc = load_pipeline()(text)
    registry = ActorRegistry()
    res = resolve_actors(doc, document, registry)
    out = []
    for triple in doc._.triples:
        source = res.actor_of(triple.subject)
        said = res.actor_of(triple.attributed_to)
        for event in code_events(triple, res, date=document.date):
            out.append((source, event, registry.get(event.target), said, triple.sentence.text))
    return out


def _found(source, plovers, target, said=None) -> bool:
    return any(
        _is(src, source) and event.plover in plovers and _is(tgt, target) and (said is None or _is(who, said))
        for src, event, tgt, who, _ in _article_events()
    )


@pytest.mark.parametrize(
    ("source", "plovers", "target", "said"),
    [
        pytest.param(KHAMENEI, {"REJECT"}, USA, None, id="khamenei-rejects-us"),
        pytest.param(ROUHANI, {"REJECT"}, USA, None, id="rouhani-rejects-us"),
        pytest.param(IRAN, {"ASSAULT"}, SAUDI, None, id="iran-assaults-saudi"),
        pytest.param(USA, {"COERCE", "SANCTION"}, IRAN, KHAMENEI, id="us-pressures-iran-says-khamenei"),
        pytest.param(KHAMENEI, {"REJECT"}, EUROPE, None, id="khamenei-rejects-europeans"),
    ],
)
def test_article_event(source, plovers, target, said):
    assert _found(source, plovers, target, said)


def test_article_has_no_cooperation_between_iran_and_us():
    # The article is about refusing talks: nothing in it is Iran agreeing with the U.S.
    assert _article_events()
    assert not _found(IRAN, {"AGREE", "CONSULT", "SUPPORT", "COOPERATE"}, USA)
    assert not _found(KHAMENEI, {"AGREE", "CONSULT", "SUPPORT", "COOPERATE"}, USA)
    assert not _found(USA, {"AGREE", "CONSULT", "SUPPORT", "COOPERATE"}, IRAN)
