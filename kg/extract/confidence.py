"""Doc → Triple, confidence: a 0–1 score that orders extractions by how likely they are right.

The score is a hand-set linear model over features known to predict open-extraction
errors, clipped to [0.05, 0.99]:

* the rule family (a clause with its own subject is surest; an apposition, a role
  title or a relative clause less so; an event read off a noun least);
* an inherited subject (a verb conjunct's, a participle's), -0.08;
* no object and no further argument (nothing to say about the subject), -0.15;
* long arguments: -0.02 per token beyond 8 in the longest phrase, at most -0.25;
* long sentences, where parses go wrong: -0.005 per token beyond 25, at most -0.15;
* an unlabelled dependency (``dep``) on the way, -0.1;
* reported speech (a clause inside another, so a deeper and less sure parse), -0.05.

Notes:
    The features are those of the confidence functions of ReVerb (Fader et al., EMNLP
    2011, table 4: sentence length, extraction span, "the relation is a verb") and OLLIE
    (Mausam et al., EMNLP 2012, §5); the weights are set by hand, not fitted to a
    benchmark (only the direction of each feature was checked against CaRB dev aggregates),
    so that the CaRB figures in ``benchmarks/carb.py`` stay a fair test.
"""

from __future__ import annotations

from kg.types import Triple

__all__ = ["KIND_PRIOR", "confidence"]

#: Prior confidence by rule family (``Triple.kind``).
KIND_PRIOR = {
    "verb": 0.9,
    "copula": 0.85,
    "speech": 0.85,
    "relative": 0.75,
    "apposition": 0.65,
    "role": 0.55,
    "nominal": 0.45,
    "headline": 0.6,
}


def confidence(triple: Triple, *, inherited: bool = False) -> float:
    """The triple's confidence (see the module docstring for the features).

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> doc = load_pipeline()("Khamenei rejected the talks.")
        >>> confidence(doc._.triples[0])
        0.9
    """
    score = KIND_PRIOR.get(triple.kind, 0.6)
    if inherited:
        score -= 0.08
    if triple.object is None and not triple.arguments:
        score -= 0.15
    phrases = [triple.subject, *([triple.object] if triple.object is not None else []), *(a.span for a in triple.arguments)]
    longest = max(len(p) for p in phrases)
    score -= min(0.25, 0.02 * max(0, longest - 8))
    score -= min(0.15, 0.005 * max(0, len(triple.sentence) - 25))
    tokens = [triple.sentence.doc[triple.predicate], triple.subject.root]
    if any(t.dep_ == "dep" for t in tokens):
        score -= 0.1
    if triple.attributed_to is not None:
        score -= 0.05
    return round(min(0.99, max(0.05, score)), 4)
