"""Event coding on the PETRARCH-2 unit-test records: CAMEO root/full-code and PLOVER accuracy.

Run from the repository root::

    .venv/bin/python benchmarks/petrarch_events.py [--records PATH] [--show N]

Reads ``../shared/eval-dev/petrarch/PETR.UnitTest.records.xml`` (284 records; each has
expected ``<EventCoding sourcecode= targetcode= eventcode=>`` elements or
``noevents="True"``) and loads the records' actor and agent dictionaries
(``dictionaries/PETR.Validate.{actors,agents}.txt``) into the `ActorRegistry`. Two
configurations are scored on the same parses:

(a) our own lexicon only;
(b) the records' verb dictionary ``PETR.Validate.verbs.txt`` loaded at run time
    (`kg.events.petrarch`), our lexicon where it has no entry for the verb.

The figures printed, per configuration:

- per expected coding (records with events): the actor pair is found when some coded
  event of the record has the expected source and target actor codes; root and full-code
  accuracy are given over all expected codings (a missing event is wrong) and over the
  codings whose pair was found; root accuracy is also given ignoring actors.
- PLOVER type accuracy where the expected code is a CAMEO code with a PLOVER type.
- false events: the share of ``noevents`` records where any event is coded.
- a confusion table of expected root × coded root (pair found), and the relations of
  records where nothing was coded.

The records' expected codes come from the validation verb file, which is mostly WEIS-coded
(its header says so) with test codes of its own (``903``, ``223``, ``345``): codes without a
CAMEO root (01–20) never become events (an event needs a quad class), so they count as
misses in (b); the header line says how many there are.
"""

from __future__ import annotations

import argparse
import collections
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from _data import PETRARCH, read_petrarch_records as read_records

log = logging.getLogger("petrarch_events")


@dataclass
class Scores:
    """The tallies of one configuration."""

    codings: int = 0
    pair: int = 0
    root_pair: int = 0
    code_pair: int = 0
    plover_n: int = 0
    plover_ok: int = 0
    root_any: int = 0
    rooted: int = 0
    root_rooted: int = 0
    noevents: int = 0
    false_records: list = field(default_factory=list)
    false_events: int = 0
    confusion: collections.Counter = field(default_factory=collections.Counter)
    missed_relations: collections.Counter = field(default_factory=collections.Counter)
    missed: list = field(default_factory=list)


def score(records, docs, registry, *, verbs=None) -> Scores:
    """Code every record and compare with its expected codings."""
    from kg.actors import resolve_actors
    from kg.events import code_events, is_cameo_code, plover_of
    from kg.types import Document

    out = Scores()
    for record, doc in zip(records, docs):
        res = resolve_actors(doc, Document(id=record.id, text=record.text, date=record.date), registry)
        coded = []
        for triple in doc._.triples:
            for event in code_events(triple, res, date=record.date, verbs=verbs):
                src, tgt = registry.get(event.source), registry.get(event.target)
                coded.append((src.code if src else "", tgt.code if tgt else "", event.cameo, event.plover))
        if record.noevents and not record.codings:
            out.noevents += 1
            out.false_events += bool(coded)
            if coded:
                out.false_records.append((record, coded))
            continue
        if not coded:
            out.missed_relations.update(t.relation for t in doc._.triples)
        for source, target, code in record.codings:
            out.codings += 1
            rooted = code.isdigit() and is_cameo_code(code[:2])
            out.rooted += rooted
            out.root_any += any(c[2][:2] == code[:2] for c in coded)
            same_actors = [c for c in coded if c[0] == source and c[1] == target]
            if not same_actors:
                out.missed.append((record, coded))
                continue
            out.pair += 1
            best = next((c for c in same_actors if c[2] == code), None) or next(
                (c for c in same_actors if c[2][:2] == code[:2]), same_actors[0]
            )
            out.root_pair += best[2][:2] == code[:2]
            out.root_rooted += rooted and best[2][:2] == code[:2]
            out.code_pair += best[2] == code
            out.confusion[(code[:2], best[2][:2])] += 1
            if is_cameo_code(code) and plover_of(code)[0]:
                out.plover_n += 1
                out.plover_ok += best[3] == plover_of(code)[0]
    return out


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, default=PETRARCH / "PETR.UnitTest.records.xml")
    parser.add_argument("--show", type=int, default=0, help="print N missed records of the dictionary run")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if not args.records.exists():
        print(f"records not found: {args.records} (../shared is absent)")
        return 2

    from kg.actors import ActorRegistry
    from kg.events.codes import is_cameo_code
    from kg.events.petrarch import read_verb_dictionary
    from kg.nlp import load_pipeline

    dictionaries = args.records.parent / "dictionaries"
    actor_files = [dictionaries / "PETR.Validate.actors.txt", dictionaries / "PETR.Validate.agents.txt"]
    verbs_file = dictionaries / "PETR.Validate.verbs.txt"
    records = read_records(args.records)
    docs = list(load_pipeline().pipe(r.text for r in records))
    started = time.perf_counter()
    verbs = read_verb_dictionary(verbs_file)
    load_seconds = time.perf_counter() - started
    runs = {
        "lexicon": score(records, docs, ActorRegistry(dictionaries=actor_files)),
        "dictionaries": score(records, docs, ActorRegistry(dictionaries=actor_files), verbs=verbs),
    }
    expected = [code for r in records for _, _, code in r.codings]
    no_root = [c for c in expected if not (c.isdigit() and is_cameo_code(c[:2]))]
    outside = collections.Counter(c for c in expected if not is_cameo_code(c))
    print(f"records: {len(records)}; with expected events: {sum(bool(r.codings) for r in records)}; "
          f"expected codings: {len(expected)}; noevents records: {runs['lexicon'].noevents}")
    print(f"expected codes outside CAMEO: {sum(outside.values())} "
          f"({', '.join(f'{c}×{n}' for c, n in outside.most_common(8))}, ...); "
          f"of which without a CAMEO root (01–20), never coded as events: {len(no_root)}")
    print(f"verb dictionary {verbs_file.name}: {len(verbs)} verbs, {verbs.pattern_count()} patterns, "
          f"read in {load_seconds * 1000:.0f} ms")
    print()
    rows = [
        ("actor pair found (source and target codes right)", lambda s: ratio(s.pair, s.codings)),
        ("root accuracy, all expected codings", lambda s: ratio(s.root_pair, s.codings)),
        ("root accuracy, expected code has a CAMEO root", lambda s: ratio(s.root_rooted, s.rooted)),
        ("root accuracy, pair found", lambda s: ratio(s.root_pair, s.pair)),
        ("root accuracy, actors ignored", lambda s: ratio(s.root_any, s.codings)),
        ("full-code accuracy, all expected codings", lambda s: ratio(s.code_pair, s.codings)),
        ("full-code accuracy, pair found", lambda s: ratio(s.code_pair, s.pair)),
        ("PLOVER type accuracy, pair found, CAMEO expected", lambda s: ratio(s.plover_ok, s.plover_n)),
        ("false events on noevents records", lambda s: ratio(s.false_events, s.noevents)),
    ]
    print(f"{'':50} {'(a) our lexicon':>20} {'(b) + records dictionaries':>28}")
    for label, cell in rows:
        print(f"{label:50} {cell(runs['lexicon']):>20} {cell(runs['dictionaries']):>28}")
    for name, run in runs.items():
        print(f"\nconfusion, {name} (expected root → coded root, pair found; top 12):")
        print("  " + ", ".join(f"{gold}→{got}×{n}" for (gold, got), n in run.confusion.most_common(12)))
        print(f"relations in records where {name} coded nothing (top 15):")
        print("  " + ", ".join(f"{rel}×{n}" for rel, n in run.missed_relations.most_common(15)))
    for record, coded in runs["lexicon"].false_records[: args.show]:
        print(f"\nfalse event (lexicon) {record.id}: {record.text}\n   coded: {coded}")
    for record, coded in runs["dictionaries"].missed[: args.show]:
        print(f"\n{record.id}: {record.text}\n  expected {record.codings}\n  coded    {coded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
