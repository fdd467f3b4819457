"""RDF → tables for pandas: claims, events and actors as plain rows, and as DataFrames.

`claim_rows`, `actor_rows` (and `kg.store.table.event_rows`) read a kg graph into plain
Python values (`native`); `dataframe` makes a pandas DataFrame of them. pandas is optional:
``pip install 'kg[pandas]'``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from kg.ontology import local_name
from kg.store.actors import canonical_iris
from kg.store.named import view_query
from kg.store.table import _Queryable, _text
from kg.types import ACTOR_TYPE_ORDER

__all__ = ["ACTOR_COLUMNS", "CLAIM_COLUMNS", "actor_rows", "claim_rows", "dataframe", "native", "result_rows"]


#: Columns of `claim_rows`: those of ``kg extract``, flat, with the claim's document.
CLAIM_COLUMNS: tuple[str, ...] = (
    "doc", "sentence_id", "sentence", "subject", "relation", "relation_text", "object", "arguments",
    "negated", "modality", "condition", "attributed_to", "confidence", "kind", "subject_actor",
    "subject_actor_id", "object_actor", "object_actor_id", "date", "title", "url", "publisher", "claim",
)

#: Columns of `actor_rows`.
ACTOR_COLUMNS: tuple[str, ...] = (
    "actor", "name", "type", "code", "country", "sector", "aliases", "roles", "claims", "events",
)


def native(term: Any) -> Any:
    """An RDF term as a plain Python value: str, int, float, bool, date or None.

    IRIs and blank nodes become strings; typed literals their Python value, with
    ``xsd:decimal`` as float.

    Examples:
        >>> from rdflib import Literal, URIRef
        >>> from rdflib.namespace import XSD
        >>> native(Literal("0.85", datatype=XSD.decimal)), native(URIRef("https://x.org/a")), native(None)
        (0.85, 'https://x.org/a', None)
    """
    from decimal import Decimal

    from rdflib import Literal

    if term is None:
        return None
    if not isinstance(term, Literal):
        return str(term)
    value = term.toPython()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Literal):  # a datatype rdflib does not map
        return str(value)
    return value


def _joined(rdf_graph: _Queryable, view: str, canonical: dict[str, str] | None = None) -> dict[str, str]:
    """Item → its values, sorted and joined with "; " (the first two columns of the view query `view`).

    Items in `canonical` (a merged actor → its canonical actor) give their values to that one.
    """
    canonical = canonical or {}
    values: dict[str, set[str]] = {}
    for item, value, *_ in rdf_graph.query(view_query(view)):
        values.setdefault(canonical.get(str(item), str(item)), set()).add(str(value))
    return {item: "; ".join(sorted(found)) for item, found in values.items()}


def _or_none(value: Any) -> Any:
    value = native(value)
    return None if value == "" else value


def claim_rows(rdf_graph: _Queryable) -> list[dict[str, Any]]:
    """The claims of a kg graph, one dict per claim, with `CLAIM_COLUMNS` as keys.

    Values are plain Python (see `native`): ``negated`` a bool, ``confidence`` a float,
    ``date`` a ``datetime.date``, missing fields None; ``arguments`` are joined with "; ".

    Examples:
        >>> import rdflib
        >>> claim_rows(rdflib.Graph())
        []
    """
    arguments = _joined(rdf_graph, "claim-arguments")
    rows: dict[str, dict[str, Any]] = {}
    for r in rdf_graph.query(view_query("claim-table")):
        iri = str(r.claim)
        if iri in rows:
            continue
        rows[iri] = {
            "doc": _or_none(r.docId),
            "sentence_id": native(r.sentIndex),
            "sentence": " ".join(_text(r.sentence).split()) or None,
            "subject": _or_none(r.subject),
            "relation": _or_none(r.relation),
            "relation_text": _or_none(r.relationText),
            "object": _or_none(r.object) or "",
            "arguments": arguments.get(iri),
            "negated": str(r.polarity).endswith("Negative"),
            "modality": _or_none(r.modality),
            "condition": _or_none(r.condition),
            "attributed_to": _or_none(r.speakerLabel) or _or_none(r.attributionText),
            "confidence": native(r.confidence),
            "kind": _or_none(r.rule),
            "subject_actor": _or_none(r.subjectLabel),
            "subject_actor_id": native(r.subjectActor),
            "object_actor": _or_none(r.objectLabel),
            "object_actor_id": native(r.objectActor),
            "date": native(r.docDate),
            "title": _or_none(r.title),
            "url": _or_none(r.url),
            "publisher": _or_none(r.publisher),
            "claim": iri,
        }
    return list(rows.values())


def actor_rows(rdf_graph: _Queryable) -> list[dict[str, Any]]:
    """The actors of a kg graph, one dict per actor, with `ACTOR_COLUMNS` as keys.

    ``type`` is the most specific class ("Government" over "State"); ``aliases`` and
    ``roles`` are joined with "; "; ``claims`` and ``events`` count those the actor takes
    part in, at either end. An id ``owl:sameAs`` links to a canonical actor is no row of
    its own: its names become aliases of the canonical actor and its claims and events count there.

    Examples:
        >>> import rdflib
        >>> actor_rows(rdflib.Graph())
        []
    """
    canonical = canonical_iris(rdf_graph)
    aliases = _joined(rdf_graph, "actor-aliases", canonical)
    roles = _joined(rdf_graph, "actor-roles", canonical)
    counts = {str(r.actor): (int(r.claims), int(r.events)) for r in rdf_graph.query(view_query("actor-counts"))}
    rows: dict[str, dict[str, Any]] = {}
    names: dict[str, set[str]] = {}
    for r in rdf_graph.query(view_query("actor-table")):
        iri = str(r.actor)
        if iri in canonical:
            if r.label is not None:
                names.setdefault(canonical[iri], set()).add(str(r.label))
            continue
        type_name = local_name(r.type)
        if iri in rows:
            if ACTOR_TYPE_ORDER.index(type_name) < ACTOR_TYPE_ORDER.index(rows[iri]["type"]):
                rows[iri]["type"] = type_name
            continue
        claims, events = counts.get(iri, (0, 0))
        rows[iri] = {
            "actor": iri,
            "name": _or_none(r.label),
            "type": type_name,
            "code": _or_none(r.code),
            "country": _or_none(r.country),
            "sector": _or_none(r.sector),
            "aliases": aliases.get(iri),
            "roles": roles.get(iri),
            "claims": claims,
            "events": events,
        }
    for iri, found in names.items():
        if iri in rows:
            known = set(filter(None, (rows[iri]["aliases"] or "").split("; "))) | found
            rows[iri]["aliases"] = "; ".join(sorted(known - {rows[iri]["name"]})) or None
    return list(rows.values())


# --------------------------------------------------------------------------- pandas


def dataframe(rows: Sequence[Any], columns: Sequence[str]) -> Any:
    """Rows (dicts or `EventRow`) as a pandas DataFrame with native dtypes.

    Columns named ``date`` or ``period`` become ``datetime64``; whole-number columns the
    nullable ``Int64`` (the same dtype with or without gaps); "" in an `EventRow` is None; the rest keep what pandas infers from the Python values (float,
    bool, strings).

    Raises:
        ImportError: pandas is not installed; the message says how to install it.

    Examples:
        >>> frame = dataframe([{"date": "2019-09-18", "quad": None}, {"date": None, "quad": 3}], ["date", "quad"])
        >>> [str(t) for t in frame.dtypes]
        ['datetime64[us]', 'Int64']
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("DataFrames need pandas: pip install 'kg[pandas]' (or pip install pandas)") from None
    # Event rows write "" for a missing field (as the CSV does); a DataFrame holds None.
    records = [row if isinstance(row, dict) else {k: None if v == "" else v for k, v in asdict(row).items()} for row in rows]
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    for name in columns:
        values = [r.get(name) for r in records]
        if name in ("date", "period"):
            frame[name] = pd.to_datetime(frame[name].replace("", None), errors="coerce")
        elif any(v is not None for v in values) and all(
            v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values
        ):
            frame[name] = frame[name].astype("Int64")
    return frame


def result_rows(result: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """A SPARQL SELECT result's variables and rows, with `native` values.

    Examples:
        >>> from kg.store import open_store
        >>> result_rows(open_store(None).query("SELECT (1 AS ?one) (0.5 AS ?half) WHERE {}"))
        (['one', 'half'], [{'one': 1, 'half': 0.5}])
    """
    columns = [str(v) for v in result.vars]
    return columns, [{name: native(value) for name, value in zip(columns, row)} for row in result]
