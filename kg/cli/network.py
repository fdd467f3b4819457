"""``kg viz`` and ``kg stats``: the actor network of a graph, drawn or summarised."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kg.cli._app import app, console
from kg.errors import InputError

__all__ = ["stats_command", "viz_command"]

_GRAPH_HELP = "A Turtle/TriG/N-Quads file, an Oxigraph store folder, or a SPARQL endpoint URL."


_WRITERS = {".html": "html", ".htm": "html", ".graphml": "graphml", ".gexf": "gexf"}


@app.command("viz")
def viz_command(
    graph: Annotated[str, typer.Argument(help=_GRAPH_HELP)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where: .html (interactive page), .graphml or .gexf.")] = Path(
        "graph.html"
    ),
    title: Annotated[Optional[str], typer.Option("--title", help="Page title.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Layout seed: the same seed gives the same picture.")] = 42,
) -> None:
    """Draw the actor network as one self-contained HTML page (or export GraphML/GEXF).

    The GEXF carries the page's colours and positions and each link's first and last date,
    so Gephi opens it as drawn and can play it over time.

    Example: kg viz out/graph.ttl --out actors.html --title "Iran, September 2019"
    """
    from kg import network, viz

    kind = _WRITERS.get(out.suffix.lower())
    if kind is None:
        raise InputError(f"{out}: unknown output type {out.suffix!r} (valid: {', '.join(sorted(_WRITERS))})")
    G = network.read_network(graph)
    if kind == "html":
        viz.write_html(G, out, title=title or Path(graph).stem, seed=seed)
    elif kind == "graphml":
        network.write_graphml(G, out)
    else:
        network.write_gexf(viz.gexf_graph(G, seed=seed), out)
    typer.echo(f"{out}: {G.number_of_nodes()} actors, {G.number_of_edges()} links", err=True)


def _community_rows(G: Any, groups: list[set[Any]], *, members: int = 5) -> list[dict[str, Any]]:
    degree = dict(G.degree())
    rows = []
    for i, group in enumerate(groups, 1):
        ordered = sorted(group, key=lambda n: (-degree.get(n, 0), str(G.nodes[n].get("label", n))))
        rows.append(
            {
                "community": i,
                "size": len(group),
                "actors": [str(G.nodes[n].get("label", n)) for n in ordered[:members]],
            }
        )
    return rows


@app.command("stats")
def stats_command(
    graph: Annotated[str, typer.Argument(help=_GRAPH_HELP)],
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many actors to list.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """The most central actors, their cooperation and conflict, and the communities they form.

    Example: kg stats out/graph.ttl --top 5
    """
    from kg import network

    G = network.read_network(graph)
    actors = network.top_actors(G, n=top)
    groups = network.communities(G) if G.number_of_edges() else []
    communities = _community_rows(G, [g for g in groups if len(g) > 1])
    if as_json:
        typer.echo(json.dumps({"actors": actors, "communities": communities,
                               "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}, indent=2))
        return
    from rich.table import Table
    from rich.text import Text

    out = console(width=None if sys.stdout.isatty() else 120)  # piped output is not squeezed into 80 columns
    out.print(f"{G.number_of_nodes()} actors, {G.number_of_edges()} links", markup=False)
    table = Table(title="Most central actors")
    table.add_column("actor", min_width=20)
    table.add_column("type")
    for name in ("degree", "betw.", "eigen.", "coop.", "confl.", "balance"):
        table.add_column(name, justify="right")
    table.caption = "degree, betweenness, eigenvector centrality; cooperation and conflict events"
    for row in actors:
        table.add_row(
            Text(row["label"]), Text(row["type"] or ""), f"{row['degree']:.3f}", f"{row['betweenness']:.3f}",
            f"{row['eigenvector']:.3f}", f"{row['cooperation']:g}", f"{row['conflict']:g}", f"{row['balance']:+.2f}",
        )
    out.print(table)
    if communities:
        ctable = Table(title="Communities (Louvain)")
        ctable.add_column("#", justify="right")
        ctable.add_column("size", justify="right")
        ctable.add_column("most linked actors")
        for row in communities:
            ctable.add_row(str(row["community"]), str(row["size"]), Text(", ".join(row["actors"])))
        out.print(ctable)
