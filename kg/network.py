"""RDF → networkx: the actor network, and the analytics that read it.

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

from __future__ import annotations

import io
import json
import logging
import math
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.ontology import KG, PLOVER, PREFIXES
from kg.store import atomic_write

__all__ = [
    "actor_balance",
    "betweenness_centrality",
    "communities",
    "degree_centrality",
    "eigenvector_centrality",
    "flat_graph",
    "signed_graph",
    "simple_graph",
    "to_networkx",
    "top_actors",
    "write_gexf",
    "write_graphml",
]

logger = logging.getLogger(__name__)

KG_NS = str(KG._NS)
PLOVER_NS = str(PLOVER)
ACTOR_TYPES = ("Person", "Organization", "State", "Government", "Group")

_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

# A claim's evidence: its sentence and the sentence's document (?text ?doc ?docId ?docTitle ?docDate).
_EVIDENCE = """
OPTIONAL {
  ?claim prov:wasDerivedFrom ?sentence .
  OPTIONAL { ?sentence kg:text ?text }
  OPTIONAL {
    ?sentence kg:inDocument ?doc .
    OPTIONAL { ?doc kg:documentId ?docId }
    OPTIONAL { ?doc kg:title ?docTitle }
    OPTIONAL { ?doc kg:date ?docDate }
  }
}
"""

_ACTORS = (
    _PREFIXES
    + """
SELECT ?actor ?type ?label ?country ?sector ?code WHERE {
  VALUES ?type { kg:Actor kg:Person kg:Organization kg:State kg:Government kg:Group }
  ?actor a ?type .
  OPTIONAL { ?actor skos:prefLabel ?label }
  OPTIONAL { ?actor kg:country ?country }
  OPTIONAL { ?actor kg:sector ?sector }
  OPTIONAL { ?actor kg:actorCode ?code }
}
"""
)

_ALIASES = _PREFIXES + "SELECT ?actor ?alias WHERE { ?actor skos:altLabel ?alias }"

_ROLES = (
    _PREFIXES
    + """
SELECT ?actor ?title ?country WHERE {
  ?actor kg:holdsRole ?role .
  ?role kg:roleTitle ?title .
  OPTIONAL { ?role kg:roleCountry ?country }
}
"""
)

# One row per event, with the claim, sentence and document it came from where known.
_EVENTS = (
    _PREFIXES
    + """
SELECT ?event ?source ?target ?cameo ?plover ?quad ?date ?polarity ?relation
       ?text ?doc ?docId ?docTitle ?docDate WHERE {
  ?event a kg:Event ; kg:source ?source ; kg:target ?target .
  OPTIONAL { ?event kg:cameoCode ?cameo }
  OPTIONAL { ?event kg:ploverType ?plover }
  OPTIONAL { ?event kg:quadClass ?quad }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL {
    ?event kg:fromClaim ?claim .
    OPTIONAL { ?claim kg:polarity ?polarity }
    OPTIONAL { ?claim kg:relation ?relation }
""" + _EVIDENCE + """  }
}
"""
)

# Claims linking two different actors (the store writes ``subject kg:actsOn object`` for these).
_CLAIMS = (
    _PREFIXES
    + """
SELECT ?claim ?source ?target ?relation ?relationText ?polarity
       ?text ?doc ?docId ?docTitle ?docDate WHERE {
  ?claim kg:subjectActor ?source ; kg:objectActor ?target .
  FILTER (?source != ?target)
  OPTIONAL { ?claim kg:relation ?relation }
  OPTIONAL { ?claim kg:relationText ?relationText }
  OPTIONAL { ?claim kg:polarity ?polarity }
""" + _EVIDENCE + """}
"""
)

# Facts linking two different actors: "rejected plans for talks with" the United States.
_FACTS = (
    _PREFIXES
    + """
SELECT ?claim ?source ?target ?relation ?polarity ?text ?doc ?docId ?docTitle ?docDate WHERE {
  ?claim kg:hasFact ?fact .
  ?fact kg:factSubjectActor ?source ; kg:factObjectActor ?target ; kg:factRelation ?relation .
  FILTER (?source != ?target)
  OPTIONAL { ?claim kg:polarity ?polarity }
""" + _EVIDENCE + """}
"""
)

# Bare links stated without a claim behind them (hand-written data, other tools' output).
_ACTS_ON = (
    _PREFIXES
    + """
SELECT ?source ?target WHERE {
  ?source kg:actsOn ?target .
  FILTER (isIRI(?source) && isIRI(?target) && ?source != ?target)
}
"""
)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _tail(iri: str) -> str:
    """The last path or fragment segment of an IRI: ``.../plover/REJECT`` → ``REJECT``."""
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _fallback_label(iri: str) -> str:
    return _tail(iri).replace("-", " ").replace("_", " ") or iri


def _is_negative(polarity: Any) -> bool:
    return polarity is not None and str(polarity) == str(KG.Negative)


def _event_sign(quad: int | None, negative: bool) -> int:
    """+1 cooperation, -1 conflict, 0 unknown.

    Notes:
        CAMEO quad classes 1–2 are (verbal, material) cooperation and 3–4 conflict
        (Schrodt, *CAMEO Conflict and Mediation Event Observations Codebook* 1.1b3, 2012);
        a negated event ("did not agree") counts as conflict.
    """
    if negative or (quad is not None and quad >= 3):
        return -1
    if quad is not None and quad >= 1:
        return 1
    return 0


def _query(rdf_graph: Any, sparql: str) -> list[Any]:
    if not hasattr(rdf_graph, "query"):
        raise InputError(f"to_networkx needs an rdflib Graph (or a store with .query), got {type(rdf_graph).__name__}")
    return list(rdf_graph.query(sparql))


def _new_node(G: nx.MultiDiGraph, iri: str) -> None:
    if iri not in G:
        G.add_node(
            iri,
            label=_fallback_label(iri),
            type=None,
            country=None,
            sector=None,
            code=None,
            aliases=[],
            roles=[],
        )


_TYPE_RANK = {name: i for i, name in enumerate(ACTOR_TYPES)}


def _evidence(row: Any) -> dict[str, str | None] | None:
    text = _str(row.text)
    if text is None:
        return None
    document = _str(row.docId) or _str(row.doc)
    date = _str(row.docDate)
    return {"sentence": text, "document": document, "title": _str(row.docTitle), "date": date}


def _add_evidence(edge: dict[str, Any], evidence: dict[str, str | None] | None) -> None:
    if evidence is None:
        return
    key = (evidence["sentence"], evidence["document"])
    if key not in edge["_seen"]:
        edge["_seen"].add(key)
        edge["evidence"].append(evidence)


def to_networkx(rdf_graph: Any) -> nx.MultiDiGraph:
    """The actor network of an RDF graph written in the `kg` model.

    Args:
        rdf_graph: An rdflib ``Graph``/``Dataset`` (or anything with a SPARQL ``.query``)
            holding actors, claims and events as the store writes them.

    Returns:
        A ``MultiDiGraph``. Nodes are keyed by actor IRI and carry ``label``, ``type``
        (``"Person"``, ``"Government"``, ...), ``country``, ``sector``, ``code``,
        ``aliases`` (list) and ``roles`` (list of strings). There is one edge per
        (source, target, event type), keyed by the event type, carrying ``event_type``
        (PLOVER type or None), ``cameo``, ``relation``, ``quad`` (1–4 or None), ``sign``
        (+1 cooperation, -1 conflict, 0 unknown), ``weight`` and ``count`` (number of
        events), ``dates`` (sorted ISO strings) and ``evidence`` (list of dicts with
        ``sentence``, ``document``, ``title``, ``date``). Where two actors are linked by a
        claim but by no event, the claim's relation makes an edge with ``event_type`` None;
        where only a fact of a claim links them ("rejected talks with" the United States),
        the fact's relation does.

    Raises:
        InputError: ``rdf_graph`` cannot be queried.

    Examples:
        >>> import rdflib
        >>> len(to_networkx(rdflib.Graph()))
        0

    Notes:
        Edge signs follow the CAMEO quad classes: 1–2 cooperation, 3–4 conflict
        (Schrodt 2012, CAMEO codebook 1.1b3); a negated claim counts as conflict.
    """
    G = nx.MultiDiGraph()

    for row in _query(rdf_graph, _ACTORS):
        iri = str(row.actor)
        _new_node(G, iri)
        attrs = G.nodes[iri]
        type_name = _tail(str(row.type))
        # An actor typed both kg:Actor and kg:State is a State; of two subclasses the
        # first in ACTOR_TYPES wins, whatever order the rows come in.
        current = attrs["type"]
        if current is None or _TYPE_RANK.get(type_name, len(_TYPE_RANK)) < _TYPE_RANK.get(current, len(_TYPE_RANK)):
            attrs["type"] = type_name
        if row.label is not None:
            attrs["label"] = str(row.label)
        for name in ("country", "sector", "code"):
            value = getattr(row, name)
            if value is not None:
                attrs[name] = str(value)

    for row in _query(rdf_graph, _ALIASES):
        iri = str(row.actor)
        if iri in G:
            alias = str(row.alias)
            if alias not in G.nodes[iri]["aliases"] and alias != G.nodes[iri]["label"]:
                G.nodes[iri]["aliases"].append(alias)

    for row in _query(rdf_graph, _ROLES):
        iri = str(row.actor)
        if iri in G:
            role = str(row.title) + (f" ({row.country})" if row.country is not None else "")
            if role not in G.nodes[iri]["roles"]:
                G.nodes[iri]["roles"].append(role)

    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    seen_events: set[tuple[str, str, str, str | None]] = set()
    event_pairs: set[tuple[str, str]] = set()

    def edge(source: str, target: str, key: str, **attrs: Any) -> dict[str, Any]:
        if (source, target, key) not in edges:
            edges[source, target, key] = {
                **attrs,
                "count": 0,
                "_signs": [],
                "_seen": set(),
                "dates": set(),
                "evidence": [],
            }
        return edges[source, target, key]

    for row in _query(rdf_graph, _EVENTS):
        source, target = str(row.source), str(row.target)
        plover = _tail(str(row.plover)) if row.plover is not None else None
        cameo = _str(row.cameo)
        quad = int(row.quad.toPython()) if row.quad is not None else None
        negative = _is_negative(row.polarity)
        key = plover or (f"CAMEO {cameo}" if cameo else "EVENT")
        e = edge(source, target, key, event_type=plover, cameo=cameo, relation=_str(row.relation), quad=quad)
        # The OPTIONAL joins can repeat an event (two sentences, two dates): count it once.
        event_id = (str(row.event), source, target, key)
        if event_id not in seen_events:
            seen_events.add(event_id)
            e["count"] += 1
            e["_signs"].append(_event_sign(quad, negative))
        if e["relation"] is None and row.relation is not None:
            e["relation"] = str(row.relation)
        for date in (row.date, row.docDate):
            if date is not None:
                e["dates"].add(str(date))
        _add_evidence(e, _evidence(row))
        event_pairs.add((source, target))

    seen_claims: set[tuple[str, str]] = set()
    for row in _query(rdf_graph, _CLAIMS):
        source, target = str(row.source), str(row.target)
        if (source, target) in event_pairs:
            continue
        relation = _str(row.relation) or _str(row.relationText) or "acts on"
        e = edge(source, target, f"relation:{relation}", event_type=None, cameo=None, relation=relation, quad=None)
        claim_id = str(row.claim)
        if (claim_id, relation) not in seen_claims:
            seen_claims.add((claim_id, relation))
            e["count"] += 1
            e["_signs"].append(-1 if _is_negative(row.polarity) else 0)
        if row.docDate is not None:
            e["dates"].add(str(row.docDate))
        _add_evidence(e, _evidence(row))

    claim_pairs = {(s, t) for s, t, _ in edges}
    for row in _query(rdf_graph, _FACTS):
        source, target = str(row.source), str(row.target)
        if (source, target) in event_pairs or (source, target) in claim_pairs:
            continue
        relation = str(row.relation)
        e = edge(source, target, f"relation:{relation}", event_type=None, cameo=None, relation=relation, quad=None)
        if (str(row.claim), relation) not in seen_claims:
            seen_claims.add((str(row.claim), relation))
            e["count"] += 1
            e["_signs"].append(-1 if _is_negative(row.polarity) else 0)
        if row.docDate is not None:
            e["dates"].add(str(row.docDate))
        _add_evidence(e, _evidence(row))

    linked = {(s, t) for s, t, _ in edges}
    for row in _query(rdf_graph, _ACTS_ON):
        source, target = str(row.source), str(row.target)
        if (source, target) in linked or (source, target) in event_pairs:
            continue
        e = edge(source, target, "relation:acts on", event_type=None, cameo=None, relation="acts on", quad=None)
        e["count"] += 1
        e["_signs"].append(0)
        linked.add((source, target))

    # Query results come in hash order, which changes from run to run: sort, so the same
    # RDF always gives the same graph (and the same picture).
    for (source, target, _key) in edges:
        _new_node(G, source)
        _new_node(G, target)
    ordered = nx.MultiDiGraph()
    for node in sorted(G):
        attrs = G.nodes[node]
        attrs["aliases"] = sorted(attrs["aliases"])
        attrs["roles"] = sorted(attrs["roles"])
        ordered.add_node(node, **attrs)
    G = ordered
    for (source, target, key), attrs in sorted(edges.items()):
        signs = attrs.pop("_signs")
        attrs.pop("_seen")
        total = sum(signs)
        attrs["sign"] = (total > 0) - (total < 0)
        attrs["weight"] = attrs["count"]
        attrs["dates"] = sorted(attrs["dates"])
        attrs["evidence"].sort(key=lambda ev: (ev["date"] or "", ev["document"] or "", ev["sentence"]))
        G.add_edge(source, target, key=key, **attrs)

    logger.debug("actor network: %d actors, %d edges", G.number_of_nodes(), G.number_of_edges())
    return G


# --------------------------------------------------------------------------- analytics


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


# --------------------------------------------------------------------------- export


def _flat(value: Any) -> Any:
    """A GraphML/GEXF-friendly value: lists and dicts become JSON strings."""
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return json.dumps(sorted(value) if isinstance(value, (set, frozenset)) else value, ensure_ascii=False)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def flat_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are all strings or numbers (lists as JSON strings).

    GraphML and GEXF store scalar attributes only; ``json.loads`` gives a list back.
    Attributes whose value is None are left out (both formats allow a missing value,
    neither has a null).

    Examples:
        >>> M = nx.MultiDiGraph()
        >>> M.add_node("a", aliases=["A", "Alpha"], type=None)
        >>> flat_graph(M).nodes["a"]
        {'aliases': '["A", "Alpha"]'}
    """

    def flat(data: dict[str, Any]) -> dict[str, Any]:
        return {k: _flat(v) for k, v in data.items() if v is not None}

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

    Examples:
        >>> import tempfile, pathlib
        >>> M = nx.MultiDiGraph([("a", "b")])
        >>> out = write_gexf(M, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
        >>> sorted(nx.read_gexf(out))
        ['a', 'b']
    """
    return _atomic_write(path, lambda tmp: nx.write_gexf(flat_graph(G), tmp))

