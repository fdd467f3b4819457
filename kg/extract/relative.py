"""Doc → Triple, relative clauses: "the minister who resigned" → (the minister, resign).

The noun a relative clause modifies fills the role of the relative pronoun: subject
("who resigned"), object ("the deal that Iran signed", or with no pronoun "the deal Iran
signed") or a prepositional argument ("the city in which they met").

Notes:
    Relative-clause roles follow Quirk et al., *A Comprehensive Grammar of the English
    Language* (1985), §17.12–17.16; the extraction itself follows ClausIE (Del Corro &
    Gemulla, WWW 2013), which treats a relative clause as a clause of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

__all__ = ["RelativeRoles", "relative_roles"]

_PRONOUNS = frozenset({"who", "whom", "which", "that"})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class RelativeRoles:
    """Where the modified noun goes in the relative clause."""

    noun: Token
    role: str  # "subject", "object" or "argument"
    prep: str = ""


def relative_roles(verb: Token) -> RelativeRoles | None:
    """The role the modified noun plays in the relative clause headed by `verb`.

    Args:
        verb: A token with dependency ``relcl``.

    Returns:
        The noun and its role, or None where `verb` heads no relative clause or the role
        cannot be told ("whose").

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("The deal that Iran signed collapsed.")
        >>> relative_roles(doc[4]).role
        'object'
    """
    if verb.dep_ != "relcl":
        return None
    noun = verb.head
    for child in verb.children:
        if child.lower_ in _PRONOUNS:
            if child.dep_ in _SUBJECT:
                return RelativeRoles(noun, "subject")
            if child.dep_ in ("dobj", "attr"):
                return RelativeRoles(noun, "object")
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lower_ in ("which", "whom"):
                    return RelativeRoles(noun, "argument", child.lower_)
        if child.dep_ == "poss" or (child.dep_ in _SUBJECT and child.lower_ == "whose"):
            return None
    deps = {c.dep_ for c in verb.children}
    if not deps & _SUBJECT:
        return RelativeRoles(noun, "subject")
    if "dobj" not in deps:
        return RelativeRoles(noun, "object")
    return None
