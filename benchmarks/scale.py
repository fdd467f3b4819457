"""Corpus builds at scale: documents/s for 1 and 2 workers, peak memory, bulk-load speed.

Run ``python benchmarks/scale.py`` from the repository root (figures in ``docs/scale.md``).
Documents are made from the CaRB dev sentences (``../shared/eval-dev/carb/data/dev.txt``),
``--sentences`` to a document, each a different selection, so every document is new to the store.
In one run it measures:

* bare ``nlp.pipe`` (the pinned pipeline as spaCy ships it: no ``kg_triples``, spaCy's own
  attribute ruler and lemmatizer, ``load_pipeline(fast=False)``) over the documents: the baseline;
* ``kg.build`` into a new Oxigraph folder with 1 worker (in this process) and with 2 Dask
  workers, each as documents/s and as a ratio to the bare parse, with the CPU each run got
  and the machine's load average;
* peak memory (``ru_maxrss`` of a fresh process) of builds of 500, 2,000 and 5,000 documents;
* Oxigraph's loading of the N-Quads parts: quads/s for ``Store.load`` (one transaction a part)
  and ``Store.bulk_load`` (what ``kg build`` uses for an Oxigraph folder);
* ``kg extract --sentences`` over the dev sentences three times, as a whole process, against
  a process that loads the same model and parses the same lines;
* ``kg build FILE --out DIR`` over ``--cli-documents`` of the documents (JSONL), as a whole
  process with 1 and with 2 workers, against a process that loads the same model and parses
  the same texts; the three interleaved ``--repeat`` times, the best of each kept.

The machine may be busy with other work: every ratio is against a baseline of the same run,
and the output says how busy it was.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = ROOT.parent / "shared" / "eval-dev" / "carb" / "data" / "dev.txt"


def _sentences() -> list[str]:
    if not SENTENCES.exists():
        raise SystemExit(f"CaRB dev sentences not found at {SENTENCES} (they ship beside the repository)")
    return [s.strip() for s in SENTENCES.read_text(encoding="utf-8").splitlines() if s.strip()]


def corpus(count: int, per_document: int):
    """`count` distinct documents of `per_document` dev sentences each (a stride walk over the set)."""
    from kg.types import Document

    sentences = _sentences()
    n = len(sentences)
    return [
        Document(id=f"doc-{i}", text=" ".join(sentences[(i * 7 + k * (i % 13 + 1)) % n] for k in range(per_document))
                 + f" Reported on day {i}.")
        for i in range(count)
    ]


def _cpu_of(processes) -> float:
    total = 0.0
    for p in processes:
        try:
            times = p.cpu_times()
            total += times.user + times.system
        except Exception:  # a process gone  # noqa: BLE001
            pass
    return total


def timed_builds(count: int, per_document: int, batch_size: int) -> dict:
    import psutil

    from kg.nlp import load_pipeline
    from kg.parallel import local_cluster
    from kg.pipeline import build

    documents = corpus(count, per_document)
    bare = load_pipeline(None, triples=False, fast=False)  # the stock spaCy pipeline: the baseline
    load_pipeline(None)  # loaded before any clock starts
    out: dict = {"documents": count, "sentences_per_document": per_document, "cpu_count": os.cpu_count()}

    def run(name, function):
        load_before = os.getloadavg()[0]
        cpu0, wall0 = time.process_time(), time.perf_counter()
        extra = function()
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0 + (extra or 0.0)
        out[name] = {"seconds": round(wall, 2), "docs_per_s": round(count / wall, 2),
                     "docs_per_cpu_s": round(count / max(cpu, 1e-9), 2), "cpu_share": round(cpu / wall, 2), "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]}
        print(name, out[name], flush=True)

    run("bare_parse", lambda: sum(1 for _ in bare.pipe((d.text for d in documents), batch_size=batch_size)) and None)
    with tempfile.TemporaryDirectory() as tmp:
        run("build_1_worker", lambda: build(documents, store=f"{tmp}/one", batch_size=batch_size).close())
        cluster = local_cluster(2)  # as `kg build --workers 2` makes it
        try:
            workers = [c for c in psutil.Process().children(recursive=True)]
            # each worker loads the model on its first batch: warm them before the clock starts
            build(documents[:4], store=f"{tmp}/warm", scheduler=cluster.scheduler_address, batch_size=2).close()
            before = _cpu_of(workers)
            run("build_2_workers", lambda: build(documents, store=f"{tmp}/two", scheduler=cluster.scheduler_address,
                                                 batch_size=batch_size).close() or (_cpu_of(workers) - before))
        finally:
            cluster.close()
    base = out["bare_parse"]["docs_per_s"]
    out["ratio_1_worker_to_bare"] = round(out["build_1_worker"]["docs_per_s"] / base, 3)
    out["ratio_2_workers_to_bare"] = round(out["build_2_workers"]["docs_per_s"] / base, 3)
    out["ratio_2_to_1_workers"] = round(out["build_2_workers"]["docs_per_s"] / out["build_1_worker"]["docs_per_s"], 3)
    # CPU time is what the busy machine distorts least: the same ratio per CPU-second
    out["cpu_ratio_1_worker_to_bare"] = round(out["build_1_worker"]["docs_per_cpu_s"] / out["bare_parse"]["docs_per_cpu_s"], 3)
    return out


def bulk_load(count: int, per_document: int) -> dict:
    """Quads/s of Oxigraph's loaders, on the N-Quads of `count` documents in parts of 25."""
    import pyoxigraph as ox

    from kg.pipeline import Tools, run_batch

    documents = corpus(count, per_document)
    tools = Tools.load()
    parts = [run_batch(documents[i:i + 25], tools).nquads for i in range(0, count, 25)]
    quads = sum(p.count(b"\n") for p in parts)
    result = {"quads": quads}
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("load", "bulk_load"):
            store = ox.Store(f"{tmp}/{name}")
            start = time.perf_counter()
            for part in parts:
                getattr(store, name)(part, format=ox.RdfFormat.N_QUADS)
            seconds = time.perf_counter() - start
            result[f"{name}_quads_per_s"] = round(quads / seconds)
            del store
    print("bulk", result, flush=True)
    return result


def peak_memory(count: int, per_document: int) -> float:
    """Peak resident memory (MB) of a fresh process building `count` documents into an Oxigraph folder.

    Read as the process's ``VmHWM`` (Linux): ``ru_maxrss`` would start from this process's size, as a
    child inherits it across fork and exec.
    """
    code = (
        "import sys, tempfile; sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r});"
        "from scale import corpus; from kg.pipeline import build;"
        "d = tempfile.mkdtemp();"
        "build(iter(corpus({count}, {per})), store=d + '/s').close();"
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    ).format(root=str(ROOT), bench=str(ROOT / "benchmarks"), count=count, per=per_document)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    mb = int(done.stdout.split()[-1]) / 1024
    print("peak memory", count, round(mb), "MB", flush=True)
    return round(mb, 1)


def extract_processes(repeat: int) -> dict:
    """``kg extract --sentences`` over the dev sentences ×3 against a process that parses the same lines."""
    lines = _sentences() * 3
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sentences.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        parse = ("import sys; from kg.nlp import load_pipeline; nlp = load_pipeline(None, triples=False, fast=False);"
                 f"lines = [l for l in open({str(path)!r}, encoding='utf-8').read().splitlines() if l.strip()];"
                 "sum(1 for _ in nlp.pipe(lines))")
        runs = {"parse_process": [sys.executable, "-c", parse],
                "kg_extract_process": [sys.executable, "-m", "kg", "extract", "--sentences", str(path), "--out", f"{tmp}/x.jsonl"]}
        best = {name: float("inf") for name in runs}
        for _ in range(repeat):
            for name, command in runs.items():  # interleaved: a change of load hits both
                start = time.perf_counter()
                subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
                best[name] = min(best[name], time.perf_counter() - start)
    result = {name: round(seconds, 2) for name, seconds in best.items()}
    result["sentences"] = len(lines)
    result["ratio_kg_extract_to_parse"] = round(best["parse_process"] / best["kg_extract_process"], 3)
    print("extract", result, flush=True)
    return result


def build_processes(count: int, per_document: int, repeat: int = 1) -> dict:
    """``kg build FILE --out DIR`` as a whole process against a process that loads the model and parses the same texts.

    The user's path end to end: reading the JSONL, the store, the identity pass, graph.ttl,
    graph.html and the summary; both processes load the model. Then the same with
    ``--workers 2``: 2 workers against 1 as the user runs them. The three run one after
    another `repeat` times (a change of the machine's speed hits each), and the best of each
    counts, as in `extract_processes`.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "documents.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for document in corpus(count, per_document):
                out.write(json.dumps({"id": document.id, "text": document.text}) + "\n")
        parse = ("import json; from kg.nlp import load_pipeline; nlp = load_pipeline(None, triples=False, fast=False);"
                 f"texts = [json.loads(l)['text'] for l in open({str(path)!r}, encoding='utf-8')];"
                 "sum(1 for _ in nlp.pipe(texts, batch_size=32))")
        kg_build = [sys.executable, "-m", "kg", "build", str(path), "--quiet"]
        runs = {"parse_process": [sys.executable, "-c", parse],
                "kg_build_process": [*kg_build, "--out", f"{tmp}/out"],
                # the user's 2-vs-1 figure: the cluster's start and each worker's model count here
                "kg_build_2_workers_process": [*kg_build, "--out", f"{tmp}/out2", "--workers", "2"]}
        result: dict = {"documents": count, "sentences_per_document": per_document, "repeat": repeat}
        for _ in range(repeat):
            for name, command in runs.items():
                shutil.rmtree(Path(tmp) / "out", ignore_errors=True)
                shutil.rmtree(Path(tmp) / "out2", ignore_errors=True)
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                seconds = round(time.perf_counter() - start, 2)
                print(name, seconds, "s", flush=True)
                if name not in result or seconds < result[name]["seconds"]:
                    result[name] = {"seconds": seconds,
                                    "cpu_seconds": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2)}
                result.setdefault("runs", {}).setdefault(name, []).append(seconds)
    result["ratio_kg_build_to_parse"] = round(result["parse_process"]["seconds"] / result["kg_build_process"]["seconds"], 3)
    result["cpu_ratio_kg_build_to_parse"] = round(
        result["parse_process"]["cpu_seconds"] / result["kg_build_process"]["cpu_seconds"], 3)
    result["ratio_kg_build_2_to_1_workers"] = round(
        result["kg_build_process"]["seconds"] / result["kg_build_2_workers_process"]["seconds"], 3)
    result["load_average"] = [round(x, 2) for x in os.getloadavg()[:2]]
    print("kg build", result, flush=True)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000, help="documents for the timed builds")
    parser.add_argument("--sentences", type=int, default=25, help="sentences per document")
    parser.add_argument("--memory", default="500,2000,5000", help="document counts for peak memory ('' to skip)")
    parser.add_argument("--memory-sentences", type=int, default=25, help="sentences per document for peak memory")
    parser.add_argument("--batch-size", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=2, help="passes of the extract and whole-process build comparisons (best kept)")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: builds,bulk,memory,extract,cli")
    parser.add_argument("--cli-documents", type=int, default=300, help="documents for the whole-process kg build runs")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args(argv)
    skip = set(filter(None, options.skip.split(",")))
    figures: dict = {"load_average_at_start": os.getloadavg()}
    if "builds" not in skip:
        figures["builds"] = timed_builds(options.documents, options.sentences, options.batch_size)
    if "bulk" not in skip:
        figures["bulk_load"] = bulk_load(min(options.documents, 400), options.sentences)
    if "memory" not in skip and options.memory:
        figures["peak_memory_mb"] = {n: peak_memory(int(n), options.memory_sentences) for n in options.memory.split(",")}
        sizes = list(figures["peak_memory_mb"].values())
        figures["peak_memory_ratio_last_to_first"] = round(sizes[-1] / sizes[0], 3)
    if "extract" not in skip:
        figures["extract"] = extract_processes(options.repeat)
    if "cli" not in skip:
        figures["kg_build"] = build_processes(options.cli_documents, options.sentences, options.repeat)
    figures["load_average_at_end"] = os.getloadavg()
    figures["peak_memory_this_process_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    text = json.dumps(figures, indent=2)
    print(text)
    if options.json:
        options.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
