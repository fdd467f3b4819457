"""``kg actors``: the actors of a graph, with mentions, aliases, codes, merges and suspected duplicates."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated

import typer

from kg.cli._app import ActorsOption, app, console
from kg.errors import InputError

__all__ = ["actors_command"]

_FORMATS = ("table", "csv", "json")


@app.command("actors")
def actors_command(
    graph: Annotated[str, typer.Argument(help="A Turtle/TriG/N-Quads file, an Oxigraph store folder, or a SPARQL endpoint URL.")],
    format: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(_FORMATS)}.")] = "table",
    actors: ActorsOption = None,
) -> None:
    """List the actors of a graph: mentions, aliases, codes, the ids merged into each, suspected duplicates.

    Example: kg actors out/graph.ttl --format csv > actors.csv
    """
    from kg.actors.analyst import ANALYST_SUFFIXES, read_actor_file
    from kg.actors.review import actor_rows
    from kg.store import open_store
    from kg.store.actors import stored_actors

    if format not in _FORMATS:
        raise InputError(f"--format {format!r}: one of {', '.join(_FORMATS)}")
    files = [read_actor_file(p) for p in actors or () if p.suffix.lower() in ANALYST_SUFFIXES]
    store = open_store(graph, read_only=True)
    try:
        found, counts = stored_actors(store)
    finally:
        store.close()
    rows = actor_rows(
        found,
        counts,
        same_as=[p for f in files for p in f.same_as],
        never=[p for f in files for p in f.never],
    )
    if format == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "type", "label", "mentions", "code", "aliases", "merged", "suspected_duplicates"])
        for r in rows:
            writer.writerow([r["id"], r["type"], r["label"], r["mentions"], r["code"], "; ".join(r["aliases"]),
                             "; ".join(r["merged"]), "; ".join(r["suspected_duplicates"])])
        typer.echo(out.getvalue(), nl=False)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} actors", title_justify="left")
    for column in ("id", "type", "label", "mentions", "code", "aliases", "merged", "suspected duplicates"):
        table.add_column(column, overflow="fold")
    for r in rows:  # names come from articles: plain text, never rich markup ("[/b]" would raise)
        cells = (r["id"], r["type"], r["label"], str(r["mentions"]), r["code"], ", ".join(r["aliases"]),
                 ", ".join(r["merged"]), ", ".join(r["suspected_duplicates"]))
        table.add_row(*(Text(cell) for cell in cells))
    console().print(table)
