"""Actor network → files: GraphML and GEXF that Gephi, Cytoscape and networkx read.

GraphML and GEXF hold scalar attributes only: `flat_graph` turns lists into JSON strings.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.store import atomic_write

__all__ = ["flat_graph", "write_gexf", "write_graphml"]


def _flat(value: Any) -> Any:
    """A GraphML/GEXF-friendly value: lists and dicts become JSON strings."""
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return json.dumps(sorted(value) if isinstance(value, (set, frozenset)) else value, ensure_ascii=False)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def flat_graph(G: nx.Graph, *, keep: tuple[str, ...] = ()) -> nx.Graph:
    """A copy of ``G`` whose attributes are all strings or numbers (lists as JSON strings).

    GraphML and GEXF store scalar attributes only; ``json.loads`` gives a list back.
    Attributes whose value is None are left out (both formats allow a missing value,
    neither has a null). This is the one call that makes `to_networkx`'s graph
    writable by networkx's own writers: ``nx.write_graphml(flat_graph(G), path)``,
    ``nx.write_gexf(flat_graph(G), path)``.

    Args:
        G: Any networkx graph.
        keep: Attributes left as they are (``"viz"``, which the GEXF writer reads as a dict).

    Examples:
        >>> M = nx.MultiDiGraph()
        >>> M.add_node("a", aliases=["A", "Alpha"], type=None)
        >>> flat_graph(M).nodes["a"]
        {'aliases': '["A", "Alpha"]'}
    """

    def flat(data: dict[str, Any]) -> dict[str, Any]:
        return {k: v if k in keep else _flat(v) for k, v in data.items() if v is not None}

    H = G.__class__()
    H.graph.update(flat(G.graph))
    for node, data in G.nodes(data=True):
        H.add_node(node, **flat(data))
    if G.is_multigraph():
        for u, v, key, data in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=key, **flat(data))
    else:
        for u, v, data in G.edges(data=True):
            H.add_edge(u, v, **flat(data))
    return H


def _atomic_write(path: Path | str, write: Any) -> Path:
    buffer = io.BytesIO()
    write(buffer)
    return atomic_write(path, buffer.getvalue())


def write_graphml(G: nx.Graph, path: Path | str) -> Path:
    """Write the actor network as GraphML (list attributes as JSON strings).

    Examples:
        >>> import tempfile, pathlib
        >>> M = nx.MultiDiGraph([("a", "b")])
        >>> out = write_graphml(M, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
        >>> sorted(nx.read_graphml(out))
        ['a', 'b']
    """
    return _atomic_write(path, lambda tmp: nx.write_graphml(flat_graph(G), tmp))


def write_gexf(G: nx.Graph, path: Path | str) -> Path:
    """Write the actor network as GEXF 1.2 for Gephi (list attributes as JSON strings).

    ``viz`` attributes (colour, position, size: see `kg.viz.gexf_graph`) become GEXF's
    visualisation elements, and ``start``/``end`` make a dynamic graph Gephi's timeline plays.

    Examples:
        >>> import tempfile, pathlib
        >>> M = nx.MultiDiGraph([("a", "b")])
        >>> out = write_gexf(M, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
        >>> sorted(nx.read_gexf(out))
        ['a', 'b']
    """
    return _atomic_write(path, lambda tmp: nx.write_gexf(flat_graph(G, keep=("viz",)), tmp))

