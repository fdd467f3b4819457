"""Claims → RDF: the mapping writes only declared terms, validates against the shapes, and is stable."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib import namespace as ns

from kg.errors import InputError
from kg.extract.facts import triple_facts
from kg.ontology import CAMEO, KG, ONTOLOGY_PATH, PLOVER, SHAPES_PATH
from kg.store import actor_iri, claim_iri, document_graph, document_iri, sentence_iri
from kg.types import Actor, ActorType, Claim, Document, Event, QuadClass, Role, Triple

# --------------------------------------------------------------------- a small sample corpus
# Real spaCy Docs from the pinned model, with triples, actors and events built from a table
# (spans found in the parsed text), so these tests do not move when the extractor, the
# actor resolver or the event coder improves. `test_real_extractions_conform` covers the
# extractor's own output.

KHAMENEI = Actor("person/ali-khamenei", "Ali Khamenei", ActorType.PERSON, "IRN", "GOV",
                 frozenset({"Khamenei"}), (Role("supreme leader", "IRN", "GOV"),))
ROUHANI = Actor("person/hassan-rouhani", "Hassan Rouhani", ActorType.PERSON, "IRN", "GOV",
                frozenset({"Rouhani"}), (Role("president", "IRN", "GOV"),))
USA = Actor("state/USA", "United States", ActorType.STATE, "USA", None, frozenset({"U.S.", "Washington"}))
IRAN = Actor("government/IRN", "Government of Iran", ActorType.GOVERNMENT, "IRN", "GOV",
             frozenset({"Iranian regime", "Tehran"}))
SAUDI = Actor("state/SAU", "Saudi Arabia", ActorType.STATE, "SAU")
EUROPE = Actor("group/european-states", "European states", ActorType.GROUP)

_CODES = {
    "reject": ("120", "REJECT", QuadClass.VERBAL_CONFLICT, -4.0),
    "dismiss": ("120", "REJECT", QuadClass.VERBAL_CONFLICT, -4.0),
    "launch": ("190", "ASSAULT", QuadClass.MATERIAL_CONFLICT, -10.0),
    "attack": ("190", "ASSAULT", QuadClass.MATERIAL_CONFLICT, -10.0),
    "meet": ("040", "CONSULT", QuadClass.VERBAL_COOPERATION, 1.0),
    "sanction": ("163", "SANCTION", QuadClass.MATERIAL_CONFLICT, -8.0),
}

# (id, date, text, [(subject, subject actor, relation, relation as written, object, object actor, negated)])
TEXTS = [
    ("khamenei", dt.date(2019, 9, 18),
     "Khamenei rejected any plans for talks with U.S. authorities. "
     "Khamenei also dismissed efforts by European states. "
     "Rouhani did not meet Washington officials in New York.",
     [("Khamenei", KHAMENEI, "reject", "rejected", "any plans for talks with U.S. authorities", USA, False),
      ("Khamenei", KHAMENEI, "dismiss", "dismissed", "efforts by European states", EUROPE, False),
      ("Rouhani", ROUHANI, "meet", "did not meet", "Washington officials in New York", USA, True)]),
    ("missiles", dt.date(2019, 9, 14),
     "The Iranian regime launched a missile attack on Saudi Arabia. "
     "Washington will sanction Tehran. "
     "Saudi Arabia did not attack Iran.",
     [("The Iranian regime", IRAN, "launch", "launched", "a missile attack on Saudi Arabia", SAUDI, False),
      ("Washington", USA, "sanction", "will sanction", "Tehran", IRAN, False),
      ("Saudi Arabia", SAUDI, "attack", "did not attack", "Iran", IRAN, True)]),
    ("talks", dt.date(2020, 1, 5),
     "Rouhani rejected talks with the U.S. administration. "
     "The weather was mild.",
     [("Rouhani", ROUHANI, "reject", "rejected", "talks with the U.S. administration", USA, False),
      ("The weather", None, "be", "was", "mild", None, False)]),
]


def _span(sentence, text):
    start = sentence.text.index(text) + sentence.start_char
    span = sentence.doc.char_span(start, start + len(text))
    assert span is not None, text
    return span


def sample(nlp, texts=TEXTS) -> list[tuple[Document, object, list[Claim]]]:
    """(document, doc, claims) for each sample text, as ``kg.pipeline.analyse`` yields them."""
    out = []
    for doc_id, date, text, rows in texts:
        document = Document(id=doc_id, text=text, title=f"About {doc_id}", date=date,
                            url=f"https://example.org/{doc_id}", source="Example News")
        doc = nlp(text)
        sents = list(doc.sents)
        claims = []
        for n, (subj, subj_actor, relation, written, obj, obj_actor, negated) in enumerate(rows):
            sentence = sents[n]
            modality = "will" if written.startswith("will ") else None
            triple = Triple(_span(sentence, subj), relation, _span(sentence, obj), sentence, sentence.root.i,
                            relation_text=written, negated=negated, modality=modality, confidence=0.8,
                            kind="copula" if relation == "be" else "verb")
            events = ()
            if relation in _CODES:
                cameo, plover, quad, intensity = _CODES[relation]
                events = (Event(subj_actor.id, obj_actor.id, cameo, plover, quad, intensity),)
            facts = tuple(replace(f, subject_actor=subj_actor, object_actor=obj_actor) for f in triple_facts(triple))
            claims.append(Claim(doc_id, n, triple, subj_actor, obj_actor, events, facts=facts))
        out.append((document, doc, claims))
    return out


def sample_graphs(nlp) -> list[tuple[Document, Graph]]:
    return [(document, document_graph(document, doc, claims)) for document, doc, claims in sample(nlp)]


@pytest.fixture(scope="module")
def graphs(nlp):
    return sample_graphs(nlp)


@pytest.fixture(scope="module")
def merged(graphs):
    g = Graph()
    for _, graph in graphs:
        g += graph
    return g


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(SHAPES_PATH)


# --------------------------------------------------------------------- vocabulary

ALLOWED = (str(ns.RDF), str(ns.RDFS), str(ns.OWL), str(ns.PROV), str(ns.SKOS), str(ns.XSD), str(KG._NS))


def test_written_graph_uses_only_declared_terms(merged):
    ontology = Graph().parse(ONTOLOGY_PATH)
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    used = set(merged.predicates()) | set(merged.objects(None, ns.RDF.type))
    outside = {t for t in used if not str(t).startswith(ALLOWED)}
    assert not outside, f"terms outside RDF/RDFS/OWL/PROV/SKOS/XSD/kg: {sorted(outside)}"
    undeclared = {t for t in used if str(t).startswith(str(KG._NS)) and t not in declared}
    assert not undeclared, f"kg: terms not declared in kg.ttl: {sorted(undeclared)}"


def test_real_extractions_conform(nlp, shapes):
    """The extractor's own triples of the example article map to a graph the shapes accept."""
    from conftest import EXAMPLE

    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent")
    text = EXAMPLE.read_text(encoding="utf-8")
    document = Document(id=EXAMPLE.name, text=text)
    doc = nlp(text)
    sents = list(doc.sents)
    claims = [Claim(document.id, sents.index(t.sentence), t) for t in doc._.triples]
    assert claims
    g = document_graph(document, doc, claims)
    conforms, _, report = pyshacl.validate(g, shacl_graph=shapes, advanced=True)
    assert conforms, report
    assert len(set(g.subjects(ns.RDF.type, KG.Claim))) == len(claims)


def test_written_graph_conforms_to_shapes(merged, shapes):
    conforms, _, report = pyshacl.validate(merged, shacl_graph=shapes, advanced=True)
    assert conforms, report


def _drop(predicate):
    def edit(g: Graph) -> None:
        g.remove((None, predicate, None))

    return edit


def _replace_object(predicate, value):
    def edit(g: Graph) -> None:
        for s, _, _ in list(g.triples((None, predicate, None))):
            g.remove((s, predicate, None))
            g.add((s, predicate, value))

    return edit


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        pytest.param(_drop(ns.PROV.wasDerivedFrom), "wasDerivedFrom", id="claim-without-provenance"),
        pytest.param(_replace_object(KG.cameoCode, Literal(120)), "cameoCode", id="cameo-code-as-integer"),
        pytest.param(_replace_object(KG.polarity, KG.Actor), "polarity", id="polarity-not-positive-or-negative"),
        pytest.param(_drop(ns.SKOS.prefLabel), "prefLabel", id="actor-without-label"),
        pytest.param(_replace_object(KG.quadClass, Literal(5)), "quadClass", id="quad-class-5"),
        pytest.param(_replace_object(KG.date, Literal("18 September 2019")), "date", id="date-not-xsd-date"),
        pytest.param(_replace_object(KG.endChar, Literal(-1)), "endChar", id="sentence-ends-before-start"),
    ],
)
def test_broken_graph_fails_shapes(merged, shapes, edit, message):
    broken = Graph()
    broken += merged
    edit(broken)
    conforms, _, report = pyshacl.validate(broken, shacl_graph=shapes, advanced=True)
    assert not conforms
    assert message in report


# --------------------------------------------------------------------- IRIs


@pytest.mark.parametrize(
    ("actor_id", "iri"),
    [
        pytest.param("state/IRN", "https://w3id.org/kg/id/actor/state/IRN", id="state"),
        pytest.param("government/IRN", "https://w3id.org/kg/id/actor/government/IRN", id="government"),
        pytest.param("person/ali-khamenei", "https://w3id.org/kg/id/actor/person/ali-khamenei", id="person"),
        pytest.param("person/a b<c>", "https://w3id.org/kg/id/actor/person/a%20b%3Cc%3E", id="unsafe-characters"),
    ],
)
def test_actor_iri(actor_id, iri):
    assert actor_iri(actor_id) == URIRef(iri)


@pytest.mark.parametrize("actor_id", [pytest.param("", id="empty"), pytest.param("  ", id="blank")])
def test_actor_iri_refuses_empty_id(actor_id):
    with pytest.raises(InputError):
        actor_iri(actor_id)


def test_iris_are_stable_across_runs(nlp, graphs):
    again = sample_graphs(nlp)
    for (_, first), (_, second) in zip(graphs, again):
        assert set(first) == set(second)  # no blank nodes: equal as sets, not just isomorphic
        assert isomorphic(first, second)


def test_iris_follow_the_model():
    document = Document(id="x", text="Iran rejected talks.")
    h = document.content_hash[:16]
    assert document_iri(document) == URIRef(f"https://w3id.org/kg/id/doc/{h}")
    assert sentence_iri(document, 2) == URIRef(f"https://w3id.org/kg/id/doc/{h}/s2")
    assert claim_iri(document, 2, 1) == URIRef(f"https://w3id.org/kg/id/doc/{h}/s2/c1")


def test_document_node(graphs):
    document, g = graphs[0]
    node = document_iri(document)
    assert (node, ns.RDF.type, KG.Document) in g
    assert g.value(node, KG.date) == Literal(dt.date(2019, 9, 18), datatype=ns.XSD.date)
    assert g.value(node, KG.url) == Literal("https://example.org/khamenei", datatype=ns.XSD.anyURI)
    assert g.value(node, KG.contentHash) == Literal(document.content_hash)
    assert g.value(node, KG.publisher) == Literal("Example News")


def test_sentences_carry_text_and_offsets(graphs):
    document, g = graphs[1]
    for sentence in g.subjects(ns.RDF.type, KG.Sentence):
        start, end = int(g.value(sentence, KG.startChar)), int(g.value(sentence, KG.endChar))
        assert document.text[start:end] == str(g.value(sentence, KG.text))
        assert g.value(sentence, KG.inDocument) == document_iri(document)


def test_claim_provenance_and_actors(graphs):
    document, g = graphs[0]
    rows = list(g.query(
        """SELECT ?claim ?text ?subject WHERE {
             ?claim kg:relation "reject" ; prov:wasDerivedFrom/kg:text ?text ; kg:subjectActor ?subject }""",
        initNs={"kg": KG._NS, "prov": ns.PROV},
    ))
    assert [(str(r.text), r.subject) for r in rows] == [
        ("Khamenei rejected any plans for talks with U.S. authorities.", actor_iri("person/ali-khamenei"))
    ]
    khamenei = actor_iri("person/ali-khamenei")
    assert (khamenei, ns.RDF.type, KG.Person) in g and (khamenei, ns.RDF.type, KG.Actor) in g
    assert g.value(khamenei, ns.SKOS.prefLabel) == Literal("Ali Khamenei")
    assert (khamenei, ns.SKOS.altLabel, Literal("Khamenei")) in g
    assert g.value(khamenei, KG.actorCode) == Literal("IRNGOV")
    role = g.value(khamenei, KG.holdsRole)
    assert g.value(role, KG.roleTitle) == Literal("supreme leader")


def test_government_points_to_its_state(graphs):
    _, g = graphs[1]
    assert g.value(actor_iri("government/IRN"), KG.governmentOf) == actor_iri("state/IRN")


def test_positive_event_has_plover_edge_and_concepts(graphs):
    _, g = graphs[0]
    khamenei, usa = actor_iri("person/ali-khamenei"), actor_iri("state/USA")
    assert (khamenei, KG.rejects, usa) in g
    assert (khamenei, KG.actsOn, usa) in g
    event = next(g.subjects(KG.cameoCode, Literal("120")))
    assert g.value(event, KG.eventType) == CAMEO["120"]
    assert g.value(event, KG.ploverType) == PLOVER.REJECT
    assert g.value(event, KG.quadClass) == Literal(3)
    assert g.value(event, KG.date) == Literal(dt.date(2019, 9, 18), datatype=ns.XSD.date)


def test_negated_claim_has_event_but_no_plover_edge(graphs):
    _, g = graphs[1]
    saudi, iran = actor_iri("state/SAU"), actor_iri("government/IRN")
    negated = [c for c in g.subjects(KG.polarity, KG.Negative) if g.value(c, KG.relation) == Literal("attack")]
    assert len(negated) == 1
    assert (None, KG.fromClaim, negated[0]) in g
    assert (saudi, KG.assaults, iran) not in g
    assert (iran, KG.assaults, saudi) in g  # the positive "launched a missile attack on Saudi Arabia"


def test_same_actor_on_both_sides_has_no_acts_on_edge(nlp):
    document = Document(id="self", text="Khamenei praised Khamenei.")
    doc = nlp(document.text)
    claims = [Claim("self", 0, t, KHAMENEI, KHAMENEI) for t in doc._.triples]
    assert claims
    g = document_graph(document, doc, claims)
    assert not list(g.triples((None, KG.actsOn, None)))


def test_doc_of_another_text_is_refused(nlp):
    with pytest.raises(InputError, match="not the document's text"):
        document_graph(Document(id="a", text="One text."), nlp("Another text."), [])
