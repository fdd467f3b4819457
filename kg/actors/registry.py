"""The actor registry: cross-document memory of actors, and the names they are found by."""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from kg.errors import InputError
from kg.types import Actor, ActorType

from kg.actors import ids
from kg.actors.analyst import ANALYST_SUFFIXES, read_actor_file
from kg.actors.dictionaries import read_actor_dictionary, read_agent_dictionary
from kg.actors.gazetteer import ANALYST, Entry, Gazetteer, build_gazetteer, default_gazetteer, tokenize

__all__ = ["ActorRegistry", "state_of"]

log = logging.getLogger(__name__)


def state_of(actor: Actor) -> str | None:
    """The id of the state a government governs (``kg:governmentOf``), else None.

    Examples:
        >>> state_of(Actor("government/IRN", "Government of Iran", ActorType.GOVERNMENT, "IRN", "GOV"))
        'state/IRN'
    """
    return ids.state_of(actor.id) if actor.type is ActorType.GOVERNMENT else None


class ActorRegistry:
    """Every actor seen so far, across documents, with its aliases and roles merged.

    The same full name in two documents is the same actor (ids are stable: ``state/IRN``,
    ``government/IRN``, ``person/ali-khamenei``, ``igo/UNO``, ``group/european-states``).

    Args:
        dictionaries: Files to load: ``.toml`` and ``.csv`` files are an analyst's actor
            files (`kg.actors.analyst`: names, codes, "same as", "never merge"); of the
            PETRARCH/Phoenix dictionaries, files whose name contains ``agents`` are agent
            (role word) dictionaries, any other is an actor dictionary.
            Their names are matched before the built-in gazetteer's, and their codes give
            the matched actor's country and sector (dated codes by the document's date).

    Raises:
        InputError: A dictionary file is missing or unreadable.

    Examples:
        >>> reg = ActorRegistry()
        >>> reg.actors()
        []
    """

    def __init__(self, *, dictionaries: Sequence[Path | str] = ()) -> None:
        self._actors: dict[str, Actor] = {}
        self.dictionaries = tuple(Path(p) for p in dictionaries)
        for path in self.dictionaries:
            if not path.is_file():
                raise InputError(f"dictionary {path} does not exist or is not a file")
        files = [read_actor_file(p) for p in self.dictionaries if p.suffix.lower() in ANALYST_SUFFIXES]
        #: An analyst's identity decisions: pairs of ids that are (never) one actor.
        self.same_as: tuple[tuple[str, str], ...] = tuple(sorted({p for f in files for p in f.same_as}))
        self.never: tuple[tuple[str, str], ...] = tuple(sorted({p for f in files for p in f.never}))
        clash = set(self.same_as) & set(self.never)
        if clash:
            a, b = sorted(clash)[0]
            raise InputError(f"actor files say both that {a} is the same as {b} and that they are never merged")
        key = tuple((str(p.resolve()), p.stat().st_mtime_ns) for p in self.dictionaries)
        self.gazetteer: Gazetteer = _gazetteer_with(key) if key else default_gazetteer()


    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, with every alias and role merged so far; None if unseen."""
        return self._actors.get(actor_id)

    def actors(self) -> list[Actor]:
        """Every actor seen, in the order first seen."""
        return list(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __bool__(self) -> bool:
        return True  # an empty registry is still a registry (``registry or ActorRegistry()``)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def merge(self, actor: Actor) -> Actor:
        """Add what `actor` says to the registry and return the merged actor.

        Aliases and roles accumulate; a known code (country, sector, full CAMEO code) replaces
        the old one as a whole (a dated dictionary code may change it between documents:
        ``HOBGOV`` one year, ``HOB`` the next).
        """
        old = self._actors.get(actor.id)
        if old is None:
            merged = replace(actor, aliases=frozenset(a for a in actor.aliases if a != actor.label))
        else:
            roles = old.roles + tuple(r for r in actor.roles if r not in old.roles)
            known = bool(actor.country or actor.sector or actor.cameo)
            merged = replace(
                old,
                country=actor.country if known else old.country,
                sector=actor.sector if known else old.sector,
                cameo=actor.cameo if known else old.cameo,
                aliases=frozenset((old.aliases | actor.aliases) - {old.label}),
                roles=roles,
            )
        self._actors[actor.id] = merged
        return merged


@functools.lru_cache(maxsize=8)
def _gazetteer_with(key: tuple[tuple[str, int], ...]) -> Gazetteer:
    """The built-in gazetteer plus these dictionaries; built once per set of files."""
    gaz = build_gazetteer()
    for name_, _ in key:
        path = Path(name_)
        if path.suffix.lower() in ANALYST_SUFFIXES:
            for record in read_actor_file(path).records:
                entry = Entry(ANALYST, record.id, record.name, record.type, record.country, record.sector,
                              source=f"{path}:{record.line}")
                for name in (record.name, *record.aliases):
                    gaz.names.add(name, entry)
                    gaz.names.add(f"the {name}", entry)
            log.info("loaded an actor file: %s", path)
        elif "agents" in path.name.lower():
            words = read_agent_dictionary(path)
            for word in words:
                if word.sector:
                    kind = "people" if word.plural else "title"
                    tokens = tokenize(word.phrase)
                    known = gaz.role_at(tokens, 0)
                    if known is not None and known[0] == len(tokens) and known[1].agent is None:
                        kind = known[1].kind  # a built-in word keeps its kind ("government"), gains the code
                    gaz.add_role(word.phrase, kind, word.sector, agent=word.code or f"~{word.sector}")
            gaz.dictionary_agents = True
            log.info("loaded %d agent words from %s", len(words), path)
        else:
            names = read_actor_dictionary(path)
            for name in names:
                gaz.names.add(name.phrase, name.entry, stem=name.stem, fold_case=True)
                if not name.phrase.lower().startswith("the "):  # as long as a built-in "the X"
                    gaz.names.add(f"the {name.phrase}", name.entry, stem=name.stem, fold_case=True)
                code = name.entry.codes[0][0] if name.entry.codes else ""
                if len(code) == 3 and code.isalpha():
                    gaz.states.setdefault(code, (name.entry.label, None))
            log.info("loaded %d actor names from %s", len(names), path)
    return gaz
