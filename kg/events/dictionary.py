"""PETRARCH verb dictionaries in coding: which verb of a relation a dictionary codes, and its events.

A user's dictionary (``--verbs``) owns the code where it matches: `dictionary_match` finds
the first verb of the relation's chain it codes, `dictionary_events` makes the act (and the
target's reply) for the targets the coder found.
"""

from __future__ import annotations

import logging

from spacy.tokens import Token

from kg.events.codes import make_event
from kg.events.sense import COPULA_CONTROLLERS, SPECULATIVE, xcomp_of
from kg.events.petrarch import VerbDictionary, VerbMatch
from kg.types import Actor, Event, Triple

__all__ = ["dictionary_events", "dictionary_match"]

log = logging.getLogger(__name__)


def _verb_chain(triple: Triple) -> list[Token]:
    """The verbs of the relation, outermost first: "vowed to wage", "is about to restore"."""
    doc = triple.sentence.doc
    if not 0 <= triple.predicate < len(doc):
        return []
    token = doc[triple.predicate]
    while True:  # up: "wage" of "vowed to wage", "restore" of "is about to restore"
        if token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX", "ADJ"):
            token = token.head
        elif token.dep_ in ("acomp", "attr") and token.lemma_.lower() in COPULA_CONTROLLERS:
            token = token.head
        else:
            break
    chain: list[Token] = []
    while token is not None and token not in chain:
        if token.pos_ in ("VERB", "AUX"):
            chain.append(token)
        nxt = xcomp_of(token)
        if nxt is None:
            controller = next(
                (c for c in token.children if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in COPULA_CONTROLLERS),
                None,
            )
            nxt = xcomp_of(controller) if controller is not None else None
        token = nxt
    return chain


def dictionary_match(triple: Triple, verbs: VerbDictionary) -> VerbMatch | None:
    """The first verb of the chain the dictionary codes (or explicitly does not), else None."""
    for verb in _verb_chain(triple):
        found = verbs.match(verb)
        if found is not None and (found.code or found.reverse or found.pattern is not None):
            return found
    return None


_NEGATIONS = frozenset({"not", "n't", "no", "never", "neither", "nor"})


def _marks(elements: tuple, marker: str) -> bool:
    return any(e.marker == marker for e in elements)


def _pattern_words(found: VerbMatch) -> set[str]:
    elements = found.entry.before + found.entry.after
    if found.pattern is not None:
        elements += found.pattern.before + found.pattern.after
    return {w for e in elements for p in e.phrases for w in p}


def dictionary_events(
    triple: Triple, found: VerbMatch, source: Actor, targets: list[Actor | None], partners: list[Actor]
) -> tuple[Event, ...]:
    """Events from a dictionary match: the act to each target, and the target's reply.

    `targets` are what the object denotes (`kg.events.coder`), `partners` the other members
    of a compound subject, for a pattern whose members act on each other.

    The dictionary owns the code; a negated verb gives no event unless its pattern says
    "not", and a possible or conditional material act ("may attack", "if ..., will
    withdraw") none unless its pattern names the modal.
    """
    words = _pattern_words(found)
    if triple.negated and not words & _NEGATIONS:
        return ()
    modality = (triple.modality or "").lower()
    material = any(c and c[:2].isdigit() and (4 <= int(c[:2]) <= 8 or int(c[:2]) >= 14) for c in (found.code, found.reverse))
    if material and ((modality in SPECULATIVE and modality not in words) or triple.condition):
        return ()
    if found.pattern is not None and any(e.marker == "%" for e in found.pattern.before):
        targets = partners or targets  # "% *": a compound subject whose members act on each other ("X and Y agree")
    swap = found.pattern is not None and _marks(found.pattern.before, "+") and not _marks(found.pattern.before, "$")
    events = []
    for target in targets:
        # "+ * MONEY $": the subject is the target ("X received money from Y")
        actor, other = (target, source) if swap else (source, target)
        for event in (
            make_event(actor, other, found.code, text=triple.relation_text) if found.code else None,
            make_event(other, actor, found.reverse, text=triple.relation_text) if found.reverse else None,
        ):
            if event is not None:
                events.append(event)
    if events:
        log.debug("%s %s (%s) → %s", triple.relation, found.code, found.where, [e.target for e in events])
    return tuple(events)
