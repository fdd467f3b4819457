"""The working units of one document's resolution, shared by its passes.

A `Unit` is a phrase found by a pass (a name, a person, a role word, a pronoun, a
description) and what it is anchored to; a `Cluster` gathers the names of one person in
the document. Both live only while a document is resolved (`kg.actors.resolve`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.types import Actor, Role

from kg.actors.gazetteer import Entry, RoleWord

__all__ = ["DEFINITE", "Cluster", "Unit"]

#: Determiners that make a noun phrase definite (and so able to refer back).
DEFINITE = {"the", "this", "that", "these", "those"}


@dataclass(eq=False, slots=True)
class Unit:
    """A phrase found by a pass, and what it is anchored to (mutable while resolving)."""

    start: int
    end: int
    kind: str  # entry, person, role, pronoun, description
    entry: Entry | None = None
    role: RoleWord | None = None
    anchor: Unit | None = None
    person: Unit | None = None  # for a title: the person it qualifies
    cluster: int = -1  # for a person: its cluster
    actor: Actor | None = None
    resolved: bool = False
    plural: bool = False
    cue: str = ""


@dataclass(slots=True)
class Cluster:
    """The names, roles and codes of one person within a document."""

    key: str
    label: str
    names: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    codes: tuple[tuple[str, str | None, str | None], ...] = ()
    agents: list[str] = field(default_factory=list)  # dictionary agent codes of its titles
