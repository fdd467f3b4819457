"""Triple → Fact: the binary facts of each claim, their actors, ``--format triples``, RDF and SPARQL."""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import Graph
from rdflib import namespace as ns

from kg.cli import main
from kg.extract.facts import triple_facts
from kg.ontology import KG, SHAPES_PATH
from kg.pipeline import analyse
from kg.store import document_graph, open_store, run_named
from kg.types import Document, FactKind

C, A, M, N = FactKind.CORE, FactKind.ARGUMENT, FactKind.MODIFIER, FactKind.MINIMAL


def _facts(nlp, sentence: str) -> set[tuple[str, str, str, str, FactKind]]:
    doc = nlp(sentence)
    return {
        (f.subject.text, f.relation, f.object_text, f.preposition, f.kind)
        for triple in doc._.triples
        for f in triple_facts(triple)
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "He served as the first Prime Minister of Australia.",
            {
                ("He", "served as", "the first Prime Minister of Australia", "", C),
                ("He", "served as the first Prime Minister of", "Australia", "of", M),
            },
            id="preposition-inside-the-object",
        ),
        pytest.param(
            "Khamenei rejected any plans for talks with U.S. authorities.",
            {
                ("Khamenei", "rejected", "any plans for talks with U.S. authorities", "", C),
                ("Khamenei", "rejected any plans for", "talks with U.S. authorities", "for", M),
                ("Khamenei", "rejected any plans for talks with", "U.S. authorities", "with", M),
                ("Khamenei", "rejected", "plans for talks with U.S. authorities", "", N),
            },
            id="nested-modifiers-and-minimal-variant",
        ),
        pytest.param(
            "Merkel met Macron in Paris and Berlin.",
            {
                ("Merkel", "met", "Macron", "", C),
                ("Merkel", "met Macron in", "Paris", "in", A),
                ("Merkel", "met Macron in", "Berlin", "in", A),
            },
            id="conjoined-argument-split",
        ),
        pytest.param(
            "Putin signed a treaty with leaders of Belarus and Kazakhstan.",
            {
                ("Putin", "signed", "a treaty", "", C),
                ("Putin", "signed a treaty with", "leaders", "with", M),
                ("Putin", "signed a treaty with leaders of", "Belarus", "of", M),
                ("Putin", "signed a treaty with leaders of", "Kazakhstan", "of", M),
            },
            id="conjoined-modifier-split-and-cut-from-the-whole",
        ),
        pytest.param(
            "The minister praised the efforts of the officials who negotiated the truce.",
            {
                ("The minister", "praised", "the efforts of the officials", "", C),
                ("The minister", "praised the efforts of", "the officials", "of", M),
                ("the officials", "negotiated", "the truce", "", C),
            },
            id="relative-clause-cut-from-the-object",
        ),
        pytest.param(
            "The ministers discussed sanctions against Iran during talks in Brussels.",
            {
                ("The ministers", "discussed", "sanctions against Iran", "", C),
                ("The ministers", "discussed sanctions against", "Iran", "against", M),
                ("The ministers", "discussed sanctions against Iran during", "talks in Brussels", "during", A),
                ("The ministers", "discussed sanctions against Iran during talks in", "Brussels", "in", M),
            },
            id="argument-with-its-own-modifier",
        ),
        pytest.param(
            "The senators voted for a bill imposing sanctions on Russia.",
            {
                ("The senators", "voted for", "a bill imposing sanctions on Russia", "", C),
                ("The senators", "voted for a bill imposing", "sanctions on Russia", "", M),
                ("The senators", "voted for a bill imposing sanctions on", "Russia", "on", M),
            },
            id="participle-inside-the-object",
        ),
        pytest.param(
            "For example, Iran rejected the offer on Monday.",
            {("Iran", "rejected", "the offer", "", C), ("Iran", "rejected the offer on", "Monday", "on", A)},
            id="discourse-idiom-is-no-argument",
        ),
        pytest.param(
            "The minister did not resign.",
            {("The minister", "did not resign", "", "", C)},
            id="no-object-no-argument",
        ),
        pytest.param(
            "The UN condemned several attacks on civilians.",
            {
                ("The UN", "condemned", "several attacks on civilians", "", C),
                ("The UN", "condemned several attacks on", "civilians", "on", M),
                ("The UN", "condemned", "attacks on civilians", "", N),
            },
            id="minimal-drops-an-empty-adjective",
        ),
        pytest.param(
            "The talks collapsed in Vienna.",
            {("The talks", "collapsed in", "Vienna", "", C)},
            id="intransitive-with-absorbed-preposition",
        ),
        pytest.param(
            "Rouhani said that Iran would not negotiate with the United States.",
            {
                ("Rouhani", "said", "that Iran would not negotiate with the United States", "", C),
                ("Iran", "would not negotiate with", "the United States", "", C),
            },
            id="clause-object-has-no-modifiers",
        ),
        pytest.param(
            "Russia sent troops to Syria.",
            {("Russia", "sent", "troops", "", C), ("Russia", "sent troops to", "Syria", "to", A)},
            id="dative-to-argument",
        ),
    ],
)
def test_facts(nlp, sentence, expected):
    assert _facts(nlp, sentence) == expected


def test_facts_keep_polarity_modality_and_condition(nlp):
    doc = nlp("Iran would not hold talks with the United States unless sanctions are lifted.")
    triple = next(t for t in doc._.triples if t.subject.text == "Iran")
    facts = triple_facts(triple)
    assert len(facts) >= 2
    assert {(f.negated, f.modality, f.condition) for f in facts} == {(True, "would", "unless sanctions are lifted")}


def test_passive_with_agent_is_read_patient_first(nlp):
    doc = nlp("The embassy was attacked by militants on Sunday.")
    (triple,) = [t for t in doc._.triples if t.passive]
    assert [(f.subject.text, f.relation, f.object_text) for f in triple_facts(triple)] == [
        ("The embassy", "was attacked by", "militants"),
        ("The embassy", "was attacked by militants on", "Sunday"),
    ]


def _claims(text: str, doc_id: str = "d"):
    ((document, doc, claims),) = list(analyse([Document(doc_id, text)]))
    return document, doc, claims


def test_an_actor_in_an_argument_becomes_the_facts_object_actor(nlp):
    _, _, claims = _claims("Khamenei rejected any plans for talks with U.S. authorities.")
    (claim,) = [c for c in claims if c.triple.relation == "reject"]
    actors = {f.relation: (f.subject_actor.id, f.object_actor.id if f.object_actor else None) for f in claim.facts}
    assert actors["rejected any plans for talks with"] == (claim.subject_actor.id, "government/USA")
    assert actors["rejected"] == (claim.subject_actor.id, claim.object_actor.id)


def test_jsonl_records_carry_facts(nlp):
    # not "met Macron in Paris": a city after "in" is the meeting's setting, no actor of it
    _, _, claims = _claims("Merkel sent troops to Mali.")
    record = claims[0].to_dict()
    assert [(f["relation"], f["object"], f["kind"]) for f in record["facts"]] == [
        ("sent", "troops", "core"),
        ("sent troops to", "Mali", "argument"),
    ]
    assert record["facts"][1]["object_actor"]["country"] == "MLI"


def test_cli_triples_format(capsys, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Merkel met Macron in Paris .\n\nThe minister did not resign .\n", encoding="utf-8")
    assert main(["extract", "--sentences", "--format", "triples", str(path)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        ["1", "Merkel", "met", "Macron"],
        ["1", "Merkel", "met Macron in", "Paris"],
        ["3", "The minister", "did not resign", ""],
    ]


TEXT = (
    "Khamenei rejected any plans for talks with U.S. authorities. "
    "Rouhani did not meet with officials of the United States in New York."
)


@pytest.fixture(scope="module")
def fact_graph(nlp) -> Graph:
    document, doc, claims = _claims(TEXT, "facts")
    return document_graph(document, doc, claims)


def test_fact_graph_conforms_to_shapes(fact_graph):
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    conforms, _, report = pyshacl.validate(fact_graph, shacl_graph=shapes, advanced=True)
    assert conforms, report
    facts = set(fact_graph.subjects(ns.RDF.type, KG.Fact))
    assert facts and all(len(list(fact_graph.subjects(KG.hasFact, f))) == 1 for f in facts)


def test_a_fact_without_its_claim_fails_shapes(fact_graph):
    broken = Graph()
    broken += fact_graph
    broken.remove((None, KG.hasFact, None))
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    conforms, _, report = pyshacl.validate(broken, shacl_graph=shapes, advanced=True)
    assert not conforms
    assert "a fact belongs to exactly one claim" in report


@pytest.mark.parametrize("url", [None, "oxigraph:"])
def test_who_did_what_with_the_united_states(fact_graph, url):
    store = open_store(url)
    try:
        store.add_document(Document("facts", TEXT), fact_graph)
        rows = [(str(r[0]), str(r[2]), str(r[4])) for r in run_named(store, "facts-with-actor", {"actor": "United States"})]
    finally:
        store.close()
    assert ("Khamenei", "rejected any plans for talks with", "positive") in rows
    assert ("Rouhani", "did not meet with officials of", "negative") in rows


def test_the_network_reads_actor_to_actor_facts(nlp):
    from kg.network import to_networkx

    document, doc, claims = _claims("Angela Merkel published a book in Russia.", "net")
    (claim,) = [c for c in claims if c.triple.relation == "publish"]
    assert claim.object_actor is None and claim.events == ()
    G = to_networkx(document_graph(document, doc, claims))
    edges = [(G.nodes[u]["label"], d["relation"], G.nodes[v]["country"]) for u, v, d in G.edges(data=True)]
    assert ("Angela Merkel", "published a book in", "RUS") in edges
