"""BenchIE scoring of open extractions, and kg's figures on the BenchIE dev half.

Run ``python benchmarks/benchie.py`` from the repository root: it scores the published
extractions of ClausIE, MinIE and OpenIE6 on the dev half (the check that this scorer
follows the rules: the figures ``../shared/eval-dev/benchie/README.md`` gives for them),
then kg's claims written as CaRB rows (subject, relation, the further arguments joined
into the object) and kg's fact-level view (``kg extract --format triples``), and prints
precision, recall and F1 for each.

The scorer is written from BenchIE's rules:

* The gold holds, per sentence, *fact synsets* (clusters): the acceptable ways to write
  one fact, as ``subject --> relation --> object`` triples in which a bracketed group of
  words is optional, so a triple stands for every version with any of its optional groups
  left out.
* An extraction (sentence, subject, relation, object) is correct when each slot equals,
  after trimming, that slot of some version of one triple of a cluster of its sentence:
  exact match, not token overlap.
* True positives are the clusters hit by at least one extraction; an extraction that hits
  no cluster is a false positive; precision = TP / (TP + FP), recall = TP / clusters, F1
  their harmonic mean. Several extractions of one fact count once.

Notes:
    Gashteovski, Yu, Kotnis, Lawrence, Niepert & Glavaš, "BenchIE: A Framework for
    Multi-Faceted Fact-Based Open Information Extraction Evaluation", ACL 2022. The dev
    half lives in ``../shared/eval-dev/benchie`` (CC BY 4.0, NEC Laboratories Europe) and
    is read by path, never copied.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHIE = ROOT.parent / "shared" / "eval-dev" / "benchie"
GOLD = BENCHIE / "benchie_gold_en.dev.txt"
SYSTEMS = BENCHIE / "systems"

#: The figures the data's README gives for the published extractions: (P, R, F1).
#: This scorer gives OpenIE6's exactly, and ClausIE's and MinIE's one fact synset above
#: them (191 and 207 where the README's figures imply 190 and 206, of 739): within
#: `TOLERANCE` on each figure.
PUBLISHED = {
    "clausie": (0.554, 0.257, 0.352),
    "minie": (0.460, 0.279, 0.347),
    "openie6": (0.327, 0.225, 0.266),
}

TOLERANCE = 0.003

_SENTENCE = re.compile(r"^sent_id:(\d+)\t(.*)$")
_CLUSTER = re.compile(r"^(\d+)-->\s*Cluster \d+:\s*$")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")

Fact = tuple[str, str, str]


def _clean(text: str) -> str:
    return " ".join(text.split())


def versions(pattern: str) -> frozenset[str]:
    """Every way of writing a gold slot: each bracketed group kept or left out.

    Examples:
        >>> sorted(versions("[the] [first] Prime Minister"))
        ['Prime Minister', 'first Prime Minister', 'the Prime Minister', 'the first Prime Minister']
        >>> sorted(versions("in [relation to]"))
        ['in', 'in relation to']
    """
    parts = _OPTIONAL.split(pattern)
    fixed, optional = parts[0::2], parts[1::2]
    out = set()
    for keep in itertools.product((True, False), repeat=len(optional)):
        words = [fixed[0]]
        for k, kept in enumerate(keep):
            words.append(optional[k] if kept else "")
            words.append(fixed[k + 1])
        out.add(_clean(" ".join(words)))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Synset:
    """One fact: the triples that may write it, each slot as its set of versions."""

    triples: tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...]

    def __contains__(self, fact: Fact) -> bool:
        subject, relation, obj = (_clean(part) for part in fact)
        return any(subject in s and relation in r and obj in o for s, r, o in self.triples)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A gold sentence and its fact synsets."""

    id: str
    text: str
    synsets: tuple[Synset, ...]


def read_gold(path: Path | str) -> dict[str, Sentence]:
    """The gold by sentence id: ``sent_id:N \\t sentence``, then ``N--> Cluster K:`` blocks."""
    return read_gold_text(Path(path).read_text(encoding="utf-8"), source=str(path))


def read_gold_text(content: str, *, source: str = "gold") -> dict[str, Sentence]:
    """`read_gold` of the file's text."""
    gold: dict[str, Sentence] = {}
    sentence_id, text, clusters = None, "", []

    def close() -> None:
        if sentence_id is not None:
            gold[sentence_id] = Sentence(sentence_id, text, tuple(Synset(tuple(c)) for c in clusters))

    for line in content.splitlines():
        if not line.strip():
            continue
        if m := _SENTENCE.match(line):
            close()
            sentence_id, text, clusters = m.group(1), m.group(2).strip(), []
        elif _CLUSTER.match(line):
            clusters.append([])
        elif " --> " in line and clusters:
            parts = line.split(" --> ")
            if len(parts) != 3:
                raise ValueError(f"{source}: not a 'subject --> relation --> object' line: {line!r}")
            clusters[-1].append(tuple(versions(p.strip()) for p in parts))
    close()
    return gold


def read_extractions(lines: Iterable[str]) -> dict[str, list[Fact]]:
    """Extractions by sentence id from ``id \\t subject \\t relation \\t object`` lines."""
    out: dict[str, list[Fact]] = {}
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 4:
            continue
        out.setdefault(fields[0].strip(), []).append((fields[1], fields[2], " ".join(fields[3:])))
    return out


@dataclass(frozen=True, slots=True)
class Score:
    """BenchIE figures: precision, recall, F1 and the counts they come from."""

    precision: float
    recall: float
    f1: float
    hit: int
    false: int
    synsets: int

    def __str__(self) -> str:
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(facts hit {self.hit}/{self.synsets}, false {self.false})")


def score(gold: Mapping[str, Sentence], extractions: Mapping[str, Sequence[Fact]]) -> Score:
    """Score extractions against the gold by BenchIE's exact-match rule.

    Args:
        gold: Gold sentences by id.
        extractions: Extractions by sentence id; ids absent from the gold are ignored.

    Examples:
        >>> g = read_gold_text('''sent_id:1\\tHe served as the first Prime Minister of Australia .
        ... 1--> Cluster 1:
        ... He --> served as --> [the] [first] Prime Minister
        ... 1--> Cluster 2:
        ... He --> served as [the] [first] Prime Minister of --> Australia''')
        >>> score(g, {"1": [("He", "served as", "the first Prime Minister"), ("He", "served", "Australia")]})
        Score(precision=0.5, recall=0.5, f1=0.5, hit=1, false=1, synsets=2)
    """
    hit = false = total = 0
    for sentence_id, sentence in gold.items():
        total += len(sentence.synsets)
        found: set[int] = set()
        for fact in extractions.get(sentence_id, ()):
            matched = {k for k, synset in enumerate(sentence.synsets) if fact in synset}
            if not matched:
                false += 1
            found |= matched
        hit += len(found)
    precision = hit / (hit + false) if hit + false else 0.0
    recall = hit / total if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, hit, false, total)


def agrees_with_readme(name: str, result: Score) -> bool:
    """Whether P, R and F1 are each within `TOLERANCE` of the README's figures for a system."""
    got = (result.precision, result.recall, result.f1)
    return all(abs(a - b) <= TOLERANCE for a, b in zip(got, PUBLISHED[name]))


# --- systems -------------------------------------------------------------------------------


def _documents(gold: Mapping[str, Sentence]):
    from kg.types import Document

    return [Document(id=sentence_id, text=sentence.text) for sentence_id, sentence in gold.items()]


def kg_claim_rows(gold: Mapping[str, Sentence], *, model: str | None = None) -> dict[str, list[Fact]]:
    """kg's claims as CaRB rows: arg1, the relation as written, arg2 and further arguments joined."""
    from kg.extract import carb_row
    from kg.nlp import load_pipeline

    nlp = load_pipeline(model)
    documents = _documents(gold)
    out: dict[str, list[Fact]] = {}
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents)):
        for triple in doc._.triples:
            _, _, relation, arg1, *rest = carb_row(triple)
            out.setdefault(document.id, []).append((arg1, relation, " ".join(rest)))
    return out


def kg_facts(gold: Mapping[str, Sentence], *, model: str | None = None) -> dict[str, list[Fact]]:
    """kg's fact-level view: the lines of ``kg extract --sentences --format triples``."""
    from kg.lines import extraction_lines

    lines = extraction_lines(_documents(gold), output_format="triples", model=model, sentence_per_document=True)
    return read_extractions(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the pinned one)")
    parser.add_argument("--systems", default="clausie,minie,openie6,kg-claims,kg-facts",
                        help="comma-separated systems to score")
    options = parser.parse_args(argv)
    if not GOLD.exists():
        sys.exit(f"BenchIE dev data not found at {BENCHIE} (it ships beside the repository)")
    gold = read_gold(GOLD)
    runners: dict[str, Callable[[], Mapping[str, Sequence[Fact]]]] = {
        name: (lambda name=name: read_extractions((SYSTEMS / f"{name}.dev.txt").read_text(encoding="utf-8").splitlines()))
        for name in PUBLISHED
    }
    runners["kg-claims"] = lambda: kg_claim_rows(gold, model=options.model)
    runners["kg-facts"] = lambda: kg_facts(gold, model=options.model)
    synsets = sum(len(s.synsets) for s in gold.values())
    print(f"BenchIE dev half: {len(gold)} sentences, {synsets} fact synsets")
    failed = False
    for name in options.systems.split(","):
        result = score(gold, runners[name]())
        check = ""
        if name in PUBLISHED:
            agrees = agrees_with_readme(name, result)
            failed |= not agrees
            check = f"  README {PUBLISHED[name]}: {'agrees' if agrees else 'DISAGREES'}"
        print(f"{name:<10} {result}{check}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
