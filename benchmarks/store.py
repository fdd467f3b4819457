"""Store benchmark: rdflib's memory store against Oxigraph on disk, same claims, same run.

Generates synthetic but realistic documents (a Zipf-distributed pool of actors, five
claims a document, CAMEO-coded events, a tenth of the claims negated), maps them with
`kg.store.document_graph`, loads them through `Store.add_document` into each backend
(each backend in its own process, so peak memory is its own), then runs every named
query. Prints load triples/s, query latency (the best of --repeat runs, as `throughput.py`
reports: on a shared machine the slower runs measure the neighbours; a query stops repeating
once its runs have taken --budget seconds, so the slowest memory-store queries run once; the
JSON output has every run), the memory/Oxigraph ratios and peak RSS.

    python benchmarks/store.py --triples 200000          # about two minutes
    python benchmarks/store.py --triples 1000000            # about twenty minutes
    python benchmarks/store.py --triples 1000000 --backend oxigraph   # one backend, no ratios
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CAMEO = [("120", "REJECT", 3, -4.0), ("112", "ACCUSE", 3, -2.0), ("040", "CONSULT", 1, 1.0),
         ("057", "AGREE", 1, 8.0), ("190", "ASSAULT", 4, -10.0), ("163", "SANCTION", 4, -8.0),
         ("138", "THREATEN", 3, -7.0), ("070", "AID", 2, 7.0), ("051", "SUPPORT", 1, 3.4),
         ("141", "PROTEST", 3, -6.5), ("020", "REQUEST", 1, 3.0)]
VERBS = {"120": "reject", "112": "accuse", "040": "meet", "057": "sign", "190": "attack", "163": "sanction",
         "138": "threaten", "070": "aid", "051": "praise", "141": "protest", "020": "urge"}
COUNTRIES = ["IRN", "USA", "SAU", "ISR", "RUS", "CHN", "GBR", "FRA", "DEU", "TUR", "IRQ", "SYR", "LBN",
             "YEM", "EGY", "JOR", "QAT", "ARE", "PAK", "AFG", "IND", "JPN", "KOR", "PRK", "UKR"]
SECTORS = ["GOV", "MIL", "OPP", "REB", "JUD", "LEG", "BUS", "MED"]
SENTENCES_PER_DOC = 5


def _actors(n: int, rng: random.Random):
    from kg.types import Actor, ActorType, Role

    actors = []
    for country in COUNTRIES:
        actors.append(Actor(f"state/{country}", f"State {country}", ActorType.STATE, country))
        actors.append(Actor(f"government/{country}", f"Government of {country}", ActorType.GOVERNMENT,
                            country, "GOV", frozenset({f"{country} regime"})))
    while len(actors) < n:
        i = len(actors)
        country, sector = rng.choice(COUNTRIES), rng.choice(SECTORS)
        if rng.random() < 0.7:
            actors.append(Actor(f"person/person-{i}", f"Person {i}", ActorType.PERSON, country, sector,
                                frozenset({f"P{i}"}), (Role(f"minister {i % 40}", country, sector),)))
        else:
            actors.append(Actor(f"organization/org-{i}", f"Organization {i}", ActorType.ORGANIZATION,
                                country, sector))
    return actors


def documents(n_docs: int, seed: int = 7):
    """Yield (Document, claims) pairs: the same sequence for the same seed."""
    from spacy.tokens import Doc

    from kg.nlp import load_pipeline
    from kg.types import Claim, Document, Event, QuadClass, Triple

    rng = random.Random(seed)
    vocab = load_pipeline().vocab
    actors = _actors(2000, rng)
    weights = [1 / (rank + 1) for rank in range(len(actors))]  # Zipf: a few actors dominate
    start = dt.date(2015, 1, 1)
    for d in range(n_docs):
        words, spaces, starts, rows = [], [], [], []
        for _ in range(SENTENCES_PER_DOC):
            subject, obj = rng.choices(actors, weights, k=2)
            cameo, plover, quad, intensity = rng.choice(CAMEO)
            negated = rng.random() < 0.1
            verb = VERBS[cameo]
            sentence = [*subject.label.split(), *(["did", "not", verb] if negated else [verb + "ed"]),
                        *obj.label.split(), "in", "case", str(d), "."]
            first = len(words)
            words += sentence
            spaces += [True] * (len(sentence) - 2) + [False, True]
            starts += [True] + [False] * (len(sentence) - 1)
            s_len, o_start = len(subject.label.split()), first + len(subject.label.split()) + (3 if negated else 1)
            rows.append((first, s_len, o_start, len(obj.label.split()), verb, negated, subject, obj,
                         Event(subject.id, obj.id, cameo, plover, QuadClass(quad), intensity) if subject != obj else None))
        doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
        sents = list(doc.sents)
        document = Document(id=f"doc-{d}", text=doc.text, title=f"Report {d}",
                            date=start + dt.timedelta(days=rng.randrange(2200)), source="Synthetic Wire")
        claims = []
        for n, (first, s_len, o_start, o_len, verb, negated, subject, obj, event) in enumerate(rows):
            triple = Triple(doc[first:first + s_len], verb, doc[o_start:o_start + o_len], sents[n],
                            o_start - 1, relation_text=("did not " + verb) if negated else verb + "ed",
                            negated=negated, confidence=round(rng.uniform(0.3, 0.95), 2))
            claims.append(Claim(document.id, n, triple, subject, obj, (event,) if event else ()))
        yield document, doc, claims


def params_for_queries() -> dict[str, dict[str, str]]:
    return {
        "said-by": {"actor": "Government of IRN"},
        "facts-with-actor": {"actor": "United States"},
        "events-between-countries": {"country1": "IRN", "country2": "USA", "start": "2016-01-01",
                                     "end": "2018-12-31"},
    }


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


BACKENDS = {
    "memory": "rdflib's memory store (the baseline)",
    "oxigraph": "Oxigraph on disk, the default; queried as `kg query` does, from a new process, read-only",
    "oxigraph-memory": "Oxigraph in memory (`oxigraph:`): what the disk costs",
}


def _load(store, n_docs: int) -> tuple[int, float]:
    """Add the benchmark's documents; (triples, seconds spent in `add_document`)."""
    from kg.store import document_graph

    load_s, triples = 0.0, 0
    for document, doc, claims in documents(n_docs):
        graph = document_graph(document, doc, claims)
        t0 = time.perf_counter()
        store.add_document(document, graph)
        load_s += time.perf_counter() - t0
        triples += len(graph)
    t0 = time.perf_counter()
    triples += _link_same_actors(store)
    return triples, load_s + time.perf_counter() - t0


def _link_same_actors(store) -> int:
    """``owl:sameAs`` links as `kg.store.actors.record_identity` writes them (member → head, one level).

    One person in twenty is a second id of the person before it, so the named queries pay for
    the links they read.
    """
    from rdflib import Graph
    from rdflib.namespace import OWL

    from kg.store import actor_iri
    from kg.types import Document

    actors = _actors(2000, random.Random(7))
    graph = Graph()
    for before, actor in zip(actors, actors[1:]):
        if actor.id.startswith("person/") and before.id.startswith("person/") and int(actor.id.rsplit("-", 1)[1]) % 20 == 1:
            graph.add((actor_iri(actor.id), OWL.sameAs, actor_iri(before.id)))
    store.add_document(Document("actor-identity", graph.serialize(format="nt")), graph)
    return len(graph)


def _queries(store, repeat: int, budget: float) -> dict[str, dict]:
    """Every named query, run until `repeat` runs or `budget` seconds; the best run and all of them."""
    from kg.store import named_queries, run_named

    queries = {}
    params = params_for_queries()
    for name in named_queries():
        times, rows = [], 0
        while len(times) < repeat and sum(times) < budget:
            t0 = time.perf_counter()
            rows = len(list(run_named(store, name, params.get(name))))
            times.append(time.perf_counter() - t0)
        queries[name] = {"seconds": min(times), "median": statistics.median(times), "times": times,
                         "runs": len(times), "rows": rows}
    return queries


def run_backend(kind: str, n_docs: int, repeat: int, budget: float, folder: str, out) -> None:
    """In a child process: load every document into one backend, then (in memory) run the named queries.

    Oxigraph on disk is only loaded here: `query_store` queries it from a process of its own.
    """
    from kg.store import open_store

    store = open_store({"memory": None, "oxigraph": f"oxigraph:{folder}", "oxigraph-memory": "oxigraph:"}[kind])
    baseline = _rss_mb()
    triples, load_s = _load(store, n_docs)
    queries = _queries(store, repeat, budget) if kind != "oxigraph" else {}
    out.put({"kind": kind, "triples": triples, "load_s": load_s, "queries": queries,
             "rss_baseline_mb": baseline, "rss_peak_mb": _rss_mb()})
    store.close()


def query_store(folder: str, repeat: int, budget: float, out) -> None:
    """In a child process: open an Oxigraph folder read-only, as `kg query` does, and run the named queries."""
    from kg.store import open_store

    store = open_store(f"oxigraph:{folder}", read_only=True)
    out.put({"queries": _queries(store, repeat, budget), "rss_peak_mb": _rss_mb()})
    store.close()


def _in_child(context, target, *args) -> dict | None:
    """Run `target(*args, queue)` in a new process; what it put, or None if it died."""
    queue = context.Queue()
    child = context.Process(target=target, args=(*args, queue))
    child.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except Exception:  # queue.Empty: is the child still working?
            if not child.is_alive():
                return None
    child.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=200_000, help="about how many triples to load (default 200000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the best is reported (default 3)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds after which a query is not run again (default 60)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--backend", choices=tuple(BACKENDS), action="append",
                        help="run only this backend (repeatable; default all three)")
    args = parser.parse_args(argv)
    per_doc = sum(len(g) for g in _sizes(3)) / 3
    n_docs = max(1, round(args.triples / per_doc))
    context = multiprocessing.get_context("spawn")
    results = {}
    for kind in args.backend or tuple(BACKENDS):
        with tempfile.TemporaryDirectory(prefix="kg-bench-store-") as folder:
            result = _in_child(context, run_backend, kind, n_docs, args.repeat, args.budget, f"{folder}/store")
            if result is not None and kind == "oxigraph":
                queried = _in_child(context, query_store, f"{folder}/store", args.repeat, args.budget)
                if queried is None:
                    result = None
                else:
                    result["queries"] = queried["queries"]
                    result["rss_peak_mb"] = max(result["rss_peak_mb"], queried["rss_peak_mb"])
        if result is None:
            print(f"the {kind} run failed", file=sys.stderr)
            return 1
        results[kind] = result
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    report(results, n_docs)
    return 0


def report(results: dict[str, dict], n_docs: int) -> None:
    """One column per backend; where the memory store and Oxigraph on disk both ran, their ratio."""
    kinds = list(results)
    first = results[kinds[0]]
    ratio = "memory" in results and "oxigraph" in results
    print(f"{n_docs} documents, {first['triples']} triples (claims: {n_docs * SENTENCES_PER_DOC}); "
          f"Python {sys.version.split()[0]}")
    for kind in kinds:
        print(f"  {kind}: {BACKENDS[kind]}")
    print(f"{'':26}" + "".join(f"{kind:>17}" for kind in kinds) + (f"{'memory/oxigraph':>17}" if ratio else ""))
    rates = {kind: r["triples"] / r["load_s"] for kind, r in results.items()}
    print(f"{'load (triples/s)':26}" + "".join(f"{rates[k]:>17,.0f}" for k in kinds)
          + (f"{rates['oxigraph'] / rates['memory']:>16.1f}x" if ratio else ""))
    for name in first["queries"]:
        seconds = {k: results[k]["queries"][name]["seconds"] for k in kinds}
        rows = {results[k]["queries"][name]["rows"] for k in kinds}
        runs = "/".join(str(results[k]["queries"][name]["runs"]) for k in kinds)
        line = f"{name + ' (s)':26}" + "".join(f"{seconds[k]:>17.3f}" for k in kinds)
        if ratio:
            line += f"{seconds['memory'] / max(seconds['oxigraph'], 1e-9):>16.1f}x"
        line += f"  rows={min(rows)} runs={runs}" + ("" if len(rows) == 1 else f"  (rows differ: {sorted(rows)})")
        print(line)
    print(f"{'peak RSS (MB)':26}" + "".join(f"{results[k]['rss_peak_mb']:>17.0f}" for k in kinds)
          + "   (baseline " + " / ".join(f"{results[k]['rss_baseline_mb']:.0f}" for k in kinds) + ")")


def _sizes(n: int):
    from kg.store import document_graph

    for document, doc, claims in documents(n, seed=99):
        yield document_graph(document, doc, claims)


if __name__ == "__main__":
    raise SystemExit(main())
