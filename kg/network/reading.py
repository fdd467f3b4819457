"""RDF → networkx: the actor network read from the kg model with SPARQL.

`to_networkx` returns a `networkx.MultiDiGraph` whose nodes are actors and whose edges
are what one actor did to another, each with the evidence (sentence, document) behind it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.ontology import KG, PLOVER, PREFIXES, local_name
from kg.types import ACTOR_TYPE_ORDER

__all__ = ["ACTOR_TYPES", "read_network", "to_networkx"]

logger = logging.getLogger(__name__)

KG_NS = str(KG._NS)
PLOVER_NS = str(PLOVER)
ACTOR_TYPES = ACTOR_TYPE_ORDER  #: of two classes of one actor, the first here is its type


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _fallback_label(iri: str) -> str:
    return local_name(iri).replace("-", " ").replace("_", " ") or iri


_NEGATIVE = str(KG.Negative)


def _is_negative(polarity: Any) -> bool:
    return polarity is not None and str(polarity) == _NEGATIVE


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


def _query(rdf_graph: Any, name: str) -> list[Any]:
    """The rows of the view query `name` (``kg/store/queries/views/NAME.rq``)."""
    from kg.store.named import view_query

    if not hasattr(rdf_graph, "query"):
        raise InputError(f"to_networkx needs an rdflib Graph (or a store with .query), got {type(rdf_graph).__name__}")
    return list(rdf_graph.query(view_query(name)))


def _claim_evidence(rdf_graph: Any, claims: set[Any]) -> dict[str, list[Any]]:
    """Claim IRI → the rows of its evidence (``claim-evidence``): one with the claim alone where it has none.

    Asked for the claims a caller keeps, as many IRIs at a time as `kg.store.guard` lets one
    query hold (its length, and its operators: an IRI's "/" and "-" count), rather than joined to every row of a larger query: the facts the
    network keeps are a third of those read, and the network of 1,000 documents takes a
    second less. A claim no IRI can name in a query
    (a blank node, in a file written elsewhere) is read with every claim that has facts.
    """
    from rdflib import URIRef

    from kg.store.guard import MAX_OPERATORS, MAX_QUERY_CHARS, query_size
    from kg.store.named import view_query

    query = view_query("claim-evidence")
    where = query.index("WHERE {") + len("WHERE {")
    empty = f"{query[:where]}\n  VALUES ?claim {{  }}{query[where:]}"
    room = (MAX_QUERY_CHARS - len(empty), MAX_OPERATORS - query_size(empty)[1])  # what the store's query guard accepts
    named = sorted(str(c) for c in claims if isinstance(c, URIRef) and _PLAIN_IRI.fullmatch(str(c)))
    rest = {str(c) for c in claims} - set(named)
    blocks, held, chars, operators = [], [], 0, 0
    for iri in named:  # VALUES blocks that keep each query within the guard's limits (an IRI's "/" and "-" count)
        term = f"<{iri}> "
        cost = query_size(term)[1]
        if held and (chars + len(term) > room[0] or operators + cost > room[1]):
            blocks.append(f"VALUES ?claim {{ {' '.join(held)} }}")
            held, chars, operators = [], 0, 0
        held.append(term.rstrip())
        chars, operators = chars + len(term), operators + cost
    if held:
        blocks.append(f"VALUES ?claim {{ {' '.join(held)} }}")
    if rest:
        blocks.append("{ SELECT DISTINCT ?claim WHERE { ?claim kg:hasFact [] } }")
    found: dict[str, list[Any]] = {claim: [] for claim in map(str, claims)}
    for block in blocks:
        for row in rdf_graph.query(f"{query[:where]}\n  {block}{query[where:]}"):
            if (claim := str(row.claim)) in found and (block.startswith("VALUES") or claim in rest):
                found[claim].append(row)
    return found


_PLAIN_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')  #: an IRI a query can write between < and >
_KINDS = {"state": "State", "government": "Government", "person": "Person", "organization": "Organization",
          "group": "Group"}
_ACTOR_IRI = str(PREFIXES["id"]) + "actor/"


def _undescribed(iri: str) -> dict[str, Any]:
    """What an actor's IRI alone says where the graph does not describe it (``.../actor/state/AZE``).

    A state or government keyed by its country code gets its type, country and the
    gazetteer's name ("Azerbaijan"), so no bare code stands in the picture for a name.
    """
    attrs: dict[str, Any] = {"label": _fallback_label(iri), "type": None, "country": None, "sector": None, "code": None}
    kind, _, key = iri.removeprefix(_ACTOR_IRI).partition("/") if iri.startswith(_ACTOR_IRI) else ("", "", "")
    if kind in _KINDS:
        attrs["type"] = _KINDS[kind]
    if kind in ("state", "government") and len(key) == 3 and key.isalpha():
        from kg.actors.gazetteer import government_label, state_names

        country = key.upper()
        name = state_names().get(country, (country, None))[0]
        attrs.update(country=country, code=country + ("GOV" if kind == "government" else ""),
                     label=government_label(name) if kind == "government" else name)
    return attrs


def _new_node(G: nx.MultiDiGraph, iri: str) -> None:
    if iri not in G:
        G.add_node(iri, **_undescribed(iri), aliases=[], roles=[])


_TYPE_RANK = {name: i for i, name in enumerate(ACTOR_TYPES)}


def _evidence(row: Any) -> dict[str, str | None] | None:
    text = _str(row.sentence)
    if text is None:
        return None
    document = _str(row.docId) or _str(row.doc)
    date = _str(row.docDate)
    return {
        "sentence": text,
        "document": document,
        "title": _str(row.title),
        "date": date,
        "url": _str(row.url),
        "publisher": _str(row.publisher),
    }


def _add_evidence(edge: dict[str, Any], evidence: dict[str, str | None] | None) -> None:
    if evidence is None:
        return
    key = (evidence["sentence"], evidence["document"])
    if key not in edge["_seen"]:
        edge["_seen"].add(key)
        edge["evidence"].append(evidence)


def _count_date(edge: dict[str, Any], date: Any) -> None:
    if date is not None:
        day = str(date)[:10]
        edge["date_counts"][day] = edge["date_counts"].get(day, 0) + 1


def _canonical_iris(rdf_graph: Any) -> dict[str, str]:
    """Actor IRI → the IRI of the canonical actor its ``owl:sameAs`` links lead to (only merged ones)."""
    from kg.store.actors import canonical_iris

    if not hasattr(rdf_graph, "query"):  # a clear error for what cannot be queried, before the links are read
        raise InputError(f"to_networkx needs an rdflib Graph (or a store with .query), got {type(rdf_graph).__name__}")
    return canonical_iris(rdf_graph)


def to_networkx(rdf_graph: Any) -> nx.MultiDiGraph:
    """The actor network of an RDF graph written in the `kg` model.

    Args:
        rdf_graph: An rdflib ``Graph``/``Dataset`` (or anything with a SPARQL ``.query``)
            holding actors, claims and events as the store writes them.

    Returns:
        A ``MultiDiGraph``. Nodes are keyed by actor IRI and carry ``label``, ``type``
        (``"Person"``, ``"Government"``, ...), ``country``, ``sector``, ``code``,
        ``aliases`` (list) and ``roles`` (list of strings). An actor id that
        ``owl:sameAs`` links to a canonical one (`kg.store.actors.canonical_ids`) is that
        actor: its edges, counts, labels (as aliases) and roles go to the canonical node,
        whose ``merged`` attribute names the merged ids, joined with "; " ("" where none).
        There is one edge per
        (source, target, event type), keyed by the event type, carrying ``event_type``
        (PLOVER type or None), ``cameo``, ``relation``, ``quad`` (1–4 or None), ``sign``
        (+1 cooperation, -1 conflict, 0 unknown), ``weight`` and ``count`` (number of
        events), ``dates`` (sorted ISO strings), ``date_counts`` (ISO date → events on
        that date) and ``evidence`` (list of dicts with ``sentence``, ``document``,
        ``title``, ``date``, ``url``, ``publisher``). Where two actors are linked by a
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
    canonical = _canonical_iris(rdf_graph)
    merged_names: dict[str, set[str]] = {}
    merged_ids: dict[str, set[str]] = {}
    for member, head in canonical.items():
        merged_ids.setdefault(head, set()).add(member.removeprefix(_ACTOR_IRI))

    def canon(term: Any) -> str:
        return canonical.get(str(term), str(term))

    for row in _query(rdf_graph, "network-actors"):
        iri = str(row.actor)
        if iri in canonical:  # a merged id: its names are the canonical actor's aliases
            if row.label is not None:
                merged_names.setdefault(canonical[iri], set()).add(str(row.label))
            continue
        _new_node(G, iri)
        attrs = G.nodes[iri]
        type_name = local_name(str(row.type))
        # An actor typed both kg:Actor and kg:State is a State; of two subclasses the
        # first in ACTOR_TYPES (kg.types.ACTOR_TYPE_ORDER, as the tables read it) wins, whatever order the rows come in.
        current = attrs["type"]
        if current is None or _TYPE_RANK.get(type_name, len(_TYPE_RANK)) < _TYPE_RANK.get(current, len(_TYPE_RANK)):
            attrs["type"] = type_name
        if row.label is not None:
            attrs["label"] = str(row.label)
        for name in ("country", "sector", "code"):
            value = getattr(row, name)
            if value is not None:
                attrs[name] = str(value)

    for row in _query(rdf_graph, "actor-aliases"):
        merged_names.setdefault(canon(row.actor), set()).add(str(row.alias))
    for iri, names in merged_names.items():
        if iri in G:
            G.nodes[iri]["aliases"] = [a for a in sorted(names) if a != G.nodes[iri]["label"]]

    for row in _query(rdf_graph, "actor-roles"):
        iri = canon(row.actor)
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
                "date_counts": {},
                "evidence": [],
            }
        return edges[source, target, key]

    for row in _query(rdf_graph, "network-events"):
        source, target = canon(row.source), canon(row.target)
        plover = local_name(str(row.plover)) if row.plover is not None else None
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
            _count_date(e, row.date or row.docDate)
        if e["relation"] is None and row.relation is not None:
            e["relation"] = str(row.relation)
        for date in (row.date, row.docDate):
            if date is not None:
                e["dates"].add(str(date))
        _add_evidence(e, _evidence(row))
        event_pairs.add((source, target))

    seen_claims: set[tuple[str, str, str, str]] = set()

    def claim_edge(source: str, target: str, relation: str, row, found=None) -> None:  # noqa: ANN001
        """A claim's (or a fact's) link, each claim counted once per link it makes.

        A claim about two targets ("rejected talks with the US and Britain") counts on both
        links; the rows that repeat a claim through its optional parts count once. The
        evidence is `found` (a fact's) or the row's own (a claim's).
        """
        found = row if found is None else found
        e = edge(source, target, f"relation:{relation}", event_type=None, cameo=None, relation=relation, quad=None)
        if (once := (str(row.claim), source, target, relation)) not in seen_claims:
            seen_claims.add(once)
            e["count"] += 1
            e["_signs"].append(-1 if _is_negative(row.polarity) else 0)
            _count_date(e, found.docDate)
        if found.docDate is not None:
            e["dates"].add(str(found.docDate))
        _add_evidence(e, _evidence(found))

    for row in _query(rdf_graph, "network-claims"):
        source, target = canon(row.source), canon(row.target)
        if source == target or (source, target) in event_pairs:
            continue
        claim_edge(source, target, _str(row.relation) or _str(row.relationText) or "acts on", row)

    claim_pairs = {(s, t) for s, t, _ in edges}
    facts = []
    for row in _query(rdf_graph, "network-facts"):
        source, target = canon(row.source), canon(row.target)
        if source != target and (source, target) not in event_pairs and (source, target) not in claim_pairs:
            facts.append((source, target, row))
    evidence = _claim_evidence(rdf_graph, {row.claim for _, _, row in facts})
    for source, target, row in facts:
        for found in evidence[str(row.claim)]:  # as an OPTIONAL evidence block joined to the row gives
            claim_edge(source, target, str(row.relation), row, found)

    linked = {(s, t) for s, t, _ in edges}
    for row in _query(rdf_graph, "network-links"):
        source, target = canon(row.source), canon(row.target)
        if source == target or (source, target) in linked or (source, target) in event_pairs:
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
        attrs["merged"] = "; ".join(sorted(merged_ids.get(node, ())))
        ordered.add_node(node, **attrs)
    G = ordered
    for (source, target, key), attrs in sorted(edges.items()):
        signs = attrs.pop("_signs")
        attrs.pop("_seen")
        total = sum(signs)
        attrs["sign"] = (total > 0) - (total < 0)
        attrs["weight"] = attrs["count"]
        attrs["dates"] = sorted(attrs["dates"])
        attrs["date_counts"] = dict(sorted(attrs["date_counts"].items()))
        attrs["evidence"].sort(key=lambda ev: (ev["date"] or "", ev["document"] or "", ev["sentence"]))
        G.add_edge(source, target, key=key, **attrs)

    logger.debug("actor network: %d actors, %d edges", G.number_of_nodes(), G.number_of_edges())
    return G


def read_network(location: str) -> nx.MultiDiGraph:
    """The actor network (`to_networkx`) of an RDF file, a store folder or a SPARQL endpoint, opened read-only.

    Raises:
        StoreError: `location` names nothing that exists, a file that is not RDF, or a store that cannot be opened.

    Examples:
        >>> read_network("no-such-store")
        Traceback (most recent call last):
        ...
        kg.errors.StoreError: no-such-store: no such store
    """
    from kg.store import open_store

    store = open_store(location, read_only=True)
    try:
        return to_networkx(store.graph)
    finally:
        store.close()
