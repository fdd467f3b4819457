"""Doc → Triple, noun phrases: the full phrase of an argument, one conjunct at a time.

A phrase is the head's subtree (determiners, modifiers, compounds, possessives,
prepositional and clausal post-modifiers) without what is extracted on its own:
coordinated conjuncts (one extraction per conjunct), appositions (an is-a extraction)
and relative clauses (an extraction of their own). Punctuation at either edge is trimmed.

Notes:
    Conjunct splitting follows ClausIE (Del Corro & Gemulla, WWW 2013, §3.3: "processing
    coordinated conjunctions"); keeping post-modifiers inside the argument follows the
    CaRB annotation guidelines (Bhardwaj et al., EMNLP 2019, §3: arguments are maximal).
"""

from __future__ import annotations

import bisect
import weakref

from spacy.tokens import Doc, Span, Token

from kg.extract.tokens import tokens

__all__ = ["conjuncts", "is_aside", "is_proviso", "main_verb_on_noun", "phrase", "quote_marks", "trim"]

#: Children of a phrase head that are extracted separately, never kept inside it.
SEPARATE = frozenset({"conj", "cc", "preconj", "appos", "relcl"})


_QUOTE_MARKS: weakref.WeakKeyDictionary[Doc, tuple[int, dict[str | None, list[int]]]] = weakref.WeakKeyDictionary()


def quote_marks(doc: Doc, text: str | None = None) -> list[int]:
    """The sorted indices of `doc`'s quotation marks (those written `text`, or all), found once per doc.

    Counting the marks in a span is then two bisections, not a walk over the span: an
    article of nested quotations has as many phrases as tokens, and walks would make
    extraction quadratic in its length.
    """
    length, marks = _QUOTE_MARKS.get(doc, (-1, {}))
    if length != len(doc):  # not seen, or retokenized since
        marks = {None: []}
        for token in tokens(doc):
            if token.is_quote:
                marks[None].append(token.i)
                marks.setdefault(token.text, []).append(token.i)
        _QUOTE_MARKS[doc] = (len(doc), marks)
    return marks.get(text, [])


_SENTENCES: weakref.WeakKeyDictionary[Doc, tuple[int, list[int], list[Span]]] = weakref.WeakKeyDictionary()


def sentence_of(token: Token) -> Span:
    """``token.sent``, found by bisection in the doc's sentences (listed once per doc).

    spaCy's ``token.sent`` walks to the sentence's edges: on a sentence of thousands of
    tokens (nested quotations) one look-up per quotation would be quadratic.
    """
    doc = token.doc
    length, starts, sents = _SENTENCES.get(doc, (-1, [], []))
    if length != len(doc):  # not seen, or retokenized since
        sents = list(doc.sents)
        starts = [sent.start for sent in sents]
        _SENTENCES[doc] = (len(doc), starts, sents)
    return sents[bisect.bisect_right(starts, token.i) - 1]


def _quotes(doc, start: int, end: int) -> int:
    marks = quote_marks(doc)
    return bisect.bisect_left(marks, end) - bisect.bisect_left(marks, start)


def trim(doc, start: int, end: int) -> Span | None:
    """The span ``doc[start:end]`` without punctuation or conjunctions at its edges.

    A quotation mark at an edge stays where its partner is inside the span, so
    'a “trick”' keeps both marks.
    """
    quotes = _quotes(doc, start, end)  # in doc[start:end], kept up to date as the edges move
    words = tokens(doc)
    while start < end and (words[start].is_punct or words[start].is_space or words[start].dep_ in ("cc", "preconj")):
        if words[start].is_quote:
            if (quotes - 1) % 2 == 1:
                break
            quotes -= 1
        start += 1
    while end > start and (words[end - 1].is_punct or words[end - 1].is_space or words[end - 1].dep_ == "cc"):
        if words[end - 1].is_quote:
            if (quotes - 1) % 2 == 1:
                break
            quotes -= 1
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if quotes % 2 == 1 and end < len(doc) and words[end].is_quote and words[end].sent == span.sent:
        span = doc[start : end + 1]
    return span


def phrase(head: Token, *, exclude: frozenset[str] = SEPARATE, drop: frozenset[int] = frozenset()) -> Span:
    """The full phrase headed by `head`, one conjunct of it.

    Args:
        head: The phrase's head token.
        exclude: Dependency labels of the head's children left out.
        drop: Indices of further children of the head to leave out (e.g. an absorbed
            preposition).

    Returns:
        The phrase as a span of the head's doc (contiguous: from its first to last token).

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iran and Russia condemned the attack on Saudi oil fields.")
        >>> phrase(doc[0]).text, phrase(doc[5]).text
        ('Iran', 'the attack on Saudi oil fields')
    """
    doc = head.doc
    start = end = head.i
    for child in head.children:
        if (child.dep_ in exclude or child.dep_ == "punct" or child.i in drop or is_proviso(child) or is_aside(child)
                or main_verb_on_noun(child)):
            continue
        start = min(start, child.left_edge.i)
        end = max(end, child.right_edge.i)
    end = _without_trailing_adverbial(doc, head, end)
    span = trim(doc, start, end + 1)
    return span if span is not None else doc[head.i : head.i + 1]


def is_aside(token: Token) -> bool:
    """True for a participle clause set off by commas after a subject ("Abiy, *visiting Asmara*,
    promised ..."): it says something of the subject on its own and is no part of its name."""
    doc = token.doc
    return (
        token.dep_ == "acl" and token.tag_ == "VBG" and token.head.dep_ in ("nsubj", "nsubjpass")
        and token.i > token.head.i and token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == ","
        and token.right_edge.i + 1 < len(doc) and doc[token.right_edge.i + 1].text == ","
    )


def main_verb_on_noun(token: Token) -> bool:
    """True for a finite verb the parser hung on the sentence's first noun after an aside:
    "Guaido, whom 50 countries recognise as president, *called* for protests" (the parse
    makes "Guaido" the root and "called" a clause on it)."""
    head = token.head
    return (
        token.dep_ == "acl" and token.tag_ in ("VBD", "VBZ", "VBP") and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN") and token.i > head.i and token.doc[token.i - 1].text == ","
    )


_PROVISO = frozenset({"provided", "providing"})


def is_proviso(token: Token) -> bool:
    """True where the token opens a condition the parser hung on a noun ("sanctions *provided* that ...")."""
    return token.lower_ in _PROVISO and token.dep_ in ("acl", "advcl") and not any(
        c.dep_ in ("dobj", "dative", "prep") for c in token.children)


def _without_trailing_adverbial(doc, head: Token, end: int) -> int:
    """Cut a comma-led adverbial clause off the end of a phrase.

    In "dismissed mediations by European countries to talk with U.S. authorities,
    describing their efforts as ...", the parser hangs "describing ..." (advcl) on a verb
    inside the object; set off by a comma it modifies the clause, not the noun phrase.
    """
    for token in doc[head.i + 1 : end + 1]:
        if (
            token.dep_ == "advcl"
            and token.head.i != head.i
            and token.right_edge.i == end
            and token.left_edge.i > head.i + 1
            and doc[token.left_edge.i - 1].text == ","
        ):
            return token.left_edge.i - 2
    return end


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it, in sentence order.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iran, Iraq and Syria met.")
        >>> [t.text for t in conjuncts(doc[0])]
        ['Iran', 'Iraq', 'Syria']
    """
    return sorted([token, *token.conjuncts], key=lambda t: t.i)
