"""ontologies/kg.ttl and kg/ontology.py name the same terms; the ontology reads as OWL 2."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from conftest import shared_path
from kg.ontology import KG, ONTOLOGY_PATH, PLOVER_PROPERTIES, PREFIXES


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH)


def _kg_terms_in(g: Graph) -> set[str]:
    base = str(KG._NS)
    return {str(s)[len(base):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(base)}


def test_namespace_and_ontology_declare_the_same_terms(ontology):
    in_python = set(KG.__annotations__)
    in_turtle = _kg_terms_in(ontology)
    assert in_python - in_turtle == set(), "in kg/ontology.py but not declared in ontologies/kg.ttl"
    assert in_turtle - in_python == set(), "declared in ontologies/kg.ttl but missing from kg/ontology.py"


def test_every_term_is_typed_and_labelled(ontology):
    kinds = {ns.OWL.Class, ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty, ns.OWL.NamedIndividual}
    for name in KG.__annotations__:
        term = KG._NS[name]
        assert set(ontology.objects(term, ns.RDF.type)) & kinds, f"kg:{name} has no OWL type"
        assert ontology.value(term, ns.RDFS.label) is not None, f"kg:{name} has no rdfs:label"


def test_unknown_term_raises():
    with pytest.raises(AttributeError):
        KG.Clam  # noqa: B018


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        pytest.param(KG.Actor, ns.PROV.Agent, id="actor-is-agent"),
        pytest.param(KG.Claim, ns.PROV.Entity, id="claim-is-entity"),
        pytest.param(KG.Sentence, ns.PROV.Entity, id="sentence-is-entity"),
        pytest.param(KG.Document, ns.PROV.Entity, id="document-is-entity"),
        pytest.param(KG.Event, ns.PROV.Activity, id="event-is-activity"),
        pytest.param(KG.Government, KG.Actor, id="government-is-actor"),
    ],
)
def test_prov_alignment(ontology, sub, sup):
    assert (sub, ns.RDFS.subClassOf, sup) in ontology


def test_direct_edges_are_sub_properties_of_acts_on(ontology):
    for prop in PLOVER_PROPERTIES.values():
        assert (prop, ns.RDFS.subPropertyOf, KG.actsOn) in ontology
    declared = set(ontology.subjects(ns.RDFS.subPropertyOf, KG.actsOn))
    assert declared == set(PLOVER_PROPERTIES.values())


@pytest.mark.shared
def test_one_direct_edge_per_plover_type():
    table = shared_path("reference", "plover", "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    types = set(re.findall(r"^\d+:\s*([A-Z]+)", table, flags=re.MULTILINE))
    assert types == set(PLOVER_PROPERTIES)


def test_prefixes_cover_the_query_namespaces():
    assert {"kg", "prov", "skos", "rdf", "rdfs", "owl", "xsd", "cameo", "plover"} <= set(PREFIXES)
