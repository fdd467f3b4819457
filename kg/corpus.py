"""Inputs → Documents: text files, folders, JSONL/CSV with metadata, sentence-per-line files.

Every reading problem is an `InputError` whose message names the file and the problem,
so the command line can print it as one line.
"""

from __future__ import annotations

import codecs
import dataclasses
import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kg.errors import InputError
from kg.types import Document

__all__ = ["INPUT_FORMATS", "as_documents", "read_documents", "read_text"]

#: What ``--input-format`` accepts.
INPUT_FORMATS = ("text", "jsonl", "csv", "sentences")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_FIELDS = ("id", "text", "title", "date", "url", "source")


def read_text(path: Path | str) -> str:
    """Read one input as UTF-8 text (``"-"`` is standard input).

    Raises:
        InputError: The file is missing, a folder, binary, not UTF-8, or empty.

    Examples:
        >>> read_text("no-such-file.txt")
        Traceback (most recent call last):
        ...
        kg.errors.InputError: no-such-file.txt: no such file
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        name = str(path)
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a folder, not a file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror})") from exc
    try:
        text = _decode(data, name)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: is not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x}); convert it to UTF-8"
        ) from exc
    if not text.strip():
        raise InputError(f"{name}: is empty")
    return text


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM allowed), or UTF-16/32 where a byte-order mark says so; else a one-line InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts with a {encoding.upper()} byte-order mark but is not "
                                 f"{encoding.upper()} text (byte {exc.start})") from exc
    head = data[:8192]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) // 4 and min(even, odd) == 0:
            raise InputError(f"{name}: looks like UTF-16 text without a byte-order mark; convert it to UTF-8")
        raise InputError(f"{name}: looks like a binary file, not text")
    return data.decode("utf-8-sig")


def _date(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    match = _ISO_DATE.search(str(value))
    if not match:
        raise InputError(f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError as exc:
        raise InputError(f"{where}: date {value!r} is not a calendar date") from exc


def _text_document(name: str, text: str) -> Document:
    """A text file: id = its name; date from an ISO date in the name; title from a heading line."""
    try:
        date = _date(name, name)
    except InputError:  # a name without a (calendar) date is just a name
        date = None
    lines = [line.strip() for line in text.splitlines()]
    title = None
    if len(lines) > 1 and lines[0] and not lines[1] and len(lines[0]) < 200:
        title = lines[0]
    source = None
    for line in lines[:6]:
        if line.lower().startswith("reporting by "):
            source = line[len("reporting by ") :].strip() or None
    return Document(id=name, text=text, title=title, date=date, source=source)


def _record_document(record: object, where: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected an object with 'id' and 'text'")
    missing = [k for k in ("id", "text") if record.get(k) in (None, "")]
    if missing:
        raise InputError(f"{where}: missing {' and '.join(repr(m) for m in missing)}")
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: 'text' must be non-empty text")
    if not isinstance(record["id"], (str, int)):
        raise InputError(f"{where}: 'id' must be text or a number")
    for key in ("title", "url", "source"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"{where}: {key!r} must be text, got {type(record[key]).__name__}")
    return Document(
        id=str(record["id"]),
        text=text,
        title=record.get("title") or None,
        date=_date(record.get("date"), where),
        url=record.get("url") or None,
        source=record.get("source") or None,
    )


def _read_jsonl(name: str, text: str) -> Iterator[Document]:
    # Records end at "\n" only: U+2028, U+2029 and U+0085 are valid inside JSON strings.
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{n}: not valid JSON ({exc.msg})") from exc
        except RecursionError as exc:
            raise InputError(f"{name}:{n}: JSON nested too deeply to read") from exc
        yield _record_document(record, f"{name}:{n}")


def _read_csv(name: str, text: str) -> Iterator[Document]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"id", "text"} <= set(reader.fieldnames):
        raise InputError(f"{name}: CSV needs a header with 'id' and 'text' columns")
    for n, row in enumerate(reader, start=2):
        yield _record_document({k: row.get(k) for k in _FIELDS}, f"{name}:{n}")


def _expand(paths: Sequence[Path | str]) -> Iterator[tuple[Path | str, str]]:
    """Each input file with its name: a file's own name, or its path within a given folder."""
    for path in paths:
        p = Path(path)
        if str(path) != "-" and p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in _TEXT_SUFFIXES | {".jsonl", ".csv"})
            if not files:
                raise InputError(f"{path}: folder holds no .txt, .jsonl or .csv files")
            for f in files:
                yield f, f.relative_to(p).as_posix()
        else:
            yield path, "stdin" if str(path) == "-" else p.name


def read_documents(paths: Sequence[Path | str], *, input_format: str = "text") -> list[Document]:
    """Read inputs into Documents.

    Args:
        paths: Files, folders (read recursively) or ``"-"`` for standard input.
        input_format: ``"text"`` (a document per file; ``.jsonl``/``.csv`` files inside a
            folder are read as records), ``"jsonl"`` or ``"csv"`` (records with ``id``, ``text``
            and optional ``title``, ``date``, ``url``, ``source``), or ``"sentences"`` (each
            non-empty line is a document whose id is its line number from 1, prefixed by
            the file's name where several files are given). A file's id is its name, or its
            path within a folder given as input.

    Returns:
        The documents, in input order.

    Raises:
        InputError: An input cannot be read, or there is nothing to read.

    Examples:
        >>> docs = read_documents(["examples/khamenei-rejects-talks-2019-09-18.txt"])
        >>> docs[0].id, docs[0].date.isoformat()
        ('khamenei-rejects-talks-2019-09-18.txt', '2019-09-18')
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown input format {input_format!r} (valid: {', '.join(INPUT_FORMATS)})")
    if not paths:
        raise InputError("no input given")
    documents: list[Document] = []
    inputs = list(_expand(paths))
    for path, doc_name in inputs:
        name = "<stdin>" if str(path) == "-" else str(path)
        text = read_text(path)
        fmt = input_format
        if fmt == "text" and str(path) != "-":
            fmt = {".jsonl": "jsonl", ".csv": "csv"}.get(Path(path).suffix.lower(), "text")
        if fmt == "text":
            documents.append(_text_document(doc_name, text))
        elif fmt == "jsonl":
            documents.extend(_read_jsonl(name, text))
        elif fmt == "csv":
            documents.extend(_read_csv(name, text))
        else:
            prefix = f"{doc_name}:" if len(inputs) > 1 else ""
            documents.extend(
                Document(id=f"{prefix}{n}", text=line.strip())
                for n, line in enumerate(text.splitlines(), start=1)
                if line.strip()
            )
    if not documents:
        raise InputError(f"{', '.join(map(str, paths))}: no documents")
    seen: set[str] = set()
    for d in documents:
        if d.id in seen:
            raise InputError(f"document id {d.id!r} occurs twice; ids must be unique")
        seen.add(d.id)
    return documents


def as_documents(items: Iterable[Document | str | Path]) -> list[Document]:
    """Documents from a mix of Documents, texts and paths (what `kg.build_graph` accepts).

    A string is always text, never read as a file name: article text is untrusted. Its id
    is ``text-`` and the start of its content hash, the same for the same text in every
    call (so a store built from strings in several calls keeps each, and replaces none). Give files as `pathlib.Path` objects, or read them with `read_documents`.
    """
    if isinstance(items, (str, Path, Document)):
        items = [items]
    documents: list[Document] = []
    for n, item in enumerate(items, start=1):
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, Path):
            documents.extend(read_documents([item]))
        elif isinstance(item, str):
            if not item.strip():
                raise InputError(f"text {n} is empty")
            unnamed = Document(id="text", text=item)
            documents.append(dataclasses.replace(unnamed, id=f"text-{unnamed.content_hash[:12]}"))
        else:
            raise InputError(f"item {n}: expected a Document, a text or a path, got {type(item).__name__}")
    if not documents:
        raise InputError("no documents given")
    return documents
