"""Doc → Triple, nominal events: "launched an attack on Saudi Arabia" → (_, attack, Saudi Arabia)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.types import Triple

__all__ = ["nominal_triples"]


def nominal_triples(triples: Iterable[Triple]) -> Iterator[Triple]:
    """Events named by nouns after support verbs (none yet)."""
    return iter(())
