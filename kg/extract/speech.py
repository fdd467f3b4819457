"""Doc → Triple, reported speech: who says what, and whose word each claim is.

A speech or cognition verb with a clausal complement ("Khamenei said that the U.S.
pursues a policy of maximum pressure") gives two kinds of extraction: the speech act
itself, (Khamenei, say, that the U.S. pursues ...), kind ``"speech"``, and the reported
clause's own extractions, each with ``attributed_to`` set to the speaker. Quotations
that come first (“..., ” Khamenei said) and "according to X" are attributed the same way.

Reported speech nests ("Khamenei said the officials announced that we would not take
part"); the claim is attributed to the outermost speaker, the one the article quotes, and
the inner report stays an extraction of its own ("Lots of ministers believe ..., an aide
said": (Lots of ministers, believe, ...) attributed to the aide).

Speakers are found through "X said/told/added", "X is heard saying", "X was quoted as
saying", "with X saying", "according to X" and "X said:". `quotes` is the one finder of
direct quotations and their speakers (``doc._.quotes``; actors and events read it): a
quotation reaches only as far as its marks, runs into the next paragraph only where it is
left open and reopened there, and a sentence after it is the speaker's only where it
resumes the quotation; a narrative sentence is never attributed to the last speaker.

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

from spacy.tokens import Doc, Span, Token

from kg.extract.phrases import phrase, quote_marks, sentence_of
from kg.extract.tokens import span_tokens, tokens
from kg.types import Triple

__all__ = [
    "Quote", "REPORTING_VERBS", "SPEECH_VERBS", "TokenRanges", "attribute", "attribute_quotations", "is_speech_verb",
    "participle_owner", "quotations", "quotes", "speaker_of", "speakers",
]

#: Reporting verbs (lemmas): speech acts and stated beliefs.
SPEECH_VERBS = frozenset(
    """say tell add state claim announce declare assert insist stress emphasize emphasise
    warn note remark explain argue acknowledge admit concede confirm deny report reveal
    suggest conclude believe think know allege affirm reiterate maintain contend complain
    predict promise threaten vow pledge write tweet respond reply answer indicate
    describe estimate hope fear recall observe point ask""".split()
)


#: The one list of reporting verbs (lemmas); actors and events read this name.
REPORTING_VERBS = SPEECH_VERBS


def is_speech_verb(verb: Token) -> bool:
    """True where the verb reports speech or a stated belief ("said", "acknowledged")."""
    return verb.lemma_.lower() in SPEECH_VERBS


def _speaker(verb: Token, depth: int = 0) -> Span | None:
    """The subject of a speech verb; through "is heard *saying*", "was quoted as *saying*"."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1 and subjects[0].is_upper and subjects[0].i == subjects[0].sent.start:
        subjects = subjects[1:]  # a dateline the parser made a subject ("MOSCOW (AFP) - Lavrov told ...")
    for child in subjects:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ not in ("who", "that", "which"):
                return phrase(child)
            if verb.dep_ == "relcl":  # "a fighter who is heard saying"
                return phrase(verb.head)
    head = verb.head
    if depth > 3 or head is verb:
        return None
    if verb.dep_ == "conj":
        return _speaker(head, depth + 1)
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        return _speaker(participle_owner(verb), depth + 1)
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "ccomp", "oprd", "dep"):
        return _speaker(head, depth + 1)
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "with the coalition *saying* that ...", "a statement *saying* that ..."
        return phrase(head, drop=frozenset({verb.i}))
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head is not head:
        return _speaker(head.head, depth + 1)
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
    for token in span_tokens(sent):
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
        if not ids and _quoted(token):
            # “Will Iran accept the offer?” a diplomat asked: the quotation before the report,
            # which the parser may have made a sentence of its own
            first = token.left_edge.i
            start = sent.start if first > sent.start else sentence_of(sent.doc[first - 1]).start
            ids = TokenRanges([range(start, first)])
        if ids:
            reports.append((speaker, ids))
    return reports


def _subtree(token: Token) -> range:
    """The indices of the token's subtree: from its left edge to its right edge (parses are projective)."""
    return range(token.left_edge.i, token.right_edge.i + 1)


_OPEN = frozenset({"“", "``", "«"})
_CLOSE = frozenset({"”", "''", "»"})
_CACHE = "kg.quotes"


@dataclasses.dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who says it.

    Attributes:
        span: The quoted words, the quotation marks excluded.
        speaker: The speaker's phrase, or None where the article names none.
        carried: True where the quotation goes on from the paragraph before (left open
            there, reopened here).
    """

    span: Span
    speaker: Span | None
    carried: bool = False


def _closing(token: Token) -> bool:
    # A closing quotation mark: a right one, or a straight one with an odd count before it.
    if not token.is_quote:
        return False
    if token.text in ("”", "’", "''", "»"):
        return True
    if token.text in ("“", "‘", "``", "«"):
        return False
    marks = quote_marks(token.doc, token.text)
    return (bisect.bisect_left(marks, token.i) - bisect.bisect_left(marks, sentence_of(token).start)) % 2 == 1


def _quoted(verb: Token) -> bool:
    # “..., ” he said: the speech verb's clause follows a closing quotation mark.
    doc = verb.doc
    k = verb.left_edge.i - 1
    while k >= 0 and doc[k].is_punct and not doc[k].is_quote:
        k -= 1
    return k >= 0 and _closing(doc[k])


def _paragraph_break(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _marks(doc_or_span) -> list[tuple[int, int, bool]]:
    """(start, end, carried) of each quotation; `carried` where it goes on from the paragraph before.

    Newswire convention: a quotation that runs into the next paragraph is left open at the
    end of the first and reopened at the start of the next. So an open quotation ends with
    its paragraph, and one that opens the next paragraph carries it on.
    """
    spans: list[tuple[int, int, bool]] = []
    opened: int | None = None
    carried = pending = False
    for token in _tokens_of(doc_or_span):
        text = token.text
        if text in _OPEN or (text == '"' and opened is None):
            if opened is not None:  # a left mark inside an open quotation: the first was never closed
                spans.append((opened + 1, token.i, carried))
            carried = pending and (not spans or _only_space(token.doc, spans[-1][1], token.i))
            opened, pending = token.i, False
        elif text in _CLOSE or text == '"':
            if opened is not None:
                spans.append((opened + 1, token.i, carried))
            opened, pending = None, False
        if _paragraph_break(token) and opened is not None and token.i > opened:
            end = token.i + (0 if token.is_space else 1)
            spans.append((opened + 1, end, carried))
            opened, pending = None, True
    if opened is not None:
        spans.append((opened + 1, doc_or_span[-1].i + 1, carried))
    return [(a, b, c) for a, b, c in spans if b > a]


def _tokens_of(doc_or_span) -> list[Token]:
    return tokens(doc_or_span) if isinstance(doc_or_span, Doc) else span_tokens(doc_or_span)


def _only_space(doc, start: int, end: int) -> bool:
    return all(t.is_space or t.is_punct and not t.is_quote for t in doc[start:end])


def quotations(doc_or_span) -> list[tuple[int, int]]:
    """(start, end) token indices of each quotation, its marks excluded.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()('He said, “We will not talk.” Then he left.')
        >>> quotations(doc)
        [(4, 9)]
    """
    return [(a, b) for a, b, _ in _marks(doc_or_span)]


def _continues(doc, closing: int, start: int) -> bool:
    """Whether a quotation opening at `start` directly follows the report that closed at `closing`.

    Notes:
        Newswire convention: a quotation resumed right after "..., Khamenei said." is the
        same speaker's, and is not re-attributed.
    """
    k = start - 2  # the token before the opening mark
    while k > closing and doc[k].is_space:
        k -= 1
    return k >= closing and sentence_of(doc[k]).start <= closing


def _colon_speaker(doc, start: int) -> Span | None:
    """The speaker of "X said:" right before a quotation's opening mark."""
    k = start - 2
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0 or doc[k].text != ":":
        return None
    for token in reversed(doc[sentence_of(doc[k]).start : k]):
        if token.pos_ in ("VERB", "AUX") and is_speech_verb(token):
            return _speaker(token)
    return None


def _find_quotes(doc: Doc) -> list[Quote]:
    reports: dict[int, list[tuple[Span, TokenRanges]]] = {}
    found: list[Quote] = []
    previous: tuple[int, Span] | None = None  # (end, speaker) of the last quotation with a speaker
    for start, end, carried in _marks(doc):
        owner = None
        sents = {}
        for k in (start, end - 1, end, end + 1):
            if k < len(doc):
                sent = sentence_of(doc[k])
                sents[sent.start] = sent
        for key, sent in sorted(sents.items()):
            if key not in reports:
                reports[key] = speakers(sent)
            for speaker, ids in reports[key]:
                if ids.overlaps(start, end) and not (start <= speaker.start < end):
                    owner = speaker
                    break
            if owner is not None:
                break
        if owner is None and previous is not None and (carried or _continues(doc, previous[0], start)):
            owner = previous[1]
        if owner is None:
            owner = _colon_speaker(doc, start)
        found.append(Quote(doc[start:end], owner, carried))
        previous = (end, owner) if owner is not None else None
    for n in range(len(found) - 2, -1, -1):
        # a quotation left open at a paragraph's end, its speaker named in the paragraph that carries it on
        if found[n].speaker is None and found[n + 1].carried and found[n + 1].speaker is not None:
            found[n] = dataclasses.replace(found[n], speaker=found[n + 1].speaker)
    return found


def quotes(doc: Doc) -> list[Quote]:
    """Every direct quotation of the document with its speaker: the one finder of quotations.

    A quotation is owned by the report in its own sentences (“...,” Khamenei said;
    Khamenei said, “...”), else it carries on the one before: into the next paragraph
    (left open, reopened) or resumed right after the sentence that named the speaker
    (“A,” he said. “B.”), else it follows "X said:"; a quotation left open at the end of
    a paragraph takes the speaker named where it goes on. Other quotations have no speaker,
    and nothing outside the quotation marks is attributed through them. The result is
    computed once per Doc and kept in ``doc.user_data`` (``doc._.quotes`` reads it).

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()('“We will not talk,” Khamenei said. “Never.” Then he left.')
        >>> [(q.span.text, q.speaker.text) for q in quotes(doc)]
        [('We will not talk,', 'Khamenei'), ('Never.', 'Khamenei')]
    """
    cached = doc.user_data.get(_CACHE)
    if cached is None:
        cached = [
            [q.span.start, q.span.end, q.carried, *([q.speaker.start, q.speaker.end] if q.speaker is not None else [])]
            for q in _find_quotes(doc)
        ]
        doc.user_data[_CACHE] = cached
    return [Quote(doc[c[0] : c[1]], doc[c[3] : c[4]] if len(c) == 5 else None, c[2]) for c in cached]


def speaker_of(token: Token) -> Span | None:
    """Who says the clause `token` stands in: the innermost report of its sentence whose
    content holds it ("Iran said it would attack": Iran; "Khamenei said the officials
    announced that we would not talk": the officials), else the speaker of the direct
    quotation it lies in (`quotes`); None where the article says it itself.

    Later stages look speakers up here (events: the source of a reported act).

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Khamenei said the officials announced that we would not talk.")
        >>> speaker_of(doc[9]).text
        'the officials'
    """
    best: tuple[int, Span] | None = None
    for speaker, ids in speakers(sentence_of(token)):
        if token.i in ids and not speaker.start <= token.i < speaker.end and (best is None or len(ids) < best[0]):
            best = (len(ids), speaker)
    if best is not None:
        return best[1]
    return next((q.speaker for q in quotes(token.doc) if q.span.start <= token.i < q.span.end), None)


def attribute_quotations(triples: Sequence[Triple], doc_or_span) -> list[Triple]:
    """Attribute what lies in a quotation to its speaker, across sentences (see `quotes`)."""
    doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
    owners = [(q.span.start, q.span.end, q.speaker) for q in quotes(doc) if q.speaker is not None]
    if not owners:
        return list(triples)
    out = []
    for triple in triples:
        if triple.kind not in ("apposition", "role"):
            inner = triple.attributed_to
            for start, end, speaker in owners:
                if not start <= triple.predicate < end:
                    continue
                if inner is None and not (start <= triple.subject.start < end and triple.kind == "speech"):
                    triple = dataclasses.replace(triple, attributed_to=speaker)
                elif inner is not None and start <= inner.start < end or triple.kind == "speech" and inner is None:
                    # “I do not think it will work,” she said: the quotation's speaker is the outer layer
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


#: Participles of the one who reports, besides the speech verbs ("*citing* officials").
_SOURCE_PARTICIPLES = frozenset({"cite", "speak", "quote", "refer"})


def _reporter_participle(verb: Token) -> bool:
    """A participle of reporting: "*saying* ...", "*citing* ...", not "*responding to* rockets"."""
    if verb.lemma_.lower() in _SOURCE_PARTICIPLES:
        return True
    return is_speech_verb(verb) and not any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)


def participle_owner(verb: Token) -> Token:
    """The verb whose subject a comma-led participle clause shares, across a report.

    The parser hangs the participle on the nearest verb; around a report that is often the
    wrong one. "X said that Turkey would not halt the offensive, *saying* ...": a speech
    participle after the reported clause is the reporter's (X says). "North Korea fired a
    missile, the military said, *defying* sanctions": any other participle after a reporting
    verb set after its report is the reported clause's (North Korea defies).
    """
    head = verb.head
    if verb.tag_ != "VBG" or verb.left_edge.i == 0 or verb.doc[verb.left_edge.i - 1].text != ",":
        return head
    if _reporter_participle(verb):
        if head.dep_ == "ccomp" and head.head.i < head.i and is_speech_verb(head.head):
            return head.head
        return head
    if is_speech_verb(head) and head.dep_ == "parataxis" and head.head.pos_ in ("VERB", "AUX") and head.head.i < head.i:
        return head.head
    report = next((c for c in head.children if c.dep_ == "ccomp" and c.i < head.i), None)
    if is_speech_verb(head) and report is not None:
        return report
    return head
