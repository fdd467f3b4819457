"""The exceptions `kg` raises on purpose.

::

    KGError
    ├─ InputError        what the caller gave cannot be used: an unreadable, empty or
    │  │                 undecodable file, not text, a bad option or argument value
    │  │                 (an unknown --format, a malformed NAME=VALUE)
    │  └─ QueryError     malformed SPARQL, an unknown named query, a query refused
    ├─ OutputError       an output that cannot be written (a folder in the way, no
    │                    permission, disk full); the file there before is left as it was
    ├─ ModelError        no spaCy pipeline installed / wrong version
    ├─ OntologyError     unknown term, bad Turtle
    └─ StoreError        no such store (the same class wherever a store is opened),
                         store locked, endpoint unreachable, write refused

The command line prints any `KGError` as one line and exits with status 1 (a value the
command line parser itself refuses, e.g. ``--port abc``, is reported as an `InputError`
too; an unknown option or a missing argument is a usage error, status 2). Anything else
is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = ["InputError", "KGError", "ModelError", "OntologyError", "OutputError", "QueryError", "StoreError"]


class KGError(Exception):
    """Base class of every error `kg` raises on purpose."""


class InputError(KGError):
    """An input that cannot be used: a file or text that cannot be read, or a bad option value."""


class QueryError(InputError):
    """A SPARQL query that cannot be parsed or run, or an unknown named query."""


class OutputError(KGError):
    """An output file or folder that cannot be written."""


class ModelError(KGError):
    """No usable spaCy pipeline."""


class OntologyError(KGError):
    """An unknown vocabulary term or unreadable ontology."""


class StoreError(KGError):
    """A graph store that does not exist, or cannot be opened, written or reached."""
