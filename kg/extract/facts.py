"""Triple → Fact: the binary facts one extraction holds.

A claim packs several facts into its object and arguments: "Graner handcuffed him to the
bars of a cell window" is (Graner, handcuffed, him), (Graner, handcuffed him to, the bars
of a cell window) and (Graner, handcuffed him to the bars of, a cell window).
`triple_facts` reads them off the triple's spans and the parse they already carry (no
second parse):

* the **core** fact: subject, relation as written, object;
* one **argument** fact per further argument, its preposition ending the relation
  ("served as the first Prime Minister" + "of" → Australia);
* a **modifier** fact per prepositional phrase or participle inside a noun phrase that
  attaches to it, the phrase up to it joining the relation, recursively ("rejected any
  plans for talks with" → U.S. authorities);
* one fact per conjunct of a coordinated argument, and no fact whose phrase swallows
  several: a relative clause, or a modifier holding a coordination, is cut off the phrase
  (it is a claim, or facts, of its own);
* a **minimal** variant of an object led by adjectives of no content and determiners
  ("any plans" → "plans").

Every fact keeps its triple (polarity, modality, condition, attribution); `with_actors`
gives facts the actors a document's resolution found.

Notes:
    Facts as the unit of Open IE evaluation follow BenchIE (Gashteovski et al., ACL 2022);
    splitting prepositional attachments into relations ending in a preposition follows
    ClausIE (Del Corro & Gemulla, WWW 2013) and MinIE's minimisation of determiners and
    quantifying adjectives (Gashteovski, Gemulla & Del Corro, EMNLP 2017).

Examples:
    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline()("He served as the first Prime Minister of Australia.")
    >>> [(f.subject.text, f.relation, f.object.text) for f in triple_facts(doc._.triples[0])]
    [('He', 'served as', 'the first Prime Minister of Australia'), ('He', 'served as the first Prime Minister of', 'Australia')]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Protocol

from spacy.tokens import Span, Token

from kg.extract.phrases import conjuncts, phrase
from kg.extract.tokens import tokens
from kg.types import Actor, Fact, FactKind, Triple

__all__ = ["triple_facts", "with_actors"]

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: Adjectives that quantify or point rather than describe (MinIE's "safe" minimisation).
_EMPTY_ADJECTIVES = frozenset({
    "any", "certain", "each", "every", "few", "many", "mere", "much", "other", "own", "particular",
    "respective", "several", "so-called", "some", "such", "various",
})
_DEPTH = 4
#: Prepositional idioms that comment on the clause rather than add an argument to it.
_DISCOURSE = frozenset({
    ("after", "all"), ("at", "least"), ("by", "contrast"), ("for", "example"), ("for", "instance"),
    ("in", "addition"), ("in", "contrast"), ("in", "fact"), ("in", "general"), ("in", "order"),
    ("in", "particular"), ("in", "short"), ("in", "turn"), ("of", "course"),
})


def _text(tokens: Sequence[Token] | Span) -> str:
    return " ".join(t.text for t in tokens)


def _join(*parts: str) -> str:
    return " ".join(" ".join(p.split()) for p in parts if p and p.strip())


def _prep_object(prep: Token) -> tuple[str, Token | None]:
    """The words of a preposition and its object: "of" → ("of", x); "due to" → ("due to", x)."""
    words = [prep]
    current = prep
    for _ in range(2):
        pobj = next((c for c in current.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return _text(words), pobj
        inner = next((c for c in current.children if c.dep_ in ("prep", "pcomp") and c.i == current.i + 1
                      and c.pos_ == "ADP"), None)
        if inner is None:
            break
        words.append(inner)
        current = inner
    return _text(words), None


def _modifiers(prefix: str, span: Span, head: Token, depth: int = 0) -> Iterator[tuple[str, str, Span]]:
    """(relation, preposition, object) of the prepositional phrases and participles on `head`."""
    if depth > _DEPTH or head.pos_ not in _NOMINAL:
        return
    doc = span.doc
    for child in head.children:
        if child.i <= head.i or not span.start <= child.i < span.end:
            continue
        dep = child.dep_
        if dep == "prep":
            prep, pobj = _prep_object(child)
            if pobj is None or pobj.pos_ not in _NOMINAL:
                continue
            relation = _join(prefix, _text(doc[span.start : child.i]), prep)
            for conjunct in conjuncts(pobj):
                inner = phrase(conjunct)
                yield relation, prep, inner
                yield from _modifiers(relation, inner, conjunct, depth + 1)
        elif dep == "acl" and child.pos_ == "VERB" and child.tag_ in ("VBG", "VBN"):
            yield from _participle(_join(prefix, _text(doc[span.start : child.i])), child, depth)


def _participle(prefix: str, verb: Token, depth: int) -> Iterator[tuple[str, str, Span]]:
    """Facts of a participle inside a noun phrase: "cases *involving* trade sanctions"."""
    for child in verb.children:
        if child.dep_ == "dobj":
            relation = _join(prefix, verb.text)
            for conjunct in conjuncts(child):
                inner = phrase(conjunct)
                yield relation, "", inner
                yield from _modifiers(relation, inner, conjunct, depth + 1)
        elif child.dep_ == "prep" and child.i > verb.i:
            prep, pobj = _prep_object(child)
            if pobj is None or pobj.pos_ not in _NOMINAL:
                continue
            relation = _join(prefix, _text(verb.doc[verb.i : child.i]), prep)
            for conjunct in conjuncts(pobj):
                inner = phrase(conjunct)
                yield relation, prep, inner
                yield from _modifiers(relation, inner, conjunct, depth + 1)


def _whole(span: Span) -> Span:
    """The phrase without what would make it several facts: a relative clause or a coordination
    inside one of its modifiers is cut off with the modifier ("a contract for F-16 aircraft
    and related equipment" → "a contract"; "support for depths which can be required" →
    "support for depths"), and a conjunct ends where its coordination starts ("sculptors
    and painters from Canada" → "sculptors"); those are facts (or claims) of their own.
    """
    doc, head = span.doc, span.root
    if head.pos_ not in _NOMINAL:
        return span
    end = span.end
    words = tokens(doc)
    for token in words[head.i + 1 : span.end]:
        cut = None
        if token.dep_ == "relcl":
            cut = token.left_edge.i
        elif token.dep_ in ("cc", "conj") and token.head.i == head.i:
            cut = token.i  # "sculptors and painters from the US": the conjunct ends at "and"
        elif token.dep_ == "conj" and token.head.i != head.i:
            prep = [a for a in token.ancestors if a.dep_ == "prep" and head.i < a.i]
            cut = prep[-1].i if prep else None
        if cut is not None and span.start < cut < end:
            end = cut
    while end > span.start + 1 and (words[end - 1].is_punct or words[end - 1].dep_ == "cc"):
        end -= 1
    return doc[span.start : end]


def _minimal(span: Span) -> Span | None:
    """The span without the determiners and adjectives of no content that lead it.

    Only where an adjective of no content is among them ("any plans" → "plans", "the
    several attacks" → "attacks"): a determiner alone changes nothing the fact says.
    """
    doc = span.doc
    words = tokens(doc)
    root = span.root
    start, empty = span.start, False
    while start < span.end - 1 and words[start].head.i == root.i and (
        words[start].dep_ in ("det", "predet") or words[start].lower_ in _EMPTY_ADJECTIVES
    ):
        empty |= words[start].lower_ in _EMPTY_ADJECTIVES
        start += 1
    if not empty or root.pos_ not in _NOMINAL:
        return None
    return doc[start : span.end]


def _arguments(triple: Triple) -> Iterator[tuple[str, Span]]:
    """(preposition, object) per conjunct of each further argument ("for example" is none)."""
    for argument in triple.arguments:
        root = argument.span.root
        if (argument.prep.lower(), root.lower_) in _DISCOURSE:
            continue
        heads = conjuncts(root)
        if len(heads) == 1 or root.pos_ not in _NOMINAL:
            yield argument.prep, argument.span
            continue
        for head in heads:  # "through embargoes, intimidation and distorted claims"
            yield argument.prep, phrase(head)


def triple_facts(triple: Triple) -> tuple[Fact, ...]:
    """The binary facts of one triple, the core fact first.

    Args:
        triple: An extraction (see `kg.extract.extract_triples`).

    Returns:
        Its facts, each once (by subject, relation and object text), in the order: core,
        modifiers of the object, then each argument with its modifiers, then minimal
        variants. A triple with neither object nor argument gives its core fact with no
        object. A passive with an agent is read patient first, as CaRB rows write it:
        (the embassy, was attacked by, militants), (the embassy, was attacked by militants
        on, Sunday).

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Graner left him for five hours.")
        >>> [(f.relation, f.object.text, f.kind.value) for f in triple_facts(doc._.triples[0])]
        [('left', 'him', 'core'), ('left him for', 'five hours', 'argument')]
    """
    relation = " ".join((triple.relation_text or triple.relation).split())
    subject, obj = triple.subject, triple.object
    if triple.passive and obj is not None:
        subject, obj = obj, subject
    wholes: dict[tuple[int, int], Span] = {}  # the same phrase comes back as several facts' object

    def whole(span: Span) -> Span:
        key = (span.start, span.end)
        if key not in wholes:
            wholes[key] = _whole(span)
        return wholes[key]

    subject = _whole(subject)
    object_text = whole(obj).text if obj is not None else ""
    subject_text = subject.text
    facts: list[Fact] = []
    seen: set[tuple[str, str, str]] = set()

    def add(rel: str, target: Span | None, kind: FactKind, prep: str = "") -> None:
        target = whole(target) if target is not None and kind is not FactKind.MINIMAL else target
        key = (subject_text, rel, target.text if target is not None else "")
        if rel and key not in seen:
            seen.add(key)
            facts.append(Fact(subject, rel, target, triple, kind, prep))

    arguments = list(_arguments(triple))
    if obj is not None or not arguments:
        add(relation, obj, FactKind.CORE)
    if obj is not None and triple.kind != "speech":
        for rel, prep, target in _modifiers(relation, obj, obj.root):
            add(rel, target, FactKind.MODIFIER, prep)
    for prep, target in arguments:
        rel = _join(relation, object_text, prep)
        add(rel, target, FactKind.ARGUMENT, prep)
        for inner_rel, inner_prep, inner in _modifiers(rel, target, target.root):
            add(inner_rel, inner, FactKind.MODIFIER, inner_prep)
    for fact in list(facts):
        minimal = _minimal(fact.object) if fact.object is not None and fact.kind != FactKind.MINIMAL else None
        if minimal is not None:
            add(fact.relation, minimal, FactKind.MINIMAL, fact.preposition)
    return tuple(facts)


class _Resolution(Protocol):
    def actor_of(self, span: Span | None) -> Actor | None: ...

    def actors_in(self, span: Span | None) -> list[Actor]: ...


def with_actors(
    facts: Sequence[Fact], resolution: _Resolution, *, subject_actor: Actor | None, object_actor: Actor | None
) -> tuple[Fact, ...]:
    """The facts with the actors their phrases denote.

    Every fact of a triple shares its subject, so takes the claim's subject actor (for a
    passive with an agent, read patient first, the claim's object actor). The core fact and
    its minimal variant take the claim's object actor; the object of any other fact is the
    actor its phrase denotes or, for a noun phrase, the first actor it mentions ("talks
    with U.S. authorities" → the United States' government).

    Args:
        facts: One triple's facts (`triple_facts`).
        resolution: A document's actor resolution (`kg.actors.Resolution`).
        subject_actor: The claim's subject actor.
        object_actor: The claim's object actor.
    """
    if not facts:
        return ()
    triple = facts[0].triple
    if triple.passive and triple.object is not None:
        subject_actor, object_actor = object_actor, subject_actor
    core = facts[0] if facts[0].kind is FactKind.CORE else None
    out = []
    for fact in facts:
        if fact.kind is FactKind.CORE or (
            fact.kind is FactKind.MINIMAL and core is not None and fact.relation == core.relation
        ):
            object_of = object_actor
        else:
            object_of = resolution.actor_of(fact.object)
            if object_of is None and fact.object is not None and fact.object.root.pos_ in _NOMINAL:
                inside = resolution.actors_in(fact.object)
                object_of = inside[0] if inside else None
        if fact.subject_actor is subject_actor and fact.object_actor is object_of:
            out.append(fact)  # nothing to set: most facts of a sentence name no actor
        else:
            out.append(dataclasses.replace(fact, subject_actor=subject_actor, object_actor=object_of))
    return tuple(out)
