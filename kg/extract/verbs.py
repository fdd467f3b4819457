"""Doc → Triple, verbal clauses: subject, relation, object and further arguments.

One clause gives one extraction per subject conjunct and per object conjunct, all
sharing the clause's further arguments. The relation is the verb lemma with its
particles and the preposition that governs the object ("take part in", "back off");
open clausal complements join it ("sought to cajole" → "seek to cajole"); a passive with
an agent is turned round ("was condemned by the UN" → (the UN, condemn, ...)), one
without keeps its patient as subject (relation "be condemned").

Notes:
    Clause detection follows ClausIE (Del Corro & Gemulla, WWW 2013); relations made of a
    verb, its particles and a governing preposition follow ReVerb's syntactic constraint
    (Fader, Soderland & Etzioni, EMNLP 2011: V | V P | V W* P). Light-verb constructions
    ("take part in") are Jespersen's (1942) light verbs with a bare noun.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from kg.extract import frames, polarity
from kg.extract.copula import COPULAS
from kg.extract.phrases import conjuncts, is_aside, main_verb_on_noun, phrase, trim
from kg.extract.relative import relative_roles
from kg.extract.speech import is_speech_verb, participle_owner
from kg.extract.tokens import span_tokens
from kg.types import Argument, Triple, TripleKind

__all__ = ["INHERITED", "OWN", "clause_triples", "is_predicate"]

#: Provisional confidences marking a clause whose subject is its own or inherited from
#: another clause (a verb conjunct's, a participle's); ``confidence`` reads them.
OWN, INHERITED = 0.9, 0.8

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_OBJECTS = ("dobj",)
_COMPLEMENTS = ("attr", "acomp", "oprd")
_VERBS = frozenset({"VERB", "AUX"})
_BARE_ARGUMENTS = frozenset({"npadvmod", "tmod"})
_TIME = frozenset({"DATE", "TIME"})
#: Verbs that with an adjective make one relation ("make clear", "make plain").
_LIGHT_VERBS = frozenset({"make"})
_LIGHT_ADJECTIVES = frozenset({"clear", "plain", "known", "public", "sure", "certain"})
#: Prepositions whose object is one side of a symmetric relation: both sides stay together.
_SYMMETRIC = frozenset({"between", "among", "amongst"})
_NON_PREDICATE = frozenset({"aux", "auxpass", "amod", "compound", "acl"})


def _dateline_word(token: Token) -> bool:
    # "NAIROBI, May 11 (Reuters) - The army ...": the parser may make the place a second subject
    return token.is_upper and len(token) > 1 and token.i == token.sent.start


def _own_subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.dep_ != "expl"]
    if len(subjects) > 1 and _dateline_word(subjects[0]):
        return subjects[1]
    for child in subjects:
        return child
    for child in verb.children:
        if child.dep_ == "expl":
            return child
    return _name_taken_for_modal(verb)


def _name_taken_for_modal(verb: Token) -> Token | None:
    """A name the parser took for a modal: "Prime Minister Theresa *May* blamed Moscow"."""
    for child in verb.children:
        if child.dep_ == "aux" and child.tag_ == "NNP" and child.i < verb.i and any(
                c.dep_ == "compound" for c in child.children):
            return child
    return None


def _absorbed(verb: Token) -> bool:
    """True where the verb only completes another verb's relation ("sought *to cajole*")."""
    if _own_subject(verb) is not None:
        return False
    if verb.dep_ == "xcomp" and verb.head.pos_ in _VERBS:
        return not any(c.dep_ in _OBJECTS for c in verb.head.children) and frames.directed(verb.head) is None
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBS:
        return _absorbed(verb.head)
    return False


def is_predicate(token: Token) -> bool:
    """True where the token heads a clause of its own."""
    if token.pos_ not in _VERBS:
        return False
    if token.dep_ in _NON_PREDICATE and not (is_aside(token) or main_verb_on_noun(token)):
        # a clause the parser hung on a noun still heads a clause of its own where it has its
        # own subject: "It is for this reason that the officials *announced* that ..."
        subject = _own_subject(token) if token.dep_ == "acl" else None
        if subject is None or subject.dep_ == "expl":
            return False
    if token.pos_ == "AUX" and token.dep_ in ("aux", "auxpass"):
        return False
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ and not doc[token.i - 2].whitespace_:
        return False  # the second half of a word split at its hyphen ("co-*operates*")
    return not _absorbed(token)


def _accused(prep: Token) -> list[Token] | None:
    """Who does what a gerund after "accused X of" / "blamed X for" names: X, or, where X is
    "each other", the accusers. The parser may hang the preposition on X or on a date
    ("accused each other on Sunday of carrying out"); the accusing verb is the first above it.
    """
    verb = prep.head
    for _ in range(3):
        if verb.pos_ in _VERBS or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in _VERBS or verb.lemma_.lower() not in frames.ACCUSATION_FRAMES:
        return None
    accused = next((c for c in verb.children if c.dep_ in _OBJECTS), None)
    if accused is None:
        return None
    if accused.lower_ in ("other", "another"):
        own = _own_subject(verb)
        return conjuncts(own) if own is not None else None
    return conjuncts(accused)


def _subjects(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject conjuncts of the clause, and whether they were inherited."""
    own = _own_subject(verb)
    if own is not None:
        return conjuncts(own), False
    if depth > 8:
        return [], False
    head = verb.head
    if is_aside(verb):
        return [head], True
    if main_verb_on_noun(verb):
        return conjuncts(head), False
    if verb.dep_ == "conj" and head.pos_ in _VERBS and head != verb:
        subjects, _ = _subjects(head, depth + 1)
        if not subjects and head.dep_ == "relcl":
            roles = relative_roles(head)
            if roles is not None and roles.role == "subject":
                return [roles.noun], True
        return subjects, True
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and head.pos_ in _VERBS and frames.directed(head) is not None:
        return conjuncts(frames.directed(head)), True  # "urged both countries to show restraint"
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ in ("VBG", "VBN") and head.pos_ in _VERBS:
        if not any(c.dep_ == "mark" for c in verb.children):
            subjects, _ = _subjects(participle_owner(verb), depth + 1)
            return subjects, True
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ in ("of", "for"):
        # "accused the U.S. *of attacking*": the accused does it (the accusers, for "each other")
        accused = _accused(head)
        if accused is not None:
            return accused, True
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in _VERBS:
        # "Khamenei concluded by *saying* that ...": the gerund's subject is the clause's
        subjects, _ = _subjects(head.head, depth + 1)
        return subjects, True
    return [], False


def _subject_phrase(subject: Token, verb: Token) -> Span:
    """The subject's phrase without the part that holds the verb itself ("accused *separatists*
    of breaching": the gerund's subject is "separatists", not "separatists of breaching ...")."""
    if subject.left_edge.i <= verb.i <= subject.right_edge.i:
        holding = frozenset(c.i for c in subject.children if c.left_edge.i <= verb.i <= c.right_edge.i)
        return phrase(subject, drop=holding)
    return phrase(subject)


def _chains(verb: Token, depth: int = 0) -> list[list[Token]]:
    """Verb chains through open clausal complements: [[seek, cajole], [seek, curb]]."""
    # "denied *supplying* missiles": a framing verb's gerund object continues its chain
    gerunds = [c for c in verb.children if c.dep_ == "dobj" and c.tag_ == "VBG" and c.pos_ == "VERB"
               and frames.frame_word(verb)]
    if depth > 6 or (any(c.dep_ in _OBJECTS for c in verb.children) and not gerunds) or frames.directed(verb) is not None:
        return [[verb]]
    complements = gerunds + [
        c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in _VERBS and _own_subject(c) is None
    ]
    if not complements:
        return [[verb]]
    chains = []
    for complement in complements:
        for verb_ in conjuncts(complement):
            if verb_ != complement and (verb_.pos_ not in _VERBS or _own_subject(verb_) is not None):
                continue
            for tail in _chains(verb_, depth + 1):
                chains.append([verb, *tail])
    return chains


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children):
        return True
    # "cannot be brought to its knees, *humiliated*": the passive auxiliary of the first verb
    return not any(c.dep_ in _OBJECTS for c in verb.children) and any(
        c.dep_ == "auxpass" for c in polarity.auxiliaries(verb))


def _is_prep(token: Token) -> bool:
    """True for a preposition heading an argument; the parser labels some "dative" ("sent
    troops *to* Syria"), which is a prepositional argument all the same."""
    return token.dep_ == "prep" or (token.dep_ == "dative" and token.pos_ == "ADP" and _pobj(token) is not None)


def _pobj(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def _complex_prep(prep: Token) -> tuple[list[Token], Token | None]:
    """The words of a preposition and its object: "in" → ([in], x); "out of" → ([out, of], x)."""
    second = next((c for c in prep.children if c.i == prep.i + 1 and c.dep_ == "pcomp" and c.pos_ == "ADP"), None)
    if second is not None:  # "due to X", "because of X": X hangs on either word
        pobj = next((c for c in [*prep.children, *second.children] if c.dep_ == "pobj"), None)
        if pobj is not None:
            return [prep, second], pobj
    pobj = _pobj(prep)
    if pobj is not None:
        return [prep], pobj
    inner = [c for c in prep.children if c.dep_ == "prep"]
    if len(inner) == 1 and inner[0].i == prep.i + 1:
        pobj = _pobj(inner[0])
        if pobj is not None:
            return [prep, inner[0]], pobj
    return [prep], None


def _raised_object(stranded: Token) -> Token | None:
    """The object a stranded preposition shares with the verb conjoined after it.

    "Iran called for *and welcomed* the talks", "take part in *and talk during* the
    negotiations": the object is written once, after the last verb (right-node raising).
    """
    doc = stranded.doc
    if stranded.i + 2 >= len(doc) or doc[stranded.i + 1].dep_ != "cc":
        return None
    verb = doc[stranded.i + 2]
    if verb.dep_ != "conj" or verb.pos_ not in _VERBS or _own_subject(verb) is not None:
        return None
    for child in verb.children:
        if child.dep_ in _OBJECTS:
            return child
        if child.dep_ == "prep" and child.i > verb.i:
            pobj = _pobj(child)
            return pobj if pobj is not None and pobj.dep_ == "pobj" else None
    return None


def _light_noun(obj: Token) -> tuple[Token, Token] | None:
    """(noun, preposition) of a light-verb construction: "take *part in*", "make *use of*"."""
    if obj.tag_ != "NN" or obj.ent_type_ or obj.i + 1 >= len(obj.doc):
        return None
    children = list(obj.children)
    if any(c.dep_ != "prep" for c in children):
        return None
    prep = obj.doc[obj.i + 1]
    if prep.dep_ == "prt" and prep.head == obj.head:
        return obj, prep
    if prep.dep_ != "prep" or prep.head not in (obj, obj.head) or _pobj(prep) is None:
        return None
    return obj, prep


class _Clause:
    """The parts of one verb chain's clause, before they become triples."""

    def __init__(self, chain: Sequence[Token], advcls: Sequence[int] = ()) -> None:
        self.chain = list(chain)
        self.advcls = advcls  # indices of the sentence's adverbial clauses, in order
        self.last = chain[-1]
        self.relation_tokens: list[Token] = []
        self.objects: list[Span] = []
        self.used: set[int] = set()
        self.kind = TripleKind.VERB


def _objects(clause: _Clause, *, absorb: bool = True) -> tuple[list[Span], list[Token]]:
    """The object phrases of the clause and the tokens they add to the relation."""
    last = clause.last
    children = list(last.children)
    for child in children:
        if last.lemma_ in _LIGHT_VERBS and child.dep_ in ("ccomp", "oprd", "acomp") and child.lower_ in _LIGHT_ADJECTIVES:
            # "made clear (that) he would stay": one relation, "make clear", and the clause its object
            inner = next((c for c in child.children if c.dep_ in ("ccomp", "advcl")), None)
            if inner is None:
                inner = next((c for c in children if c.dep_ == "ccomp" and c.i > child.i), None)
            if inner is not None:
                clause.used.update({child.i, inner.i})
                span = trim(last.doc, inner.left_edge.i, inner.right_edge.i + 1)
                return ([span] if span is not None else []), [child]
    for child in children:
        if child.dep_ in _OBJECTS:
            light = _light_noun(child)
            if light is not None:
                noun, prep = light
                pobj = _pobj(prep) or _raised_object(prep)
                clause.used.update({child.i, prep.i})
                return [phrase(t) for t in conjuncts(pobj)] if pobj is not None else [], [noun, prep]
            clause.used.add(child.i)
            return [phrase(t) for t in conjuncts(child)], []
    for child in children:
        if child.dep_ in _COMPLEMENTS and not (child.dep_ == "oprd" and child.pos_ in _VERBS):
            clause.used.add(child.i)
            if child.lemma_ in COPULAS or last.lemma_ in COPULAS:
                clause.kind = TripleKind.COPULA
            return [phrase(t) for t in conjuncts(child)], []
    for child in children:
        if child.dep_ == "ccomp" and not frames.condition_clause(child):
            clause.used.add(child.i)
            span = trim(last.doc, child.left_edge.i, _report_end(child, last, clause.advcls) + 1)
            if span is not None:
                if is_speech_verb(last):
                    clause.kind = TripleKind.SPEECH
                return [span], []
    for child in children:
        if child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            clause.used.add(child.i)
            return [phrase(t) for t in conjuncts(child)], []
    for child in children:
        if not absorb:
            break
        if _is_prep(child) and child.i > last.i:
            words, pobj = _complex_prep(child)
            if pobj is None and not any(c.dep_ in ("pcomp", "prep") for c in child.children):
                pobj = _raised_object(words[-1])
            if pobj is None or (pobj.dep_ != "pobj" and pobj.dep_ not in _OBJECTS):
                continue
            clause.used.add(child.i)
            if last.lemma_ in COPULAS:
                clause.kind = TripleKind.COPULA
            if words[-1].lower_ in _SYMMETRIC:
                return [_both_sides(pobj)], words
            return [phrase(t) for t in conjuncts(pobj)], words
        if child.dep_ == "prep":
            continue
    return [], []


def _free_relative(obj: Span, verb: Token) -> bool:
    """True where the object is only the "what" of a free relative inside a larger clause
    ("struck *what* New Delhi called a camp"): the clause says nothing of its own."""
    return len(obj) == 1 and obj[0].lower_ in ("what", "whatever") and verb.dep_ != "ROOT"


def _report_end(report: Token, verb: Token, advcls: Sequence[int]) -> int:
    """The last token of a reported clause, before a participle of the reporter's own that the
    parser hung inside it ("said that Turkey would not halt it*, saying ...*").

    Only the sentence's adverbial clauses (`advcls`, sorted indices) within the report's
    edges are looked at, not its whole subtree: reports nested in reports stay linear.
    """
    doc = report.doc
    first = bisect.bisect_left(advcls, report.left_edge.i)
    last = bisect.bisect_right(advcls, report.right_edge.i)
    for i in advcls[first:last]:
        token = doc[i]
        if token.head != verb and participle_owner(token) == verb and report.is_ancestor(token):
            return token.left_edge.i - 1
    return report.right_edge.i


def _both_sides(pobj: Token) -> Span:
    """The object of "between" with all its conjuncts: "split between *X and Y*"."""
    span = trim(pobj.doc, pobj.left_edge.i, pobj.right_edge.i + 1)
    return span if span is not None else phrase(pobj)


def _arguments(verbs: Sequence[Token], used: set[int]) -> list[Argument]:
    """Prepositional and temporal arguments of the chain, in sentence order."""
    arguments = []
    for verb in verbs:
        for child in verb.children:
            if child.i in used:
                continue
            if _is_prep(child):
                words, pobj = _complex_prep(child)
                if pobj is None:
                    continue
                span = trim(pobj.doc, pobj.left_edge.i, pobj.right_edge.i + 1)
                if span is not None:
                    arguments.append(Argument(" ".join(w.text for w in words), span))
            elif child.dep_ in _BARE_ARGUMENTS or (child.dep_ == "advmod" and child.ent_type_ in _TIME):
                arguments.append(Argument("", phrase(child)))
            elif child.dep_ in ("dative", "oprd") and child.pos_ in ("NOUN", "PROPN", "PRON"):
                arguments.append(Argument("", phrase(child)))
    arguments.sort(key=lambda a: a.span.start)
    return arguments


def _shell_complement(verb: Token, complement: Token) -> list[Token]:
    """The adjective or noun of a copula before its infinitive: "it was *difficult* to say"."""
    if verb.lemma_ not in COPULAS:
        return []
    return [c for c in verb.children if c.dep_ in ("acomp", "attr") and c.i < complement.i and c.pos_ in ("ADJ", "NOUN")]


def _relation(chain: Sequence[Token], extra: Sequence[Token], passive: bool, agent: bool) -> str:
    words = []
    for k, verb in enumerate(chain):
        if k == 0 and len(chain) > 1 and (verb.lemma_ in polarity.SEMI_MODALS or frames.frame_word(verb)):
            continue
        if k > 0 and words and (verb.tag_ == "VB" or any(c.lower_ == "to" for c in verb.children)):
            words.append("to")
        if k == 0 and passive and not agent:
            words.extend(["be", verb.lower_])
        else:
            words.append(verb.lemma_.lower())
        if k == 0 and len(chain) > 1:
            words.extend(c.lower_ for c in _shell_complement(verb, chain[1]))
        if k == len(chain) - 1:
            words.extend(c.lower_ for c in verb.children if c.dep_ == "prt" and c not in extra)
    words.extend(t.lower_ for t in extra)
    return " ".join(words)


def _relation_text(chain: Sequence[Token], extra: Sequence[Token], agent: Token | None) -> str:
    tokens = set()
    if len(chain) > 1:
        tokens.update(_shell_complement(chain[0], chain[1]))
    for k, verb in enumerate(chain):
        tokens.add(verb)
        tokens.update(polarity.auxiliaries(verb))
        tokens.update(c for c in verb.children if c.dep_ == "prt" and k == len(chain) - 1)
    tokens.update(extra)
    text = " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))
    return f"{text} {agent.text}" if agent is not None else text


def clause_triples(sent: Span) -> Iterator[Triple]:
    """One triple per clause, subject conjunct and object conjunct in the sentence.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iran would not take part in the talks.")
        >>> [(t.subject.text, t.relation, t.object.text, t.relation_text, t.negated)
        ...  for t in clause_triples(next(doc.sents))]
        [('Iran', 'take part in', 'the talks', 'would not take part in', True)]
    """
    words = span_tokens(sent)
    advcls = [t.i for t in words if t.dep_ == "advcl"]
    for verb in words:
        if not is_predicate(verb):
            continue
        subjects, inherited = _subjects(verb)
        roles = relative_roles(verb) if verb.dep_ == "relcl" else None
        for chain in _chains(verb):
            clause = _Clause(chain, advcls)
            passive = _is_passive(chain[0])
            agent_prep = next((c for c in chain[0].children if c.dep_ == "agent"), None)
            agent_obj = _pobj(agent_prep) if agent_prep is not None else None
            objects, extra = _objects(clause, absorb=not (passive and agent_obj is not None))
            arguments = _arguments(chain, clause.used | ({agent_prep.i} if agent_obj is not None else set()))
            subject_spans = [_subject_phrase(s, verb) for s in subjects]
            kind = clause.kind
            if roles is not None:
                kind = TripleKind.RELATIVE
                noun = phrase(roles.noun)
                if roles.role == "subject":
                    subject_spans = [noun]
                elif roles.role == "object" and (not objects or objects[0].root.lower_ in ("that", "which", "whom")):
                    objects = [noun]
                elif roles.role == "argument":
                    arguments = [a for a in arguments if a.span.root.lower_ not in ("which", "whom")]
                    prep = next(c for c in chain[0].children if c.dep_ == "prep" and c.lower_ == roles.prep)
                    if not objects and len(chain) == 1:
                        objects, extra = [noun], [*extra, prep]
                    else:
                        arguments = sorted([*arguments, Argument(roles.prep, noun)], key=lambda a: a.span.start)
            objects = [o for o in objects if not all(t.is_punct for t in o)]
            if objects and _free_relative(objects[0], verb):
                continue
            if passive and agent_obj is not None and subject_spans:
                objects, subject_spans = subject_spans, [phrase(a) for a in conjuncts(agent_obj)]
            if not subject_spans:
                continue
            relation = _relation(chain, extra, passive, agent_obj is not None)
            text = _relation_text(chain, extra, agent_prep if agent_obj is not None else None)
            fields = dict(
                sentence=sent,
                predicate=clause.last.i,
                relation=relation,
                relation_text=text,
                arguments=tuple(arguments),
                negated=polarity.negated(chain),
                modality=polarity.modality(chain),
                condition=polarity.condition(chain),
                kind=kind,
                passive=passive and agent_obj is not None,
                confidence=INHERITED if inherited else OWN,
            )
            for subject in subject_spans:
                for obj in objects or [None]:
                    yield Triple(subject=subject, object=obj, **fields)
