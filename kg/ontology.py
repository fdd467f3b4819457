"""The vocabulary: an rdflib `DefinedNamespace` mirroring ``ontologies/kg.ttl``.

Every RDF term `kg` writes is named here and nowhere else: a typo such as
``KG.Clam`` raises ``AttributeError`` instead of writing a term nobody declared
(``_fail = True``, as in rdflib's own ``PROV``). A test keeps this module and
``ontologies/kg.ttl`` in step.

Notes:
    The direct actor-to-actor properties (``KG.rejects``, ``KG.assaults``, ...) are one
    per PLOVER event type (PLOVER manual, draft 0.8, Schrodt 2021), all
    sub-properties of ``KG.actsOn``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "CAMEO",
    "ID",
    "KG",
    "ONTOLOGY_PATH",
    "PLOVER",
    "PLOVER_PROPERTIES",
    "PREFIXES",
    "SHAPES_PATH",
    "local_name",
]



def _ontology_file(name: str) -> Path:
    """An ontology file: the copy an installed package ships, else the source in a checkout.

    ``ontologies/`` at the top of the repository is the source; building a wheel copies it
    into the package as ``kg/ontologies/`` (see ``setup.py``).
    """
    shipped = resources.files("kg").joinpath("ontologies", name)
    if shipped.is_file():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[1] / "ontologies" / name


#: The OWL ontology and the SHACL shapes.
ONTOLOGY_PATH = _ontology_file("kg.ttl")
SHAPES_PATH = _ontology_file("shapes.ttl")


class KG(DefinedNamespace):
    """The kg ontology, ``https://w3id.org/kg/ontology#``.

    Examples:
        >>> KG.Claim
        rdflib.term.URIRef('https://w3id.org/kg/ontology#Claim')
        >>> KG.Clam
        Traceback (most recent call last):
        ...
        AttributeError: term 'Clam' not in namespace 'https://w3id.org/kg/ontology#'
    """

    _fail = True
    _NS = Namespace("https://w3id.org/kg/ontology#")

    # classes
    Actor: URIRef  # A canonical political actor (⊑ prov:Agent).
    Person: URIRef
    Organization: URIRef
    State: URIRef
    Government: URIRef
    Group: URIRef
    Role: URIRef  # An office or position an actor holds.
    Document: URIRef  # One news article (⊑ prov:Entity).
    Sentence: URIRef  # A sentence with its character offsets (⊑ prov:Entity).
    Claim: URIRef  # One subject-relation-object extraction (⊑ prov:Entity).
    Event: URIRef  # A coded CAMEO/PLOVER event (⊑ prov:Activity).
    Polarity: URIRef  # {Positive, Negative}
    Fact: URIRef  # One binary fact of a claim (⊑ prov:Entity).
    FactKind: URIRef  # {CoreFact, ArgumentFact, ModifierFact, MinimalFact}

    # individuals
    Positive: URIRef
    Negative: URIRef
    CoreFact: URIRef
    ArgumentFact: URIRef
    ModifierFact: URIRef
    MinimalFact: URIRef

    # actors
    country: URIRef  # ISO 3166-1 alpha-3 (or IGO code).
    sector: URIRef  # CAMEO agent code.
    actorCode: URIRef  # "IRNGOV"
    holdsRole: URIRef
    roleTitle: URIRef
    roleCountry: URIRef
    roleSector: URIRef
    governmentOf: URIRef  # Government → State.

    # documents and sentences
    documentId: URIRef
    title: URIRef
    date: URIRef  # xsd:date, of a document or an event.
    url: URIRef  # xsd:anyURI
    publisher: URIRef
    contentHash: URIRef  # SHA-256 of the text.
    text: URIRef
    index: URIRef  # 0-based sentence index.
    startChar: URIRef
    endChar: URIRef
    inDocument: URIRef

    # claims
    subjectText: URIRef
    relation: URIRef  # normalised, "reject"
    relationText: URIRef  # as written, "did not reject"
    objectText: URIRef
    argument: URIRef
    subjectActor: URIRef
    objectActor: URIRef
    polarity: URIRef
    modality: URIRef
    condition: URIRef
    question: URIRef  # xsd:boolean, written only where true
    attributedTo: URIRef  # claim or event → speaker actor
    attributionText: URIRef
    confidence: URIRef  # xsd:decimal
    extractionRule: URIRef

    # facts
    hasFact: URIRef  # claim → fact
    factSubject: URIRef
    factRelation: URIRef  # as written, "served as the first Prime Minister of"
    factObject: URIRef
    factSubjectActor: URIRef
    factObjectActor: URIRef
    preposition: URIRef
    factKind: URIRef

    # events
    source: URIRef
    target: URIRef
    eventText: URIRef
    ploverMode: URIRef
    ploverContext: URIRef
    eventType: URIRef  # → CAMEO concept
    cameoCode: URIRef
    ploverType: URIRef  # → PLOVER concept
    quadClass: URIRef  # 1–4
    intensity: URIRef  # -10 … +10
    fromClaim: URIRef

    # direct actor-to-actor edges
    actsOn: URIRef
    accuses: URIRef
    agreesWith: URIRef
    aids: URIRef
    assaults: URIRef
    coerces: URIRef
    concedesTo: URIRef
    consults: URIRef
    cooperatesWith: URIRef
    mobilizesAgainst: URIRef
    protestsAgainst: URIRef
    rejects: URIRef
    requests: URIRef
    retreatsFrom: URIRef
    sanctions: URIRef
    supports: URIRef
    threatens: URIRef


#: Data: actors, documents, sentences, claims and events.
ID = Namespace("https://w3id.org/kg/id/")
#: CAMEO event-code concepts (``ontologies/cameo.ttl``), e.g. ``CAMEO["120"]``.
CAMEO = Namespace("https://w3id.org/kg/cameo/")
#: PLOVER event-type concepts (``ontologies/plover.ttl``), e.g. ``PLOVER.REJECT``.
PLOVER = Namespace("https://w3id.org/kg/plover/")

#: PLOVER event type → the direct property ``source kg:<verb> target``.
PLOVER_PROPERTIES: dict[str, URIRef] = {
    "ACCUSE": KG.accuses,
    "AGREE": KG.agreesWith,
    "AID": KG.aids,
    "ASSAULT": KG.assaults,
    "COERCE": KG.coerces,
    "CONCEDE": KG.concedesTo,
    "CONSULT": KG.consults,
    "COOPERATE": KG.cooperatesWith,
    "MOBILIZE": KG.mobilizesAgainst,
    "PROTEST": KG.protestsAgainst,
    "REJECT": KG.rejects,
    "REQUEST": KG.requests,
    "RETREAT": KG.retreatsFrom,
    "SANCTION": KG.sanctions,
    "SUPPORT": KG.supports,
    "THREATEN": KG.threatens,
}

#: The prefixes every query and serialisation declares.
PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(str(KG._NS)),
    "id": ID,
    "cameo": CAMEO,
    "plover": PLOVER,
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
}


def local_name(iri: object) -> str:
    """The last fragment or path segment of an IRI, the name a term is read back by.

    Examples:
        >>> local_name("https://example.org/kg/ontology#Person"), local_name(PLOVER.REJECT)
        ('Person', 'REJECT')
        >>> local_name(None)
        ''
    """
    text = "" if iri is None else str(iri)
    return text.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
