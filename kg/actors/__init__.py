"""Triples → actors: mentions in a parsed document → canonical political actors.

Stage three of the flow (documents → Doc → triples → **actors** → events → RDF). A
`ActorRegistry` holds the gazetteer (countries, demonyms, capitals, IGOs, role words; plus
any PETRARCH/Phoenix dictionaries) and remembers actors across documents;
`resolve_actors` finds, for one parsed document, which actor each phrase denotes.

Examples:
    >>> from kg.nlp import load_pipeline
    >>> from kg.types import Document
    >>> registry = ActorRegistry()
    >>> text = "Iranian Foreign Minister Javad Zarif met NATO officials in Brussels."
    >>> doc = load_pipeline()(text)
    >>> res = resolve_actors(doc, Document("d1", text), registry)
    >>> zarif = res.actor_of(doc[0:5])
    >>> zarif.id, zarif.code, zarif.roles[0].title
    ('person/mohammad-javad-zarif', 'IRNGOV', 'foreign minister')

Ids are a pure function of the document (`actor_id`, `parse_actor_id`); which ids of a
corpus are one actor is decided over the set of them by `corpus_identity`, whatever the
order documents came in. See `kg.actors.resolve` for the rules and their limits.
"""

from kg.actors.identity import Identity, corpus_identity
from kg.actors.ids import ActorKind, actor_id, parse_actor_id
from kg.actors.registry import ActorRegistry, state_of
from kg.actors.resolve import Mention, Resolution, resolve_actors

__all__ = [
    "ActorKind",
    "ActorRegistry",
    "Identity",
    "Mention",
    "Resolution",
    "actor_id",
    "corpus_identity",
    "parse_actor_id",
    "resolve_actors",
    "state_of",
]
