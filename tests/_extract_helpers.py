"""Helpers shared by the extraction tests: triples as comparable tuples."""

from __future__ import annotations


def spo(nlp, text: str) -> set[tuple[str, str, str]]:
    """(subject, relation, object) of every extraction of `text`."""
    return {(t.subject.text, t.relation, t.object_text) for t in nlp(text)._.triples}


def find(nlp, text: str, subject: str, relation: str):
    """The one extraction of `text` with this subject and relation."""
    found = [t for t in nlp(text)._.triples if t.subject.text == subject and t.relation == relation]
    if len(found) != 1:
        raise LookupError(f"{len(found)} extractions ({subject}, {relation}) in {text!r}")
    return found[0]


def whole_set(expected: tuple[str, str, str], others: dict[str, set], sentence: str) -> set[tuple[str, str, str]]:
    """Everything `sentence` should give: the table's row plus the other triples listed for it.

    A table of extractions states the whole expected set, so an extra wrong triple fails.
    """
    return {expected, *others.get(sentence, ())}
