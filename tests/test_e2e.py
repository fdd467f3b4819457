"""End to end on the example article, with the real pinned model: what the graph must hold."""

from __future__ import annotations

import pytest


PREFIX_FREE = "kg: prov: skos: are predeclared"


@pytest.fixture(scope="module")
def graph(example_graph):
    return example_graph


def claims(graph, relation: str) -> list[dict]:
    """Every claim with this relation: subject/object text, actors, polarity, speaker."""
    rows = graph.query(
        """
        SELECT ?claim ?s ?o ?pol ?sa ?oa ?speaker ?speakerText WHERE {
          ?claim a kg:Claim ; kg:relation ?rel ; kg:subjectText ?s ; kg:objectText ?o ; kg:polarity ?pol .
          OPTIONAL { ?claim kg:subjectActor/skos:prefLabel ?sa }
          OPTIONAL { ?claim kg:objectActor/skos:prefLabel ?oa }
          OPTIONAL { ?claim kg:attributedTo/skos:prefLabel ?speaker }
          OPTIONAL { ?claim kg:attributionText ?speakerText }
          FILTER(?rel = ?wanted)
        }""",
        wanted=kg_literal(relation),
    )
    return [{k: (str(v) if v is not None else None) for k, v in row.asdict().items()} for row in rows]


def kg_literal(text: str):
    from rdflib import Literal

    return Literal(text)


def actor_named(graph, label: str) -> list[str]:
    rows = graph.query(
        "SELECT DISTINCT ?a WHERE { ?a skos:prefLabel|skos:altLabel ?l . FILTER(LCASE(STR(?l)) = LCASE(?want)) }",
        want=kg_literal(label),
    )
    return sorted(str(r.a) for r in rows)


def labels_of(graph, iri: str) -> set[str]:
    from rdflib import URIRef

    rows = graph.query("SELECT ?l WHERE { ?a skos:prefLabel|skos:altLabel ?l }", a=URIRef(iri))
    return {str(r.l) for r in rows}


def test_khamenei_rejects_plans_for_talks(graph):
    found = [c for c in claims(graph, "reject") if "Khamenei" in c["s"] and "plans for talks with U.S. authorities" in c["o"]]
    assert found, claims(graph, "reject")
    assert found[0]["sa"] == "Ali Khamenei"
    # one actor, known by both names
    khamenei = actor_named(graph, "Khamenei")
    assert khamenei == actor_named(graph, "Ali Khamenei") and len(khamenei) == 1
    # and an actor-level link Khamenei → United States
    # the United States, as a state or as its government (kg:governmentOf)
    us = {str(r.a) for r in graph.query(
        'SELECT ?a WHERE { { ?a skos:prefLabel "United States" } UNION { ?a kg:governmentOf/skos:prefLabel "United States" } }'
    )}
    net = graph.to_networkx()
    assert any(net.has_edge(khamenei[0], u) for u in us), [
        (net.nodes[v].get("label"), d.get("event_type")) for _, v, d in net.out_edges(khamenei[0], data=True)
    ]


def test_khamenei_dismisses_european_mediation(graph):
    found = [
        c
        for c in claims(graph, "dismiss")
        if c["sa"] == "Ali Khamenei" and c["o"].startswith("efforts by European states to mediate talks")
    ]
    assert found, claims(graph, "dismiss")


def test_rouhani_rejects_rumors(graph):
    found = [c for c in claims(graph, "reject") if "rumors of possible unconditioned talks with the U.S." in c["o"]]
    assert found, claims(graph, "reject")
    assert found[0]["sa"] == "Hassan Rouhani"


def test_regime_launches_attack_on_saudi_arabia(graph):
    found = [c for c in claims(graph, "launch") if "a massive missile attack on Saudi Arabia" in c["o"]]
    assert found, claims(graph, "launch")
    assert "regime" in found[0]["s"]
    assert actor_named(graph, "Saudi Arabia"), "Saudi Arabia is not an actor"


def test_us_pursues_maximum_pressure_said_by_khamenei(graph):
    found = [c for c in claims(graph, "pursue") if c["o"].startswith("a policy of maximum pressure on Iran")]
    assert found, claims(graph, "pursue")
    assert "U.S." in found[0]["s"]
    assert found[0]["speaker"] == "Ali Khamenei" and found[0]["speakerText"] == "Khamenei"


def test_we_would_not_take_part_in_talks(graph):
    found = [c for c in claims(graph, "take part in") if c["s"].lower() == "we" and c["o"].startswith("talks")]
    assert found, claims(graph, "take part in")
    assert found[0]["pol"].endswith("Negative")
    assert found[0]["speaker"] == "Ali Khamenei" and found[0]["speakerText"] == "Khamenei"


@pytest.mark.parametrize(
    ("person", "role"),
    [pytest.param("Ali Khamenei", "supreme leader", id="khamenei"), pytest.param("Hassan Rouhani", "president", id="rouhani")],
)
def test_roles(graph, person, role):
    rows = graph.query(
        """SELECT ?title ?country WHERE {
             ?p skos:prefLabel ?name ; kg:holdsRole ?r . ?r kg:roleTitle ?title .
             OPTIONAL { ?r kg:roleCountry ?country }
             FILTER(STR(?name) = ?want) }""",
        want=kg_literal(person),
    )
    roles = {(str(r.title).lower(), str(r.country) if r.country else None) for r in rows}
    assert (role, "IRN") in roles, roles


def test_united_states_is_one_actor(graph):
    """Every name denotes one actor, and all of them the United States.

    "U.S. administration" is the United States' government (a Government actor, linked to its
    State by kg:governmentOf, as CAMEO codes it USAGOV); the country names are the State itself.
    """
    from rdflib import URIRef

    names = ["U.S.", "United States", "U.S. administration"]
    iris = {name: actor_named(graph, name) for name in names}
    assert all(len(v) == 1 for v in iris.values()), iris

    def state_of(iri: str) -> str:
        rows = list(graph.query("SELECT ?s WHERE { ?g kg:governmentOf ?s }", g=URIRef(iri)))
        return str(rows[0].s) if rows else iri

    states = {state_of(v[0]) for v in iris.values()}
    assert len(states) == 1, iris
    assert labels_of(graph, states.pop()) >= {"United States", "U.S."}


def test_readme_query_returns_rows(graph):
    rows = list(graph.named("who-rejected-what"))
    assert rows
    assert any(str(r.actor) == "Ali Khamenei" for r in rows)


def test_example_graph_conforms_to_shapes_and_uses_only_known_vocabularies(graph):
    import pyshacl
    import rdflib
    from rdflib import URIRef
    from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

    from kg.ontology import KG
    from tests.conftest import ROOT

    data = rdflib.Graph().parse(data=graph.store.serialize(format="turtle"), format="turtle")
    shapes = rdflib.Graph().parse(ROOT / "ontologies" / "shapes.ttl")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, report

    ontology = rdflib.Graph().parse(ROOT / "ontologies" / "kg.ttl")
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    allowed = tuple(str(ns) for ns in (RDF, RDFS, OWL, PROV, SKOS, XSD))
    used = set(data.predicates()) | set(data.objects(None, RDF.type))
    assert not {t for t in used if not str(t).startswith((*allowed, str(KG._NS)))}
    assert not {t for t in used if str(t).startswith(str(KG._NS)) and t not in declared}
