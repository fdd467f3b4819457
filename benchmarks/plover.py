"""Event coding on the PLOVER gold-standard records (dev half): EVENT, TYPE, SRC, TGT, JOINT, MACRO_F1.

Run from the repository root::

    .venv/bin/python benchmarks/plover.py [--records PATH] [--show N] [--jsonl OUT]

Reads ``../shared/eval-dev/plover/PLOVER_GSR_CAMEO.dev.json`` (hand-coded wire sentences,
the first object the file's DOCUMENT record) and scores them as that folder's README says:
each record is a document (``id``, ``text``, ``date``) fed to ``kg extract --input-format
jsonl`` (run as a command, exactly as a user would); a record's predicted events are the
``events`` of all its extractions.

- EVENT: share of records with at least one predicted event.
- TYPE: share of records where some predicted event has the gold PLOVER type (PLOVER 0.5
  names mapped to 2021: DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE,
  FIGHT→ASSAULT).
- SRC / TGT: over records with a gold source (target), some predicted event's source
  (target) actor has a country among the gold codes. A CAMEO block code counts as its
  first three letters (USAGOV → USA); UN, NATO, EU and the IGO sector count as IGO; the
  old spellings JAP, ITL, VTN are JPN, ITA, VNM.
- JOINT: share of records where one predicted event has the type, a gold source country
  and (where the record has a target) a gold target country.
- MACRO_F1: a record's label is the PLOVER type of its highest-confidence event (NONE if
  it has none); F1 per gold type, averaged over the 16 types.

A per-type table follows (records, TYPE recall, precision/recall/F1 of the label), then the
first N records the coder missed (``--show``).
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT.parent / "shared" / "eval-dev" / "plover" / "PLOVER_GSR_CAMEO.dev.json"

#: PLOVER 0.5 names → 2021 names (the README's mapping).
RENAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
TYPES = (
    "ACCUSE AGREE AID ASSAULT COERCE CONCEDE CONSULT COOPERATE MOBILIZE PROTEST "
    "REJECT REQUEST RETREAT SANCTION SUPPORT THREATEN"
).split()
#: Old country spellings of the records.
OLD = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: Blocks that count as IGO.
IGO = {"IGO", "UNO", "NATO", "NAT", "EU", "EUR"}


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    date: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


def country(code: str | None) -> str | None:
    """The country block of a gold or predicted actor code: ``USAGOV`` → ``USA``, ``UNO`` → ``IGO``."""
    if not code:
        return None
    code = code.upper()
    if code in IGO or code.startswith(("IGO", "UNO", "NATO")):
        return "IGO"
    if code in ("NGO", "IMG") or code.startswith(("NGO", "IMG")):
        return code[:3]
    return OLD.get(code[:3], code[:3])


def _codes(actors: object) -> frozenset[str]:
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(c for a in actors if isinstance(a, dict) and (c := country(a.get("code"))))


def read_records(path: Path) -> list[Record]:
    """The event records of the gold file (the DOCUMENT record left out)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Record(
            id=r["id"],
            text=r["text"],
            date=r.get("date") or "",
            type=RENAME.get(r["event"], r["event"]),
            sources=_codes(r.get("source")),
            targets=_codes(r.get("target")),
        )
        for r in data
        if r.get("event") != "DOCUMENT"
    ]


def run_extract(records: list[Record], out: Path | None = None) -> dict[str, list[dict]]:
    """Each record's predicted events, from ``kg extract --input-format jsonl``.

    Ids are made unique by position (one id occurs twice in the source file).
    """
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "records.jsonl"
        inp.write_text(
            "".join(json.dumps({"id": f"{n}", "text": r.text, "date": r.date}) + "\n" for n, r in enumerate(records)),
            encoding="utf-8",
        )
        done = subprocess.run(
            [sys.executable, "-m", "kg", "extract", "--input-format", "jsonl", str(inp)],
            capture_output=True, text=True, check=False,
        )
    if done.returncode != 0:
        sys.exit(f"kg extract failed: {done.stderr.strip().splitlines()[-1:]}")
    if out is not None:
        out.write_text(done.stdout, encoding="utf-8")
    events: dict[str, list[dict]] = collections.defaultdict(list)
    countries: dict[str, dict[str, str]] = collections.defaultdict(dict)  # doc → actor id → country
    for line in done.stdout.splitlines():
        extraction = json.loads(line)
        for actor in (extraction.get("subject_actor"), extraction.get("object_actor")):
            if actor and actor.get("country"):
                countries[extraction["doc"]][actor["id"]] = actor["country"]
        for event in extraction.get("events") or ():
            event = dict(event)
            event.setdefault("confidence", extraction.get("confidence", 0.0))
            events[extraction["doc"]].append(event)
    for doc, found in events.items():  # output without countries on its events: the claims' actors
        for event in found:
            for side in ("source", "target"):
                if f"{side}_country" not in event:
                    event[f"{side}_country"] = countries[doc].get(event.get(side) or "")
    return events


def _side(event: dict, side: str) -> str | None:
    return country(event.get(f"{side}_country"))


def score(records: list[Record], predicted: dict[str, list[dict]]) -> dict[str, object]:
    """The README's figures and the per-type counts."""
    n = len(records)
    hits = collections.Counter()
    with_src = sum(1 for r in records if r.sources)
    with_tgt = sum(1 for r in records if r.targets)
    gold_labels, pred_labels = [], []
    per_type = collections.defaultdict(collections.Counter)
    for k, r in enumerate(records):
        events = predicted.get(f"{k}", [])
        hits["EVENT"] += bool(events)
        typed = any(e.get("plover") == r.type for e in events)
        hits["TYPE"] += typed
        per_type[r.type]["n"] += 1
        per_type[r.type]["type"] += typed
        if r.sources:
            hits["SRC"] += any(_side(e, "source") in r.sources for e in events)
        if r.targets:
            hits["TGT"] += any(_side(e, "target") in r.targets for e in events)
        hits["JOINT"] += any(
            e.get("plover") == r.type
            and _side(e, "source") in r.sources
            and (not r.targets or _side(e, "target") in r.targets)
            for e in events
        )
        best = max(events, key=lambda e: e.get("confidence") or 0.0, default=None)
        gold_labels.append(r.type)
        pred_labels.append((best.get("plover") or "NONE") if best else "NONE")
    f1s = {}
    for t in TYPES:
        tp = sum(1 for g, p in zip(gold_labels, pred_labels) if g == p == t)
        pp = sum(1 for p in pred_labels if p == t)
        gp = sum(1 for g in gold_labels if g == t)
        prec = tp / pp if pp else 0.0
        rec = tp / gp if gp else 0.0
        f1s[t] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return {
        "EVENT": hits["EVENT"] / n,
        "TYPE": hits["TYPE"] / n,
        "SRC": hits["SRC"] / with_src if with_src else 0.0,
        "TGT": hits["TGT"] / with_tgt if with_tgt else 0.0,
        "JOINT": hits["JOINT"] / n,
        "MACRO_F1": sum(f[2] for f in f1s.values()) / len(TYPES),
        "per_type": {t: (per_type[t]["n"], per_type[t]["type"], *f1s[t]) for t in TYPES},
        "labels": pred_labels,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=RECORDS)
    parser.add_argument("--show", type=int, default=0, help="print N records whose gold type was not coded")
    parser.add_argument("--jsonl", type=Path, default=None, help="also keep kg extract's output here")
    args = parser.parse_args(argv)
    if not args.records.exists():
        print(f"skipped: {args.records} not found (the shared PLOVER dev records)")
        return 0
    records = read_records(args.records)
    predicted = run_extract(records, args.jsonl)
    s = score(records, predicted)
    print(f"PLOVER gold records (dev half): {len(records)} records")
    print("  ".join(f"{k} {s[k]:.2f}" for k in ("EVENT", "TYPE", "SRC", "TGT", "JOINT", "MACRO_F1")))
    print(f"\n{'type':<10} {'n':>3} {'TYPE':>5} {'P':>5} {'R':>5} {'F1':>5}")
    for t, (n, typed, p, r, f1) in s["per_type"].items():
        print(f"{t:<10} {n:>3} {typed / n if n else 0:>5.2f} {p:>5.2f} {r:>5.2f} {f1:>5.2f}")
    shown = 0
    for k, r in enumerate(records):
        if shown >= args.show:
            break
        events = predicted.get(f"{k}", [])
        if any(e.get("plover") == r.type for e in events):
            continue
        shown += 1
        got = ", ".join(f"{e.get('plover')}/{e.get('cameo')} {_side(e, 'source')}→{_side(e, 'target')}" for e in events)
        print(f"\n[{r.type} {sorted(r.sources)}→{sorted(r.targets)}] {r.text}\n   got: {got or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
