"""Documents → spaCy `Doc`, for texts of any length: long ones parsed in pieces and joined.

spaCy refuses a text over ``nlp.max_length`` (E088), and its parser's time and memory
grow with the length of what it is given at once: a 5 MB report, or a megabyte on one
line with no full stop, ends in an error or takes gigabytes. A text over `CHUNK_CHARS`
is cut at paragraph breaks, else at sentence ends, else at spaces, else at the cap itself;
the pieces are tagged and parsed one by one, joined back into one `Doc` whose text is the
document's to the character, and only then is ``kg_triples`` run over the whole (so
quotations and their speakers are still found across the pieces).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["CHUNK_CHARS", "chunks", "parse_texts", "unread_script"]

#: Longest piece of text parsed at once (characters); news articles are shorter and parse whole.
CHUNK_CHARS = 20_000

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


def _parse_long(nlp: Language, text: str, limit: int) -> Doc:
    later = [name for name in _LATER if nlp.has_pipe(name)]
    pieces = []
    with nlp.select_pipes(disable=later):
        for piece in nlp.pipe(chunks(text, limit=limit), batch_size=8):
            piece.tensor = numpy.zeros((0,), dtype="float32")  # the joined Doc keeps no vectors: bounded memory
            pieces.append(piece)
    doc = Doc.from_docs(pieces, ensure_whitespace=False)
    for name in later:
        doc = nlp.get_pipe(name)(doc)
    return doc


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
