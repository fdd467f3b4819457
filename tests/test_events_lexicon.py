"""The CAMEO lexicon: which codes it can produce, and how sense and context choose among them."""

from __future__ import annotations

import pytest

from kg.events import cameo_codes, load_lexicon, plover_of
from kg.events.codes import make_event
from kg.events.sense import code_relation
from kg.types import Actor, ActorType
from tests.conftest import ROOT

#: Every CAMEO code the shipped lexicon can produce (verbs, object cues, transforms, senses).
PRODUCIBLE = """
010 011 012 013 014 015 016 017 018 019 020 021 0211 0212 0213 0214 022 023 0231 0232 0233 0234 024
0241 0242 0243 0244 025 0251 0252 0253 0254 0255 0256 026 027 028 030 031 0311 0312 0313 0314 032
033 0331 0332 0333 0334 034 0341 035 0351 0352 0353 0354 0355 0356 036 037 038 039 040 041 042 043
044 045 046 050 051 052 053 054 055 056 057 060 061 062 063 064 070 071 072 073 074 075 080 081 0811
0812 0813 0814 082 083 0831 084 0841 0842 085 086 0861 0862 0863 087 0871 0872 0873 0874 090 091 092
093 094 100 101 1011 1012 1013 1014 102 103 1031 1032 1033 1034 104 1041 1042 1043 105 1051 1052
1053 1054 1055 1056 106 108 110 111 112 1121 1122 1123 1124 1125 113 114 115 116 120 121 1211 1212
1213 1214 122 1221 1222 1223 1224 123 1231 124 1241 1242 1243 1244 1245 1246 125 126 127 128 129 130
131 1311 1312 1313 132 1321 1322 1323 1324 133 134 135 136 137 138 1381 1382 1383 1384 1385 139 140
141 1411 1413 1414 142 143 144 145 150 152 153 154 160 161 162 1621 1622 1623 163 164 165 166 1661
1662 1663 170 171 1711 1712 172 1721 1722 1723 1724 173 174 175 181 182 1821 1822 1823 183 1831 1832
1833 184 185 186 190 191 192 193 194 195 1951 1952 196 201 202 203 204 2041 2042
""".split()

#: Every CAMEO code it cannot produce: the bare roots (an event is always coded to its
#: three-digit "not specified" code, 010 ... 200 exist for that), the daughters that name
#: the goal of a protest or of a demand ("demonstrate for rights" 1413 is produced where the
#: goal is a cue; the rest need the issue read out of a purpose clause), and the catch-alls
#: of unconventional violence, which no verb names.
NOT_PRODUCIBLE = """
01 02 03 0342 0343 0344 04 05 06 07 08 0832 0833 0834 09 10 1044 107 11 12 1232 1233 1234 13 14 1412
1421 1422 1423 1424 1431 1432 1433 1434 1441 1442 1443 1444 1451 1452 1453 1454 15 151 16 17 18 180
19 20 200
""".split()


def test_the_lexicon_produces_exactly_the_listed_codes():
    produced = load_lexicon().codes()
    assert sorted(produced) == sorted(PRODUCIBLE)
    assert set(PRODUCIBLE) | set(NOT_PRODUCIBLE) == set(cameo_codes())
    assert not set(PRODUCIBLE) & set(NOT_PRODUCIBLE)


def test_every_root_is_covered():
    roots = {code[:2] for code in PRODUCIBLE}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_every_plover_type_can_be_produced():
    types = {plover_of(code)[0] for code in PRODUCIBLE} - {None}
    assert len(types) == 16


def test_the_lexicon_file_spells_out_its_rules():
    header = (ROOT / "kg" / "data" / "events" / "lexicon.toml").read_text(encoding="utf-8").split("\n[nouns.")[0]
    assert "Rules for choosing among codes" in header
    for rule in ("most specific code", "complement decides", "object's kind", "Context", "codes nothing"):
        assert rule in header, rule


SENSES = [
    # the object's kind decides
    pytest.param("Straw attacked the government's asylum policy.", "111", id="attack-policy-verbal"),
    pytest.param("Howard launched an attack on the cost of the asylum system.", "111", id="attack-on-cost-verbal"),
    pytest.param("Rebels attacked the town of Goma.", "190", id="attack-town-assault"),
    pytest.param("The army launched an air strike on the village.", "195", id="air-strike"),
    pytest.param("Dockers went on strike over pay.", "143", id="labour-strike"),
    pytest.param("Israeli jets struck the port of Latakia.", "190", id="strike-a-place"),
    pytest.param("Troops fired on the crowd.", "190", id="fire-on"),
    pytest.param("The president fired the health minister.", None, id="fire-the-minister"),
    pytest.param("Russia supported the rebels with weapons.", "072", id="support-material"),
    pytest.param("France supported the peace plan.", "051", id="support-verbal"),
    pytest.param("Brazil is fighting corruption.", None, id="fight-corruption"),
    pytest.param("Protesters stormed the parliament.", "145", id="crowd-storms-riot"),
    pytest.param("Hackers attacked the ministry's computer network.", "170", id="cyber"),
    pytest.param("The rebels laid down their arms.", "0873", id="lay-down-arms"),
    pytest.param("The envoy backed off.", None, id="particle-keeps-its-verb"),
    # context: negation, modality, condition, questions, complements
    pytest.param("Israel did not attack Iran.", None, id="negated-attack"),
    pytest.param("Did Israel attack Iran?", None, id="question"),
    pytest.param("Iran refused to meet the envoy.", "125", id="refusal-to-meet"),
    pytest.param("Iran did not agree to the plan.", "120", id="negated-agree-reject"),
    pytest.param("The EU will impose sanctions on Iran unless it stops enrichment.", "1312", id="unless-threat"),
    pytest.param("Russia will attack Ukraine.", "1384", id="future-attack-threat"),
    pytest.param("Japan will send aid to Nepal.", "033", id="future-aid-promise"),
    pytest.param("If you want the pension, you must work until 67.", None, id="if-must"),
    pytest.param("Turkey could send troops to Libya.", None, id="could"),
    pytest.param("Hamas threatened to attack Israel.", "1384", id="threatened-to"),
    pytest.param("China vowed to retaliate.", "138", id="vowed-to"),
    pytest.param("Hamas agreed to hand over the hostages.", "0353", id="agreed-to-hand-over"),
    pytest.param("The union began collecting signatures against the law.", "140", id="gerund-complement"),
    pytest.param("Gambia's president will visit Senegal.", "036", id="future-visit-intent"),
    pytest.param("Tutu called for sanctions against Nigeria.", "111", id="call-for-sanctions-disapproval"),
]


@pytest.mark.parametrize(("sentence", "code"), SENSES)
def test_sense_and_context_choose_the_code(nlp, sentence, code):
    triples = nlp(sentence)._.triples
    assert triples, sentence
    assert code_relation(triples[0]) == code


def test_an_event_may_have_one_actor():
    rebels = Actor("group/rebels", "rebels", ActorType.GROUP, country="COD")
    event = make_event(rebels, None, "141", text="demonstrated")
    assert (event.target, event.plover, event.mode, event.source_country) == (None, "PROTEST", "demo", "COD")
    assert event.to_dict()["target"] is None and event.to_dict()["text"] == "demonstrated"


NOMINALS = [
    pytest.param("Palestinian riots against Israeli military policies continued.", ("PROTEST", "PSE", "ISR"), id="riots-against"),
    pytest.param("A ceasefire between Israel and Hamas took effect on Sunday.", ("RETREAT", "ISR", "PSE"), id="ceasefire-between"),
    pytest.param("Talks between Iran and the United States resumed in Vienna.", ("CONSULT", "IRN", "USA"), id="talks-between"),
    pytest.param("The riots continued.", None, id="no-agent-no-event"),
    pytest.param("Rebuked by Egypt, Israel is being drawn into the peace process.", ("ACCUSE", "EGY", "ISR"), id="fronted-participle"),
]


@pytest.mark.parametrize(("sentence", "expected"), NOMINALS)
def test_an_event_noun_under_an_occurrence_verb_is_the_event(sentence, expected):
    from kg.pipeline import analyse
    from kg.types import Document

    [(_, _, claims)] = list(analyse([Document("d", sentence)]))
    found = {(e.plover, e.source_country, e.target_country) for c in claims for e in c.events}
    assert found == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("Iran praised China and Russia for their stance.", [("IRN", "CHN"), ("IRN", "RUS")], id="split-object"),
        pytest.param("Iran cut ties with Britain, France and Germany.", [("IRN", "GBR"), ("IRN", "FRA"), ("IRN", "DEU")],
                     id="one-claim-many-targets"),
    ],
)
def test_each_target_of_a_coordination_is_coded_once(sentence, expected):
    """A coordinated object split into a claim per conjunct gives each claim its own target."""
    from kg.pipeline import analyse
    from kg.types import Document

    [(_, _, claims)] = list(analyse([Document("d", sentence)]))
    found = [(e.source_country, e.target_country) for c in claims for e in c.events]
    assert sorted(found) == sorted(expected)
