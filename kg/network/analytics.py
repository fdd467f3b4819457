"""Analytics of the actor network: centralities, communities, cooperation and conflict.

Every function here is a pure function of the graph `kg.network.to_networkx` returns.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Hashable
from typing import Any

import networkx as nx

__all__ = [
    "actor_balance",
    "betweenness_centrality",
    "communities",
    "degree_centrality",
    "eigenvector_centrality",
    "event_timeline",
    "period_start",
    "signed_graph",
    "simple_graph",
    "top_actors",
]

logger = logging.getLogger(__name__)


def simple_graph(G: nx.Graph, *, directed: bool = False) -> nx.Graph:
    """Collapse parallel edges into one, summing ``weight``; drop self-loops.

    Args:
        G: Any networkx graph (the actor network is a ``MultiDiGraph``).
        directed: Keep edge direction (``DiGraph``) or not (``Graph``).

    Returns:
        A simple graph with every node of ``G`` (and its attributes) and a ``weight``
        on each edge.

    Examples:
        >>> M = nx.MultiDiGraph([(1, 2), (1, 2), (2, 1)])
        >>> simple_graph(M)[1][2]["weight"]
        3
    """
    H: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = data.get("weight", 1)
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


def degree_centrality(G: nx.Graph, *, weighted: bool = False) -> dict[Hashable, float]:
    """Degree centrality of each actor, counting each neighbour once.

    Args:
        G: The actor network.
        weighted: Sum edge weights (events) instead of counting neighbours; the result
            is then divided by the largest such sum, so it still lies in [0, 1].

    Returns:
        Node → centrality in [0, 1].

    Examples:
        >>> star = nx.MultiDiGraph([(0, 1), (0, 2), (0, 3)])
        >>> degree_centrality(star)[0]
        1.0

    See Also:
        networkx.degree_centrality
    """
    H = simple_graph(G)
    if not weighted:
        return nx.degree_centrality(H)
    strength = dict(H.degree(weight="weight"))
    top = max(strength.values(), default=0) or 1
    return {n: s / top for n, s in strength.items()}


def betweenness_centrality(G: nx.Graph, *, k: int | None = None, seed: int = 0) -> dict[Hashable, float]:
    """Betweenness centrality on the undirected, unweighted projection.

    Args:
        G: The actor network.
        k: Estimate from ``k`` sampled sources (for large graphs) instead of all nodes.
        seed: Seed of the sample, so the estimate is repeatable.

    Returns:
        Node → normalised betweenness.

    Examples:
        >>> path = nx.MultiDiGraph([("a", "b"), ("b", "c")])
        >>> betweenness_centrality(path)["b"]
        1.0

    Notes:
        Brandes, "A faster algorithm for betweenness centrality", *J. Math. Sociol.* 25 (2001).
    """
    H = simple_graph(G)
    if k is not None and k >= len(H):
        k = None
    return nx.betweenness_centrality(H, k=k, seed=seed if k is not None else None, normalized=True)


def eigenvector_centrality(G: nx.Graph, *, max_iter: int = 1000, tol: float = 1e-8) -> dict[Hashable, float]:
    """Eigenvector centrality on the simple undirected projection, one component at a time.

    The principal eigenvector of a disconnected graph puts all its weight on one
    component, and power iteration may fail to settle; so each connected component
    gets its own eigenvector (Euclidean norm 1), scaled by the square root of its share
    of the linked nodes so that the whole vector still has norm 1. Isolated actors score 0.

    Args:
        G: The actor network.
        max_iter: Power-iteration limit per component.
        tol: Convergence tolerance per component.

    Returns:
        Node → centrality, non-negative.

    Examples:
        >>> star = nx.MultiDiGraph([(0, 1), (0, 2), (0, 3)])
        >>> c = eigenvector_centrality(star)
        >>> c[0] > c[1] == c[2] == c[3]
        True

    Notes:
        Bonacich, "Factoring and weighting approaches to status scores and clique
        identification", *J. Math. Sociol.* 2 (1972).
    """
    H = simple_graph(G)
    result: dict[Hashable, float] = dict.fromkeys(H, 0.0)
    components = [c for c in nx.connected_components(H) if len(c) > 1]
    n = sum(len(c) for c in components)
    for component in components:
        sub = H.subgraph(component)
        try:
            scores = nx.eigenvector_centrality(sub, max_iter=max_iter, tol=tol)
        except nx.PowerIterationFailedConvergence:
            logger.warning("eigenvector centrality did not converge on a component of %d actors", len(component))
            scores = nx.degree_centrality(sub)
            norm = math.sqrt(sum(v * v for v in scores.values())) or 1.0
            scores = {k: v / norm for k, v in scores.items()}
        share = math.sqrt(len(component) / n)
        for node, value in scores.items():
            result[node] = abs(value) * share
    return result


def communities(G: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> list[set[Hashable]]:
    """Communities of actors by Louvain modularity, largest first.

    Args:
        G: The actor network (directions and parallel edges are merged, weights summed).
        seed: Random seed, fixed so the same graph gives the same communities.
        resolution: Above 1 favours smaller communities.

    Returns:
        A list of node sets, sorted by size (largest first), then by smallest member.

    Examples:
        >>> two = nx.MultiDiGraph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
        >>> communities(two)
        [{1, 2, 3}, {4, 5, 6}]

    Notes:
        Blondel et al., "Fast unfolding of communities in large networks",
        *J. Stat. Mech.* (2008) P10008.
    """
    H = simple_graph(G)
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(map(str, c))[0]))


def signed_graph(G: nx.Graph) -> nx.DiGraph:
    """The cooperation–conflict view: one directed edge per actor pair, its sign summed.

    Args:
        G: The actor network.

    Returns:
        A ``DiGraph`` whose edge ``u → v`` has ``weight`` = Σ sign × count over every
        edge ``u → v`` of ``G`` (positive: mostly cooperation; negative: mostly
        conflict), ``sign`` = the sign of that sum, ``cooperation`` and ``conflict``
        (event counts).

    Examples:
        >>> M = nx.MultiDiGraph()
        >>> M.add_edge("a", "b", sign=-1, count=2)
        0
        >>> M.add_edge("a", "b", sign=1, count=1)
        1
        >>> dict(signed_graph(M)["a"]["b"])
        {'weight': -1, 'sign': -1, 'cooperation': 1, 'conflict': 2}

    Notes:
        Signed networks of international relations: Harary, "On the notion of balance of
        a signed graph", *Michigan Math. J.* 2 (1953); Doreian & Mrvar (2015).
    """
    S = nx.DiGraph()
    S.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        sign = data.get("sign", 0) or 0
        count = data.get("count", data.get("weight", 1))
        if not S.has_edge(u, v):
            S.add_edge(u, v, weight=0, sign=0, cooperation=0, conflict=0)
        e = S[u][v]
        e["weight"] += sign * count
        if sign > 0:
            e["cooperation"] += count
        elif sign < 0:
            e["conflict"] += count
    for _, _, e in S.edges(data=True):
        e["sign"] = (e["weight"] > 0) - (e["weight"] < 0)
    return S


def actor_balance(G: nx.Graph) -> dict[Hashable, dict[str, float]]:
    """Each actor's cooperation against conflict, as source and as target.

    Args:
        G: The actor network.

    Returns:
        Node → ``{"cooperation", "conflict", "neutral", "balance"}``: counts of the
        cooperative, conflictual and unsigned events it takes part in (either end), and
        balance = (cooperation − conflict) / (cooperation + conflict), in [-1, 1]
        (0 where neither).

    Examples:
        >>> M = nx.MultiDiGraph()
        >>> _ = M.add_edge("a", "b", sign=-1, count=3)
        >>> _ = M.add_edge("a", "c", sign=1, count=1)
        >>> actor_balance(M)["a"]["balance"]
        -0.5
    """
    out = {n: {"cooperation": 0.0, "conflict": 0.0, "neutral": 0.0, "balance": 0.0} for n in G}
    for u, v, data in G.edges(data=True):
        sign = data.get("sign", 0) or 0
        count = data.get("count", data.get("weight", 1))
        name = "cooperation" if sign > 0 else "conflict" if sign < 0 else "neutral"
        for node in {u, v}:
            out[node][name] += count
    for scores in out.values():
        total = scores["cooperation"] + scores["conflict"]
        scores["balance"] = (scores["cooperation"] - scores["conflict"]) / total if total else 0.0
    return out


def top_actors(G: nx.Graph, *, n: int = 10) -> list[dict[str, Any]]:
    """The ``n`` most central actors, with their scores, for reports and ``kg stats``.

    Args:
        G: The actor network.
        n: How many.

    Returns:
        Rows ``{"actor", "label", "type", "degree", "betweenness", "eigenvector",
        "cooperation", "conflict", "balance"}`` sorted by degree, then betweenness, then label.

    Examples:
        >>> star = nx.MultiDiGraph([("hub", "a"), ("hub", "b")])
        >>> top_actors(star, n=1)[0]["actor"]
        'hub'
    """
    degree = degree_centrality(G)
    between = betweenness_centrality(G, k=500 if len(G) > 2000 else None)
    eigen = eigenvector_centrality(G)
    balance = actor_balance(G)
    rows = [
        {
            "actor": node,
            "label": G.nodes[node].get("label", str(node)),
            "type": G.nodes[node].get("type"),
            "degree": degree.get(node, 0.0),
            "betweenness": between.get(node, 0.0),
            "eigenvector": eigen.get(node, 0.0),
            "cooperation": balance[node]["cooperation"],
            "conflict": balance[node]["conflict"],
            "balance": balance[node]["balance"],
        }
        for node in G
    ]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], str(r["label"])))
    return rows[:n]



#: Time bins of `event_timeline` (and of the page's timeline).
TIME_BINS = ("day", "week", "month")


def period_start(date: str, freq: str) -> str:
    """The first day of the day, ISO week (Monday) or month that ``date`` falls in.

    Examples:
        >>> [period_start("2019-09-18", f) for f in TIME_BINS]
        ['2019-09-18', '2019-09-16', '2019-09-01']
    """
    import datetime as dt

    day = dt.date.fromisoformat(date[:10])
    if freq == "week":
        day -= dt.timedelta(days=day.weekday())
    elif freq == "month":
        day = day.replace(day=1)
    elif freq != "day":
        raise ValueError(f"unknown time bin {freq!r} (valid: {', '.join(TIME_BINS)})")
    return day.isoformat()


def event_timeline(G: nx.Graph, *, freq: str = "month") -> list[dict[str, Any]]:
    """Dated events counted by period and CAMEO quad class: the page's timeline, in Python.

    Args:
        G: The actor network (`kg.network.to_networkx`: edges carry ``date_counts``
            and ``quad``).
        freq: ``"day"``, ``"week"`` (ISO weeks, from Monday) or ``"month"``.

    Returns:
        Rows ``{"period", "quad", "count"}`` sorted by period then quad class; ``period``
        is the ISO date the period starts on, ``quad`` 1–4 or None (an event with no
        quad class). Undated events, and links from claims that code no event, are left out.

    Raises:
        ValueError: An unknown ``freq``.

    Examples:
        >>> M = nx.MultiDiGraph()
        >>> _ = M.add_edge("a", "b", quad=4, date_counts={"2019-09-18": 2, "2019-09-30": 1})
        >>> event_timeline(M, freq="month")
        [{'period': '2019-09-01', 'quad': 4, 'count': 3}]

    Notes:
        Quad classes (verbal cooperation, material cooperation, verbal conflict,
        material conflict) as in the CAMEO codebook (Schrodt 2012) and ICEWS.
    """
    if freq not in TIME_BINS:
        raise ValueError(f"unknown time bin {freq!r} (valid: {', '.join(TIME_BINS)})")
    counts: dict[tuple[str, int | None], int] = {}
    for _u, _v, data in G.edges(data=True):
        if data.get("event_type") is None and data.get("cameo") is None and data.get("quad") is None:
            continue  # a claim's link, not a coded event
        quad = data.get("quad")
        for date, n in (data.get("date_counts") or {}).items():
            key = (period_start(str(date), freq), quad)
            counts[key] = counts.get(key, 0) + int(n)
    return [
        {"period": period, "quad": quad, "count": n}
        for (period, quad), n in sorted(counts.items(), key=lambda item: (item[0][0], item[0][1] or 0))
    ]
