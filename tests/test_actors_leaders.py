"""The dated list of political people: who a name denotes, on which date, with which code."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.actors.gazetteer import default_gazetteer
from kg.actors.leaders import default_leaders, load_leaders
from kg.actors.registry import ActorRegistry
from kg.actors.resolve import resolve_actors
from kg.errors import InputError
from kg.nlp import load_pipeline
from kg.types import Document


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _actor(nlp, text: str, name: str, day: dt.date | None):
    doc = nlp(text)
    res = resolve_actors(doc, Document("d", text, date=day), ActorRegistry())
    found = [m.actor for m in res.mentions if m.span.text == name]
    assert found, f"{name!r} not resolved in {text!r}: {[m.span.text for m in res.mentions]}"
    return found[0]


# text, name as written, document date, expected id, country, sector
RESOLVED = [
    # the office held on the document's date decides, and the date picks the Bush
    ("President Bush spoke to reporters at the White House.", "Bush", dt.date(1991, 3, 1), "person/george-h-w-bush", "USA", "GOV"),
    ("President Bush spoke to reporters at the White House.", "Bush", dt.date(2003, 3, 20), "person/george-w-bush", "USA", "GOV"),
    ("George Bush promised to veto the bill.", "George Bush", dt.date(1990, 6, 1), "person/george-h-w-bush", "USA", "GOV"),
    ("George W. Bush promised to veto the bill.", "George W. Bush", None, "person/george-w-bush", "USA", None),
    # a bare surname the tagger may miss, with no date: one listed bearer, so the person
    ("Museveni said the talks with the rebels would resume.", "Museveni", None, "person/yoweri-museveni", "UGA", None),
    ("Museveni said the talks with the rebels would resume.", "Museveni", dt.date(1999, 1, 1), "person/yoweri-museveni", "UGA", "GOV"),
    ("Erdogan accused Netanyahu of blocking aid.", "Erdogan", dt.date(2024, 1, 5), "person/recep-tayyip-erdogan", "TUR", "GOV"),
    ("Erdogan accused Netanyahu of blocking aid.", "Netanyahu", dt.date(2024, 1, 5), "person/benjamin-netanyahu", "ISR", "GOV"),
    # an office of an international organisation codes as IGO with its body
    ("Ban Ki-moon urged restraint. Mr Ban said both sides must talk.", "Ban", dt.date(2010, 5, 1), "person/ban-ki-moon", "IGO", "UNO"),
    ("Ban Ki-moon urged restraint.", "Ban Ki-moon", dt.date(2005, 5, 1), "person/ban-ki-moon", "KOR", "GOV"),
    # out of office: the country stays, the sector goes
    ("Gorbachev said the reforms had been betrayed.", "Gorbachev", dt.date(2005, 1, 1), "person/mikhail-gorbachev", "RUS", None),
    ("Tutu said the commission had done its work.", "Tutu", dt.date(1997, 6, 1), "person/desmond-tutu", "ZAF", "GOV"),
    ("Archbishop Desmond Tutu condemned the violence.", "Desmond Tutu", dt.date(1993, 6, 1), "person/desmond-tutu", "ZAF", "REL"),
    # a title chooses among namesakes in office on the same day
    ("Prime Minister Sharif met the visiting envoy.", "Sharif", dt.date(2015, 3, 1), "person/nawaz-sharif", "PAK", "GOV"),
    ("General Sharif visited the troops in Waziristan.", "Sharif", dt.date(2015, 3, 1), "person/raheel-sharif", "PAK", "MIL"),
    ("Lavrov rejected the proposal.", "Lavrov", dt.date(2015, 3, 1), "person/sergei-lavrov", "RUS", "GOV"),
    ("Khaled Meshaal said Hamas would not disarm.", "Khaled Meshaal", dt.date(2010, 3, 1), "person/khaled-meshaal", "PSE", "REB"),
]


@pytest.mark.parametrize(("text", "name", "day", "actor_id", "country", "sector"), RESOLVED)
def test_listed_people_are_resolved_by_date(nlp, text, name, day, actor_id, country, sector):
    actor = _actor(nlp, text, name, day)
    assert (actor.id, actor.country, actor.sector) == (actor_id, country, sector)


# text, name, date: the list must not choose anybody
UNCHOSEN = [
    ("President Bush spoke to reporters at the White House.", "Bush", None),  # two President Bushes, no date
    ("Kim said the summit would go ahead.", "Kim", dt.date(2000, 6, 1)),  # Kim Jong-il and Kim Dae-jung in office
    ("Laura Bush and George W. Bush arrived. Bush waved.", "Bush", dt.date(2003, 1, 1)),  # another Bush in the text
    ("John Smith said the plan would fail.", "John Smith", dt.date(2003, 1, 1)),  # not on the list
]


@pytest.mark.parametrize(("text", "name", "day"), UNCHOSEN)
def test_ambiguous_or_unlisted_names_are_not_guessed(nlp, text, name, day):
    actor = _actor(nlp, text, name, day)
    listed = {p.id for p in default_leaders().people}
    assert actor.id not in listed
    assert actor.country is None


VARIANTS = [
    ["Sergei Lavrov met the envoy.", "Sergey Lavrov met the envoy."],
    ["Muammar Gaddafi addressed the crowd.", "Moammar Gadhafi addressed the crowd.", "Muammar Qaddafi addressed the crowd."],
    ["Mahmoud Abbas met the envoy.", "Abu Mazen met the envoy."],
    ["Volodymyr Zelensky met the envoy.", "Volodymyr Zelenskyy met the envoy."],
]


@pytest.mark.parametrize("texts", VARIANTS)
def test_spelling_variants_are_one_actor(nlp, texts):
    ids = set()
    for text in texts:
        doc = nlp(text)
        res = resolve_actors(doc, Document("d", text, date=dt.date(2010, 1, 1)), ActorRegistry())
        people = [m.actor for m in res.mentions if m.actor.type.value == "Person"]
        assert people, text
        ids.add(people[0].id)
    assert len(ids) == 1, ids


def test_shipped_list_is_valid_and_broad():
    leaders = default_leaders()
    assert len(leaders) >= 400
    known = set(default_gazetteer().states)
    unknown = sorted({p.country for p in leaders.people} - known)
    assert not unknown, unknown
    roles = [r for p in leaders.people for r in p.roles]
    assert all(r.end is None or r.start < r.end for r in roles)
    assert {r.sector for r in roles} >= {"GOV", "MIL", "OPP", "REB", "REL", "JUD", "LEG"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[person]]\nname = "A B"\ncountry = "usa"\n', "country must be an ISO 3166"),
        ('[[person]]\nname = "A B"\ncountry = "USA"\n\n[[person]]\nname = "C D"\ncountry = "USA"\n'
         'roles = [{ office = "President", sector = "GOV", start = "1990-13-01" }]\n', "not a date"),
        ('[[person]]\nname = "A B"\ncountry = "USA"\nroles = [{ office = "President", start = "2001", end = "1999" }]\n',
         "ends before it starts"),
        ('[[person]]\nname = "A B"\ncountry = "USA"\nrank = 3\n', "unknown key(s) rank"),
        ('[[person]]\nname = "A B"\ncountry = "USA"\n[[person]]\nname = "A B"\ncountry = "USA"\n', "listed twice"),
        ('[[person]\nname = "A B"\n', "not valid TOML"),
    ],
)
def test_malformed_people_file_is_one_line_error(tmp_path, text, problem):
    path = tmp_path / "people.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_leaders(path)
    message = str(err.value)
    assert problem in message
    assert str(path) in message and "\n" not in message


def test_malformed_entry_names_its_line(tmp_path):
    path = tmp_path / "people.toml"
    path.write_text('# people\n\n[[person]]\nname = "A B"\ncountry = "USA"\n\n[[person]]\nname = "C D"\n', encoding="utf-8")
    with pytest.raises(InputError, match=rf"{path}:7 \(C D\): country"):
        load_leaders(path)
