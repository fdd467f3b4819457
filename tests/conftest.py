"""Shared fixtures: the real pinned pipeline, loaded once; the reference data under ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "khamenei-rejects-talks-2019-09-18.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data {path} is absent (it ships beside the repository, not in it)")
    return path


@pytest.fixture(scope="session")
def example_graph():
    """The example article built once into a memory store, for the tests that only read it (a build parses it again)."""
    import kg

    graph = kg.build_graph([EXAMPLE])
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()
