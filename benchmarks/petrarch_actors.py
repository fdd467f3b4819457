"""Actor coding on the PETRARCH-2 unit-test records: does kg find the expected source and target?

Run ``python benchmarks/petrarch_actors.py`` from the repository root. For every record with
at least one expected event, the text is parsed with the pinned pipeline, actors are resolved
with the ``PETR.Validate`` actor and agent dictionaries (dated codes by the record's date),
and one (source, target) pair is read off the extracted triples:

* the source is ``res.actor_of(triple.subject)`` of the first triple whose subject resolves,
  preferring a triple whose object or arguments resolve too;
* triples whose object denotes the subject's own actor (copulas, appositions) are skipped;
* the target is ``res.actor_of(triple.object)``, else the first of ``res.actors_in`` the
  object, else the first actor in the triple's arguments.

A record's source counts as right when its code equals the source code of one of the
record's expected events (full code), or its first three letters do (country); the same for
targets. The script prints the four shares, resolution time against parse time, and the
misses as ``expected → got`` counts.

Notes:
    Records and dictionaries: openeventdata/petrarch2 (MIT), read by path from
    ``../shared/eval-dev/petrarch``; most actors there are fictional (Arnor, Gondor) and come
    only from ``PETR.Validate.actors.txt``. Targets: source country ≥ 0.80, target country ≥ 0.70.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter

from _data import PETRARCH, read_petrarch_records


def pick(doc, res):  # noqa: ANN001, ANN201
    """The (source actor, target actor) read off the document's triples."""
    best = None
    for triple in doc._.triples:
        source = res.actor_of(triple.subject)
        if source is None:
            continue
        target = res.actor_of(triple.object)
        if target is not None and target.id == source.id:
            continue  # "Romendacil is Bree's prime minister": one actor, no event
        if target is None and triple.object is not None:
            inside = [a for a in res.actors_in(triple.object) if a.id != source.id]
            target = inside[0] if inside else None
        if target is None:
            for arg in triple.arguments:
                inside = [a for a in res.actors_in(arg.span) if a.id != source.id]
                if inside:
                    target = inside[0]
                    break
        if target is not None:
            return source, target
        if best is None:
            best = (source, None)
    return best or (None, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=25, help="how many confusions to print")
    args = parser.parse_args(argv)
    records_path = PETRARCH / "PETR.UnitTest.records.xml"
    if not records_path.exists():
        print(f"{records_path} is absent; nothing to measure", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.ERROR)

    from kg.actors import ActorRegistry, resolve_actors
    from kg.nlp import load_pipeline
    from kg.types import Document

    dicts = PETRARCH / "dictionaries"
    registry = ActorRegistry(dictionaries=[dicts / "PETR.Validate.actors.txt", dicts / "PETR.Validate.agents.txt"])
    nlp = load_pipeline()
    records = [r for r in read_petrarch_records(records_path) if r.codings]

    counts = Counter()
    misses: Counter[str] = Counter()
    parse_s = resolve_s = 0.0
    for rec in records:
        t0 = time.perf_counter()
        doc = nlp(rec.text)
        t1 = time.perf_counter()
        res = resolve_actors(doc, Document(rec.id, rec.text, date=rec.date), registry)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        resolve_s += t2 - t1
        source, target = pick(doc, res)
        src_code = source.code if source is not None else "-"
        tgt_code = target.code if target is not None else "-"
        exp_src = {s.upper() for s, _, _ in rec.codings}
        exp_tgt = {t.upper() for _, t, _ in rec.codings}
        counts["n"] += 1
        counts["src_full"] += src_code in exp_src
        counts["src_country"] += src_code[:3] in {s[:3] for s in exp_src}
        counts["tgt_full"] += tgt_code in exp_tgt
        counts["tgt_country"] += tgt_code[:3] in {t[:3] for t in exp_tgt}
        if src_code[:3] not in {s[:3] for s in exp_src}:
            misses[f"source {'/'.join(sorted(exp_src))} → {src_code}"] += 1
        if tgt_code[:3] not in {t[:3] for t in exp_tgt}:
            misses[f"target {'/'.join(sorted(exp_tgt))} → {tgt_code}"] += 1

    n = counts["n"]
    print(f"PETRARCH-2 unit-test records with events: {n}")
    print(f"  source country {counts['src_country'] / n:.3f}   full code {counts['src_full'] / n:.3f}")
    print(f"  target country {counts['tgt_country'] / n:.3f}   full code {counts['tgt_full'] / n:.3f}")
    print(f"  resolution time / parse time: {resolve_s / parse_s:.3f} ({resolve_s * 1000 / n:.2f} ms per record)")
    print(f"misses (expected → got), top {args.misses}:")
    for key, count in misses.most_common(args.misses):
        print(f"  {count:3d}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
