"""A parsed Doc's tokens as one list, made once while the pipeline reads the Doc.

spaCy makes a new `Token` object on every ``doc[i]``, every step through a Doc or a Span
and every ``token.head``, and a new string on every ``.text`` or ``.lemma_``; extraction
and resolution walk the whole Doc many times (clauses, quotation marks, names, role
words, pronouns). cProfile blames those objects for much of the time, but measured
without it (CPU time, interleaved) one list per Doc saves little: the cost of the rules
and of resolution is spread thinly over Python code. Inside ``with reading(doc):`` (the ``kg_triples`` component and
`kg.pipeline.claims_of` open one) `tokens(doc)` is one list made once per Doc, and
`texts` / `lemmas` its words; outside one `tokens` is the Doc itself (the same values at
the old cost) and the word lists are made afresh.

Tokens are fresh objects: compare them by ``.i``, never with ``is``.

Examples:
    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline()("Iran attacked Iraq.")
    >>> with reading(doc):
    ...     tokens(doc) is tokens(doc), texts(doc)
    (True, ['Iran', 'attacked', 'Iraq', '.'])
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar

from spacy.tokens import Doc, Span, Token

__all__ = ["lemmas", "reading", "span_tokens", "texts", "tokens"]


class _Table:
    """One Doc's tokens and the word lists read from them, each made on first use."""

    __slots__ = ("doc", "lemmas", "texts", "tokens")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens: list[Token] = list(doc)
        self.texts: list[str] | None = None
        self.lemmas: list[str] | None = None


_READING: ContextVar[_Table | None] = ContextVar("kg_reading", default=None)


def _table(doc: Doc) -> _Table | None:
    table = _READING.get()
    return table if table is not None and table.doc is doc and len(table.tokens) == len(doc) else None


@contextlib.contextmanager
def reading(doc: Doc) -> Iterator[None]:
    """Keep `doc`'s token list for the calls made inside the block (nested blocks share it)."""
    if _table(doc) is not None:
        yield
        return
    token = _READING.set(_Table(doc))
    try:
        yield
    finally:
        _READING.reset(token)


def tokens(doc: Doc) -> Sequence[Token]:
    """The Doc's tokens to index and walk: one list inside a `reading` block, else the Doc itself."""
    table = _table(doc)
    return table.tokens if table is not None else doc


def span_tokens(span: Span) -> Sequence[Token]:
    """The span's tokens to walk: a slice of the Doc's list inside a `reading` block, else the span."""
    table = _table(span.doc)
    return table.tokens[span.start : span.end] if table is not None else span


def texts(doc: Doc) -> list[str]:
    """The text of each token of `doc` (shared inside a `reading` block: never change it)."""
    return _words(doc, "texts", "text")


def lemmas(doc: Doc) -> list[str]:
    """The lemma of each token of `doc` (shared inside a `reading` block: never change it)."""
    return _words(doc, "lemmas", "lemma_")


def _words(doc: Doc, column: str, attribute: str) -> list[str]:
    """One attribute of every token: kept in the block's table under `column`, else made afresh."""
    table = _table(doc)
    if table is None:
        return [getattr(t, attribute) for t in doc]
    if getattr(table, column) is None:
        setattr(table, column, [getattr(t, attribute) for t in table.tokens])
    return getattr(table, column)
