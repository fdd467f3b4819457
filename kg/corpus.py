"""Inputs → Documents: text files, folders, JSONL/CSV with metadata, sentence-per-line files.

Every reading problem is an `InputError` whose message names the file and the problem,
so the command line can print it as one line.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kg.errors import InputError
from kg.types import Document

__all__ = [
    "INPUT_FORMATS",
    "as_documents",
    "count_documents",
    "iter_as_documents",
    "iter_documents",
    "read_documents",
    "read_lines",
    "read_text",
]

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
    for key in ("id", "text", "title", "url", "source"):
        if isinstance(record.get(key), str):
            _check_unicode(record[key], key, where)
    return Document(
        id=str(record["id"]),
        text=text,
        title=record.get("title") or None,
        date=_date(record.get("date"), where),
        url=record.get("url") or None,
        source=record.get("source") or None,
    )


def _check_unicode(value: str, key: str, where: str) -> None:
    """Refuse a lone UTF-16 surrogate, which a JSON escape ("\\ud800") or a Python string can hold but UTF-8 cannot."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{where}: {key!r} holds a lone surrogate (\\u{ord(value[exc.start]):04x} at character "
                         f"{exc.start}): half of a UTF-16 pair, not a character") from None


def _read_jsonl(name: str, lines: Iterable[str]) -> Iterator[Document]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{n}: not valid JSON ({exc.msg})") from exc
        except RecursionError as exc:
            raise InputError(f"{name}:{n}: JSON nested too deeply to read") from exc
        yield _record_document(record, f"{name}:{n}")


def _read_csv(name: str, lines: Iterable[str]) -> Iterator[Document]:
    reader = csv.DictReader(lines)
    if not reader.fieldnames or not {"id", "text"} <= set(reader.fieldnames):
        raise InputError(f"{name}: CSV needs a header with 'id' and 'text' columns")
    for n, row in enumerate(reader, start=2):
        yield _record_document({k: row.get(k) for k in _FIELDS}, f"{name}:{n}")


def read_lines(path: Path | str) -> Iterator[str]:
    r"""The lines of one input as UTF-8 text, read one at a time (``"-"`` is standard input).

    Lines end at ``\n`` only (a JSON string may hold U+2028); each keeps its line end.

    Raises:
        InputError: The file is missing, a folder, binary, not UTF-8, or empty; the
            error names the line where the problem is found.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.txt"
        >>> _ = p.write_bytes("Iran attacked Iraq.\r\nRussia met China.\n".encode())
        >>> list(read_lines(p))
        ['Iran attacked Iraq.\r\n', 'Russia met China.\n']
    """
    name = "<stdin>" if str(path) == "-" else str(path)
    if str(path) == "-":
        handle = sys.stdin.buffer
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a folder, not a file")
        try:
            handle = p.open("rb")
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror})") from exc
    text_seen = False
    try:
        for n, raw in enumerate(handle, start=1):
            if n == 1:
                if b"\x00" in raw[:8192]:
                    raise InputError(f"{name}: looks like a binary file, not text")
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}:{n}: is not UTF-8 text (byte {exc.start} is 0x{raw[exc.start]:02x}); convert it to UTF-8"
                ) from exc
            text_seen = text_seen or bool(line.strip())
            yield line
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from exc
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    if not text_seen:
        raise InputError(f"{name}: is empty")


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


def _format_of(path: Path | str, input_format: str) -> str:
    if input_format == "text" and str(path) != "-":
        return {".jsonl": "jsonl", ".csv": "csv"}.get(Path(path).suffix.lower(), "text")
    return input_format


def iter_documents(paths: Sequence[Path | str], *, input_format: str = "text") -> Iterator[Document]:
    """Read inputs into Documents one at a time, never holding more than one file's text.

    Takes the same arguments as `read_documents`. Missing inputs and an unknown format are
    reported before the first document; a bad record when the reading reaches it.

    Raises:
        InputError: An input cannot be read, an id occurs twice, or there is nothing to read.

    Examples:
        >>> docs = iter_documents(["examples/khamenei-rejects-talks-2019-09-18.txt"])
        >>> next(docs).id
        'khamenei-rejects-talks-2019-09-18.txt'
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(f"unknown input format {input_format!r} (valid: {', '.join(INPUT_FORMATS)})")
    if not paths:
        raise InputError("no input given")
    for path in paths:
        if str(path) != "-" and not Path(path).exists():
            raise InputError(f"{path}: no such file")
    return _documents(paths, input_format)


def _documents(paths: Sequence[Path | str], input_format: str) -> Iterator[Document]:
    several = len(paths) > 1 or any(str(p) != "-" and Path(p).is_dir() for p in paths)
    seen: set[str] = set()
    for path, doc_name in _expand(paths):
        name = "<stdin>" if str(path) == "-" else str(path)
        fmt = _format_of(path, input_format)
        if fmt == "text":
            found: Iterable[Document] = [_text_document(doc_name, read_text(path))]
        elif fmt == "jsonl":
            found = _read_jsonl(name, read_lines(path))
        elif fmt == "csv":
            found = _read_csv(name, read_lines(path))
        else:
            prefix = f"{doc_name}:" if several else ""
            found = (
                Document(id=f"{prefix}{n}", text=line.strip())
                for n, line in enumerate(read_lines(path), start=1)
                if line.strip()
            )
        for document in found:
            if document.id in seen:
                raise InputError(f"document id {document.id!r} occurs twice; ids must be unique")
            seen.add(document.id)
            yield document
    if not seen:
        raise InputError(f"{', '.join(map(str, paths))}: no documents")


def count_documents(paths: Sequence[Path | str], *, input_format: str = "text") -> int | None:
    """How many documents the inputs hold, counted without parsing them (None for standard input).

    A text file counts one; a JSONL or sentence file its non-blank lines; a CSV file its
    lines less the header (a quoted field over several lines counts more than once). The
    count is for progress and its ETA: reading stays the judge of what is there.
    """
    total = 0
    for path, _ in _expand(paths):
        if str(path) == "-":
            return None
        fmt = _format_of(path, input_format)
        if fmt == "text":
            total += 1
            continue
        try:
            with Path(path).open("rb") as handle:
                lines = sum(1 for line in handle if line.strip())
        except OSError:
            continue  # reading it will say what is wrong
        total += max(lines - 1, 0) if fmt == "csv" else lines
    return total


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
        The documents, in input order (`iter_documents` reads them one at a time).

    Raises:
        InputError: An input cannot be read, or there is nothing to read.

    Examples:
        >>> docs = read_documents(["examples/khamenei-rejects-talks-2019-09-18.txt"])
        >>> docs[0].id, docs[0].date.isoformat()
        ('khamenei-rejects-talks-2019-09-18.txt', '2019-09-18')
    """
    return list(iter_documents(paths, input_format=input_format))


def iter_as_documents(items: Iterable[Document | str | Path] | Document | str | Path) -> Iterator[Document]:
    """Documents from a mix of Documents, texts and paths, one at a time (see `as_documents`).

    Raises:
        InputError: An item is empty, holds a lone surrogate or is of another type, or there is none.
    """
    if isinstance(items, (str, Path, Document)):
        items = [items]
    any_seen = False
    for n, item in enumerate(items, start=1):
        if isinstance(item, Document):
            _check_unicode(item.text, "text", f"document {item.id!r}")
            yield item
        elif isinstance(item, Path):
            yield from iter_documents([item])
        elif isinstance(item, str):
            if not item.strip():
                raise InputError(f"text {n} is empty")
            _check_unicode(item, "text", f"text {n}")
            unnamed = Document(id="text", text=item)
            yield dataclasses.replace(unnamed, id=f"text-{unnamed.content_hash[:12]}")
        else:
            raise InputError(f"item {n}: expected a Document, a text or a path, got {type(item).__name__}")
        any_seen = True
    if not any_seen:
        raise InputError("no documents given")


def as_documents(items: Iterable[Document | str | Path]) -> list[Document]:
    """Documents from a mix of Documents, texts and paths (what `kg.build_graph` accepts).

    A string is always text, never read as a file name: article text is untrusted. Its id
    is ``text-`` and the start of its content hash, the same for the same text in every
    call (so a store built from strings in several calls keeps each, and replaces none). Give files as `pathlib.Path` objects, or read them with `read_documents`.
    """
    return list(iter_as_documents(items))
