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
    ('person/javad-zarif', 'IRNGOV', 'foreign minister')

See `kg.actors.resolve` for the rules and their limits.
"""

from kg.actors.registry import ActorRegistry, state_of
from kg.actors.resolve import Mention, Resolution, resolve_actors

__all__ = ["ActorRegistry", "Mention", "Resolution", "resolve_actors", "state_of"]
