"""A remote SPARQL 1.1 endpoint: queries and updates over HTTP, batches by the Graph Store protocol."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from rdflib import Dataset, Literal, URIRef

from kg.errors import StoreError
from kg.store.base import Store, StoreKind, _what
from kg.store.files import one_line

__all__ = ["SparqlStore"]


class SparqlStore(Store):
    """A SPARQL 1.1 endpoint whose default graph is the union of its named graphs.

    Attributes:
        query_url: Where queries go.
        update_url: Where updates go (None: read-only).
        graph_store_url: The SPARQL 1.1 Graph Store protocol URL, where known: batches of
            N-Quads are POSTed there in one request, else sent as ``INSERT DATA``.
    """

    kind = StoreKind.SPARQL

    def __init__(self, query_url: str, update_url: str | None, *, url: str, read_only: bool = False,
                 graph_store_url: str | None = None) -> None:
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        backend = SPARQLUpdateStore(query_url, update_url or query_url, autocommit=False, returnFormat="json")
        super().__init__(Dataset(store=backend, default_union=True), url=url, read_only=read_only or update_url is None)
        self.query_url = query_url
        self.update_url = update_url
        self.graph_store_url = graph_store_url

    def check(self) -> None:
        """Make sure the endpoint answers, before any work is done.

        Raises:
            StoreError: The endpoint cannot be reached.
        """
        probe = f"{self.query_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        try:
            urllib.request.urlopen(probe, timeout=10).read()  # noqa: S310 (the user's endpoint)
        except urllib.error.HTTPError:
            return  # it answers
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.url}: endpoint unreachable: {one_line(getattr(exc, 'reason', exc))}") from exc

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:  # noqa: D102 - one query for the lot
        hashes = list(dict.fromkeys(hashes))
        if not hashes:
            return set()
        values = " ".join(Literal(h).n3() for h in hashes)
        rows = self.query(f"SELECT DISTINCT ?h WHERE {{ VALUES ?h {{ {values} }} GRAPH ?g {{ ?g kg:contentHash ?h }} }}")
        return {str(row[0]) for row in rows}

    def load_nquads(self, source: Path | bytes) -> None:
        """Add N-Quads to the endpoint: one Graph Store protocol ``POST`` of ``application/n-quads``.

        Raises:
            StoreError: The store is read-only, or the endpoint refused the batch.
        """
        self._writable()
        data = source.read_bytes() if isinstance(source, Path) else source
        try:
            if self.graph_store_url:
                request = urllib.request.Request(self.graph_store_url, data=data, method="POST",
                                                 headers={"Content-Type": "application/n-quads"})
                with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310 (the user's endpoint)
                    response.read()
            else:
                self._insert(data)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.url}: could not load {_what(source)}: {one_line(exc)}") from exc

    def _insert(self, data: bytes) -> None:
        """N-Quads as one SPARQL ``INSERT DATA`` (an endpoint without the Graph Store protocol)."""
        import pyoxigraph as ox

        graphs: dict[str, list[str]] = {}
        for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            graphs.setdefault(str(quad.graph_name), []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
        body = " ".join(f"GRAPH {name} {{ {' '.join(rows)} }}" for name, rows in graphs.items())
        self.graph.update(f"INSERT DATA {{ {body} }}")
        self.graph.store.commit()

    def _add_quads(self, quads: list) -> None:
        self.graph.addN(quads)
        self.graph.store.commit()

    def _commit(self) -> None:
        self.graph.store.commit()

    def _remove_graph(self, iri: URIRef) -> None:
        self.graph.update(f"DROP SILENT GRAPH <{iri}>")
        self.graph.store.commit()
