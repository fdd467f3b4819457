"""Claims benchmark: do the extractions say what the article says (frame, condition, attribution)?

Reads ``benchmarks/data/claims_dev.jsonl``: short news articles and single sentences
written for the project in the manner of wire copy, each with its expected claims
(subject, relation, object, and the fields ``attributed_to``, ``modality`` (the frame
word: "accuse", "want", "hypothetical", ...), ``condition``, ``question``), the
sentences that are narrative (no claim of theirs may be attributed to a speaker), and
the headline where there is one.

Matching rule (explicit, applied to every predicted claim):

* **relation** matches where every word of the expected relation other than "be" and
  "to" is a word of the predicted relation (an expected bare "be": the predicted has "be");
* **subject** and **object** match where the last word of the expected phrase is a word
  of the predicted subject (object, or one of its prepositional arguments); an expected
  empty object matches anything;
* the four **fields** match where: ``attributed_to`` is absent on both, or the last word
  of the expected speaker is in the predicted one; the predicted frame words (modality
  words that are frames, see `kg.extract.frames.FRAMES`, plus "hypothetical") are none
  where none is expected, else include the expected one; ``condition`` is absent on
  both, or every expected word is in the predicted condition; ``question`` is equal.

A predicted claim is **judged** where some expected claim of its document matches its
relation and subject. Judged claims are **right** (object and all four fields match),
**partly right** (the object, or exactly one field, does not) or **wrong** (more than
that). Unjudged claims are counted apart (the annotation lists the claims that carry
the patterns, not every claim). **Recall**: expected claims with a right (or at least
partly right) prediction. Also counted: claims of narrative sentences attributed to a
speaker (target 0), expected conditions found, and copulas or appositions made from a
headline.

Usage: ``python benchmarks/claims.py [--data FILE] [--show]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from kg.extract.frames import FRAMES
from kg.nlp import load_pipeline

DATA = Path(__file__).parent / "data" / "claims_dev.jsonl"
_FRAME_WORDS = FRAMES | {"hypothetical"}


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"[\w']+", (text or "").lower()))


def _last(text: str) -> str:
    words = re.findall(r"[\w']+", text.lower())
    return words[-1] if words else ""


def _relation_ok(expected: dict, triple) -> bool:
    wanted = _words(expected["relation"]) - {"be", "to"}
    return wanted <= _words(triple.relation) if wanted else "be" in _words(triple.relation)


def _subject_ok(expected: dict, triple) -> bool:
    return _last(expected["subject"]) in _words(triple.subject.text)


def _object_ok(expected: dict, triple) -> bool:
    if not expected["object"]:
        return True
    text = " ".join([triple.object_text, *(a.text for a in triple.arguments)])
    return _last(expected["object"]) in _words(text)


def _field_errors(expected: dict, triple) -> list[str]:
    errors = []
    speaker = triple.attribution_text
    if (expected["attributed_to"] is None) != (speaker is None) or (
        speaker is not None and _last(expected["attributed_to"]) not in _words(speaker)
    ):
        errors.append("attributed_to")
    frames = _words(triple.modality) & _FRAME_WORDS
    if (expected["modality"] is None and frames) or (expected["modality"] is not None and expected["modality"] not in frames):
        errors.append("modality")
    if (expected["condition"] is None) != (triple.condition is None) or (
        triple.condition is not None and not _words(expected["condition"]) <= _words(triple.condition)
    ):
        errors.append("condition")
    if expected["question"] != triple.question:
        errors.append("question")
    return errors


def judge(expected_claims: list[dict], triple) -> tuple[str, int | None, list[str]]:
    """("right" | "partly" | "wrong" | "unjudged", index of the expected claim, what differs)."""
    best: tuple[int, int, list[str]] | None = None
    for n, expected in enumerate(expected_claims):
        if not (_relation_ok(expected, triple) and _subject_ok(expected, triple)):
            continue
        errors = _field_errors(expected, triple) + ([] if _object_ok(expected, triple) else ["object"])
        if best is None or len(errors) < best[1]:
            best = (n, len(errors), errors)
    if best is None:
        return "unjudged", None, []
    n, count, errors = best
    return ("right" if count == 0 else "partly" if count == 1 else "wrong"), n, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", action="store_true", help="print every judged claim that is not right")
    options = parser.parse_args(argv)
    records = [json.loads(line) for line in options.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_pipeline()
    counts = {"right": 0, "partly": 0, "wrong": 0, "unjudged": 0}
    field_errors: dict[str, int] = {}
    expected_total = found_right = found_any = 0
    conditions = conditions_found = 0
    narrative_attributed = headline_shells = sentences = 0
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records)):
        sentences += sum(1 for s in doc.sents if s.text.strip())
        expected = record["claims"]
        best: dict[int, str] = {}
        for triple in doc._.triples:
            verdict, n, errors = judge(expected, triple)
            counts[verdict] += 1
            for error in errors:
                field_errors[error] = field_errors.get(error, 0) + 1
            if n is not None:
                rank = {"right": 2, "partly": 1, "wrong": 0}[verdict]
                if rank > {"right": 2, "partly": 1, "wrong": 0, None: -1}[best.get(n)]:
                    best[n] = verdict
            if options.show and verdict in ("partly", "wrong"):
                print(f"{record['id']} {verdict}: ({triple.subject.text} | {triple.relation} | {triple.object_text}) "
                      f"by={triple.attribution_text} mod={triple.modality} cond={triple.condition} q={triple.question}"
                      f" -- {errors}")
            sentence = triple.sentence.text
            if triple.attributed_to is not None and any(n_ in sentence for n_ in record.get("narrative", ())):
                narrative_attributed += 1
                if options.show:
                    print(f"{record['id']} narrative attributed: {sentence!r} -> {triple.attribution_text}")
            if record.get("headline") and record["headline"] in sentence and triple.kind in ("copula", "apposition"):
                headline_shells += 1
        expected_total += len(expected)
        found_right += sum(1 for v in best.values() if v == "right")
        found_any += sum(1 for v in best.values() if v in ("right", "partly"))
        for n, claim in enumerate(expected):
            if claim["condition"]:
                conditions += 1
                conditions_found += best.get(n) == "right" or any(
                    judge([claim], t)[0] in ("right", "partly") and t.condition for t in doc._.triples)
            if options.show and n not in best:
                print(f"{record['id']} missed: {claim}")
    judged = counts["right"] + counts["partly"] + counts["wrong"]
    print(f"claims dev: {len(records)} documents, {sentences} sentences, {expected_total} expected claims")
    print(f"precision (judged {judged} of {judged + counts['unjudged']} predicted): right {counts['right'] / judged:.3f}  "
          f"partly {counts['partly'] / judged:.3f}  wrong {counts['wrong'] / judged:.3f}")
    print(f"recall: right {found_right / expected_total:.3f}  right or partly {found_any / expected_total:.3f}")
    print(f"conditions found: {conditions_found}/{conditions}  narrative claims attributed: {narrative_attributed}  "
          f"headline copulas: {headline_shells}")
    print("fields that differ in judged claims: " + ", ".join(f"{k} {v}" for k, v in sorted(field_errors.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
