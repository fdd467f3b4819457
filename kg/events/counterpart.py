"""Triple → the phrases that may name an event's counterpart, beyond the object's own.

The coder (`kg.events.coder`) looks for the target in the object phrase (its own
complements, "talks with X", "sanctions on X", are inside it) and in the relation's further
arguments. A complement that the parse hangs on a concessive aside between the object and
itself escapes both: "would not take part in talks, be it bilateral or multilateral, with
the United States", "will not resume talks, whether direct or indirect, with Pakistan".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = ["COUNTERPART_PREPS", "aside_complements"]

#: Prepositions whose object is the other party of a meeting, a deal, a measure or an attack.
COUNTERPART_PREPS = frozenset({"with", "between", "on", "against", "toward", "towards", "to"})
#: Parts of speech an aside of alternatives is made of: "be it bilateral or multilateral",
#: "whether direct or indirect", "formal or informal".
_ASIDE_POS = frozenset({"ADJ", "ADV", "CCONJ", "SCONJ", "AUX", "PRON", "PUNCT", "PART"})


def _aside_end(doc, start: int, limit: int) -> int | None:
    """The index of the comma that closes an aside opening at `start`, or None."""
    for i in range(start, limit):
        token = doc[i]
        if token.text == ",":
            return i if i > start else None
        if token.pos_ not in _ASIDE_POS:
            return None
    return None


def aside_complements(obj: Span | None) -> list[Span]:
    """Phrases of the object's complement that the parse hung on an aside after it.

    "talks, be it bilateral or multilateral, with the United States" → ["the United
    States"]: where a comma follows the object, the words up to the next comma are only
    adjectives, conjunctions and a copula (an aside of alternatives), and the aside is
    followed by a counterpart preposition, that preposition's object continues the object.

    Args:
        obj: The object phrase of a triple (or None).

    Returns:
        The noun phrases, in sentence order; empty where there is no such aside.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("We will not resume talks, whether direct or indirect, with Pakistan.")
        >>> [s.text for s in aside_complements(doc[4:5])]
        ['Pakistan']
    """
    if obj is None or len(obj) == 0:
        return []
    doc = obj.doc
    limit = obj.sent.end
    if obj.end >= limit or doc[obj.end].text != ",":
        return []
    close = _aside_end(doc, obj.end + 1, limit)
    if close is None or close + 1 >= limit:
        return []
    prep: Token = doc[close + 1]
    if prep.dep_ != "prep" or prep.lower_ not in COUNTERPART_PREPS or not obj.end < prep.head.i < close:
        return []
    return [doc[c.left_edge.i : c.right_edge.i + 1] for c in prep.children if c.dep_ == "pobj"]
