"""The README's runnable commands run, as a reader would paste them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
RUNNABLE = re.findall(r"<!-- runnable -->\s*```(?:sh|bash)\n(.*?)```", README, flags=re.S)


def test_readme_has_the_two_quick_start_commands():
    assert re.search(r"^make demo\b", README, flags=re.M) and re.search(r"^make test\b", README, flags=re.M)


@pytest.mark.slow  # `kg` in subprocesses that load spaCy
def test_readme_runnable_blocks(tmp_path):
    assert RUNNABLE, "no block marked <!-- runnable --> in README.md"
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    for block in RUNNABLE:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block], cwd=tmp_path, capture_output=True, text=True, timeout=600, env=env
        )
        assert result.returncode == 0, f"{block}\n{result.stderr}"
        assert result.stdout.strip() or "--quiet" in block, block


@pytest.mark.slow  # a subprocess that loads spaCy
def test_python_example_in_readme_runs(tmp_path):
    code = re.search(r"## Python\n\n```python\n(.*?)```", README, flags=re.S).group(1)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert "Ali Khamenei reject " in result.stdout  # a row of who-rejected-what
    assert (tmp_path / "out" / "network.html").exists()
