"""The actor network: RDF → networkx, analytics on graphs whose answers are known, export."""

from __future__ import annotations

import json

import networkx as nx
import pytest
import rdflib
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SKOS

from kg import network
from kg.errors import InputError

KG = Namespace("https://w3id.org/kg/ontology#")
ID = "https://w3id.org/kg/id/"
PLOVER = Namespace("https://w3id.org/kg/plover/")
CAMEO = Namespace("https://w3id.org/kg/cameo/")
XSD_DATE = rdflib.namespace.XSD.date
XSD_INTEGER = rdflib.namespace.XSD.integer


def actor(name: str) -> URIRef:
    return URIRef(f"{ID}actor/{name}")


class RDFBuilder:
    """Writes actors, documents, claims and events in the `kg` RDF model, by hand."""

    def __init__(self) -> None:
        self.g = rdflib.Graph()
        self._claims = 0

    def actor(self, name, kind, label, *, aliases=(), roles=(), country=None, sector=None):
        a = actor(name)
        self.g.add((a, RDF.type, KG[kind]))
        self.g.add((a, SKOS.prefLabel, Literal(label)))
        for alias in aliases:
            self.g.add((a, SKOS.altLabel, Literal(alias)))
        for i, (title, role_country) in enumerate(roles):
            role = URIRef(f"{a}/role/{i}")
            self.g.add((a, KG.holdsRole, role))
            self.g.add((role, RDF.type, KG.Role))
            self.g.add((role, KG.roleTitle, Literal(title)))
            if role_country:
                self.g.add((role, KG.roleCountry, Literal(role_country)))
        if country:
            self.g.add((a, KG.country, Literal(country)))
        if sector:
            self.g.add((a, KG.sector, Literal(sector)))
        if country or sector:
            self.g.add((a, KG.actorCode, Literal(f"{country or ''}{sector or ''}")))
        return a

    def claim(self, doc, date, sentence, source, relation, target, *, events=(), negative=False):
        """A claim from `sentence` of document `doc`; events are (cameo, plover, quad) tuples."""
        d = URIRef(f"{ID}doc/{doc}")
        self.g.add((d, RDF.type, KG.Document))
        self.g.add((d, KG.documentId, Literal(doc)))
        self.g.add((d, KG.date, Literal(date, datatype=XSD_DATE)))
        n = self._claims
        self._claims += 1
        s = URIRef(f"{d}/s{n}")
        self.g.add((s, RDF.type, KG.Sentence))
        self.g.add((s, KG.text, Literal(sentence)))
        self.g.add((s, KG.inDocument, d))
        c = URIRef(f"{s}/c0")
        self.g.add((c, RDF.type, KG.Claim))
        self.g.add((c, KG.subjectActor, actor(source)))
        if target:
            self.g.add((c, KG.objectActor, actor(target)))
        self.g.add((c, KG.relation, Literal(relation)))
        self.g.add((c, KG.polarity, KG.Negative if negative else KG.Positive))
        self.g.add((c, PROV.wasDerivedFrom, s))
        if target and source != target:
            self.g.add((actor(source), KG.actsOn, actor(target)))
        for j, (cameo, plover, quad) in enumerate(events):
            e = URIRef(f"{c}/e{j}")
            self.g.add((e, RDF.type, KG.Event))
            self.g.add((e, KG.source, actor(source)))
            self.g.add((e, KG.target, actor(target)))
            self.g.add((e, KG.cameoCode, Literal(cameo)))
            self.g.add((e, KG.eventType, CAMEO[cameo]))
            if plover:
                self.g.add((e, KG.ploverType, PLOVER[plover]))
            self.g.add((e, KG.quadClass, Literal(quad, datatype=XSD_INTEGER)))
            self.g.add((e, KG.fromClaim, c))
            self.g.add((e, KG.date, Literal(date, datatype=XSD_DATE)))
        return c


def example_rdf() -> rdflib.Graph:
    """A small world: Iran's leader rejects talks with the U.S., Europe consults, a raid."""
    b = RDFBuilder()
    b.actor("person/ali-khamenei", "Person", "Ali Khamenei", aliases=["Khamenei", "the Supreme Leader"],
            roles=[("supreme leader", "IRN")], country="IRN", sector="GOV")
    b.actor("state/USA", "State", "United States", aliases=["U.S.", "Washington"], country="USA")
    b.actor("state/IRN", "State", "Iran", aliases=["Islamic Republic"], country="IRN")
    b.actor("government/IRN", "Government", "Government of Iran", aliases=["the regime"], country="IRN", sector="GOV")
    b.actor("state/SAU", "State", "Saudi Arabia", country="SAU")
    b.actor("organization/EU", "Organization", "European Union", aliases=["EU"])
    b.actor("person/hassan-rouhani", "Person", "Hassan Rouhani", roles=[("president", "IRN")], country="IRN")
    b.claim("a1", "2019-09-18", "Khamenei rejected plans for talks with U.S. authorities.",
            "person/ali-khamenei", "reject", "state/USA", events=[("120", "REJECT", 3)])
    b.claim("a2", "2019-09-20", "Ali Khamenei again rejected any talks with Washington.",
            "person/ali-khamenei", "reject", "state/USA", events=[("120", "REJECT", 3)])
    b.claim("a1", "2019-09-18", "The regime launched a massive missile attack on Saudi Arabia.",
            "government/IRN", "launch", "state/SAU", events=[("190", "ASSAULT", 4)])
    b.claim("a3", "2019-09-25", "The EU met Iranian officials in Vienna.",
            "organization/EU", "meet", "government/IRN", events=[("040", "CONSULT", 1)])
    b.claim("a3", "2019-09-25", "The European Union praised Hassan Rouhani.",
            "organization/EU", "praise", "person/hassan-rouhani", events=[("051", None, 1)])
    # a claim-level link only: no event coded
    b.claim("a2", "2019-09-20", "Rouhani described the United States as a bully.",
            "person/hassan-rouhani", "describe", "state/USA")
    # a negated cooperative event counts as conflict
    b.claim("a4", "2019-10-01", "The United States did not agree with the European Union.",
            "state/USA", "agree with", "organization/EU", events=[("030", "AGREE", 1)], negative=True)
    return b.g


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return network.to_networkx(example_rdf())


def label_edges(G):
    return {
        (G.nodes[u]["label"], G.nodes[v]["label"], d["event_type"] or d["relation"]): d
        for u, v, d in G.edges(data=True)
    }


# --------------------------------------------------------------------------- to_networkx


def test_nodes_carry_actor_attributes(G):
    k = G.nodes[str(actor("person/ali-khamenei"))]
    assert k["label"] == "Ali Khamenei"
    assert k["type"] == "Person"
    assert k["country"] == "IRN" and k["sector"] == "GOV" and k["code"] == "IRNGOV"
    assert sorted(k["aliases"]) == ["Khamenei", "the Supreme Leader"]
    assert k["roles"] == ["supreme leader (IRN)"]
    assert G.nodes[str(actor("government/IRN"))]["type"] == "Government"


def test_every_actor_is_a_node_even_without_links(G):
    assert str(actor("state/IRN")) in G
    assert G.degree(str(actor("state/IRN"))) == 0


@pytest.mark.parametrize(
    ("edge", "event_type", "sign", "count", "quad"),
    [
        pytest.param(("Ali Khamenei", "United States", "REJECT"), "REJECT", -1, 2, 3, id="reject-twice-conflict"),
        pytest.param(("Government of Iran", "Saudi Arabia", "ASSAULT"), "ASSAULT", -1, 1, 4, id="assault"),
        pytest.param(("European Union", "Government of Iran", "CONSULT"), "CONSULT", 1, 1, 1, id="consult-coop"),
        pytest.param(("European Union", "Hassan Rouhani", "praise"), None, 1, 1, 1, id="no-plover-type"),
        pytest.param(("Hassan Rouhani", "United States", "describe"), None, 0, 1, None, id="claim-only-link"),
        pytest.param(("United States", "European Union", "AGREE"), "AGREE", -1, 1, 1, id="negated-agree-conflict"),
    ],
)
def test_edges(G, edge, event_type, sign, count, quad):
    edges = label_edges(G)
    assert edge in edges, sorted(edges)
    d = edges[edge]
    assert d["event_type"] == event_type
    assert d["sign"] == sign
    assert d["count"] == d["weight"] == count
    assert d["quad"] == quad


def test_one_edge_per_source_target_event_type(G):
    assert G.number_of_edges() == 6
    k, us = str(actor("person/ali-khamenei")), str(actor("state/USA"))
    assert G.number_of_edges(k, us) == 1


def test_no_claim_level_edge_where_an_event_exists(G):
    k, us = str(actor("person/ali-khamenei")), str(actor("state/USA"))
    assert [d["event_type"] for d in G[k][us].values()] == ["REJECT"]


def test_edge_evidence_has_sentence_document_date(G):
    d = label_edges(G)["Ali Khamenei", "United States", "REJECT"]
    assert d["dates"] == ["2019-09-18", "2019-09-20"]
    assert d["cameo"] == "120" and d["relation"] == "reject"
    assert [(e["sentence"], e["document"], e["date"]) for e in d["evidence"]] == [
        ("Khamenei rejected plans for talks with U.S. authorities.", "a1", "2019-09-18"),
        ("Ali Khamenei again rejected any talks with Washington.", "a2", "2019-09-20"),
    ]


def test_empty_graph():
    assert len(network.to_networkx(rdflib.Graph())) == 0


def test_bare_acts_on_link_without_claim():
    g = rdflib.Graph()
    g.add((actor("state/A"), KG.actsOn, actor("state/B")))
    G = network.to_networkx(g)
    (u, v, d), = G.edges(data=True)
    assert (G.nodes[u]["label"], G.nodes[v]["label"]) == ("A", "B")
    assert d["event_type"] is None and d["relation"] == "acts on" and d["sign"] == 0


def test_actors_known_by_a_country_code_alone_are_named_as_the_gazetteer_names_them():
    """An actor the graph only links (no label) but whose IRI holds a country code is named, typed and coded."""
    from kg.actors.gazetteer import build_gazetteer

    g = rdflib.Graph()
    g.add((actor("government/AZE"), KG.actsOn, actor("state/XKX")))
    g.add((actor("state/XKX"), KG.actsOn, actor("state/irn")))
    G = network.to_networkx(g)
    states = build_gazetteer().states
    assert G.nodes[str(actor("government/AZE"))] == {
        "label": f"Government of {states['AZE'][0]}", "type": "Government", "country": "AZE", "sector": None,
        "code": "AZEGOV", "aliases": [], "roles": [], "merged": ""}
    assert (G.nodes[str(actor("state/XKX"))]["label"], G.nodes[str(actor("state/irn"))]["label"]) == ("Kosovo", "Iran")


def test_a_claim_about_two_actors_counts_on_both_links():
    b = RDFBuilder()
    b.actor("person/hassan-rouhani", "Person", "Hassan Rouhani", country="IRN")
    b.actor("state/USA", "State", "United States", country="USA")
    b.actor("state/GBR", "State", "United Kingdom", country="GBR")
    c = b.claim("a1", "2019-09-20", "Rouhani described the United States and Britain as bullies.",
                "person/hassan-rouhani", "describe", "state/USA")
    b.g.add((c, KG.objectActor, actor("state/GBR")))
    b.g.add((actor("person/hassan-rouhani"), KG.actsOn, actor("state/GBR")))
    edges = label_edges(network.to_networkx(b.g))
    assert {k[1]: d["count"] for k, d in edges.items()} == {"United States": 1, "United Kingdom": 1}


def _with_facts(blank: bool) -> rdflib.Graph:
    """Khamenei rejects plans for talks with the U.S. (a fact of the claim, two of them), and meets Russia (an event)."""
    b = RDFBuilder()
    b.actor("person/ali-khamenei", "Person", "Ali Khamenei", country="IRN")
    b.actor("state/USA", "State", "United States", country="USA")
    b.actor("state/RUS", "State", "Russia", country="RUS")
    claim = b.claim("a1", "2019-09-18", "Khamenei rejected plans for talks with U.S. authorities.",
                    "person/ali-khamenei", "reject", None)
    met = b.claim("a2", "2019-09-19", "Khamenei met Russian envoys.", "person/ali-khamenei", "meet", "state/RUS",
                  events=[("040", "CONSULT", 1)])
    if blank:  # as a file written elsewhere may name its claims
        node = rdflib.BNode()
        for p, o in list(b.g.predicate_objects(claim)):
            b.g.remove((claim, p, o))
            b.g.add((node, p, o))
        claim = node
    for n, (subject, relation, target) in enumerate([("person/ali-khamenei", "reject plans for talks with", "state/USA"),
                                                     ("person/ali-khamenei", "reject talks with", "state/USA"),
                                                     ("person/ali-khamenei", "meet envoys of", "state/RUS")]):
        for c in (claim,) if n < 2 else (met,):
            fact = URIRef(f"{ID}fact/{n}")
            b.g.add((c, KG.hasFact, fact))
            b.g.add((fact, KG.factSubjectActor, actor(subject)))
            b.g.add((fact, KG.factObjectActor, actor(target)))
            b.g.add((fact, KG.factRelation, Literal(relation)))
    return b.g


@pytest.mark.parametrize("blank", [False, True], ids=["claim-iri", "blank-node-claim"])
def test_a_fact_links_actors_no_claim_or_event_links_with_its_claims_evidence(blank):
    edges = label_edges(network.to_networkx(_with_facts(blank)))
    facts = {k: d for k, d in edges.items() if k[1] == "United States"}
    assert set(facts) == {("Ali Khamenei", "United States", "reject plans for talks with"),
                          ("Ali Khamenei", "United States", "reject talks with")}
    for d in facts.values():
        assert d["count"] == 1 and d["dates"] == ["2019-09-18"]
        assert [e["sentence"] for e in d["evidence"]] == ["Khamenei rejected plans for talks with U.S. authorities."]
    # the fact of a claim whose actors an event links already makes no edge of its own
    assert {k[2] for k in edges if k[1] == "Russia"} == {"CONSULT"}


def test_fact_evidence_of_many_claims_is_asked_within_the_query_guard():
    """Hundreds of claims with long IRIs full of "/" and "-" (which the guard counts as operators): every fact keeps its evidence."""
    from kg.store import open_store

    b = RDFBuilder()
    b.actor("person/ali-khamenei", "Person", "Ali Khamenei", country="IRN")
    for n in range(400):
        b.actor(f"state/X{n}", "State", f"Country {n}")
        claim = b.claim(f"a-long-document-id-with-many-dashes-in-it-{n}/and/some/slashes", "2019-09-18",
                        f"Khamenei rejected talks with country {n}.", "person/ali-khamenei", "reject", None)
        fact = URIRef(f"{claim}/fact-0")
        b.g.add((claim, KG.hasFact, fact))
        b.g.add((fact, KG.factSubjectActor, actor("person/ali-khamenei")))
        b.g.add((fact, KG.factObjectActor, actor(f"state/X{n}")))
        b.g.add((fact, KG.factRelation, Literal("reject talks with")))
    store = open_store("memory:")  # its queries pass kg.store.guard, as a build's page's do
    store.load_nquads("".join(f"{s.n3()} {p.n3()} {o.n3()} <{ID}doc/all> .\n" for s, p, o in b.g).encode())
    edges = label_edges(network.to_networkx(store))
    assert len(edges) == 400
    assert all(len(d["evidence"]) == 1 for d in edges.values())


def test_not_a_graph_is_an_input_error():
    with pytest.raises(InputError, match="rdflib Graph"):
        network.to_networkx("graph.ttl")


def test_same_rdf_gives_same_network():
    a, b = network.to_networkx(example_rdf()), network.to_networkx(example_rdf())
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


# --------------------------------------------------------------------------- analytics


def star(n: int = 5) -> nx.MultiDiGraph:
    return nx.MultiDiGraph([("hub", f"leaf{i}") for i in range(n)])


def barbell() -> nx.MultiDiGraph:
    """Two 4-cliques, a0..a3 and b0..b3, joined by the bridge a0 — b0."""
    M = nx.MultiDiGraph()
    for side in "ab":
        nodes = [f"{side}{i}" for i in range(4)]
        M.add_edges_from((u, v) for i, u in enumerate(nodes) for v in nodes[i + 1 :])
    M.add_edge("a0", "b0")
    return M


def test_degree_centrality_of_a_star():
    c = network.degree_centrality(star(5))
    assert c["hub"] == 1.0
    assert c["leaf0"] == pytest.approx(1 / 5)


def test_degree_centrality_counts_parallel_edges_once_unless_weighted():
    M = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("a", "c")])
    assert network.degree_centrality(M)["b"] == network.degree_centrality(M)["c"]
    w = network.degree_centrality(M, weighted=True)
    assert w["a"] == 1.0 and w["b"] == pytest.approx(2 / 3) and w["c"] == pytest.approx(1 / 3)


def test_betweenness_of_the_bridge():
    b = network.betweenness_centrality(barbell())
    assert max(b, key=b.get) in {"a0", "b0"}
    assert b["a0"] == pytest.approx(b["b0"])
    assert b["a1"] == pytest.approx(0.0)


def test_eigenvector_centrality_of_a_star():
    c = network.eigenvector_centrality(star(4))
    assert c["hub"] == pytest.approx(1 / 2**0.5, rel=1e-4)
    assert c["leaf0"] == pytest.approx(c["leaf3"])


def test_eigenvector_centrality_survives_disconnected_graphs():
    M = star(3)
    M.add_edges_from([("x", "y"), ("y", "z"), ("z", "x")])
    M.add_node("alone")
    c = network.eigenvector_centrality(M)
    assert c["alone"] == 0.0
    assert c["x"] > 0 and c["hub"] > c["leaf0"] > 0
    assert sum(v * v for v in c.values()) == pytest.approx(1.0, rel=1e-4)


def test_communities_of_two_cliques_joined_by_a_bridge():
    found = network.communities(barbell())
    assert found == [{"a0", "a1", "a2", "a3"}, {"b0", "b1", "b2", "b3"}]
    assert network.communities(barbell()) == found  # seeded


def test_signed_graph_sums_signs():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="REJECT", sign=-1, count=3)
    M.add_edge("a", "b", key="CONSULT", sign=1, count=1)
    M.add_edge("b", "a", key="AID", sign=1, count=2)
    S = network.signed_graph(M)
    assert dict(S["a"]["b"]) == {"weight": -2, "sign": -1, "cooperation": 1, "conflict": 3}
    assert dict(S["b"]["a"]) == {"weight": 2, "sign": 1, "cooperation": 2, "conflict": 0}


def test_signed_graph_of_the_example(G):
    S = network.signed_graph(G)
    k, us = str(actor("person/ali-khamenei")), str(actor("state/USA"))
    assert S[k][us]["weight"] == -2


def test_actor_balance(G):
    balance = network.actor_balance(G)
    eu = balance[str(actor("organization/EU"))]
    # consults Iran (+1), praises Rouhani (+1), the U.S. did not agree with it (-1)
    assert (eu["cooperation"], eu["conflict"]) == (2, 1)
    assert eu["balance"] == pytest.approx(1 / 3)
    assert balance[str(actor("person/ali-khamenei"))]["balance"] == -1.0
    assert balance[str(actor("state/IRN"))]["balance"] == 0.0


def test_top_actors(G):
    rows = network.top_actors(G, n=3)
    assert len(rows) == 3
    labels = [r["label"] for r in rows]
    assert labels[0] in {"United States", "European Union"}
    assert "Iran" not in labels


# --------------------------------------------------------------------------- export


@pytest.mark.parametrize(
    ("writer", "reader"),
    [
        pytest.param(network.write_graphml, nx.read_graphml, id="graphml"),
        pytest.param(network.write_gexf, nx.read_gexf, id="gexf"),
    ],
)
def test_export_round_trips_lists_as_json(G, tmp_path, writer, reader):
    path = writer(G, tmp_path / "out" / "actors.xml")
    back = reader(path)
    k = str(actor("person/ali-khamenei"))
    assert set(back.nodes) == set(G.nodes)
    assert sorted(json.loads(back.nodes[k]["aliases"])) == ["Khamenei", "the Supreme Leader"]
    assert back.number_of_edges() == G.number_of_edges()
    evidence = [json.loads(d["evidence"]) for _, _, d in back.edges(data=True) if d.get("event_type") == "REJECT"]
    assert evidence and evidence[0][0]["document"] == "a1"
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # no temp file left behind


@pytest.mark.parametrize(
    "types",
    [
        pytest.param(["Actor", "Government"], id="actor-and-subclass"),
        pytest.param(["Government", "Actor"], id="subclass-and-actor"),
    ],
)
def test_most_specific_actor_type_wins(types):
    g = rdflib.Graph()
    for kind in types:
        g.add((actor("government/IRN"), RDF.type, KG[kind]))
    assert network.to_networkx(g).nodes[str(actor("government/IRN"))]["type"] == "Government"


def test_networkx_writers_take_the_flat_graph_as_is(G, tmp_path):
    """`flat_graph` is the one call between `to_networkx` and networkx's own GraphML and GEXF writers."""
    flat = network.flat_graph(G)
    nx.write_graphml(flat, tmp_path / "actors.graphml")
    nx.write_gexf(flat, tmp_path / "actors.gexf")
    for back in (nx.read_graphml(tmp_path / "actors.graphml"), nx.read_gexf(tmp_path / "actors.gexf")):
        assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges()
        khamenei = str(actor("person/ali-khamenei"))
        assert sorted(json.loads(back.nodes[khamenei]["aliases"])) == ["Khamenei", "the Supreme Leader"]
        rejects = [d for u, v, d in back.edges(data=True) if d.get("event_type") == "REJECT"]
        evidence = json.loads(rejects[0]["evidence"])
        assert {e["sentence"] for e in evidence} >= {"Khamenei rejected plans for talks with U.S. authorities."}
    # the unflattened graph is what the writers refuse
    with pytest.raises((nx.NetworkXError, TypeError, ValueError)):
        nx.write_graphml(G, tmp_path / "raw.graphml")


def test_gexf_from_kg_viz_carries_colours_positions_and_dates(tmp_path):
    import xml.etree.ElementTree as ET

    from kg.cli import main

    ttl = tmp_path / "example.ttl"
    example_rdf().serialize(ttl, format="turtle")
    out = tmp_path / "actors.gexf"
    assert main(["viz", str(ttl), "--out", str(out)]) == 0
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    root = ET.parse(out).getroot()
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    nodes = graph.findall("g:nodes/g:node", ns)
    colours = {n.get("label"): n.find("viz:color", ns).attrib for n in nodes}
    assert colours["Iran"] == {"r": "89", "g": "161", "b": "79", "a": "1"}  # a State, as in the page
    positions = {(n.find("viz:position", ns).get("x"), n.find("viz:position", ns).get("y")) for n in nodes}
    assert len(positions) == len(nodes)  # every actor in its own place
    edges = graph.findall("g:edges/g:edge", ns)
    dated = {e.get("start") for e in edges if e.get("start")}
    assert {"2019-09-18", "2019-09-25"} <= dated
    assert all(e.find("viz:color", ns) is not None for e in edges)
    again = nx.read_gexf(out)
    assert again.number_of_nodes() == len(nodes)
