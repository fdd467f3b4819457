"""Doc → Triple: open extraction over the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.types import Triple

__all__ = ["extract_triples"]

_SUBJ = {"nsubj", "nsubjpass"}
_OBJ = {"dobj", "attr", "oprd"}


def extract_triples(doc: Doc | Span) -> list[Triple]:
    """Subject–verb–object triples, one per verb with a subject (first version)."""
    triples = []
    sents = doc.sents if isinstance(doc, Doc) else [doc]
    for sent in sents:
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            subj = [c for c in tok.children if c.dep_ in _SUBJ]
            if not subj:
                continue
            obj = [c for c in tok.children if c.dep_ in _OBJ]
            s = subj[0]
            o = obj[0] if obj else None
            doc_ = sent.doc
            triples.append(
                Triple(
                    subject=doc_[s.left_edge.i : s.right_edge.i + 1],
                    relation=tok.lemma_,
                    object=doc_[o.left_edge.i : o.right_edge.i + 1] if o is not None else None,
                    sentence=sent,
                    predicate=tok.i,
                    relation_text=tok.text,
                    negated=any(c.dep_ == "neg" for c in tok.children),
                )
            )
    return triples
