"""Claims → RDF → stores: the mapping, the backends, SPARQL and the read-only endpoint.

- `document_graph` maps one document's claims to the kg ontology; `actor_iri` is the
  only function that mints actor IRIs.
- `open_store` opens memory, Oxigraph on disk, a remote SPARQL endpoint or an RDF file.
- `run_named` runs the named queries in ``kg/store/queries/*.rq``.
- `serve` answers SPARQL over HTTP, read-only.
"""

from kg.store.backends import EXPORT_FORMATS, Store, atomic_write, open_store
from kg.store.endpoint import make_server, serve
from kg.store.mapping import ACTORS_GRAPH, actor_iri, claim_iri, document_graph, document_iri, event_iri, sentence_iri
from kg.store.named import NamedQuery, named_queries, run_named

__all__ = [
    "ACTORS_GRAPH",
    "EXPORT_FORMATS",
    "NamedQuery",
    "Store",
    "actor_iri",
    "atomic_write",
    "claim_iri",
    "document_graph",
    "document_iri",
    "event_iri",
    "make_server",
    "named_queries",
    "open_store",
    "run_named",
    "sentence_iri",
    "serve",
]
