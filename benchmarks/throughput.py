"""Extraction speed: sentences per second of parsing alone, parsing plus kg, and textacy.

Run ``python benchmarks/throughput.py`` from the repository root. On the CaRB dev
sentences (``../shared/eval-dev/carb/data/dev.txt``), in one run, it times

* (a) ``nlp.pipe`` with the pinned pipeline as spaCy ships it (no ``kg_triples``, spaCy's own
  attribute ruler and lemmatizer: ``load_pipeline(fast=False)``),
* (b) the pipeline kg uses, ``load_pipeline()`` (parsing with kg's exact, faster attribute ruler and
  lemmatizer, plus every extraction rule in ``kg_triples``),
* (c) the bare pipeline plus textacy's ``subject_verb_object_triples``,

and prints sentences/s for each with the ratios b/a (kg's overhead over parsing; 1.0 is
free) and b/c. Then, on the documents parsed by (b) (each sentence one document), it times
actor resolution (``resolve_actors``) and event coding (``code_events`` on every triple)
and prints event coding's share of the whole per-document time (parse + extraction +
resolution + coding). Each figure is the best of ``--repeat`` passes, interleaved, after one warm-up pass, timed
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
    bare = load_pipeline(options.model, triples=False, fast=False)  # the stock spaCy pipeline
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
    try:
        import textacy  # noqa: F401
    except ImportError:
        runs = [parse_only, parse_and_extract]
    else:
        runs = [parse_only, parse_and_extract, textacy_svo]
    timed = _best(runs, options.repeat)
    (a, _), (b, kg_count) = timed[:2]
    print(f"{n} sentences, best of {options.repeat}, batch size {batch}")
    print(f"(a) parse only          {n / a:8.1f} sentences/s")
    print(f"(b) parse + kg_triples  {n / b:8.1f} sentences/s  ({kg_count} extractions)")
    if len(timed) > 2:
        c, textacy_count = timed[2]
        print(f"(c) parse + textacy SVO {n / c:8.1f} sentences/s  ({textacy_count} extractions)")
        print(f"b/a {a / b:.3f}   b/c {c / b:.3f}")
    else:
        print(f"(c) skipped: textacy is not installed\nb/a {a / b:.3f}")
    resolve, code, events = _coding_times(full, sentences, batch, options.repeat)
    whole = b + resolve + code
    print(f"(d) actor resolution {resolve:.2f} s, event coding {code:.2f} s ({events} events)")
    print(f"event coding share of per-document time {code / whole:.3%} (parse + extraction {b / whole:.1%}, resolution {resolve / whole:.1%})")
    return 0


def _coding_times(nlp, sentences: Sequence[str], batch: int, repeat: int) -> tuple[float, float, int]:
    """Best CPU seconds of actor resolution and of event coding over the parsed sentences."""
    from kg.actors import ActorRegistry, resolve_actors
    from kg.events import code_events
    from kg.types import Document

    documents = [Document(f"s{n}", text) for n, text in enumerate(sentences)]
    docs = list(nlp.pipe(sentences, batch_size=batch))
    best_resolve = best_code = float("inf")
    events = 0
    for _ in range(repeat + 1):
        registry = ActorRegistry()
        start = time.process_time()
        resolutions = [resolve_actors(doc, document, registry) for doc, document in zip(docs, documents)]
        middle = time.process_time()
        events = sum(len(code_events(t, r)) for doc, r in zip(docs, resolutions) for t in doc._.triples)
        end = time.process_time()
        best_resolve, best_code = min(best_resolve, middle - start), min(best_code, end - middle)
    return best_resolve, best_code, events


if __name__ == "__main__":
    raise SystemExit(main())
