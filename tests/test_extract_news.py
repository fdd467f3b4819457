"""Wire-copy constructions: participles around a report, asides, directives, headlines, names.

Each case gives the whole set of extractions of a sentence or a short article, as
(subject, relation, object, arguments, attributed to, modality), so a claim gained or lost
anywhere fails the case.
"""

from __future__ import annotations

import pytest


def _claims(nlp, text: str) -> set[tuple]:
    return {
        (t.subject.text, t.relation, t.object_text, tuple(a.text for a in t.arguments), t.attribution_text, t.modality)
        for t in nlp(text)._.triples if t.kind not in ("role", "apposition")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Erdogan said that Turkey would not halt the offensive, saying the operation would continue.",
            {
                ("Erdogan", "say", "that Turkey would not halt the offensive", (), None, None),
                ("Turkey", "halt", "the offensive", (), "Erdogan", "would"),
                ("Erdogan", "say", "the operation would continue", (), None, None),
                ("the operation", "continue", "", (), "Erdogan", "would"),
            },
            id="speech-participle-is-the-reporters",
        ),
        pytest.param(
            "Qureshi said India had committed an act of aggression, warning that Pakistan had the right to respond.",
            {
                ("Qureshi", "say", "India had committed an act of aggression", (), None, None),
                ("India", "commit", "an act of aggression", (), "Qureshi", None),
                ("Qureshi", "warn", "that Pakistan had the right to respond", (), None, None),
                ("Pakistan", "have", "the right to respond", (), "Qureshi", None),
            },
            id="warning-participle-is-the-reporters",
        ),
        pytest.param(
            "North Korea fired a missile over Japan on Friday, the military said, defying fresh sanctions.",
            {
                ("North Korea", "fire", "a missile over Japan", ("on Friday",), "the military", None),
                ("the military", "say", "", (), None, None),
                ("North Korea", "defy", "fresh sanctions", (), None, None),
            },
            id="participle-after-a-postposed-report-is-the-reported-clauses",
        ),
        pytest.param(
            "Israeli aircraft struck Hamas targets overnight, the military said, responding to rockets.",
            {
                ("Israeli aircraft", "strike", "Hamas targets", ("overnight",), "the military", None),
                ("the military", "say", "Israeli aircraft struck Hamas targets overnight", (), None, None),
                ("Israeli aircraft", "respond to", "rockets", (), None, None),
            },
            id="responding-to-is-no-report",
        ),
        pytest.param(
            "North Korea fired a missile on Friday, officials said, citing intelligence reports.",
            {
                ("North Korea", "fire", "a missile", ("on Friday",), "officials", None),
                ("officials", "say", "North Korea fired a missile on Friday", (), None, None),
                ("officials", "cite", "intelligence reports", (), None, None),
            },
            id="citing-stays-with-the-reporter",
        ),
        pytest.param(
            "The Guards seized a tanker on Friday, accusing it of breaking maritime rules.",
            {
                ("The Guards", "seize", "a tanker", ("on Friday",), None, None),
                ("The Guards", "accuse", "it", ("of breaking maritime rules",), None, None),
                ("it", "break", "maritime rules", (), "The Guards", "accuse"),
            },
            id="accusing-participle-attributed-to-the-accusers",
        ),
        pytest.param(
            "Abiy, visiting Asmara for the first time, promised that Ethiopia would return the town.",
            {
                ("Abiy", "visit", "Asmara", ("for the first time",), None, None),
                ("Abiy", "promise", "that Ethiopia would return the town", (), None, None),
                ("Ethiopia", "return", "the town", (), "Abiy", "would"),
            },
            id="aside-participle-is-a-claim-and-no-part-of-the-subject",
        ),
        pytest.param(
            "Odinga, who boycotted the vote, accused the government of using force.",
            {
                ("Odinga", "boycott", "the vote", (), None, None),
                ("Odinga", "accuse", "the government", ("of using force",), None, None),
                ("the government", "use", "force", (), "Odinga", "accuse"),
            },
            id="accuser-without-relative-clause",
        ),
        pytest.param(
            "The United States and China urged both countries to show restraint.",
            {
                ("The United States", "urge", "both countries", (), None, None),
                ("China", "urge", "both countries", (), None, None),
                ("both countries", "show", "restraint", (), None, "want"),
            },
            id="directive-object-is-the-subject-of-the-wanted-act",
        ),
        pytest.param(
            "Macron called on European governments to share the burden.",
            {
                ("Macron", "call on", "European governments", (), None, None),
                ("European governments", "share", "the burden", (), None, "want"),
            },
            id="call-on-directive",
        ),
        pytest.param(
            "An aide to Prime Minister Narendra Modi told reporters where to find the new visa rules.",
            {("An aide to Prime Minister Narendra Modi", "tell", "reporters", (), None, None)},
            id="question-infinitive-is-no-directive",
        ),
        pytest.param(
            "Iran was asked to leave.",
            {("Iran", "be asked to leave", "", (), None, None)},
            id="directive-without-object-stays-one-chain",
        ),
        pytest.param(
            "Juan Guaido rejected the accusation and said years of corruption had ruined the grid. Guaido, whom more "
            "than 50 countries recognise as interim president, called for fresh protests on Saturday.",
            {
                ("Juan Guaido", "reject", "the accusation", (), None, None),
                ("Juan Guaido", "say", "years of corruption had ruined the grid", (), None, None),
                ("years of corruption", "ruin", "the grid", (), "Juan Guaido", None),
                ("more than 50 countries", "recognise", "Guaido", ("as interim president",), None, None),
                ("Guaido", "call for", "fresh protests", ("on Saturday",), None, None),
            },
            id="verb-hung-on-the-subject-after-an-aside",
        ),
        pytest.param(
            "Prime Minister Theresa May blamed Moscow for the attack.",
            {("Prime Minister Theresa May", "blame", "Moscow", ("for the attack",), None, None)},
            id="name-taken-for-a-modal",
        ),
        pytest.param(
            "Russia said it may retaliate.",
            {("Russia", "say", "it may retaliate", (), None, None), ("it", "retaliate", "", (), "Russia", "may")},
            id="modal-may-stays-a-modal",
        ),
        pytest.param(
            "Indian warplanes struck what New Delhi called a militant camp.",
            {("Indian warplanes", "strike", "what New Delhi called a militant camp", (), None, None)},
            id="no-claim-of-a-free-relative-what",
        ),
        pytest.param(
            "Russia sent troops to Syria.",
            {("Russia", "send", "troops", ("to Syria",), None, None)},
            id="dative-to-is-an-argument",
        ),
        pytest.param(
            "Merkel, Putin discuss Ukraine gas transit\n\nThe leaders spoke.",
            {
                ("Merkel", "discuss", "Ukraine gas transit", (), None, None),
                ("Putin", "discuss", "Ukraine gas transit", (), None, None),
                ("The leaders", "speak", "", (), None, None),
            },
            id="headline-comma-joins-subjects",
        ),
        pytest.param(
            "Russia expels British diplomats in spy row\n\nThe ministry spoke.",
            {
                ("Russia", "expel", "British diplomats", ("in spy row",), None, None),
                ("The ministry", "speak", "", (), None, None),
            },
            id="headline-circumstance-is-an-argument",
        ),
        pytest.param(
            "Khamenei rejects calls for talks with U.S.\n\nThe aide spoke.",
            {
                ("Khamenei", "reject", "calls for talks with U.S.", (), None, None),
                ("The aide", "speak", "", (), None, None),
            },
            id="headline-keeps-other-prepositions-in-the-object",
        ),
    ],
)
def test_news_constructions(nlp, text, expected):
    assert _claims(nlp, text) == expected
