"""Claims → RDF → stores: the mapping, the backends, SPARQL and the read-only endpoint.

- `document_graph` maps one document's claims to the kg ontology; `actor_iri` is the
  only function that mints actor IRIs.
- `open_store` opens memory, Oxigraph on disk, a remote SPARQL endpoint or an RDF file:
  one module per backend (`memory`, `oxigraph`, `sparql`) beside the shared `base.Store`,
  `files` (formats, `atomic_write`), `guard` (what a query may read) and `location` (the
  one parser of store locations).
- `run_named` runs the named queries in ``kg/store/queries/*.rq``.
- `serve` answers SPARQL over HTTP, read-only.
"""

from kg.store.base import Store
from kg.store.files import EXPORT_FORMATS, atomic_write
from kg.store.location import Location, StoreKind, open_store, parse_location
from kg.store.endpoint import make_server, serve
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
