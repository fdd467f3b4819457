"""``kg build`` and ``kg query`` as a user runs them: real subprocesses, real files."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.slow  # each test runs `kg` in a subprocess that loads spaCy


def kg_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "out"
    result = kg_cli("build", str(EXAMPLE), "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    return out


def test_build_writes_turtle_and_html_and_prints_summary(built):
    assert (built / "graph.ttl").stat().st_size > 1000
    assert (built / "graph.html").stat().st_size > 1000
    import rdflib

    g = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    assert len(g) > 100


def test_build_summary_names_counts_and_answers_the_example_query(tmp_path):
    result = kg_cli("build", str(EXAMPLE), "--out", str(tmp_path / "o"))
    text = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "actors" in text and "claims" in text and "events" in text
    assert "Who rejected what" in text and "Khamenei" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("missing.txt", None, "no such file", id="missing"),
        pytest.param("empty.txt", b"  \n\n", "is empty", id="empty"),
        pytest.param("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary", id="binary"),
        pytest.param("latin1.txt", "Khamenei a rejeté les négociations.".encode("latin-1"), "not UTF-8", id="not-utf8"),
    ],
)
def test_build_bad_input_is_one_line_and_leaves_out_untouched(built, tmp_path, name, content, message):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copytree(built, out, dirs_exist_ok=True)
    before = snapshot(out)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = kg_cli("build", str(path), "--out", str(out))
    err = result.stderr.decode().strip()
    assert result.returncode != 0
    assert len(err.splitlines()) == 1, err
    assert name in err and message in err, err
    assert "Traceback" not in err
    assert snapshot(out) == before


def test_query_on_the_built_graph(built):
    result = kg_cli("query", str(built / "graph.ttl"), "--named", "who-rejected-what", "--format", "csv")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().strip().splitlines()
    assert lines[0].replace("\r", "") == "subject,actor,relation,object,sentence"
    assert len(lines) > 1


def test_query_malformed_sparql_is_one_line(built):
    result = kg_cli("query", str(built / "graph.ttl"), "SELECT ?x WHERE { ?x kg:relation ")
    err = result.stderr.decode().strip()
    assert result.returncode != 0
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err


def test_missing_model_is_one_line_naming_what_to_install(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Iran attacked Iraq.")
    result = kg_cli("build", str(path), "--out", str(tmp_path / "o"), "--model", "xx_no_such_pipeline")
    err = result.stderr.decode().strip()
    assert result.returncode != 0
    assert len(err.splitlines()) == 1 and "xx_no_such_pipeline" in err and "install" in err, err


def test_query_ask_as_csv(built):
    result = kg_cli("query", str(built / "graph.ttl"), "ASK { ?c a kg:Claim }", "--format", "csv")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == ["boolean", "true"]


def test_output_that_cannot_be_written_is_one_line(built, tmp_path):
    (tmp_path / "adir").mkdir()
    result = kg_cli("export", str(built / "graph.ttl"), "--format", "trig", "--out", str(tmp_path / "adir"))
    err = result.stderr.decode().strip()
    assert result.returncode == 1 and len(err.splitlines()) == 1 and "cannot write" in err, err
