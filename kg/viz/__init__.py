"""networkx → HTML: the actor network as one self-contained interactive page.

The end of the flow (... → RDF → networkx → **HTML**). `layout` places the actors
(seeded, so the same graph always gives the same picture, with room for every name in
graphs of up to 150 actors); `page` turns the graph into the page's JSON and the page.
vis-network's physics stays off.

Examples:
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="REJECT", event_type="REJECT", sign=-1, weight=1)
    'REJECT'
    >>> page = html(G, title="Two actors")
    >>> page.startswith("<!DOCTYPE html>") and "<title>Two actors</title>" in page
    True
"""

from kg.viz.layout import LABELLED_GRAPH, SMALL_GRAPH, label_box, layout, node_sizes
from kg.viz.page import SIGN_COLORS, TYPE_COLORS, gexf_graph, graph_data, html, notebook_html, write_html

__all__ = [
    "LABELLED_GRAPH",
    "SIGN_COLORS",
    "SMALL_GRAPH",
    "TYPE_COLORS",
    "gexf_graph",
    "graph_data",
    "html",
    "label_box",
    "layout",
    "node_sizes",
    "notebook_html",
    "write_html",
]
