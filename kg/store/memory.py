"""The rdflib memory store, and RDF files read into it: for small graphs and the API's default."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, URIRef

from kg.errors import StoreError
from kg.store.base import Store, StoreKind
from kg.store.files import RDF_FILE_FORMATS, one_line

__all__ = ["FileStore", "MemoryStore", "open_rdf_file"]


class MemoryStore(Store):
    """rdflib's ``Dataset`` in this process, gone when it ends.

    Examples:
        >>> MemoryStore().kind == "memory"
        True
    """

    kind = StoreKind.MEMORY

    def __init__(self, *, url: str = "memory:") -> None:
        super().__init__(Dataset(default_union=True), url=url)


class FileStore(Store):
    """An RDF file read into memory: read-only."""

    kind = StoreKind.FILE


def open_rdf_file(path: Path, *, url: str) -> FileStore:
    """Read an RDF file (Turtle, TriG, N-Quads, ...: `RDF_FILE_FORMATS`) as a read-only store.

    Raises:
        StoreError: The file does not parse as its suffix says.
    """
    fmt = RDF_FILE_FORMATS[path.suffix.lower()]
    dataset = Dataset(default_union=True)
    try:
        if fmt in ("trig", "nquads", "json-ld"):
            dataset.parse(path, format=fmt)
        else:
            dataset.graph(URIRef(path.resolve().as_uri())).parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many kinds
        raise StoreError(f"{path}: not readable as {fmt}: {one_line(exc)}") from exc
    return FileStore(dataset, url=url, read_only=True)
