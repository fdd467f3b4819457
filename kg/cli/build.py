"""``kg build``: articles → graph.ttl + graph.html (+ a store), with a summary."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli._app import ActorsOption, InputFormatOption, ModelOption, VerbsOption, app
from kg.corpus import read_documents
from kg.errors import OutputError

__all__ = ["WHO_REJECTED_WHAT", "build_command"]

#: The example question ``kg build`` answers (and the README shows).
WHO_REJECTED_WHAT = """\
SELECT ?who ?relation ?what WHERE {
  ?claim a kg:Claim ;
         kg:relation ?relation ;
         kg:subjectText ?subject ;
         kg:objectText ?what ;
         kg:polarity kg:Positive .
  OPTIONAL { ?claim kg:subjectActor/skos:prefLabel ?actor }
  BIND(COALESCE(?actor, ?subject) AS ?who)
  FILTER(?relation IN ("reject", "dismiss", "refuse", "deny"))
}
ORDER BY ?who ?what"""


@app.command("build")
def build_command(
    inputs: Annotated[list[str], typer.Argument(help="Article files or folders; '-' reads standard input.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.ttl and graph.html.")] = Path("out"),
    store: Annotated[
        Optional[str], typer.Option("--store", help="Keep the graph in a store: a folder (Oxigraph) or sparql:QUERY|UPDATE.")
    ] = None,
    input_format: InputFormatOption = "text",
    model: ModelOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Build the actor graph of articles: writes OUT/graph.ttl and OUT/graph.html.

    Example: kg build examples/khamenei-rejects-talks-2019-09-18.txt --out out/
    """
    from kg.pipeline import build

    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    documents = read_documents(inputs, input_format=input_format)
    err = Console(stderr=True)
    started = time.perf_counter()
    show = not quiet and not as_json and len(documents) > 1 and sys.stderr.isatty()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
    ) as bar:
        task = bar.add_task("documents", total=len(documents), rate="")

        def advance(document, claims, added) -> None:
            done = bar.tasks[task].completed + 1
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=1, rate=f"{rate:.1f} docs/s")

        graph = build(documents, store=store, model=model, actors=actors or (), progress=advance, verbs=verbs or ())
    with graph:
        ttl = graph.serialize(out / "graph.ttl", format="turtle")
        page = out / "graph.html"
        graph.to_html(page, title=documents[0].title if len(documents) == 1 else None)
        summary = graph.summary()
        rows = [[str(v) for v in row] for row in graph.query(WHO_REJECTED_WHAT)]
    if quiet:
        return
    if as_json:
        json.dump(
            {
                "documents": summary.documents,
                "actors": summary.actors,
                "claims": summary.claims,
                "events": summary.events,
                "graph": str(ttl),
                "html": str(page),
                "who_rejected_what": [dict(zip(("who", "relation", "what"), r)) for r in rows],
            },
            sys.stdout,
            indent=2,
        )
        print()
        return
    console = Console()
    console.print(
        f"[bold]{summary.documents}[/] document(s): [bold]{summary.actors}[/] actors, "
        f"[bold]{summary.claims}[/] claims, [bold]{summary.events}[/] events"
    )
    console.print(f"wrote {ttl} and {page}")
    table = Table(title="Who rejected what", title_justify="left")
    for column in ("who", "relation", "what"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)
