"""CAMEO actor codes from PETRARCH-style dictionaries: agents composed with countries, whole codes, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.actors import ActorRegistry, resolve_actors
from kg.actors.dictionaries import compose_code, read_agent_dictionary
from kg.types import Actor, ActorType, Document

from conftest import shared_path

#: Our own fictional actors, in the Phoenix format.
ACTORS = """\
VALORIA_ [VAL]
+VALORIAN
BRANMOOR_ [BRM]
NORTHWATCH_COUNCIL_ [VALGOVLEG]  # a complete code: nothing is appended to it
THE_LANTERN_ [BRMGOVMED]
HARBOUR_LEAGUE_ [IGOHBL]
ORIN_VALE_
\t[VAL <20100101]
\t[VALGOV 20100101-20151231]
\t[VALREB >20160101]
"""

#: Our own agents: ``~`` marks where the actor's code goes.
AGENTS = """\
MINISTER [~GOV]
FOREIGN_MINISTER [~GOVFRM]
SOLDIER [~MIL]
BORDER_POLICE {} [~COP]
KESTREL {} [NGO~]
ISLAMIST [~MUS]
MEDIA {} [~MED]
GOVERNMENT_NEWSPAPER [~GOVMED]
CLERIC [~REL]
"""


@pytest.fixture(scope="module")
def registry_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    actors = folder / "test.actors.txt"
    agents = folder / "test.agents.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    agents.write_text(AGENTS, encoding="utf-8")
    return actors, agents


def code_of(nlp, registry: ActorRegistry, text: str, phrase: str, date: dt.date | None = None) -> str:
    """The code of what `phrase` (a substring of `text`) denotes; "-" when nothing."""
    doc = nlp(text)
    res = resolve_actors(doc, Document("t", text, date=date), registry)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    actor = res.actor_of(span)
    return actor.code if actor is not None else "-"


@pytest.mark.parametrize(
    ("code", "agents", "expected"),
    [
        pytest.param("VAL", ["~MIL"], "VALMIL", id="suffix"),
        pytest.param("VAL", ["NGO~"], "NGOVAL", id="prefix"),
        pytest.param("VAL", ["NGO~", "~GOV"], "NGOVALGOV", id="prefix-and-suffix"),
        pytest.param("DNK", ["~MUS", "~MED"], "DNKMUSMED", id="two-suffixes-in-order"),
        pytest.param("USAGOV", ["~GOV"], "USAGOV", id="already-there"),
        pytest.param("BRMGOVMED", ["~GOVMED"], "BRMGOVMED", id="already-there-two-blocks"),
        pytest.param("GOVX", ["~OVX"], "GOVXOVX", id="only-whole-blocks-count"),
        pytest.param(None, ["~REL"], "REL", id="no-country-agent-alone"),
        pytest.param("", ["NGO~"], "NGO", id="no-country-prefix-agent-alone"),
        pytest.param("VAL", [], "VAL", id="no-agent"),
        pytest.param("val", [" ~ mil "], "VALMIL", id="case-and-spaces"),
    ],
)
def test_compose_code(code, agents, expected):
    assert compose_code(code, agents) == expected


def test_agent_reader_keeps_the_tilde(tmp_path):
    path = tmp_path / "x.agents.txt"
    path.write_text("HUMAN_RIGHTS_BODY [NGO~]\nPOLICE {} [ ~COP]\nDOCTOR [~HLH]\n", encoding="utf-8")
    words = {(w.phrase, w.code) for w in read_agent_dictionary(path)}
    assert ("human rights body", "NGO~") in words
    assert ("police", "~COP") in words
    assert ("doctors", "~HLH") in words


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        pytest.param("Valoria's soldiers crossed the river.", "Valoria's soldiers", "VALMIL", id="possessor"),
        pytest.param("The soldiers of Valoria crossed the river.", "The soldiers of Valoria", "VALMIL", id="of-phrase"),
        pytest.param("Soldiers from Valoria crossed the river.", "Soldiers from Valoria", "VALMIL", id="from-phrase"),
        pytest.param("Valoria border police arrested two men.", "Valoria border police", "VALCOP", id="compound"),
        pytest.param("Valorian soldiers crossed the river.", "Valorian soldiers", "VALMIL", id="adjective"),
        pytest.param(
            "Branmoor's foreign minister met reporters.", "Branmoor's foreign minister", "BRMGOVFRM", id="qualified-agent"
        ),
        pytest.param("Branmoor's minister met reporters.", "Branmoor's minister", "BRMGOV", id="government-agent"),
        pytest.param("Kestrel Valoria opened a clinic.", "Kestrel Valoria", "NGOVAL", id="prefix-agent"),
        pytest.param(
            "Valorian Islamist media criticised Branmoor.", "Valorian Islamist media", "VALMUSMED", id="two-agents"
        ),
        pytest.param(
            "The Lantern government newspaper criticised Valoria.",
            "The Lantern government newspaper",
            "BRMGOVMED",
            id="agent-already-in-code",
        ),
        pytest.param("Clerics criticised Branmoor.", "Clerics", "REL", id="agent-without-country"),
        pytest.param(
            "The Northwatch Council's mayor criticised Branmoor.",
            "The Northwatch Council's mayor",
            "VALGOVLEG",
            id="complete-code-no-builtin-sector",
        ),
        pytest.param(
            "Harbour League officials criticised Branmoor.", "Harbour League officials", "IGOHBL", id="igo-complete-code"
        ),
        pytest.param("Valoria's militia crossed the river.", "Valoria's militia", "VAL", id="owner-of-unknown-body"),
        pytest.param(
            "Valoria's border polices crossed the river.", "Valoria's border polices", "VAL", id="no-regular-plural"
        ),
        pytest.param(
            "The Harbour League (HL) criticised Branmoor.", "HL", "IGOHBL", id="parenthesised-acronym"
        ),
    ],
)
def test_codes_with_our_dictionaries(nlp, registry_files, text, phrase, expected):
    registry = ActorRegistry(dictionaries=registry_files)
    assert code_of(nlp, registry, text, phrase) == expected


def test_prefix_code_is_kept_on_the_actor(nlp, registry_files):
    registry = ActorRegistry(dictionaries=registry_files)
    text = "Kestrel Valoria opened a clinic."
    doc = nlp(text)
    actor = resolve_actors(doc, Document("t", text), registry).actor_of(doc[0:2])
    assert (actor.code, actor.country, actor.cameo) == ("NGOVAL", "VAL", "NGOVAL")
    assert registry.get(actor.id).code == "NGOVAL"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        pytest.param(dt.date(2009, 6, 1), "VAL", id="before"),
        pytest.param(dt.date(2010, 1, 1), "VALGOV", id="range-first-day"),
        pytest.param(dt.date(2015, 12, 30), "VALGOV", id="range-day-before-end"),
        pytest.param(dt.date(2016, 1, 1), "VALREB", id="from-first-day"),
        pytest.param(dt.date(2017, 3, 1), "VALREB", id="after"),
    ],
)
def test_dated_codes_follow_the_document_date(nlp, registry_files, date, expected):
    registry = ActorRegistry(dictionaries=registry_files)
    assert code_of(nlp, registry, "Orin Vale criticised Branmoor.", "Orin Vale", date) == expected


def test_registry_takes_the_newest_dated_code_whole(nlp, registry_files):
    """A code without a sector after one with a sector: the old sector does not linger."""
    registry = ActorRegistry(dictionaries=registry_files)
    text = "Orin Vale criticised Branmoor."
    code_of(nlp, registry, text, "Orin Vale", dt.date(2012, 1, 1))
    assert code_of(nlp, registry, text, "Orin Vale", dt.date(2009, 1, 1)) == "VAL"
    (vale,) = [a for a in registry.actors() if a.label == "Orin Vale"]
    assert vale.code == "VAL"


def test_builtin_roles_still_compose_without_dictionaries(nlp):
    """Without an agents file the built-in role words give the sector as before."""
    assert code_of(nlp, ActorRegistry(), "Iran's president met reporters.", "Iran's president") == "IRNGOV"
    assert code_of(nlp, ActorRegistry(), "Iranian soldiers crossed the river.", "Iranian soldiers") == "IRNMIL"


def test_actor_cameo_overrides_code():
    plain = Actor("org/x", "X", ActorType.ORGANIZATION, "VAL", "MIL")
    assert plain.code == "VALMIL"
    assert Actor("org/y", "Y", ActorType.ORGANIZATION, "VAL", None, cameo="NGOVAL").code == "NGOVAL"


# ------------------------------------------------------------------ the real dictionaries, by path


@pytest.fixture(scope="module")
def validate_registry():
    folder = shared_path("eval-dev", "petrarch", "dictionaries")
    return ActorRegistry(dictionaries=[folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"])


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        pytest.param("Gondor's soldiers crossed the river.", "Gondor's soldiers", "GONMIL", id="possessor"),
        pytest.param("The troops of Gondor crossed the river.", "The troops of Gondor", "GONMIL", id="of-phrase"),
        pytest.param("Arnor border police arrested two men.", "Arnor border police", "ARNCOP", id="compound"),
        pytest.param("Arnor's foreign minister met reporters.", "Arnor's foreign minister", "ARNGOVFRM", id="qualified"),
        pytest.param("MSF Arnor opened a clinic.", "MSF Arnor", "NGOARN", id="prefix-agent"),
        pytest.param("The Quibbler government newspaper criticised Arnor.", "The Quibbler government newspaper",
                     "HGWGOVMED", id="agent-already-in-code"),
        pytest.param("Elrond's new mayor criticised Arnor.", "Elrond's new mayor", "ELF", id="no-agent-no-sector"),
    ],
)
def test_codes_with_the_petrarch_validation_dictionaries(nlp, validate_registry, text, phrase, expected):
    assert code_of(nlp, validate_registry, text, phrase, dt.date(2013, 6, 1)) == expected


@pytest.mark.slow  # reads the full Phoenix dictionaries
def test_phoenix_agents_file_composes(nlp):
    folder = shared_path("reference", "petrarch2", "dictionaries")
    words = read_agent_dictionary(folder / "Phoenix.agents.txt")
    assert {w.code for w in words if w.phrase == "police"} == {"~COP"}
    assert any(w.code.endswith("~") for w in words), "the Phoenix file has prefix agents"
    registry = ActorRegistry(dictionaries=[folder / "Phoenix.Countries.actors.txt", folder / "Phoenix.agents.txt"])
    assert code_of(nlp, registry, "French police arrested two men.", "French police") == "FRACOP"
