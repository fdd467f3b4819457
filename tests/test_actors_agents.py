"""Generic actors (agents), names that hold a country, offices and their sectors, coreference."""

from __future__ import annotations

import pytest

from kg.actors import ActorRegistry, resolve_actors
from kg.types import ActorType, Document


def actor(nlp, text: str, phrase: str):
    doc = nlp(text)
    res = resolve_actors(doc, Document("d", text), ActorRegistry())
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    return res.actor_of(span) or next(iter(res.actors_in(span)), None)


@pytest.mark.parametrize(
    ("text", "phrase", "type_", "code"),
    [
        pytest.param("Israeli police arrested two men.", "Israeli police", ActorType.ORGANIZATION, "ISRCOP", id="police"),
        pytest.param("Afghan rebels kidnapped two aid workers.", "Afghan rebels", ActorType.GROUP, "AFGREB", id="rebels"),
        pytest.param("Israeli settlers set fire to a field.", "Israeli settlers", ActorType.GROUP, "ISRCVL", id="settlers"),
        pytest.param("Syrian refugees crossed into Jordan.", "Syrian refugees", ActorType.GROUP, "SYRREF", id="refugees"),
        pytest.param("UN peacekeepers patrolled the border.", "UN peacekeepers", ActorType.GROUP, "IGOUNOMIL", id="un-peacekeepers"),
        pytest.param("NATO peacekeeping troops arrived in Pristina.", "NATO peacekeeping troops", ActorType.GROUP, "IGONATMIL", id="nato-troops"),
        pytest.param("Protesters marched in Tehran. Iranian police fired tear gas.", "Protesters", ActorType.GROUP, "IRNOPP", id="story-country"),
        pytest.param("Students throughout Indonesia marched against the price rises.", "Students", ActorType.GROUP, "IDNEDU",
                     id="throughout-a-country"),
        pytest.param("Rebels in the hills attacked a convoy.", "Rebels", ActorType.GROUP, "REB", id="no-country"),
        pytest.param("Rebels in Darfur attacked a convoy.", "Rebels", ActorType.GROUP, "SDNREB", id="place-country"),
        pytest.param("A human rights group accused the army.", "human rights group", ActorType.GROUP, "HRI", id="rights-group"),
    ],
)
def test_generic_actors_have_a_sector_and_a_country_where_the_text_gives_one(nlp, text, phrase, type_, code):
    found = actor(nlp, text, phrase)
    assert found is not None
    assert (found.type, found.code) == (type_, code)


def test_a_country_that_is_the_target_is_not_the_protesters_country(nlp):
    found = actor(nlp, "Protesters stormed the US embassy.", "Protesters")
    assert found is not None and found.country is None and found.sector == "OPP"


@pytest.mark.parametrize(
    ("text", "phrase", "id_", "code"),
    [
        pytest.param("The British Medical Association warned ministers.", "British Medical Association",
                     "org/british-medical-association", "GBRMED", id="bma"),
        pytest.param("The Muslim Council of Britain condemned the attack.", "Muslim Council of Britain",
                     "org/muslim-council-of-britain", "GBRREL", id="muslim-council"),
        pytest.param("The Washington Post reported the deal.", "Washington Post", "org/washington-post", "USAMED", id="post"),
        pytest.param("The State Department said the talks would go on.", "State Department", "government/USA", "USAGOV",
                     id="state-department"),
        pytest.param("The Iranian Foreign Ministry rejected the claim.", "Iranian Foreign Ministry", "government/IRN",
                     "IRNGOV", id="ministry-stays-a-government"),
        pytest.param("Labour won the vote.", "Labour", "org/labour-party-gbr", "GBRPTY", id="labour"),
    ],
)
def test_names_that_hold_a_country_are_not_the_country(nlp, text, phrase, id_, code):
    found = actor(nlp, text, phrase)
    assert (found.id, found.code) == (id_, code)


def test_lower_case_islamic_state_is_not_the_group(nlp):
    found = actor(nlp, "Iranian clerics say the Islamic state will survive.", "Islamic state")
    assert found is None or found.id != "org/islamic-state"
    assert actor(nlp, "Islamic State fighters attacked a checkpoint.", "Islamic State").id == "org/islamic-state"


@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        pytest.param("UN Secretary-General Ban Ki-moon urged restraint.", "Ban Ki-moon", "IGO", "UNO", id="un-sg"),
        pytest.param("Attorney-General Merrick Garland announced charges.", "Merrick Garland", None, "JUD", id="attorney-general"),
        pytest.param("Shadow foreign secretary Emily Thornberry criticised the plan.", "Emily Thornberry", None, "OPP", id="shadow"),
        pytest.param("Union leader Mick Lynch called a strike.", "Mick Lynch", None, "LAB", id="union"),
        pytest.param("General Mark Milley testified.", "Mark Milley", None, "MIL", id="general"),
        pytest.param("Hezbollah leader Hassan Nasrallah spoke on television.", "Hassan Nasrallah", "LBN", "REB", id="org-leader"),
        pytest.param("Andrew Mitchell urged restraint.", "Andrew Mitchell", None, None, id="no-title-no-country"),
    ],
)
def test_the_office_decides_the_sector(nlp, text, phrase, country, sector):
    found = actor(nlp, text, phrase)
    assert found.type is ActorType.PERSON
    assert (found.country, found.sector) == (country, sector)


def test_apposition_names_the_head_it_describes(nlp):
    found = actor(nlp, "Israel, one of America's strongest allies, rejected the plan.", "one of America's strongest allies")
    assert found.id == "state/ISR"


def test_i_inside_a_quotation_is_its_speaker(nlp):
    assert actor(nlp, '"I will not resign," Boris Johnson said.', "I").id == "person/boris-johnson"


def test_a_new_description_refers_to_no_one(nlp):
    text = "Tony Blair met Mahmoud Abbas on Sunday, the first world leader to do so."
    found = actor(nlp, text, "the first world leader")
    assert found is None or found.id != "person/mahmoud-abbas"


def test_he_never_resolves_to_a_state(nlp):
    text = "Iran rejected the plan. He said it was unfair."
    assert actor(nlp, text, "He") is None


def test_he_after_an_unnamed_office_holder_is_not_a_person_named_before(nlp):
    text = "Kofi Annan urged restraint. The attorney-general said he would appeal."
    assert actor(nlp, text, "he would") is None
    text = "Iranian President Hassan Rouhani arrived. The president said he would speak."
    assert actor(nlp, text, "he would").id == "person/hassan-rouhani"


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        pytest.param("The New York Times reported the deal.", "New York Times", "USAMED", id="newspaper"),
        pytest.param("Human Rights Watch accused the army.", "Human Rights Watch", "NGOHRI", id="ngo"),
        pytest.param("Reuters reported the clash.", "Reuters", "GBRMED", id="agency"),
    ],
)
def test_media_and_ngos(nlp, text, phrase, code):
    assert actor(nlp, text, phrase).code == code
