"""The package's source reads as Python that runs: no name is used that nothing defines.

A name left undefined by a refactor fails only where the line runs, and a broad ``except``
can hide it for good (a batch parse that always fell back to parsing one document at a
time did so). pyflakes reads every module without running it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pyflakes_api = pytest.importorskip("pyflakes.api", reason="pyflakes is a test extra (pip install -e '.[dev]')")
from pyflakes import messages  # noqa: E402

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
SERIOUS = (messages.UndefinedName, messages.UndefinedLocal, messages.UndefinedExport, messages.ImportStarUsed)


class _Collect:
    def __init__(self):
        self.found = []

    def flake(self, message):
        self.found.append(message)

    def unexpectedError(self, filename, problem):
        self.found.append(f"{filename}: {problem}")

    def syntaxError(self, filename, msg, lineno, offset, text):
        self.found.append(f"{filename}:{lineno}: {msg}")


def test_no_undefined_names_in_the_package():
    report = _Collect()
    for path in sorted(PACKAGE.rglob("*.py")):
        pyflakes_api.checkPath(str(path), report)
    serious = [str(m) for m in report.found if not hasattr(m, "message_args") or isinstance(m, SERIOUS)]
    assert serious == []


def test_the_check_sees_an_undefined_name(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("def parse(texts):\n    return parse_texts(texts)\n", encoding="utf-8")
    report = _Collect()
    pyflakes_api.checkPath(str(path), report)
    assert [type(m) for m in report.found] == [messages.UndefinedName]
