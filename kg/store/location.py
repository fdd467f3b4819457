"""Where a graph lives: the one parser of store location strings, and `open_store`.

The library's ``store=``, the command line's ``--store`` and every command that reads a
graph (`kg query`, `kg viz`, `KnowledgeGraph.open`) name a store the same way, and this
module alone reads those names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from kg.store.base import Store, StoreKind
from kg.store.files import RDF_FILE_FORMATS

__all__ = ["Location", "StoreKind", "open_store", "parse_location"]


@dataclass(frozen=True, slots=True)
class Location:
    """A parsed store location.

    Attributes:
        kind: Which backend.
        text: The location as given.
        path: The folder (Oxigraph; None for Oxigraph in memory) or the RDF file.
        query_url, update_url, graph_store_url: An endpoint's URLs.
    """

    kind: StoreKind
    text: str
    path: Path | None = None
    query_url: str | None = None
    update_url: str | None = None
    graph_store_url: str | None = None

    @property
    def is_local_path(self) -> bool:
        """Whether the location is a path on this machine (a folder or a file)."""
        return self.path is not None


def parse_location(url: str | os.PathLike[str] | None) -> Location:
    """Read a store location string.

    Args:
        url: Where the graph lives:

            - ``None`` or ``"memory:"``: in memory, gone when the process ends;
            - a folder path, or ``"oxigraph:FOLDER"``: Oxigraph on disk (created if absent);
            - ``"oxigraph:"`` alone: Oxigraph in memory, gone when the process ends (its
              queries several times faster than ``"memory:"``'s at a million triples);
            - ``"sparql:QUERY_URL|UPDATE_URL"`` or ``"http(s)://..."``: a SPARQL 1.1
              endpoint. A bare URL is both query and update endpoint, except one ending
              in ``/query``, whose update endpoint is the sibling ``/update`` (Oxigraph,
              Fuseki) and Graph Store protocol endpoint the sibling ``/store`` (Oxigraph;
              give another as a third part: ``sparql:QUERY|UPDATE|STORE``). The endpoint's
              default graph must be the union of its named graphs
              (``oxigraph serve --union-default-graph``);
            - an RDF file (``.ttl``, ``.trig``, ``.nq``, ``.nt``, ``.jsonld``, ``.rdf``):
              read into memory, read-only.

    Raises:
        StoreError: A ``sparql:`` location without http(s) URLs.

    Examples:
        >>> parse_location("http://localhost:7878/query").graph_store_url
        'http://localhost:7878/store'
        >>> parse_location("oxigraph:").kind, parse_location("out/store").kind
        (<StoreKind.OXIGRAPH: 'oxigraph'>, <StoreKind.OXIGRAPH: 'oxigraph'>)
    """
    text = "" if url is None else os.fspath(url).strip()
    if text in ("", "memory:", ":memory:"):
        return Location(StoreKind.MEMORY, text or "memory:")
    if text.startswith("sparql:"):
        query_url, _, rest = text[len("sparql:"):].partition("|")
        update_url, _, store_url = rest.partition("|")
        if not query_url.startswith(("http://", "https://")):
            raise StoreError(f"{text!r}: expected sparql:QUERY_URL|UPDATE_URL with http(s) URLs")
        return Location(StoreKind.SPARQL, text, query_url=query_url, update_url=update_url or None,
                        graph_store_url=store_url or _sibling(query_url, "store"))
    if text.startswith(("http://", "https://")):
        update_url = _sibling(text, "update") or text
        return Location(StoreKind.SPARQL, text, query_url=text, update_url=update_url, graph_store_url=_sibling(text, "store"))
    if text.startswith("oxigraph:"):
        folder = text[len("oxigraph:"):].strip()
        return Location(StoreKind.OXIGRAPH, text, path=Path(folder).expanduser() if folder else None)
    path = Path(text).expanduser()
    if path.suffix.lower() in RDF_FILE_FORMATS and not path.is_dir():
        return Location(StoreKind.FILE, text, path=path)
    return Location(StoreKind.OXIGRAPH, text, path=path)


def _sibling(query_url: str, name: str) -> str | None:
    return query_url[: -len("/query")] + f"/{name}" if query_url.endswith("/query") else None


def open_store(url: str | os.PathLike[str] | Location | None, *, read_only: bool = False) -> Store:
    """Open a store from a location string (see `parse_location` for what it may say).

    Args:
        url: The location, or one already parsed.
        read_only: Refuse writes; a missing Oxigraph folder is an error, not created.

    Returns:
        The `Store`.

    Raises:
        StoreError: The path is a file that is not RDF, the folder is locked by
            another process, or the store cannot be opened.

    Examples:
        >>> open_store(None).kind
        <StoreKind.MEMORY: 'memory'>
        >>> open_store("sparql:http://localhost:7878/query|http://localhost:7878/update").kind == "sparql"
        True
    """
    where = url if isinstance(url, Location) else parse_location(url)
    if where.kind is StoreKind.MEMORY:
        from kg.store.memory import MemoryStore

        return MemoryStore(url=where.text)
    if where.kind is StoreKind.SPARQL:
        from kg.store.sparql import SparqlStore

        return SparqlStore(where.query_url, where.update_url, url=where.text, read_only=read_only,
                           graph_store_url=where.graph_store_url)
    if where.kind is StoreKind.FILE:
        from kg.store.memory import open_rdf_file

        if not where.path.exists():
            raise StoreError(f"{where.path}: no such RDF file")
        return open_rdf_file(where.path, url=where.text)
    from kg.store.oxigraph import open_oxigraph

    return open_oxigraph(where.path, read_only=read_only, url=where.text)
