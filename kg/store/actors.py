"""RDF → actors and back: the actors a store holds, and the identity decided over them.

`stored_actors` reads every actor a store describes (with how many claims and events
mention it); `record_identity` runs `kg.actors.identity.corpus_identity` over that set and
writes its decisions as ``owl:sameAs`` links (``merged owl:sameAs canonical``), so that
documents added later can merge actors that were apart without re-reading the earlier ones.

Examples:
    >>> from kg.store import open_store
    >>> store = open_store(None)
    >>> stored_actors(store)
    ([], {})
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDFS

from kg.actors.identity import Identity, corpus_identity
from kg.ontology import ID, local_name
from kg.types import Actor, ActorType, Document

from kg.store.mapping import actor_iri
from kg.store.named import view_query

__all__ = ["ACTOR_PREFIX", "actor_id_of", "canonical_ids", "canonical_iris", "identity_graph", "record_identity", "stored_actors"]

log = logging.getLogger(__name__)

#: Every actor IRI starts with this; what follows is the actor id.
ACTOR_PREFIX = str(ID["actor/"])


def actor_id_of(iri: object) -> str:
    """The actor id of an actor IRI (the inverse of `kg.store.actor_iri`)."""
    from urllib.parse import unquote

    return unquote(str(iri)[len(ACTOR_PREFIX):])


def stored_actors(store) -> tuple[list[Actor], dict[str, int]]:  # noqa: ANN001
    """Every actor a store describes, sorted by id, and the claims and events that mention each.

    An actor described with several labels (one per document) is listed once per label;
    `kg.actors.identity.corpus_identity` takes the first of each id.
    """
    aliases: dict[str, set[str]] = {}
    for iri, alias in store.query(view_query("actor-aliases")):
        aliases.setdefault(str(iri), set()).add(str(alias))
    seen: dict[tuple[str, str], Actor] = {}
    for iri, type_, label, country, sector, code in store.query(view_query("stored-actors")):
        if not str(iri).startswith(ACTOR_PREFIX) or (str(iri), str(label)) in seen:
            continue
        kind = ActorType(local_name(type_))
        cameo = str(code) if code is not None and str(code) != f"{country or ''}{sector or ''}" else None
        seen[(str(iri), str(label))] = Actor(actor_id_of(iri), str(label), kind, _text(country), _text(sector),
                                             frozenset(aliases.get(str(iri), ())), (), cameo)
    actors = list(seen.values())
    counts = {actor_id_of(row[0]): int(row[1]) for row in store.query(view_query("actor-mentions")) if str(row[0]).startswith(ACTOR_PREFIX)}
    actors.sort(key=lambda a: (a.id, a.label))
    return actors, counts


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def canonical_ids(store) -> dict[str, str]:  # noqa: ANN001
    """Actor id → the canonical id the store's ``owl:sameAs`` links lead to (only ids that have one).

    What a query or a network needs to count one actor once: replace each id by
    ``canonical_ids(store).get(id, id)``. `store` is a store or any rdflib graph.
    """
    links = {actor_id_of(a): actor_id_of(b) for a, b in store.query(view_query("same-as"))
             if str(a).startswith(ACTOR_PREFIX) and str(b).startswith(ACTOR_PREFIX)}
    out = {}
    for start in sorted(links):
        head, hops = start, 0
        while head in links and hops <= len(links):  # links written by later builds chain on
            head, hops = links[head], hops + 1
        if head != start:
            out[start] = head
    return out


def canonical_iris(store) -> dict[str, str]:  # noqa: ANN001
    """`canonical_ids` as actor IRIs: merged actor IRI → its canonical actor's IRI.

    What the network and the tables read to show each merged actor once, at its canonical node or row.
    """
    return {str(actor_iri(member)): str(actor_iri(head)) for member, head in canonical_ids(store).items()}


def identity_graph(identity: Identity) -> Graph:
    """``merged owl:sameAs canonical`` for each merge, with the rule as an ``rdfs:comment``."""
    g = Graph()
    for member, head in sorted(identity.canonical.items()):
        g.add((actor_iri(member), OWL.sameAs, actor_iri(head)))
        g.add((actor_iri(member), RDFS.comment, Literal(f"same as {head}: {identity.reasons.get(member, '')}")))
    return g


def _drop_stale_links(store, identity: Identity) -> None:  # noqa: ANN001
    """Remove the stored links this identity no longer makes (a head that moved, a pair kept apart).

    So every member links straight to its head, one ``owl:sameAs`` each, and a query needs
    one level of it, never a path.
    """
    stale: list[tuple] = []
    for a, b, comment in store.query(view_query("same-as-reasons")):
        if not (str(a).startswith(ACTOR_PREFIX) and str(b).startswith(ACTOR_PREFIX)):
            continue
        if identity.of(actor_id_of(a)) == actor_id_of(b):
            continue
        stale.append((a, OWL.sameAs, b))
        if comment is not None:
            stale.append((a, RDFS.comment, comment))
    if stale:
        store.remove_actor_triples(stale)
        log.info("%d stored actor links no longer hold and were removed", sum(p == OWL.sameAs for _, p, _ in stale))


def record_identity(store, *, same_as: Iterable[tuple[str, str]] = (), never: Iterable[tuple[str, str]] = ()) -> Identity:  # noqa: ANN001
    """Decide the identity of the store's actors and write the merges not yet written.

    Args:
        store: An open, writable `kg.store.Store`.
        same_as: Pairs an analyst says are one actor.
        never: Pairs an analyst says are never one actor.

    Returns:
        The `Identity` over every actor the store holds.
    """
    actors, counts = stored_actors(store)
    identity = corpus_identity(actors, counts=counts, same_as=same_as, never=never)
    _drop_stale_links(store, identity)
    graph = identity_graph(identity)
    if len(graph):
        text = graph.serialize(format="nt")
        lines = sorted(line for line in text.splitlines() if line.strip())
        # the links go to the shared actor graph (their subjects are actors); the same
        # decisions twice are one write, as the same document twice is
        store.add_document(Document("actor-identity", "\n".join(lines)), graph)
        log.info("%d actor ids merged into %d actors", len(identity.canonical), len(identity.members()))
    return identity
