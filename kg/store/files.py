"""Files of RDF: the formats read and written, and the one atomic writer every output goes through."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError, OutputError

__all__ = ["EXPORT_FORMATS", "RDF_FILE_FORMATS", "atomic_write", "export_format", "one_line", "usable_cores"]

#: File suffix → rdflib parser, for RDF files opened as a (read-only, in-memory) store.
RDF_FILE_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".n3": "n3",
}

#: ``kg export --format`` name → (rdflib serializer, keeps named graphs).
EXPORT_FORMATS = {
    "turtle": ("turtle", False),
    "trig": ("trig", True),
    "nquads": ("nquads", True),
    "json-ld": ("json-ld", True),
    "ntriples": ("nt", False),
}
_FORMAT_ALIASES = {"ttl": "turtle", "nq": "nquads", "jsonld": "json-ld", "nt": "ntriples"}


def export_format(format: str) -> str:
    """The canonical name of an export format (``ttl`` → ``turtle``).

    Raises:
        InputError: Unknown format.
    """
    name = _FORMAT_ALIASES.get(format.lower(), format.lower())
    if name not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {format!r} (valid: {', '.join(EXPORT_FORMATS)})")
    return name


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An error's message on one line, cut to `limit` characters (for a one-line CLI error)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity where the system has one, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path | str, data: str | bytes | Callable[[BinaryIO], object]) -> Path:
    """Write a file so that it is either the old file or the whole new one, never half.

    Writes a temporary file in the same folder, then ``os.replace`` it over `path`. The
    new file gets an existing file's permissions, else the usual ones (0666 less the umask).
    `data` is the content, or a function that writes it to the binary file it is given
    (for outputs too large to hold in memory).

    Raises:
        OutputError: The file cannot be written (a folder is in the way, no permission, ...).

    Examples:
        >>> import tempfile, pathlib
        >>> p = atomic_write(pathlib.Path(tempfile.mkdtemp()) / "a.ttl", "<a> <b> <c> .")
        >>> p.read_text()
        '<a> <b> <c> .'
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    write = payload if callable(payload) else lambda handle: handle.write(payload)
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
