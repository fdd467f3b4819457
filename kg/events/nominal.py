"""Triple + actors → events named by a noun: "Palestinian riots against Israeli policies
continued", "a ceasefire between Israel and Hamas took effect", "Israel's bombing of Gaza".

Where the subject of an occurrence verb ("continue", "take effect", "erupt", "break out")
is an event noun of the lexicon's ``[nominals]``, the noun is the event: its source is its
agent (a possessive, a nationality adjective, a "by"-phrase), its target what the noun is
"against", "on" or "of"; a noun "between" two actors has the first as source and the second
as target. The verb itself codes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.events.lexicon import Lexicon
from kg.types import Actor, Triple

__all__ = ["nominal_parties"]

_TARGET_PREPS = frozenset({"against", "on", "of", "at", "upon", "with", "over"})


def _phrase(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _pobjs(head: Token, preps: frozenset[str]) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            yield from (c for c in child.children if c.dep_ == "pobj")


def nominal_parties(triple: Triple, lex: Lexicon, resolution) -> tuple[str, Actor, Actor | None, str] | None:
    """The code, source, target and noun of an event named by the subject of an occurrence verb.

    Args:
        triple: One extraction.
        lex: The lexicon (its ``[nominals]``: noun → code, and the occurrence verbs).
        resolution: The document's actor resolution.

    Returns:
        ``(code, source, target or None, noun)`` or None where the subject names no event
        with a known agent.
    """
    verb = triple.relation.split()[0] if triple.relation else ""
    if verb not in lex.occurrence_verbs or triple.negated:
        return None
    head = triple.subject.root
    code = lex.nominals.get(head.lemma_.lower())
    if code is None:
        return None
    between = [c for p in _pobjs(head, frozenset({"between"})) for c in (p, *p.conjuncts)]
    if len(between) >= 2:
        parties = [resolution.actor_of(_phrase(t)) or next(iter(resolution.actors_in(_phrase(t))), None) for t in between[:2]]
        if parties[0] is None:
            return None
        return code, parties[0], parties[1], head.text
    source = None
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.pos_ in ("ADJ", "PROPN")):
            source = resolution.actor_of(_phrase(child)) or next(iter(resolution.actors_in(_phrase(child))), None)
        elif child.dep_ == "prep" and child.lower_ == "by":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            source = resolution.actor_of(_phrase(pobj)) if pobj is not None else None
        if source is not None:
            break
    if source is None:
        return None
    target = None
    for pobj in _pobjs(head, _TARGET_PREPS):
        span = _phrase(pobj)
        target = resolution.actor_of(span) or next(iter(resolution.actors_in(span)), None)
        if target is not None and target.id != source.id:
            break
        target = None
    return code, source, target, head.text
