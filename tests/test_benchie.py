"""The BenchIE scorer in benchmarks/benchie.py: its rules, and the README's figures for three systems."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT, shared_path


def _benchie():
    spec = importlib.util.spec_from_file_location("benchie_benchmark", ROOT / "benchmarks" / "benchie.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


benchie = _benchie()

GOLD = """sent_id:1\tHe served as the first Prime Minister of Australia and became a justice .
1--> Cluster 1:
He --> served as --> [the] [first] Prime Minister [of Australia]
He --> served --> as [the] [first] Prime Minister [of Australia]
1--> Cluster 2:
He --> served as [the] [first] Prime Minister of --> Australia
1-->Cluster 3:
He --> became --> [a] justice


sent_id:2\tIt deals with fraud in relation to taxes .
2--> Cluster 1:
It --> deals with fraud in [relation to] --> taxes
"""


@pytest.fixture(scope="module")
def gold():
    return benchie.read_gold_text(GOLD)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        pytest.param("Prime Minister", {"Prime Minister"}, id="no-brackets"),
        pytest.param("[the] bars", {"the bars", "bars"}, id="leading"),
        pytest.param("in [relation to]", {"in", "in relation to"}, id="several-words"),
        pytest.param("[a] [b] c", {"a b c", "a c", "b c", "c"}, id="every-combination"),
    ],
)
def test_versions(pattern, expected):
    assert benchie.versions(pattern) == expected


def test_gold_reads_every_cluster_header(gold):
    assert [len(s.synsets) for s in gold.values()] == [3, 1]


@pytest.mark.parametrize(
    ("extractions", "hit", "false"),
    [
        pytest.param({"1": [("He", "served as", "Prime Minister")]}, 1, 0, id="minimal-version"),
        pytest.param({"1": [("He", "served", "as the first Prime Minister of Australia")]}, 1, 0, id="second-triple"),
        pytest.param({"1": [("He", "served as", "the Prime Minister"), ("He", "served as", "Prime Minister")]}, 1, 0,
                     id="one-fact-counts-once"),
        pytest.param({"1": [("He", "served as", "Prime Minister of Australia and became a justice")]}, 0, 1,
                     id="swallowed-facts-match-none"),
        pytest.param({"1": [("he", "served as", "Prime Minister")]}, 0, 1, id="case-sensitive"),
        pytest.param({"1": [(" He ", "served  as", "Prime Minister ")]}, 1, 0, id="trimmed"),
        pytest.param({"2": [("It", "deals with fraud in relation to", "taxes")]}, 1, 0, id="optional-kept"),
        pytest.param({"9": [("He", "served as", "Prime Minister")]}, 0, 0, id="unknown-sentence-ignored"),
    ],
)
def test_score_counts(gold, extractions, hit, false):
    result = benchie.score(gold, extractions)
    assert (result.hit, result.false, result.synsets) == (hit, false, 4)


def test_scores():
    gold = benchie.read_gold_text(GOLD)
    result = benchie.score(gold, {"1": [("He", "served as", "Prime Minister"), ("He", "became", "judge")]})
    assert (result.precision, result.recall) == (0.5, 0.25)
    assert result.f1 == pytest.approx(1 / 3)


@pytest.mark.shared
@pytest.mark.parametrize("system", sorted(benchie.PUBLISHED))
def test_published_systems_score_as_the_readme_says(system):
    gold = benchie.read_gold(shared_path("eval-dev", "benchie", "benchie_gold_en.dev.txt"))
    path = shared_path("eval-dev", "benchie", "systems", f"{system}.dev.txt")
    result = benchie.score(gold, benchie.read_extractions(path.read_text(encoding="utf-8").splitlines()))
    assert result.synsets == 739
    assert benchie.agrees_with_readme(system, result), (system, result)


@pytest.mark.shared
def test_openie6_scores_exactly_as_the_readme_says():
    gold = benchie.read_gold(shared_path("eval-dev", "benchie", "benchie_gold_en.dev.txt"))
    path = shared_path("eval-dev", "benchie", "systems", "openie6.dev.txt")
    result = benchie.score(gold, benchie.read_extractions(path.read_text(encoding="utf-8").splitlines()))
    assert tuple(round(x, 3) for x in (result.precision, result.recall, result.f1)) == benchie.PUBLISHED["openie6"]
