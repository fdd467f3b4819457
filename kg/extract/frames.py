"""Doc → Triple, frames: what a sentence does not assert of a claim it contains.

A clause under a framing word is not the article's own statement, and its extraction
says so in its fields:

* **reported frames** (accuse, allege, claim, deny, suspect, blame, ...): "Iran accused
  the U.S. of attacking the tanker" gives (the U.S., attack, the tanker) with
  ``modality="accuse"`` and ``attributed_to`` the accuser, never the bare fact;
* **intent and expectation** (want, propose, expect, plan, intend, hope, ...): "Brown
  wants the rebate to come to an end" gives (the rebate, come to, an end) with
  ``modality="want"``; a frame verb that opens a verb chain ("wants to build") leaves
  the normalised relation ("build") and stays in ``relation_text``;
* **belief** under another speaker ("Lots of ministers believe the plan will fail, an
  aide said"): the inner claim keeps ``modality="believe"``, the outer speaker is its
  attribution and the believer the subject of the "believe" extraction;
* **conditions**: a claim under a verb with an "if", "unless" or "provided" clause (or
  "until" after a negation: "will not talk until he withdraws the draft")
  carries it in ``condition`` (a clause's own condition, else the nearest one above it
  in the same report); a claim *inside* such a clause is ``modality="hypothetical"``;
* **"without"**: a gerund after "without" is negated ("he added, without elaborating");
* **questions**: a clause ending in "?" or an indirect question ("asked whether Iran
  would accept") is ``question=True``.

A relative clause is no part of the frame around its noun: the article presupposes it
(Karttunen, "Presuppositions of compound sentences", 1973), so "a bid to end the protests
that have wracked the country" frames the ending, not the wracking.

Any of these makes ``asserted=False``: the claim is there, with the words that frame it,
but the sentence does not state it as so (the speech act itself stays asserted, and so
does a past act with no modal under a condition: "rejected any talks unless they repent").

Notes:
    Framing and factivity follow Karttunen, "Implicative verbs" (1971) and Saurí &
    Pustejovsky, "FactBank" (2009): the source of a claim and the event's factuality
    are read off the embedding predicates. Conditional clauses: Quirk et al., *A
    Comprehensive Grammar of the English Language* (1985), §15.33–15.37.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Span, Token

from kg.extract.phrases import phrase
from kg.extract.speech import participle_owner
from kg.extract.tokens import tokens
from kg.types import Triple

__all__ = [
    "ACCUSATION_FRAMES", "CHAIN_FRAMES", "DIRECTIVES", "FRAMES", "apply_frames", "condition_clause", "directed",
    "frame_word", "indirect_question", "lemma_of",
]

#: Verbs whose complement the subject claims of someone else: the claim is the subject's.
ACCUSATION_FRAMES = frozenset("accuse allege blame charge claim deny suspect".split())
#: Verbs of intent, expectation and belief whose complement is not asserted.
INTENT_FRAMES = frozenset(
    "want wish propose expect plan intend hope aim believe think fear suspect doubt predict".split()
)
#: Every framing verb (lemmas).
FRAMES = ACCUSATION_FRAMES | INTENT_FRAMES
#: Frames that, opening a verb chain ("wants to build", "denied carrying out"), leave the
#: normalised relation for the modality.
CHAIN_FRAMES = FRAMES - {"think", "believe", "fear", "doubt", "suspect"}
#: Verbs that direct someone to act ("urged both countries to show restraint", "called on
#: governments to share"): the act is the one directed's, and wanted, not asserted.
DIRECTIVES = frozenset("urge call ask press tell order encourage invite appeal".split())
#: Nouns that frame the clause they hold, and the frame they put on it ("the idea of allowing
#: people to join", "a charge that he took bribes", "the prospect of a deal").
_FRAME_NOUNS = {
    "idea": "propose", "plan": "plan", "proposal": "propose", "suggestion": "propose", "prospect": "hypothetical",
    "possibility": "hypothetical", "hope": "hope", "demand": "want", "call": "want", "bid": "want",
    "charge": "charge", "accusation": "accuse", "allegation": "allege", "claim": "claim", "suspicion": "suspect",
    "rumour": "allege", "rumor": "allege", "report": "claim", "fear": "fear", "condition": "hypothetical",
}
_CONDITION_MARKS = frozenset({"if", "unless"})
#: Words that open an indirect question in a complement clause.
_WH = frozenset({"whether", "when", "how", "why", "where"})
#: Verbs whose "if"/"whether" clause is a question, not a condition.
_ASKING = frozenset("ask wonder inquire enquire question know see check decide doubt".split())
_PROVISO = frozenset({"provided", "providing"})
_LINKS = frozenset({"ccomp", "xcomp", "conj", "advcl", "pcomp", "prep", "acl", "relcl", "pobj", "dobj", "parataxis",
                    "acomp", "attr", "oprd"})
_END = frozenset({".", "!", "?"})


def condition_clause(clause: Token) -> bool:
    """True where the adverbial clause headed by `clause` is a condition ("if", "unless", "provided that")."""
    if clause.dep_ not in ("advcl", "ccomp"):
        return False
    if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in clause.children):
        return not indirect_question(clause)
    if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("until", "till") for c in clause.children):
        return any(c.dep_ == "neg" for c in clause.head.children)  # "will not talk until he withdraws"
    doc, start = clause.doc, clause.left_edge.i
    return doc[start].lower_ in _PROVISO or (start > 0 and doc[start - 1].lower_ in _PROVISO)


#: Lemmas the tagger gets wrong for framing verbs ("hopes" → "hop").
_LEMMAS = {("hop", "hope"): "hope"}


def lemma_of(verb: Token) -> str:
    """The verb's lemma, corrected where the tagger confuses a framing verb ("hoped" → "hope")."""
    lemma = verb.lemma_.lower()
    return _LEMMAS.get((lemma, verb.lower_[:4]), lemma)


def indirect_question(clause: Token) -> bool:
    """True where "if" or "whether" opens what a verb of asking asks ("Asked if the door was ajar")."""
    marked = any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)
    return marked and clause.dep_ in ("advcl", "ccomp") and lemma_of(clause.head) in _ASKING


def directed(verb: Token) -> Token | None:
    """The one a directive verb with an infinitive directs: "urged *both countries* to show",
    "called on *governments* to share", "appealed to *Iran* to free"; None elsewhere, and
    where the infinitive is a question ("told customers *where* to find it": no directive)."""
    if verb.lemma_.lower() not in DIRECTIVES or not any(
            c.dep_ == "xcomp" and c.tag_ == "VB" and not any(w.lower_ in _WH | {"what", "who", "which"} for w in c.children)
            for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "dobj":
            return child
        if child.dep_ == "prep" and child.lower_ in ("on", "upon", "to"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def frame_word(verb: Token) -> str | None:
    """The frame a verb chain's first verb puts on the chain ("want" for "wants to build"), or None."""
    lemma = lemma_of(verb)
    return lemma if lemma in CHAIN_FRAMES else None


def _framer(verb: Token) -> Span | None:
    """The whole subject of a framing verb, conjuncts included ("the rebels and the army")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("who", "that", "which")]
    if len(subjects) > 1 and subjects[0].is_upper and subjects[0].i == subjects[0].sent.start:
        subjects = subjects[1:]  # a dateline the parser made a subject ("NAIROBI, May 11 (Reuters) - The army ...")
    for child in subjects:
        # the subject with its conjuncts, without an aside ("Odinga, *who boycotted the vote*,")
        return phrase(child, exclude=frozenset({"appos", "relcl"}))
    if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return _framer(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head is not verb:
        return _framer(participle_owner(verb))  # "seized the tanker, *accusing* it of ...": the seizers
    return None


def _question(token: Token, sent: Span) -> bool:
    """Whether the clause of `token` ends in a question mark (the first end mark after it)."""
    end = _next_end(sent)[token.i - sent.start]
    return end >= 0 and sent.doc[end].text == "?"


def _next_end(sent: Span) -> list[int]:
    """For each token of `sent`, the index of the first end mark at or after it (-1 for none).

    Made once per sentence (kept in the Doc's ``user_data``), so asking for every verb of a
    long sentence stays linear in its tokens.
    """
    key = ("kg.frames.next_end", sent.start)
    found = sent.doc.user_data.get(key)
    if found is None:
        found, last = [-1] * len(sent), -1
        words = tokens(sent.doc)
        for i in range(sent.end - 1, sent.start - 1, -1):
            if words[i].text in _END:
                last = i
            found[i - sent.start] = last
        sent.doc.user_data[key] = found
    return found


def _done(verb: Token, modality: str | None) -> bool:
    """A past act with no modal: "rejected any talks unless they repent" is stated, its condition kept."""
    return verb.tag_ == "VBD" and not modality


@dataclasses.dataclass
class _Frame:
    modalities: list[str] = dataclasses.field(default_factory=list)
    framer: Span | None = None
    condition: str | None = None
    question: bool = False
    without: bool = False

    def add(self, word: str) -> None:
        if word not in self.modalities:
            self.modalities.append(word)


def _frame(token: Token, sent: Span, condition_of) -> _Frame:
    """Walk from the predicate up to the sentence root, collecting the frames on the way."""
    frame = _Frame(question=_question(token, sent))
    child, depth = token, 0
    while child.head is not child and depth < 20 and child.dep_ in _LINKS:
        if child.dep_ == "relcl":
            # a relative clause describes its noun: the article presupposes it, whatever frames
            # the clause the noun stands in ("a bid to end the protests *that have wracked the country*")
            break
        head = child.head
        lemma = lemma_of(head)
        dep = child.dep_
        if condition_clause(child):
            frame.add("hypothetical")
        if indirect_question(child) or dep == "ccomp" and any(
                c.lower_ in _WH and (c.dep_ in ("mark", "advmod")) and c.i < child.i for c in child.children):
            frame.question = True  # "asked whether ...", "won't say when the talks will resume"
        if head.pos_ in ("VERB", "AUX") and lemma in FRAMES and dep in ("ccomp", "xcomp", "pcomp", "prep", "dobj"):
            if dep in ("pcomp", "prep", "dobj") and lemma not in ACCUSATION_FRAMES:
                pass
            else:
                frame.add(lemma)
                if lemma in ACCUSATION_FRAMES and frame.framer is None:
                    frame.framer = _framer(head)
        if dep == "xcomp" and directed(head) is not None:
            frame.add("want")  # "urged both countries *to show* restraint"
        if head.pos_ == "NOUN" and lemma in _FRAME_NOUNS and dep in ("acl", "prep", "ccomp") and not (
                dep == "acl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which") for c in child.children)):
            frame.add(_FRAME_NOUNS[lemma])  # not a relative clause ("the plan that was agreed")
        if dep == "pcomp" and head.lower_ == "without" and depth == 0:
            frame.without = True
        if frame.condition is None and dep in ("ccomp", "xcomp", "conj") and not condition_clause(child):
            frame.condition = condition_of([head])
        child, depth = head, depth + 1
    return frame


def apply_frames(triples: Sequence[Triple], sent: Span, condition_of) -> list[Triple]:
    """The triples with the frames above them as fields (see the module docstring).

    Args:
        triples: The sentence's extractions.
        sent: The sentence.
        condition_of: The function that reads a condition clause off a verb chain
            (`kg.extract.polarity.condition`).

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> from kg.extract import extract_triples
        >>> doc = load_pipeline()("Iran accused the U.S. of attacking the tanker.")
        >>> [(t.subject.text, t.relation, t.modality, t.attribution_text) for t in extract_triples(doc)
        ...  if t.relation == "attack"]
        [('the U.S.', 'attack', 'accuse', 'Iran')]
    """
    doc = sent.doc
    out = []
    for triple in triples:
        if triple.kind in ("apposition", "role"):
            out.append(triple)
            continue
        frame = _frame(doc[triple.predicate], sent, condition_of)
        changes: dict = {}
        own = triple.modality.split() if triple.modality else []
        words = [w for w in frame.modalities if w not in own and w != triple.relation.split()[0]]
        if triple.kind == "speech" and triple.relation.split()[0] in FRAMES:
            words = [w for w in words if w != triple.relation.split()[0]]
        if words:
            changes["modality"] = " ".join([*words, *own])
        if frame.framer is not None and triple.attributed_to is None:
            changes["attributed_to"] = frame.framer
        if triple.condition is None and frame.condition is not None:
            changes["condition"] = frame.condition
        if frame.question and not triple.question:
            changes["question"] = True
        if frame.without and not triple.negated:
            changes["negated"] = True  # "he added, without elaborating"
        modality = changes.get("modality", triple.modality)
        framed = any(w in FRAMES or w == "hypothetical" for w in (modality or "").split())
        conditional = bool(changes.get("condition") or triple.condition) and not _done(doc[triple.predicate], modality)
        if triple.kind != "speech" and (framed or changes.get("question") or triple.question or conditional):
            changes["asserted"] = False
        out.append(dataclasses.replace(triple, **changes) if changes else triple)
    return out
