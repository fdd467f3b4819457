"""Triple → how a claim the sentence does not assert is coded: not at all, as an intent, or as an appeal.

Extraction marks a claim under a frame (`kg.extract.frames`) with ``asserted=False`` and the
frame words in ``modality``. The act inside is not done by its subject, so it is never coded
as that act:

- inside a condition ("if the rebels lay down their arms"), believed, feared, expected,
  alleged, denied or claimed: no event (the framing verb's own claim is coded, "accused"
  as an accusation);
- willed by its own subject ("Greece plans to impose restrictions"): the framing verb's
  control in the lexicon recodes the act ("plan" → intent; an intended act of force or
  coercion is a threat);
- willed by someone else ("Washington wants Tehran to halt enrichment"): the one who
  wants it appeals to or demands of the one who would act (CAMEO 02/10), with the framing
  verb's control;
- directed ("China called on Iran to release the sailors"): no event of its own, since
  the directive's own claim is the appeal, coded with its complement ("call on" + "release"
  → 0253, China to Iran).

A claim that is unasserted only through its own condition ("will withdraw unless ...")
or a modal is left to `kg.events.sense`, which reads those.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.events.lexicon import Lexicon
from kg.events.sense import lemma_of
from kg.extract.frames import ACCUSATION_FRAMES, DIRECTIVES, FRAMES
from kg.types import Triple

__all__ = ["Framing", "framing_of"]

#: Frame words under which nobody does the act.
_NOT_DONE = ACCUSATION_FRAMES | frozenset("believe think fear doubt predict expect hope hypothetical".split())
_VERBS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class Framing:
    """How an unasserted claim codes.

    Attributes:
        verb: The framing verb ("plans", "wants", "called"), or None where no event is coded.
        control: The transform its lexicon entry names ("intend", "appeal", "demand").
        own: Whether the framing verb's subject is the act's own ("plans to impose").
    """

    verb: Token | None
    control: str | None = None
    own: bool = False


def _frame_words(triple: Triple) -> set[str]:
    return {w for w in (triple.modality or "").split() if w in FRAMES or w == "hypothetical"}


def _framing_verb(triple: Triple, words: set[str]) -> Token | None:
    """The nearest verb above the predicate that frames it: one of `words`, or a directive."""
    doc = triple.sentence.doc
    token = doc[triple.predicate]
    for _ in range(8):
        if token.dep_ == "relcl" or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in _VERBS and (lemma_of(token) in words or ("want" in words and lemma_of(token) in DIRECTIVES)):
            return token
    return None


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def framing_of(triple: Triple, lex: Lexicon) -> Framing | None:
    """How an unasserted claim codes; None where the claim is asserted or only conditional.

    Returns:
        None: code the claim as usual (asserted, or unasserted only through its own
        condition or a question, which `kg.events.sense` reads). A `Framing` whose verb is
        None: no event. Else the framing verb, its control and whether the subject wills
        its own act.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> from kg.events.lexicon import load_lexicon
        >>> doc = load_pipeline()("Iran denied attacking the tanker.")
        >>> [framing_of(t, load_lexicon()) for t in doc._.triples if t.relation == "attack"]
        [Framing(verb=None, control=None, own=False)]

    Notes:
        Factuality after Saurí & Pustejovsky, "FactBank" (2009): an event under a belief,
        report or condition is not a fact of the text. CAMEO codes the wish of another
        as an appeal (02) or demand (10), and one's own plan as intent (03) or, for force
        and coercion, a threat (13).
    """
    if triple.asserted or triple.question:
        return None
    words = _frame_words(triple)
    if not words:
        return None
    if words & _NOT_DONE:
        return Framing(None)
    verb = _framing_verb(triple, words)
    if verb is None or lemma_of(verb) in DIRECTIVES:
        return Framing(None)  # a noun frames it ("calls to withdraw"), or the directive codes it
    prt = " ".join(c.lower_ for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ in ("on", "upon", "for"))
    entry = lex.entry(f"{lemma_of(verb)} {prt}".strip()) or lex.entry(lemma_of(verb))
    if entry is None or entry.control is None or entry.control == "pass":
        return Framing(None)
    subject = _subject_of(verb)
    return Framing(verb, entry.control, subject is None or subject.i in {t.i for t in triple.subject})
