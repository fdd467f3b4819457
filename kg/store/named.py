"""Named SPARQL queries: the ``kg/store/queries/*.rq`` files, with typed parameters.

A query file starts with comment lines: the first is its description, then one
``# param: NAME TYPE  description`` line per parameter (TYPE is ``string``, ``date``,
``integer``, ``iri`` or ``country``: a country's ISO 3166-1 alpha-3 code, given as the code
or as a name the gazetteer knows, "Iran" or "IRN"). In the query, ``$NAME`` stands for the parameter; it is replaced
by the value written as a SPARQL term (a quoted, escaped literal or an ``<iri>``), so a
value can never change the query's shape.

Shared blocks live once, in ``kg/store/queries/fragments/NAME.rq``; a query takes one in with
a line of its own, ``INCLUDE NAME(ARG, ...)`` (see `compose`). The library's own reads (the
network, the tables, the summary) are ``kg/store/queries/views/NAME.rq``, run by name with
`view_query`; they take no parameters and are not listed among the named queries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.errors import QueryError

__all__ = ["NamedQuery", "Param", "compose", "named_queries", "prologue", "run_named", "view_query"]

_PARAM_LINE = re.compile(r"^#\s*param:\s*(\w+)\s+(string|date|integer|iri|country)\s*(.*)$")
_PLACEHOLDER = re.compile(r"\$(\w+)")
_INCLUDE = re.compile(r"^([ \t]*)INCLUDE[ \t]+([\w-]+)[ \t]*\(([^()]*)\)[ \t]*$", re.MULTILINE)
_ARGS_LINE = re.compile(r"^#\s*args:\s*(.*)$")


def _read(folder: str) -> dict[str, str]:
    """``NAME.rq`` → its text, for the files of `folder` under ``kg/store/``."""
    found = {}
    for entry in sorted(files("kg.store").joinpath(folder).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            found[entry.name[: -len(".rq")]] = entry.read_text(encoding="utf-8")
    return found


@cache
def _fragments() -> dict[str, tuple[tuple[str, ...], str]]:
    """Fragment name → (its ``?argument`` names, its body without the comment lines)."""
    fragments = {}
    for name, text in _read("queries/fragments").items():
        lines = text.splitlines()
        args: tuple[str, ...] = ()
        for line in lines:
            match = _ARGS_LINE.match(line)
            if match:
                args = tuple(match.group(1).split())
        body = "\n".join(line for line in lines if not line.startswith("#"))
        fragments[name] = (args, body)
    return fragments


def compose(text: str) -> str:
    r"""A query's text with each ``INCLUDE NAME(ARG, ...)`` line replaced by its fragment.

    A fragment (``kg/store/queries/fragments/NAME.rq``) declares its arguments in a comment
    line, ``# args: ?one ?two``; each is replaced, as a whole variable, by the text given in
    its place (a variable, an IRI or a property path), every other variable of the fragment is
    kept as written, and the lines are indented as the ``INCLUDE`` line is. Fragments include
    no fragments. An ``INCLUDE`` left unexpanded is not SPARQL, so a query that skipped this
    step fails to parse rather than running without its block.

    Raises:
        QueryError: An unknown fragment, or the wrong number of arguments.

    Examples:
        >>> print(compose("{\n  ?event kg:source ?id .\n  INCLUDE canonical(?id, ?source, ?same)\n}"))
        {
          ?event kg:source ?id .
          OPTIONAL { ?id owl:sameAs ?same }
          BIND (COALESCE(?same, ?id) AS ?source)
        }
    """
    fragments = _fragments()

    def expand(match: re.Match) -> str:
        indent, name, given = match.group(1), match.group(2), match.group(3)
        if name not in fragments:
            raise QueryError(f"INCLUDE {name}: no fragment {name!r} (fragments: {', '.join(fragments)})")
        params, body = fragments[name]
        values = [value.strip() for value in given.split(",")] if given.strip() else []
        if len(values) != len(params):
            raise QueryError(f"INCLUDE {name}: takes {len(params)} argument(s) ({' '.join(params)}), got {len(values)}")
        if not params:
            return "\n".join(indent + line if line else line for line in body.splitlines())
        by_name = dict(zip(params, values))
        variable = re.compile("|".join(re.escape(p) + r"\b" for p in sorted(params, key=len, reverse=True)))
        body = variable.sub(lambda m: by_name[m.group(0)], body)  # all at once: a value is never replaced again
        return "\n".join(indent + line if line else line for line in body.splitlines())

    return _INCLUDE.sub(expand, text)


def prologue() -> str:
    """The PREFIX lines of kg's prefixes, for a query run where they are not declared (a bare rdflib graph).

    Examples:
        >>> prologue().splitlines()[0]
        'PREFIX kg: <https://w3id.org/kg/ontology#>'
    """
    from kg.ontology import PREFIXES

    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


@cache
def view_query(name: str) -> str:
    """The library's read ``kg/store/queries/views/NAME.rq``, composed, with kg's prefixes declared.

    What `kg.network.to_networkx`, the tables of `kg.store.table` and `kg.store.frames`, the
    actor identity and `KnowledgeGraph.summary` run, so it runs on any rdflib graph as on a store.

    Raises:
        QueryError: No such view.

    Examples:
        >>> "SELECT" in view_query("graph-summary")
        True
    """
    views = _read("queries/views")
    if name not in views:
        raise QueryError(f"unknown view query {name!r} (valid: {', '.join(views)})")
    return prologue() + compose(views[name])


def country_code(value: str, *, parameter: str = "country") -> str:
    """A country's ISO 3166-1 alpha-3 code, from the code or a name ("Iran", "the United States").

    Raises:
        QueryError: Neither a known code nor a known country name; the message names the nearest.

    Examples:
        >>> country_code("Iran"), country_code("irn"), country_code("United States")
        ('IRN', 'IRN', 'USA')
    """
    import difflib

    from kg.actors.gazetteer import default_gazetteer, tokenize

    gazetteer = default_gazetteer()
    text = " ".join(value.split())
    if text.upper() in gazetteer.states:
        return text.upper()
    names = {label: code for code, (label, _adj) in gazetteer.states.items()}
    by_lower = {label.lower(): code for label, code in names.items()}
    if text.lower().removeprefix("the ") in by_lower:
        return by_lower[text.lower().removeprefix("the ")]
    words = tokenize(text)
    for start in (0, 1) if words and words[0].lower() == "the" else (0,):
        hit = gazetteer.names.longest(words, start)
        if hit and hit[0] == len(words):
            countries = {e.country for e in hit[1] if getattr(e, "kind", "") in ("state", "adj") and e.country}
            if len(countries) == 1:
                return countries.pop()
    near = difflib.get_close_matches(text, list(names), n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(f'{n} ({names[n]})' for n in near)}?)" if near else ""
    raise QueryError(f"parameter {parameter!r}: {value!r} is not a country name or ISO 3166-1 alpha-3 code{hint}")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a named query."""

    name: str
    type: str
    description: str = ""

    def term(self, value: str) -> str:
        """The value as a SPARQL term, checked against the parameter's type.

        Examples:
            >>> Param("start", "date").term("2019-09-18")
            '"2019-09-18"^^<http://www.w3.org/2001/XMLSchema#date>'
            >>> Param("actor", "string").term('Iran" } DROP ALL #')
            '"Iran\\\\" } DROP ALL #"'
        """
        if self.type == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise QueryError(f"parameter {self.name!r}: {value!r} is not a date (YYYY-MM-DD)") from None
            return Literal(value, datatype=XSD.date).n3()
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value.strip()):
                raise QueryError(f"parameter {self.name!r}: {value!r} is not an integer")
            return Literal(int(value)).n3()
        if self.type == "country":
            return Literal(country_code(value, parameter=self.name)).n3()
        if self.type == "iri":
            if not re.fullmatch(r"[a-zA-Z][\w+.-]*:[^\s<>\"{}|^`\\]*", value):
                raise QueryError(f"parameter {self.name!r}: {value!r} is not an absolute IRI")
            return URIRef(value).n3()
        return Literal(value).n3()


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query from ``kg/store/queries/NAME.rq``."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str

    def render(self, values: Mapping[str, str] | None = None) -> str:
        """The query text with every ``$param`` replaced by its value.

        Raises:
            QueryError: A parameter is missing or unknown, or a value has the wrong type.

        Examples:
            >>> q = named_queries()["said-by"]
            >>> '"Ali Khamenei"' in q.render({"actor": "Ali Khamenei"})
            True
        """
        values = dict(values or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            valid = ", ".join(known) or "none"
            raise QueryError(f"named query {self.name!r} has no parameter {', '.join(unknown)} (parameters: {valid})")
        missing = [name for name in known if name not in values]
        if missing:
            raise QueryError(
                f"named query {self.name!r} needs --param {' --param '.join(f'{m}=...' for m in missing)}"
            )
        terms = {name: known[name].term(value) for name, value in values.items()}
        return _PLACEHOLDER.sub(lambda m: terms.get(m.group(1), m.group(0)), self.text)


def _parse(name: str, text: str) -> NamedQuery:
    description = ""
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _PARAM_LINE.match(line)
        if match:
            params.append(Param(match.group(1), match.group(2), match.group(3).strip()))
        elif not description:
            description = line.lstrip("#").strip()
    return NamedQuery(name, description, tuple(params), compose(text))


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``), sorted.

    Examples:
        >>> "who-rejected-what" in named_queries()
        True
    """
    return {name: _parse(name, text) for name, text in _read("queries").items()}


def named_query(name: str) -> NamedQuery:
    """The named query `name`.

    Raises:
        QueryError: No such query; the message lists the valid names.
    """
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"unknown named query {name!r} (valid: {', '.join(queries)})")
    return queries[name]


def run_named(store, name: str, params: Mapping[str, str] | None = None) -> Result:
    """Run a named query on a store.

    Args:
        store: A `kg.store.Store` (anything with ``.query(sparql)``).
        name: The query's name, e.g. ``"who-rejected-what"``.
        params: Parameter values as strings, e.g. ``{"actor": "Ali Khamenei"}``.

    Returns:
        rdflib's result.

    Raises:
        QueryError: Unknown query (the message lists the valid names), a missing or
            unknown parameter, or a value of the wrong type.

    Examples:
        >>> from kg.store import open_store
        >>> len(run_named(open_store(None), "negated-claims"))
        0
        >>> run_named(open_store(None), "nope")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: unknown named query 'nope' (valid: actors-by-degree, ...)
    """
    return store.query(named_query(name).render(params))
