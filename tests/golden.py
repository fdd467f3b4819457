"""Golden output of the example article: regenerate with ``make golden`` and review the diff.

``tests/golden/example.jsonl`` holds every extraction of the example article (with actors
and events); ``tests/golden/example.ttl`` its graph. `tests/test_golden.py` compares the
current output against them: a change of behaviour shows up as a reviewed diff, never silently.
``tests/golden/example.wrong.tsv`` marks the golden extractions known to be wrong, each with
the reason: accepted for now, not endorsed.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "khamenei-rejects-talks-2019-09-18.txt"
GOLDEN_JSONL = HERE / "golden" / "example.jsonl"
GOLDEN_TTL = HERE / "golden" / "example.ttl"
KNOWN_WRONG = HERE / "golden" / "example.wrong.tsv"


def known_wrong() -> dict[tuple[str, str, str], str]:
    """The golden extractions marked wrong: (subject, relation, object) → why."""
    marked = {}
    for line in KNOWN_WRONG.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            subject, relation, obj, why = line.split("\t")
            marked[subject, relation, obj] = why
    return marked


def example_records() -> list[dict]:
    import kg

    records = []
    for _, _, claims in kg.analyse(kg.read_documents([EXAMPLE])):
        for claim in claims:
            record = claim.to_dict()
            record["confidence"] = round(record["confidence"], 2)
            records.append(record)
    return records


def example_turtle() -> str:
    import kg

    with kg.build_graph([EXAMPLE]) as graph:
        return graph.store.serialize(format="turtle").decode("utf-8")


def main() -> None:
    GOLDEN_JSONL.parent.mkdir(exist_ok=True)
    records = example_records()
    GOLDEN_JSONL.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records))
    GOLDEN_TTL.write_text(example_turtle())
    print(f"wrote {GOLDEN_JSONL} ({len(records)} extractions) and {GOLDEN_TTL}")
    written = {(r["subject"], r["relation"], r["object"]) for r in records}
    gone = [key for key in known_wrong() if key not in written]
    print(f"{KNOWN_WRONG.name}: {len(known_wrong()) - len(gone)} extractions marked wrong")
    for subject, relation, obj in gone:
        print(f"  no longer extracted (delete its line): {subject} | {relation} | {obj}")


if __name__ == "__main__":
    main()
