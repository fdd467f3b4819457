"""networkx → HTML: the actor network as one self-contained interactive page.

The end of the flow (... → RDF → networkx → **HTML**). The page inlines vis-network
(the copy shipped inside the pyvis package), our own script and style, and the graph as
JSON; it fetches nothing. Positions are computed here, seeded, so the same graph always
gives the same picture, and vis-network's physics stays off.

Article text is untrusted: the graph travels as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and the page
puts every label, alias and sentence into the document as text (``textContent``), never
as HTML.

Examples:
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="REJECT", event_type="REJECT", sign=-1, weight=1)
    'REJECT'
    >>> page = html(G, title="Two actors")
    >>> page.startswith("<!DOCTYPE html>") and "<title>Two actors</title>" in page
    True
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import math
import re
from collections import defaultdict
from collections.abc import Hashable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.network import communities, degree_centrality, simple_graph
from kg.store import atomic_write

__all__ = ["graph_data", "html", "layout", "notebook_html", "write_html"]

logger = logging.getLogger(__name__)

#: Graphs up to this many actors get one spring layout; larger ones are laid out by community.
SMALL_GRAPH = 300
#: Evidence sentences kept per edge in the page (the count of the rest is shown).
MAX_EVIDENCE = 10
VIS_VERSION = "9.1.2"
_ASSETS = Path(__file__).resolve().parent / "viz_assets"


@cache
def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


@cache
def _vis(name: str) -> str:
    """vis-network's script or style, from the copy inside the installed pyvis package."""
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / f"vis-{VIS_VERSION}" / name
    text = path.read_text(encoding="utf-8")
    # Nothing may close the element it is inlined in.
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


# --------------------------------------------------------------------------- layout


def _spring(H: nx.Graph, seed: int) -> dict[Hashable, tuple[float, float]]:
    n = len(H)
    if n == 1:
        return {next(iter(H)): (0.0, 0.0)}
    pos = nx.spring_layout(H, seed=seed, iterations=100 if n <= 100 else 50, weight=None)
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}


def _grid(nodes: list[Hashable]) -> dict[Hashable, tuple[float, float]]:
    side = math.ceil(math.sqrt(len(nodes)))
    step = 2 / max(side - 1, 1)
    return {node: (-1 + (i % side) * step, -1 + (i // side) * step) for i, node in enumerate(nodes)}


_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
#: Median link length (pixels at vis-network's natural scale) in graphs of up to `SMALL_GRAPH` actors.
LINK_LENGTH = 180.0


def _scaled(
    pos: dict[Hashable, tuple[float, float]], H: nx.Graph, length: float
) -> tuple[dict[Hashable, tuple[float, float]], float]:
    """Scale a layout so its median edge is ``length`` long; return it and its radius."""
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in H.edges() if u != v)
    median = lengths[len(lengths) // 2] if lengths else 0.0
    factor = length / median if median > 1e-9 else length
    scaled = {k: (x * factor, y * factor) for k, (x, y) in pos.items()}
    radius = max((math.hypot(x, y) for x, y in scaled.values()), default=0.0) + length / 4
    return scaled, radius


def _block_layout(H: nx.Graph, seed: int, depth: int = 0) -> tuple[dict[Hashable, tuple[float, float]], float]:
    """Positions of H's nodes around (0, 0) in pixels, and the radius they fill."""
    n = len(H)
    isolated = sorted((v for v in H if H.degree(v) == 0), key=str)
    linked = H.subgraph(v for v in H if H.degree(v) > 0).copy()
    placed: list[tuple[dict[Hashable, tuple[float, float]], float]] = []
    if depth == 0 and n <= SMALL_GRAPH:
        # One spring layout, roomy enough for labels at vis-network's natural scale.
        if len(linked):
            placed.append(_scaled(_spring(linked, seed), linked, LINK_LENGTH))
    elif n <= SMALL_GRAPH or depth > 3:
        radius = 28 * math.sqrt(n) + 10
        return {k: (x * radius, y * radius) for k, (x, y) in _spring(H, seed).items()}, radius
    else:
        blocks = [sorted(c, key=str) for c in communities(linked, seed=seed, resolution=1 + depth)]
        if len(blocks) == 1 and not isolated:
            radius = 28 * math.sqrt(n) + 10
            return {k: (x * radius, y * radius) for k, (x, y) in _spring(H, seed).items()}, radius
        placed.extend(_block_layout(H.subgraph(block).copy(), seed, depth + 1) for block in blocks)
    if isolated:
        r = (28 if depth or n > SMALL_GRAPH else 60) * math.sqrt(len(isolated)) + 10
        placed.append(({k: (x * r, y * r) for k, (x, y) in _grid(isolated).items()}, r))
    # Pack the blocks on a sunflower spiral, largest first: a deterministic, gap-free layout.
    placed.sort(key=lambda item: -item[1])
    positions: dict[Hashable, tuple[float, float]] = {}
    area = 0.0
    outer = 0.0
    for k, (pos, r) in enumerate(placed):
        distance = 0.0 if k == 0 else 1.15 * (math.sqrt(area) + r)
        cx, cy = distance * math.cos(k * _GOLDEN_ANGLE), distance * math.sin(k * _GOLDEN_ANGLE)
        area += r * r
        outer = max(outer, distance + r)
        for node, (x, y) in pos.items():
            positions[node] = (x + cx, y + cy)
    return positions, outer


def layout(G: nx.Graph, *, seed: int = 42) -> dict[Hashable, tuple[float, float]]:
    """Seeded positions (pixels) for every actor: the same graph gives the same picture.

    Up to `SMALL_GRAPH` actors get one Fruchterman–Reingold spring layout. Larger
    networks are split into Louvain communities, each laid out on its own (recursively
    while still large), and the communities are packed on a sunflower spiral, largest
    in the middle; actors with no links sit on a grid beside them.

    Args:
        G: The actor network.
        seed: Seed of the spring layouts and the community detection.

    Returns:
        Node → ``(x, y)``, rounded to 0.1 pixel.

    Examples:
        >>> G = nx.path_graph(4)
        >>> layout(G) == layout(G)
        True

    Notes:
        Fruchterman & Reingold, "Graph drawing by force-directed placement",
        *Software: Practice and Experience* 21 (1991); Vogel, "A better way to construct
        the sunflower head", *Math. Biosci.* 44 (1979).
    """
    H = nx.Graph()
    H.add_nodes_from(sorted(G, key=str))
    H.add_edges_from(sorted(((u, v) for u, v in simple_graph(G).edges() if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    if len(H) == 0:
        return {}
    positions, _ = _block_layout(H, seed)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in positions.items()}


# --------------------------------------------------------------------------- page data


def _json_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def graph_data(G: nx.Graph, *, title: str | None = None, seed: int = 42) -> dict[str, Any]:
    """The JSON the page draws: nodes with positions and sizes, edges with evidence.

    Args:
        G: The actor network (`kg.network.to_networkx`); any networkx graph works, with
            missing attributes left empty.
        title: The page's heading.
        seed: Layout seed.

    Returns:
        ``{"title", "nodes", "edges", "eventTypes", "dates", "maxWeight", "large"}``.
        Node ids and edge ids are integers; ``iri`` keeps the actor's key.

    Examples:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("a", "b", event_type="REJECT", sign=-1, weight=2, dates=["2019-09-18"])
        0
        >>> data = graph_data(G)
        >>> [(e["from"], e["to"], e["type"], e["sign"], e["weight"]) for e in data["edges"]]
        [(0, 1, 'REJECT', -1, 2)]
        >>> data["dates"]
        ['2019-09-18', '2019-09-18']
    """
    nodes = sorted(G, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    positions = layout(G, seed=seed)
    centrality = degree_centrality(G, weighted=True) if len(G) else {}
    large = len(G) > SMALL_GRAPH

    node_rows = []
    for node in nodes:
        attrs = G.nodes[node]
        x, y = positions.get(node, (0.0, 0.0))
        node_rows.append(
            {
                "id": index[node],
                "iri": str(node),
                "label": str(attrs.get("label") or node),
                "type": attrs.get("type") or None,
                "country": attrs.get("country") or None,
                "sector": attrs.get("sector") or None,
                "code": attrs.get("code") or None,
                "aliases": [str(a) for a in _json_list(attrs.get("aliases"))],
                "roles": [str(r) for r in _json_list(attrs.get("roles"))],
                "degree": G.degree(node),
                "x": x,
                "y": y,
                "size": round(6 + 24 * math.sqrt(centrality.get(node, 0.0)), 1),
            }
        )

    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    parallel: dict[tuple[int, int], int] = defaultdict(int)
    edge_rows = []
    all_dates: list[str] = []
    event_types: set[str] = set()
    max_weight = 1
    for i, (u, v, _key, attrs) in enumerate(sorted(edges, key=lambda e: (index[e[0]], index[e[1]], str(e[2])))):
        a, b = index[u], index[v]
        pair = (min(a, b), max(a, b))
        rank = parallel[pair]
        parallel[pair] += 1
        weight = attrs.get("weight", attrs.get("count", 1)) or 1
        max_weight = max(max_weight, math.ceil(weight))
        dates = sorted(str(d) for d in _json_list(attrs.get("dates")))
        all_dates.extend(dates[:1] + dates[-1:])
        evidence = _json_list(attrs.get("evidence"))
        event_type = attrs.get("event_type") or None
        if event_type:
            event_types.add(str(event_type))
        edge_rows.append(
            {
                "id": i,
                "from": a,
                "to": b,
                "type": event_type,
                "relation": attrs.get("relation") or None,
                "cameo": attrs.get("cameo") or None,
                "quad": attrs.get("quad"),
                "sign": int(attrs.get("sign") or 0),
                "weight": weight,
                "dates": dates,
                "evidence": [
                    {
                        "sentence": str(ev.get("sentence") or ""),
                        "document": str(ev.get("title") or ev.get("document") or ""),
                        "date": str(ev.get("date") or ""),
                    }
                    for ev in evidence[:MAX_EVIDENCE]
                    if isinstance(ev, dict)
                ],
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
        "maxWeight": max_weight,
        "large": large,
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
    type. Hovering shows an actor's aliases and roles, or an edge's evidence sentences
    with document and date. A legend, filters (event type, date range, minimum weight)
    and an actor search sit beside the picture. The page loads nothing from anywhere.

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
        "js": _asset("viz.js"),
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

    The iframe is sandboxed (scripts only: no access to the notebook's page).

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
        f'<iframe srcdoc="{html_lib.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd;" '
        f'title="{html_lib.escape(title or "Actor network", quote=True)}"></iframe>'
    )
