"""Triple + actors → coded events: CAMEO code, PLOVER type, quad class, intensity.

A claim becomes an event when its relation (or a light verb and its object) is in our
lexicon and both its subject and its target phrase resolve to different actors.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Protocol

from spacy.tokens import Span, Token

from kg.events.codes import intensity_of, plover_of, quad_of
from kg.events.lexicon import Lexicon, load_lexicon
from kg.types import Actor, Event, Triple

__all__ = ["ActorResolution", "code_events", "code_relation", "object_cues"]

log = logging.getLogger(__name__)

#: Modals under which a material event is only a possibility: no event.
SPECULATIVE = frozenset({"may", "might", "could", "should", "must", "can", "ought"})
#: Modals that announce a future act: material conflict becomes a threat, a negated
#: cooperative act a refusal ("would not take part in talks").
FUTURE = frozenset({"will", "would", "shall", "'ll", "wo", "going to"})

_NOMINAL_MODS = frozenset({"compound", "amod"})
_NESTING_PREPS = frozenset({"of", "for", "on", "to", "about", "over", "toward", "towards", "against"})


class ActorResolution(Protocol):
    """What the coder needs of `kg.actors.Resolution`."""

    def actor_of(self, span: Span | None) -> Actor | None: ...

    def actors_in(self, span: Span | None) -> list[Actor]: ...


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _head_cues(head: Token) -> list[str]:
    """ "humanitarian aid", "aid" for the head of "urgent humanitarian aid"."""
    mods = []
    for child in reversed(list(head.lefts)):
        if child.dep_ in _NOMINAL_MODS and child.i == (mods[-1].i - 1 if mods else head.i - 1):
            mods.append(child)
        elif mods or child.dep_ not in _NOMINAL_MODS:
            break
    cues = []
    for n in range(len(mods), 0, -1):
        cues.append(" ".join(_lemma(t) for t in reversed(mods[:n])) + " " + _lemma(head))
    cues.append(_lemma(head))
    return cues


def object_cues(span: Span | None, *, depth: int = 2) -> list[str]:
    """Cue words of an object phrase, most specific first.

    The head with its compound modifiers, the head alone, then the nouns and verbs the
    head governs: "plans for talks" gives ``["plan", "talk"]``, "efforts by European states
    to mediate talks" gives ``["effort", ..., "mediate", "talk"]``.

    Args:
        span: The object phrase (or None).
        depth: How many levels of nested phrases to read.

    Returns:
        Lower-case lemmas and "modifier head" pairs.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("They launched a missile attack on the port.")
        >>> object_cues(doc[2:7])[:3]
        ['missile attack', 'attack', 'port']
    """
    if span is None or len(span) == 0:
        return []
    cues: list[str] = []
    frontier = [span.root]
    for _ in range(depth + 1):
        nested: list[Token] = []
        for head in frontier:
            cues.extend(c for c in _head_cues(head) if c not in cues)
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in _NESTING_PREPS:
                    nested.extend(c for c in child.children if c.dep_ == "pobj")
                elif child.dep_ in ("acl", "relcl", "xcomp") and child.pos_ in ("VERB", "AUX"):
                    nested.append(child)
                    nested.extend(c for c in child.children if c.dep_ == "dobj")
                elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
                    nested.append(child)
        frontier = nested
    return cues


def _xcomp(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def _object_of(verb: Token) -> Span | None:
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd"):
            return doc[child.left_edge.i : child.right_edge.i + 1]
    for child in verb.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return doc[pobj.left_edge.i : pobj.right_edge.i + 1]
    return None


def _chain(triple: Triple) -> tuple[list[str], Span | None]:
    """The relation's verb chain, outermost first, and the object of its last verb.

    ``"refuse to meet"`` → ``["refuse", "meet"]``. Where the relation is a single verb
    whose parse still has an infinitive complement ("refused to meet Ukraine" read as
    "refuse" with no object), the complement and its object are read from the parse.
    """
    parts = [p.strip() for p in f" {triple.relation.lower()} ".split(" to ")]
    segments = [parts[0]] + [p for p in parts[1:] if p]
    if len(parts) > 1 and not parts[-1]:  # "agree to": a governing preposition
        segments[-1] = segments[-1] + " to"
    obj = triple.object
    if len(segments) == 1 and obj is None:
        doc = triple.sentence.doc
        verb = doc[triple.predicate] if 0 <= triple.predicate < len(doc) else None
        while verb is not None and (comp := _xcomp(verb)) is not None:
            prt = " ".join(c.lower_ for c in comp.children if c.dep_ == "prt")
            segments.append(f"{_lemma(comp)} {prt}".strip())
            verb = comp
            obj = _object_of(comp)
    return segments, obj


def code_relation(triple: Triple, *, lexicon: Lexicon | None = None) -> str | None:
    """The CAMEO code a triple's relation and object denote, or None.

    Negation and modality are applied here: a negated event gives None unless the verb
    says otherwise ("did not agree" → REJECT), "would not take part in talks" is a
    refusal, "will attack" a threat, "may attack" nothing.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iran condemned Israel.")
        >>> code_relation(doc._.triples[0])
        '111'

    Notes:
        CAMEO codebook: refusals are REJECT (12: "Decline to ...", 125 "Reject proposal
        to meet, discuss, negotiate"); "threaten to" is THREATEN (13: 1312 "Threaten to
        boycott, embargo, or sanction", 138 "Threaten with military force"); intentions
        are 03 ("Express intent to ..."); CAMEO codes events that happened or are
        announced, so negated material acts are not events.
    """
    lex = lexicon or load_lexicon()
    segments, obj = _chain(triple)
    cues = object_cues(obj)
    inner = lex.entry(segments[-1])
    code = inner.code_for(cues) if inner is not None else None
    outer_entry = inner
    for relation in reversed(segments[:-1]):
        entry = lex.entry(relation)
        if entry is None or entry.control is None:
            return None
        outer_entry = entry
        if code is None:
            code = entry.code
        else:
            code = lex.transform(entry.control, code)
        if code is None:
            return None
    if code is None:
        return None
    modality = (triple.modality or "").lower() or None
    root = int(code[:2])
    if triple.negated:
        if outer_entry is not None and outer_entry.negated:
            return lex.transform(outer_entry.negated, code)
        if modality in FUTURE and 3 <= root <= 8:
            return lex.transform("reject", code)
        return None
    if modality in SPECULATIVE and (6 <= root <= 8 or root >= 14):
        return None
    if modality in FUTURE and root >= 14 and len(segments) == 1:
        return lex.transform("threaten", code)
    return code


def _is_coordination(span: Span) -> bool:
    return any(t.dep_ == "conj" and t.head == span.root for t in span)


def _targets(triple: Triple, obj: Span | None, resolution: ActorResolution, source: Actor) -> Iterator[Actor]:
    seen = {source.id}
    if obj is not None:
        if _is_coordination(obj):
            found = resolution.actors_in(obj)
        else:
            whole = resolution.actor_of(obj)
            found = ([whole] if whole is not None else []) + resolution.actors_in(obj)
            found = [a for a in found if a.id not in seen][:1]
        for actor in found:
            if actor.id not in seen:
                seen.add(actor.id)
                yield actor
        if len(seen) > 1:
            return
    for argument in triple.arguments:
        whole = resolution.actor_of(argument.span)
        for actor in ([whole] if whole is not None else []) + resolution.actors_in(argument.span):
            if actor.id not in seen:
                yield actor
                return


def code_events(
    triple: Triple,
    resolution: ActorResolution,
    *,
    date: dt.date | None = None,
    lexicon: Lexicon | None = None,
) -> tuple[Event, ...]:
    """The coded events of one claim: who did what (CAMEO, PLOVER) to whom.

    The source is what the subject denotes; the target what the object denotes, else the
    first actor mentioned in the object ("plans for talks with U.S. authorities" → United
    States), else the first actor in a further argument. A coordinated object
    ("Israel and the United States") gives one event per actor. No event unless the
    relation codes and source and target are two different actors.

    Args:
        triple: One extraction.
        resolution: The document's actor resolution (`kg.actors.Resolution`).
        date: The document's date (kept for date-dependent coding; the event's date is
            the document's and is written by the store).
        lexicon: Another lexicon than the shipped one.

    Returns:
        The events, in target order; empty when none.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> from kg.types import Actor, ActorType
        >>> iran = Actor("state/IRN", "Iran", ActorType.STATE, country="IRN")
        >>> isr = Actor("state/ISR", "Israel", ActorType.STATE, country="ISR")
        >>> class Res:
        ...     def actor_of(self, span):
        ...         return {"Iran": iran, "Israel": isr}.get(span.text if span else "")
        ...     def actors_in(self, span):
        ...         return [a for a in (iran, isr) if span is not None and a.label in span.text]
        >>> doc = load_pipeline()("Iran condemned Israel.")
        >>> [(e.source, e.cameo, e.plover, e.target) for e in code_events(doc._.triples[0], Res())]
        [('state/IRN', '111', 'ACCUSE', 'state/ISR')]

    Notes:
        Event coding after CAMEO (Gerner, Schrodt, Yilmaz & Abu-Jabr 2002; codebook
        0.7b5) and PLOVER (manual draft 0.8, 2021); intensities after Goldstein (1992).
    """
    source = resolution.actor_of(triple.subject)
    if source is None:
        return ()
    code = code_relation(triple, lexicon=lexicon)
    if code is None:
        return ()
    _, obj = _chain(triple)
    events = tuple(
        Event(
            source=source.id,
            target=target.id,
            cameo=code,
            plover=plover_of(code)[0],
            quad=quad_of(code),
            intensity=intensity_of(code),
        )
        for target in _targets(triple, obj, resolution, source)
    )
    if events:
        log.debug("%s %s → %s", triple.relation, code, [e.target for e in events])
    return events
