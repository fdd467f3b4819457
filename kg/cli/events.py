"""``kg events``: the coded events of a store as a PETRARCH/Phoenix-style table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli._app import app
from kg.errors import InputError

__all__ = ["events_command"]


@app.command("events")
def events_command(
    store: Annotated[str, typer.Argument(help="A store folder (Oxigraph), an RDF file (.ttl, .trig, ...), or a SPARQL endpoint URL.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or tsv.")] = "csv",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the table here instead of to stdout.")] = None,
) -> None:
    """Write the coded events (date, source, target, CAMEO, PLOVER, quad, document, sentence) as a table.

    Example: kg events out/ --format csv --out events.csv
    """
    from kg.store.table import event_rows, write_event_table
    from kg.store import open_store

    if fmt not in ("csv", "tsv"):
        raise InputError(f"unknown --format {fmt!r} (valid: csv, tsv)")
    opened = open_store(store, read_only=True)
    try:
        rows = event_rows(opened)
    finally:
        opened.close()
    n = write_event_table(rows, out if out is not None else sys.stdout, fmt)
    if out is not None:
        typer.echo(f"{n} event(s) → {out}", err=True)
