"""Our CAMEO verb and phrase lexicon (``kg/data/events/lexicon.toml``): loading and look-up.

The lexicon maps a normalised relation ("reject", "call for", "take part in") and cues from
its object ("talks", "missile attack", "efforts to mediate") to a CAMEO code, and recodes
complement chains ("refuse to meet" → 125) with named transforms. See the TOML file's
header for the format.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kg.errors import OntologyError
from kg.events.codes import DATA_DIR, is_cameo_code

__all__ = ["Lexicon", "VerbEntry", "load_lexicon"]

#: Particles that make a phrasal verb of their own: "back off" is not "back", "call off"
#: is not "call"; a relation ending in one matches only its own entry.
PARTICLES = frozenset("off down up out away".split())

_PREPOSITIONS = frozenset(
    "about against at between by for from in into of on onto over through to toward towards upon with".split()
)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """What one relation codes to.

    Attributes:
        relation: The normalised relation this entry is for ("reject", "call for").
        code: The default CAMEO code, or None where only object cues give an event.
        objects: Object-head cue ("talk", "missile attack") → CAMEO code.
        control: Transform applied to an infinitive complement's code, or None.
        negated: Transform a negated use codes through, or None (no event).
        intransitive: The code where the relation has no object, or None (the default).
    """

    relation: str
    code: str | None = None
    objects: Mapping[str, str] = field(default_factory=dict)
    control: str | None = None
    negated: str | None = None
    intransitive: str | None = None

    def coded(self, cues: Iterable[str]) -> tuple[str | None, str]:
        """The code for the first cue this entry knows and that cue, else (default code, "").

        Examples:
            >>> load_lexicon().entry("impose").coded(["sanction"])
            ('163', 'sanction')
        """
        for cue in cues:
            if cue in self.objects:
                return self.objects[cue], cue
        return self.code, ""

    def code_for(self, cues: Iterable[str]) -> str | None:
        """The code for the first cue this entry knows, else the default code.

        Examples:
            >>> entry = load_lexicon().entry("reject")
            >>> entry.code_for(["plan", "talk"]), entry.code_for(["idea"])
            ('125', '120')
        """
        for cue in cues:
            if cue in self.objects:
                return self.objects[cue]
        return self.code


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The verb entries and the transforms, keyed by name."""

    verbs: Mapping[str, VerbEntry]
    transforms: Mapping[str, Mapping[str, str]]
    #: Noun lemma → the sense group it belongs to ("policy" → "abstract").
    kinds: Mapping[str, str] = field(default_factory=dict)
    #: Sense group → code prefix → code (how an act on such a thing is recoded).
    senses: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Subject lemmas whose force is a violent protest ("protesters stormed ...").
    crowds: frozenset[str] = frozenset()
    #: Code prefix → code for force used by a crowd.
    crowd_recode: Mapping[str, str] = field(default_factory=dict)
    #: Event nouns → code, for events named by a noun ("riots against X continued").
    nominals: Mapping[str, str] = field(default_factory=dict)
    #: Verbs that say an event named by their subject takes place ("continue", "erupt").
    occurrence_verbs: frozenset[str] = frozenset()
    #: PLOVER types whose events stand without a target.
    one_actor: frozenset[str] = frozenset()
    #: Lemmas the parser gets wrong → the verb meant ("stag" of "staged" → "stage").
    aliases: Mapping[str, str] = field(default_factory=dict)

    def kind_of(self, lemma: str) -> str | None:
        """The sense group of an object noun, or None.

        Examples:
            >>> load_lexicon().kind_of("policy"), load_lexicon().kind_of("embassy")
            ('abstract', None)
        """
        return self.kinds.get(lemma)

    def recode(self, kind: str, code: str) -> str | None:
        """The code an act takes when done to a thing of sense group `kind`; None: unchanged;
        "none": no event.

        Examples:
            >>> load_lexicon().recode("abstract", "190"), load_lexicon().recode("abstract", "111")
            ('111', None)
        """
        table = self.senses.get(kind, {})
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                return table[code[:n]]
        return None

    def entry(self, relation: str) -> VerbEntry | None:
        """The entry for a relation, dropping trailing words until one matches.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.entry("meet with").relation, lex.entry("take part in").relation
            ('meet with', 'take part in')
            >>> lex.entry("rejoice") is None
            True
        """
        return self.match(relation)[0]

    def match(self, relation: str) -> tuple[VerbEntry | None, list[str]]:
        """The entry for a relation and the words it left over, as cues.

        A relation that folds a light verb's noun in ("send aid to") matches the verb's
        entry, and the noun becomes the first object cue.

        Examples:
            >>> entry, rest = load_lexicon().match("send aid to")
            >>> entry.relation, rest
            ('send', ['aid'])
        """
        words = relation.lower().split()
        if words and words[0] in self.aliases:
            words[0] = self.aliases[words[0]]
        rest: list[str] = []
        shortest = 2 if len(words) > 1 and words[1] in PARTICLES else 1  # "back off" never falls back to "back"
        while len(words) >= shortest:
            found = self.verbs.get(" ".join(words))
            if found is not None:
                cues = [w for w in rest if w not in _PREPOSITIONS]
                if len(cues) > 1:
                    cues.insert(0, " ".join(cues))
                return found, cues
            rest.insert(0, words.pop())
        return None, []

    def transform(self, name: str, code: str) -> str | None:
        """Recode `code` through a transform: the longest matching prefix wins.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.transform("reject", "046"), lex.transform("threaten", "190")
            ('125', '1384')
            >>> lex.transform("pass", "190")
            '190'
        """
        table = self.transforms[name]
        if not table:
            return code
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                out = table[code[:n]]
                return None if out == "none" else out
        out = table.get("default", code)
        return None if out == "none" else out

    def codes(self) -> set[str]:
        """Every CAMEO code the lexicon can produce."""
        out: set[str] = set()
        for entry in self.verbs.values():
            if entry.code:
                out.add(entry.code)
            out.update(entry.objects.values())
        for table in self.transforms.values():
            out.update(v for v in table.values() if v != "none")
        for table in (*self.senses.values(), self.crowd_recode, self.nominals):
            out.update(v for v in table.values() if v != "none")
        for entry in self.verbs.values():
            if entry.intransitive:
                out.add(entry.intransitive)
        return out


def _check_code(code: object, where: str) -> str:
    if not isinstance(code, str) or not is_cameo_code(code):
        raise OntologyError(f"lexicon {where}: {code!r} is not a CAMEO code (write codes as strings, e.g. \"120\")")
    return code


def parse_lexicon(data: Mapping[str, object]) -> Lexicon:
    """Build a `Lexicon` from the TOML's data, checking every code and name.

    Raises:
        OntologyError: An unknown CAMEO code, noun group or transform.
    """
    groups = data.get("nouns", {})
    transforms = {
        name: MappingProxyType({k: v if v == "none" else _check_code(v, f"transform {name}.{k}") for k, v in t.items()})
        for name, t in data.get("transforms", {}).items()
    }
    verbs: dict[str, VerbEntry] = {}
    for relation, spec in data.get("verbs", {}).items():
        unknown = set(spec) - {"code", "objects", "nouns", "control", "negated", "intransitive"}
        if unknown:
            raise OntologyError(f"lexicon verb {relation!r}: unknown keys {sorted(unknown)}")
        objects: dict[str, str] = {}
        for group in spec.get("nouns", ()):
            if group not in groups:
                raise OntologyError(f"lexicon verb {relation!r}: unknown noun group {group!r}; known: {sorted(groups)}")
            objects.update(groups[group])
        objects.update(spec.get("objects", {}))
        for name in (spec.get("control"), spec.get("negated")):
            if name is not None and name not in transforms:
                raise OntologyError(f"lexicon verb {relation!r}: unknown transform {name!r}; known: {sorted(transforms)}")
        verbs[relation] = VerbEntry(
            relation=relation,
            code=_check_code(spec["code"], relation) if "code" in spec else None,
            objects=MappingProxyType({k: _check_code(v, f"{relation}.{k}") for k, v in objects.items()}),
            control=spec.get("control"),
            negated=spec.get("negated"),
            intransitive=_check_code(spec["intransitive"], relation) if "intransitive" in spec else None,
        )
    kinds: dict[str, str] = {}
    senses: dict[str, Mapping[str, str]] = {}
    for name, spec in data.get("senses", {}).items():
        unknown = set(spec) - {"nouns", "recode"}
        if unknown:
            raise OntologyError(f"lexicon sense {name!r}: unknown keys {sorted(unknown)}")
        kinds.update((noun, name) for noun in spec.get("nouns", ()))
        senses[name] = MappingProxyType(
            {k: v if v == "none" else _check_code(v, f"sense {name}.{k}") for k, v in spec.get("recode", {}).items()}
        )
    aliases = dict(data.get("aliases", {}))
    crowds = data.get("crowds", {})
    nominal = data.get("nominals", {})
    return Lexicon(
        nominals=MappingProxyType({k: _check_code(v, f"nominals.{k}") for k, v in nominal.get("nouns", {}).items()}),
        occurrence_verbs=frozenset(nominal.get("verbs", ())),
        one_actor=frozenset(data.get("one_actor", ())),
        crowds=frozenset(crowds.get("nouns", ())),
        crowd_recode=MappingProxyType({k: _check_code(v, f"crowds.{k}") for k, v in crowds.get("recode", {}).items()}),
        verbs=MappingProxyType(verbs),
        transforms=MappingProxyType(transforms),
        kinds=MappingProxyType(kinds),
        senses=MappingProxyType(senses),
        aliases=MappingProxyType(aliases),
    )


@functools.cache
def load_lexicon() -> Lexicon:
    """The lexicon shipped in ``kg/data/events/lexicon.toml`` (read once).

    Examples:
        >>> load_lexicon().entry("condemn").code
        '111'
    """
    text = (DATA_DIR / "lexicon.toml").read_text(encoding="utf-8")
    return parse_lexicon(tomllib.loads(text))
