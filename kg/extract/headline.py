"""Doc → Triple, headlines and datelines: a title line read with headline grammar, or no claim at all.

A wire dateline ("NAIROBI, May 11 (Reuters) -") is taken out of every phrase: it is no part of a claim.

A headline drops articles and auxiliaries and puts its verb in the present ("Short
attacks US over tsunami aid"), which the parser, trained on running text, often reads as
one noun phrase. A headline is a line of its own with no final punctuation (a title, the
first line of an article). From it, the extractions whose predicate is a verb with its
own subject are kept; copulas, appositions and role titles built across the whole line
are dropped. Where the headline grammar finds a verb the parse took for a noun, before any
verb the parse found, its reading wins: a noun phrase, a verb from the lexicon below in
its headline form ("attacks", "slams"), an object up to the first preposition,
prepositional arguments after it. Otherwise the headline gives no claim.

Notes:
    Headline grammar ("headlinese"): Mårdh, *Headlinese: On the Grammar of English Front
    Page Headlines* (1980); Biber et al., *Longman Grammar of Spoken and Written English*
    (1999), §2.4.7 on compressed registers.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from kg.extract.frames import FRAMES
from kg.extract.phrases import phrase, trim
from kg.extract.speech import SPEECH_VERBS
from kg.extract.tokens import span_tokens
from kg.types import Argument, Triple, TripleKind

__all__ = ["HEADLINE_VERBS", "dateline", "headline_triples", "is_headline", "without_dateline"]

#: Verbs common in political headlines (lemmas), besides the reporting and framing verbs.
HEADLINE_VERBS = frozenset(
    """attack slam blast hit back reject accuse criticise criticize hail condemn defend urge
    vow pledge quit resign win lose seek face visit meet sign agree call demand threaten
    warn raid bomb strike kill arrest free release ban block back snub rebuff rule oust
    sack fire jail charge sue probe quiz grill target challenge dismiss praise welcome
    join leave lead plan unveil launch end halt suspend lift impose extend order tell
    split clash talk""".split()
)
#: Prepositions of place, time and occasion: in a headline they modify the event, not the object.
_CIRCUMSTANCE = frozenset({"in", "at", "after", "amid", "over", "during", "near", "before"})
_END = frozenset({".", "!", "?", "”", "\"", "'", "’", "''", "…"})
_NOUN_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "CD"})
_VERB_TAGS = frozenset({"NNS", "VBZ", "VBD", "VBN", "VBP", "VB", "NN"})


def _stem(word: str) -> str:
    """The lemma of a headline verb form: "attacks" → "attack", "denies" → "deny"."""
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


#: A wire dateline at the start of a paragraph: "KIEV (AFP) -", "NAIROBI, May 11 (Reuters) -".
_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?: \([A-Za-z][A-Za-z .&-]*\))? ?[-\u2013\u2014]+ ?"
)


def dateline(doc) -> set[int]:
    """The token indices of the datelines that open paragraphs ("LONDON (Reuters) -").

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("KIEV (AFP) - Separatists breached the ceasefire.")
        >>> sorted(doc[i].text for i in dateline(doc))
        ['(', ')', '-', 'AFP', 'KIEV']
    """
    found: set[int] = set()
    for match in _DATELINE.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is not None and len(span):
            found.update(range(span.start, span.end))
    return found


def _cut(span: Span | None, tokens: set[int]) -> Span | None:
    """The span without the dateline tokens at its left edge; None where nothing is left."""
    if span is None:
        return None
    start = span.start
    while start < span.end and (start in tokens or span.doc[start].is_space):
        start += 1
    return span.doc[start : span.end] if start < span.end else None


def without_dateline(triples: Sequence[Triple], tokens: set[int]) -> list[Triple]:
    """The triples with the dateline taken out of their phrases: no claim about "KIEV" or
    "Reuters" from it; a subject the parser made of the dateline gives way to the phrase it
    put beside it ("KIEV (AFP) - Moscow-backed separatists breached ...": the separatists)."""
    if not tokens:
        return list(triples)
    out = []
    for triple in triples:
        spans = [triple.subject, triple.object, triple.attributed_to]
        if any(a.span.start in tokens for a in triple.arguments):
            triple = dataclasses.replace(triple, arguments=tuple(a for a in triple.arguments if a.span.start not in tokens))
        if not any(t.i in tokens for span in spans if span is not None for t in span):
            out.append(triple)
            continue
        if triple.kind in ("apposition", "role"):
            continue
        subject, obj = _outside(triple.subject, tokens), _cut(triple.object, tokens)
        if subject is None or (triple.object is not None and obj is None):
            continue
        out.append(dataclasses.replace(triple, subject=subject, object=obj,
                                       attributed_to=_outside(triple.attributed_to, tokens)))
    return out


def _outside(span: Span | None, tokens: set[int]) -> Span | None:
    """A subject or speaker out of the dateline: cut, or where the parser made the dateline its
    head, the phrase it put beside it ("MOSCOW (AFP) - Sergei Lavrov told ...": Sergei Lavrov)."""
    cut = _cut(span, tokens)
    if span is None or (cut is not None and span.root.i not in tokens):
        return cut
    beside = next((c for c in span.root.children if c.dep_ == "appos" and c.i not in tokens), None)
    return phrase(beside) if beside is not None else None


def is_headline(sent: Span) -> bool:
    """True where the sentence is a line of its own with no final punctuation.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Short attacks US over tsunami aid\\n\\nThe minister spoke.")
        >>> [is_headline(s) for s in doc.sents]
        [True, False]
    """
    doc = sent.doc
    words = [t for t in span_tokens(sent) if not t.is_space]
    if not words or len(words) > 20:
        return False
    last = words[-1]
    if last.text in _END:
        return False
    starts_line = sent.start == 0 or "\n" in doc[sent.start - 1].text or "\n" in doc[sent.start - 1].whitespace_
    ends_line = (
        last.i + 1 >= len(doc) or "\n" in last.whitespace_ or "\n" in doc[last.i + 1].text
    )
    return starts_line and ends_line and len(words) > 1


def _verb(words: Sequence[Token]) -> int | None:
    for k, token in enumerate(words[1:], start=1):
        if not all(w.tag_ in _NOUN_TAGS for w in words[:k]):
            return None
        stem = _stem(token.text) if token.tag_ in ("NNS", "VBZ") else token.lemma_.lower()
        if token.tag_ in _VERB_TAGS and (stem in HEADLINE_VERBS or stem in SPEECH_VERBS or stem in FRAMES):
            return k
    return None


def _grammar(sent: Span) -> list[Triple]:
    """(noun phrase, headline verb, object) with prepositional arguments, or nothing."""
    doc = sent.doc
    words = [t for t in span_tokens(sent) if not t.is_space]
    k = _verb(words)
    if k is None:
        return []
    verb = words[k]
    subject = doc[words[0].i : verb.i]
    rest = words[k + 1 :]
    cut = [j for j, t in enumerate(rest) if t.tag_ == "IN" or t.tag_ == "TO"]
    first = cut[0] if cut else len(rest)
    obj = trim(doc, rest[0].i, rest[first - 1].i + 1) if first > 0 else None
    arguments = []
    for n, j in enumerate(cut):
        end = cut[n + 1] if n + 1 < len(cut) else len(rest)
        if end > j + 1:
            span = trim(doc, rest[j + 1].i, rest[end - 1].i + 1)
            if span is not None:
                arguments.append(Argument(rest[j].lower_, span))
    if obj is None and not arguments:
        return []
    stem = _stem(verb.text) if verb.tag_ in ("NNS", "VBZ") else verb.lemma_.lower()
    return [Triple(
        subject=subject,
        relation=stem,
        object=obj,
        sentence=sent,
        predicate=verb.i,
        relation_text=verb.text,
        arguments=tuple(arguments),
        kind=TripleKind.HEADLINE,
    )]


def headline_triples(triples: Sequence[Triple], sent: Span) -> list[Triple]:
    """The extractions of a headline: verbal clauses with a subject, else the headline grammar's.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> from kg.extract import extract_triples
        >>> doc = load_pipeline()("Short attacks US over tsunami aid\\n\\nThe minister spoke.")
        >>> [(t.subject.text, t.relation, t.object_text, [a.text for a in t.arguments])
        ...  for t in extract_triples(doc) if t.kind == "headline"]
        [('Short', 'attack', 'US', ['over tsunami aid'])]
    """
    doc = sent.doc
    kept = [
        t for t in triples
        if t.kind in ("verb", "speech") and doc[t.predicate].tag_.startswith("VB")
        and not any(w.dep_ == "neg" or w.tag_ in ("VBN", "VBD", "VBZ") for w in t.subject)  # "door not closed on"
    ]
    grammar = _grammar(sent)
    if grammar and not doc[grammar[0].predicate].tag_.startswith("VB") and all(
            grammar[0].predicate < t.predicate for t in kept):
        return grammar  # the parse took the headline's verb for a noun ("Short *attacks* US ...")
    return [split for triple in kept for split in _comma_subjects(_object_head(triple))]


def _comma_subjects(triple: Triple) -> list[Triple]:
    """One triple per name of a headline subject joined by commas: "Merkel, Putin discuss ..."
    (headlines write "and" as a comma); the parser makes the others a second subject or a
    bare argument."""
    doc = triple.sentence.doc
    verb = doc[triple.predicate]
    names = sorted((c for c in verb.children if c.i < verb.i and c.pos_ == "PROPN"
                    and c.dep_ in ("nsubj", "npadvmod", "dep")), key=lambda t: t.i)
    root = triple.subject.root
    if root not in names or len(names) < 2:
        return [triple]
    group = [root]
    for before, after in zip(names, names[1:]):
        joined = after.left_edge.i == before.right_edge.i + 2 and doc[before.right_edge.i + 1].text == ","
        if joined and after in group and before not in group:
            group.insert(0, before)
        elif joined and before in group and after not in group:
            group.append(after)
    if len(group) < 2:
        return [triple]
    taken = {t.i for name in group for t in name.subtree}
    arguments = tuple(a for a in triple.arguments if a.span.root.i not in taken)
    return [dataclasses.replace(triple, subject=phrase(name), arguments=arguments) for name in group]


def _object_head(triple: Triple) -> Triple:
    """A headline's object up to its first preposition, the rest an argument: "expels British
    diplomats *in spy row*" (a headline drops the verb the phrase hangs on)."""
    obj = triple.object
    if obj is None or triple.kind != "verb":
        return triple
    prep = next((c for c in obj.root.children if c.dep_ == "prep" and c.lower_ in _CIRCUMSTANCE
                 and c.i > obj.root.i and obj.start <= c.i < obj.end), None)
    if prep is None or prep.i + 1 >= obj.end or prep.i == obj.start:
        return triple
    head = trim(obj.doc, obj.start, prep.i)
    rest = trim(obj.doc, prep.i + 1, obj.end)
    if head is None or rest is None:
        return triple
    arguments = tuple(sorted([*triple.arguments, Argument(prep.lower_, rest)], key=lambda a: a.span.start))
    return dataclasses.replace(triple, object=head, arguments=arguments)
