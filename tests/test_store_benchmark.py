"""The store benchmark runs end to end, and its three backends answer every named query alike."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import named_queries

pytestmark = pytest.mark.slow  # runs benchmarks/store.py in a subprocess

ROOT = Path(__file__).resolve().parents[1]


def test_store_benchmark_backends_agree():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "store.py"), "--triples", "3000", "--repeat", "1", "--json"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert set(results) == {"memory", "oxigraph", "oxigraph-memory"}
    assert len({r["triples"] for r in results.values()}) == 1
    for name in named_queries():
        rows = {kind: r["queries"][name]["rows"] for kind, r in results.items()}
        assert len(set(rows.values())) == 1, (name, rows)
    assert all(r["queries"]["who-acts-on-whom"]["rows"] > 0 for r in results.values())
