"""Triple → CAMEO code: the relation's verb chain, the kind of its object, the clause's context.

The middle step of event coding (`kg.events.coder` adds the actors). Three things decide a
code, in this order:

1. the lexicon (``kg/data/events/lexicon.toml``): the relation, a light verb's noun, the
   object's cues, complement chains ("refused to meet" → 125);
2. the sense of the object: a material attack on a policy, plan, remark or cost is a
   verbal one ("launched an attack on the cost of the scheme" → 111, not 190), read from
   the lexicon's ``[senses]``;
3. the clause's context, read from the `Triple` fields (never from the parse again):
   ``negated``, ``modality``, ``condition``, and whether the sentence asks a question.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.events.lexicon import Lexicon, load_lexicon
from kg.types import Triple

__all__ = [
    "COPULA_CONTROLLERS",
    "FUTURE",
    "NEEDS_TARGET",
    "OBLIGATION",
    "SPECULATIVE",
    "Coding",
    "code_relation",
    "coding_of",
    "head_cues",
    "lemma_of",
    "object_cues",
    "relation_chain",
    "xcomp_of",
]

#: Modals under which a meeting or a material event is only a possibility: no event.
SPECULATIVE = frozenset({"may", "might", "could", "should", "must", "can", "ought", "have to", "has to"})
#: Modals that announce a future act: material conflict becomes a threat, material
#: cooperation a promise, a negated cooperative act a refusal ("would not take part in talks").
FUTURE = frozenset({"will", "would", "shall", "'ll", "wo", "going to"})

_NOMINAL_MODS = frozenset({"compound", "amod"})
COPULA_CONTROLLERS = frozenset({"about", "set", "poised", "due", "ready", "willing", "prepared"})
_NESTING_PREPS = frozenset({"of", "for", "on", "to", "about", "over", "toward", "towards", "against"})
#: Modals of obligation: "X said Y must withdraw" is X's demand on Y (CAMEO 10).
OBLIGATION = frozenset({"must", "should", "ought", "have to", "has to"})
#: Roots that need a second party: a meeting with nobody is no consultation.
NEEDS_TARGET = frozenset({"04"})
#: Prepositions that name the patient of an event noun ("an attack on the cost").
_PATIENT_PREPS = frozenset({"on", "against", "at", "upon", "over"})


@dataclass(frozen=True, slots=True)
class Coding:
    """A code with the words that carry it.

    Attributes:
        code: The CAMEO code.
        cue: The object noun that chose it ("sanctions" of "imposed sanctions"), or "".
        complement: Whether a complement chain made it ("agreed to lift", "is ready to send").
    """

    code: str
    cue: str = ""
    complement: bool = False


def lemma_of(token: Token) -> str:
    """The lower-case lemma of a token."""
    return token.lemma_.lower()


def head_cues(head: Token) -> list[str]:
    """ "humanitarian aid", "aid" for the head of "urgent humanitarian aid"; a noun
    compound's modifier comes last ("aid" of "aid deliveries")."""
    mods = []
    for child in reversed(list(head.lefts)):
        if child.dep_ in _NOMINAL_MODS and child.i == (mods[-1].i - 1 if mods else head.i - 1):
            mods.append(child)
        elif mods or child.dep_ not in _NOMINAL_MODS:
            break
    cues = []
    for n in range(len(mods), 0, -1):
        cues.append(" ".join(lemma_of(t) for t in reversed(mods[:n])) + " " + lemma_of(head))
    cues.append(lemma_of(head))
    cues.extend(lemma_of(t) for t in mods if t.dep_ == "compound" and t.pos_ == "NOUN")
    return cues


def object_cues(span: Span | None, *, depth: int = 2) -> list[str]:
    """Cue words of an object phrase, most specific first.

    The head with its compound modifiers, the head alone, then the nouns and verbs the
    head governs: "plans for talks" gives ``["plan", "talk"]``, "efforts by European states
    to mediate talks" gives ``["effort", ..., "mediate", "talk"]``.

    Args:
        span: The object phrase (or None).
        depth: How many levels of nested phrases to read.

    Returns:
        Lower-case lemmas and "modifier head" pairs.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("They launched a missile attack on the port.")
        >>> object_cues(doc[2:7])[:3]
        ['missile attack', 'attack', 'missile']
    """
    if span is None or len(span) == 0:
        return []
    cues: list[str] = []
    frontier = [span.root]
    for _ in range(depth + 1):
        nested: list[Token] = []
        for head in frontier:
            cues.extend(c for c in head_cues(head) if c not in cues)
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in _NESTING_PREPS:
                    nested.extend(c for c in child.children if c.dep_ == "pobj")
                elif child.dep_ in ("acl", "relcl", "xcomp") and child.pos_ in ("VERB", "AUX"):
                    nested.append(child)
                    nested.extend(c for c in child.children if c.dep_ == "dobj")
                elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
                    nested.append(child)
        frontier = nested
    return cues


def xcomp_of(token: Token) -> Token | None:
    """The verb of a token's open complement ("meet" of "refused to meet"), or None."""
    for child in token.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def _object_of(verb: Token) -> Span | None:
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd"):
            return doc[child.left_edge.i : child.right_edge.i + 1]
    for child in verb.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return doc[pobj.left_edge.i : pobj.right_edge.i + 1]
    return None


def relation_chain(triple: Triple) -> tuple[list[str], Span | None]:
    """The relation's verb chain, outermost first, and the object of its last verb.

    ``"refuse to meet"`` → ``["refuse", "meet"]``. Where the relation is a single verb
    whose parse still has an infinitive complement ("urged Japan to negotiate" read as
    "urge" + Japan, "refused to meet Ukraine" as "refuse"), the complement is read from
    the parse, and its object too when the triple has none.
    """
    parts = [p.strip() for p in f" {triple.relation.lower()} ".split(" to ")]
    segments = [parts[0]] + [p for p in parts[1:] if p]
    if len(parts) > 1 and not parts[-1]:  # "agree to": a governing preposition
        segments[-1] = segments[-1] + " to"
    obj = triple.object
    if segments == ["be"] and obj is not None and obj.root.lemma_.lower() in COPULA_CONTROLLERS:
        # "is about to restore ties with X", "is ready to talk": the adjective controls
        comp = xcomp_of(obj.root) or next((c for c in obj.root.children if c.pos_ == "VERB"), None)
        if comp is not None:
            prt = " ".join(c.lower_ for c in comp.children if c.dep_ == "prt")
            return [f"be {obj.root.lemma_.lower()}", f"{lemma_of(comp)} {prt}".strip()], _object_of(comp)
    if len(segments) == 1:
        doc = triple.sentence.doc
        verb = doc[triple.predicate] if 0 <= triple.predicate < len(doc) else None
        if verb is not None and verb.dep_ == "xcomp" and segments[0].startswith(lemma_of(verb.head) + " "):
            # "began collecting signatures" (relation "begin collect"): the gerund is the complement
            outer = lemma_of(verb.head)
            return [outer, segments[0][len(outer) + 1 :]], obj
        while verb is not None and (comp := xcomp_of(verb)) is not None:
            prt = " ".join(c.lower_ for c in comp.children if c.dep_ == "prt")
            segments.append(f"{lemma_of(comp)} {prt}".strip())
            verb = comp
            if triple.object is None:  # "urged Japan to negotiate" keeps Japan
                obj = _object_of(comp)
    return segments, obj


def _patient(obj: Span | None, triple: Triple, lex: Lexicon) -> Token | None:
    """The head of what an act is done to: the object, or an event noun's "on"-phrase.

    "an attack on the cost of the scheme" → cost; "the embassy" → embassy; "the report on
    Gaza" → report (a kind of its own); "attacked on China arms" (no object, an "on"
    argument) → arms.
    """
    head = obj.root if obj is not None and len(obj) else None
    if head is not None and lex.kind_of(head.lemma_.lower()) is None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _PATIENT_PREPS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    if head is not None:
        return head
    for argument in triple.arguments:
        if argument.prep in _PATIENT_PREPS:
            return argument.span.root
    return None


def _sense(code: str, obj: Span | None, triple: Triple, lex: Lexicon) -> str | None:
    """Recode a material act by the kind of thing it is done to (the lexicon's ``[senses]``).

    Notes:
        CAMEO 111 "Criticize or denounce" covers verbal attacks; 19x needs a place,
        force or people as its object (CAMEO codebook, 19 "Fight": "use of conventional
        force"). A relation whose preposition makes it verbal ("attack on", "hit out at")
        is coded by its own entry.
    """
    patient = _patient(obj, triple, lex)
    if patient is None or patient.ent_type_ in ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"):
        return code
    kind = lex.kind_of(patient.lemma_.lower())
    if kind is None:
        return code
    out = lex.recode(kind, code) or code
    return None if out == "none" else out


def _context(
    code: str, triple: Triple, segments: list[str], outer_negated: str | None, lex: Lexicon, *, reported: bool
) -> str | None:
    """Apply the clause's negation, modality, condition and mood to a code."""
    modality = (triple.modality or "").lower() or None
    if any(f" {w} to " in f" {triple.relation_text} " for w in ("have", "has", "had")):
        modality = "have to"  # "would have to concede": an obligation, not an announced act
    if reported and modality in OBLIGATION and not triple.negated and len(segments) == 1:
        return lex.transform("demand", code)  # "Russia said Sudan must return the helicopter"
    root = int(code[:2])
    material = 6 <= root <= 8 or root >= 14
    condition = (triple.condition or "").lower()
    if triple.sentence.text.rstrip().rstrip('"\'’”').endswith("?"):
        return None  # a question asks whether an event happened
    if triple.negated:
        if outer_negated:
            return lex.transform(outer_negated, code)
        if modality in FUTURE and 3 <= root <= 8:
            return lex.transform("reject", code)
        return None
    if condition.startswith("unless") and (material or 4 <= root <= 5):
        return lex.transform("threaten", code)  # "will withdraw unless ...": a threat
    if modality in FUTURE and len(segments) == 1:
        if root >= 14:
            return lex.transform("threaten", code)  # "will impose sanctions (if ...)": a threat
        if 4 <= root <= 8:
            return lex.transform("intend", code)  # "will send aid", "will visit", "would meet him if ...": an intent
    if condition and (4 <= root <= 8 or root >= 14):  # "if the U.S. repents, it can talk"
        return None
    if condition.startswith("if") and modality in SPECULATIVE:
        return None
    if modality in SPECULATIVE and (4 <= root <= 8 or root >= 14):
        return None
    return code


def coding_of(triple: Triple, *, lexicon: Lexicon | None = None, reported: bool = False) -> Coding | None:
    """The CAMEO code a triple denotes and the object noun that chose it, or None.

    See `code_relation` for the rules. `reported`: the clause is someone's reported
    speech, so an obligation in it ("Sudan must return ...") is the speaker's demand.
    """
    lex = lexicon or load_lexicon()
    segments, obj = relation_chain(triple)
    cues = object_cues(obj)
    cues += [c for argument in triple.arguments for c in head_cues(argument.span.root) if c not in cues]
    inner, folded = lex.match(segments[-1])
    code, cue = (inner.coded(folded + cues) if inner is not None else (None, ""))
    bare = obj is None or obj.root.ent_type_ in ("DATE", "TIME")  # "demonstrated on Tuesday"
    if inner is not None and inner.intransitive and bare and not folded and not cue:
        code = inner.intransitive
    outer_entry = inner
    for relation in reversed(segments[:-1]):
        entry = lex.entry(relation)
        for argument in triple.arguments:  # "call to release" + "on Iran": "call on"
            if entry is not None and entry.control is not None:
                break
            entry = lex.entry(f"{relation} {argument.prep}") if argument.prep else entry
        if entry is None or entry.control is None:
            return None
        outer_entry = entry
        code = entry.code if code is None else lex.transform(entry.control, code)
        if code is None:
            return None
    if code is None:
        return None
    code = _sense(code, obj, triple, lex)
    if code is None:
        return None
    if triple.subject.root.lemma_.lower() in lex.crowds:  # "protesters stormed the palace"
        code = next((lex.crowd_recode[code[:n]] for n in (3, 2) if code[:n] in lex.crowd_recode), code)
    code = _context(code, triple, segments, outer_entry.negated if outer_entry is not None else None, lex, reported=reported)
    return Coding(code, cue, len(segments) > 1) if code is not None else None


def code_relation(triple: Triple, *, lexicon: Lexicon | None = None) -> str | None:
    """The CAMEO code a triple's relation and object denote, or None.

    The lexicon gives a code; the object's kind may turn a material attack into a verbal
    one; then the context: a question gives nothing; a negated event gives None unless the
    verb says otherwise ("did not agree" → REJECT), "would not take part in talks" is a
    refusal; "will attack" is a threat, "will withdraw unless ..." too; "will send aid" a
    promise; "may attack", "can meet" and conditional meetings and material acts ("if X
    repents, we can talk") nothing; a conditional rejection ("rejected talks unless they
    repent") stays.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> nlp = load_pipeline()
        >>> code_relation(nlp("Iran condemned Israel.")._.triples[0])
        '111'
        >>> code_relation(nlp("Howard attacked the cost of the asylum system.")._.triples[0])
        '111'

    Notes:
        CAMEO codebook: refusals are REJECT (12: "Decline to ...", 125 "Reject proposal
        to meet, discuss, negotiate"); "threaten to" is THREATEN (13: 1312 "Threaten to
        boycott, embargo, or sanction", 138 "Threaten with military force"); intentions
        are 03 ("Express intent to ..."); CAMEO codes events that happened or are
        announced, so negated material acts are not events.
    """
    found = coding_of(triple, lexicon=lexicon)
    return found.code if found is not None else None
