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

from kg.extract.frames import condition_clause
from kg.extract.phrases import is_proviso, trim

__all__ = ["SEMI_MODALS", "auxiliaries", "condition", "modality", "negated"]

#: Modals the tokenizer splits off a contracted negation: "ca|n't", "wo|n't", "sha|n't".
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}
#: Verbs that, with a to-infinitive, express modality rather than an action of their own.
SEMI_MODALS = frozenset({"have", "need", "ought"})
_AUXILIARY = frozenset({"aux", "auxpass", "neg"})
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "aux", "auxpass"})
_CONTRAST = frozenset({"but", "yet"})
# Irregular verbs whose past tense is also their participle: the tagger reads "made" in
# "be brought to its knees, humiliated and made to submit" as a past tense.
_PAST_AS_PARTICIPLE = frozenset({
    "bought", "brought", "built", "caught", "fought", "found", "had", "heard", "held", "kept", "laid", "led",
    "left", "lost", "made", "meant", "met", "paid", "said", "sent", "sold", "spent", "stood", "taught",
    "thought", "told", "understood", "won",
})


def _shares_auxiliaries(verb: Token) -> bool:
    """True where a coordinated verb stands under its head's auxiliaries.

    "cannot be brought to its knees, *humiliated* and *made* to submit": one "cannot be"
    for three verbs (coordinated verb phrases under one auxiliary; Quirk et al. 1985, ch. 13).
    Not where the verb has a subject or auxiliary of its own ("did not sign and *will*
    ratify"), follows "but" or "yet" ("did not attack but *threatened*"), or has another
    form than its head ("did not attack and *threatened*": a past tense cannot follow "did").
    """
    head = verb.head
    if verb.dep_ != "conj" or head is verb or head.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in _OWN_CLAUSE for c in verb.children):
        return False
    between = [c for c in head.children if c.dep_ == "cc" and head.i < c.i < verb.i]
    if between and between[-1].lower_ in _CONTRAST:
        return False
    if verb.tag_ == head.tag_:
        return True
    return head.tag_ in ("VBN", "VBD") and verb.tag_ in ("VBN", "VBD") and (
        verb.lower_.endswith("ed") or verb.lower_ in _PAST_AS_PARTICIPLE
    )


def auxiliaries(verb: Token, depth: int = 0) -> list[Token]:
    """The verb's auxiliaries and negation: its own, and those it shares with the verb it is
    coordinated with.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iran will not attack and invade Iraq.")
        >>> [t.text for t in auxiliaries(doc[5])]
        ['will', 'not']
        >>> doc = load_pipeline()("Iran did not attack but threatened Iraq.")
        >>> auxiliaries(doc[5])
        []
    """
    own = [c for c in verb.children if c.dep_ in _AUXILIARY]
    if depth < 8 and _shares_auxiliaries(verb):
        return sorted([*auxiliaries(verb.head, depth + 1), *own], key=lambda t: t.i)
    return own


def negated(verbs: Sequence[Token]) -> bool:
    """True where any verb of the chain has a ``neg`` child ("did not", "never").

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("We would not take part in talks.")
        >>> negated([doc[3]])
        True
    """
    return any(c.dep_ == "neg" for v in verbs for c in auxiliaries(v))


def modality(verbs: Sequence[Token]) -> str | None:
    """The modal auxiliaries of the chain ("would", "can", "would have to"), or None.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("We would not take part in talks.")
        >>> modality([doc[3]])
        'would'
    """
    words = [c for v in verbs for c in auxiliaries(v) if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]
    words += [v for v in verbs if v.lemma_ in SEMI_MODALS and any(c.dep_ == "xcomp" for c in v.children)]
    if not words:
        return None
    parts = []
    for word in sorted(words, key=lambda t: t.i):
        text = _CONTRACTED.get(word.lower_, word.lower_)
        parts.append(f"{text} to" if word.lemma_ in SEMI_MODALS and word.tag_ != "MD" else text)
    return " ".join(parts)


def condition(verbs: Sequence[Token]) -> str | None:
    """The text of an "if", "unless" or "provided" clause attached to the chain, or None.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iran will talk if the U.S. repents.")
        >>> condition([doc[2]])
        'if the U.S. repents'
    """
    for verb in verbs:
        for clause in verb.children:
            if condition_clause(clause):
                doc = clause.doc
                end = _through_hyphens(doc, clause.right_edge.i + 1)
                start = clause.left_edge.i
                start -= 1 if start > 0 and is_proviso(doc[start - 1]) else 0
                span = trim(doc, start, end)
                if span is not None:
                    return _balanced(span.text)
    return None


def _through_hyphens(doc, end: int) -> int:
    """The end of a clause carried on through a word the tokenizer split at a hyphen.

    "only if the country co-operates with inspectors": the parser may end the clause at
    "co"; the word and what depends on its second half belong to the clause.
    """
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        after = doc[end + 1]
        end = max(end + 2, after.right_edge.i + 1) if after.right_edge.i >= after.i else end + 2
        end = min(end, after.sent.end)
    return end


def _balanced(text: str) -> str:
    # Drop quotation marks left without their partner when a clause is cut from a quote.
    for left, right in (("“", "”"), ("‘", "’")):
        if text.count(left) != text.count(right):
            text = text.replace(left, "").replace(right, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return " ".join(text.split())
