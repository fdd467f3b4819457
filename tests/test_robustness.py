"""Long and odd input: long texts in pieces, deep nesting, encodings, markup-like text, edited files, full disks."""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.chunking import CHUNK_CHARS, chunks, parse_texts
from kg.cli import app
from kg.corpus import read_documents
from kg.errors import InputError
from kg.store import open_store
from tests.conftest import EXAMPLE, ROOT

ARTICLE = EXAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(("Iran rejected the talks. " * 40 + "\n\n") * 30, id="paragraphs"),
        pytest.param("Iran rejected the talks. " * 2_000, id="sentences"),
        pytest.param("Iran rejected the talks and " * 2_000, id="no-full-stop"),
        pytest.param("x" * 50_000, id="no-space"),
    ],
)
def test_chunks_join_back_and_keep_to_the_cap(text):
    pieces = chunks(text, limit=5_000)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= 5_000 for piece in pieces)


def test_a_long_text_parses_in_pieces_into_one_doc(nlp):
    text = (ARTICLE + "\n\n") * 3
    (whole,) = parse_texts(nlp, [text], limit=len(text))
    (pieced,) = parse_texts(nlp, [text], limit=len(ARTICLE) + 10)
    assert pieced.text == text
    # cut at paragraph breaks, where the parser starts a sentence anyway: the same extractions
    assert [(t.subject.start, t.relation) for t in pieced._.triples] == [(t.subject.start, t.relation) for t in whole._.triples]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        pytest.param((ARTICLE + "\n\n") * (CHUNK_CHARS // len(ARTICLE) + 2), id="report"),
        pytest.param(" ".join(ARTICLE.replace(".", " ").split()) * (CHUNK_CHARS // len(ARTICLE) + 2), id="one-line"),
    ],
)
def test_texts_over_the_piece_size_build(text):
    assert len(text) > CHUNK_CHARS
    graph = kg.build_graph([text])
    assert graph.summary().claims > 0


@pytest.mark.slow  # a pathological parse: tens of seconds
def test_two_thousand_nested_quotations_extract(nlp):
    text = "".join(f'Minister {i} said, "' for i in range(2_000)) + "Iran rejected the talks." + '"' * 2_000
    doc = next(parse_texts(nlp, [text]))
    assert any(t.relation == "reject" and t.attributed_to is not None for t in doc._.triples)


@pytest.mark.slow  # a pathological parse
def test_two_thousand_nested_brackets_extract(nlp):
    text = "Iran rejected " + "(the plan of " * 2_000 + "Tehran" + ")" * 2_000 + "."
    doc = next(parse_texts(nlp, [text]))
    assert [t.relation for t in doc._.triples] == ["reject"]


def test_deep_json_is_a_one_line_error(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"deep\.jsonl:1: JSON nested too deeply"):
        read_documents([path])


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path, separator):
    path = tmp_path / "a.jsonl"
    record = {"id": "a", "text": f"Iran rejected{separator}the talks."}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\r\n" + json.dumps({"id": "b", "text": "Iraq agreed."}) + "\n",
                    encoding="utf-8")
    documents = read_documents([path])
    assert [d.id for d in documents] == ["a", "b"]
    assert documents[0].text == record["text"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    path = tmp_path / "a.txt"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + "Iran rejected the talks.".encode(encoding))
    assert read_documents([path])[0].text == "Iran rejected the talks."


def test_utf16_without_a_byte_order_mark_is_named(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Iran rejected the talks.".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 text without a byte-order mark"):
        read_documents([path])


@pytest.mark.parametrize(
    ("text", "script"),
    [pytest.param("رفضت إيران المحادثات مع الولايات المتحدة.", "Arabic", id="arabic"),
     pytest.param("伊朗拒绝与美国谈判。", "Cjk", id="chinese")],
)
def test_text_in_another_script_warns_that_nothing_was_extracted(caplog, text, script):
    with caplog.at_level(logging.WARNING, logger="kg.pipeline"):
        graph = kg.build_graph([text])
    assert graph.summary().claims == 0
    assert any("nothing extracted" in r.message and script in r.message for r in caplog.records)


def test_markup_in_article_text_prints_as_written(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Iran rejected the [/bold] proposal. Iraq rejected the [sic] proposal.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output  # "[/bold]" used to end it with a markup error
    assert "[/bold]" in result.output and "[sic]" in result.output
    query = CliRunner().invoke(app, ["query", str(tmp_path / "out" / "graph.ttl"), "SELECT ?t WHERE { ?s kg:text ?t }"])
    assert query.exit_code == 0 and "[/bold]" in query.output and "[sic]" in query.output


def test_an_edited_file_replaces_its_old_version(tmp_path, caplog):
    source, store = tmp_path / "a.txt", str(tmp_path / "store")
    source.write_text("Iran rejected the talks.\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["build", str(source), "--store", store, "--out", str(tmp_path / "o1")]).exit_code == 0
    source.write_text("Iran accepted the talks.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert CliRunner().invoke(app, ["build", str(source), "--store", store, "--out", str(tmp_path / "o2")]).exit_code == 0
    assert any("replaces the version stored before" in r.message for r in caplog.records)
    with open_store(store, read_only=True) as opened:
        assert len(opened.documents()) == 1
        relations = {str(r[0]) for r in opened.query("SELECT ?r WHERE { ?c kg:relation ?r }")}
    assert relations == {"accept"}


def _read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return folder
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("running as root, and no read-only file system can be mounted here")
    return folder


@pytest.fixture
def read_only(tmp_path):
    folder = _read_only_folder(tmp_path)
    yield folder
    if os.geteuid() == 0:
        subprocess.run(["umount", str(folder)], check=False)
    else:
        folder.chmod(0o755)


def test_build_into_a_read_only_folder_writes_nothing_to_the_store(tmp_path, read_only):
    store = tmp_path / "store"
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "--store", str(store), "--out", str(read_only / "out")])
    assert result.exit_code == 1 and "cannot write" in str(result.exception)
    assert not store.exists()


def test_export_into_a_read_only_folder_is_a_one_line_error(tmp_path, read_only):
    store = tmp_path / "store"
    kg.build_graph(["Iran rejected the talks."], store=str(store)).close()
    result = CliRunner().invoke(app, ["export", str(store), "--out", str(read_only / "g.trig")])
    assert result.exit_code == 1 and "cannot write" in str(result.exception)


def _small_disk() -> None:
    """In the child: writes past 20 KB fail as on a full disk (EFBIG), without killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.slow  # `kg build` in a subprocess that loads spaCy
def test_a_full_disk_is_a_one_line_error_and_old_outputs_stay(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# the previous graph\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(EXAMPLE), "--out", str(out)], cwd=ROOT,
                         capture_output=True, text=True, preexec_fn=_small_disk, timeout=600)
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    # the store (out/store, Oxigraph) or an output file is where the disk runs out first
    assert len(lines) == 1 and ("cannot write" in lines[0] or "cannot open the store" in lines[0])
    assert "Traceback" not in run.stderr
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# the previous graph\n"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
