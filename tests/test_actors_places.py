"""Places → countries: cities and regions give what they qualify its country, never a government.

Sentences written for kg in the manner of wire reports, with real places. A city or region
(``kg/data/actors/places.toml``) is a country source only: "Basra residents", "police in
Kirkuk" and "rebels in Darfur" take its country; "Basra fell" names no actor, unlike a
capital ("Baghdad said"). Names shared with common words or other places are left out.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import pycountry
import pytest

from kg.actors import ActorRegistry, resolve_actors
from kg.actors.gazetteer import DATA_DIR, PLACE, default_gazetteer, tokenize
from kg.types import Document


def _actor(nlp, text, phrase):
    doc = nlp(text)
    res = resolve_actors(doc, Document("t", text, date=dt.date(2021, 3, 4)), ActorRegistry())
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    return res.actor_of(span) or next(iter(res.actors_in(span)), None)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        pytest.param("Basra residents queued for water on Monday.", "Basra residents", "IRQCVL", id="city-people"),
        pytest.param("Police in Kirkuk arrested four suspects after the blast.", "Police", "IRQCOP", id="body-in-city"),
        pytest.param("Rebels in Darfur ambushed an army convoy.", "Rebels", "SDNREB", id="people-in-region"),
        pytest.param("Darfur rebels seized two villages.", "Darfur rebels", "SDNREB", id="region-modifier"),
        pytest.param("Israeli aircraft hit a Gaza hospital on Tuesday.", "a Gaza hospital", "PSE", id="city-noun-modifier"),
        pytest.param("Tel Aviv residents took to the streets.", "Tel Aviv residents", "ISRCVL", id="two-word-city"),
        pytest.param("Gunmen in the southern city of Kandahar shot a district chief.", "Gunmen", "AFGREB", id="city-of"),
        pytest.param("Protesters gathered in Lahore on Friday.", "Protesters", "PAKOPP", id="setting-gives-generic-people"),
        pytest.param("New Mexico police detained two men.", "New Mexico police", "USACOP", id="longest-name-wins"),
        pytest.param("The Basra Oil Company resumed exports.", "Basra Oil Company", "IRQBUS", id="organisation-named-for-city"),
        pytest.param("Baghdad said the vote would go ahead.", "Baghdad", "IRQGOV", id="capital-stays-government"),
        pytest.param("Basra fell to the militants on Tuesday.", "Basra", None, id="city-subject-is-no-actor"),
        pytest.param("Aleppo was quiet after the ceasefire.", "Aleppo", None, id="city-passive-subject"),
        pytest.param("Fighting raged in Mosul for a week.", "Mosul", None, id="city-setting-is-no-actor"),
        pytest.param("Residents of Nice complained about the noise.", "Residents", "CVL", id="ambiguous-nice-left-out"),
        pytest.param("Reading police arrested a man.", "Reading police", "COP", id="ambiguous-reading-left-out"),
        pytest.param("Protesters in Kashmir clashed with troops.", "Protesters", "OPP", id="disputed-kashmir-left-out"),
        pytest.param("Police in Jammu and Kashmir detained two men.", "Police", "INDCOP", id="administered-part"),
        pytest.param("Sydney Brenner spoke at the meeting.", "Sydney Brenner", "", id="first-name-not-a-city"),
    ],
)
def test_place_gives_country(nlp, text, phrase, expected):
    actor = _actor(nlp, text, phrase)
    if expected is None:
        assert actor is None
    else:
        assert actor is not None and actor.code == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        pytest.param("Settlers in Hebron attacked a farmer on Saturday.", "Settlers", id="settlers-in-city"),
        pytest.param("Hebron settlers attacked a farmer on Saturday.", "Hebron settlers", id="city-settlers"),
        pytest.param("Migrants in Benghazi were held in crowded camps.", "Migrants", id="migrants-in-city"),
    ],
)
def test_people_in_a_place_but_not_of_it(nlp, text, phrase):
    actor = _actor(nlp, text, phrase)
    assert actor is not None and actor.country is None


def test_places_file_is_well_formed():
    """Every key a state code; no place shadowed by a state, capital or organisation name."""
    data = tomllib.loads((DATA_DIR / "places.toml").read_text(encoding="utf-8"))
    assert 200 <= sum(len(names) for names in data.values())
    gaz = default_gazetteer()
    for code, names in data.items():
        assert pycountry.countries.get(alpha_3=code) is not None, code
        for name in names:
            words = tokenize(name)
            hit = gaz.names.longest(words, 0)
            assert hit is not None and hit[0] == len(words), name
            assert hit[1][-1].kind == PLACE and hit[1][-1].country == code, (name, hit[1][-1])


def test_names_tokenize_as_spacy_does():
    """Names tokenize as ``spacy.blank("en")`` does, plain ones split on spaces without a tokenizer.

    Checked over every string of the shipped actor files (places, people, organisations: the
    ones with punctuation go through the tokenizer kg builds from the English defaults), names
    with marks and apostrophes, and every special case of spaCy's English tokenizer written in
    letters alone ("cannot", "Im"), which the short way must leave to the tokenizer.
    """
    import spacy
    from spacy.lang.en import English

    tokenizer = spacy.blank("en").tokenizer
    shipped = {s for path in DATA_DIR.glob("*.toml") for s in re.findall(r'"([^"\n]+)"', path.read_text(encoding="utf-8"))}
    special = [k for k in English.Defaults.tokenizer_exceptions if k.isascii() and k.isalpha()]
    assert len(shipped) > 5000 and sum(not all(w.isalpha() for w in s.split()) for s in shipped) > 300
    phrases = sorted(shipped) + special + [
        "United States", "UNITED_STATES", "Iran's", "U.S.", "al-Shabaab", "Cote d'Ivoire", "AT&T",
        "Ban Ki-moon", "São Paulo", "Prime  Minister", "the cannot party", "Mr Im",
    ]
    assert len(special) > 50
    for text in phrases:
        expected = tuple(t.text for t in tokenizer(" ".join(text.replace("_", " ").split())))
        assert tokenize(text) == expected, text


def _events(text):
    from kg.pipeline import analyse

    return [e for _, _, claims in analyse([Document("t", text, date=dt.date(2021, 3, 4))]) for c in claims for e in c.events]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        pytest.param("Thousands of protesters rallied in Washington against the war.", "USA", None, id="capital-setting-is-no-target"),
        pytest.param("Iranian students demonstrated in Tehran on Friday.", "IRN", None, id="capital-setting-of-a-protest"),
        pytest.param("Tehran rejected the offer on Sunday.", "government/IRN", None, id="capital-subject-stays-government"),
        pytest.param("Israeli tourists in Paris protested against the new visa rules.", "ISR", None, id="visitors-keep-their-nationality"),
    ],
)
def test_a_capital_named_as_a_place_is_the_city(text, source, target):
    """A capital after "in", "outside", ... is the city: no government's act, nor its target."""
    (event,) = _events(text)
    assert (event.source_country if len(source) == 3 else event.source) == source
    assert event.target is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Tourists in Paris protested against the new visa rules.", id="tourists-in-capital"),
        pytest.param("Pilgrims in Mecca protested against the new visa rules.", id="pilgrims-in-city"),
    ],
)
def test_visitors_in_a_place_act_for_no_state(text):
    assert all(e.source_country is None for e in _events(text))


def test_arrival_in_a_capital_is_a_visit_to_its_government():
    (event,) = _events("Saddam Hussein arrived in Amman on Wednesday.")
    assert (event.cameo, event.target) == ("042", "government/JOR")
