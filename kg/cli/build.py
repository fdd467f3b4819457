"""``kg build``: articles → graph.ttl + graph.html (+ a store), with a summary."""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli._app import ActorsOption, InputFormatOption, ModelOption, VerbsOption, app
from kg.cli._app import console as make_console
from kg.errors import OutputError

__all__ = ["SHOWN", "build_command"]

#: Rows of a table, failed documents, ... the summary shows before "and N more".
SHOWN = 10


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "ETA -"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"ETA {hours}:{minutes:02d}:{secs:02d}" if hours else f"ETA {minutes}:{secs:02d}"


def _check_writable(folder: Path) -> None:
    """Write a scratch file in `folder` (or, where it does not exist yet, in the nearest folder above
    it, leaving nothing behind); a one-line OutputError where that fails."""
    import tempfile

    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        with tempfile.TemporaryFile(dir=probe):
            pass
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write the outputs there ({exc.strerror or exc})") from exc


@app.command("build")
def build_command(
    inputs: Annotated[list[str], typer.Argument(help="Article files or folders; '-' reads standard input.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.ttl, graph.html and the store.")] = Path("out"),
    store: Annotated[
        Optional[str],
        typer.Option("--store", help="Keep the graph elsewhere: a folder (Oxigraph) or sparql:QUERY|UPDATE (default: OUT/store)."),
    ] = None,
    input_format: InputFormatOption = "text",
    model: ModelOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes for the per-document work (Dask beyond 1).")] = 1,
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", help="A running Dask scheduler, tcp://HOST:PORT, instead of local workers.")
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per batch.")] = 25,
    parts: Annotated[
        Optional[Path], typer.Option("--parts", help="Folder where N-Quads parts wait to be loaded (shared with a remote cluster).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Build the actor graph of articles: writes OUT/graph.ttl and OUT/graph.html, keeps OUT/store.

    Documents are read as they are needed; those already in the store (the same text) are
    skipped, so running the command again on a grown corpus adds only the new articles.

    Example: kg build examples/khamenei-rejects-talks-2019-09-18.txt --out out/
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table
    from rich.text import Text

    from kg.corpus import count_documents, iter_documents
    from kg.pipeline import build

    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    _check_writable(out)  # before anything is written to a --store
    documents = iter_documents(inputs, input_format=input_format)
    total = count_documents(inputs, input_format=input_format)
    first: list = []

    def remember(docs):
        for document in docs:
            if len(first) < 2:
                first.append(document)
            yield document

    err = make_console(stderr=True)
    show = not quiet and not as_json and total != 1 and sys.stderr.isatty()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} {task.fields[eta]} {task.fields[counts]}"),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
    ) as bar:
        task = bar.add_task("documents", total=total, rate="", eta="", counts="")

        def advance(stats) -> None:
            counts = f"stored {stats.stored} failed {len(stats.failed)}"
            if stats.waiting:  # analysed, their load still to come (a store may take loads in bursts)
                counts += f" to load {stats.waiting}"
            bar.update(task, completed=stats.done, rate=f"{stats.rate:.1f} docs/s", eta=_duration(stats.eta), counts=counts)

        graph = build(
            remember(documents),
            store=store or str(out / "store"),
            model=model,
            actor_files=actors or (),
            progress=advance,
            verb_files=verbs or (),
            workers=workers,
            scheduler=scheduler,
            batch_size=batch_size,
            parts=parts,
            total=total,
            keep_turtle=True,  # graph.ttl is written below
        )
    stats = graph.stats
    with graph, ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-export") as exporting:
        # Oxigraph writes graph.ttl in a thread of its own (it leaves Python's lock while it
        # serialises) while the page and the summary are read from the store: 1.6 s less of
        # 3.9 s at 300 documents. Each file is written whole or not at all (atomic_write).
        exported = exporting.submit(graph.export, out / "graph.ttl", format="turtle")
        page = out / "graph.html"
        graph.to_html(page, title=first[0].title if len(first) == 1 else None)
        if not quiet:  # what is printed is read while graph.ttl is written
            summary = graph.summary()
            # the named query who-rejected-what, as `kg query --named` runs it: who (the actor, else the words), relation, what
            rows = [[str(row.actor or row.subject), str(row.relation), str(row.object or "")]
                    for row in graph.named("who-rejected-what")]
        ttl = exported.result()
    if quiet:
        return
    if as_json:
        json.dump(
            {
                "documents": summary.documents,
                "actors": summary.actors,
                "claims": summary.claims,
                "events": summary.events,
                "added": stats.added,
                "already_stored": stats.stored,
                "failed": [{"id": i, "error": e} for i, e in stats.failed],
                "graph": str(ttl),
                "html": str(page),
                "who_rejected_what": [dict(zip(("who", "relation", "what"), r)) for r in rows],
            },
            sys.stdout,
            indent=2,
        )
        print()
        return
    console = make_console()
    console.print(
        f"added [bold]{stats.added}[/], already stored [bold]{stats.stored}[/], failed [bold]{len(stats.failed)}[/]"
        f" in {time.perf_counter() - stats.started:.1f} s ({stats.rate:.1f} docs/s, {stats.workers} worker(s))"
    )
    for doc_id, error in stats.failed[:SHOWN]:
        console.print(f"  failed: {doc_id}: {error}", markup=False, highlight=False)
    if len(stats.failed) > SHOWN:
        console.print(f"  ... and {len(stats.failed) - SHOWN} more failed")
    console.print(
        f"the graph: [bold]{summary.documents}[/] document(s), [bold]{summary.actors}[/] actors, "
        f"[bold]{summary.claims}[/] claims, [bold]{summary.events}[/] events"
    )
    console.print(Text(f"wrote {ttl} and {page}"))
    table = Table(title="Who rejected what", title_justify="left")
    for column in ("who", "relation", "what"):
        table.add_column(column, overflow="fold")
    for row in rows[:SHOWN]:
        table.add_row(*(Text(cell) for cell in row))  # article text: never read as markup
    console.print(table)
    if len(rows) > SHOWN:
        console.print(f"... and {len(rows) - SHOWN} more rows (kg build --json, or kg query, shows them all)")
