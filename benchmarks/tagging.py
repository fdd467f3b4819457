"""Tagging: kg's attribute ruler and lemmatizer (`kg.tagging`) against spaCy's own, for sameness and speed.

Run ``python benchmarks/tagging.py`` from the repository root. In one run it

* times the whole ``nlp.pipe`` (no ``kg_triples``) of each pipeline on the 25-sentence documents
  of ``benchmarks/scale.py``, interleaved, and prints stock / kg's as a ratio, of the best of
  ``--repeat`` passes and of the first (each pipeline fresh: nothing remembered yet);
* times the two components alone (CPU seconds, each pass on fresh copies of the same parsed
  documents, stock and kg's interleaved, best of ``--repeat``);
* parses every text at hand (the CaRB dev sentences and the PLOVER dev records from
  ``../shared``, the example article, our own dev sets in ``benchmarks/data`` and the example
  corpus) with the stock pipeline (``load_pipeline(fast=False)``) and with kg's
  (``load_pipeline()``), and counts the tokens compared and the token attributes that differ
  (TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, sentence starts): it must be 0.

CPU time of this process (``time.process_time``) is what a busy machine distorts least; the
output gives the load average too.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _data import CARB, SHARED, read_carb_sentences  # noqa: E402

#: The token attributes compared, by name.
COMPARED = {"TAG": TAG, "POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "DEP": DEP, "HEAD": HEAD,
            "ENT_IOB": ENT_IOB, "ENT_TYPE": ENT_TYPE, "SENT_START": SENT_START}
PLOVER = SHARED / "eval-dev" / "plover" / "PLOVER_GSR_CAMEO.dev.json"
EXAMPLE = ROOT / "examples" / "khamenei-rejects-talks-2019-09-18.txt"


def own_texts() -> list[str]:
    """The texts written for the project: the example article, the dev sets and the example corpus."""
    texts = [EXAMPLE.read_text(encoding="utf-8")]
    for path in [ROOT / "benchmarks" / "data" / "events_dev.jsonl", ROOT / "benchmarks" / "data" / "claims_dev.jsonl",
                 *sorted((ROOT / "examples" / "corpus").glob("*.jsonl"))]:
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def shared_texts() -> list[str]:
    """The CaRB dev sentences and the PLOVER dev records' texts, where ``../shared`` is present."""
    texts: list[str] = []
    if (CARB / "data" / "dev.txt").exists():
        texts += read_carb_sentences()
    if PLOVER.exists():
        from plover import read_records

        texts += [r.text for r in read_records(PLOVER)]
    return texts


def differences(stock, fast) -> dict[str, int]:
    """Per compared attribute, how many tokens of two parses of one text differ (a length change counts all)."""
    if [t.text for t in stock] != [t.text for t in fast]:
        return {name: len(stock) for name in COMPARED}
    a, b = stock.to_array(list(COMPARED.values())), fast.to_array(list(COMPARED.values()))
    return {name: int((a[:, i] != b[:, i]).sum()) for i, name in enumerate(COMPARED)}


def compare(texts: list[str], stock_nlp, fast_nlp) -> dict:
    """Tokens compared and differences per attribute over `texts`, parsed by both pipelines."""
    tokens, total = 0, dict.fromkeys(COMPARED, 0)
    for stock, fast in zip(stock_nlp.pipe(texts), fast_nlp.pipe(texts)):
        tokens += len(stock)
        for name, count in differences(stock, fast).items():
            total[name] += count
    return {"texts": len(texts), "tokens": tokens, "differences": total}


def _best_cpu(runs: dict, repeat: int) -> dict:
    """The best CPU seconds of each named function over `repeat` interleaved passes (the first pass as well)."""
    best = dict.fromkeys(runs, float("inf"))
    first: dict = {}
    for _ in range(repeat):
        for name, function in runs.items():
            prepared = function()  # returns the timed callable, set up outside the clock
            start = time.process_time()
            prepared()
            seconds = time.process_time() - start
            first.setdefault(name, seconds)
            best[name] = min(best[name], seconds)
    return {name: {"best": round(best[name], 3), "first": round(first[name], 3)} for name in runs}


def component_times(texts: list[str], stock_nlp, fast_nlp, repeat: int) -> dict:
    """CPU seconds of ``attribute_ruler`` and ``lemmatizer`` alone, stock and kg's, on the same documents."""
    runs = {}
    for label, nlp in (("stock", stock_nlp), ("kg", fast_nlp)):
        before = [n for n in nlp.pipe_names if n not in ("attribute_ruler", "lemmatizer", "ner", "kg_triples")]
        parsed = list(nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n not in before]))
        ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
        ruled = [ruler(d.copy()) for d in parsed]

        def run(component, docs):
            def prepare():
                copies = [d.copy() for d in docs]
                return lambda: [component(d) for d in copies]
            return prepare

        runs[f"attribute_ruler_{label}"] = run(ruler, parsed)
        runs[f"lemmatizer_{label}"] = run(lemmatizer, ruled)
    times = _best_cpu(runs, repeat)
    for name in ("attribute_ruler", "lemmatizer"):
        times[f"{name}_speedup"] = round(times[f"{name}_stock"]["best"] / times[f"{name}_kg"]["best"], 2)
    return times


def pipe_times(texts: list[str], stock_nlp, fast_nlp, repeat: int, batch_size: int) -> dict:
    """CPU seconds of the whole ``nlp.pipe`` of each pipeline over `texts`, and stock / kg's."""
    def run(nlp):
        return lambda: (lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size)))

    times = _best_cpu({"pipe_stock": run(stock_nlp), "pipe_kg": run(fast_nlp)}, repeat)
    times["ratio_stock_to_kg"] = round(times["pipe_stock"]["best"] / times["pipe_kg"]["best"], 3)
    times["ratio_stock_to_kg_first_pass"] = round(times["pipe_stock"]["first"] / times["pipe_kg"]["first"], 3)
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100, help="25-sentence documents for the pipe timing")
    parser.add_argument("--sentences", type=int, default=25, help="sentences per document")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved passes of each timing (best kept)")
    parser.add_argument("--batch-size", type=int, default=25)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: compare,components,pipe")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args(argv)
    skip = set(filter(None, options.skip.split(",")))

    from scale import corpus

    from kg.nlp import load_pipeline

    stock_nlp = load_pipeline(None, triples=False, fast=False)
    fast_nlp = load_pipeline(None, triples=False)
    figures: dict = {"load_average_at_start": os.getloadavg(), "components_replaced": [
        n for n, c in fast_nlp.pipeline if type(c).__module__ == "kg.tagging"]}
    documents = [d.text for d in corpus(options.documents, options.sentences)] if {"components", "pipe"} - skip else []
    if "pipe" not in skip:
        figures["pipe_cpu_s"] = pipe_times(documents, stock_nlp, fast_nlp, options.repeat, options.batch_size)
        print("pipe", figures["pipe_cpu_s"], flush=True)
    if "components" not in skip:
        figures["components_cpu_s"] = component_times(documents, stock_nlp, fast_nlp, options.repeat)
        print("components", figures["components_cpu_s"], flush=True)
    if "compare" not in skip:
        shared = shared_texts()
        if not shared:
            print(f"note: {SHARED} is absent: comparing on the project's own texts only", flush=True)
        figures["identity"] = compare(shared + own_texts(), stock_nlp, fast_nlp)
        print("identity", figures["identity"], flush=True)
    figures["load_average_at_end"] = os.getloadavg()
    text = json.dumps(figures, indent=2)
    print(text)
    if options.json:
        options.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
