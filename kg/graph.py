"""The user's handle on a built graph: SPARQL, files, networkx, HTML.

`KnowledgeGraph` sits at the end of the flow and only delegates: queries and files to the
store, the actor network to `kg.network`, the picture to `kg.viz`.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import rdflib

from kg.errors import StoreError

__all__ = ["KnowledgeGraph", "Summary", "atomic_write"]

_FORMATS = {
    "turtle": "turtle",
    "ttl": "turtle",
    "trig": "trig",
    "nquads": "nquads",
    "nq": "nquads",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "nt": "nt",
    "ntriples": "nt",
    "xml": "xml",
}

_COUNTS = """
SELECT
  (COUNT(DISTINCT ?actor) AS ?actors)
  (COUNT(DISTINCT ?claim) AS ?claims)
  (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?doc) AS ?documents)
WHERE {
  { ?actor a/rdfs:subClassOf* kg:Actor . FILTER(isIRI(?actor)) }
  UNION { ?claim a kg:Claim }
  UNION { ?event a kg:Event }
  UNION { ?doc a kg:Document }
}
"""


def atomic_write(path: Path | str, data: str | bytes) -> Path:
    """Write a file so that it is either the old file or the whole new one, never half.

    The data goes to a temporary file beside `path`, which then replaces it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@dataclass(frozen=True, slots=True)
class Summary:
    """How much a graph holds."""

    documents: int
    actors: int
    claims: int
    events: int


class KnowledgeGraph:
    """A knowledge graph of political actors, backed by a store.

    Examples:
        >>> import kg
        >>> g = kg.build_graph(["Iran launched a missile attack on Saudi Arabia."])
        >>> g.summary().claims >= 1
        True
    """

    def __init__(self, store) -> None:
        self.store = store

    @classmethod
    def open(cls, location: str | Path) -> KnowledgeGraph:
        """Open a store folder, an endpoint URL, or an RDF file (read into memory)."""
        from kg.store import open_store

        return cls(open_store(str(location)))

    @property
    def rdf(self):
        """The rdflib graph (a Dataset where the store keeps a graph per document)."""
        return self.store.graph

    def query(self, sparql: str, **bindings):
        """Run SPARQL with kg's prefixes declared; returns rdflib's result (iterate for rows).

        Raises:
            QueryError: The query does not parse or cannot run.
        """
        return self.store.query(sparql, **bindings) if bindings else self.store.query(sparql)

    def summary(self) -> Summary:
        """Counts of documents, actors, claims and events."""
        row = next(iter(self.query(_COUNTS)))
        return Summary(
            documents=int(row.documents), actors=int(row.actors), claims=int(row.claims), events=int(row.events)
        )

    def serialize(self, path: Path | str, *, format: str = "turtle") -> Path:
        """Write the graph as Turtle, TriG, N-Quads, N-Triples or JSON-LD, atomically.

        Raises:
            StoreError: Unknown format.
        """
        fmt = _FORMATS.get(format.lower())
        if fmt is None:
            raise StoreError(f"unknown RDF format {format!r} (valid: {', '.join(sorted(set(_FORMATS.values())))})")
        graph = self.rdf
        if fmt not in ("trig", "nquads") and hasattr(graph, "quads"):
            union = rdflib.Graph()
            for prefix, ns in graph.namespaces():
                union.bind(prefix, ns)
            for triple in graph.triples((None, None, None)):
                union.add(triple)
            graph = union
        return atomic_write(path, graph.serialize(format=fmt))

    def to_networkx(self):
        """The actor network as a networkx ``MultiDiGraph`` (see `kg.network.to_networkx`)."""
        from kg.network import to_networkx

        return to_networkx(self.rdf)

    def to_html(self, path: Path | str | None = None, *, title: str | None = None) -> str:
        """The interactive actor network as one self-contained HTML page; written to `path` if given."""
        from kg.viz import html

        page = html(self.to_networkx(), title=title)
        if path is not None:
            atomic_write(path, page)
        return page

    def _repr_html_(self) -> str:
        from kg.viz import notebook_html

        return notebook_html(self.to_networkx())

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.rdf)
