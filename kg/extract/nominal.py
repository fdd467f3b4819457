"""Doc → Triple, nominal events: "launched an attack on Saudi Arabia" → (_, attack, Saudi Arabia).

Where a support verb ("launch", "carry out", "impose", "hold") takes an event noun as its
object, the noun names what the subject did, and its prepositional complement whom it was
done to. The clause's own extraction, (the regime, launch, a massive missile attack on
Saudi Arabia), stays; this adds (the regime, attack, Saudi Arabia), kind ``"nominal"``.

Notes:
    Support-verb constructions: Gross, "Support verb constructions" (1981); NomBank's
    support-verb annotation (Meyers et al., 2004). The event nouns are those with a CAMEO
    verb counterpart (attack 19, sanction 163, threat 13, talks 04, visit 042/043).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from kg.extract.phrases import conjuncts, phrase
from kg.types import Argument, Triple, TripleKind

__all__ = ["EVENT_NOUNS", "SUPPORT_VERBS", "nominal_triples"]

#: Verbs that lend their clause to an event noun (lemmas, particles joined).
SUPPORT_VERBS = frozenset(
    """launch carry conduct stage mount make impose level issue deliver pay hold wage
    unleash begin start continue resume intensify step announce order threaten""".split()
)

#: Event noun lemma → (relation, prepositions that introduce its target).
EVENT_NOUNS: dict[str, tuple[str, frozenset[str]]] = {
    "attack": ("attack", frozenset({"on", "against"})),
    "strike": ("strike", frozenset({"on", "against"})),
    "airstrike": ("strike", frozenset({"on", "against"})),
    "assault": ("assault", frozenset({"on", "against"})),
    "raid": ("raid", frozenset({"on", "against"})),
    "offensive": ("attack", frozenset({"on", "against"})),
    "invasion": ("invade", frozenset({"of"})),
    "bombing": ("bomb", frozenset({"of"})),
    "sanction": ("sanction", frozenset({"on", "against"})),
    "embargo": ("impose embargo on", frozenset({"on", "against"})),
    "threat": ("threaten", frozenset({"to", "against"})),
    "accusation": ("accuse", frozenset({"against"})),
    "criticism": ("criticize", frozenset({"of"})),
    "condemnation": ("condemn", frozenset({"of"})),
    "visit": ("visit", frozenset({"to"})),
    "talk": ("talk with", frozenset({"with"})),
    "negotiation": ("negotiate with", frozenset({"with"})),
    "appeal": ("appeal to", frozenset({"to"})),
    "demand": ("demand", frozenset({"of", "on"})),
    "call": ("call on", frozenset({"on"})),
    "offer": ("offer", frozenset({"to"})),
    "warning": ("warn", frozenset({"to"})),
}


def nominal_triples(triples: Iterable[Triple]) -> Iterator[Triple]:
    """Event extractions read off the objects of support verbs.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> from kg.extract import verbs
        >>> doc = load_pipeline()("The regime launched a massive missile attack on Saudi Arabia.")
        >>> [(t.subject.text, t.relation, t.object.text) for t in nominal_triples(verbs.clause_triples(doc[:]))]
        [('The regime', 'attack', 'Saudi Arabia')]
    """
    for triple in triples:
        if triple.object is None or triple.passive or triple.kind != "verb":
            continue
        verb = triple.sentence.doc[triple.predicate]
        if verb.lemma_.lower() not in SUPPORT_VERBS or verb.lemma_.lower() not in triple.relation.split():
            continue
        noun = triple.object.root
        entry = EVENT_NOUNS.get(noun.lemma_.lower())
        if entry is None:
            continue
        relation, preps = entry
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            target = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if target is None:
                continue
            others = tuple(
                Argument(p.lower_, phrase(next(c for c in p.children if c.dep_ == "pobj")))
                for p in noun.children
                if p.dep_ == "prep" and p.i != prep.i and any(c.dep_ == "pobj" for c in p.children)
            )
            for target_ in conjuncts(target):
                yield dataclasses.replace(
                    triple,
                    relation=relation,
                    relation_text=f"{triple.relation_text} {noun.text} {prep.text}",
                    object=phrase(target_),
                    predicate=noun.i,
                    arguments=tuple(sorted(triple.arguments + others, key=lambda a: a.span.start)),
                    kind=TripleKind.NOMINAL,
                )
            break
