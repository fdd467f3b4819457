"""Doc → Triple, polarity: negation, modality and conditions as fields of a clause.

These never stay in the normalised relation ("reject", not "would not reject"); the
surface relation (``relation_text``) keeps the auxiliaries and "not" for CaRB.

Notes:
    Negation is the ``neg`` dependency (Universal/ClearNLP labels: "not", "n't", "never");
    modality is a modal auxiliary (Penn tag ``MD``) or a semi-modal with an infinitive
    ("have to", "need to", "ought to"; Quirk et al., *A Comprehensive Grammar of the
    English Language*, 1985, §3.40); conditions are adverbial clauses introduced by
    "if" or "unless" (ibid. §15.33).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from kg.extract.phrases import trim

__all__ = ["SEMI_MODALS", "condition", "modality", "negated"]

#: Verbs that, with a to-infinitive, express modality rather than an action of their own.
SEMI_MODALS = frozenset({"have", "need", "ought"})
_CONDITION_MARKS = frozenset({"if", "unless"})


def negated(verbs: Sequence[Token]) -> bool:
    """True where any verb of the chain has a ``neg`` child ("did not", "never").

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("We would not take part in talks.")
        >>> negated([doc[3]])
        True
    """
    return any(c.dep_ == "neg" for v in verbs for c in v.children)


def modality(verbs: Sequence[Token]) -> str | None:
    """The modal auxiliaries of the chain ("would", "can", "would have to"), or None.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("We would not take part in talks.")
        >>> modality([doc[3]])
        'would'
    """
    words = [c for v in verbs for c in v.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]
    words += [v for v in verbs if v.lemma_ in SEMI_MODALS and any(c.dep_ == "xcomp" for c in v.children)]
    if not words:
        return None
    parts = []
    for word in sorted(words, key=lambda t: t.i):
        parts.append(f"{word.lower_} to" if word.lemma_ in SEMI_MODALS and word.tag_ != "MD" else word.lower_)
    return " ".join(parts)


def condition(verbs: Sequence[Token]) -> str | None:
    """The text of an "if"/"unless" clause attached to the chain, or None.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iran will talk if the U.S. repents.")
        >>> condition([doc[2]])
        'if the U.S. repents'
    """
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ != "advcl":
                continue
            if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in clause.children):
                span = trim(clause.doc, clause.left_edge.i, clause.right_edge.i + 1)
                if span is not None:
                    return _balanced(span.text)
    return None


def _balanced(text: str) -> str:
    # Drop quotation marks left without their partner when a clause is cut from a quote.
    for left, right in (("“", "”"), ("‘", "’")):
        if text.count(left) != text.count(right):
            text = text.replace(left, "").replace(right, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return " ".join(text.split())
