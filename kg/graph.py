"""The user's handle on a built graph: SPARQL, files, networkx, HTML.

`KnowledgeGraph` sits at the end of the flow and only delegates: queries and files to the
store, the actor network to `kg.network`, the picture to `kg.viz`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError
from kg.store import Store, atomic_write, open_store, parse_location
from kg.store.named import view_query

__all__ = ["KnowledgeGraph", "Summary"]

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

    def named(self, name: str, **params: str):
        """Run the named query `name` (``kg/store/queries/NAME.rq``, as ``kg query --named``).

        Raises:
            QueryError: An unknown query (the message lists the valid names) or a bad parameter.

        Examples:
            >>> import kg
            >>> g = kg.build_graph(["Iran rejected the proposal."])
            >>> [(str(r.actor), str(r.relation), str(r.object)) for r in g.named("who-rejected-what")]
            [('Iran', 'reject', 'the proposal')]
        """
        from kg.store.named import run_named

        return run_named(self.store, name, params)

    def summary(self) -> Summary:
        """Counts of documents, actors, claims and events."""
        row = next(iter(self.query(view_query("graph-summary"))))
        return Summary(
            documents=int(row.documents), actors=int(row.actors), claims=int(row.claims), events=int(row.events)
        )

    def export(self, path: Path | str, *, format: str = "turtle") -> Path:
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

    def to_html(self, path: Path | str | None = None, *, title: str | None = None) -> str | Path:
        """The interactive actor network as one self-contained HTML page.

        Returns:
            The page as a string; or, given ``path``, the path written (atomically), so a
            notebook cell that writes the page does not print it.
        """
        from kg.viz import html

        page = html(self.to_networkx(), title=title)
        if path is not None:
            return atomic_write(path, page)
        return page

    def claims_df(self):
        """The claims as a pandas DataFrame: one row per claim, the columns of ``kg extract``.

        Columns are `kg.store.frames.CLAIM_COLUMNS`: ``negated`` bool, ``confidence``
        float, ``date`` datetime64, text columns strings, missing values None/NaN/NaT.

        Raises:
            ImportError: pandas is not installed (``pip install 'kg[pandas]'``).

        Examples:
            >>> import kg
            >>> g = kg.build_graph(["Iran rejected talks with the United States."])
            >>> g.claims_df()[["subject", "relation", "negated"]].values.tolist()
            [['Iran', 'reject', False]]
        """
        from kg.store.frames import CLAIM_COLUMNS, claim_rows, dataframe

        return dataframe(claim_rows(self.store), CLAIM_COLUMNS)

    def events_df(self):
        """The coded events as a pandas DataFrame: one row per event, the event table's columns.

        Columns are `kg.store.table.COLUMNS` (see `kg.store.table.EventRow` for how they
        match Phoenix, ICEWS and GDELT): ``date`` datetime64, ``quad`` and
        ``sentence_index`` nullable integers, ``intensity`` float.

        Raises:
            ImportError: pandas is not installed (``pip install 'kg[pandas]'``).
        """
        from kg.store.frames import dataframe
        from kg.store.table import COLUMNS, event_rows

        return dataframe(event_rows(self.store), COLUMNS)

    def actors_df(self):
        """The actors as a pandas DataFrame: one row per actor (`kg.store.frames.ACTOR_COLUMNS`).

        Raises:
            ImportError: pandas is not installed (``pip install 'kg[pandas]'``).
        """
        from kg.store.frames import ACTOR_COLUMNS, actor_rows, dataframe

        return dataframe(actor_rows(self.store), ACTOR_COLUMNS)

    def query_df(self, sparql: str, **bindings):
        """A SELECT query's result as a pandas DataFrame of plain values (str, int, float, bool, date).

        Raises:
            QueryError: The query does not parse, cannot run, or is not a SELECT.
            ImportError: pandas is not installed (``pip install 'kg[pandas]'``).
        """
        from kg.errors import QueryError
        from kg.store.frames import dataframe, result_rows

        result = self.query(sparql, **bindings)
        if result.type != "SELECT":
            raise QueryError(f"query_df needs a SELECT query, got {result.type}")
        columns, rows = result_rows(result)
        return dataframe(rows, columns)

    def timeline(self, *, freq: str = "month"):
        """Events between two actors counted by period and CAMEO quad class: the page's timeline as a DataFrame.

        Args:
            freq: ``"day"``, ``"week"`` or ``"month"``.

        Returns:
            A DataFrame with columns ``period`` (datetime64, the period's first day),
            ``quad`` (nullable integer 1–4) and ``count``; see `kg.network.event_timeline`.
        """
        from kg.network import event_timeline
        from kg.store.frames import dataframe

        return dataframe(event_timeline(self.to_networkx(), freq=freq), ["period", "quad", "count"])

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
