"""``kg query``, ``kg serve``, ``kg export``: SPARQL over a store, an endpoint, a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli._app import app
from kg.errors import InputError, QueryError

__all__ = ["export_command", "query_command", "serve_command"]

_STORE_HELP = "A store folder (Oxigraph), an RDF file (.ttl, .trig, .nq, ...), or a SPARQL endpoint URL."


def _short(term, namespace_manager) -> str:
    from rdflib import Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, URIRef):
        try:
            return namespace_manager.normalizeUri(term)
        except Exception:  # an IRI no prefix can shorten
            return str(term)
    return term.n3()


def _print_table(result, namespace_manager) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from kg.cli._app import console

    out = console()
    if result.type == "ASK":
        out.print("true" if result.askAnswer else "false")
        return
    table = Table(*[escape(str(v)) for v in result.vars], show_lines=False)
    for row in result:
        table.add_row(*[Text(_short(value, namespace_manager)) for value in row])
    out.print(table)
    out.print(f"{len(result)} row(s)", style="dim")


#: What ``--format`` asks the query worker for: a table's media type, then a graph's (CONSTRUCT, DESCRIBE).
_ACCEPT = {
    "table": "application/sparql-results+json, text/turtle",
    "csv": "text/csv, text/turtle",
    "json": "application/sparql-results+json, application/ld+json",
    "xml": "application/sparql-results+xml, text/turtle",
}


def _run_in_worker(store: str, sparql: str | None, named: str | None, params: dict[str, str], timeout: float,
                   accept: str) -> tuple[str, bytes, dict[str, str]]:
    """Run the query in a worker process (killed past `timeout`); its form, its answer as `accept` asks
    (written by `kg.store.worker.negotiate`, as the endpoint writes it) and the store's prefixes."""
    from kg.store.worker import QueryWorker

    worker = QueryWorker(("url", store), start="fork")
    try:
        form, body, _, prefixes = worker.run(sparql, named=named, params=params, timeout=timeout, accept=accept)
    finally:
        worker.close()
    return form, body, prefixes


def _namespaces(prefixes: dict[str, str]):
    """A namespace manager that knows the store's prefixes, to shorten IRIs in the table."""
    from rdflib import Graph

    names = Graph()
    for prefix, namespace in prefixes.items():
        names.bind(prefix, namespace, replace=True)
    return names.namespace_manager


def _as_result(body: bytes):
    """The worker's SPARQL JSON answer read back as rdflib's result, for the table."""
    import io

    from rdflib.query import Result

    return Result.parse(io.BytesIO(body), format="json")


def _params(values: list[str] | None) -> dict[str, str]:
    params = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {item!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


@app.command("query")
def query_command(
    store: Annotated[str, typer.Argument(help=_STORE_HELP)],
    sparql: Annotated[Optional[str], typer.Argument(help="The SPARQL query; kg, prov, skos, ... prefixes are declared.")] = None,
    named: Annotated[Optional[str], typer.Option("--named", "-n", help="Run a named query instead (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a named query (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or xml.")] = "table",
    list_named: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds the query may run before it is stopped.")] = 60.0,
) -> None:
    """Run a SPARQL query (or a named one) on a store or an RDF file.

    Example: kg query out/graph.ttl --named who-rejected-what
    """
    from rich.markup import escape

    from kg.cli._app import console
    from kg.store import named_queries

    if fmt not in ("table", "csv", "json", "xml"):
        raise InputError(f"unknown --format {fmt!r} (valid: table, csv, json, xml)")
    if list_named:
        out = console()
        for query in named_queries().values():
            params = " ".join(f"--param {p.name}=<{p.type}>" for p in query.params)
            out.print(f"[bold]{escape(query.name)}[/bold] {escape(params)}\n    {escape(query.description)}")
        return
    if (sparql is None) == (named is None):
        raise QueryError("give either a SPARQL query or --named NAME (kg query --list shows the names)")
    if param and named is None:
        raise QueryError("--param only applies to --named queries")
    if timeout <= 0:
        raise QueryError(f"--timeout {timeout:g}: give a number of seconds above 0")
    form, body, prefixes = _run_in_worker(store, sparql, named, _params(param), timeout, _ACCEPT[fmt])
    if fmt == "table" and form in ("SELECT", "ASK"):
        _print_table(_as_result(body), _namespaces(prefixes))
    else:
        text = body.decode("utf-8")
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command("serve")
def serve_command(
    store: Annotated[str, typer.Argument(help=_STORE_HELP)],
    port: Annotated[int, typer.Option("--port", help="TCP port on 127.0.0.1.")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run; then it is stopped (503).")] = 30.0,
    workers: Annotated[int, typer.Option("--workers", help="Queries run at once (a process each).")] = 4,
    allow_host: Annotated[Optional[list[str]], typer.Option("--allow-host", help="A Host name to answer besides the loopback ones (repeatable).")] = None,
    cors: Annotated[Optional[str], typer.Option("--cors", help="Let pages from this origin (or *) read the answers.")] = None,
) -> None:
    """Serve a store as a read-only SPARQL endpoint on http://127.0.0.1:PORT/sparql, a query page on /.

    Example: kg serve out/graph.ttl --port 7878 --cors http://localhost:8888
    """
    from kg.store import open_store, serve

    if timeout <= 0 or workers < 1:
        raise QueryError("--timeout must be above 0 and --workers at least 1")
    opened = open_store(store, read_only=True)
    try:
        serve(opened, port=port, timeout=timeout, workers=workers, allow_hosts=allow_host or (), cors=cors)
    finally:
        opened.close()


@app.command("export")
def export_command(
    store: Annotated[str, typer.Argument(help=_STORE_HELP)],
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write (replaced atomically).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="trig, nquads, json-ld (a graph per document), turtle or ntriples.")] = "trig",
) -> None:
    """Export a store to one RDF file; TriG, N-Quads and JSON-LD keep a named graph per document.

    Example: kg export store/ --format trig --out graph.trig
    """
    from kg.store import open_store

    opened = open_store(store, read_only=True)
    try:
        opened.export(out, format=fmt)
    finally:
        opened.close()
