"""Long documents: parsed in pieces, built in parts; and texts the pipeline cannot read.

spaCy refuses a text over ``nlp.max_length`` (E088), and its parser's time and memory
grow with the length of what it is given at once: a 5 MB report, or a megabyte on one
line with no full stop, ends in an error or takes gigabytes. A text over `CHUNK_CHARS`
is cut at paragraph breaks, else at sentence ends, else at spaces, else at the cap itself,
and the pieces are tagged and parsed one at a time.

`parse_texts` joins a long text's pieces back into one `Doc` whose text is the document's
to the character, and only then runs ``kg_triples`` over the whole (quotations and their
speakers are found across the pieces); its memory grows with the text. `parse_parts`
instead yields the pieces in parts of `PART_PIECES`, each joined and given its triples
alone, in a spaCy memory zone that frees the words the part brought to the vocabulary;
`kg.pipeline.long_document_nquads` keeps only each part's N-Quads (what ``kg build`` loads
into the store part by part), and ``kg extract`` each part's lines (`parse_document_parts`):
their memory is one part's, whatever the length of the text.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from kg.types import Claim, Document

__all__ = [
    "CHUNK_CHARS", "PART_PIECES", "chunks", "memory_zone", "parse_document_parts", "parse_documents", "parse_parts",
    "parse_texts", "unread_script", "warn_unread",
]

log = logging.getLogger(__name__)

#: Longest piece of text parsed at once (characters); news articles are shorter and parse whole.
CHUNK_CHARS = 20_000

#: Pieces joined into one part by `parse_parts` (a part is at most this many `CHUNK_CHARS`).
PART_PIECES = 5

#: Where a text may be cut, best first: after a blank line, after a sentence end, after a space.
_BREAKS = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"[.!?][\"'”’»)\]]*\s+"),
    re.compile(r"\s+"),
)
_LATER = ("kg_triples",)  # components run on the joined Doc, not on the pieces


def chunks(text: str, *, limit: int = CHUNK_CHARS) -> list[str]:
    """Cut `text` into pieces of at most `limit` characters that join back into `text`.

    Examples:
        >>> chunks("One. Two.\\n\\nThree four.", limit=12)
        ['One. Two.\\n\\n', 'Three four.']
        >>> "".join(chunks("x" * 25, limit=10)) == "x" * 25
        True
    """
    return list(_cut(text, limit, 0))


def _cut(text: str, limit: int, level: int) -> Iterator[str]:
    if len(text) <= limit:
        yield text
        return
    if level == len(_BREAKS):  # no break anywhere: cut at the cap
        for start in range(0, len(text), limit):
            yield text[start : start + limit]
        return
    ends = [m.end() for m in _BREAKS[level].finditer(text) if m.end() < len(text)]
    parts = [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)])]
    piece = ""
    for part in parts:
        if len(piece) + len(part) <= limit:
            piece += part
            continue
        if piece:
            yield piece
        if len(part) <= limit:
            piece = part
        else:
            yield from _cut(part, limit, level + 1)
            piece = ""
    if piece:
        yield piece


def _parse_pieces(nlp: Language, pieces: Iterable[str]) -> Iterator[Doc]:
    """Each piece tagged and parsed alone (batches of pieces this long only add memory), without vectors."""
    later = [name for name in _LATER if nlp.has_pipe(name)]
    with nlp.select_pipes(disable=later):
        for piece in nlp.pipe(pieces, batch_size=1):
            piece.tensor = numpy.zeros((0,), dtype="float32")  # no vectors kept: bounded memory
            yield piece


def _joined(nlp: Language, pieces: list[Doc]) -> Doc:
    doc = Doc.from_docs(pieces, ensure_whitespace=False) if len(pieces) > 1 else pieces[0]
    for name in _LATER:
        if nlp.has_pipe(name):
            doc = nlp.get_pipe(name)(doc)
    return doc


def _parse_long(nlp: Language, text: str, limit: int) -> Doc:
    return _joined(nlp, list(_parse_pieces(nlp, chunks(text, limit=limit))))


def parse_parts(
    nlp: Language, text: str, *, limit: int = CHUNK_CHARS, pieces: int = PART_PIECES
) -> Iterator[tuple[int, Doc]]:
    """A long text parsed part by part: `pieces` pieces of at most `limit` characters each.

    Each part is parsed in a spaCy memory zone (`spacy.language.Language.memory_zone`):
    the words and strings new to the vocabulary that the part brought are freed when the
    next part is asked for, so the vocabulary does not grow with the text. A part's `Doc`,
    and its tokens and spans, are valid only until then: take from it what is kept (texts,
    claims as records, N-Quads) while it is current.

    Yields:
        ``(offset, doc)``: where the part starts in `text` (characters) and the part parsed,
        with its triples; the parts' texts join back into `text`.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> text = "Iran rejected the talks. " * 4
        >>> [(offset, doc.text) for offset, doc in parse_parts(load_pipeline(), text, limit=50, pieces=1)]
        [(0, 'Iran rejected the talks. Iran rejected the talks. '), (50, 'Iran rejected the talks. Iran rejected the talks. ')]
    """
    cut = chunks(text, limit=limit)
    offset = 0
    for start in range(0, len(cut), max(pieces, 1)):
        part = cut[start : start + max(pieces, 1)]
        with memory_zone(nlp):
            yield offset, _joined(nlp, list(_parse_pieces(nlp, part)))
        offset += sum(map(len, part))


def memory_zone(nlp: Language) -> contextlib.AbstractContextManager:
    """``nlp.memory_zone()``, or nothing where one is already open (zones do not nest).

    Strings and lexemes new to the vocabulary inside the zone are freed when it closes: no
    `Doc`, `Span` or `Token` made inside may be used after it.
    """
    if nlp.vocab.in_memory_zone:
        return contextlib.nullcontext()
    return nlp.memory_zone()


def parse_texts(nlp: Language, texts: Iterable[str], *, batch_size: int = 32, limit: int = CHUNK_CHARS) -> Iterator[Doc]:
    """``nlp.pipe(texts)``, except that a text over `limit` characters is parsed in pieces.

    Yields:
        One `Doc` per text, in order; ``doc.text`` is always the text given.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> text = "Iran rejected the talks. " * 3
        >>> [doc.text == text for doc in parse_texts(load_pipeline(), [text], limit=30)]
        [True]
    """
    waiting: list[str] = []
    for text in texts:
        if len(text) <= limit:
            waiting.append(text)
            if len(waiting) >= batch_size:
                yield from nlp.pipe(waiting, batch_size=batch_size)
                waiting = []
            continue
        if waiting:
            yield from nlp.pipe(waiting, batch_size=batch_size)
            waiting = []
        yield _parse_long(nlp, text, limit)
    if waiting:
        yield from nlp.pipe(waiting, batch_size=batch_size)


def parse_document_parts(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 32, limit: int = CHUNK_CHARS,
    pieces: int = PART_PIECES,
) -> Iterator[tuple[Document, int, Doc]]:
    """Each document with its parse, a document over `limit` characters part by part (`parse_parts`).

    Documents up to `limit` go through ``nlp.pipe`` in batches, each batch in a memory zone
    (`memory_zone`) like a long document's parts: a `Doc` yielded is valid only until the
    next one of another batch or part is asked for, so the vocabulary stays the size of
    one batch's or part's new words however much is read.

    Yields:
        ``(document, offset, doc)`` in input order: a short document once, at offset 0; a long
        one once per part, its first part at offset 0.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> documents = [Document("a", "Iran rejected the talks."), Document("b", "Iraq agreed. " * 4)]
        >>> parsed = parse_document_parts(load_pipeline(), documents, limit=30, pieces=1)
        >>> [(d.id, offset, len(doc)) for d, offset, doc in parsed]
        [('a', 0, 5), ('b', 0, 6), ('b', 26, 6)]
    """
    waiting: list[Document] = []

    def batch() -> Iterator[tuple[Document, int, Doc]]:
        with memory_zone(nlp):
            for document, doc in zip(waiting, nlp.pipe([d.text for d in waiting], batch_size=batch_size)):
                yield document, 0, doc

    for document in documents:
        if len(document.text) <= limit:
            waiting.append(document)
            if len(waiting) >= batch_size:
                yield from batch()
                waiting = []
            continue
        if waiting:
            yield from batch()
            waiting = []
        for offset, doc in parse_parts(nlp, document.text, limit=limit, pieces=pieces):
            yield document, offset, doc
    if waiting:
        yield from batch()


def unread_script(text: str, *, sample: int = 5_000) -> str | None:
    """The script most of the text's letters are in, where that is not Latin (the pipeline reads English).

    Looks at the first `sample` letters. None where at least half are Latin.

    Examples:
        >>> unread_script("رفضت إيران المحادثات"), unread_script("Iran rejected talks."), unread_script("伊朗拒绝谈判")
        ('ARABIC', None, 'CJK')
    """
    scripts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "UNKNOWN").split()[0]
        scripts[name] = scripts.get(name, 0) + 1
        letters += 1
        if letters >= sample:
            break
    if not letters or scripts.get("LATIN", 0) * 2 >= letters:
        return None
    return max((n, s) for s, n in scripts.items() if s != "LATIN")[1]


def warn_unread(document: Document, claims: Sequence[Claim]) -> None:
    """Say so where nothing was extracted because the text is not in a script the pipeline reads."""
    if not claims and (script := unread_script(document.text)):
        log.warning("%s: nothing extracted: the text is mostly in %s script, and the pipeline reads English",
                    document.id, script.title())


def parse_documents(nlp, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[tuple[Document, Doc]]:
    """Each document with its parse, reading the documents once, a batch ahead of the parser."""
    pending: collections.deque[Document] = collections.deque()

    def texts() -> Iterator[str]:
        for document in documents:
            pending.append(document)
            yield document.text

    for doc in parse_texts(nlp, texts(), batch_size=batch_size):
        yield pending.popleft(), doc
