"""Names → actor entries: the built-in gazetteer and the phrase index that finds them in a Doc.

The gazetteer is built once from ``kg/data/actors/*.toml`` (written for kg from public facts)
and `pycountry` (ISO 3166 names and codes). It knows, for every country, its names, adjectives
and demonyms ("Iranian", "U.S.", "Emirati"), the capitals and seats that stand for its
government ("Tehran", "Washington", "White House"), the major cities and regions of political
news that give a phrase its country ("Basra residents"), major IGOs and alliances, a few non-state
organizations, regional collectives ("European states") and role words (offices, bodies,
government words and kinds of people) with their CAMEO sector codes.

A `PhraseIndex` is a token trie keyed on lower-cased token texts: one dict lookup per token,
longest match wins, never a scan over the gazetteer. Short all-capital names ("US", "UN",
"WHO") match case-sensitively so the pronoun "us" and the relative "who" stay words.

Notes:
    Sector codes follow the CAMEO actor codebook (Schrodt, *CAMEO Conflict and Mediation
    Event Observations Actor Codebook*, 2012); regional codes (EUR, WST, AFR, MEA) are its
    region codes.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from spacy.lang.en import English
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab

from kg.types import ActorType, EntryKind

from kg.actors.ids import ActorKind, actor_id, slug

__all__ = [
    "Entry",
    "Gazetteer",
    "PhraseIndex",
    "RoleWord",
    "default_gazetteer",
    "normalise",
    "slug",
    "tokenize",
]

#: Where the gazetteer's data files live (package data).
DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"

#: Entry kinds (`kg.types.EntryKind`): what a matched name denotes on its own.
STATE, ADJ, GOVERNMENT, ORG = EntryKind.STATE, EntryKind.ADJ, EntryKind.GOVERNMENT, EntryKind.ORG
GROUP, REGION, PERSON = EntryKind.GROUP, EntryKind.REGION, EntryKind.PERSON
DICT, NULL, ANALYST = EntryKind.DICT, EntryKind.NULL, EntryKind.ANALYST
PLACE = EntryKind.PLACE


@dataclass(frozen=True, slots=True)
class Entry:
    """What a gazetteer or dictionary name denotes.

    Attributes:
        kind: `EntryKind`: ``"state"`` (a country name), ``"adj"`` (a demonym: the state, or with a
            role word its government or people), ``"government"`` (a capital or seat),
            ``"org"``, ``"group"``, ``"region"`` (an adjective of a collective of states),
            ``"place"`` (a city or region: a country for the phrase it qualifies, no actor alone),
            ``"dict"`` (a dictionary actor, typed when matched), ``"null"`` (a dictionary
            name coded ``---``: matched so that nothing else is, denotes no actor) or
            ``"analyst"`` (an actor of an analyst's actor file: as written there).
        actor_id: Id of the actor denoted ("state/IRN"); for ``"dict"`` entries a fallback.
        label: Canonical label of that actor.
        type: Actor type.
        country: CAMEO country block (ISO alpha-3, "IGO", a region code).
        sector: CAMEO sector code or None.
        codes: Dictionary codes as ``(code, start, end)`` with ISO date strings or None,
            undated default first; empty for gazetteer entries.
        source: Where the entry came from ("gazetteer", "file:line", or "entity": an
            organization guessed from a named entity of the parse).
    """

    kind: EntryKind
    actor_id: str
    label: str
    type: ActorType
    country: str | None = None
    sector: str | None = None
    codes: tuple[tuple[str, str | None, str | None], ...] = ()
    source: str = "gazetteer"


@dataclass(frozen=True, slots=True)
class RoleWord:
    """A role word: ``kind`` is "government", "title", "body", "people" or "collective".

    ``agent`` is the agent code of a role word read from an agents dictionary, ``~``
    included (``"~GOVFRM"``, ``"NGO~"``); None for the built-in role words.
    """

    kind: str
    phrase: str
    sector: str | None = None
    agent: str | None = None


_SPACE = re.compile(r"[\s_]+")


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The tokenizer of ``spacy.blank("en")``, made from its defaults without a whole `Language`.

    ``spacy.blank`` resolves a config through spaCy's registries, which costs more than the
    tokenizer itself, at the start of every process that reads a name with punctuation.
    """
    defaults = English.Defaults
    return Tokenizer(
        Vocab(),
        rules=defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
        suffix_search=compile_suffix_regex(defaults.suffixes).search,
        infix_finditer=compile_infix_regex(defaults.infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


@functools.lru_cache(maxsize=1)
def _special_cases() -> frozenset[str]:
    return frozenset(English.Defaults.tokenizer_exceptions)


@functools.lru_cache(maxsize=65536)
def tokenize(phrase: str) -> tuple[str, ...]:
    """The token texts spaCy's English tokenizer gives a phrase (underscores are spaces).

    Examples:
        >>> tokenize("Iran's")
        ('Iran', "'s")
        >>> tokenize("UNITED_STATES")
        ('UNITED', 'STATES')

    Notes:
        Words of ASCII letters alone are what the tokenizer gives back unchanged, unless one
        is a special case ("cannot", "Im"): its prefix, suffix and infix rules all need a
        character that is not a letter. Most names are such words, and splitting them on
        spaces spares building a tokenizer and running it over every name at start-up.
    """
    text = _SPACE.sub(" ", phrase).strip()
    words = text.split(" ")
    if all(w.isascii() and w.isalpha() for w in words) and _special_cases().isdisjoint(words):
        return tuple(words)
    return tuple(t.text for t in _tokenizer()(text))


def normalise(text: str) -> str:
    """Lower case, curly apostrophes straightened: the index's key for one token."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


#: `normalise` of the words seen so far (most words of a text are looked up many times);
#: bounded, so that a large corpus does not grow it without end.
_KEYS: dict[str, str] = {}
_KEYS_MAX = 200_000


def _key(word: str) -> str:
    key = _KEYS.get(word)
    if key is None:
        key = normalise(word)
        if len(_KEYS) < _KEYS_MAX:
            _KEYS[word] = key
    return key


def _case_sensitive(tokens: Sequence[str]) -> bool:
    word = "".join(tokens)
    return len(tokens) == 1 and word.isalpha() and word.isupper() and len(word) <= 5


def _fits(exact: tuple, words: Sequence[str]) -> bool:
    """Whether text words fit an indexed phrase: its exact tokens, or its capitals.

    "the Islamic state" (lower case: a state that is Islamic) is not "Islamic State".
    """
    if exact and isinstance(exact[0], str):
        return tuple(words) == exact
    return all(not cap or w[:1].isupper() or not w[:1].isalpha() for cap, w in zip(exact, words))


class PhraseIndex:
    """A token trie from phrases to values; longest match first.

    Exact phrases match token by token (lower case; short all-capital names exactly);
    a phrase added with ``stem=True`` also matches when its last word is a prefix of the
    text's last token (PETRARCH dictionary names without a final underscore).

    Examples:
        >>> index = PhraseIndex()
        >>> index.add("United States", "USA")
        >>> index.add("United", "UNI")
        >>> index.longest(["the", "United", "States", "said"], 1)
        (3, ['USA'])
    """

    __slots__ = ("_root", "size")

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self.size = 0

    def add(self, phrase: str | Sequence[str], value: Any, *, stem: bool = False, fold_case: bool = False) -> None:
        """Index `value` under `phrase` (a string, tokenized, or a token sequence).

        Short all-capital phrases match case-sensitively unless `fold_case` (dictionaries,
        which are written in capitals throughout).
        """
        tokens = tokenize(phrase) if isinstance(phrase, str) else tuple(phrase)
        if not tokens:
            return
        exact = tokens if not fold_case and _case_sensitive(tokens) else None
        if exact is None and not fold_case:
            exact = tuple(t[:1].isupper() for t in tokens)  # a capital of the name needs one in the text
        node = self._root
        for tok in tokens[:-1]:
            node = node.setdefault(normalise(tok), {})
        last = normalise(tokens[-1])
        if stem:
            stems = node.setdefault("\0stems", {})
            stems.setdefault(last, []).append(value)
        else:
            node = node.setdefault(last, {})
            node.setdefault("\0values", []).append((exact, value))
        self.size += 1

    def longest(self, words: Sequence[str], start: int) -> tuple[int, list[Any]] | None:
        """The longest phrase starting at ``words[start]``: ``(end, values)`` or None."""
        node = self._root
        if start >= len(words) or ("\0stems" not in node and _key(words[start]) not in node):
            return None  # most words start no phrase
        best: tuple[int, list[Any]] | None = None
        i = start
        while i < len(words):
            key = _key(words[i])
            stems = node.get("\0stems")
            if not stems and key not in node:  # most words start no phrase and continue none
                break
            stemmed: list[Any] = []
            if stems:
                for k in range(len(key), 0, -1):
                    hit = stems.get(key[:k])
                    if hit:
                        stemmed = list(hit)
                        break
            child = node.get(key)
            values = [
                v
                for exact, v in (child or {}).get("\0values", ())
                if exact is None or _fits(exact, words[start : i + 1])
            ]
            if values or stemmed:
                best = (i + 1, values + stemmed)  # stems are dictionary names: they come last and win
            if child is None:
                break
            node = child
            i += 1
        return best

    def find(self, doc: Doc | Sequence[str]) -> Iterator[tuple[int, int, list[Any]]]:
        """Non-overlapping longest matches, left to right: ``(start, end, values)``."""
        words = [t.text for t in doc] if isinstance(doc, Doc) else list(doc)
        root = self._root
        every = "\0stems" in root  # a stem at the root may start at any word
        i = 0
        while i < len(words):
            if not every and _key(words[i]) not in root:
                i += 1
                continue
            hit = self.longest(words, i)
            if hit is None:
                i += 1
                continue
            end, values = hit
            yield i, end, values
            i = end


@dataclass(slots=True)
class Gazetteer:
    """Names and role words, indexed; built once and shared by every resolution.

    Attributes:
        names: Phrase index of actor names → `Entry`.
        roles: Phrase index of role words → `RoleWord`.
        states: ISO code → (label, adjective) for states, used to label derived actors.
        groups: Region code → `Entry` of its collective ("European states").
        dictionary_agents: Whether an agents dictionary was loaded: then its agents alone
            add codes to a dictionary actor's (PETRARCH's convention).
    """

    names: PhraseIndex = field(default_factory=PhraseIndex)
    roles: PhraseIndex = field(default_factory=PhraseIndex)
    states: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    groups: dict[str, Entry] = field(default_factory=dict)
    body_labels: dict[str, str] = field(default_factory=dict)
    title_prefixes: dict[str, str] = field(default_factory=dict)
    name_words: dict[str, str] = field(default_factory=dict)
    dictionary_agents: bool = False

    def state_label(self, country: str | None) -> str:
        """The canonical label of a country code ("IRN" → "Iran"); the code if unknown."""
        if country is None:
            return "Unknown"
        return self.states.get(country, (country, None))[0]

    def adjective(self, country: str | None) -> str:
        """The country's adjective ("IRN" → "Iranian"), else its label."""
        if country is None:
            return ""
        label, adj = self.states.get(country, (country, None))
        return adj or label

    def add_role(self, phrase: str, kind: str, sector: str | None, *, agent: str | None = None) -> None:
        """Index a role word (later additions win over earlier ones)."""
        self.roles.add(phrase, RoleWord(kind, phrase.lower(), sector, agent))

    def role_at(self, words: Sequence[str], start: int) -> tuple[int, RoleWord] | None:
        """The longest role word at ``words[start]``, the latest definition winning."""
        hit = self.roles.longest(words, start)
        if hit is None and start + 1 < len(words) and words[start].lower() in self.title_prefixes:
            for k in range(start + 1, min(start + 4, len(words))):  # "shadow (foreign) secretary"
                after = self.roles.longest(words, k)
                if after is not None and after[1][-1].kind == "title":
                    phrase = " ".join(w.lower() for w in words[start : after[0]])
                    sector = self.title_prefixes[words[start].lower()]
                    return after[0], RoleWord("title", phrase, sector, after[1][-1].agent)
                if not words[k].isalpha():
                    break
        return (hit[0], hit[1][-1]) if hit else None

    def name_sector(self, words: Iterable[str]) -> str | None:
        """The sector an organisation's name gives ("British Medical Association" → MED), else None."""
        for word in words:
            sector = self.name_words.get(word.lower())
            if sector:
                return sector
        return None


def government_label(state: str) -> str:
    """The label of a state's government.

    Examples:
        >>> government_label("Iran"), government_label("United States")
        ('Government of Iran', 'Government of the United States')
    """
    words = state.split()
    needs_the = words[0] in ("United", "Republic", "Democratic", "Central", "Czech", "Dominican", "Holy") or (
        state.endswith("s") and len(words) <= 2 and not state.endswith(("us", "ss"))
    )
    return f"Government of the {state}" if needs_the else f"Government of {state}"


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "ese", "ish", "x")):  # "Iraqi" → "Iraqis", "Swiss", "Chinese" stay
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _singular(phrase: str) -> str:
    """The singular of a plural noun phrase's last word ("suicide bombers" → "suicide bomber")."""
    *rest, last = phrase.split()
    if last.endswith("men"):
        last = last[:-3] + "man"
    elif last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*rest, last])


def _load_toml(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _states(data: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    """ISO code → (label, first adjective): pycountry's countries as ``countries.toml`` names them, and the codes it adds."""
    states = {}
    for country in pycountry.countries:
        info = data.get(country.alpha_3, {})
        adjs = info.get("adj", [])
        states[country.alpha_3] = (info.get("label") or getattr(country, "common_name", None) or country.name,
                                   adjs[0] if adjs else None)
    for code, info in data.items():  # codes pycountry lacks (Kosovo)
        if code not in states:
            adjs = info.get("adj", [])
            states[code] = (info.get("label", code), adjs[0] if adjs else None)
    return states


@functools.lru_cache(maxsize=1)
def state_names() -> dict[str, tuple[str, str | None]]:
    """ISO code → (label, adjective) of each state, as the built-in gazetteer has them, without
    building it (a reader of a graph labels a state from its code: ~0.02 s against 0.25 s).

    Examples:
        >>> state_names()["IRN"][0], state_names()["XKX"][0]
        ('Iran', 'Kosovo')
    """
    return _states(_load_toml("countries.toml"))


def _add_states(gaz: Gazetteer, data: dict[str, Any]) -> None:
    codes = set(data)
    gaz.states.update(_states(data))
    for country in pycountry.countries:
        code = country.alpha_3
        info = data.get(code, {})
        iso_name = country.name
        label = gaz.states[code][0]
        adjs = list(info.get("adj", []))
        if code not in codes and "," in iso_name:
            continue  # territories with awkward ISO names: skip unless listed
        state = Entry(STATE, actor_id(ActorKind.STATE, code), label, ActorType.STATE, code)
        names = {label, iso_name, *info.get("names", [])}
        official = getattr(country, "official_name", None)
        if official:
            names.add(official)
        for name in names:
            if "," in name or "(" in name:
                continue
            gaz.names.add(name, state)
            if not name.lower().startswith("the "):
                gaz.names.add(f"the {name}", state)
        adj_entry = Entry(ADJ, actor_id(ActorKind.STATE, code), label, ActorType.STATE, code)
        for adj in adjs:
            gaz.names.add(adj, adj_entry)
            plural = _plural(adj)
            if plural != adj and not adj.isupper() and "." not in adj:
                people = Entry(GROUP, actor_id(ActorKind.GROUP, plural), plural, ActorType.GROUP, code)
                gaz.names.add(plural, people)
                gaz.names.add(f"the {plural}", people)
        government = Entry(GOVERNMENT, actor_id(ActorKind.GOVERNMENT, code), government_label(label), ActorType.GOVERNMENT, code, "GOV")
        for name in [*info.get("capital", []), *info.get("gov", [])]:
            gaz.names.add(name, government)
            gaz.names.add(f"the {name}", government)
    known = {country.alpha_3 for country in pycountry.countries}
    for code, info in data.items():  # codes pycountry lacks (Kosovo)
        if code in known:
            continue
        label = gaz.states[code][0]
        adjs = list(info.get("adj", []))
        state = Entry(STATE, actor_id(ActorKind.STATE, code), label, ActorType.STATE, code)
        for name in info.get("names", []):
            gaz.names.add(name, state)
        for adj in adjs:
            gaz.names.add(adj, Entry(ADJ, actor_id(ActorKind.STATE, code), label, ActorType.STATE, code))
        government = Entry(GOVERNMENT, actor_id(ActorKind.GOVERNMENT, code), government_label(label), ActorType.GOVERNMENT, code, "GOV")
        for name in info.get("capital", []):
            gaz.names.add(name, government)


def _add_places(gaz: Gazetteer, data: dict[str, list[str]]) -> None:
    """Index cities and regions (``places.toml``): each a country for what it qualifies.

    Added before the states, so that where a name is also a state's, a capital or an
    organisation's, that entry wins.
    """
    for code, names in data.items():
        for name in names:
            entry = Entry(PLACE, actor_id(ActorKind.STATE, code), name, ActorType.STATE, code)
            gaz.names.add(name, entry)
            if not name.lower().startswith("the "):
                gaz.names.add(f"the {name}", entry)


def _add_organizations(gaz: Gazetteer, data: dict[str, Any]) -> None:
    for igo in data.get("igo", []):
        entry = Entry(ORG, actor_id(ActorKind.IGO, igo["id"]), igo["label"], ActorType.ORGANIZATION, "IGO", igo["sector"])
        for name in [igo["label"], *igo.get("aliases", [])]:
            gaz.names.add(name, entry)
            gaz.names.add(f"the {name}", entry)
    for org in data.get("org", []):
        entry = Entry(
            ORG, actor_id(ActorKind.ORG, org["id"]), org["label"], ActorType.ORGANIZATION, org.get("country"), org.get("sector")
        )
        for name in [org["label"], *org.get("aliases", [])]:
            gaz.names.add(name, entry)
            gaz.names.add(f"the {name}", entry)
    for group in data.get("group", []):
        entry = Entry(GROUP, actor_id(ActorKind.GROUP, group["id"]), group["label"], ActorType.GROUP, group["country"])
        gaz.groups[group["country"]] = entry
        for name in [group["label"], *group.get("names", [])]:
            gaz.names.add(name, entry)
            if not name.lower().startswith("the "):
                gaz.names.add(f"the {name}", entry)
        region = Entry(REGION, entry.actor_id, entry.label, ActorType.GROUP, group["country"])
        for adj in group.get("adj", []):
            gaz.names.add(adj, region)


def _add_roles(gaz: Gazetteer, data: dict[str, Any]) -> None:
    for word in data.get("collectives", []):
        gaz.add_role(word, "collective", None)
    for word in data.get("government", []):
        gaz.add_role(word, "government", "GOV")
    for word, sector in data.get("bodies", {}).items():
        gaz.add_role(word, "body", sector)
    for word, sector in data.get("titles", {}).items():
        gaz.add_role(word, "title", sector)
    for word, sector in data.get("people", {}).items():
        gaz.add_role(word, "people", sector)
    for word, sector in data.get("people", {}).items():  # "a Palestinian prisoner": one of the kind
        one = _singular(word)
        if one != word and gaz.role_at(tokenize(one), 0) is None:
            gaz.roles.add(one, RoleWord("people", word, sector))
    gaz.body_labels.update(data.get("body_labels", {}))
    gaz.title_prefixes.update(data.get("title_prefixes", {}))
    gaz.name_words.update(data.get("name_words", {}))


def build_gazetteer(extra: Iterable[tuple[str, Entry, bool]] = ()) -> Gazetteer:
    """A fresh gazetteer from the data files, plus `extra` ``(phrase, entry, stem)`` names."""
    gaz = Gazetteer()
    _add_places(gaz, _load_toml("places.toml"))
    _add_states(gaz, _load_toml("countries.toml"))
    _add_organizations(gaz, _load_toml("organizations.toml"))
    _add_roles(gaz, _load_toml("roles.toml"))
    for phrase, entry, stem in extra:
        gaz.names.add(phrase, entry, stem=stem)
    return gaz


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The built-in gazetteer, built once per process."""
    return build_gazetteer()
