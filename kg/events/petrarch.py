"""PETRARCH verb dictionaries → codes for a verb in its clause (a user's own dictionaries).

Our shipped lexicon (`kg.events.lexicon`) stays our own; a user may also load PETRARCH-2
verb dictionaries (``CAMEO.2.0.txt`` or one of their own) at run time. The format, as read
here (PETRARCH-2 manual, "Verb Dictionary", Schrodt 2014)::

    &CURRENCY                     a synset: members on "+" lines, up to a blank line
    +DOLLAR
    +SWISS_FRANC

    --- GRANT [070] ---           a verb block and its default code ("---": no event)
    GRANT                         a verb of the block (spaCy's lemma finds its regular forms)
    GIVE {GAVE GIVEN} [071]       irregular forms in {...}; a verb's own default code
    +HAND_OVER                    a multi-word verb: "+" marks the verb word
    - * &CURRENCY [0712]          a pattern: words before and after the verb "*"
    - PLANS_TO * AID [033:034]    "_" joins words that must be adjacent; a:b codes the act
                                  (source → target) and the reply (target → source)

In patterns, ``$`` and ``+`` stand for the source and target, ``^`` for a skipped phrase and
``%`` for a coordinated (compound) actor; each matches one or more words. ``(...)`` and
``{...}`` group a prepositional or noun phrase and are read as their words. ``#`` starts a
comment; ``<!-- -->`` lines are comments.

Matching (`VerbDictionary.match`): the verb's word or lemma selects its entries; a pattern
matches when its words occur in order before and after the verb in the sentence (after the
verb: within the verb's phrase), words compare by form or lemma, and a synset matches any
member. The pattern matching the most words wins (then the first in the file); with none,
the verb's default code. Lines that cannot be read are logged with file and line and skipped.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from kg.errors import InputError

__all__ = ["DictionaryVerb", "Element", "Pattern", "VerbDictionary", "VerbMatch", "load_verbs", "read_verb_dictionary"]

log = logging.getLogger(__name__)

#: A code that says "no event" (PETRARCH's null code).
NO_CODE = "---"
#: Marker words of a pattern: source, target, skipped phrase, compound actor.
MARKERS = frozenset("$+^%")

_HEADER = re.compile(r"^-{3}\s*(.*?)\s*\[\s*([^\]]*?)\s*\]")
_CODE = re.compile(r"\[\s*([^\]\s]*)\s*\]\s*$")
_FORMS = re.compile(r"\{([^}]*)\}")


@dataclass(frozen=True, slots=True)
class Element:
    """One position of a pattern.

    Attributes:
        phrases: The word sequences that match here (one for a word, a synset's members);
            empty for a marker.
        marker: ``$``, ``+``, ``^`` or ``%`` for a marker, else "".
        tight: Whether it must be adjacent to its neighbour on the verb's side.
    """

    phrases: tuple[tuple[str, ...], ...] = ()
    marker: str = ""
    tight: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    """A pattern of a verb block: words before the verb (in text order) and after it."""

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str | None
    reverse: str | None
    where: str

    @property
    def words(self) -> int:
        """How many dictionary words the pattern needs (its specificity)."""
        return sum(max((len(p) for p in e.phrases), default=0) for e in self.before + self.after)


@dataclass(frozen=True, slots=True)
class DictionaryVerb:
    """One verb of a block: its word, the words a multi-word verb needs, its default code."""

    verb: str
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str | None
    reverse: str | None
    block: str
    where: str


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """What a verb codes to: the act (source → target), the reply (target → source).

    ``code`` and ``reverse`` are None for "no event"; ``pattern`` is None when the verb's
    default code applied.
    """

    code: str | None
    reverse: str | None
    entry: DictionaryVerb
    pattern: Pattern | None = None

    @property
    def where(self) -> str:
        """``file:line`` of the pattern or verb line that gave the code."""
        return (self.pattern or self.entry).where


@dataclass(frozen=True, slots=True)
class VerbDictionary:
    """Verb entries by word, and each block's patterns.

    Examples:
        >>> from kg.nlp import load_pipeline
        >>> verbs = VerbDictionary.from_text('''
        ... --- REJECT [120] ---
        ... REJECT
        ... - * PLAN [125]
        ... ''')
        >>> doc = load_pipeline()("Iran rejected the plan.")
        >>> verbs.match(doc[1]).code
        '125'
    """

    entries: dict[str, tuple[DictionaryVerb, ...]] = field(default_factory=dict)
    patterns: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, *, name: str = "<text>") -> VerbDictionary:
        """Read a dictionary from a string (see the module docstring for the format)."""
        return _Reader(name).read(enumerate(text.splitlines(), start=1)).build()

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def pattern_count(self) -> int:
        """How many patterns the dictionary holds."""
        return sum(len(v) for v in self.patterns.values())

    def merged(self, other: VerbDictionary) -> VerbDictionary:
        """This dictionary with another's entries and blocks added (later files extend)."""
        entries = dict(self.entries)
        for word, found in other.entries.items():
            entries[word] = entries.get(word, ()) + found
        return VerbDictionary(entries=entries, patterns={**self.patterns, **other.patterns})

    def match(self, verb: Token) -> VerbMatch | None:
        """The code the dictionary gives `verb` in its sentence, or None when it has no entry.

        A match whose ``code`` is None is an explicit "no event" (a ``---`` code).

        Notes:
            PETRARCH-2 manual (Schrodt 2014): patterns after TABARI (Schrodt 2009, ch. 5),
            the longest matching pattern wins.
        """
        found = self.entries.get(verb.lower_, ())
        if verb.lemma_.lower() != verb.lower_:
            found += self.entries.get(verb.lemma_.lower(), ())
        if not found:
            return None
        before, after = _context(verb)
        best: tuple[tuple[int, int, int], VerbMatch] | None = None
        for entry in found:
            base = _cost(entry.before, before, entry.after, after)
            if base is None:
                continue
            words = sum(max(len(p) for p in e.phrases) for e in entry.before + entry.after if e.phrases)
            candidate = ((words, 0, 0), VerbMatch(entry.code, entry.reverse, entry))
            for pattern in self.patterns.get(entry.block, ()):
                cost = _cost(pattern.before, before, pattern.after, after)
                if cost is None:
                    continue
                markers = sum(bool(e.marker) for e in pattern.before + pattern.after)
                score = (words + pattern.words, 1 + markers, -cost)
                if score > candidate[0]:
                    candidate = (score, VerbMatch(pattern.code, pattern.reverse, entry, pattern))
            if best is None or candidate[0] > best[0]:
                best = candidate
        return best[1] if best is not None else None


#: Clauses below a verb that its patterns do not read: what is said, adverbial and
#: relative clauses, coordinated verbs (each has its own claim).
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj"})


def _context(verb: Token) -> tuple[list[Token], list[Token]]:
    """The words before the verb in its sentence (nearest first) and the verb's phrase after it."""
    doc, sent = verb.doc, verb.sent
    before = [doc[i] for i in range(verb.i - 1, sent.start - 1, -1)]
    skip: set[int] = set()
    for child in verb.rights:
        if child.dep_ in _OWN_CLAUSES and child.pos_ in ("VERB", "AUX"):
            skip.update(range(child.left_edge.i, child.right_edge.i + 1))
    after = [doc[i] for i in range(verb.i + 1, max(verb.right_edge.i, verb.i) + 1) if i not in skip]
    return before, after


def _cost(
    before: Sequence[Element], left: Sequence[Token], after: Sequence[Element], right: Sequence[Token]
) -> int | None:
    """How far from the verb both sides of a pattern match (words skipped), or None."""
    first = _fits(before, left)
    if first is None:
        return None
    second = _fits(after, right)
    return None if second is None else first + second


def _word_matches(word: str, token: Token) -> bool:
    if word == token.lower_ or word == token.lemma_.lower():
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):  # dictionary plurals
        if word.endswith(suffix) and word[: -len(suffix)] + repl == token.lemma_.lower():
            return True
    return False


def _phrase_at(phrase: tuple[str, ...], tokens: Sequence[Token], i: int) -> bool:
    return i + len(phrase) <= len(tokens) and all(_word_matches(w, tokens[i + k]) for k, w in enumerate(phrase))


def _fits(elements: Sequence[Element], tokens: Sequence[Token], start: int = 0) -> int | None:
    """The words skipped when `elements` occur in order in `tokens` from `start`, or None.

    Gaps are allowed unless an element is tight. Both run away from the verb: before it,
    the nearest word comes first (and the elements' phrases are stored reversed).
    """
    if not elements:
        return 0
    element, rest = elements[0], elements[1:]
    last = start if element.tight else len(tokens) - 1
    for i in range(start, min(last, len(tokens) - 1) + 1):
        if element.marker:  # one or more words; "%" needs a coordination among them
            for j in range(i + 1, len(tokens) + 1):
                if element.marker == "%" and not any(t.dep_ == "conj" or t.lower_ == "and" for t in tokens[i:j]):
                    continue
                tail = _fits(rest, tokens, j)
                if tail is not None:
                    return i - start + tail
            continue
        for phrase in element.phrases:
            if _phrase_at(phrase, tokens, i):
                tail = _fits(rest, tokens, i + len(phrase))
                if tail is not None:
                    return i - start + tail
    return None


def _clean(line: str) -> str:
    return line.split("#", 1)[0].strip()


def _split_code(raw: str) -> tuple[str | None, str | None]:
    """``"042:043"`` → ("042", "043"); ``":173"`` → (None, "173"); ``"---"`` → (None, None)."""
    code, _, reverse = raw.partition(":")
    return (code if code and code != NO_CODE else None), (reverse if reverse and reverse != NO_CODE else None)


class _Reader:
    """Line-by-line state: the current synset or verb block, and raw patterns to resolve."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.synsets: dict[str, list[tuple[list[str], str]]] = {}
        self.raw: list[tuple[str, str, str, str | None, str | None, str]] = []  # kind, block, text, code, reverse, where
        self.synset: str | None = None
        self.block: str | None = None
        self.block_code: tuple[str | None, str | None] = (None, None)

    def warn(self, number: int, message: str, *args: object) -> None:
        log.warning("%s:%d: " + message, self.name, number, *args)

    def read(self, lines: Iterable[tuple[int, str]]) -> _Reader:
        in_xml = False
        for number, raw in lines:
            stripped = raw.strip()
            if in_xml:
                in_xml = "-->" not in stripped
                continue
            if stripped.startswith("<!--"):
                in_xml = "-->" not in stripped
                continue
            line = _clean(raw)
            if not line:
                if not stripped:  # a blank line ends a synset; a comment line does not
                    self.synset = None
                continue
            try:
                self.line(number, line)
            except ValueError as exc:
                self.warn(number, "%s; skipped", exc)
        return self

    def line(self, number: int, line: str) -> None:
        where = f"{self.name}:{number}"
        if line.startswith("---"):
            header = _HEADER.match(line)
            if header is None:
                raise ValueError(f"unreadable verb block header {line!r}")
            self.synset, self.block = None, f"{where} {header.group(1)}"
            self.block_code = _split_code(header.group(2))
        elif line.startswith("~"):
            raise ValueError("transformations (~ lines) are not supported")
        elif line.startswith("&"):
            name = line.split()[0].rstrip("_").upper()
            self.synset, self.synsets[name] = name, []
        elif line.startswith("+") and self.synset is not None:
            member = line[1:].strip()
            if not member:
                raise ValueError("empty synset member")
            self.synsets[self.synset].append((member.split(), where))
        elif line.startswith("-"):
            if self.block is None:
                raise ValueError(f"pattern {line!r} outside a verb block")
            code = _CODE.search(line)
            if code is None:
                raise ValueError(f"pattern {line!r} has no [code]")
            self.raw.append(("pattern", self.block, line[1 : code.start()], *_split_code(code.group(1)), where))
        else:
            if self.block is None:
                raise ValueError(f"verb {line!r} outside a verb block")
            code = _CODE.search(line)
            text = line[: code.start()] if code else line
            codes = _split_code(code.group(1)) if code else self.block_code
            forms = _FORMS.search(text)
            phrase = _FORMS.sub(" ", text).strip()
            if not phrase or "*" in phrase or "[" in phrase:
                raise ValueError(f"unreadable verb line {line!r}")
            extra = forms.group(1).replace(",", " ").split() if forms else []
            for form in [phrase] + [f for f in extra if f.strip("+_")]:
                self.raw.append(("verb", self.block, form, *codes, where))

    # -- resolution, once every synset is known ------------------------------------------

    def items(self, text: str) -> list[tuple[Element | str, bool]]:
        """Pattern or verb text → (element or "*", joined to the previous item by "_")."""
        out: list[tuple[Element | str, bool]] = []
        text = re.sub(r"\*+", "*", re.sub(r"[(){}]", " ", text))
        text = re.sub(r"(?<=[^\s_])\*", " *", re.sub(r"\*(?=[^\s_])", "* ", text))  # "*SCEPTICAL"
        for chunk in text.split():
            for k, part in enumerate(chunk.split("_")):
                if not part:
                    continue
                joined = k > 0
                if part in ("*", "**"):
                    out.append(("*", joined))
                elif part in MARKERS:
                    out.append((Element(marker=part), joined))
                elif part.startswith("&"):
                    out.append((Element(phrases=self.expand(part)), joined))
                else:
                    out.append((Element(phrases=((part.lower(),),)), joined))
        return out

    def expand(self, name: str, seen: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...]:
        """A synset's member phrases (members may name other synsets)."""
        key = name.rstrip("_").upper()
        if key not in self.synsets or key in seen:
            raise ValueError(f"unknown synset {name}")
        phrases: list[tuple[str, ...]] = []
        for words, _ in self.synsets[key]:
            words = " ".join(words).replace("_", " ").split()
            if len(words) == 1 and words[0].startswith("&"):
                phrases.extend(self.expand(words[0], seen | {key}))
            elif words and not any(w.startswith("&") or w in MARKERS for w in words):
                phrases.append(tuple(w.lower() for w in words))
        return tuple(phrases)

    def build(self) -> VerbDictionary:
        entries: dict[str, list[DictionaryVerb]] = {}
        patterns: dict[str, list[Pattern]] = {}
        for kind, block, text, code, reverse, where in self.raw:
            try:
                if kind == "pattern":
                    before, after = _sides(self.items(text), verb="*")
                    patterns.setdefault(block, []).append(Pattern(before, after, code, reverse, where))
                else:
                    entry = self.verb(text, block, code, reverse, where)
                    entries.setdefault(entry.verb, []).append(entry)
            except ValueError as exc:
                log.warning("%s: %s; skipped", where, exc)
        return VerbDictionary(
            entries={k: tuple(v) for k, v in entries.items()}, patterns={k: tuple(v) for k, v in patterns.items()}
        )

    def verb(self, text: str, block: str, code: str | None, reverse: str | None, where: str) -> DictionaryVerb:
        """A verb line's phrase → its entry; "+" marks the verb word of a multi-word verb."""
        chunks = text.replace("_", " ").split()
        head = next((k for k, w in enumerate(chunks) if w.startswith("+")), 0)
        words = [w.lstrip("+").lower() for w in chunks]
        if not re.fullmatch(r"[a-z][a-z'-]*", words[head]):
            raise ValueError(f"unreadable verb {text!r}")
        items: list[tuple[Element | str, bool]] = [
            ("*" if k == head else Element(phrases=((w,),)), True) for k, w in enumerate(words)
        ]
        before, after = _sides(items, verb="*")
        return DictionaryVerb(words[head], before, after, code, reverse, block, where)


def _sides(items: list[tuple[Element | str, bool]], *, verb: str) -> tuple[tuple[Element, ...], tuple[Element, ...]]:
    """Split at the verb: elements before it (nearest first, phrases reversed) and after it.

    An element is tight when "_" joins it to its neighbour on the verb's side.
    """
    stars = [k for k, (e, _) in enumerate(items) if e == verb]
    if len(stars) != 1:
        raise ValueError("a pattern needs exactly one '*' (the verb)")
    star = stars[0]
    before = tuple(
        Element(tuple(p[::-1] for p in e.phrases), e.marker, items[k + 1][1])
        for k in range(star - 1, -1, -1)
        if isinstance(e := items[k][0], Element)
    )
    after = tuple(Element(e.phrases, e.marker, items[k][1]) for k in range(star + 1, len(items)) if isinstance(e := items[k][0], Element))
    return before, after


def read_verb_dictionary(path: str | Path) -> VerbDictionary:
    """Read one PETRARCH verb dictionary file.

    Raises:
        InputError: The file cannot be read.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read verb dictionary {path}: {exc}") from exc
    return _Reader(str(path)).read(enumerate(text.splitlines(), start=1)).build()


@functools.cache
def _load(paths: tuple[str, ...]) -> VerbDictionary:
    merged = VerbDictionary()
    for path in paths:
        merged = merged.merged(read_verb_dictionary(path))
    return merged


def load_verbs(paths: Iterable[str | Path]) -> VerbDictionary | None:
    """The verb dictionaries at `paths` merged (read once per tuple of paths), or None for none.

    Raises:
        InputError: A file cannot be read.
    """
    key = tuple(str(Path(p)) for p in paths)
    return _load(key) if key else None
