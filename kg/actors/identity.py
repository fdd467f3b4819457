"""Actors of a corpus → one actor per real-world actor: which ids are the same actor.

Resolution gives each document's actors ids that are a pure function of that document
(`kg.actors.resolve`). This pass looks at the **set** of actors a corpus holds, sorted, never
at the order documents came in, and decides which ids denote one actor:

1. an analyst's "same as" pairs (`kg.actors.analyst`);
2. people whose full names are spelling variants of one another ("Sergei Lavrov" and
   "Sergey Lavrov", "Mohammed bin Salman" and "Muhammad bin Salman": `kg.actors.personal`);
3. a full name without middle initials and the one name that adds them ("George Bush" and
   "George W. Bush"; with "George H. W. Bush" too, it stays apart);
4. a surname alone ("Putin", "Mr Ban") and the one person whose family name it is;
5. a one-word organisation or group that is the family name of one person ("Biden" tagged
   as an organisation), so that an actor never has two types.

A short name shared by several people (two Bushes, two Kims) is not merged; the reason says
which candidates it had. An analyst's "never merge" pair is never joined, whatever rule
would join it. The canonical id of a set is its fullest personal name (most words), then
one with a country, then the smallest id: adding documents can only add merges, or move a
set to a fuller name.

Examples:
    >>> from kg.types import Actor, ActorType
    >>> people = [Actor("person/putin", "Putin", ActorType.PERSON),
    ...           Actor("person/vladimir-putin", "Vladimir Putin", ActorType.PERSON)]
    >>> corpus_identity(people).of("person/putin")
    'person/vladimir-putin'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.types import Actor, ActorType

from kg.actors.ids import ActorKind, parse_actor_id
from kg.actors.personal import name_parts

__all__ = ["Identity", "corpus_identity"]


@dataclass(frozen=True, slots=True)
class Identity:
    """Which actor ids of a corpus are one actor, and why.

    Attributes:
        canonical: Every id that is not its own canonical id → its canonical id.
        reasons: Those same ids → the rule that merged them.
        ambiguous: Ids left apart because several actors could be meant → the candidates.
        refused: Pairs an analyst's "never merge" kept apart → the rule that would have joined them.
    """

    canonical: Mapping[str, str] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    refused: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def of(self, actor_id: str) -> str:
        """The canonical id of an actor id (itself where nothing merged it)."""
        return self.canonical.get(actor_id, actor_id)

    def members(self) -> dict[str, list[str]]:
        """Canonical id → the other ids merged into it, sorted."""
        out: dict[str, list[str]] = {}
        for member, head in sorted(self.canonical.items()):
            out.setdefault(head, []).append(member)
        return out


class _Sets:
    """Union-find over actor ids that refuses to join two ids an analyst kept apart."""

    def __init__(self, ids: Iterable[str], never: Iterable[tuple[str, str]]) -> None:
        self.parent = {i: i for i in ids}
        self.never = {frozenset(p) for p in never}
        self.why: dict[str, str] = {}
        self.refused: dict[tuple[str, str], str] = {}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return self.parent[x]

    def members(self, root: str) -> list[str]:
        return [i for i in self.parent if self.find(i) == root]

    def join(self, a: str, b: str, reason: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        left, right = self.members(ra), self.members(rb)
        for x in left:
            for y in right:
                if frozenset((x, y)) in self.never:
                    self.refused[tuple(sorted((x, y)))] = reason
                    return
        self.parent[max(ra, rb)] = min(ra, rb)
        for x in (a, b):
            self.why.setdefault(x, reason)


def _rank(actor: Actor, count: int) -> tuple:
    parts = name_parts(actor.label) if actor.type is ActorType.PERSON else None
    return (
        actor.type is ActorType.PERSON,
        bool(parts and parts.full),
        len(actor.label.split()) if parts else 0,
        bool(actor.country),
        -len(actor.id),
    )


def corpus_identity(
    actors: Iterable[Actor],
    *,
    counts: Mapping[str, int] | None = None,
    same_as: Iterable[tuple[str, str]] = (),
    never: Iterable[tuple[str, str]] = (),
) -> Identity:
    """Decide which actor ids of a corpus denote one actor (see the module notes).

    Args:
        actors: The corpus's actors, in any order and with repeats (one per document).
        counts: Mentions per id, shown to analysts; never used to decide.
        same_as: Pairs of ids an analyst says are one actor.
        never: Pairs of ids an analyst says are never one actor.

    Returns:
        The `Identity`; the same for any order of `actors`.
    """
    by_id: dict[str, Actor] = {}
    for actor in actors:
        by_id.setdefault(actor.id, actor)
    ids = sorted(by_id)
    seen = set(ids)
    for a, b in [*same_as, *never]:
        for x in (a, b):
            if x not in by_id:
                ids.append(x)
                by_id[x] = Actor(x, parse_actor_id(x)[1], ActorType.PERSON if x.startswith("person/") else ActorType.ORGANIZATION)
    ids = sorted(set(ids))
    sets = _Sets(ids, never)
    for a, b in sorted(tuple(sorted(p)) for p in same_as):
        sets.join(a, b, "same as (actor file)")
    people = {i: name_parts(by_id[i].label) for i in ids if by_id[i].type is ActorType.PERSON}
    full = {i: p for i, p in people.items() if p.full and p.family}
    by_key: dict[tuple, list[str]] = {}
    for i, p in full.items():
        by_key.setdefault((p.given, p.middles, p.family), []).append(i)
    for key, group in sorted(by_key.items()):
        for other in group[1:]:
            sets.join(group[0], other, "spelling variants of one name")
    for i, p in sorted(full.items()):
        if p.middles:
            continue
        wider = sorted({sets.find(j) for j, q in full.items() if q.middles and (q.given, q.family) == (p.given, p.family)})
        if len(wider) == 1:
            sets.join(i, wider[0], "the same name with middle initials")
    by_family: dict[str, set[str]] = {}
    for i, p in full.items():
        by_family.setdefault(p.family, set()).add(i)
    ambiguous: dict[str, tuple[str, ...]] = {}

    def surname(i: str, family: str, reason: str) -> None:
        heads = sorted({sets.find(j) for j in by_family.get(family, ())})
        if len(heads) == 1:
            sets.join(i, heads[0], reason)
        elif len(heads) > 1:
            ambiguous[i] = tuple(heads)

    for i, p in sorted(people.items()):
        if not p.full and p.family:
            surname(i, p.family, "a surname of one person in the corpus")
    for i in ids:
        actor = by_id[i]
        try:
            kind = parse_actor_id(i)[0]
        except InputError:
            continue  # an id some other tool wrote into the store: left as it is
        if kind in (ActorKind.ORG, ActorKind.GROUP) and len(actor.label.split()) == 1 and actor.label[:1].isupper():
            surname(i, name_parts(actor.label).family, "a surname tagged as an organisation")
    counts = counts or {}
    canonical: dict[str, str] = {}
    reasons: dict[str, str] = {}
    roots: dict[str, list[str]] = {}
    for i in ids:
        roots.setdefault(sets.find(i), []).append(i)
    for members in roots.values():
        members = [m for m in members if m in seen]  # an actor file may name ids the corpus lacks
        if len(members) <= 1:
            continue
        head = max(members, key=lambda m: (_rank(by_id[m], counts.get(m, 0)), [-ord(c) for c in m]))
        for m in members:
            if m != head:
                canonical[m] = head
                reasons[m] = sets.why.get(m, "merged with " + ", ".join(x for x in members if x != m))
    return Identity(canonical, reasons, ambiguous, dict(sets.refused))
