"""Mentions → actors: names, demonyms, roles, aliases and coreference on sentences written for kg."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.actors import ActorRegistry, resolve_actors
from kg.types import ActorType, Document

from conftest import EXAMPLE


def _resolve(nlp, text, registry=None):
    doc = nlp(text)
    return doc, resolve_actors(doc, Document("t", text, date=dt.date(2019, 9, 18)), registry or ActorRegistry())


def _phrase(doc, phrase, nth=0):
    """The span of the `nth` occurrence of `phrase` (token-aligned)."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    assert span is not None
    return span


@pytest.mark.parametrize(
    ("text", "phrase", "actor_id", "code"),
    [
        pytest.param("Iran rejected the offer.", "Iran", "state/IRN", "IRN", id="country-name"),
        pytest.param("The talks with the U.S. failed.", "the U.S.", "state/USA", "USA", id="us-abbreviation"),
        pytest.param("Emirati officials met in Dubai.", "Emirati officials", "group/emirati-officials", "AREGOV", id="demonym-people"),
        pytest.param("Two Iraqis were killed near Basra.", "Iraqis", "group/iraqis", "IRQ", id="demonym-in-i-plural"),
        pytest.param("Pakistanis voted on Thursday.", "Pakistanis", "group/pakistanis", "PAK", id="demonym-in-i-plural-subject"),
        pytest.param("The U.S. administration imposed sanctions.", "The U.S. administration", "government/USA", "USAGOV", id="us-administration"),
        pytest.param("Khamenei rejected talks with U.S. authorities.", "U.S. authorities", "government/USA", "USAGOV", id="us-authorities"),
        pytest.param("The Iranian regime denied it.", "The Iranian regime", "government/IRN", "IRNGOV", id="iranian-regime"),
        pytest.param("Tehran rejected the offer.", "Tehran", "government/IRN", "IRNGOV", id="capital-metonym"),
        pytest.param("The White House said nothing.", "The White House", "government/USA", "USAGOV", id="seat-metonym"),
        pytest.param("The Kremlin denied the report.", "The Kremlin", "government/RUS", "RUSGOV", id="kremlin"),
        pytest.param("Saudi Arabia was attacked.", "Saudi Arabia", "state/SAU", "SAU", id="saudi-arabia"),
        pytest.param("NATO warned Russia.", "NATO", "igo/NATO", "IGONAT", id="igo-acronym"),
        pytest.param("The United Nations condemned the attack.", "The United Nations", "igo/UNO", "IGOUNO", id="igo-name"),
        pytest.param("The IAEA inspected the site.", "The IAEA", "igo/IAEA", "IGOUNOIAE", id="un-agency"),
        pytest.param("European countries offered to mediate.", "European countries", "group/european-states", "EUR", id="european-countries"),
        pytest.param("The Europeans offered to mediate.", "The Europeans", "group/european-states", "EUR", id="the-europeans"),
        pytest.param("The Iranian army attacked the town.", "The Iranian army", "org/iranian-military", "IRNMIL", id="body-army"),
        pytest.param("Iran's parliament passed the bill.", "Iran's parliament", "org/iranian-legislature", "IRNLEG", id="possessive-body"),
        pytest.param("The meeting with the U.S. President was cancelled.", "the U.S. President", "government/USA", "USAGOV", id="unnamed-office"),
    ],
)
def test_names_and_demonyms(nlp, text, phrase, actor_id, code):
    doc, res = _resolve(nlp, text)
    actor = res.actor_of(_phrase(doc, phrase))
    assert actor is not None and (actor.id, actor.code) == (actor_id, code)


def test_us_pronoun_is_not_the_united_states(nlp):
    doc, res = _resolve(nlp, "They told us nothing.")
    assert res.actors_in(doc[:]) == []


@pytest.mark.parametrize(
    ("text", "phrase", "actor_id", "title", "code"),
    [
        pytest.param(
            "Iranian regime supreme leader Ali Khamenei spoke.", "Ali Khamenei", "person/ali-khamenei", "supreme leader", "IRNGOV",
            id="premodifier-title",
        ),
        pytest.param(
            "Hassan Rouhani, Iran's president, spoke.", "Hassan Rouhani", "person/hassan-rouhani", "president", "IRNGOV",
            id="apposition",
        ),
        pytest.param(
            "Turkish Foreign Minister Mevlut Cavusoglu spoke.", "Mevlut Cavusoglu", "person/mevlut-cavusoglu", "foreign minister", "TURGOV",
            id="demonym-title",
        ),
        pytest.param(
            "Israeli General Aviv Kochavi spoke.", "Aviv Kochavi", "person/aviv-kochavi", "general", "ISRMIL",
            id="military-title",
        ),
    ],
)
def test_roles(nlp, text, phrase, actor_id, title, code):
    doc, res = _resolve(nlp, text)
    actor = res.actor_of(_phrase(doc, phrase))
    assert actor is not None
    assert actor.id == actor_id and actor.type is ActorType.PERSON
    assert actor.code == code
    assert [r.title for r in actor.roles] == [title]


def test_whole_titled_phrase_denotes_the_person(nlp):
    doc, res = _resolve(nlp, "Iranian regime supreme leader Ali Khamenei rejected talks.")
    subject = doc[0:6]
    assert res.actor_of(subject).id == "person/ali-khamenei"
    assert [a.id for a in res.actors_in(subject)] == ["government/IRN", "person/ali-khamenei"]


@pytest.mark.parametrize(
    ("text", "phrase", "nth", "actor_id"),
    [
        pytest.param("Mevlut Cavusoglu arrived. Cavusoglu met Emirati officials.", "Cavusoglu", 1, "person/mevlut-cavusoglu", id="surname-joins"),
        pytest.param("Raul Castro met Fidel Castro. Castro said little.", "Castro", 2, "person/castro", id="ambiguous-surname-apart"),
        pytest.param("Raul Castro met Fidel Castro. Castro said little.", "Raul Castro", 0, "person/raul-castro", id="first-of-two"),
        pytest.param("Raul Castro met Fidel Castro. Castro said little.", "Fidel Castro", 0, "person/fidel-castro", id="second-of-two"),
    ],
)
def test_aliases_within_a_document(nlp, text, phrase, nth, actor_id):
    doc, res = _resolve(nlp, text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    span = doc.char_span(start, start + len(phrase))
    assert res.actor_of(span).id == actor_id


def test_same_full_name_across_documents_is_one_actor(nlp):
    registry = ActorRegistry()
    _resolve(nlp, "Hassan Rouhani, Iran's president, spoke on Monday.", registry)
    doc, res = _resolve(nlp, "Hassan Rouhani met the press. Rouhani smiled.", registry)
    assert res.actor_of(doc[0:2]).id == "person/hassan-rouhani"
    merged = registry.get("person/hassan-rouhani")
    assert merged.roles[0].title == "president"
    assert "Rouhani" in merged.aliases
    assert len([a for a in registry.actors() if a.type is ActorType.PERSON]) == 1


@pytest.mark.parametrize(
    ("text", "phrase", "nth", "actor_id"),
    [
        pytest.param("Angela Merkel arrived. She said Germany would help.", "She", 0, "person/angela-merkel", id="she"),
        pytest.param(
            "Khamenei spoke. He said his regime would not yield.", "his regime", 0, "government/IRN",
            id="his-regime-listed-person",  # the country comes from the list of political people
        ),
        pytest.param(
            "Iranian supreme leader Ali Khamenei spoke. He said his regime would not yield.", "his regime", 0, "government/IRN",
            id="his-regime",
        ),
        pytest.param(
            "Iranian supreme leader Ali Khamenei spoke. He said his regime would not yield.", "his", 0, "person/ali-khamenei",
            id="his",
        ),
        pytest.param("The Iranian regime spoke. Later the regime relented.", "the regime", 0, "government/IRN", id="the-regime"),
        pytest.param("NATO met on Monday. The alliance agreed to act.", "The alliance", 0, "igo/NATO", id="the-alliance"),
        pytest.param("Germany protested. The country recalled its envoy.", "The country", 0, "state/DEU", id="the-country"),
        pytest.param("The Iranian regime denied it. Its officials refused.", "Its", 0, "government/IRN", id="its"),
        pytest.param(
            "Khamenei rejected talks with U.S. authorities unless they repent.", "they", 0, "government/USA", id="they-plural",
        ),
        pytest.param(
            "European governments tried to save the accord. If Washington returns to the nuclear deal from which they "
            "walked away, sanctions could end.", "they", 0, "government/USA", id="they-state-subject-of-its-clause",
        ),
        pytest.param(
            "Brazilian farmers blocked highways on Monday. The government said they would be fined.", "they", 0,
            "group/brazilian-farmers", id="they-not-the-reports-speaker",
        ),
        pytest.param(
            "Russia said Ukrainian troops had shelled Donetsk and that they would be punished.", "they", 0,
            "group/ukrainian-troops", id="they-plural-of-the-same-sentence",
        ),
        pytest.param(
            "Iranian president Hassan Rouhani spoke. Later the president left.", "the president", 0, "person/hassan-rouhani",
            id="the-president",
        ),
        pytest.param(
            "Iranian supreme leader Ali Khamenei said, \u201cWe will not negotiate.\u201d", "We", 0, "government/IRN", id="we-in-quote",
        ),
        pytest.param(
            "\u201cOur problems are theirs,\u201d Iranian supreme leader Ali Khamenei said.", "Our", 0, "government/IRN",
            id="our-speaker-after",
        ),
    ],
)
def test_coreference(nlp, text, phrase, nth, actor_id):
    doc, res = _resolve(nlp, text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    span = doc.char_span(start, start + len(phrase))
    actor = res.actor_of(span)
    assert actor is not None and actor.id == actor_id


def test_they_of_a_coordinated_subject_is_no_one_member(nlp):
    text = "France, Germany and Italy welcomed their new trade ties with Japan."
    doc, res = _resolve(nlp, text)
    assert res.actor_of(_phrase(doc, "their")) is None


def test_we_outside_quotes_is_unresolved(nlp):
    doc, res = _resolve(nlp, "We will see what happens.")
    assert res.actor_of(doc[0:1]) is None


def test_actors_in_lists_each_actor_once_in_order(nlp):
    doc, res = _resolve(nlp, "Khamenei rejected plans for talks with U.S. authorities and the U.S. administration.")
    obj = doc[3:]
    assert res.actor_of(obj) is None
    assert [a.id for a in res.actors_in(obj)] == ["government/USA"]


def test_none_span(nlp):
    _, res = _resolve(nlp, "Iran spoke.")
    assert res.actor_of(None) is None and res.actors_in(None) == []


# ---------------------------------------------------------------- acceptance: the example article

_EXPECTED = [
    ("Iranian regime supreme leader Ali Khamenei", 0, "person/ali-khamenei"),
    ("Khamenei outright", 0, "person/ali-khamenei"),
    ("his regime and", 0, "government/IRN"),
    ("the U.S. administration", 0, "government/USA"),
    ("U.S. authorities", 0, "government/USA"),
    ("European states", 0, "group/european-states"),
    ("European countries", 0, "group/european-states"),
    ("The Europeans", 0, "group/european-states"),
    ("the Iranian regime", 0, "government/IRN"),
    ("Hassan Rouhani", 0, "person/hassan-rouhani"),
    ("the regime launched", 0, "government/IRN"),
    ("Saudi Arabia", 0, "state/SAU"),
    ("the Islamic Republic", 0, "government/IRN"),
    ("the current U.S. government", 0, "government/USA"),
    ("The U.S. pursues", 0, "state/USA"),
    ("the United States", 0, "state/USA"),
    ("the U.S. President", 0, "government/USA"),
    ("this regime", 0, "government/IRN"),
    ("our problems", 0, "government/IRN"),
]


@pytest.fixture(scope="module")
def article(nlp):
    text = EXAMPLE.read_text(encoding="utf-8")
    registry = ActorRegistry()
    doc = nlp(text)
    return doc, resolve_actors(doc, Document("khamenei", text, date=dt.date(2019, 9, 18)), registry), registry


@pytest.mark.parametrize(("phrase", "nth", "actor_id"), [pytest.param(*row, id=row[0]) for row in _EXPECTED])
def test_example_article(article, phrase, nth, actor_id):
    doc, res, _ = article
    span = _phrase(doc, phrase, nth)
    head = span if len(span) < 4 or phrase.endswith(("Khamenei", "government", "administration")) else span[:-1]
    ids = {res.actor_of(span) and res.actor_of(span).id, *(a.id for a in res.actors_in(head))}
    assert actor_id in ids


def test_example_article_actors(article):
    _, _, registry = article
    khamenei = registry.get("person/ali-khamenei")
    assert (khamenei.country, khamenei.sector, khamenei.roles[0].title) == ("IRN", "GOV", "supreme leader")
    assert "Khamenei" in khamenei.aliases
    rouhani = registry.get("person/hassan-rouhani")
    assert (rouhani.country, rouhani.roles[0].title) == ("IRN", "president")
    assert registry.get("government/IRN").label == "Government of Iran"
    assert registry.get("government/USA").label == "Government of the United States"
    persons = [a.id for a in registry.actors() if a.type is ActorType.PERSON]
    assert sorted(persons) == ["person/ali-khamenei", "person/hassan-rouhani"]
