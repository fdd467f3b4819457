"""Claims → RDF per document: the N-Quads a build writes, against the parse of the same documents.

Run ``python benchmarks/mapping.py`` from the repository root. Documents are made as in
``benchmarks/scale.py`` (CaRB dev sentences, ``--sentences`` to a document). In one run it
measures the CPU time a document takes to:

* parse (the pinned pipeline without ``kg_triples``): the baseline;
* write its N-Quads directly from its claims (`kg.store.nquads.claims_nquads`, what a build does);
* make its lean rdflib triples and write those (`document_graph(..., lean=True)` and
  `document_nquads`, the same lines);
* make its rdflib ``Graph`` (`document_graph`, what the memory store and the API take).

Each figure is the best of ``--repeat`` passes (on a shared machine the slower passes
measure the neighbours), and a ratio to the parse. The output also says whether the two
N-Quads routes gave the same text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from scale import corpus


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--sentences", type=int, default=25, help="sentences per document")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(argv)

    from kg.nlp import load_pipeline
    from kg.pipeline import Tools, claims_of
    from kg.store import document_graph
    from kg.store.nquads import claims_nquads, document_nquads

    documents = corpus(options.documents, options.sentences)
    bare = load_pipeline(None, triples=False)
    tools = Tools.load()
    texts = [d.text for d in documents]
    start = time.process_time()
    sum(1 for _ in bare.pipe(texts))
    parse = (time.process_time() - start) / len(documents)
    data = [(d, claims_of(doc, d, tools.registry(), verbs=tools.verbs)) for d, doc in zip(documents, tools.nlp.pipe(texts))]
    routes = {
        "direct_nquads": lambda d, c: claims_nquads(d, c),
        "lean_graph_nquads": lambda d, c: document_nquads(d, document_graph(d, None, c, lean=True)),
        "rdflib_graph": lambda d, c: document_graph(d, None, c),
    }
    best: dict[str, float] = {}
    for _ in range(options.repeat):  # interleaved, so a busy spell falls on every route
        for name, route in routes.items():
            start = time.process_time()
            for document, claims in data:
                route(document, claims)
            best[name] = min(best.get(name, float("inf")), (time.process_time() - start) / len(data))
    same = all(claims_nquads(d, c) == document_nquads(d, document_graph(d, None, c, lean=True)) for d, c in data)
    figures = {
        "documents": len(documents),
        "sentences_per_document": options.sentences,
        "quads_per_document": round(sum(claims_nquads(d, c).count("\n") for d, c in data) / len(data), 1),
        "parse_ms_per_document": round(parse * 1000, 2),
        **{f"{name}_ms_per_document": round(t * 1000, 2) for name, t in best.items()},
        **{f"{name}_share_of_parse": round(t / parse, 4) for name, t in best.items()},
        "lean_graph_to_direct": round(best["lean_graph_nquads"] / best["direct_nquads"], 2),
        "same_nquads": same,
        "load_average": [round(x, 2) for x in os.getloadavg()[:2]],
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
