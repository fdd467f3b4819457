"""The CaRB scorer in benchmarks/carb.py agrees with the reference scorer's published figures."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT, shared_path


def _carb():
    spec = importlib.util.spec_from_file_location("carb_benchmark", ROOT / "benchmarks" / "carb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


carb = _carb()
E = carb.Extraction


@pytest.mark.shared
def test_openie5_dev_scores_as_published():
    gold = carb.read_gold(shared_path("eval-dev", "carb", "data", "gold", "dev.tsv"))
    predicted = carb.read_openie5(
        shared_path("eval-dev", "carb", "system_outputs", "dev", "openie5_output.txt")
    )
    result = carb.score(gold, predicted)
    assert round(result.f1, 3) == 0.458
    assert round(result.auc, 3) == 0.240


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        pytest.param(E("rejected", ("Khamenei", "talks")), E("rejected", ("Khamenei", "talks")), (1.0, 1.0), id="exact"),
        pytest.param(E("rejected", ("Khamenei", "talks")), E("refused", ("Khamenei", "talks")), (0.0, 0.0), id="relation-disjoint"),
        pytest.param(E("rejected", ("Khamenei", "talks")), E("rejected", ("Khamenei",)), (0.0, 0.0), id="missing-arg2"),
        pytest.param(E("is", ("Khamenei", "leader")), E("be", ("Khamenei", "leader")), (1.0, 1.0), id="be-matches-is"),
        pytest.param(E("rejected", ("he", "the talks")), E("rejected", ("he", "talks")), (1.0, 0.75), id="partial-recall"),
        pytest.param(E("rejected", ("He", "talks")), E("rejected", ("he", "talks")), (2 / 3, 2 / 3), id="case-sensitive"),
        pytest.param(E("said", ("he", "talks failed")), E("said", ("talks failed", "he")), (1.0, 1.0), id="said-swapped"),
        pytest.param(E("met", ("he", "her", "in Paris")), E("met", ("he", "her in Paris")), (1.0, 1.0), id="binarised"),
    ],
)
def test_match(gold, predicted, expected):
    assert carb.match(gold, predicted) == pytest.approx(expected)


def test_sentence_key_ignores_spacing_and_brackets():
    assert carb.sentence_key("A -LRB- b -RRB- , c .") == carb.sentence_key("A (b), c.")


def test_precision_is_one_to_one():
    gold = {"s": [E("rejected", ("Khamenei", "talks"))]}
    twice = {"s": [E("rejected", ("Khamenei", "talks"), 0.9), E("rejected", ("Khamenei", "talks"), 0.9)]}
    result = carb.score(gold, twice)
    assert result.recall == 1.0
    assert result.precision == 0.5


def test_no_predictions_scores_zero():
    assert carb.score({"s": [E("r", ("a", "b"))]}, {}).f1 == 0.0
