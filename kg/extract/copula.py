"""Doc → Triple, is-a extractions: copulas, appositions and role titles.

* Copula: "Khamenei is the supreme leader" → (Khamenei, be, the supreme leader).
* Apposition: "Ali Khamenei, the supreme leader, ..." → (Ali Khamenei, be, the supreme
  leader); where the head is a description and the apposition a name ("the supreme
  leader, Ali Khamenei") the name becomes the subject.
* Role title: a person's name preceded by a title in the same noun phrase, "Iranian
  regime president Hassan Rouhani" → (Hassan Rouhani, be, Iranian regime president).

Notes:
    Appositions and copular clauses as "is-a" facts follow ClausIE's SVC clause type
    (Del Corro & Gemulla, WWW 2013) and the CaRB gold annotation, which writes them with
    the relation "is" (Bhardwaj et al., EMNLP 2019).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.phrases import conjuncts, phrase
from kg.extract.tokens import span_tokens
from kg.types import Triple, TripleKind

__all__ = ["COPULAS", "HONORIFICS", "apposition_triples", "role_triples"]

#: Linking verbs whose complement (attr/acomp) is the object of an is-a style extraction.
COPULAS = frozenset({"be", "become", "remain", "seem", "appear"})
_NOUNS = frozenset({"NOUN", "PROPN"})
#: Forms of address that name no role: "Mr Bush" gives no role triple.
HONORIFICS = frozenset("mr mrs ms miss mister messrs madam madame dr sir dame lord lady mme m herr".split())
_NAME_TYPES = frozenset({"PERSON"})


def _set_off(appos: Token) -> bool:
    """True where punctuation sets the apposition off from its head ("Ali Khamenei, the supreme
    leader", "the ministry (MFA)") or it is a name after a description ("his biographer Andrew
    Boyle"); the parser's other unpunctuated appositions are misparses ("army violations in
    Unity and Upper Nile *states*", "Dr. Jagan *himself*")."""
    doc = appos.doc
    k = appos.left_edge.i - 1
    if appos.left_edge.i < appos.head.i or appos.pos_ == "PROPN":
        return True
    return k >= 0 and (doc[k].text in (",", "(", "-", "--", "\u2013", "\u2014", ":") or doc[k].is_quote)


def apposition_triples(sent: Span) -> Iterator[Triple]:
    """(head, be, apposition) for each apposition in the sentence.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Ali Khamenei, the supreme leader, spoke.")
        >>> t = next(apposition_triples(next(doc.sents)))
        >>> t.subject.text, t.relation, t.object.text
        ('Ali Khamenei', 'be', 'the supreme leader')
    """
    for token in span_tokens(sent):
        if token.dep_ != "appos" or token.head.pos_ not in _NOUNS | {"PRON"}:
            continue
        head = token.head
        if not _set_off(token):
            continue
        for appos in conjuncts(token):
            if appos.dep_ == "conj" and appos.head.dep_ != "appos":
                continue
            if appos.pos_ not in _NOUNS | {"PRON", "NUM"}:
                continue
            subject, obj = phrase(head), phrase(appos)
            if head.pos_ == "NOUN" and appos.pos_ == "PROPN":
                subject, obj = obj, subject
            yield Triple(
                subject=subject,
                relation="be",
                object=obj,
                sentence=sent,
                predicate=appos.i,
                relation_text="is",
                kind=TripleKind.APPOSITION,
            )


def _entities(sent: Span) -> Iterator[Span]:
    """``sent.ents`` read from the sentence's own tokens: ``Span.ents`` lists the whole doc's
    entities on every call, which made a long document's extraction quadratic."""
    doc = sent.doc
    start = None
    for token in span_tokens(sent):
        if start is not None and token.ent_iob_ != "I":
            yield Span(doc, start, token.i, label=doc[start].ent_type)
            start = None
        if token.ent_iob_ == "B":
            start = token.i
    if start is not None and (sent.end == len(doc) or doc[sent.end].ent_iob_ != "I"):
        yield Span(doc, start, sent.end, label=doc[start].ent_type)


def role_triples(sent: Span) -> Iterator[Triple]:
    """(name, be, title) where a person's name follows a title in its noun phrase.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Iranian regime president Hassan Rouhani spoke.")
        >>> t = next(role_triples(next(doc.sents)))
        >>> t.subject.text, t.object.text
        ('Hassan Rouhani', 'Iranian regime president')
    """
    doc = sent.doc
    for ent in _entities(sent):
        if ent.label_ not in _NAME_TYPES:
            continue
        head = ent.root
        if head.i != ent.end - 1 or head.pos_ != "PROPN":
            continue
        modifiers = [c for c in head.lefts if c.i < ent.start and c.dep_ in ("compound", "amod", "nmod")]
        if not modifiers:
            continue
        start = min(m.left_edge.i for m in modifiers)
        end = ent.start
        title = doc[start:end]
        while len(title) and (title[0].dep_ in ("det", "poss", "case") or title[0].is_punct):
            title = doc[title.start + 1 : end]
        while len(title) and title[-1].is_punct:
            title = doc[title.start : title.end - 1]
        if not len(title) or not any(t.pos_ in _NOUNS for t in title) or title.root.ent_type_ in _NAME_TYPES:
            continue
        if all(t.lower_.rstrip(".") in HONORIFICS or t.is_punct for t in title):
            continue  # "Mr Bush": a form of address, not a role
        yield Triple(
            subject=ent,
            relation="be",
            object=title,
            sentence=sent,
            predicate=title.root.i,
            relation_text="is",
            kind=TripleKind.ROLE,
        )
