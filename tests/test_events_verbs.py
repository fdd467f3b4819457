"""PETRARCH verb dictionaries a user supplies: reading, matching, and coding with them."""

from __future__ import annotations

import logging
import time

import pytest

from kg.actors import ActorRegistry, resolve_actors
from kg.errors import InputError
from kg.events import code_events, intensity_of
from kg.events.petrarch import VerbDictionary, load_verbs, read_verb_dictionary
from kg.types import Document, QuadClass

from tests.conftest import shared_path

#: Our own small dictionary in the PETRARCH-2 format (codes are CAMEO codes).
DICTIONARY = """\
# a comment line
<!-- an XML comment -->
&PROPOSAL
+PROPOSAL
+PEACE_PLAN
# a comment inside a synset does not end it
+OFFER

&AID_
+AID
+&MONEY

&MONEY
+CASH
+SWISS FRANC

--- REJECT [120] ---
REJECT
SPURN {SPURNED SPURNS} [121]
- * &PROPOSAL [125]
- NOT * [030]                # a pattern before the verb
- * TALKS WITH [1246]

--- ASK [---] ---
+ASK_FOR [020]
- * &AID [023]

--- MEET [040:040] ---
MEET {MET}
- % * [043:043]
- * (IN SECRET) [---]

--- RECEIVE [---] ---
RECEIVE
- + * &AID $ [070]

--- SEND [---] ---
SEND
- * TROOPS_TO [1521]
- * TROOPS [152]
- * ENVOY [0431]
"""


@pytest.fixture(scope="module")
def verbs() -> VerbDictionary:
    return VerbDictionary.from_text(DICTIONARY, name="ours.verbs.txt")


# ---------------------------------------------------------------- reading


def test_reads_blocks_verbs_patterns_and_synsets(verbs):
    assert len(verbs) == 9  # reject, spurn (+2 forms), ask, meet (+met), receive, send
    assert verbs.pattern_count() == 10
    (spurn,) = verbs.entries["spurn"]
    assert (spurn.code, spurn.where) == ("121", "ours.verbs.txt:19")
    assert {e.code for e in verbs.entries["spurned"]} == {"121"}
    (ask,) = verbs.entries["ask"]
    assert (ask.code, [e.phrases for e in ask.after]) == ("020", [(("for",),)])
    (meet,) = verbs.entries["meet"]
    assert (meet.code, meet.reverse) == ("040", "040")
    reject = verbs.patterns[verbs.entries["reject"][0].block]
    assert reject[0].after[0].phrases == (("proposal",), ("peace", "plan"), ("offer",))
    aid = verbs.patterns[ask.block][0].after[0]
    assert aid.phrases == (("aid",), ("cash",), ("swiss", "franc")), "synsets nest, and may be defined later"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param("- * TALKS", "has no [code]", id="no-code"),
        pytest.param("- TALKS [040]", "exactly one '*'", id="no-verb"),
        pytest.param("- * &NOWHERE [040]", "unknown synset &NOWHERE", id="unknown-synset"),
        pytest.param("~ a (a b ATTACK) SAY = a b 015", "transformations", id="transformation"),
        pytest.param("--- BROKEN ---", "unreadable verb block header", id="header"),
    ],
)
def test_bad_line_warns_with_file_and_line_and_the_rest_loads(caplog, line, message):
    text = f"--- MEET [040] ---\nMEET\n{line}\n- * ENVOY [0431]\n"
    with caplog.at_level(logging.WARNING, logger="kg.events.petrarch"):
        verbs = VerbDictionary.from_text(text, name="bad.txt")
    assert any(r.getMessage().startswith("bad.txt:3: ") and message in r.getMessage() for r in caplog.records)
    assert len(verbs.entries["meet"]) == 1
    assert any(p.code == "0431" for ps in verbs.patterns.values() for p in ps)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read verb dictionary"):
        read_verb_dictionary(tmp_path / "absent.txt")


def test_load_verbs_reads_once_per_tuple_of_paths(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    assert load_verbs([]) is None
    assert load_verbs([path]) is load_verbs([str(path)])
    assert len(load_verbs([path, path]).entries["meet"]) == 2


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("sentence", "verb", "code", "reverse"),
    [
        pytest.param("Iran rejected the idea.", "rejected", "120", None, id="default"),
        pytest.param("Iran rejected the peace plan.", "rejected", "125", None, id="synset-phrase"),
        pytest.param("Iran rejected the generous offers.", "rejected", "125", None, id="synset-plural-gap"),
        pytest.param("Iran did not reject the idea.", "reject", "030", None, id="word-before"),
        pytest.param("Iran rejected talks with Israel.", "rejected", "1246", None, id="longest-wins"),
        pytest.param("Iran spurned the idea.", "spurned", "121", None, id="irregular-form-own-code"),
        pytest.param("Iran asked for cash.", "asked", "023", None, id="multiword-verb-and-nested-synset"),
        pytest.param("Iran asked for help.", "asked", "020", None, id="multiword-verb-default"),
        pytest.param("Iran met Israel.", "met", "040", "040", id="reply-code"),
        pytest.param("Iran and Israel met.", "met", "043", "043", id="compound-actor"),
        pytest.param("Iran met Israel in secret.", "met", None, None, id="null-pattern"),
        pytest.param("Iran sent troops to Syria.", "sent", "1521", None, id="adjacent-words"),
        pytest.param("Iran sent troops quickly to Syria.", "sent", "152", None, id="adjacent-needed"),
    ],
)
def test_match(nlp, verbs, sentence, verb, code, reverse):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == verb)
    found = verbs.match(token)
    assert found is not None
    assert (found.code, found.reverse) == (code, reverse), found.where


def test_no_entry_is_none(nlp, verbs):
    doc = nlp("Iran condemned Israel.")
    assert verbs.match(doc[1]) is None


def test_words_of_a_reported_clause_are_not_the_verbs(nlp, verbs):
    doc = nlp("Iran rejected claims that Israel made a peace plan.")
    assert verbs.match(doc[1]).code == "125", "a noun's complement clause is the object's"
    doc = nlp("Iran rejected it, and Israel made a peace plan.")
    assert verbs.match(doc[1]).code == "120", "a coordinated clause has its own verb"


# ---------------------------------------------------------------- coding with a dictionary


def _events(nlp, text, verbs):
    doc = nlp(text)
    registry = ActorRegistry()
    res = resolve_actors(doc, Document(id="t", text=text), registry)
    return {
        (registry.get(e.source).code, e.cameo, registry.get(e.target).code)
        for t in doc._.triples
        for e in code_events(t, res, verbs=verbs)
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("Iran rejected the peace plan of Israel.", {("IRN", "125", "ISR")}, id="dictionary-wins"),
        pytest.param("Iran condemned Israel.", {("IRN", "111", "ISR")}, id="lexicon-fallback"),
        pytest.param("Iran met Israel.", {("IRN", "040", "ISR"), ("ISR", "040", "IRN")}, id="reply"),
        pytest.param("Iran and Israel met.", {("IRN", "043", "ISR"), ("ISR", "043", "IRN")}, id="compound-each-other"),
        pytest.param("Iran met Israel in secret.", set(), id="null-code-no-fallback"),
        pytest.param("Iran received aid from Syria.", {("SYR", "070", "IRN")}, id="target-before-verb"),
        pytest.param("Iran did not spurn Israel.", {("IRN", "030", "ISR")}, id="negated-pattern"),
        pytest.param("Iran did not meet Israel.", set(), id="negated-without-pattern"),
    ],
)
def test_code_events_with_verbs(nlp, verbs, sentence, expected):
    assert _events(nlp, sentence, verbs) == expected


def test_codes_outside_cameo(nlp):
    verbs = VerbDictionary.from_text("--- HAIL [0415] ---\nHAIL\n- * PEACE_PLAN [903]\n")
    doc = nlp("Iran hailed Israel.")
    registry = ActorRegistry()
    res = resolve_actors(doc, Document(id="t", text=doc.text), registry)
    (event,) = code_events(doc._.triples[0], res, verbs=verbs)
    assert (event.cameo, event.plover, event.quad, event.intensity) == ("0415", None, QuadClass.VERBAL_COOPERATION, intensity_of("04"))
    assert _events(nlp, "Iran hailed the peace plan of Israel.", verbs) == set(), "no CAMEO root: no event"


def test_reported_speech_source_is_the_speaker(nlp, verbs):
    assert ("IRN", "125", "ISR") in _events(nlp, "Iran said it rejected the peace plan of Israel.", verbs)


def test_analyse_loads_verbs_by_path(tmp_path):
    from kg.pipeline import analyse

    path = tmp_path / "ours.verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    documents = [Document("d", "Iran rejected the peace plan of Israel.")]
    (_, _, claims), = analyse(documents, verb_files=[path])
    assert [e.cameo for c in claims for e in c.events] == ["125"]
    (_, _, claims), = analyse(documents)
    assert [e.cameo for c in claims for e in c.events] != ["125"]


# ---------------------------------------------------------------- the published dictionaries (by path)


def test_validation_verbs_parse():
    verbs = read_verb_dictionary(shared_path("eval-dev", "petrarch", "dictionaries", "PETR.Validate.verbs.txt"))
    (meet,) = verbs.entries["meet"]
    assert (meet.code, meet.reverse) == ("031", "031")
    (tap,) = verbs.entries["tap"]
    assert [e.phrases for e in tap.before] == [(("wire",),)]
    (abandon,) = [e for e in verbs.entries["abandon"] if not e.before and not e.after]
    codes = {p.code for p in verbs.patterns[abandon.block]}
    assert {"901", "902", "903", "904", "987"} <= codes
    accord = verbs.patterns[verbs.entries["accord"][0].block]
    nested = next(p for p in accord if p.code == "083").before[0]
    assert ("military",) in nested.phrases and ("dollars",) in nested.phrases, "synsets inside synsets"


def test_cameo_dictionary_loads(caplog):
    path = shared_path("reference", "petrarch2", "dictionaries", "CAMEO.2.0.txt")
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="kg.events.petrarch"):
        verbs = read_verb_dictionary(path)
    seconds = time.perf_counter() - started
    print(f"CAMEO.2.0.txt: {len(verbs)} verbs, {verbs.pattern_count()} patterns, {len(caplog.records)} warnings, {seconds:.2f} s")
    assert len(verbs) > 2000 and verbs.pattern_count() > 4000
    assert all(r.getMessage().startswith(f"{path}:") for r in caplog.records)
    assert "020" in [e.code for e in verbs.entries["ask"]]
    assert verbs.entries["reject"][0].code is None, "REJECT sits in the REFUSE block, whose code is ---"
