"""The ``kg_triples`` spaCy component: sets ``doc._.triples``.

Registered through the ``spacy_factories`` entry point, so ``nlp.add_pipe("kg_triples")``
works after ``pip install`` without importing ``kg`` first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["TriplesComponent", "make_triples_component"]


class TriplesComponent:
    """Pipeline component that runs every extraction rule on each parsed Doc."""

    def __init__(self, name: str = "kg_triples") -> None:
        self.name = name
        if not Doc.has_extension("triples"):
            Doc.set_extension("triples", default=None)

    def __call__(self, doc: Doc) -> Doc:
        from kg.extract import extract_triples

        doc._.triples = extract_triples(doc) if doc.has_annotation("DEP") else []
        return doc


@Language.factory("kg_triples", default_config={})
def make_triples_component(nlp: Language, name: str) -> TriplesComponent:
    """Factory behind ``nlp.add_pipe("kg_triples")``."""
    return TriplesComponent(name)
