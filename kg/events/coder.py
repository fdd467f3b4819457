"""Triple + actors → coded events: CAMEO code, PLOVER type, quad class, intensity.

A claim becomes an event when its relation (or a light verb and its object) codes in our
lexicon (`kg.events.sense`: lexicon, object sense, clause context) and its subject
resolves to an actor (for a quote's pronoun, the speaker). The target is what the object
or a further argument denotes; where none resolves, the event has one actor (a protest, a
mobilisation, an attack on no named target) and an empty target.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Protocol

from spacy.tokens import Span, Token

from kg.actors.roles import in_place, of_place
from kg.events.codes import is_cameo_code, make_event, plover_of
from kg.events.counterpart import adjunct_targets, aside_complements, own_means, same_polity
from kg.events.factuality import Framing, framing_of
from kg.events.lexicon import Lexicon, load_lexicon
from kg.events.nominal import nominal_parties
from kg.events.sense import (
    NEEDS_TARGET,
    OBLIGATION,
    code_relation,
    coding_of,
    head_cues,
    lemma_of,
    relation_chain,
)
from kg.events.dictionary import dictionary_events, dictionary_match
from kg.events.petrarch import VerbDictionary
from kg.extract.speech import speaker_of
from kg.types import Actor, Event, Triple

__all__ = ["EVENT_NOUNS", "ActorResolution", "code_events", "code_relation"]

log = logging.getLogger(__name__)

_SETTING_PREPS = frozenset({"during", "after", "before", "since", "until", "amid", "despite", "throughout"})


class ActorResolution(Protocol):
    """What the coder needs of `kg.actors.Resolution`."""

    def actor_of(self, span: Span | None) -> Actor | None: ...

    def actors_in(self, span: Span | None) -> list[Actor]: ...


def _is_coordination(span: Span) -> bool:
    return any(t.dep_ == "conj" and t.head == span.root for t in span)


#: Heads of event nominals: "condemned the attack on X" is not about X but the attacker.
EVENT_NOUNS = frozenset(
    "attack assault offensive strike airstrike raid incursion invasion shelling bombing ambush massacre "
    "crackdown assassination kidnapping blockade occupation killing execution arrest detention sanction "
    "embargo seizure shooting war".split()
)


def _agent_spans(head: Token) -> list[Span]:
    """The agent phrases of an event nominal: "X's attack", "an attack by X", "Israeli strikes"."""
    doc = head.doc
    spans = []
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.pos_ in ("ADJ", "PROPN")):
            spans.append(doc[child.left_edge.i : child.right_edge.i + 1])
        elif child.dep_ == "prep" and child.lower_ == "by":
            spans.extend(doc[c.left_edge.i : c.right_edge.i + 1] for c in child.children if c.dep_ == "pobj")
    return spans


def _targets(
    triple: Triple, obj: Span | None, resolution: ActorResolution, source: Actor, *, about_event: bool = False
) -> Iterator[Actor]:
    seen = {source.id} | same_polity(source, resolution, triple.sentence)
    excluded = len(seen)
    if obj is not None and triple.relation.split()[-1] in _SETTING_PREPS:
        # "talk during negotiations between Iran and ...": a setting, not a partner
        whole = resolution.actor_of(obj)
        if whole is not None and whole.id not in seen:
            yield whole
        return
    if obj is not None and about_event:
        for span in _agent_spans(obj.root):
            whole = resolution.actor_of(span)
            for actor in ([whole] if whole is not None else []) + resolution.actors_in(span):
                if actor.id not in seen:
                    yield actor
                    return
        return
    if obj is not None:
        if _is_coordination(obj):
            found = resolution.actors_in(obj)
        else:
            whole = resolution.actor_of(obj)
            found = ([whole] if whole is not None else []) + resolution.actors_in(obj)
            if own_means(obj) and source.country:  # "offered its troops to Lebanon": the troops are Syria's own
                found = [a for a in found if a.country != source.country]
            found = [a for a in found if a.id not in seen][:1]
            found = _with_conjuncts(found, obj, resolution)
        for actor in found:
            if actor.id not in seen:
                seen.add(actor.id)
                yield actor
        if len(seen) > excluded:
            return
    for span in [argument.span for argument in triple.arguments] + aside_complements(obj):
        whole = resolution.actor_of(span)
        found = [a for a in ([whole] if whole is not None else []) + resolution.actors_in(span) if a.id not in seen]
        for actor in _with_conjuncts(found[:1], span, resolution):
            if actor.id not in seen:
                seen.add(actor.id)
                yield actor
        if len(seen) > excluded:
            return


_NOUNS = frozenset({"NOUN", "PROPN"})


def _conjunct_span(token: Token) -> Span:
    """One conjunct's own phrase: "the government of Gondor" of "Ithilen and the government of Gondor"."""
    doc = token.doc
    end = token.right_edge.i + 1
    for child in token.rights:
        if child.dep_ in ("conj", "cc") or (child.dep_ == "punct" and child.lower_ == ","):
            end = min(end, child.left_edge.i)
    return doc[token.left_edge.i : max(end, token.i + 1)]


def conjunct_actors(head: Token, resolution: ActorResolution, *, within: Span | None = None) -> list[Actor]:
    """The actor of each conjunct of a coordination: "Mordor, Rohan and Bree" → three actors.

    With `within`, only the conjuncts inside that phrase: where a coordination was split
    into a claim per conjunct, each claim's target is its own conjunct.
    """
    actors: list[Actor] = []
    for token in (head, *head.conjuncts):
        if within is not None and not within.start <= token.i < within.end:
            continue
        span = _conjunct_span(token)
        actor = resolution.actor_of(span) or next(iter(resolution.actors_in(span)), None)
        if actor is not None and actor not in actors:
            actors.append(actor)
    return actors


def _with_conjuncts(found: list[Actor], span: Span, resolution: ActorResolution) -> list[Actor]:
    """The first actor found inside a phrase, with the actors coordinated with it.

    "ties with Mordor, Rohan and Bree", "ties between Gondor and Osgiliath": each is a target.
    """
    if len(found) != 1:
        return found
    for token in span:
        if token.pos_ in _NOUNS and token.dep_ != "conj" and any(c.pos_ in _NOUNS for c in token.conjuncts):
            actors = conjunct_actors(token, resolution, within=span)
            if len(actors) > 1 and found[0] in actors:
                return actors
    return found


def _covered_by_support_verb(triple: Triple, lex: Lexicon) -> bool:
    """A nominal triple ("attack" from "launched an attack on X") whose support verb's own
    claim already codes the noun: the event belongs to that claim, not to both."""
    if triple.kind != "nominal":
        return False
    doc = triple.sentence.doc
    noun = doc[triple.predicate] if 0 <= triple.predicate < len(doc) else None
    if noun is None or noun.dep_ not in ("dobj", "pobj", "nsubjpass") or noun.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = noun.head
    prt = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
    entry = lex.entry(f"{lemma_of(verb)} {prt}".strip())
    return entry is not None and any(cue in entry.objects for cue in head_cues(noun))


def code_events(
    triple: Triple,
    resolution: ActorResolution,
    *,
    date: dt.date | None = None,
    lexicon: Lexicon | None = None,
    verbs: VerbDictionary | None = None,
) -> tuple[Event, ...]:
    """The coded events of one claim: who did what (CAMEO, PLOVER) to whom.

    The source is what the subject denotes; the target what the object denotes, else the
    first actor mentioned in the object ("plans for talks with U.S. authorities" → United
    States), else the first actor in a further argument. A coordinated object
    ("Israel and the United States") gives one event per actor. A nominal triple
    ("attack" read out of "launched an attack on X") gives none where its support verb's
    claim codes the noun already. Where a verb with its own
    code takes an event nominal ("condemned the attack on X"), the target is the event's
    agent ("Israel's attack", "an attack by Israel"), never its victim. No event unless the
    relation codes and source and target are two different actors.

    Args:
        triple: One extraction.
        resolution: The document's actor resolution (`kg.actors.Resolution`).
        date: The document's date (kept for date-dependent coding; the event's date is
            the document's and is written by the store).
        lexicon: Another lexicon than the shipped one.
        verbs: PETRARCH verb dictionaries a user loaded (`kg.events.petrarch.load_verbs`):
            where they code one of the relation's verbs (or say it is no event), they win
            over the lexicon; codes ``a:b`` also give the target's reply ``b``.

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
    lex = lexicon or load_lexicon()
    named = nominal_parties(triple, lex, resolution)
    if named is not None:  # "Palestinian riots against Israeli policies continued"
        code, by, on, noun = named
        event = make_event(by, on, code, text=noun)
        return (event,) if event is not None and (on is not None or _plover_type(code) in lex.one_actor) else ()
    patient = _participle_patient(triple, resolution) if verbs is None else False
    if patient is not False:  # "Rebuked by Egypt, Israel ...": the subject is the one acted on
        return patient
    source = _source(triple, resolution)
    if source is None:
        return ()
    framing = framing_of(triple, lex)
    if framing is not None:  # "denied attacking", "plans to impose", "wants Iran to halt"
        return _framed_events(triple, framing, resolution, source, lex) if framing.verb is not None else ()
    if verbs is not None:
        found = dictionary_match(triple, verbs)
        if found is not None:
            _, obj = relation_chain(triple)
            targets = list(_targets(triple, obj, resolution, source))
            return dictionary_events(triple, found, source, targets, _co_subjects(triple, resolution, source))
    if _covered_by_support_verb(triple, lex):
        return ()
    speaker = _speaker_of(triple) if (triple.modality or "").lower() in OBLIGATION else None
    demander = resolution.actor_of(speaker) if speaker is not None else None
    if demander is not None and demander.id != source.id:
        # "Russia said Sudan must return the helicopter": Russia demands of Sudan
        coding = coding_of(triple, lexicon=lex, reported=True)
        event = make_event(demander, source, coding.code, text=_event_text(triple, None, "")) if coding else None
        return (event,) if event is not None else ()
    coding = coding_of(triple, lexicon=lex)
    if coding is None:
        return ()
    _, obj = relation_chain(triple)
    entry = lex.entry(triple.relation)
    about_event = (
        obj is not None
        and entry is not None
        and entry.code is not None
        and lemma_of(obj.root) in EVENT_NOUNS
        and lemma_of(obj.root) not in entry.objects
    )
    text = _event_text(triple, obj, coding.cue)
    targets: list[Actor | None] = list(_targets(triple, obj, resolution, source, about_event=about_event))
    if not targets:
        targets = _co_subjects(triple, resolution, source)  # "Jordan and Britain agreed to ..."
    if not targets:  # "threatened to strike unless Israel ...", "marched to protest Assad's failure"
        targets = adjunct_targets(triple, coding.code, resolution, source)
    alone = _plover_type(coding.code) in lex.one_actor or (coding.complement and _plover_type(coding.code) == "AGREE")
    if not targets and (coding.code[:2] in NEEDS_TARGET or not alone):
        return ()
    targets = targets or [None]
    events = tuple(
        event for target in targets if (event := make_event(source, target, coding.code, text=text)) is not None
    )
    if events:
        log.debug("%s %s → %s", triple.relation, coding.code, [e.target for e in events])
    return events


def _framed_events(
    triple: Triple, framing: Framing, resolution: ActorResolution, source: Actor, lex: Lexicon
) -> tuple[Event, ...]:
    """The events of an act its own subject wills (an intent or threat to the act's
    targets) or someone else wants (that one's appeal or demand to the subject)."""
    coding = coding_of(triple, lexicon=lex)
    doc = triple.sentence.doc
    if framing.own:
        if coding is None:
            return ()
        control = "threaten" if int(coding.code[:2]) >= 14 else "intend"  # one's own will is an intent
        code = lex.transform(control, coding.code)
        _, obj = relation_chain(triple)
        targets = list(_targets(triple, obj, resolution, source))
        if code is None or not targets and _plover_type(code) not in lex.one_actor:
            return ()
        text = triple.relation_text or triple.relation
        return tuple(e for t in targets or [None] if (e := make_event(source, t, code, text=text)) is not None)
    wanter = next((c for c in framing.verb.children if c.dep_ == "nsubj"), None)
    asker = resolution.actor_of(doc[wanter.left_edge.i : wanter.right_edge.i + 1]) if wanter is not None else None
    entry = lex.entry(lemma_of(framing.verb))
    code = lex.transform(framing.control, coding.code) if coding is not None else (entry.code if entry else None)
    if asker is None or asker.id == source.id or code is None:
        return ()
    event = make_event(asker, source, code, text=f"{framing.verb.text} {triple.relation_text or triple.relation}")
    return (event,) if event is not None else ()


def _participle_patient(triple: Triple, resolution: ActorResolution) -> tuple[Event, ...] | bool:
    """Events of a fronted passive participle ("Rebuked by Egypt, Israel ..."), or False.

    The extraction gives such a clause the main clause's subject, which is the patient:
    the agent of the "by"-phrase is the source and the subject the target; without an
    agent there is no event.
    """
    doc = triple.sentence.doc
    verb = doc[triple.predicate] if 0 <= triple.predicate < len(doc) else None
    if verb is None or triple.passive or verb.tag_ != "VBN" or verb.dep_ not in ("advcl", "acl") or triple.object is not None:
        return False
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    source = resolution.actor_of(doc[pobj.left_edge.i : pobj.right_edge.i + 1]) if pobj is not None else None
    target = resolution.actor_of(triple.subject)
    coding = coding_of(triple) if source is not None else None
    if coding is None or source is None or (target is not None and target.id == source.id):
        return ()
    event = make_event(source, target, coding.code, text=triple.relation_text or triple.relation)
    return (event,) if event is not None else ()


def _co_subjects(triple: Triple, resolution: ActorResolution, source: Actor) -> list[Actor | None]:
    """The other actors of a coordinated subject: each party of "Jordan and Britain agreed"
    acts towards the others (PETRARCH's compound actor, Schrodt 2014)."""
    head = triple.subject.root
    head = head.head if head.dep_ == "conj" else head
    if not head.conjuncts:
        return []
    return [a for a in conjunct_actors(head, resolution) if a.id != source.id]


def _plover_type(code: str) -> str | None:
    return plover_of(code)[0] if is_cameo_code(code) else None


def _event_text(triple: Triple, obj: Span | None, cue: str) -> str:
    """The words that carry an event (PLOVER ``eventText``): the relation as written and
    the object noun that chose the code ("imposed sanctions", "would not take part in talks")."""
    text = triple.relation_text or triple.relation
    if cue and obj is not None:
        last = cue.split()[-1]
        noun = next((t.text for t in obj if t.lemma_.lower() == last and t.pos_ in ("NOUN", "PROPN")), "")
        if noun and noun not in text.split():
            text = f"{text} {noun}"
    return text


#: Personal pronouns that, as the subject of reported speech, stand for the speaker.
_SPEAKER_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})


def _source(triple: Triple, resolution: ActorResolution) -> Actor | None:
    """The subject's actor; for an unresolved pronoun in reported speech or a quote, the speaker's.

    "Iran said it would attack", '"I applaud the efforts", said Straw': the act's source
    is who says so (`_speaker_of`).

    Notes:
        PETRARCH codes the reported act with the speaker as source (Schrodt 2014).
    """
    actor = resolution.actor_of(triple.subject)
    if actor is not None:
        return actor
    if len(triple.subject) != 1 or triple.subject.root.lower_ not in _SPEAKER_PRONOUNS:
        return _modifier_actor(triple.subject, resolution)
    speaker = _speaker_of(triple)
    if speaker is None or (speaker is triple.attributed_to and triple.subject.root.lower_ not in ("i", "we")):
        return None  # a quote's "they" is someone else; only "I" and "we" are its speaker
    return resolution.actor_of(speaker)


def _modifier_actor(span: Span, resolution: ActorResolution) -> Actor | None:
    """The actor a group noun's nationality or owner names: "Israeli helicopters" → Israel,
    "Hezbollah guerrillas" → Hezbollah, "students throughout Indonesia" → Indonesia.

    Only actors inside the subject's own head phrase count (its modifiers and its
    prepositional phrases), never one inside a relative clause.
    """
    head = span.root
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    clauses = [c.left_edge.i for c in head.rights if c.dep_ in ("relcl", "acl", "appos")]
    if not of_place(head):  # "tourists in Paris" are not of France; "Israeli tourists" are of Israel
        clauses += [c.i for c in head.rights if c.dep_ == "prep" and any(in_place(g) for g in c.children)]
    own = span.doc[span.start : min(clauses, default=span.end)]
    return next(iter(resolution.actors_in(own)), None)


def _speaker_of(triple: Triple) -> Span | None:
    """Who says the clause of `triple`: the one place events look a speaker up.

    Extraction's finder (`kg.extract.speech.speaker_of`): the speaker of the report whose
    complement the clause is ("Iran said it would ..."), else of the quotation it lies in;
    else the speaker extraction attributed the claim to.
    """
    doc = triple.sentence.doc
    token = doc[triple.predicate] if 0 <= triple.predicate < len(doc) else None
    speaker = speaker_of(token) if token is not None else None
    return speaker if speaker is not None else triple.attributed_to
