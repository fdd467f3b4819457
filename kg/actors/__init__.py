"""Triples → actors: mentions in a parsed document → canonical political actors.

Stage three of the flow (documents → Doc → triples → **actors** → events → RDF). A
`ActorRegistry` holds the gazetteer (countries, demonyms, capitals, IGOs, role words; plus
any PETRARCH/Phoenix dictionaries) and remembers actors across documents;
`resolve_actors` finds, for one parsed document, which actor each phrase denotes.

Examples:
    >>> from kg.actors import ActorRegistry, resolve_actors
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

from kg._lazy import lazy_names

# Each name loads its module on first use (PEP 562), so `import kg.actors.ids` (what the
# store needs to mint actor IRIs) neither parses nor loads spaCy, which the resolver needs.
_LAZY = {
    "ActorKind": "kg.actors.ids",
    "ActorRegistry": "kg.actors.registry",
    "Identity": "kg.actors.identity",
    "Mention": "kg.actors.resolve",
    "Resolution": "kg.actors.resolve",
    "actor_id": "kg.actors.ids",
    "corpus_identity": "kg.actors.identity",
    "parse_actor_id": "kg.actors.ids",
    "resolve_actors": "kg.actors.resolve",
    "state_of": "kg.actors.registry",
}

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


__getattr__, __dir__ = lazy_names(__name__, _LAZY)
