"""RDF → networkx: the actor network, and the analytics that read it.

Three parts: `reading` (RDF → graph), `analytics` (centralities, communities, signs) and
`export` (GraphML, GEXF).

The last stage but one of the flow (documents → Doc → triples → actors → events → RDF →
**networkx** → HTML). `to_networkx` reads the RDF model with SPARQL and returns a
`networkx.MultiDiGraph` whose nodes are actors and whose edges are what one actor did to
another; every other function here is a pure function of that graph.

Examples:
    >>> import rdflib
    >>> g = rdflib.Graph().parse(format="turtle", data='''
    ...     @prefix kg: <https://w3id.org/kg/ontology#> .
    ...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ...     <https://w3id.org/kg/id/actor/state/IRN> a kg:State ; skos:prefLabel "Iran" .
    ...     <https://w3id.org/kg/id/actor/state/USA> a kg:State ; skos:prefLabel "United States" .
    ...     <https://w3id.org/kg/id/e1> a kg:Event ;
    ...         kg:source <https://w3id.org/kg/id/actor/state/IRN> ;
    ...         kg:target <https://w3id.org/kg/id/actor/state/USA> ;
    ...         kg:cameoCode "120" ; kg:quadClass 3 ;
    ...         kg:ploverType <https://w3id.org/kg/plover/REJECT> .
    ... ''')
    >>> G = to_networkx(g)
    >>> [(G.nodes[u]["label"], G.nodes[v]["label"], d["event_type"], d["sign"])
    ...  for u, v, d in G.edges(data=True)]
    [('Iran', 'United States', 'REJECT', -1)]
"""

from kg.network.analytics import (
    actor_balance,
    betweenness_centrality,
    communities,
    degree_centrality,
    eigenvector_centrality,
    event_timeline,
    signed_graph,
    simple_graph,
    top_actors,
)
from kg.network.export import flat_graph, write_gexf, write_graphml
from kg.network.reading import read_network, to_networkx

__all__ = [
    "actor_balance",
    "betweenness_centrality",
    "communities",
    "degree_centrality",
    "eigenvector_centrality",
    "event_timeline",
    "flat_graph",
    "read_network",
    "signed_graph",
    "simple_graph",
    "to_networkx",
    "top_actors",
    "write_gexf",
    "write_graphml",
]
