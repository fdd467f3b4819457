"""Triple → rows: the tab-separated layouts of ``kg extract --format carb`` and ``--format triples``."""

from __future__ import annotations

from kg.types import Fact, Triple

__all__ = ["carb_row", "fact_row"]


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


def fact_row(fact: Fact, *, doc: str) -> list[str]:
    """The fields of one ``--format triples`` line: doc, subject, relation, object.

    The relation is as written, with the words between the verb and the object ("served
    as the first Prime Minister of"); the object is "" where the fact has none. Tabs and
    line breaks inside a field become spaces.

    Args:
        fact: The fact (`kg.extract.facts.triple_facts`).
        doc: The document id (the line number when each line is a document).

    Examples:
        >>> from kg.extract.facts import triple_facts
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Khamenei rejected talks with the United States.")
        >>> [fact_row(f, doc="1") for f in triple_facts(doc._.triples[0])]
        [['1', 'Khamenei', 'rejected', 'talks with the United States'], ['1', 'Khamenei', 'rejected talks with', 'the United States']]
    """
    return [" ".join(f.split()) for f in (doc, fact.subject.text, fact.relation, fact.object_text)]
