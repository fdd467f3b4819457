"""The ``kg_triples`` spaCy component: sets ``doc._.triples`` and ``doc._.quotes``.

Registered through the ``spacy_factories`` entry point, so ``nlp.add_pipe("kg_triples")``
works after ``pip install`` without importing ``kg`` first. spaCy imports this module
whenever any pipeline loads, so it imports nothing heavy at module level.

``doc._.triples`` is a getter over plain data: triples hold spans, which cannot be
serialised, and ``nlp.pipe(..., n_process=2)`` sends each Doc back from its worker as
``Doc.to_bytes()`` (user data included). So the component stores each triple in
``doc.user_data`` as token offsets and strings (what msgpack can carry), and the getter
rebuilds the `Triple` objects, spans included, on the receiving side; nothing is
extracted twice. A Doc parsed without the component gets its triples extracted lazily
on first access. ``doc._.quotes`` gives the direct quotations with their speakers
(`kg.extract.speech.quotes`, found once per Doc and kept in ``doc.user_data`` the same way):
the one place later stages learn who says what.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.types import Argument, Triple, TripleKind

__all__ = ["TriplesComponent", "decode", "encode", "get_quotes", "get_triples", "make_triples_component"]

_KEY = "kg.triples"


def _offsets(span) -> list[int]:
    return [span.start, span.end] if span is not None else []


def encode(triple: Triple) -> list[Any]:
    """A triple as msgpack-ready data: token offsets and strings."""
    return [
        _offsets(triple.subject),
        triple.relation,
        _offsets(triple.object),
        _offsets(triple.sentence),
        triple.predicate,
        triple.relation_text,
        [[a.prep, a.span.start, a.span.end] for a in triple.arguments],
        triple.negated,
        triple.modality,
        triple.condition,
        _offsets(triple.attributed_to),
        triple.confidence,
        triple.kind,
        triple.passive,
        triple.question,
        triple.asserted,
    ]


def decode(doc: Doc, data: list[Any]) -> Triple:
    """The triple `encode` wrote, with its spans rebuilt on `doc`."""
    (subject, relation, obj, sentence, predicate, relation_text, arguments, negated,
     modality, condition, attributed_to, confidence, kind, passive, question, asserted) = data

    def span(offsets):
        return doc[offsets[0] : offsets[1]] if offsets else None

    return Triple(
        subject=span(subject),
        relation=relation,
        object=span(obj),
        sentence=span(sentence),
        predicate=predicate,
        relation_text=relation_text,
        arguments=tuple(Argument(prep, doc[start:end]) for prep, start, end in arguments),
        negated=negated,
        modality=modality,
        condition=condition,
        attributed_to=span(attributed_to),
        confidence=confidence,
        kind=TripleKind(kind),
        passive=passive,
        question=question,
        asserted=asserted,
    )


def _store(doc: Doc) -> list:
    data = doc.user_data.get(_KEY)
    if data is None:
        from kg.extract import extract_triples
        from kg.extract.tokens import reading

        with reading(doc):
            triples = extract_triples(doc) if doc.has_annotation("DEP") else []
        data = [encode(t) for t in triples]
        doc.user_data[_KEY] = data
    return data


def get_quotes(doc: Doc) -> list:
    """The direct quotations of a parsed Doc with their speakers (the getter behind ``doc._.quotes``).

    Returns:
        `kg.extract.speech.Quote` values in document order; an empty list for a Doc with no parse.
    """
    from kg.extract.speech import quotes

    return quotes(doc) if doc.has_annotation("DEP") else []


def get_triples(doc: Doc) -> list[Triple]:
    """The triples of a parsed Doc (the getter behind ``doc._.triples``).

    Returns:
        The extractions in sentence order; an empty list for a Doc with no parse.
    """
    return [decode(doc, d) for d in _store(doc)]


class TriplesComponent:
    """Pipeline component that runs every extraction rule on each parsed Doc."""

    def __init__(self, name: str = "kg_triples") -> None:
        self.name = name
        if not Doc.has_extension("triples") or Doc.get_extension("triples")[2] is not get_triples:
            Doc.set_extension("triples", getter=get_triples, force=True)
        if not Doc.has_extension("quotes") or Doc.get_extension("quotes")[2] is not get_quotes:
            Doc.set_extension("quotes", getter=get_quotes, force=True)

    def __call__(self, doc: Doc) -> Doc:
        _store(doc)
        return doc


@Language.factory("kg_triples", default_config={})
def make_triples_component(nlp: Language, name: str) -> TriplesComponent:
    """Factory behind ``nlp.add_pipe("kg_triples")``.

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> nlp.add_pipe("kg_triples").name
        'kg_triples'
    """
    return TriplesComponent(name)
