"""Triple → CaRB row: the tab-separated layout of ``kg extract --format carb``."""

from __future__ import annotations

from kg.types import Triple

__all__ = ["carb_row"]


def carb_row(triple: Triple, *, sentence: str | None = None) -> list[str]:
    """The fields of one CaRB line: sentence, confidence, relation, arg1, arg2, arg3 ...

    The relation is the surface form (``relation_text``, with auxiliaries, negation and
    modal); arg1 is the subject, arg2 the object (or, where there is none, the first
    further argument), then the further arguments with their prepositions. A passive
    with an agent is written the CaRB way round: patient, "was condemned by", agent.

    Args:
        triple: The extraction.
        sentence: The sentence text to write; defaults to the triple's sentence.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Khamenei rejected the talks.")
        >>> carb_row(doc._.triples[0])[1:]
        ['0.9000', 'rejected', 'Khamenei', 'the talks']
    """
    relation = triple.relation_text or triple.relation
    arg1, arg2 = triple.subject.text, triple.object_text
    arguments = [a.text for a in triple.arguments]
    if triple.passive and triple.object is not None:
        arg1, arg2 = arg2, arg1
    if not arg2 and arguments:
        arg2 = arguments.pop(0)
    text = sentence if sentence is not None else triple.sentence.text
    clean = [" ".join(f.split()) for f in (text, relation, arg1, arg2, *arguments)]
    return [clean[0], f"{triple.confidence:.4f}", *clean[1:]]
