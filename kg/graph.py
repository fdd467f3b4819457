"""The user's handle on a built graph: SPARQL, files, networkx, HTML.

`KnowledgeGraph` sits at the end of the flow and only delegates: queries and files to the
store, the actor network to `kg.network`, the picture to `kg.viz`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from kg.store import Store, atomic_write, open_store, parse_location

__all__ = ["KnowledgeGraph", "Summary"]

_COUNTS = """
SELECT
  (COUNT(DISTINCT ?actor) AS ?actors)
  (COUNT(DISTINCT ?claim) AS ?claims)
  (COUNT(DISTINCT ?event) AS ?events)
  (COUNT(DISTINCT ?doc) AS ?documents)
WHERE {
  { ?actor a kg:Actor }
  UNION { ?claim a kg:Claim }
  UNION { ?event a kg:Event }
  UNION { ?doc a kg:Document }
}
"""


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

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stats = None  # what `kg.pipeline.build` did: a `BuildStats`

    @classmethod
    def open(cls, location: str | Path) -> KnowledgeGraph:
        """Open a store folder, an endpoint URL, or an RDF file (read into memory), read-only.

        Raises:
            StoreError: Nothing is there (a mistyped folder is not made into an empty store).
        """
        where = parse_location(location)
        if where.path is not None and not where.path.exists():
            raise StoreError(f"{location}: no such store or file")
        return cls(open_store(where, read_only=True))

    @property
    def rdf(self):
        """The rdflib graph (a Dataset where the store keeps a graph per document)."""
        return self.store.graph

    def query(self, sparql: str, **bindings):
        """Run SPARQL with kg's prefixes declared; returns rdflib's result (iterate for rows).

        Raises:
            QueryError: The query does not parse or cannot run.
        """
        return self.store.query(sparql, **bindings)

    def summary(self) -> Summary:
        """Counts of documents, actors, claims and events."""
        row = next(iter(self.query(_COUNTS)))
        return Summary(
            documents=int(row.documents), actors=int(row.actors), claims=int(row.claims), events=int(row.events)
        )

    def serialize(self, path: Path | str, *, format: str = "turtle") -> Path:
        """Write the graph as Turtle, N-Triples, TriG, N-Quads or JSON-LD, atomically.

        Raises:
            InputError: Unknown format.
            OutputError: The file cannot be written.
        """
        return self.store.export(path, format=format)

    def to_networkx(self):
        """The actor network as a networkx ``MultiDiGraph`` (see `kg.network.to_networkx`)."""
        from kg.network import to_networkx

        return to_networkx(self.store)

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
