"""``kg extract``: its JSONL records follow kg/data/extraction.schema.json; CaRB rows; inputs."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest

from kg.cli import main
from tests.conftest import EXAMPLE, ROOT

SCHEMA = json.loads((ROOT / "kg" / "data" / "extraction.schema.json").read_text(encoding="utf-8"))


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def example_records(nlp):
    from kg.lines import extraction_lines
    from kg.corpus import read_documents

    return [json.loads(line) for line in extraction_lines(read_documents([EXAMPLE]))]


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_example_records_follow_schema(example_records):
    assert len(example_records) > 20
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in example_records:
        validator.validate(record)
    assert {r["doc"] for r in example_records} == {EXAMPLE.name}


def test_schema_rejects_a_broken_record(example_records):
    broken = dict(example_records[0], confidence=1.5)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_example_records_carry_actors_and_attribution(example_records):
    take_part = [r for r in example_records if r["relation"] == "take part in" and r["subject"] == "we"]
    assert take_part and take_part[0]["negated"] and take_part[0]["attributed_to"] == "Khamenei"


def test_sentences_carb(capsys, tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text("Iran attacked Iraq .\n\nThe embassy was attacked by militants .\n", encoding="utf-8")
    code, out, _ = _run(capsys, "extract", "--sentences", "--format", "carb", str(path))
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows == [
        ["Iran attacked Iraq .", "0.9000", "attacked", "Iran", "Iraq"],
        ["The embassy was attacked by militants .", "0.9000", "was attacked by", "The embassy", "militants"],
    ]


def test_sentences_ids_are_line_numbers(capsys, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Iran attacked Iraq.\n\nRussia condemned the attack.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "extract", "--sentences", str(path))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["doc"], r["sentence_id"], r["relation"]) for r in records] == [("1", 0, "attack"), ("3", 0, "condemn")]


def test_stdin_and_jsonl_input(capsys, monkeypatch):
    line = json.dumps({"id": "a1", "text": "Iran attacked Iraq.", "date": "2019-09-18"})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((line + "\n").encode("utf-8"))))
    code, out, _ = _run(capsys, "extract", "--input-format", "jsonl", "-")
    assert code == 0
    assert json.loads(out.splitlines()[0])["doc"] == "a1"


def test_unknown_format_is_one_line_error(capsys):
    code, out, err = _run(capsys, "extract", "--format", "xml", str(EXAMPLE))
    assert code == 1
    assert out == ""
    assert err.startswith("kg: error:") and "carb" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("output_format", ["jsonl", "carb", "triples"])
def test_extraction_lines_read_the_input_as_they_go(nlp, output_format):
    """The first line comes out while most of the input is still unread: nothing is materialised."""
    from kg.lines import extraction_lines
    from kg.types import Document

    read: list[int] = []

    def documents():
        for n in range(200):
            read.append(n)
            yield Document(f"d{n}", f"Iran attacked Iraq on day {n}.")

    lines = extraction_lines(documents(), output_format=output_format)
    first = next(lines)
    assert "d0" in first or "Iran" in first
    assert 0 < len(read) < 100  # a parser batch ahead, not the whole stream
    assert sum(1 for _ in lines) >= 199 and len(read) == 200


@pytest.mark.slow
def test_extract_writes_lines_before_standard_input_ends():
    """``kg extract --sentences -`` down a pipe: lines arrive while standard input is still open."""
    import select
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "kg", "extract", "--sentences", "--format", "triples", "-"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        process.stdin.write(b"".join(f"Iran attacked Iraq on day {n}.\n".encode() for n in range(300)))
        process.stdin.flush()  # more than a parser batch (256 sentences), and the input left open
        ready, _, _ = select.select([process.stdout], [], [], 120)
        assert ready, "no line came out while standard input was open"
        first = process.stdout.readline().decode("utf-8")
        assert process.poll() is None and first.startswith("1\tIran\t")
        process.stdin.write(b"Russia met China.\n")
        process.stdin.close()
        rest = process.stdout.read().decode("utf-8").splitlines()
        assert process.wait(60) == 0 and rest[-1].startswith("301\tRussia\t")
    finally:
        process.kill()
        process.wait()
