"""Actors across documents: merges, types, countries, sectors, order independence; event countries.

Run ``python benchmarks/actors.py`` from the repository root. Two measures:

1. **Cross-document cases** (``benchmarks/data/actors_dev.toml``, and ``actors_check.toml``
   kept apart from the rules' development: ``--set check``; written for kg: short
   multi-document cases with real-world names). Each case lists documents and the actors
   they should give: a group of phrases that must denote one actor (with its expected type,
   country and sector), and phrases that must stay apart. Every document is resolved with a
   registry of its own (as separate processes would), then `kg.actors.identity` runs over the
   set of their actors. Reported: merge precision and recall over pairs of phrase
   occurrences; type, country and sector accuracy of each expected actor; the share of
   cases whose actors (canonical id of every phrase) are the same with the documents
   reversed and rotated.
2. **Event countries on the PLOVER gold records** (``../shared/eval-dev/plover``, dev half):
   each record is a document for `kg.pipeline.analyse`; a record's source (target) is right
   when some predicted event's source (target) actor has a country among the gold codes
   (the README's SRC / TGT, with CAMEO blocks cut to three letters and IGOs as IGO).

Figures are printed, never asserted. ``--baseline PATH`` runs the same against another
checkout's ``kg`` package (e.g. the main branch) in the same run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = {name: ROOT / "benchmarks" / "data" / f"actors_{name}.toml" for name in ("dev", "check")}
PLOVER = ROOT.parent / "shared" / "eval-dev" / "plover" / "PLOVER_GSR_CAMEO.dev.json"
_OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]


def _canonical_of(actors):  # noqa: ANN001, ANN202
    try:
        from kg.actors.identity import corpus_identity
    except ImportError:
        return lambda actor_id: actor_id  # a checkout without the corpus pass
    return corpus_identity(actors).of


def run_case(nlp, case: dict, order: list[int]) -> dict[str, object]:  # noqa: ANN001
    """Resolve a case's documents in `order`, each with its own registry; phrase → (canonical id, actor)."""
    from kg.actors import ActorRegistry, resolve_actors
    from kg.types import Document

    found: dict[tuple[int, int, int], object] = {}
    actors = []
    phrases = {p for a in case.get("actor", []) for p in a["mentions"]} | {p for pair in case.get("apart", []) for p in pair}
    for n in order:
        text = case["docs"][n]
        doc = nlp(text)
        res = resolve_actors(doc, Document(f"{case['id']}-{n}", text), ActorRegistry())
        actors.extend(m.actor for m in res.mentions)
        for phrase in phrases:
            for start, end in _occurrences(text, phrase):
                span = doc.char_span(start, end, alignment_mode="expand")
                actor = res.actor_of(span) if span is not None else None
                if actor is None and span is not None:
                    inside = res.actors_in(span)
                    actor = inside[0] if inside else None
                found[(n, start, end)] = (phrase, actor)
    canonical = _canonical_of(actors)
    return {key: (phrase, canonical(a.id) if a else None, a) for key, (phrase, a) in found.items()}


def score_dev(nlp, cases: list[dict]) -> dict[str, float]:  # noqa: ANN001
    tp = fp = fn = 0
    right = Counter()
    total = Counter()
    stable = 0
    misses: list[str] = []
    for case in cases:
        docs = list(range(len(case["docs"])))
        got = run_case(nlp, case, docs)
        group_of: dict[str, int] = {}
        for g, actor in enumerate(case.get("actor", [])):
            for phrase in actor["mentions"]:
                group_of[phrase] = g
        occ = [(k, v) for k, v in sorted(got.items()) if v[0] in group_of]
        for (k1, (p1, c1, _)), (k2, (p2, c2, _)) in itertools.combinations(occ, 2):
            same_gold = group_of[p1] == group_of[p2]
            same = c1 is not None and c1 == c2
            tp += same and same_gold
            fp += same and not same_gold
            fn += same_gold and not same
            if same_gold and not same:
                misses.append(f"{case['id']}: split {p1!r} ({c1}) / {p2!r} ({c2})")
            if same and not same_gold:
                misses.append(f"{case['id']}: merged {p1!r} / {p2!r} ({c1})")
        for a, b in case.get("apart", []):
            ca = {v[1] for v in got.values() if v[0] == a}
            cb = {v[1] for v in got.values() if v[0] == b}
            clash = (ca & cb) - {None}
            fp += bool(clash)
            tp += 0
            if clash:
                misses.append(f"{case['id']}: {a!r} and {b!r} should stay apart ({sorted(clash)})")
        for g, actor in enumerate(case.get("actor", [])):
            values = [v for v in got.values() if v[0] in actor["mentions"]]
            # the actor as described where its fullest mention is
            # the canonical actor's description, its gaps filled from the ids merged into it
            described = sorted((v[2] for v in values if v[2] is not None), key=lambda a: (a.id != values[0][1], a.id))
            head = described[0] if described else None
            for attr in ("type", "country", "sector"):
                if attr not in actor:
                    continue
                total[attr] += 1
                if head is None:
                    value = None
                elif attr == "type":
                    value = head.type.value
                else:
                    value = next((getattr(a, attr) for a in described if getattr(a, attr)), None)
                expected = actor[attr] or None
                right[attr] += value == expected
                if value != expected:
                    misses.append(f"{case['id']}: {actor['mentions'][0]!r} {attr} {value} (expected {expected})")
        n = len(docs)
        orders = [docs[::-1], docs[1:] + docs[:1]] if n > 1 else []
        base = {k: v[1] for k, v in got.items()}
        same_everywhere = True
        for order in orders:
            other = run_case(nlp, case, order)
            same_everywhere &= {k: v[1] for k, v in other.items()} == base
        stable += same_everywhere
        if not same_everywhere:
            misses.append(f"{case['id']}: actors change with the document order")
    out = {
        "merge precision": tp / (tp + fp) if tp + fp else 1.0,
        "merge recall": tp / (tp + fn) if tp + fn else 1.0,
        **{f"{attr} accuracy": right[attr] / total[attr] for attr in total},
        "same actors in any order": stable / len(cases),
    }
    return out, misses


def _gold_codes(side) -> set[str]:  # noqa: ANN001
    if not isinstance(side, list):
        return set()
    codes = set()
    for actor in side:
        code = str(actor.get("code") or "").upper()[:3]
        if code:
            codes.add(_OLD_CODES.get(code, code))
    return codes


def _country(actor) -> str | None:  # noqa: ANN001
    if actor is None:
        return None
    return (actor.country or actor.code or "")[:3] or None


def score_plover(path: Path) -> dict[str, float]:
    """SRC / TGT country accuracy of events on the PLOVER dev records (README's scoring)."""
    import datetime as dt

    from kg.pipeline import analyse
    from kg.types import Document

    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    documents = []
    for r in records:
        try:
            date = dt.date.fromisoformat(r.get("date", ""))
        except ValueError:
            date = None
        documents.append(Document(r["id"], r["text"], date=date))
    counts = Counter()
    for record, (document, _doc, claims) in zip(records, analyse(documents)):
        known = {}
        for c in claims:
            for a in (c.subject_actor, c.object_actor, c.attribution_actor):
                if a is not None:
                    known.setdefault(a.id, a)
        events = [e for c in claims for e in c.events]
        counts["records"] += 1
        counts["with event"] += bool(events)
        gold_src, gold_tgt = _gold_codes(record.get("source")), _gold_codes(record.get("target"))
        def country(event, side):  # noqa: ANN001, ANN202  (events carry their actors' countries where coded so)
            return getattr(event, f"{side}_country", None) or _country(known.get(getattr(event, side)))

        if gold_src:
            counts["src n"] += 1
            counts["src"] += any(country(e, "source") in gold_src for e in events)
        if gold_tgt:
            counts["tgt n"] += 1
            counts["tgt"] += any(country(e, "target") in gold_tgt for e in events)
    return {
        "records": counts["records"],
        "EVENT (a record with an event)": counts["with event"] / counts["records"],
        "SRC country": counts["src"] / counts["src n"],
        "TGT country": counts["tgt"] / counts["tgt n"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=30, help="how many dev-set misses to print")
    parser.add_argument("--set", choices=sorted(SETS), default="dev", help="which case file: dev, or check (kept apart)")
    parser.add_argument("--baseline", type=Path, help="another checkout whose kg to measure in the same run")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if args.baseline is not None:
        out = subprocess.run(
            [sys.executable, __file__, "--json", "--set", args.set], env={"PYTHONPATH": str(args.baseline.resolve()), "PATH": "/usr/bin:/bin"},
            capture_output=True, text=True, check=True,
        ).stdout
        base = json.loads(out.strip().splitlines()[-1])
    else:
        base = None

    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    cases = tomllib.loads(SETS[args.set].read_text(encoding="utf-8"))["case"]
    dev, misses = score_dev(nlp, cases)
    plover = score_plover(PLOVER) if PLOVER.exists() else {}
    if args.json:
        print(json.dumps({"dev": dev, "plover": plover}))
        return 0
    print(f"cross-document {args.set} set: {len(cases)} cases, {sum(len(c['docs']) for c in cases)} documents")
    for name, value in dev.items():
        extra = f"   (baseline {base['dev'][name]:.3f})" if base and name in base["dev"] else ""
        print(f"  {name:28} {value:.3f}{extra}")
    if plover:
        print(f"PLOVER dev records: {plover['records']}")
        for name, value in plover.items():
            if name == "records":
                continue
            extra = f"   (baseline {base['plover'][name]:.3f})" if base and name in base["plover"] else ""
            print(f"  {name:28} {value:.3f}{extra}")
    else:
        print(f"{PLOVER} is absent: no event-country figures")
    print(f"dev-set misses (first {args.misses}):")
    for line in misses[: args.misses]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
