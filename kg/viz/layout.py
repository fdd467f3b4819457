"""Where each actor sits on the page: seeded layouts that leave room for every name.

Up to `LABELLED_GRAPH` actors, every name is drawn in the first view, so the layout makes
room for the labels: each connected component gets a spring layout, the components (and
the actors with no link) are packed on shelves into a rectangle of the page's proportions,
and the label boxes are then pushed apart until none overlaps. Larger networks are laid out
by community and packed on a sunflower spiral, where only the most linked actors are named
at first.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx

from kg.network import communities, degree_centrality, simple_graph

__all__ = ["LABELLED_GRAPH", "LABEL_FONT", "SMALL_GRAPH", "label_box", "layout", "node_sizes"]

#: Up to this many actors, every name is drawn in the first view, without overlap.
LABELLED_GRAPH = 150
#: Graphs up to this many actors get one spring layout; larger ones are laid out by community.
SMALL_GRAPH = 300
#: Node label font size (pixels at vis-network's natural scale), as the page draws it.
LABEL_FONT = 14
#: Median link length (pixels at the natural scale) in graphs of up to `SMALL_GRAPH` actors.
LINK_LENGTH = 180.0
#: Width over height of the rectangle small graphs are packed into (the network's area of a laptop page).
ASPECT = 1.4
_CHAR_WIDTH = 0.58 * LABEL_FONT
_GAP = 6.0


def label_box(label: str, size: float) -> tuple[float, float, float, float]:
    """The box a node and its label take, as offsets from the node's centre.

    vis-network draws a ``dot`` node's label centred below it; the width is an estimate
    for a sans-serif face (0.58 em a character), generous enough for capitals.

    Returns:
        ``(left, top, right, bottom)`` offsets in pixels at the natural scale.

    Examples:
        >>> label_box("Iran", 10)
        (-20.2, -10, 20.2, 30.2)
    """
    half = round(max(size, (_CHAR_WIDTH * len(label) + 8) / 2), 1)
    return (-half, -size, half, round(size + 2 + LABEL_FONT * 1.3, 1))


def node_sizes(G: nx.Graph) -> dict[Hashable, float]:
    """Each actor's radius in the page (pixels): 6 to 30 by the square root of weighted degree centrality.

    Examples:
        >>> node_sizes(nx.path_graph(3))
        {0: 23.0, 1: 30.0, 2: 23.0}
    """
    centrality = degree_centrality(G, weighted=True) if len(G) else {}
    return {node: round(6 + 24 * math.sqrt(centrality.get(node, 0.0)), 1) for node in G}


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


def _induced(H: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """H's subgraph on `nodes`, in H's order of nodes and edges.

    networkx's subgraph view walks a node set smaller than the graph in the set's order,
    which follows string hashing and so changed from one run to the next; the spring
    layout's result depends on that order.
    """
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(v for v in H if v in keep)
    sub.add_edges_from((u, v, d) for u, v, d in H.edges(data=True) if u in keep and v in keep)
    return sub


def _block_layout(H: nx.Graph, seed: int, depth: int = 0) -> tuple[dict[Hashable, tuple[float, float]], float]:
    """Positions of H's nodes around (0, 0) in pixels, and the radius they fill."""
    n = len(H)
    isolated = sorted((v for v in H if H.degree(v) == 0), key=str)
    linked = _induced(H, (v for v in H if H.degree(v) > 0))
    placed: list[tuple[dict[Hashable, tuple[float, float]], float]] = []
    if depth == 0 and n <= SMALL_GRAPH:
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
        placed.extend(_block_layout(_induced(H, block), seed, depth + 1) for block in blocks)
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


# --------------------------------------------------------------------------- labelled layout

Box = tuple[float, float, float, float]


def _extent(pos: dict[Hashable, tuple[float, float]], boxes: dict[Hashable, Box]) -> Box:
    return (
        min(pos[v][0] + boxes[v][0] for v in pos),
        min(pos[v][1] + boxes[v][1] for v in pos),
        max(pos[v][0] + boxes[v][2] for v in pos),
        max(pos[v][1] + boxes[v][3] for v in pos),
    )


def _separate(pos: dict[Hashable, list[float]], boxes: dict[Hashable, Box], *, rounds: int = 200) -> None:
    """Push overlapping label boxes apart, along the axis where they overlap least.

    Notes:
        A simple form of the force-transfer overlap removal of Huang et al., "A fast
        and effective algorithm for removing node overlaps", *Information Visualization*
        (2007); boxes are bucketed on a grid so each round is near linear.
    """
    nodes = sorted(pos, key=str)
    cell = max(max(b[2] - b[0], b[3] - b[1]) for b in boxes.values()) + _GAP
    for _ in range(rounds):
        grid: dict[tuple[int, int], list[Hashable]] = {}
        for v in nodes:
            grid.setdefault((int(pos[v][0] // cell), int(pos[v][1] // cell)), []).append(v)
        moved = False
        for i, u in enumerate(nodes):
            ux, uy = pos[u]
            gx, gy = int(ux // cell), int(uy // cell)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for v in grid.get((gx + dx, gy + dy), ()):
                        if str(v) <= str(u) or v == u:
                            continue
                        bu, bv = boxes[u], boxes[v]
                        vx, vy = pos[v]
                        over_x = min(ux + bu[2], vx + bv[2]) - max(ux + bu[0], vx + bv[0]) + _GAP
                        over_y = min(uy + bu[3], vy + bv[3]) - max(uy + bu[1], vy + bv[1]) + _GAP
                        if over_x <= 0 or over_y <= 0:
                            continue
                        moved = True
                        if over_x * 0.6 < over_y:  # labels are wide: sideways is usually cheaper
                            shift = over_x / 2 * (1 if vx >= ux else -1)
                            pos[u][0] -= shift
                            pos[v][0] += shift
                        else:
                            shift = over_y / 2 * (1 if vy >= uy else -1)
                            pos[u][1] -= shift
                            pos[v][1] += shift
                        ux, uy = pos[u]
        if not moved:
            return


def _shelves(
    parts: list[dict[Hashable, list[float]]], extents: list[Box], row_width: float
) -> dict[Hashable, list[float]]:
    """Parts placed left to right in rows no wider than ``row_width`` (first fit, in order)."""
    positions: dict[Hashable, list[float]] = {}
    x = y = row_height = 0.0
    for part, (left, top, right, bottom) in zip(parts, extents):
        if x > 0 and x + (right - left) > row_width:
            x, y, row_height = 0.0, y + row_height + 3 * _GAP, 0.0
        for v, (px, py) in part.items():
            positions[v] = [px - left + x, py - top + y]
        x += right - left + 3 * _GAP
        row_height = max(row_height, bottom - top)
    return positions


def _labelled_layout(H: nx.Graph, boxes: dict[Hashable, Box], seed: int) -> dict[Hashable, tuple[float, float]]:
    """Components laid out one by one, packed on shelves, label boxes kept apart."""
    parts: list[dict[Hashable, list[float]]] = []
    isolated = sorted((v for v in H if H.degree(v) == 0), key=str)
    for component in sorted(nx.connected_components(H), key=lambda c: (-len(c), sorted(map(str, c))[0])):
        if len(component) == 1 and next(iter(component)) in isolated:
            continue
        sub = _induced(H, component)
        scaled, _ = _scaled(_spring(sub, seed), sub, 0.5 * LINK_LENGTH)
        # Names are wide: give the component the page's proportions before pushing labels apart.
        part = {v: [x * 1.3, y / 1.3] for v, (x, y) in scaled.items()}
        _separate(part, boxes)
        parts.append(part)
    if isolated:
        width = max(boxes[v][2] - boxes[v][0] for v in isolated) + _GAP
        height = max(boxes[v][3] - boxes[v][1] for v in isolated) + _GAP
        tallest = max((_extent(part, boxes)[3] - _extent(part, boxes)[1] for part in parts), default=0.0)
        rows = max(1, min(len(isolated), int(tallest // height) or math.ceil(math.sqrt(len(isolated)))))
        parts.append({v: [(i // rows) * width, (i % rows) * height] for i, v in enumerate(isolated)})
    extents = [_extent(part, boxes) for part in parts]
    widths = [e[2] - e[0] + 3 * _GAP for e in extents]
    best: tuple[float, dict[Hashable, list[float]]] | None = None
    # Shelf packing at a few row widths; keep the one that fills a page of ASPECT best.
    for step in range(9):
        row_width = max(widths) + (sum(widths) - max(widths)) * step / 8
        positions = _shelves(parts, extents, row_width)
        left, top, right, bottom = _extent(positions, boxes)
        fill = min(ASPECT / max(right - left, 1.0), 1 / max(bottom - top, 1.0))
        if best is None or fill > best[0] * 1.001:
            best = (fill, positions)
    positions = best[1]
    _separate(positions, boxes)
    left, top, right, bottom = _extent(positions, boxes)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    return {v: (x - cx, y - cy) for v, (x, y) in positions.items()}


def layout(
    G: nx.Graph, *, seed: int = 42, boxes: dict[Hashable, Box] | None = None
) -> dict[Hashable, tuple[float, float]]:
    """Seeded positions (pixels) for every actor: the same graph gives the same picture.

    Up to `LABELLED_GRAPH` actors, the labelled layout (``boxes``: node → `label_box`,
    by default each node's ``label`` at its `node_sizes` radius): a spring layout per component, components packed on shelves into a
    rectangle of `ASPECT`, label boxes pushed apart. Otherwise, up to `SMALL_GRAPH`
    actors get one Fruchterman–Reingold spring layout, and larger networks are split
    into Louvain communities, each laid out on its own (recursively while still
    large), packed on a sunflower spiral, largest in the middle; actors with no links
    sit on a grid beside them.

    Args:
        G: The actor network.
        seed: Seed of the spring layouts and the community detection.
        boxes: Each node's label box, to lay out small graphs with every name apart.

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
    if len(H) <= LABELLED_GRAPH:
        if boxes is None:
            sizes = node_sizes(G)
            boxes = {n: label_box(str(G.nodes[n].get("label") or n), sizes[n]) for n in G}
        positions = _labelled_layout(H, boxes, seed)
    else:
        positions, _ = _block_layout(H, seed)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in positions.items()}
