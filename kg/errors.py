"""The exceptions `kg` raises on purpose.

::

    KGError
    ├─ InputError        unreadable file, not text, wrong encoding, empty corpus
    ├─ ModelError        no spaCy pipeline installed / wrong version
    ├─ OntologyError     unknown term, bad Turtle
    ├─ StoreError        store locked, endpoint unreachable, write refused
    └─ QueryError        malformed SPARQL, unknown named query

The command line prints any `KGError` as one line and exits non-zero; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = ["InputError", "KGError", "ModelError", "OntologyError", "QueryError", "StoreError"]


class KGError(Exception):
    """Base class of every error `kg` raises on purpose."""


class InputError(KGError):
    """An input file or text that cannot be read as a document."""


class ModelError(KGError):
    """No usable spaCy pipeline."""


class OntologyError(KGError):
    """An unknown vocabulary term or unreadable ontology."""


class StoreError(KGError):
    """A graph store that cannot be opened, written or reached."""


class QueryError(KGError):
    """A SPARQL query that cannot be parsed or run, or an unknown named query."""
