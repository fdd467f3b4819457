"""Actors of a corpus → rows an analyst reviews: mentions, aliases, merges, suspected duplicates.

Suspected duplicates are pairs of canonical actors that `kg.actors.identity` kept apart but
that an analyst should look at: a surname shared by several people ("Bush": George W. Bush
or Jeb Bush?), labels that differ by little ("Sergei Lavrov" / "Sergie Lavrov", the same
name with and without "the"), and one label inside the other with the same code ("Hamas" /
"Hamas militants"). Each is resolved by a line of an actor file ("same as", "never merge").

Examples:
    >>> from kg.types import Actor, ActorType
    >>> rows = actor_rows([Actor("person/bush", "Bush", ActorType.PERSON),
    ...                    Actor("person/jeb-bush", "Jeb Bush", ActorType.PERSON),
    ...                    Actor("person/george-w-bush", "George W. Bush", ActorType.PERSON)], {})
    >>> [r["suspected_duplicates"] for r in rows if r["id"] == "person/bush"]
    [['person/george-w-bush (ambiguous surname)', 'person/jeb-bush (ambiguous surname)']]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from kg.types import Actor

from kg.actors.identity import corpus_identity
from kg.actors.ids import slug

__all__ = ["actor_rows"]


def _plain(label: str) -> str:
    words = slug(label).split("-")
    return " ".join(w for w in words if w != "the")


def actor_rows(
    actors: Iterable[Actor],
    counts: Mapping[str, int],
    *,
    same_as: Iterable[tuple[str, str]] = (),
    never: Iterable[tuple[str, str]] = (),
) -> list[dict[str, Any]]:
    """One row per canonical actor, most mentioned first (then by id).

    Args:
        actors: The corpus's actors (repeats allowed).
        counts: Mentions per actor id.
        same_as: An analyst's "same as" pairs.
        never: An analyst's "never merge" pairs.

    Returns:
        Dicts with ``id``, ``type``, ``label``, ``mentions`` (of it and every id merged
        into it), ``code``, ``aliases``, ``merged`` (ids, with the rule) and
        ``suspected_duplicates`` (ids, with the reason).
    """
    by_id: dict[str, Actor] = {}
    for actor in actors:
        by_id.setdefault(actor.id, actor)
    never = list(never)
    identity = corpus_identity(by_id.values(), counts=counts, same_as=same_as, never=never)
    members = identity.members()
    heads = sorted(i for i in by_id if identity.of(i) == i)
    kept_apart = {frozenset(p) for p in never}
    suspects: dict[str, set[str]] = {h: set() for h in heads}
    for member, candidates in identity.ambiguous.items():
        head = identity.of(member)
        for c in candidates:
            if frozenset((head, c)) not in kept_apart:
                suspects[head].add(f"{identity.of(c)} (ambiguous surname)")
    plain = {h: _plain(by_id[h].label) for h in heads}
    for n, a in enumerate(heads):
        for b in heads[n + 1 :]:
            if frozenset((a, b)) in kept_apart or by_id[a].type is not by_id[b].type:
                continue
            pa, pb = plain[a], plain[b]
            reason = None
            if pa == pb:
                reason = "same label"
            elif min(len(pa), len(pb)) >= 6 and difflib.SequenceMatcher(None, pa, pb).ratio() >= 0.9:
                reason = "near-identical labels"
            elif by_id[a].code and by_id[a].code == by_id[b].code and (f" {pa} " in f" {pb} " or f" {pb} " in f" {pa} "):
                reason = "one label inside the other, same code"
            if reason:
                suspects[a].add(f"{b} ({reason})")
                suspects[b].add(f"{a} ({reason})")
    rows = []
    for h in heads:
        actor = by_id[h]
        group = [h, *members.get(h, [])]
        aliases = sorted({a for i in group for a in by_id[i].aliases} | {by_id[i].label for i in group} - {actor.label})
        rows.append(
            {
                "id": h,
                "type": actor.type.value,
                "label": actor.label,
                "mentions": sum(counts.get(i, 0) for i in group),
                "code": actor.code,
                "aliases": aliases,
                "merged": [f"{m} ({identity.reasons.get(m, '')})" for m in members.get(h, [])],
                "suspected_duplicates": sorted(suspects[h]),
            }
        )
    rows.sort(key=lambda r: (-r["mentions"], r["id"]))
    return rows
