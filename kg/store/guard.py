"""SPARQL text → checked SPARQL text: a query reads this store and nothing else.

Every query `kg.store.Store.query` runs passes `check_query` first, on every backend:

1. **Size before any parse.** At most `MAX_QUERY_CHARS` characters, groups and brackets
   nested at most `MAX_NESTING` deep, at most `MAX_OPERATORS` operators (IRIs count their ``<``, ``>`` and ``/``). A parser that
   recurses per level (rdflib's, Oxigraph's) runs out of stack on thousands of nested
   ``{ }`` or a chain of thousands of ``+``: Oxigraph then ends the whole process.
2. **No other source.** ``SERVICE`` makes the machine send requests, ``FROM`` /
   ``FROM NAMED`` makes rdflib read a file or a URL, ``LOAD`` does both. A query whose
   text holds none of these words anywhere (in any letter case, inside any other word,
   after decoding ``\\u`` escapes) cannot use them, in any engine. One that holds one is
   parsed by rdflib, the engine of the memory and file stores: it runs only if it parses
   and the parse has no such clause. A query rdflib cannot read that names one of the
   words (Oxigraph reads more: ``LATERAL``, RDF-star) is refused, since nothing then shows
   the word is only inside a string or a name.

Notes:
    A keyword is looked for as a bare substring, not as a word, because Oxigraph reads
    ``?o 1SERVICE <x> {}`` as a number followed by SERVICE; and not with a lexer that
    skips strings, IRIs and comments, because which of those a ``<`` or ``#`` starts
    depends on the grammar around it (``FILTER(?a<?b)SERVICE?s#>`` is a comparison, a
    SERVICE and a comment to Oxigraph, and one IRI to a lexer).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from kg.errors import QueryError

__all__ = ["MAX_NESTING", "MAX_OPERATORS", "MAX_QUERY_CHARS", "check_query", "query_size"]

#: Longest query text accepted (characters); the named queries are under 2,000.
MAX_QUERY_CHARS = 20_000
#: Deepest nesting of ``{ ( [`` accepted.
MAX_NESTING = 64
#: Most operators (``+ - * / | & = < > ! ^``, ``UNION``, ``MINUS``) accepted.
MAX_OPERATORS = 3_000

_OUTSIDE = re.compile(r"SERVICE|FROM|LOAD", re.IGNORECASE)
# The local part of a prefixed name (kg:wasDerivedFrom): what any SPARQL lexer takes whole
# after a colon, in ASCII, never starting with "." or "-" nor ending with "."
_LOCAL_NAME = re.compile(r":[A-Za-z0-9_:](?:[A-Za-z0-9_.:-]*[A-Za-z0-9_:-])?")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPERATOR = re.compile(r"[-+*/|&=<>!^]|UNION|MINUS", re.IGNORECASE)
_OPEN = frozenset("{([")
_CLOSE = frozenset("})]")
#: rdflib parse-tree names of the clauses that read outside the store.
_REFUSED = {
    "ServiceGraphPattern": "SERVICE",
    "DatasetClause": "FROM (and FROM NAMED)",
    "Load": "LOAD",
}


def query_size(sparql: str) -> tuple[int, int]:
    """(deepest nesting, operators) of a query text, by counting characters: no parse.

    Brackets inside strings count too (a query with ``"((("`` in a string is measured
    a little deeper than it is); a closing bracket never takes the depth below zero.

    Examples:
        >>> query_size("SELECT ?s WHERE { { ?s ?p ?o } FILTER(?o > 1) }")
        (2, 1)
    """
    depth = deepest = 0
    for char in sparql:
        if char in _OPEN:
            depth += 1
            if depth > deepest:
                deepest = depth
        elif char in _CLOSE and depth:
            depth -= 1
    return deepest, len(_OPERATOR.findall(sparql))


def _decoded(sparql: str) -> str:
    r"""The text with ``\u`` and ``\U`` escapes decoded (repeatedly, so escaped escapes too)."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    for _ in range(4):
        decoded = _ESCAPE.sub(char, sparql)
        if decoded == sparql:
            break
        sparql = decoded
    return sparql


def _syntax_names(node: Any, found: set[str]) -> set[str]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        found.add(node.name)
        for value in node.values():
            _syntax_names(value, found)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            _syntax_names(value, found)
    return found


def check_query(sparql: str) -> None:
    """Refuse a query that is too large to parse safely or could read outside the store.

    Args:
        sparql: The query text, as the engine will get it.

    Raises:
        QueryError: Too long, too deeply nested, too many operators; or the query names
            SERVICE, FROM or LOAD in a clause, or names one of the words and does not parse
            as SPARQL 1.1 (see the module's notes).

    Examples:
        >>> check_query('SELECT ?s WHERE { ?s ?p "from Tehran" }')
        >>> check_query("SELECT * WHERE { SERVICE <http://127.0.0.1/x> { ?s ?p ?o } }")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: SERVICE is refused: a query reads this store and nothing else
        >>> check_query("SELECT * WHERE " + "{" * 3000 + "}" * 3000)
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: query nested 3000 deep; at most 64 is accepted
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(f"query of {len(sparql):,} characters; at most {MAX_QUERY_CHARS:,} are accepted")
    depth, operators = query_size(sparql)
    if depth > MAX_NESTING:
        raise QueryError(f"query nested {depth} deep; at most {MAX_NESTING} is accepted")
    if operators > MAX_OPERATORS:
        raise QueryError(f"query with {operators:,} operators; at most {MAX_OPERATORS:,} are accepted")
    words = tuple(sorted({m.group().upper() for m in _OUTSIDE.finditer(_LOCAL_NAME.sub(":", _decoded(sparql)))}))
    if words:  # else no engine can read a clause whose keyword is not written
        _check_clauses(sparql, words)


@functools.lru_cache(maxsize=512)
def _check_clauses(sparql: str, words: tuple[str, ...]) -> None:
    """Parse with rdflib and refuse SERVICE, FROM and LOAD clauses (the answer kept per text)."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        names = _syntax_names(parseQuery(sparql), set())
    except Exception as exc:  # pyparsing's and rdflib's many errors
        if isinstance(exc, (KeyboardInterrupt, MemoryError)):
            raise
        raise QueryError(
            f"query refused: it contains {' and '.join(words)} and is not SPARQL 1.1 that can be checked "
            "(a query reads this store and nothing else; write it without LATERAL or RDF-star, or rename "
            "what contains the word)"
        ) from exc
    for name, clause in _REFUSED.items():
        if name in names:
            raise QueryError(f"{clause} is refused: a query reads this store and nothing else")
