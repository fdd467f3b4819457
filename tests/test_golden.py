"""The example article's extractions and graph against their reviewed golden files (``make golden``)."""

from __future__ import annotations

import json

import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from tests.golden import GOLDEN_JSONL, GOLDEN_TTL, KNOWN_WRONG, example_records, example_turtle, known_wrong


def test_example_extractions_match_golden():
    golden = [json.loads(line) for line in GOLDEN_JSONL.read_text().splitlines()]
    current = [json.loads(json.dumps(r, ensure_ascii=False, sort_keys=True)) for r in example_records()]
    missing = [g for g in golden if g not in current]
    extra = [c for c in current if c not in golden]
    wrong = known_wrong()

    def line(sign: str, r: dict) -> str:
        why = wrong.get((r["subject"], r["relation"], r["object"]))
        return f"{sign} {r['subject']} | {r['relation']} | {r['object']}" + (f"   (marked wrong: {why})" if why else "") + "\n"

    assert not missing and not extra, (
        "extractions changed; review and run `make golden`\n"
        + "".join(line("-", m) for m in missing)
        + "".join(line("+", e) for e in extra)
    )


def test_lines_marked_wrong_are_golden_lines():
    golden = {(r["subject"], r["relation"], r["object"]) for r in map(json.loads, GOLDEN_JSONL.read_text().splitlines())}
    stale = [" | ".join(key) for key in known_wrong() if key not in golden]
    assert known_wrong() and not stale, f"no longer in the golden file: delete from {KNOWN_WRONG.name}:\n" + "\n".join(stale)


def test_example_graph_matches_golden():
    golden = rdflib.Graph().parse(GOLDEN_TTL, format="turtle")
    current = rdflib.Graph().parse(data=example_turtle(), format="turtle")
    if not isomorphic(golden, current):
        _, only_golden, only_current = graph_diff(to_isomorphic(golden), to_isomorphic(current))
        lines = sorted(f"- {t}" for t in only_golden)[:20] + sorted(f"+ {t}" for t in only_current)[:20]
        raise AssertionError("graph changed; review and run `make golden`\n" + "\n".join(lines))
