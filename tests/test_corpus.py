"""Reading inputs into Documents: formats, metadata, and one-line errors naming the file."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kg.corpus import as_documents, read_documents
from kg.errors import InputError
from tests.conftest import EXAMPLE


def test_example_article_metadata():
    (doc,) = read_documents([EXAMPLE])
    assert doc.id == EXAMPLE.name
    assert doc.date == dt.date(2019, 9, 18)
    assert doc.title == "Iranian regime leader breaks silence, rejects negotiations with U.S."
    assert doc.source == "PMOI/MEK"


def test_jsonl_records(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [
        {"id": "a", "text": "Iran attacked Iraq.", "date": "2020-01-03", "url": "https://example.org/a", "source": "Wire"},
        {"id": "b", "text": "NATO met in Brussels.", "title": "Summit"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    docs = read_documents([path], input_format="jsonl")
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].date == dt.date(2020, 1, 3) and docs[0].url == "https://example.org/a"
    assert docs[1].title == "Summit" and docs[1].date is None


def test_csv_records_and_folder(tmp_path):
    (tmp_path / "x.csv").write_text('id,text,date\nc1,"Turkey condemned the strike.",2021-05-01\n')
    (tmp_path / "y.txt").write_text("Egypt hosted talks.")
    docs = read_documents([tmp_path])
    assert {d.id for d in docs} == {"c1", "y.txt"}


def test_sentences_format(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("First sentence here.\n\nSecond one.\n")
    docs = read_documents([path], input_format="sentences")
    assert [(d.id, d.text) for d in docs] == [("1", "First sentence here."), ("3", "Second one.")]


def test_ids_stay_unique_across_files_and_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Iran attacked Iraq.")
    (tmp_path / "b" / "x.txt").write_text("Iraq attacked Iran.")
    assert sorted(d.id for d in read_documents([tmp_path])) == ["a/x.txt", "b/x.txt"]
    (tmp_path / "s1.txt").write_text("One.\nTwo.\n")
    (tmp_path / "s2.txt").write_text("Three.\n")
    docs = read_documents([tmp_path / "s1.txt", tmp_path / "s2.txt"], input_format="sentences")
    assert [d.id for d in docs] == ["s1.txt:1", "s1.txt:2", "s2.txt:1"]


@pytest.mark.parametrize(
    ("content", "fmt", "message"),
    [
        pytest.param(b'{"id": "a", "text": "ok"}\n{"id": "b"\n', "jsonl", "c.in:2: not valid JSON", id="bad-json"),
        pytest.param(b'{"id": "a"}\n', "jsonl", "c.in:1: missing 'text'", id="no-text"),
        pytest.param(b'{"id": "a", "text": "x", "date": "yesterday"}\n', "jsonl", "not an ISO date", id="bad-date"),
        pytest.param(b"name,body\nx,y\n", "csv", "'id' and 'text' columns", id="csv-header"),
        pytest.param(b'{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "jsonl", "occurs twice", id="dup-id"),
        pytest.param(b'{"id": "a", "text": "x", "title": 5}\n', "jsonl", "c.in:1: 'title' must be text", id="title-not-text"),
        pytest.param(b'["a", "x"]\n', "jsonl", "c.in:1: expected an object", id="array-record"),
        pytest.param(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "Iran \\ud800 said"}\n', "jsonl",
                     "c.in:2: 'text' holds a lone surrogate", id="lone-surrogate"),
        pytest.param(b'{"id": "\\udc00", "text": "x"}\n', "jsonl", "c.in:1: 'id' holds a lone surrogate", id="surrogate-id"),
    ],
)
def test_bad_records_name_the_place(tmp_path, content, fmt, message):
    path = tmp_path / "c.in"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        read_documents([path], input_format=fmt)


def test_escaped_pairs_are_one_character(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Iran \\ud83d\\ude00 said"}\n')
    (document,) = read_documents([path], input_format="jsonl")
    assert document.text == "Iran \U0001F600 said"


def test_unknown_format_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="unknown input format"):
        read_documents([EXAMPLE], input_format="pdf")
    with pytest.raises(InputError, match="holds no"):
        read_documents([tmp_path])


def test_as_documents_mixes_texts_paths_and_documents():
    docs = as_documents(["Iran attacked Iraq.", EXAMPLE])
    assert docs[0].id.startswith("text-") and docs[1].id == EXAMPLE.name
    assert as_documents(["Iran attacked Iraq."])[0].id == docs[0].id != as_documents(["Iraq attacked Iran."])[0].id
    with pytest.raises(InputError):
        as_documents([""])


def test_a_string_is_text_even_when_it_names_a_file():
    (doc,) = as_documents([str(EXAMPLE)])
    assert doc.text == str(EXAMPLE)


def test_id_zero_is_an_id(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": 0, "text": "Iran attacked Iraq."}\n')
    assert read_documents([path], input_format="jsonl")[0].id == "0"


def test_a_text_with_a_lone_surrogate_is_refused_by_the_api():
    from kg.corpus import as_documents
    from kg.types import Document

    with pytest.raises(InputError, match=r"text 2: 'text' holds a lone surrogate \(\\ud800 at character 5\)"):
        as_documents(["Iran rejected the talks.", "Iran \ud800 said"])
    with pytest.raises(InputError, match="document 'd'"):
        as_documents([Document("d", "Iran \udfff said")])
