"""SPARQL guard-rails: a misspelt ``kg:`` term or an undeclared prefix is an error that names the nearest.

A query that names ``kg:Claimm`` runs, matches nothing and returns 0 rows: nothing says
why. `check_query` reads the query's prefixed names (outside strings, IRIs and comments)
before it runs, and refuses a term the kg ontology does not define, or a prefix that is
neither declared in the query nor known to the store, with the closest valid names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from kg.errors import QueryError
from kg.ontology import KG

__all__ = ["check_query", "kg_terms"]

# What is not a prefixed name: comments, strings (long and short) and IRIs, in the order a lexer meets them.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
)
_TEMPLATE = re.compile(r"\bCONSTRUCT\s*\{[^{}]*\}", re.IGNORECASE)
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
# A prefixed name: PN_PREFIX? ':' PN_LOCAL, not preceded by a variable sign or a word character.
_PNAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:((?:[A-Za-z_\d][\w-]*(?:\.[\w-]+)*)?)")


def kg_terms() -> tuple[str, ...]:
    """Every class and property of the kg ontology (the local names after ``kg:``).

    Examples:
        >>> "Claim" in kg_terms() and "subjectActor" in kg_terms()
        True
    """
    return tuple(sorted(KG.__annotations__))


def _nearest(word: str, choices: list[str], n: int = 3) -> str:
    found = difflib.get_close_matches(word, choices, n=n, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in choices}
        found = [lowered[c] for c in difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)]
    return ", ".join(found)


def check_query(sparql: str, *, prefixes: Mapping[str, str]) -> None:
    """Refuse unknown ``kg:`` terms and undeclared prefixes, naming the nearest valid ones.

    Args:
        sparql: The query text.
        prefixes: Prefix → namespace IRI, as the store declares them for every query.

    Raises:
        QueryError: A prefix used but declared nowhere, or a term in the kg namespace
            the ontology does not define.

    Examples:
        >>> from kg.ontology import PREFIXES
        >>> known = {p: str(ns) for p, ns in PREFIXES.items()}
        >>> check_query("SELECT ?c WHERE { ?c a kg:Claim }", prefixes=known)
        >>> check_query("SELECT ?c WHERE { ?c a kg:Claimm }", prefixes=known)
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: kg:Claimm is not a term of the kg ontology (did you mean kg:Claim, kg:fromClaim?)
        >>> check_query("SELECT ?c WHERE { ?c a skso:Concept }", prefixes=known)
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: unknown prefix skso: (did you mean skos:?); declare it with PREFIX skso: <...>
    """
    declared = dict(prefixes)
    declared.update((m.group(1) or "", m.group(2)) for m in _PREFIX_DECL.finditer(sparql))
    body = _SKIP.sub(" ", _PREFIX_DECL.sub(" ", sparql))
    kg_namespace = str(KG._NS)
    terms = set(kg_terms())
    # A CONSTRUCT template may mint terms of its own; only what the query matches must exist.
    template = _TEMPLATE.search(body)
    minted = range(template.start(), template.end()) if template else range(0)
    for match in _PNAME.finditer(body):
        prefix, local = match.group(1) or "", match.group(2)
        if prefix not in declared:
            hint = _nearest(prefix, [p for p in declared if p])
            raise QueryError(
                f"unknown prefix {prefix}:" + (f" (did you mean {', '.join(h + ':' for h in hint.split(', '))}?)" if hint else "")
                + f"; declare it with PREFIX {prefix}: <...>"
            )
        if declared[prefix] == kg_namespace and local and local not in terms and match.start() not in minted:
            hint = _nearest(local, list(terms))
            name = f"{prefix}:{local}"
            raise QueryError(
                f"{name} is not a term of the kg ontology"
                + (f" (did you mean {', '.join(f'{prefix}:{h}' for h in hint.split(', '))}?)" if hint else "")
            )
