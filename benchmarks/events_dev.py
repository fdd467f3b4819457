"""Event coding on our own dev set: per PLOVER type, the traps, and false events.

Run from the repository root::

    .venv/bin/python benchmarks/events_dev.py [--show N]

Reads ``benchmarks/data/events_dev.jsonl`` (our own sentences in the manner of wire news,
with real names: ``id``, ``text``, expected PLOVER ``type`` or null for a sentence that
holds no event, ``source`` and ``target`` country codes, and ``trap``: verbal-attack,
conditional, negation, question, quote, reported, unasserted, verbal-sense, or null). Each sentence
goes through ``kg extract --input-format jsonl`` and is scored as ``benchmarks/plover.py``
scores the PLOVER gold records (EVENT, TYPE, SRC, TGT, JOINT, MACRO_F1 and the per-type
table, over the sentences that hold an event); then:

- false events: the share of sentences holding no event where any event is coded;
- per trap: how many sentences of each trap were coded right (the expected type with a
  right source, or no event where none is expected).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plover import TYPES, Record, country, run_extract, score  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "events_dev.jsonl"


def read_dev(path: Path = DATA) -> list[dict]:
    """The dev sentences, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def as_record(row: dict) -> Record:
    """A dev sentence as a `plover.Record` (a sentence without an event has type "NONE")."""
    return Record(
        id=row["id"],
        text=row["text"],
        date="2023-06-01",
        type=row["type"] or "NONE",
        sources=frozenset(c for c in map(country, row["source"]) if c),
        targets=frozenset(c for c in map(country, row["target"]) if c),
    )


def right(record: Record, events: list[dict]) -> bool:
    """Coded right: no event where none is expected; else the type from a right source."""
    if record.type == "NONE":
        return not events
    return any(
        e.get("plover") == record.type and (not record.sources or country(e.get("source_country")) in record.sources)
        for e in events
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=0, help="print N sentences coded wrong")
    args = parser.parse_args(argv)
    rows = read_dev(args.data)
    records = [as_record(r) for r in rows]
    predicted = run_extract(records)
    events_of = {r.id: predicted.get(f"{k}", []) for k, r in enumerate(records)}
    with_event = [r for r in records if r.type != "NONE"]
    remap = {f"{k}": events_of[r.id] for k, r in enumerate(with_event)}
    s = score(with_event, remap)
    print(f"events dev set: {len(records)} sentences, {len(with_event)} with an event, {len(records) - len(with_event)} without")
    print("  ".join(f"{k} {s[k]:.2f}" for k in ("EVENT", "TYPE", "SRC", "TGT", "JOINT", "MACRO_F1")))
    print(f"\n{'type':<10} {'n':>3} {'TYPE':>5} {'P':>5} {'R':>5} {'F1':>5}")
    for t in TYPES:
        n, typed, p, r, f1 = s["per_type"][t]
        print(f"{t:<10} {n:>3} {typed / n if n else 0:>5.2f} {p:>5.2f} {r:>5.2f} {f1:>5.2f}")
    none = [r for r in records if r.type == "NONE"]
    false = sum(1 for r in none if events_of[r.id])
    print(f"\nfalse events on sentences holding none: {false / len(none):.2f} ({false}/{len(none)})")
    traps = collections.defaultdict(lambda: [0, 0])
    for row, r in zip(rows, records):
        if row.get("trap"):
            traps[row["trap"]][0] += right(r, events_of[r.id])
            traps[row["trap"]][1] += 1
    print("traps coded right: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in sorted(traps.items())))
    shown = 0
    for r in records:
        if shown >= args.show:
            break
        if not right(r, events_of[r.id]):
            shown += 1
            got = ", ".join(f"{e.get('plover')}/{e.get('cameo')} {e.get('source_country')}→{e.get('target_country')}" for e in events_of[r.id])
            print(f"\n[{r.type} {sorted(r.sources)}→{sorted(r.targets)}] {r.text}\n   got: {got or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
