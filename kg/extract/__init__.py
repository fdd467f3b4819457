"""Doc → Triple: open extraction over the dependency parse.

``extract_triples(doc)`` runs each rule family over each sentence and returns the
extractions in sentence order:

* ``verbs``: verbal clauses (subject, relation, object, prepositional and temporal
  arguments; passives; conjunctions; open clausal complements; light verbs);
* ``relative``: relative clauses ("the minister who resigned");
* ``copula``: copulas, appositions and role titles as is-a extractions;
* ``speech``: reported speech (the speech act, and ``attributed_to`` on what is reported);
* ``polarity``: negation, modality and conditions as fields;
* ``frames``: what the sentence frames rather than asserts (accused, wanted, expected,
  a condition above the clause, a question);
* ``nominal``: events named by a noun after a support verb ("launched an attack on");
* ``headline``: a title line read with headline grammar, or no claim;
* ``confidence``: the score that orders them.

Examples:
    >>> from kg.nlp import load_pipeline
    >>> doc = load_pipeline()("Khamenei rejected any plans for talks with U.S. authorities.")
    >>> [(t.subject.text, t.relation, t.object.text) for t in extract_triples(doc)]
    [('Khamenei', 'reject', 'any plans for talks with U.S. authorities')]
"""

from __future__ import annotations

import dataclasses
import logging

from spacy.tokens import Doc, Span

from kg.errors import InputError
from kg.extract import confidence as _confidence
from kg.extract import copula, frames, headline, nominal, polarity, speech, verbs
from kg.extract.formats import carb_row
from kg.types import Triple

__all__ = ["carb_row", "extract_triples"]

log = logging.getLogger(__name__)


def _key(triple: Triple) -> tuple:
    return (
        triple.subject.start,
        triple.subject.end,
        triple.relation,
        triple.object.start if triple.object is not None else -1,
        triple.object.end if triple.object is not None else -1,
    )


def _sentence_triples(sent: Span) -> list[Triple]:
    triples = list(verbs.clause_triples(sent))
    triples.extend(nominal.nominal_triples(triples))
    triples.extend(copula.apposition_triples(sent))
    triples.extend(copula.role_triples(sent))
    triples = speech.attribute(triples, sent)
    triples = frames.apply_frames(triples, sent, polarity.condition)
    if headline.is_headline(sent):
        triples = headline.headline_triples(triples, sent)
    seen = set()
    unique = []
    for triple in triples:
        key = _key(triple)
        if key in seen:
            continue
        seen.add(key)
        inherited = triple.confidence == verbs.INHERITED
        unique.append(dataclasses.replace(triple, confidence=_confidence.confidence(triple, inherited=inherited)))
    unique.sort(key=lambda t: (t.predicate, t.subject.start))
    return unique


def extract_triples(doc: Doc | Span) -> list[Triple]:
    """Every extraction in a parsed Doc (or one sentence Span of it), in sentence order.

    Args:
        doc: A Doc parsed by a pipeline with a dependency parser, or a Span of one.

    Returns:
        The triples, sentence by sentence, ordered by predicate within a sentence.

    Raises:
        InputError: `doc` is not a spaCy Doc or Span, or has no dependency parse.
    """
    if not isinstance(doc, (Doc, Span)):
        raise InputError(f"extract_triples needs a spaCy Doc or Span, got {type(doc).__name__}")
    base = doc if isinstance(doc, Doc) else doc.doc
    if len(doc) and not base.has_annotation("DEP"):
        raise InputError("extract_triples needs a Doc with a dependency parse (use kg.nlp.load_pipeline())")
    triples: list[Triple] = []
    sents = list(doc.sents) if len(doc) else []
    for sent in sents:
        triples.extend(_sentence_triples(sent))
    triples = headline.without_dateline(triples, headline.dateline(doc))
    if len(sents) > 1:
        triples = speech.attribute_quotations(triples, doc)
    log.debug("extracted %d triples from %d sentences", len(triples), len(sents))
    return triples
