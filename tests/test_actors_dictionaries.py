"""PETRARCH/Phoenix dictionaries: formats, dated codes, warnings, and coding with them."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from kg.actors import ActorRegistry, resolve_actors
from kg.actors.dictionaries import code_on, read_actor_dictionary, read_agent_dictionary
from kg.errors import InputError
from kg.types import Document

from conftest import shared_path

ACTORS = """\
<!-- a comment -->
GONDOR [GON]
+MINAS_TIRITH
ARGENTIN  [ARG]  # a stem: matches Argentina, Argentine
SAM_GAMGEE [HOB]
\t[HOBCIV <20080120]
\t[HOBGOV 20121109-20130119]
IVO_JOSIPOVIC_
PRESIDENT_JOSIPOVIC_
\t[HRVGOV >20120219]
BROKEN_CODE [GONGOV >2012131]
+ORPHAN_IS_FINE
[ORPHAN]
"""


@pytest.fixture()
def actor_file(tmp_path):
    path = tmp_path / "test.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    return path


def test_actor_dictionary_names_and_synonyms(actor_file):
    names = {n.phrase: n for n in read_actor_dictionary(actor_file)}
    assert names["MINAS TIRITH"].entry.codes == (("GON", None, None),)
    assert names["ARGENTIN"].stem and not names["IVO JOSIPOVIC"].stem
    assert names["PRESIDENT JOSIPOVIC"].entry.codes == (("HRVGOV", "2012-02-19", None),)


def test_malformed_lines_warn_with_file_and_line(actor_file, caplog):
    with caplog.at_level(logging.WARNING, logger="kg.actors.dictionaries"):
        names = read_actor_dictionary(actor_file)
    assert any(f"{actor_file}:11" in r.getMessage() and "2012131" in r.getMessage() for r in caplog.records)
    assert "GONDOR" in {n.phrase for n in names}


@pytest.mark.parametrize(
    ("date", "code"),
    [
        pytest.param(dt.date(2007, 1, 1), "HOBCIV", id="before"),
        pytest.param(dt.date(2013, 1, 1), "HOBGOV", id="range"),
        pytest.param(dt.date(2011, 1, 1), "HOB", id="default"),
        pytest.param(None, "HOB", id="undated"),
    ],
)
def test_dated_codes(actor_file, date, code):
    names = {n.phrase: n for n in read_actor_dictionary(actor_file)}
    assert code_on(names["SAM GAMGEE"].entry.codes, date) == code


def test_agent_dictionary(tmp_path):
    path = tmp_path / "test.agents.txt"
    path.write_text(
        "!MINST! = MINISTER, MINISTRY\nFOREIGN_!MINST! [~GOVFRM]\nPOLICE {} [~COP]\nBAD_LINE_WITHOUT_CODE\n", encoding="utf-8"
    )
    words = {(w.phrase, w.plural): w.sector for w in read_agent_dictionary(path)}
    assert words[("foreign minister", False)] == "GOVFRM"
    assert words[("foreign ministry", False)] == "GOVFRM"
    assert words[("police", False)] == "COP" and ("polices", True) not in words


def test_missing_dictionary_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        ActorRegistry(dictionaries=[tmp_path / "nope.actors.txt"])


@pytest.fixture(scope="module")
def validate_registry():
    d = shared_path("eval-dev", "petrarch", "dictionaries")
    return ActorRegistry(dictionaries=[d / "PETR.Validate.actors.txt", d / "PETR.Validate.agents.txt"])


@pytest.mark.parametrize(
    ("text", "date", "phrase", "code"),
    [
        pytest.param("Arnor restored ties with Gondor.", dt.date(1995, 1, 1), "Arnor", "ARN", id="fictional-state"),
        pytest.param("Gondor's Prime Minister Falastur spoke.", dt.date(1995, 1, 1), "Falastur", "GONGOV", id="agent-role"),
        pytest.param("An Eriadorian was shot.", dt.date(1995, 1, 1), "Eriadorian", "ERI", id="synonym"),
        pytest.param("Sam Gamgee spoke.", dt.date(2013, 1, 1), "Sam Gamgee", "HOBGOV", id="dated-code"),
        pytest.param("Sam Gamgee spoke.", dt.date(2007, 1, 1), "Sam Gamgee", "HOBCIV", id="dated-code-earlier"),
        pytest.param("Egypt protested.", dt.date(1995, 1, 1), "Egypt", "UAR", id="dictionary-overrides-gazetteer"),
    ],
)
def test_coding_with_validate_dictionaries(nlp, validate_registry, text, date, phrase, code):
    doc = nlp(text)
    res = resolve_actors(doc, Document("t", text, date=date), validate_registry)
    start = text.index(phrase)
    actor = res.actor_of(doc.char_span(start, start + len(phrase), alignment_mode="expand"))
    assert actor is not None and actor.code == code


@pytest.mark.slow  # reads the whole Phoenix countries dictionary (1.5 MB; seconds)
def test_phoenix_countries_dictionary(nlp):
    path = shared_path("reference", "petrarch2", "dictionaries", "Phoenix.Countries.actors.txt")
    registry = ActorRegistry(dictionaries=[path])
    text = "Ayatollah Khamenei rejected talks with Washington."
    doc = nlp(text)
    res = resolve_actors(doc, Document("t", text, date=dt.date(2019, 9, 18)), registry)
    assert res.actor_of(doc[1:2]).code == "IRNGOV"
    assert res.actor_of(doc[5:6]).code == "USA"  # the dictionary codes Washington as the state
