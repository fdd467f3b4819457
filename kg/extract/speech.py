"""Doc → Triple, reported speech: who says what, and whose word each claim is.

A speech or cognition verb with a clausal complement ("Khamenei said that the U.S.
pursues a policy of maximum pressure") gives two kinds of extraction: the speech act
itself, (Khamenei, say, that the U.S. pursues ...), kind ``"speech"``, and the reported
clause's own extractions, each with ``attributed_to`` set to the speaker. Quotations
that come first (“..., ” Khamenei said) and "according to X" are attributed the same way.

Reported speech nests ("Khamenei said the officials announced that we would not take
part"); the claim is attributed to the outermost speaker, the one the article quotes.

Notes:
    The verb list is a small lexicon of English reporting verbs (Quirk et al., *A
    Comprehensive Grammar of the English Language*, 1985, §14.29–14.31; Levin, *English
    Verb Classes and Alternations*, 1993, classes 37.7 "say" and 29.4–29.5 "declare" and
    "conjecture"). CaRB's gold annotation keeps the speech act as an extraction and its
    scorer allows its arguments either way round (Bhardwaj et al., EMNLP 2019).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from spacy.tokens import Span, Token

from kg.extract.phrases import phrase, quote_marks
from kg.types import Triple

__all__ = ["SPEECH_VERBS", "TokenRanges", "attribute", "attribute_quotations", "is_speech_verb", "quotations", "speakers"]

#: Reporting verbs (lemmas): speech acts and stated beliefs.
SPEECH_VERBS = frozenset(
    """say tell add state claim announce declare assert insist stress emphasize emphasise
    warn note remark explain argue acknowledge admit concede confirm deny report reveal
    suggest conclude believe think know allege affirm reiterate maintain contend complain
    predict promise threaten vow pledge write tweet respond reply answer indicate
    describe estimate hope fear recall observe point""".split()
)


def is_speech_verb(verb: Token) -> bool:
    """True where the verb reports speech or a stated belief ("said", "acknowledged")."""
    return verb.lemma_.lower() in SPEECH_VERBS


def _speaker(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            doc = verb.doc
            return phrase(child)
    if verb.dep_ == "conj":
        return _speaker(verb.head)
    return None


class TokenRanges:
    """A set of token indices held as sorted, disjoint ranges (a report's content is one or two).

    Answers ``in``, ``len`` and `overlaps` without listing the indices, so nested reports
    (a speaker quoting a speaker quoting ...) cost memory and time linear in their number.

    Examples:
        >>> ids = TokenRanges([range(2, 9)], minus=range(4, 6))
        >>> 3 in ids, 4 in ids, len(ids), list(ids)
        (True, False, 5, [2, 3, 6, 7, 8])
    """

    __slots__ = ("_ranges", "_stops")

    def __init__(self, parts: Sequence[range] = (), *, minus: range | None = None) -> None:
        merged: list[range] = []
        for part in sorted((p for p in parts if p), key=lambda r: r.start):
            if merged and part.start <= merged[-1].stop:
                merged[-1] = range(merged[-1].start, max(merged[-1].stop, part.stop))
            else:
                merged.append(part)
        if minus:
            cut: list[range] = []
            for part in merged:
                cut.extend(r for r in (range(part.start, min(part.stop, minus.start)),
                                       range(max(part.start, minus.stop), part.stop)) if r)
            merged = cut
        self._ranges = merged
        self._stops = [r.stop for r in merged]

    def __contains__(self, index: object) -> bool:
        k = bisect.bisect_right(self._stops, index)  # the first range ending after `index`
        return k < len(self._ranges) and self._ranges[k].start <= index

    def __len__(self) -> int:
        return sum(len(r) for r in self._ranges)

    def __bool__(self) -> bool:
        return bool(self._ranges)

    def __iter__(self):
        for part in self._ranges:
            yield from part

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any index lies in ``range(start, end)``."""
        k = bisect.bisect_right(self._stops, start)
        return k < len(self._ranges) and self._ranges[k].start < end


def speakers(sent: Span) -> list[tuple[Span, TokenRanges]]:
    """(speaker, indices of the reported tokens) for each report in the sentence.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Khamenei said that talks were useless.")
        >>> [(s.text, len(ids)) for s, ids in speakers(next(doc.sents))]
        [('Khamenei', 4)]
    """
    reports = []
    for token in sent:
        if token.dep_ == "prep" and token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is not None:
                speaker = sent.doc[source.left_edge.i : source.right_edge.i + 1]
                reports.append((speaker, TokenRanges([_subtree(token.head)], minus=_subtree(token))))
            continue
        if token.pos_ not in ("VERB", "AUX") or not is_speech_verb(token):
            continue
        speaker = _speaker(token)
        if speaker is None:
            continue
        parts = [_subtree(child) for child in token.children if child.dep_ == "ccomp"]
        outside = None
        if token.dep_ == "parataxis" or (token.dep_ == "ccomp" and token.i > token.head.i and _quoted(token)):
            parts.append(_subtree(token.head))
            outside = _subtree(token)
        ids = TokenRanges(parts, minus=outside)
        if ids:
            reports.append((speaker, ids))
    return reports


def _subtree(token: Token) -> range:
    """The indices of the token's subtree: from its left edge to its right edge (parses are projective)."""
    return range(token.left_edge.i, token.right_edge.i + 1)


_OPEN = frozenset({"“", "``", "«"})
_CLOSE = frozenset({"”", "''", "»"})


def _closing(token: Token) -> bool:
    # A closing quotation mark: a right one, or a straight one with an odd count before it.
    if not token.is_quote:
        return False
    if token.text in ("”", "’", "''", "»"):
        return True
    if token.text in ("“", "‘", "``", "«"):
        return False
    marks = quote_marks(token.doc, token.text)
    return (bisect.bisect_left(marks, token.i) - bisect.bisect_left(marks, token.sent.start)) % 2 == 1


def _quoted(verb: Token) -> bool:
    # “..., ” he said: the speech verb's clause follows a closing quotation mark.
    doc = verb.doc
    k = verb.left_edge.i - 1
    while k >= 0 and doc[k].is_punct and not doc[k].is_quote:
        k -= 1
    return k >= 0 and _closing(doc[k])


def quotations(doc_or_span) -> list[tuple[int, int]]:
    """(start, end) token indices of each quotation, its marks excluded.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()('He said, “We will not talk.” Then he left.')
        >>> quotations(doc)
        [(4, 9)]
    """
    spans = []
    opened: int | None = None
    for token in doc_or_span:
        text = token.text
        if text in _OPEN:
            opened = token.i
        elif text in _CLOSE:
            if opened is not None:
                spans.append((opened + 1, token.i))
            opened = None
        elif text == '"':
            if opened is None:
                opened = token.i
            else:
                spans.append((opened + 1, token.i))
                opened = None
    return spans


def _continues(doc_or_span, closing: int, start: int) -> bool:
    """Whether a quotation opening at `start` directly follows the report that closed at `closing`.

    Notes:
        Newswire convention: a quotation carried on into the next paragraph, or resumed
        right after "..., Khamenei said.", is the same speaker's, and is not re-attributed.
    """
    doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
    k = start - 2  # the token before the opening mark
    while k > closing and doc[k].is_space:
        k -= 1
    return k >= closing and doc[k].sent.start <= closing


def attribute_quotations(triples: Sequence[Triple], doc_or_span) -> list[Triple]:
    """Attribute what lies in a quotation to its speaker, across sentences.

    A quotation of several sentences ("... said, “A. B.”") has one report in one of its
    sentences; its speaker is attributed every unattributed triple in the quotation. A
    quotation with no report of its own that resumes right after the sentence of a
    reported one (“A,” he said. “B.”) is the same speaker's.
    """
    quotes = quotations(doc_or_span)
    if not quotes:
        return list(triples)
    reports = [r for sent in doc_or_span.sents for r in speakers(sent)]
    owners: list[tuple[int, int, Span]] = []
    previous: tuple[int, Span] | None = None  # (closing mark, speaker) of the last quotation with a speaker
    for start, end in quotes:
        owner = None
        for speaker, ids in reports:
            if ids.overlaps(start, end) and not (start <= speaker.start < end):
                owner = speaker
                break
        if owner is None and previous is not None and _continues(doc_or_span, previous[0], start):
            owner = previous[1]
        if owner is not None:
            owners.append((start, end, owner))
            previous = (end, owner)
        else:
            previous = None
    out = []
    for triple in triples:
        if triple.attributed_to is None and triple.kind not in ("apposition", "role"):
            for start, end, speaker in owners:
                if start <= triple.predicate < end and not (start <= triple.subject.start < end and triple.kind == "speech"):
                    triple = dataclasses.replace(triple, attributed_to=speaker)
                    break
        out.append(triple)
    return out


def attribute(triples: Sequence[Triple], sent: Span) -> list[Triple]:
    """The triples with ``attributed_to`` set where they lie in reported speech.

    The outermost report wins: of the reports whose content holds the triple's
    predicate, the one whose content is largest.
    """
    reports = speakers(sent)
    if not reports:
        return list(triples)
    largest_first = sorted(reports, key=lambda report: -len(report[1]))  # stable: ties keep sentence order
    out = []
    for triple in triples:
        best = next((speaker for speaker, ids in largest_first
                     if triple.predicate in ids and triple.subject.start not in range(speaker.start, speaker.end)), None)
        if best is not None and triple.kind not in ("apposition", "role"):
            triple = dataclasses.replace(triple, attributed_to=best)
        out.append(triple)
    return out
