"""Extraction speed: sentences per second of parsing alone, parsing plus kg, and textacy.

Run ``python benchmarks/throughput.py`` from the repository root. On the CaRB dev
sentences (``../shared/eval-dev/carb/data/dev.txt``), in one run, it times

* (a) ``nlp.pipe`` with the pinned pipeline and no ``kg_triples`` component,
* (b) the same pipeline with ``kg_triples`` (parsing plus every extraction rule),
* (c) the bare pipeline plus textacy's ``subject_verb_object_triples``,

and prints sentences/s for each with the ratios b/a (kg's overhead over parsing; 1.0 is
free) and b/c. Each figure is the best of ``--repeat`` passes, interleaved, after one warm-up pass, timed
in CPU time of this process (``time.process_time``) so that other load on the machine
weighs less.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

from _data import CARB, read_carb_sentences

SENTENCES = CARB / "data" / "dev.txt"


def _best(runs: Sequence[Callable[[], int]], repeat: int) -> list[tuple[float, int]]:
    # Passes interleave (a, b, c, a, b, c, ...) so that a change in machine load hits all alike.
    for run in runs:
        run()
    best = [(float("inf"), 0) for _ in runs]
    for _ in range(repeat):
        for k, run in enumerate(runs):
            start = time.process_time()
            count = run()
            best[k] = (min(best[k][0], time.process_time() - start), count)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the pinned one)")
    parser.add_argument("--repeat", type=int, default=3, help="passes per system; the best is kept")
    parser.add_argument("--batch-size", type=int, default=64)
    options = parser.parse_args(argv)
    if not SENTENCES.exists():
        raise SystemExit(f"CaRB dev sentences not found at {SENTENCES} (they ship beside the repository)")

    from kg.nlp import load_pipeline

    sentences = read_carb_sentences(SENTENCES)
    bare = load_pipeline(options.model, triples=False)
    full = load_pipeline(options.model)
    batch = options.batch_size

    def parse_only() -> int:
        return sum(1 for _ in bare.pipe(sentences, batch_size=batch))

    def parse_and_extract() -> int:
        triples = 0
        for doc in full.pipe(sentences, batch_size=batch):
            triples += len(doc._.triples)
        return triples

    def textacy_svo() -> int:
        from textacy.extract import subject_verb_object_triples

        return sum(len(list(subject_verb_object_triples(doc))) for doc in bare.pipe(sentences, batch_size=batch))

    n = len(sentences)
    (a, _), (b, kg_count), (c, textacy_count) = _best([parse_only, parse_and_extract, textacy_svo], options.repeat)
    print(f"{n} sentences, best of {options.repeat}, batch size {batch}")
    print(f"(a) parse only          {n / a:8.1f} sentences/s")
    print(f"(b) parse + kg_triples  {n / b:8.1f} sentences/s  ({kg_count} extractions)")
    print(f"(c) parse + textacy SVO {n / c:8.1f} sentences/s  ({textacy_count} extractions)")
    print(f"b/a {a / b:.3f}   b/c {c / b:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
