"""Triple → the phrases that may name an event's counterpart, beyond the object's own.

The coder (`kg.events.coder`) looks for the target in the object phrase (its own
complements, "talks with X", "sanctions on X", are inside it) and in the relation's further
arguments. Three more places name it, or rule one out:

- a complement that the parse hangs on a concessive aside between the object and itself:
  "would not take part in talks, be it bilateral or multilateral, with the United States",
  "will not resume talks, whether direct or indirect, with Pakistan";
- where the object names none, a threat's condition names whom it is made to ("threatened
  to strike unless Israel rescinded the annexation"), and an act's purpose whom it is
  against ("marched to protest President Assad's failure", "blocked roads to press their
  demands on President Bouteflika's government");
- the source's own means ("offered its troops to Lebanon", "strengthened its forces in
  Lebanon") are no target: the actor the object is about is another; nor is a state's or
  government's own polity ("threatened to suspend visas in New Delhi", said of India).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.types import Actor, ActorType, Triple

__all__ = [
    "COUNTERPART_PREPS", "adjunct_counterparts", "adjunct_targets", "aside_complements", "own_means", "same_polity",
]

#: Prepositions whose object is the other party of a meeting, a deal, a measure or an attack.
COUNTERPART_PREPS = frozenset({"with", "between", "on", "against", "toward", "towards", "to"})
#: Parts of speech an aside of alternatives is made of: "be it bilateral or multilateral",
#: "whether direct or indirect", "formal or informal".
_ASIDE_POS = frozenset({"ADJ", "ADV", "CCONJ", "SCONJ", "AUX", "PRON", "PUNCT", "PART"})


def _aside_end(doc, start: int, limit: int) -> int | None:
    """The index of the comma that closes an aside opening at `start`, or None."""
    for i in range(start, limit):
        token = doc[i]
        if token.text == ",":
            return i if i > start else None
        if token.pos_ not in _ASIDE_POS:
            return None
    return None


def aside_complements(obj: Span | None) -> list[Span]:
    """Phrases of the object's complement that the parse hung on an aside after it.

    "talks, be it bilateral or multilateral, with the United States" → ["the United
    States"]: where a comma follows the object, the words up to the next comma are only
    adjectives, conjunctions and a copula (an aside of alternatives), and the aside is
    followed by a counterpart preposition, that preposition's object continues the object.

    Args:
        obj: The object phrase of a triple (or None).

    Returns:
        The noun phrases, in sentence order; empty where there is no such aside.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("We will not resume talks, whether direct or indirect, with Pakistan.")
        >>> [s.text for s in aside_complements(doc[4:5])]
        ['Pakistan']
    """
    if obj is None or len(obj) == 0:
        return []
    doc = obj.doc
    limit = obj.sent.end
    if obj.end >= limit or doc[obj.end].text != ",":
        return []
    close = _aside_end(doc, obj.end + 1, limit)
    if close is None or close + 1 >= limit:
        return []
    prep: Token = doc[close + 1]
    if prep.dep_ != "prep" or prep.lower_ not in COUNTERPART_PREPS or not obj.end < prep.head.i < close:
        return []
    return [doc[c.left_edge.i : c.right_edge.i + 1] for c in prep.children if c.dep_ == "pobj"]


#: Possessive pronouns that make an object the source's own ("its troops", "their forces").
_OWN = frozenset({"its", "their", "our", "his", "her"})
#: Marks of a condition clause.
_CONDITIONS = frozenset({"if", "unless"})
#: Nouns and prepositions of a purpose phrase: "in protest at X", "in protest of X".
_PURPOSE_NOUNS = frozenset({"protest", "response", "retaliation", "solidarity"})


def own_means(obj: Span) -> bool:
    """Whether the object is the source's own: its head has a possessive pronoun ("its troops")."""
    return any(c.dep_ == "poss" and c.lower_ in _OWN for c in obj.root.children)


def _phrase(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def adjunct_counterparts(predicate: Token, *, threat: bool = False) -> list[Span]:
    """Phrases that name whom an act without a target is made to or against.

    For a threat, the subject of its condition ("unless Israel rescinded ...", "if the
    United States goes ahead ..."); then the act's purpose: an infinitive or participle
    clause of purpose ("to protest X", "to demand reforms by X", "calling for independence
    from X") or "in protest at/of/against X". The clause is searched from the predicate
    up its verb chain ("threatened to hold a strike unless ...").

    Args:
        predicate: The triple's predicate token.
        threat: Whether the act is a threat (CAMEO 13), whose condition names its target.

    Returns:
        The phrases, nearest first.

    Notes:
        CAMEO 13 "Threaten": the target is the one the threat is to move; a protest's
        target is what it is against (CAMEO 14; PLOVER PROTEST "target").
    """
    verbs = [predicate]
    while verbs[-1].dep_ in ("xcomp", "conj") and verbs[-1].head.i != verbs[-1].i and len(verbs) < 6:
        verbs.append(verbs[-1].head)
    phrases: list[Span] = []
    for verb in verbs:
        for child in verb.children:
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if threat and child.dep_ == "advcl" and marks & _CONDITIONS:
                phrases.extend(_phrase(c) for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp") and child.i > verb.i and child.pos_ == "VERB" and (
                child.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            ) and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in child.children):  # its own subject: no purpose
                phrases.append(_phrase(child)[1:] if child.tag_ != "VBG" else _phrase(child))
            elif child.dep_ == "prep" and child.lower_ == "in":
                noun = next((c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in _PURPOSE_NOUNS), None)
                if noun is not None:
                    phrases.extend(_phrase(p) for p in noun.children if p.dep_ == "prep")
    return phrases


def adjunct_targets(triple: Triple, code: str, resolution, source: Actor) -> list[Actor]:  # noqa: ANN001
    """The first actor of the clause's condition (for a threat) or purpose, not the source
    (`adjunct_counterparts`); `resolution` is the document's `kg.actors.Resolution`."""
    doc = triple.sentence.doc
    if not 0 <= triple.predicate < len(doc):
        return []
    for span in adjunct_counterparts(doc[triple.predicate], threat=code[:2] == "13"):
        whole = resolution.actor_of(span)
        for actor in ([whole] if whole is not None else []) + resolution.actors_in(span):
            if actor.id != source.id:
                return [actor]
    return []


_POLITIES = (ActorType.STATE, ActorType.GOVERNMENT)


def same_polity(source: Actor, resolution, span: Span | None) -> set[str]:  # noqa: ANN001
    """The ids in a phrase of the source's own state or government ("Israel threatened to
    ban voting in East Jerusalem": Jerusalem's government is no target of Israel's)."""
    if source.type not in _POLITIES or not source.country or span is None:
        return set()
    whole = resolution.actor_of(span)
    return {a.id for a in ([whole] if whole else []) + resolution.actors_in(span) if a.type in _POLITIES and a.country == source.country}
