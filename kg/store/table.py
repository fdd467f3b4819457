"""RDF → event table: the coded events as PETRARCH/Phoenix/ICEWS-style rows (CSV or TSV).

Claims and actors as rows, and all three as pandas DataFrames, are in `kg.store.frames`.
Reads back what the store wrote, with ``kg/store/queries/views/event-table.rq`` (``kg:Event`` with ``kg:source``/``kg:target`` actors,
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
from kg.ontology import local_name
from kg.store.files import atomic_write
from kg.store.named import view_query

__all__ = ["COLUMNS", "EventRow", "event_rows", "table_text", "write_event_table"]

log = logging.getLogger(__name__)

class _Queryable(Protocol):
    def query(self, sparql: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class EventRow:
    """One coded event, flat: the columns of the event table.

    The names follow the field's event data sets; where they call a column otherwise:

    ============== ============================ ===================== ==========================
    column         Phoenix / PETRARCH           ICEWS                 GDELT 1.0/2.0
    ============== ============================ ===================== ==========================
    date           story_date                   Event Date            SQLDATE
    source_name    (source text)                Source Name           Actor1Name
    source_code    source (src_actor+src_agent) —                     Actor1Code
    source_country src_actor                    Source Country        Actor1CountryCode
    source_sector  src_agent                    Source Sectors        Actor1Type1Code
    target_*       target, tgt_actor, tgt_agent Target Name, ...      Actor2Name, Actor2Code, ...
    cameo          code                         CAMEO Code            EventCode
    root           root_code                    —                     EventRootCode
    quad           quad_class                   —                     QuadClass
    intensity      goldstein                    Intensity             GoldsteinScale
    plover         (PLOVER: event_type)         —                     —
    sentence       (sentence text)              Event Sentence        —
    document       aid                          Story ID              —
    sentence_index —                            Sentence Number       —
    title          —                            —                     —
    url            url                          —                     SOURCEURL
    publisher      source (outlet)              Publisher             —
    ============== ============================ ===================== ==========================

    Attributes:
        date: ISO date of the event or its document ("2019-09-18") or "".
        source_name: The source actor's name ("Ali Khamenei").
        source_code: Its CAMEO actor code ("IRNGOV"), or "" where it has none (never an IRI).
        source_country: Its ISO 3166 alpha-3 country ("IRN") or "".
        source_sector: Its CAMEO sector ("GOV") or "".
        target_name: The target actor's name ("" for an event with no target).
        target_code: Its CAMEO actor code, or "".
        target_country: Its country, or "".
        target_sector: Its sector, or "".
        cameo: CAMEO event code ("125").
        root: The code's two-digit root ("12").
        quad: Quad class 1–4, or None.
        intensity: Goldstein-style score, or None.
        plover: PLOVER event type ("REJECT") or "".
        attributed_to: Who said so, for reported events, or "".
        sentence: The sentence's text.
        document: The document's id.
        sentence_index: The sentence's index in its document, or None.
        title: The document's title, or "".
        url: The article's URL, or "".
        publisher: Who published it, or "".
        event: The event's IRI.
        source_id: The source actor's IRI.
        target_id: The target actor's IRI.
    """

    date: str
    source_name: str
    source_code: str
    source_country: str
    source_sector: str
    target_name: str
    target_code: str
    target_country: str
    target_sector: str
    cameo: str
    root: str
    quad: int | None
    intensity: float | None
    plover: str
    attributed_to: str
    sentence: str
    document: str
    sentence_index: int | None
    title: str
    url: str
    publisher: str
    event: str
    source_id: str
    target_id: str


#: The table's header, in column order.
COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(EventRow))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


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
        code, root, quad class, Goldstein score) with ICEWS's separate country and sector
        columns, PLOVER type and provenance added (see `EventRow`).
    """
    result = rdf_graph.query(view_query("event-table"))
    rows: dict[str, EventRow] = {}
    for r in result:
        iri = str(r.event)
        if iri in rows:
            continue
        cameo = str(r.cameo)
        plover = local_name(r.plover)
        rows[iri] = EventRow(
            date=_text(r.date or r.docDate)[:10],
            source_name=_text(r.sourceLabel),
            source_code=_text(r.sourceCode),
            source_country=_text(r.sourceCountry),
            source_sector=_text(r.sourceSector),
            target_name=_text(r.targetLabel),
            target_code=_text(r.targetCode),
            target_country=_text(r.targetCountry),
            target_sector=_text(r.targetSector),
            cameo=cameo,
            root=cameo[:2],
            quad=int(r.quad) if r.quad is not None else None,
            intensity=float(r.intensity) if r.intensity is not None else None,
            plover=plover,
            attributed_to=_text(r.speakerLabel),
            sentence=" ".join(_text(r.sentence).split()),
            document=_text(r.docId),
            sentence_index=int(r.sentIndex) if r.sentIndex is not None else None,
            title=_text(r.title),
            url=_text(r.url),
            publisher=_text(r.publisher),
            event=iri,
            source_id=str(r.source),
            target_id=_text(r.target),
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
        ['date', 'source_name', 'source_code', 'source_country']
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

