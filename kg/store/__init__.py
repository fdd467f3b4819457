"""Claims → RDF → stores: the mapping, the backends, SPARQL and the read-only endpoint.

- `document_graph` maps one document's claims to the kg ontology; `actor_iri` is the
  only function that mints actor IRIs.
- `open_store` opens memory, Oxigraph on disk, a remote SPARQL endpoint or an RDF file:
  one module per backend (`memory`, `oxigraph`, `sparql`) beside the shared `base.Store`,
  `files` (formats, `atomic_write`), `guard` (what a query may read) and `location` (the
  one parser of store locations).
- `run_named` runs the named queries in ``kg/store/queries/*.rq``.
- `serve` answers SPARQL over HTTP, read-only.

Each name below is imported on first use (PEP 562): ``kg extract``, which only writes files
with `atomic_write`, does not load rdflib.
"""

from typing import TYPE_CHECKING

from kg._lazy import lazy_names

if TYPE_CHECKING:  # what the lazy names below are, for readers and type checkers
    from kg.store.base import Store
    from kg.store.endpoint import make_server, serve
    from kg.store.files import EXPORT_FORMATS, atomic_write
    from kg.store.location import Location, StoreKind, open_store, parse_location
    from kg.store.mapping import ACTORS_GRAPH, actor_iri, claim_iri, document_graph, document_iri, event_iri, sentence_iri
    from kg.store.named import NamedQuery, named_queries, run_named

__all__ = [
    "ACTORS_GRAPH",
    "EXPORT_FORMATS",
    "Location",
    "NamedQuery",
    "Store",
    "StoreKind",
    "actor_iri",
    "atomic_write",
    "claim_iri",
    "document_graph",
    "document_iri",
    "event_iri",
    "make_server",
    "named_queries",
    "open_store",
    "parse_location",
    "run_named",
    "sentence_iri",
    "serve",
]

#: The module each public name lives in, imported when the name is first used.
_LAZY = {
    "ACTORS_GRAPH": "kg.store.mapping", "EXPORT_FORMATS": "kg.store.files", "Location": "kg.store.location",
    "NamedQuery": "kg.store.named", "Store": "kg.store.base", "StoreKind": "kg.store.location",
    "actor_iri": "kg.store.mapping", "atomic_write": "kg.store.files", "claim_iri": "kg.store.mapping",
    "document_graph": "kg.store.mapping", "document_iri": "kg.store.mapping", "event_iri": "kg.store.mapping",
    "make_server": "kg.store.endpoint", "named_queries": "kg.store.named", "open_store": "kg.store.location",
    "parse_location": "kg.store.location", "run_named": "kg.store.named", "sentence_iri": "kg.store.mapping",
    "serve": "kg.store.endpoint",
}
__getattr__, __dir__ = lazy_names(__name__, _LAZY)
