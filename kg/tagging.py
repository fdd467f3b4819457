"""Documents → spaCy `Doc`: exact, faster stand-ins for spaCy's attribute ruler and rule lemmatizer.

The stock ``attribute_ruler`` runs a `Matcher` over all its patterns for every token, and the
rule ``lemmatizer`` walks the tokens in Python; on a news article they cost about as much as
the parser. Almost every rule of both depends on a token's own attributes only, so the answer
for one combination of attribute values is worked out once, by the stock code itself, and
remembered; a document is then read and written a column at a time with `Doc.to_array` /
`Doc.from_array`. The output is the stock output, token for token (``benchmarks/tagging.py``
compares them on every dev text at hand).

`use_fast_tagging` swaps the class of the loaded components for the subclasses below, so the
pipeline keeps its component names, its config and its serialised form, and
``nlp.get_pipe("attribute_ruler")`` is still an `AttributeRuler` (patterns added later are seen).
A component this module cannot reproduce exactly is left as it is.
"""

from __future__ import annotations

import logging
import re

import numpy
from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, NORM, ORTH, POS, PREFIX, SHAPE, SUFFIX, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

__all__ = ["FastAttributeRuler", "FastEnglishLemmatizer", "FastLemmatizer", "use_fast_tagging"]

log = logging.getLogger(__name__)

#: Token attributes a one-token pattern may read and still be answered from the token alone;
#: every lexical attribute (a function of the word, read through its lexeme) may be read too.
_TOKEN_READS = frozenset({TAG, POS, MORPH, LEMMA, DEP, NORM})
#: Attributes holding a string, whose value a pattern can only name or match with a regular expression.
_STRING_ATTRS = frozenset({ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LEMMA})
#: Token attributes the ruler may set that `Doc.from_array` writes exactly as the stock ruler does.
_WRITES = (POS, TAG, MORPH, LEMMA, DEP)
#: A remembered answer table is emptied when it grows past this many entries.
_MEMO_LIMIT = 1 << 20


def _lexical_ids() -> frozenset[int]:
    """Attribute ids read through the lexeme: flags, ORTH, LOWER, SHAPE, PREFIX, SUFFIX, LENGTH."""
    names = ("ORTH", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "LANG")
    flags = [v for k, v in IDS.items() if k.startswith(("IS_", "LIKE_")) and k not in ("IS_SENT_START", "IS_SENT_END")]
    return frozenset([IDS[n] for n in names] + flags)


_LEXICAL = _lexical_ids()


def _attr_id(key) -> int | None:
    """The attribute id a Matcher pattern key reads, as the Matcher resolves it, or None for ``_``/``OP``/unknown."""
    if isinstance(key, int):
        return key
    name = key.upper()
    if name in ("_", "OP"):
        return None
    return IDS.get({"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(name, name))


def _token_local(pattern: list) -> bool:
    """Whether `pattern` matches one token with no operator, reading only memoisable attributes."""
    if len(pattern) != 1:
        return False
    spec = pattern[0]
    for key in spec:
        attr = _attr_id(key)
        if attr is None or (attr not in _LEXICAL and attr not in _TOKEN_READS):
            return False
    return True


class _Rules:
    """An attribute ruler's patterns sorted for `FastAttributeRuler`, with the answers found so far.

    ``reads`` are the attributes the one-token patterns read (in ``local``), ``writes`` the
    attributes any pattern sets; ``other`` holds the remaining patterns. A string attribute the
    one-token patterns test only for equality, IN, NOT_IN or REGEX is keyed by its class: the
    value itself where a pattern names it, else which of the regular expressions find it.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.writes = sorted({attr for attrs in ruler.attrs for attr in attrs})
        self.local, self.other = Matcher(ruler.vocab, validate=False), Matcher(ruler.vocab, validate=False)
        specs = []
        for number in range(len(ruler.attrs)):
            patterns = ruler.matcher.get(str(number))[1]
            simple = [p for p in patterns if _token_local(p) and ruler.indices[number] in (0, -1)]
            rest = [p for p in patterns if p not in simple]
            if simple:
                self.local.add(str(number), simple)
                specs += [p[0] for p in simple]
            if rest:
                self.other.add(str(number), rest)
        if not len(self.other):
            self.other = None
        self.reads = tuple(sorted({_attr_id(key) for spec in specs for key in spec}))
        self.classes = [(n, *tests, {}) for n, attr in enumerate(self.reads)
                        if (tests := _string_tests(specs, attr)) is not None]
        self.memo: dict[tuple, tuple] = {}

    def keys(self, rows: list[list[int]]) -> list[tuple]:
        """The memo key of each token's row of read values."""
        if not self.classes:
            return list(map(tuple, rows))
        strings = self.vocab.strings
        keys = []
        for row in rows:
            key = list(row)
            for n, named, expressions, seen in self.classes:
                value = row[n]
                kind = seen.get(value)
                if kind is None:
                    kind = seen[value] = value if value in named else (-1, *(
                        bool(e.search(strings[value])) for e in expressions))
                key[n] = kind
            keys.append(tuple(key))
        return keys

    def forget(self) -> None:
        """Empty the answers (they are worked out again as needed)."""
        self.memo.clear()
        for *_, seen in self.classes:
            seen.clear()


def _string_tests(specs: list[dict], attr: int):
    """(values named, regular expressions) of one-token patterns testing string attribute `attr`, or None.

    None where `attr` is no string attribute or some pattern tests it in another way (FUZZY,
    a comparison, a nested predicate): then its value is part of the key as it is.
    """
    if attr not in _STRING_ATTRS:
        return None
    named: set[int] = set()
    expressions = []
    for spec in specs:
        for key, value in spec.items():
            if _attr_id(key) != attr:
                continue
            if isinstance(value, str):
                named.add(get_string_id(value))
            elif not isinstance(value, dict):
                return None
            else:
                for kind, argument in value.items():
                    kind = kind.upper()
                    if kind in ("IN", "NOT_IN") and isinstance(argument, (list, tuple, set)) and all(
                            isinstance(v, str) for v in argument):
                        named.update(get_string_id(v) for v in argument)
                    elif kind == "REGEX" and isinstance(argument, str):
                        expressions.append(re.compile(argument))
                    else:
                        return None
    return frozenset(named), tuple(expressions)


class FastAttributeRuler(AttributeRuler):
    """An `AttributeRuler` whose one-token patterns are answered from a table per attribute-value key.

    Notes:
        spaCy's ``AttributeRuler.match`` finds every match before setting anything, sorts the
        matches by pattern number, and ``set_annotations`` applies them in that order, so for
        each token and attribute the pattern with the highest number among those matching wins.
        A one-token pattern's match depends only on the attributes it reads, so the winning
        values for one tuple of those values are found once, by the ruler's own `Matcher` run
        on a `Doc` of one token per tuple not seen before. The other patterns (several tokens, operators,
        extension attributes) run through a `Matcher` on the document, and their matches
        take part in the same highest-number-wins choice.
    """

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as e:  # the stock ruler's error handling  # noqa: BLE001
            return error_handler(self.name, self, [doc], e)

    def _compiled(self) -> _Rules:
        signature = (id(self.matcher), len(self.attrs))
        state = self.__dict__.get("_kg_state")
        if state is None or state[0] != signature:
            state = self.__dict__["_kg_state"] = (signature, _Rules(self))
        return state[1]

    def _answer(self, rules: _Rules, missing: dict) -> None:
        """Remember what the one-token patterns set for each key of `missing` (→ a token's ORTH and read values).

        The keys become the tokens of one `Doc`, each the word and token attributes of a token
        that has it, so the ruler's own `Matcher` answers them all in one pass; an answer is a
        tuple of (column, value, pattern number) for each attribute set.
        """
        keys = list(missing)
        doc = Doc(self.vocab, words=[self.vocab.strings[missing[key][0]] for key in keys], spaces=[False] * len(keys))
        token_reads = [n for n, attr in enumerate(rules.reads) if attr in _TOKEN_READS]
        if token_reads:
            values = numpy.array([[missing[key][1][n] for n in token_reads] for key in keys], dtype="uint64")
            doc.from_array([rules.reads[n] for n in token_reads], values)
        winners: list[dict[int, tuple[int, int]]] = [{} for _ in keys]
        for match_id, start, _end in rules.local(doc, allow_missing=True):
            number = int(self.vocab.strings[match_id])
            found = winners[start]
            for attr, value in self.attrs[number].items():
                if attr not in found or found[attr][1] < number:
                    found[attr] = (value, number)
        for key, found in zip(keys, winners):
            rules.memo[key] = tuple((rules.writes.index(attr), value, number)
                                    for attr, (value, number) in found.items())

    def _apply(self, doc: Doc) -> None:
        rules = self._compiled()
        writes, memo = rules.writes, rules.memo
        if not len(doc) or not writes:
            return
        columns = doc.to_array(writes).reshape(len(doc), len(writes)).tolist()  # 2-D even for one attribute
        best = [[-1] * len(writes) for _ in columns] if rules.other is not None else None
        if len(rules.local):
            reads = list(rules.reads)
            rows = doc.to_array(reads).reshape(len(doc), len(reads)).tolist() if reads else [[] for _ in columns]
            keys = rules.keys(rows)
            missing = {}
            for i, key in enumerate(keys):
                if key not in memo and key not in missing:
                    missing[key] = (doc[i].orth, rows[i])
            if len(memo) + len(missing) > _MEMO_LIMIT:
                rules.forget()
                keys = rules.keys(rows)
                missing = {key: (doc[i].orth, rows[i]) for i, key in enumerate(keys)}
            if missing:
                self._answer(rules, missing)
            for i, key in enumerate(keys):
                row = columns[i]
                for column, value, number in memo[key]:
                    row[column] = value
                    if best is not None:
                        best[i][column] = number
        if rules.other is not None:
            self._apply_other(doc, rules.other, writes, columns, best)
        doc.from_array(writes, numpy.array(columns, dtype="uint64"))  # stores each value as given, as spaCy does

    def _apply_other(self, doc: Doc, other: Matcher, writes: list, columns: list, best: list) -> None:
        matches = sorted((int(self.vocab.strings[m]), m, s, e) for m, s, e in other(doc, allow_missing=True))
        for number, match_id, start, end in matches:
            span = Span(doc, start, end, label=match_id)
            index = self.indices[number]
            try:
                i = span[index].i
            except IndexError:
                raise ValueError(Errors.E1001.format(patterns=self.matcher.get(span.label),
                                                     span=[t.text for t in span], index=index)) from None
            for attr, value in self.attrs[number].items():
                column = writes.index(attr)
                if best[i][column] <= number:
                    columns[i][column] = value
                    best[i][column] = number


class _FastRuleLemmas:
    """Rule lemmas from a table keyed on (ORTH, POS, MORPH), filled by the stock `rule_lemmatize`.

    Notes:
        The stock rule lemmatizer's answer for a token is a function of its text, its POS and
        its MORPH (its own cache is keyed on exactly these), so one answer per key is exact.
        A token that already has a lemma keeps it unless ``overwrite`` is set, as in spaCy.
        The answers are computed by ``rule_lemmatize`` itself, reading the same tables, with
        each word index held as a set for the time of the call (a membership test is all it
        asks of them).
    """

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            self._lemmatize(doc)
            return doc
        except Exception as e:  # the stock lemmatizer's error handling  # noqa: BLE001
            error_handler(self.name, self, [doc], e)

    def _lemmatize(self, doc: Doc) -> None:
        if not len(doc):
            return
        memo, lookups = self._kg_state()
        overwrite = self.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        wanted = [((orth, pos, morph), i)
                  for i, (orth, pos, morph, lemma) in enumerate(rows) if overwrite or lemma == 0]
        missing = {}
        for key, i in wanted:
            if key not in memo:
                missing.setdefault(key, i)
        if len(memo) + len(missing) > _MEMO_LIMIT:
            memo.clear()
            missing = dict(reversed(wanted))  # the first token of each key
        if missing:
            own, self.lookups = self.lookups, lookups
            try:
                for key, i in missing.items():
                    # kept for later documents, so never a transient string of a memory zone
                    memo[key] = self.vocab.strings.add(self.rule_lemmatize(doc[i])[0], allow_transient=False)
            finally:
                self.lookups = own
        lemmas = [memo[(orth, pos, morph)] if overwrite or lemma == 0 else lemma for orth, pos, morph, lemma in rows]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))

    def _kg_state(self) -> tuple[dict, Lookups]:
        """The answers so far, and the component's tables with each POS's word index as a set.

        ``rule_lemmatize`` asks only whether a word is in a POS's index (``form in index``),
        which a set answers as the stock list does, without reading the whole list.
        """
        state = self.__dict__.get("_kg_state_")
        if state is None or state[0] is not self.lookups:
            lookups = Lookups()
            for name in self.lookups.tables:
                table = self.lookups.get_table(name)
                if name == "lemma_index":
                    try:
                        table = Table(name, {key: frozenset(words) for key, words in table.items()})
                    except TypeError:  # not a table of word lists: use it as it is
                        pass
                lookups.set_table(name, table)
            state = self.__dict__["_kg_state_"] = (self.lookups, {}, lookups)
        return state[1], state[2]


class FastLemmatizer(_FastRuleLemmas, Lemmatizer):
    """spaCy's `Lemmatizer` in "rule" mode, answering from a table per (ORTH, POS, MORPH)."""


class FastEnglishLemmatizer(_FastRuleLemmas, EnglishLemmatizer):
    """spaCy's `EnglishLemmatizer` in "rule" mode, answering from a table per (ORTH, POS, MORPH)."""


#: The stock classes reproduced exactly, each with its stand-in.
_STAND_INS = {AttributeRuler: FastAttributeRuler, Lemmatizer: FastLemmatizer, EnglishLemmatizer: FastEnglishLemmatizer}


def _supported(component) -> bool:
    if isinstance(component, AttributeRuler):
        return all(set(attrs) <= set(_WRITES) for attrs in component.attrs)
    return component.mode == "rule"


def use_fast_tagging(nlp: Language) -> list[str]:
    """Give `nlp`'s attribute ruler and rule lemmatizer their exact, faster stand-ins, in place.

    Only components of exactly the stock classes are changed, an attribute ruler only when its
    patterns set nothing but POS, TAG, MORPH, LEMMA and DEP, a lemmatizer only in "rule" mode;
    anything else (another mode, a subclass, extension attributes) keeps its stock behaviour.

    Args:
        nlp: A loaded pipeline.

    Returns:
        The names of the components changed.

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> nlp.add_pipe("attribute_ruler").add([[{"LOWER": {"IN": ["talks", "talk"]}}]], {"LEMMA": "talk"})
        >>> use_fast_tagging(nlp)
        ['attribute_ruler']
        >>> [t.lemma_ for t in nlp("Talks about talks")]
        ['talk', '', 'talk']
    """
    changed = []
    for name, component in nlp.components:
        stand_in = _STAND_INS.get(type(component))
        if stand_in is None:
            continue
        if not _supported(component):
            log.debug("%s keeps spaCy's %s: not reproduced exactly", name, type(component).__name__)
            continue
        component.__class__ = stand_in
        changed.append(name)
    return changed
