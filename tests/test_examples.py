"""Every example script and notebook runs, from the user's side: real model, real files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def test_quickstart_script(tmp_path):
    result = run([sys.executable, str(ROOT / "examples" / "quickstart.py"), str(tmp_path)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "rejected" in result.stdout
    assert (tmp_path / "quickstart.html").stat().st_size > 1000


def test_sparql_session_script(tmp_path):
    result = run([sys.executable, str(ROOT / "examples" / "sparql_session.py"), str(tmp_path / "store")], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Ali Khamenei" in result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_cli_pipeline_script(tmp_path):
    result = run(["bash", str(ROOT / "examples" / "cli_pipeline.sh"), str(tmp_path)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "events.csv").read_text().count("\n") >= 2
    assert (tmp_path / "network.html").exists()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_clean(path, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    # Committed with their outputs, so they read on a code host; those outputs hold no error.
    assert all(c.get("execution_count") for c in code) and any(c.get("outputs") for c in code), \
        "commit notebooks run, with their outputs (notebooks/run.py)"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    for cell in code:
        cell.outputs = []
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
