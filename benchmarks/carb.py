"""CaRB scoring of open extractions, and kg's figures on the CaRB dev split.

Run ``python benchmarks/carb.py`` from the repository root: it scores OpenIE-5's published
dev output (the check that this scorer agrees with the reference one: F1 0.458, AUC 0.240),
``kg extract --format carb`` on the dev sentences, and textacy's subject–verb–object
triples as a baseline, and prints precision, recall, F1 and AUC for each.

The scorer is a reimplementation of the CaRB rule, written from its description:

* Sentences of gold and prediction are joined on their text with spaces and punctuation
  removed (Penn Treebank bracket escapes undone first).
* Each tuple is binarised as ``[arg1, " ".join(arg2, arg3, ...)]``.
* A (gold, predicted) pair scores (0, 0) unless some gold relation token occurs among the
  predicted relation tokens (a predicted ``be`` also matches is/am/are/was/were/been/being)
  and the prediction has as many arguments as the gold tuple (up to two). Otherwise
  precision = matched tokens / predicted tokens and recall = matched tokens / gold tokens,
  counted over relation and arguments, on whitespace tokens, case-sensitive.
* Where the gold relation contains said/told/added/adds/says, the prediction with its two
  arguments swapped is scored too and the better (precision first) kept.
* At a confidence threshold, a gold tuple's recall is its best recall over the predictions
  kept; precision matches predictions to gold tuples one-to-one, greedily, highest precision
  first, and divides by the number of predictions kept. Every distinct confidence is a
  threshold; F1 is the best F1 over thresholds; AUC is the trapezoid area under the
  precision–recall curve with the point (recall 0, precision 1) added.

Notes:
    Bhardwaj, Aggarwal & Mausam, "CaRB: A Crowdsourced Benchmark for Open IE",
    EMNLP-IJCNLP 2019. The dev split lives in ``../shared/eval-dev/carb`` (MIT, DAIR IIT
    Delhi) and is read by path, never copied.
"""

from __future__ import annotations

import argparse
import re
import string
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from _data import CARB, read_carb_sentences

GOLD = CARB / "data" / "gold" / "dev.tsv"
SENTENCES = CARB / "data" / "dev.txt"
OPENIE5 = CARB / "system_outputs" / "dev" / "openie5_output.txt"

_PUNCT = re.compile("[%s]" % re.escape(string.punctuation))
_PTB = (("(", "-LRB-"), (")", "-RRB-"), ("[", "-LSB-"), ("]", "-RSB-"), ("{", "-LCB-"), ("}", "-RCB-"))
_BE = ("be", "is", "am", "are", "was", "were", "been", "being")
_SAID = ("said", "told", "added", "adds", "says")


@dataclass(frozen=True, slots=True)
class Extraction:
    """One n-ary tuple: relation, arguments (arg1 first), confidence."""

    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Score:
    """CaRB figures at the best-F1 threshold, and the area under the PR curve."""

    precision: float
    recall: float
    f1: float
    auc: float

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  AUC {self.auc:.3f}"


Extractions = Mapping[str, Sequence[Extraction]]


def sentence_key(sentence: str) -> str:
    """The join key of a sentence: no spaces, no punctuation, PTB brackets unescaped.

    Examples:
        >>> sentence_key("He said -LRB- twice -RRB- .")
        'Hesaidtwice'
    """
    text = sentence.replace(" ", "")
    for bracket, escape in _PTB:
        text = text.replace(escape, bracket)
    return _PUNCT.sub("", text)


def read_gold(path: Path | str) -> dict[str, list[Extraction]]:
    """Gold tuples by sentence: ``sentence \\t relation \\t arg1 \\t arg2 ...`` rows."""
    gold: dict[str, list[Extraction]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.strip().split("\t")
        if len(fields) < 2:
            continue
        sentence, relation, *args = fields
        gold.setdefault(sentence.strip(), []).append(
            Extraction(relation.strip(), tuple(a.strip() for a in args))
        )
    return gold


def read_tabbed(lines: Iterable[str]) -> dict[str, list[Extraction]]:
    """Predictions in kg's ``--format carb``: ``sentence \\t confidence \\t relation \\t arg1 ...``."""
    predicted: dict[str, list[Extraction]] = {}
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 4:
            continue
        sentence, confidence, relation, *args = fields
        predicted.setdefault(sentence.strip(), []).append(
            Extraction(relation.strip(), tuple(a.strip() for a in args), float(confidence))
        )
    return predicted


def _inner(element: str) -> str:
    # "SimpleArgument(text,List([0, 4)))" -> "text"
    return element[element.index("(") + 1 : element.index(",List(")]


def read_openie5(path: Path | str) -> dict[str, list[Extraction]]:
    """OpenIE-5 output: ``confidence \\t context \\t arg1 \\t relation \\t args \\t sentence``.

    Lines missing arg1, relation or the further arguments are skipped; a context that the
    tuple does not already start with is prefixed to arg1, as the reference reader does.
    """
    predicted: dict[str, list[Extraction]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.strip().split("\t")
        if len(fields) < 6 or not all(fields[2:5]):
            continue
        confidence, context, arg1_field, relation_field, args_field, sentence = fields[:6]
        arg1, relation = _inner(arg1_field), _inner(relation_field)
        args = [_inner(a) for a in args_field.strip().split(");")]
        if context:
            context_text = _inner(context)
            if not f"{arg1} {relation}".startswith(context_text):
                arg1 = f"{context_text} {arg1}"
        predicted.setdefault(sentence, []).append(
            Extraction(relation, (arg1, *args), float(confidence))
        )
    return predicted


def _overlap(gold_words: list[str], predicted_words: list[str]) -> int:
    # Each gold word matches at most one predicted word (multiset intersection, gold order).
    remaining = list(predicted_words)
    matched = 0
    for word in gold_words:
        if word in remaining:
            matched += 1
            remaining.remove(word)
    return matched


def _match(gold_relation: str, gold_args: Sequence[str], relation: str, args: Sequence[str]) -> tuple[float, float]:
    predicted_rel = relation.split()
    gold_rel = gold_relation.split()
    remaining = list(predicted_rel)
    matched = 0
    for word in gold_rel:
        if word in remaining:
            matched += 1
            remaining.remove(word)
    if "be" in remaining and any(form in gold_rel for form in _BE):
        matched += 1
    if matched == 0:
        return (0.0, 0.0)
    hits, predicted_total, gold_total = matched, len(predicted_rel), len(gold_rel)
    for i, gold_arg in enumerate(gold_args):
        gold_words = gold_arg.split()
        gold_total += len(gold_words)
        if i >= len(args):
            if i < 2:
                return (0.0, 0.0)
            continue
        predicted_words = args[i].split()
        predicted_total += len(predicted_words)
        hits += _overlap(gold_words, predicted_words)
    precision = hits / predicted_total if predicted_total else 0.0
    recall = hits / gold_total if gold_total else 0.0
    return (precision, recall)


def _binary(args: Sequence[str]) -> tuple[str, ...]:
    return (args[0], " ".join(args[1:])) if len(args) >= 2 else tuple(args)


def match(gold: Extraction, predicted: Extraction) -> tuple[float, float]:
    """(precision, recall) of one predicted tuple against one gold tuple.

    Examples:
        >>> match(Extraction("rejected", ("Khamenei", "talks")), Extraction("rejected", ("Khamenei", "the talks")))
        (0.75, 1.0)
    """
    gold_args = _binary(gold.args)
    straight = _match(gold.relation, gold_args, predicted.relation, _binary(predicted.args))
    if not any(verb in gold.relation for verb in _SAID) or len(predicted.args) < 2:
        return straight
    swapped = (" ".join(predicted.args[1:]), predicted.args[0])
    return max(straight, _match(gold.relation, gold_args, predicted.relation, swapped))


def _greedy_precision(scores: list[list[tuple[float, float]]], kept: list[int]) -> float:
    # One-to-one assignment, highest precision first (ties: first gold row, first prediction).
    rows_left = list(range(len(scores)))
    cols_left = list(kept)
    total = 0.0
    for _ in range(min(len(scores), len(kept))):
        best, best_row, best_col = -1.0, -1, -1
        for i in rows_left:
            for j in cols_left:
                if scores[i][j][0] > best:
                    best, best_row, best_col = scores[i][j][0], i, j
        rows_left.remove(best_row)
        cols_left.remove(best_col)
        total += best
    return total


def score(gold: Extractions, predicted: Extractions) -> Score:
    """Score predicted tuples against gold ones by the CaRB rule (see the module docstring).

    Args:
        gold: Gold tuples by sentence text.
        predicted: Predicted tuples by sentence text; sentences absent from the gold are ignored.

    Returns:
        Precision, recall and F1 at the best-F1 threshold, and the PR-curve AUC.

    Examples:
        >>> g = {"Khamenei rejected talks .": [Extraction("rejected", ("Khamenei", "talks"))]}
        >>> p = {"Khamenei rejected talks .": [Extraction("rejected", ("Khamenei", "talks"), 0.9)]}
        >>> score(g, p)
        Score(precision=1.0, recall=1.0, f1=1.0, auc=1.0)
    """
    gold_by_key = {sentence_key(s): list(v) for s, v in gold.items()}
    predicted_by_key = {sentence_key(s): list(v) for s, v in predicted.items()}
    thresholds = sorted({e.confidence for v in predicted_by_key.values() for e in v})
    index = {c: k for k, c in enumerate(thresholds)}
    n = len(thresholds)
    p_num, p_den, r_num, r_den = [0.0] * n, [0] * n, [0.0] * n, [0] * n

    for key, gold_tuples in gold_by_key.items():
        preds = predicted_by_key.get(key, [])
        scores = [[match(g, e) for e in preds] for g in gold_tuples]
        start = 0
        for confidence in sorted(e.confidence for e in preds):
            stop = index[confidence] + 1
            if stop <= start:
                continue
            kept = [j for j, e in enumerate(preds) if e.confidence >= confidence]
            recall = sum(max((row[j][1] for j in kept), default=0.0) for row in scores)
            precision = _greedy_precision(scores, kept)
            for c in range(start, stop):
                p_num[c] += precision
                p_den[c] += len(kept)
                r_num[c] += recall
                r_den[c] += len(gold_tuples)
            start = stop
        for c in range(start, n):
            r_den[c] += len(gold_tuples)

    precisions = [a / b if b else 1.0 for a, b in zip(p_num, p_den)]
    recalls = [a / b if b else 0.0 for a, b in zip(r_num, r_den)]
    if not thresholds:
        return Score(0.0, 0.0, 0.0, 0.0)
    f1s = [2 * p * r / (p + r) if p + r else 0.0 for p, r in zip(precisions, recalls)]
    best = max(range(n), key=lambda k: (f1s[k], -k))
    xs, ys = recalls + [0.0], precisions + [1.0]
    auc = abs(sum((xs[k + 1] - xs[k]) * (ys[k + 1] + ys[k]) / 2 for k in range(len(xs) - 1)))
    return Score(precisions[best], recalls[best], f1s[best], auc)


# --- systems -------------------------------------------------------------------------------


def kg_lines(sentences: Sequence[str], *, model: str | None = None) -> list[str]:
    """``kg extract --sentences --format carb`` lines for the sentences, run in-process."""
    from kg.lines import extraction_lines
    from kg.types import Document

    documents = [Document(id=str(n), text=s) for n, s in enumerate(sentences, start=1)]
    return list(extraction_lines(documents, output_format="carb", model=model, sentence_per_document=True))


def textacy_lines(sentences: Sequence[str], *, model: str | None = None) -> list[str]:
    """textacy's subject–verb–object triples as CaRB lines (all at confidence 1)."""
    from textacy.extract import subject_verb_object_triples

    from kg.nlp import load_pipeline

    nlp = load_pipeline(model, triples=False)
    lines = []
    for sentence, doc in zip(sentences, nlp.pipe(sentences, batch_size=64)):
        for svo in subject_verb_object_triples(doc):
            parts = [" ".join(t.text for t in part) for part in (svo.verb, svo.subject, svo.object)]
            lines.append("\t".join([sentence, "1.0", *parts]))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the pinned one)")
    parser.add_argument("--systems", default="openie5,kg,textacy", help="comma-separated systems to score")
    options = parser.parse_args(argv)
    if not GOLD.exists():
        sys.exit(f"CaRB dev data not found at {CARB} (it ships beside the repository)")
    gold = read_gold(GOLD)
    sentences = read_carb_sentences(SENTENCES)
    runners: dict[str, Callable[[], Extractions]] = {
        "openie5": lambda: read_openie5(OPENIE5),
        "kg": lambda: read_tabbed(kg_lines(sentences, model=options.model)),
        "textacy": lambda: read_tabbed(textacy_lines(sentences, model=options.model)),
    }
    print(f"CaRB dev: {len(gold)} sentences, {sum(map(len, gold.values()))} gold tuples")
    for name in options.systems.split(","):
        result = score(gold, runners[name]())
        print(f"{name:<8} {result}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
