"""RDF → event table: the coded events as PETRARCH/Phoenix-style rows (CSV or TSV).

Reads back what the store wrote (``kg:Event`` with ``kg:source``/``kg:target`` actors,
``kg:fromClaim`` → claim → ``prov:wasDerivedFrom`` → sentence → ``kg:inDocument``), so the
table can be made from any store, RDF file or endpoint that holds a kg graph.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import IO, Any, Protocol

from kg.errors import InputError
from kg.ontology import PREFIXES
from kg.store.backends import atomic_write

__all__ = ["COLUMNS", "EVENTS_SPARQL", "EventRow", "event_rows", "write_event_table"]

log = logging.getLogger(__name__)

EVENTS_SPARQL = """
SELECT ?event ?date ?docDate ?source ?sourceCode ?sourceLabel ?target ?targetCode ?targetLabel
       ?cameo ?plover ?quad ?intensity ?speakerLabel ?docId ?sentIndex ?sentence
WHERE {
  ?event a kg:Event ;
         kg:source ?source ;
         kg:cameoCode ?cameo .
  OPTIONAL {
    ?event kg:target ?target .
    OPTIONAL { ?target kg:actorCode ?targetCode }
    OPTIONAL { ?target skos:prefLabel ?targetLabel }
  }
  OPTIONAL { ?event kg:ploverType ?plover }
  OPTIONAL { ?event kg:quadClass ?quad }
  OPTIONAL { ?event kg:intensity ?intensity }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:attributedTo ?speaker . OPTIONAL { ?speaker skos:prefLabel ?speakerLabel } }
  OPTIONAL { ?source kg:actorCode ?sourceCode }
  OPTIONAL { ?source skos:prefLabel ?sourceLabel }
  OPTIONAL {
    ?event kg:fromClaim ?claim .
    ?claim prov:wasDerivedFrom ?sent .
    OPTIONAL { ?sent kg:text ?sentence }
    OPTIONAL { ?sent kg:index ?sentIndex }
    OPTIONAL {
      ?sent kg:inDocument ?doc .
      OPTIONAL { ?doc kg:documentId ?docId }
      OPTIONAL { ?doc kg:date ?docDate }
    }
  }
}
ORDER BY ?date ?docDate ?docId ?sentIndex ?event
"""


class _Queryable(Protocol):
    def query(self, sparql: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class EventRow:
    """One coded event, flat: the columns of the event table.

    Attributes:
        date: ISO date of the document ("2019-09-18") or "".
        source: Source actor code ("IRNGOV"), or its id where it has no code.
        target: Target actor code, or its id.
        cameo: CAMEO event code ("125").
        root: The code's two-digit root ("12").
        plover: PLOVER event type ("REJECT") or "".
        quad: Quad class 1–4, or None.
        intensity: Goldstein-style score, or None.
        source_label: The source actor's name.
        target_label: The target actor's name.
        attributed_to: Who said so, for reported events, or "".
        document: The document's id.
        sentence_index: The sentence's index in its document, or None.
        sentence: The sentence's text.
        event: The event's IRI.
    """

    date: str
    source: str
    target: str
    cameo: str
    root: str
    plover: str
    quad: int | None
    intensity: float | None
    source_label: str
    target_label: str
    attributed_to: str
    document: str
    sentence_index: int | None
    sentence: str
    event: str


#: The table's header, in column order.
COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(EventRow))

_ACTOR_PREFIX = str(PREFIXES["id"]) + "actor/"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _actor(code: Any, iri: Any) -> str:
    if code is not None and str(code):
        return str(code)
    return str(iri).removeprefix(_ACTOR_PREFIX) if iri is not None else ""


def event_rows(rdf_graph: _Queryable) -> list[EventRow]:
    """The events of a kg graph as table rows, by date, document and sentence.

    Args:
        rdf_graph: Anything with a SPARQL ``query(str)``: an rdflib ``Graph`` or
            ``Dataset`` (its default graph holding the data), a `kg.store.Store`, a
            `kg.graph.KnowledgeGraph`.

    Returns:
        One row per ``kg:Event``.

    Examples:
        >>> import rdflib
        >>> event_rows(rdflib.Graph())
        []

    Notes:
        The columns follow the PETRARCH/Phoenix event data (date, source, target, CAMEO
        code, root, quad class, Goldstein score), with PLOVER type and provenance added.
    """
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    prologue += "PREFIX prov: <http://www.w3.org/ns/prov#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    result = rdf_graph.query(prologue + EVENTS_SPARQL)
    rows: dict[str, EventRow] = {}
    for r in result:
        iri = str(r.event)
        if iri in rows:
            continue
        cameo = str(r.cameo)
        plover = _text(r.plover).rsplit("/", 1)[-1]
        rows[iri] = EventRow(
            date=_text(r.date or r.docDate),
            source=_actor(r.sourceCode, r.source),
            target=_actor(r.targetCode, r.target),
            cameo=cameo,
            root=cameo[:2],
            plover=plover,
            quad=int(r.quad) if r.quad is not None else None,
            intensity=float(r.intensity) if r.intensity is not None else None,
            source_label=_text(r.sourceLabel),
            target_label=_text(r.targetLabel),
            attributed_to=_text(r.speakerLabel),
            document=_text(r.docId),
            sentence_index=int(r.sentIndex) if r.sentIndex is not None else None,
            sentence=" ".join(_text(r.sentence).split()),
            event=iri,
        )
    log.debug("read %d events", len(rows))
    return list(rows.values())


def write_event_table(
    rows: Iterable[EventRow], path_or_stream: str | Path | IO[str], format: str = "csv"
) -> int:
    """Write event rows as CSV or TSV with a header line.

    Args:
        rows: From `event_rows`.
        path_or_stream: A file path (written as UTF-8) or an open text stream.
        format: ``"csv"`` or ``"tsv"``.

    Returns:
        The number of rows written.

    Raises:
        InputError: An unknown format.

    Examples:
        >>> import io
        >>> out = io.StringIO()
        >>> write_event_table([], out, format="tsv")
        0
        >>> out.getvalue().split("\\t")[:4]
        ['date', 'source', 'target', 'cameo']
    """
    if format not in ("csv", "tsv"):
        raise InputError(f"unknown event table format {format!r} (valid: csv, tsv)")
    if isinstance(path_or_stream, (str, Path)):
        # the whole table first, then one atomic write: an existing file is never left half-written
        stream = io.StringIO()
        n = write_event_table(rows, stream, format)
        atomic_write(path_or_stream, stream.getvalue())
        return n
    writer = csv.writer(path_or_stream, delimiter="," if format == "csv" else "\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        writer.writerow(["" if v is None else v for v in astuple(row)])
        n += 1
    return n


def table_text(rows: Sequence[EventRow], format: str = "csv") -> str:
    """The table as a string (see `write_event_table`)."""
    out = io.StringIO()
    write_event_table(rows, out, format)
    return out.getvalue()
