"""The query guard: a query reads the store and nothing else (no SERVICE, no FROM / FROM NAMED)."""

from __future__ import annotations

import re
from typing import Any

from kg.errors import QueryError

__all__ = ["refuse_outside_reads"]


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


# A query can name another source only with one of these words (or hides one behind a \u
# escape); one that has none needs no parse to be let through (the parse costs 8-28 ms).
_MAY_READ_OUTSIDE = re.compile(r"\\[uU]|\b(?:SERVICE|FROM)\b", re.IGNORECASE)


def refuse_outside_reads(sparql: str) -> None:
    """Refuse SERVICE and FROM / FROM NAMED: a query reads this store and nothing else.

    Without this, ``FROM <file:///...>`` reads local files and ``SERVICE <http://...>``
    makes requests from the machine, through `kg query` and the read-only endpoint alike.

    Raises:
        QueryError: The query names another source of data.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    if not _MAY_READ_OUTSIDE.search(sparql):  # neither keyword is written: nothing to parse for
        return
    try:
        names = _syntax_names(parseQuery(sparql), set())
    except Exception:  # malformed: the engine's own error says more
        return
    if "ServiceGraphPattern" in names:
        raise QueryError("SERVICE is refused: a query reads this store and nothing else")
    if "DatasetClause" in names:
        raise QueryError("FROM and FROM NAMED are refused: a query reads this store and nothing else")
