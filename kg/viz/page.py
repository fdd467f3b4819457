"""networkx → HTML: the page's data, the page itself, and the styled graph for Gephi.

The page inlines vis-network (the copy shipped inside the pyvis package), our own script
and style, and the graph as JSON; it fetches nothing. Article text is untrusted: the graph
travels as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, and the page puts every label, alias and sentence into the document as text
(``textContent``), never as HTML; only ``http``/``https`` URLs become links.
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import math
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.store import atomic_write
from kg.viz.layout import LABELLED_GRAPH, SMALL_GRAPH, label_box, layout, node_sizes

__all__ = ["SIGN_COLORS", "TYPE_COLORS", "graph_data", "gexf_graph", "html", "notebook_html", "write_html"]

logger = logging.getLogger(__name__)

#: Evidence sentences kept per edge in the page (the count of the rest is shown).
MAX_EVIDENCE = 10
VIS_VERSION = "9.1.2"
#: Node colour by actor type (Tableau 10), in the page, its legend and the GEXF export.
TYPE_COLORS = {
    "Person": "#4e79a7",
    "Government": "#e15759",
    "State": "#59a14f",
    "Organization": "#f28e2b",
    "Group": "#b07aa1",
    "Actor": "#9c755f",
}
OTHER_COLOR = "#bab0ac"
#: Edge colour by sign: cooperation, conflict, unknown.
SIGN_COLORS = {1: "#2ca02c", -1: "#d62728", 0: "#9a9a9a"}
#: Timeline colour by CAMEO quad class (1 verbal cooperation ... 4 material conflict; 0 none).
QUAD_COLORS = {1: "#8fd18a", 2: "#2ca02c", 3: "#f4a582", 4: "#d62728", 0: "#bbbbbb"}
_ASSETS = Path(__file__).resolve().parent.parent / "viz_assets"
_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)


@cache
def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


@cache
def _vis(name: str) -> str:
    """vis-network's script or style, from the copy inside the installed pyvis package.

    The package is found, not imported: importing it imports IPython (a quarter of a second).
    """
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("No module named 'pyvis' (it ships vis-network, which the page inlines)", name="pyvis")
    path = Path(spec.origin).resolve().parent / "templates" / "lib" / f"vis-{VIS_VERSION}" / name
    text = path.read_text(encoding="utf-8")
    # Nothing may close the element it is inlined in.
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


#: The page's own script, in order: one function scope joins them (see viz_assets/viz.js).
SCRIPTS = ("viz.js", "panel.js", "timeline.js", "controls.js")


@cache
def _script() -> str:
    body = "\n".join(_asset(name) for name in SCRIPTS)
    return "(function () {\n'use strict';\n" + body + "}());\n"


def _json_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            parsed = json.loads(value)  # a list written as JSON by `kg.network.flat_graph`
        except ValueError:
            return [value]
        return parsed if isinstance(parsed, list) else [value]
    return list(value)


def _safe_url(value: Any) -> str | None:
    """An http(s) URL, or None: no other scheme (``javascript:``, ``data:``) becomes a link.

    Examples:
        >>> _safe_url("https://example.org/a?b=1"), _safe_url("javascript:alert(1)")
        ('https://example.org/a?b=1', None)
    """
    text = str(value or "").strip()
    return text if _SAFE_URL.fullmatch(text) else None


def _evidence_rows(evidence: list[Any]) -> list[dict[str, str]]:
    """The page's evidence: sentence, document, date, and title, publisher and URL where known (keys left out otherwise)."""
    rows = []
    for ev in evidence[:MAX_EVIDENCE]:
        if not isinstance(ev, dict):
            continue
        row = {"sentence": str(ev.get("sentence") or ""), "document": str(ev.get("document") or ""),
               "date": str(ev.get("date") or "")[:10]}
        for key in ("title", "publisher"):
            if ev.get(key):
                row[key] = str(ev[key])
        url = _safe_url(ev.get("url"))
        if url:
            row["url"] = url
        rows.append(row)
    return rows


def _date_counts(attrs: dict[str, Any], dates: list[str], weight: float) -> dict[str, int]:
    counts = attrs.get("date_counts")
    if isinstance(counts, str):
        counts = json.loads(counts)
    if counts:
        return {str(d)[:10]: int(n) for d, n in counts.items()}
    # Graphs made elsewhere: the first date carries the edge's events.
    return {dates[0][:10]: max(1, int(weight))} if dates else {}


def graph_data(G: nx.Graph, *, title: str | None = None, seed: int = 42) -> dict[str, Any]:
    """The JSON the page draws: nodes with positions and sizes, edges with evidence, the timeline.

    Args:
        G: The actor network (`kg.network.to_networkx`); any networkx graph works, with
            missing attributes left empty.
        title: The page's heading.
        seed: Layout seed.

    Returns:
        ``{"title", "nodes", "edges", "eventTypes", "dates", "timeline", "maxWeight",
        "large", "labelled", "colors"}``. Node ids and edge ids are integers; ``iri``
        keeps the actor's key; ``timeline`` holds ``[day, quad, count]`` rows.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("a", "b", event_type="REJECT", sign=-1, weight=2, quad=3, dates=["2019-09-18"])
        0
        >>> data = graph_data(G)
        >>> [(e["from"], e["to"], e["type"], e["sign"], e["weight"]) for e in data["edges"]]
        [(0, 1, 'REJECT', -1, 2)]
        >>> data["dates"], data["timeline"]
        (['2019-09-18', '2019-09-18'], [['2019-09-18', 3, 2]])
    """
    nodes = sorted(G, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    sizes = node_sizes(G)
    labels = {node: str(G.nodes[node].get("label") or node) for node in nodes}
    boxes = {node: label_box(labels[node], sizes[node]) for node in nodes}
    positions = layout(G, seed=seed, boxes=boxes)

    node_rows = []
    for node in nodes:
        attrs = G.nodes[node]
        x, y = positions.get(node, (0.0, 0.0))
        node_rows.append(
            {
                "id": index[node],
                "iri": str(node),
                "label": labels[node],
                "type": attrs.get("type") or None,
                "country": attrs.get("country") or None,
                "sector": attrs.get("sector") or None,
                "code": attrs.get("code") or None,
                "aliases": [str(a) for a in _json_list(attrs.get("aliases"))],
                "roles": [str(r) for r in _json_list(attrs.get("roles"))],
                "degree": G.degree(node),
                "x": x,
                "y": y,
                "size": sizes[node],
            }
        )

    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    parallel: dict[tuple[int, int], int] = defaultdict(int)
    edge_rows = []
    all_dates: list[str] = []
    event_types: set[str] = set()
    timeline: dict[tuple[str, int], int] = defaultdict(int)
    max_weight = 1
    for i, (u, v, _key, attrs) in enumerate(sorted(edges, key=lambda e: (index[e[0]], index[e[1]], str(e[2])))):
        a, b = index[u], index[v]
        pair = (min(a, b), max(a, b))
        rank = parallel[pair]
        parallel[pair] += 1
        weight = attrs.get("weight", attrs.get("count", 1)) or 1
        max_weight = max(max_weight, math.ceil(weight))
        dates = sorted(str(d)[:10] for d in _json_list(attrs.get("dates")))
        all_dates.extend(dates[:1] + dates[-1:])
        evidence = _json_list(attrs.get("evidence"))
        event_type = attrs.get("event_type") or None
        if event_type:
            event_types.add(str(event_type))
        quad = attrs.get("quad")
        if event_type or attrs.get("cameo") or quad:  # coded events only, as kg.network.event_timeline
            for day, n in _date_counts(attrs, dates, weight).items():
                timeline[day, int(quad or 0)] += n
        edge_rows.append(
            {
                "id": i,
                "from": a,
                "to": b,
                "type": event_type,
                "relation": attrs.get("relation") or None,
                "cameo": attrs.get("cameo") or None,
                "quad": quad,
                "sign": int(attrs.get("sign") or 0),
                "weight": weight,
                "dates": dates,
                "evidence": _evidence_rows(evidence),
                "moreEvidence": max(0, len(evidence) - MAX_EVIDENCE),
                "rank": rank,
            }
        )
    all_dates.sort()
    return {
        "title": title or "Actor network",
        "nodes": node_rows,
        "edges": edge_rows,
        "eventTypes": sorted(event_types),
        "dates": [all_dates[0], all_dates[-1]] if all_dates else [],
        "timeline": [[day, quad, n] for (day, quad), n in sorted(timeline.items())],
        "maxWeight": max_weight,
        "large": len(G) > SMALL_GRAPH,
        "labelled": LABELLED_GRAPH,
        "colors": {
            "types": TYPE_COLORS,
            "other": OTHER_COLOR,
            "signs": {str(k): v for k, v in SIGN_COLORS.items()},
            "quads": {str(k): v for k, v in QUAD_COLORS.items()},
        },
    }


def _script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left.

    Examples:
        >>> _script_json({"s": "</script><b>&"})
        '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_SLOT = re.compile(r"/\*\{\{(\w+)\}\}\*/|\{\{(\w+)\}\}")


def html(G: nx.Graph, *, title: str | None = None, seed: int = 42) -> str:
    """The actor network as one self-contained HTML page.

    Nodes are coloured by actor type and sized by (weighted) degree centrality; edges
    are green for cooperation, red for conflict, grey where unknown, labelled by event
    type. The first view frames every actor with its name (up to `LABELLED_GRAPH`
    actors; the most linked ones beyond). Clicking (or tapping) an actor or a link pins
    a panel with its claims and events: the sentence, date, document title, publisher
    and a link to the article. A timeline of events by CAMEO quad class sits below the
    network; dragging across it filters the network by date, as do the event-type,
    date and weight filters and the actor search beside it. The page loads nothing.

    Args:
        G: The actor network (`kg.network.to_networkx`).
        title: Page title (escaped); defaults to "Actor network".
        seed: Layout seed.

    Returns:
        The page, as a string.

    Examples:
        >>> page = html(nx.MultiDiGraph(), title="<empty>")
        >>> "<title>&lt;empty&gt;</title>" in page and "<link" not in page
        True

    Notes:
        vis-network 9.1.2 (Almende B.V. and contributors, Apache-2.0/MIT) is inlined from
        the pyvis package.
    """
    data = graph_data(G, title=title, seed=seed)
    slots = {
        "title": html_lib.escape(data["title"]),
        "vis_css": _vis("vis-network.css"),
        "css": _asset("viz.css"),
        "vis_js": _vis("vis-network.min.js"),
        "js": _script(),
        "data": _script_json(data),
    }
    # One pass, so text inside a slot's value is never taken for a slot.
    return _SLOT.sub(lambda m: slots[m.group(1) or m.group(2)], _asset("template.html"))


def write_html(G: nx.Graph, path: Path | str, *, title: str | None = None, seed: int = 42) -> Path:
    """Write `html` to ``path`` atomically (a temporary file, then a rename).

    Args:
        G: The actor network.
        path: Where; parent folders are made.
        title: Page title.
        seed: Layout seed.

    Returns:
        The path written.

    Examples:
        >>> import tempfile, pathlib
        >>> out = write_html(nx.MultiDiGraph([("a", "b")]), pathlib.Path(tempfile.mkdtemp()) / "g.html")
        >>> out.read_text().startswith("<!DOCTYPE html>")
        True
    """
    page = html(G, title=title, seed=seed)
    path = atomic_write(path, page)
    logger.info("wrote %s (%d actors, %d edges, %d bytes)", path, len(G), G.number_of_edges(), len(page))
    return path


def notebook_html(G: nx.Graph, *, title: str | None = None, height: int = 600) -> str:
    """The page inside an ``<iframe srcdoc=...>``, for Jupyter's ``_repr_html_``.

    The iframe is sandboxed (scripts only: no access to the notebook's page); the page
    frames the network again whenever the frame changes size, so it is never clipped.

    Args:
        G: The actor network.
        title: Page title.
        height: Frame height in pixels.

    Returns:
        One ``<iframe>`` element with the whole page escaped into ``srcdoc``.

    Examples:
        >>> frame = notebook_html(nx.MultiDiGraph([("a", "b")]))
        >>> frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and "<script" not in frame
        True
    """
    page = html(G, title=title)
    return (
        f'<iframe srcdoc="{html_lib.escape(page, quote=True)}" sandbox="allow-scripts allow-popups" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd;" '
        f'title="{html_lib.escape(title or "Actor network", quote=True)}"></iframe>'
    )


def _rgb(color: str) -> dict[str, int]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16), "a": 1}


def gexf_graph(G: nx.Graph, *, seed: int = 42) -> nx.Graph:
    """A copy of ``G`` styled for Gephi: GEXF ``viz`` colours, positions, sizes, and dates.

    Nodes get the page's colour by actor type, its position and size; edges the colour
    of their sign and ``start``/``end`` (first and last date) so Gephi's timeline can
    play them. Write it with `kg.network.write_gexf`.

    Examples:
        >>> M = nx.MultiDiGraph()
        >>> _ = M.add_edge("a", "b", sign=-1, dates=["2019-09-18", "2019-09-20"])
        >>> S = gexf_graph(M)
        >>> S.nodes["a"]["viz"]["color"], S.edges["a", "b", 0]["start"]
        ({'r': 186, 'g': 176, 'b': 172, 'a': 1}, '2019-09-18')
    """
    sizes = node_sizes(G)
    labels = {node: str(G.nodes[node].get("label") or node) for node in G}
    positions = layout(G, seed=seed, boxes={n: label_box(labels[n], sizes[n]) for n in G})
    H = G.copy()
    for node, attrs in H.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        color = TYPE_COLORS.get(attrs.get("type") or "", OTHER_COLOR)
        # GEXF's y axis points up, the page's down.
        attrs["viz"] = {"color": _rgb(color), "position": {"x": x, "y": -y, "z": 0.0}, "size": sizes[node]}
    for *_ends, attrs in H.edges(data=True):
        attrs["viz"] = {"color": _rgb(SIGN_COLORS.get(int(attrs.get("sign") or 0), SIGN_COLORS[0]))}
        dates = sorted(str(d)[:10] for d in _json_list(attrs.get("dates")))
        if dates:
            attrs["start"], attrs["end"] = dates[0], dates[-1]
    return H

