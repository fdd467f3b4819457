"""Prominent political people: a dated list, and which of them a name in a document denotes.

``kg/data/actors/people.toml`` lists heads of state and government, ministers, heads of
international organisations, opposition, rebel and religious leaders since 1990, each with a
country and dated offices (its header gives the format and where the facts come from). A
person the list knows gets its canonical id, its country and, from the office held on the
document's date, its sector: "Museveni said" is Yoweri Museveni of Uganda, a government
actor, in any year since 1986.

A name denotes a listed person when:

* it is the person's name or an alias, spelling folded ("Muammar Qaddafi", "Abu Mazen");
* it is a full name whose given and family names fold to the person's
  (`kg.actors.personal.name_parts`), middle initials and a generational suffix agreeing
  where written ("George W. Bush" is not "George H. W. Bush"; "Ferdinand Marcos Jr.");
* it is a bare family name ("Lavrov", "Mr Ban", "President Putin") that no other full name
  of the document shares, and that is not a given name of someone else on the list.

A name that fits several people is kept to those in office on the document's date, then to
those whose office fits a title written with the name ("Prime Minister Sharif"); if more than
one remains, or the document has no date, nobody is chosen: "President Bush" in a 1991
article is the elder Bush, in 2003 the younger, and undated it stays an unknown Bush.

Examples:
    >>> leaders = default_leaders()
    >>> import datetime as dt
    >>> leaders.lookup("Bush", dt.date(1991, 3, 1)).name
    'George H. W. Bush'
    >>> leaders.lookup("Bush", None) is None
    True
    >>> leaders.lookup("Sergey Lavrov", None).code_on(dt.date(2010, 1, 1))
    ('RUS', 'GOV')
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from kg.errors import InputError
from kg.extract.tokens import texts
from kg.types import Actor, ActorType

from kg.actors._units import Cluster
from kg.actors.gazetteer import DATA_DIR, Entry, PhraseIndex
from kg.actors.ids import ActorKind, actor_id
from kg.actors.personal import NameParts
from kg.actors.personal import name_parts as _name_parts

__all__ = ["Leader", "Leaders", "Office", "default_leaders", "listed_person", "listed_spans", "load_leaders"]

#: The list kg ships (package data).
PEOPLE_FILE = DATA_DIR / "people.toml"

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: A word that is the given name of this many listed people is not a surname on its own.
_COMMON_GIVEN = 3
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CODE = re.compile(r"^[A-Z]{3}$")
_SECTOR = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_PERSON_KEYS = {"name", "aliases", "country", "surname", "roles"}
_ROLE_KEYS = {"office", "sector", "country", "start", "end"}


@dataclass(frozen=True, slots=True)
class Office:
    """One office a person held: from ``start`` until the day before ``end`` (None: still held)."""

    office: str
    sector: str | None
    country: str | None
    start: dt.date
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        """Whether the office was held on `day`."""
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Leader:
    """A listed person: canonical name, aliases, country, dated offices, and where it is written."""

    name: str
    aliases: tuple[str, ...]
    country: str
    roles: tuple[Office, ...]
    surname: bool = True
    source: str = ""

    @property
    def id(self) -> str:
        """The person's actor id (``person/yoweri-museveni``)."""
        return actor_id(ActorKind.PERSON, self.name)

    def role_on(self, day: dt.date | None) -> Office | None:
        """The office that codes the person on `day`: of those held then, the last taken up."""
        if day is None:
            return None
        held = [r for r in self.roles if r.held_on(day)]
        return max(held, key=lambda r: r.start) if held else None

    def code_on(self, day: dt.date | None) -> tuple[str, str | None]:
        """Country and sector on `day`; the person's country and no sector out of office."""
        role = self.role_on(day)
        if role is None:
            return self.country, None
        return role.country or self.country, role.sector


@functools.lru_cache(maxsize=16384)
def name_parts(name: str) -> NameParts:
    """`kg.actors.personal.name_parts`, remembered: the list asks for the same names often."""
    return _name_parts(name)


def _fold(text: str) -> str:
    """Lower-case ASCII words of a name, punctuation dropped ("Abu-Mazen" → "abu mazen")."""
    ascii_ = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_.replace("'", "")).split())


def _suffix(name: str) -> str:
    words = _fold(name).split()
    return words[-1] if len(words) > 1 and words[-1] in _SUFFIXES else ""


def _family_phrases(name: str) -> list[str]:
    """The family name as written ("al-Assad", "de Klerk") and without an Arabic article."""
    words = name.split()
    while len(words) > 1 and _fold(words[-1]) in _SUFFIXES:
        words = words[:-1]
    parts = name_parts(name)
    if not parts.full or len(words) < 2:
        return []
    if parts.family == name_parts(words[0]).family and len(words) >= 2 and name_parts(" ".join(words[1:])).family != parts.family:
        phrases = [words[0]]  # family name first: "Ban Ki-moon", "Xi Jinping"
    else:
        k = len(words) - 1
        while k > 0 and name_parts(" ".join(words[k - 1 :])).family == parts.family and words[k - 1][:1].islower():
            k -= 1  # "de Klerk", "von der Leyen"
        phrases = [" ".join(words[k:])]
    bare = re.sub(r"^(?:al|el|ad|ar|as|at|az|an)-", "", phrases[0], flags=re.I)
    if bare != phrases[0]:
        phrases.append(bare[:1].upper() + bare[1:])
    return phrases


class Leaders:
    """The list, indexed: names and aliases, folded full names, family names, and a phrase index."""

    def __init__(self, people: Iterable[Leader]) -> None:
        self.people: tuple[Leader, ...] = tuple(people)
        self._by_phrase: dict[str, list[Leader]] = {}
        self._by_name: dict[tuple[str, str], list[Leader]] = {}
        self._by_family: dict[str, list[Leader]] = {}
        self.index = PhraseIndex()
        given = _given_names(self.people)
        for person in self.people:
            names = (person.name, *person.aliases)
            for name in names:
                _add(self._by_phrase, _fold(name), person)
                self.index.add(name, person)
                parts = name_parts(name)
                if parts.full:
                    _add(self._by_name, (parts.given, parts.family), person)
            if not person.surname:
                continue
            for name in names:
                for phrase in _family_phrases(name):
                    if given[_fold(phrase)] >= _COMMON_GIVEN:
                        continue  # "Ali", "Abdullah": a given name of many, not a surname
                    _add(self._by_family, name_parts(phrase).family, person)
                    self.index.add(phrase, "surname")

    def __len__(self) -> int:
        return len(self.people)

    def lookup(self, name: str, day: dt.date | None, *, sectors: Sequence[str] = (), titles: Sequence[str] = ()) -> Leader | None:
        """The one listed person `name` denotes on `day`, or None (see the module notes).

        Args:
            name: A personal name as written, without title ("Putin", "George Bush").
            day: The document's date; None chooses only a name that fits one person.
            sectors: Sectors of titles written with the name ("GOV" for "President").
            titles: Titles written with the name ("king"): "King Abdullah" is looked up too.
        """
        for title in titles:
            found = self._by_phrase.get(_fold(f"{title} {name}"))
            if found:
                return _choose(found, day, sectors, titles)
        folded = _fold(name)
        if folded in self._by_phrase:
            return _choose(self._by_phrase[folded], day, sectors, titles)
        parts = name_parts(name)
        if parts.full:
            suffix = _suffix(name)
            found = [
                p for p in self._by_name.get((parts.given, parts.family), [])
                if _fits(p, parts.middles, suffix)
            ]
            return _choose(found, day, sectors, titles)
        if len(name.split()) > 2:
            return None
        return _choose(self._by_family.get(parts.family, []), day, sectors, titles)

    def spans(self, words: Sequence[str]) -> list[tuple[int, int, bool]]:
        """Names of listed people in a token sequence: ``(start, end, is_surname_only)``."""
        found = []
        for start, end, values in self.index.find(words):
            found.append((start, end, all(v == "surname" for v in values)))
        return found


def _given_names(people: Iterable[Leader]) -> Counter[str]:
    """How many listed people have each word as their given name (folded)."""
    count: Counter[str] = Counter()
    for person in people:
        words = set()
        for name in (person.name, *person.aliases):
            first = name.split()[0]
            if name_parts(name).full and name_parts(first).family != name_parts(name).family:
                words.add(_fold(first))
        count.update(words)
    return count


def _add(index: dict, key: Any, person: Leader) -> None:
    bucket = index.setdefault(key, [])
    if person not in bucket:
        bucket.append(person)


def _fits(person: Leader, middles: tuple[str, ...], suffix: str) -> bool:
    """Whether written middle initials and suffix agree with one of the person's names."""
    for name in (person.name, *person.aliases):
        parts = name_parts(name)
        if middles and parts.middles != middles:
            continue
        if suffix and _suffix(name) != suffix:
            continue
        return True
    return False


def _choose(
    found: Sequence[Leader], day: dt.date | None, sectors: Sequence[str] = (), titles: Sequence[str] = ()
) -> Leader | None:
    if len(found) == 1:
        return found[0]
    if not found or day is None:
        return None
    serving = [p for p in found if p.role_on(day) is not None]
    if len(serving) > 1 and titles:  # "President Bush" in 2003: not the governor
        fitting = [p for p in serving if any(t in p.role_on(day).office.lower() for t in titles)]
        serving = fitting or serving
    if len(serving) > 1 and sectors:
        fitting = [p for p in serving if (p.role_on(day).sector or "") in sectors]
        serving = fitting or serving
    return serving[0] if len(serving) == 1 else None


def _date(value: Any, *, end: bool, where: str) -> dt.date:
    match = _DATE.match(str(value)) if isinstance(value, str) else None
    if match is None:
        raise InputError(f"{where}: a date is \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", not {value!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            return dt.date(year, month, day)
        if month is not None:
            first = dt.date(year, month, 1)
            return first + dt.timedelta(days=calendar.monthrange(year, month)[1]) if end else first
        return dt.date(year + 1, 1, 1) if end else dt.date(year, 1, 1)
    except ValueError as exc:
        raise InputError(f"{where}: {value!r} is not a date ({exc})") from None


def _office(raw: Any, where: str) -> Office:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: a role is a table {{ office, sector, start, end }}, not {raw!r}")
    unknown = set(raw) - _ROLE_KEYS
    if unknown:
        raise InputError(f"{where}: unknown role key(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(_ROLE_KEYS))}")
    office = raw.get("office")
    if not isinstance(office, str) or not office.strip():
        raise InputError(f"{where}: a role needs an office")
    sector = raw.get("sector")
    if sector is not None and (not isinstance(sector, str) or not _SECTOR.match(sector)):
        raise InputError(f"{where}: role {office!r}: sector must be a CAMEO code such as \"GOV\", not {sector!r}")
    country = raw.get("country")
    if country is not None and (not isinstance(country, str) or not _CODE.match(country)):
        raise InputError(f"{where}: role {office!r}: country must be a 3-letter code, not {country!r}")
    if "start" not in raw:
        raise InputError(f"{where}: role {office!r} has no start")
    start = _date(raw["start"], end=False, where=f"{where}: role {office!r}")
    end = _date(raw["end"], end=True, where=f"{where}: role {office!r}") if "end" in raw else None
    if end is not None and end <= start:
        raise InputError(f"{where}: role {office!r} ends before it starts")
    return Office(office, sector, country, start, end)


def _person(raw: Any, where: str) -> Leader:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: a person is a table")
    unknown = set(raw) - _PERSON_KEYS
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(_PERSON_KEYS))}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: a person needs a name")
    where = f"{where} ({name})"
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise InputError(f"{where}: aliases must be a list of names")
    country = raw.get("country")
    if not isinstance(country, str) or not _CODE.match(country):
        raise InputError(f"{where}: country must be an ISO 3166 alpha-3 code, not {country!r}")
    surname = raw.get("surname", True)
    if not isinstance(surname, bool):
        raise InputError(f"{where}: surname must be true or false")
    roles = raw.get("roles", [])
    if not isinstance(roles, list):
        raise InputError(f"{where}: roles must be a list of tables")
    return Leader(name.strip(), tuple(a.strip() for a in aliases), country,
                  tuple(_office(r, where) for r in roles), surname, where)


def load_leaders(path: Path | str) -> Leaders:
    """Read and check a people file (the format of ``kg/data/actors/people.toml``).

    Raises:
        InputError: The file is unreadable, not TOML, or an entry is malformed; the one-line
            message names the file, the line of the entry and the problem.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read people file: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(data) - {"person"}
    if unknown:
        raise InputError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}; a people file holds [[person]] tables")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[person]]"]
    people = data.get("person", [])
    if not isinstance(people, list):
        raise InputError(f"{path}: person must be an array of tables ([[person]])")
    found = []
    names: dict[str, str] = {}
    for k, raw in enumerate(people):
        where = f"{path}:{lines[k]}" if k < len(lines) else f"{path}: person {k + 1}"
        person = _person(raw, where)
        if person.id in names:
            raise InputError(f"{where}: {person.name!r} is listed twice (also at {names[person.id]})")
        names[person.id] = where
        found.append(person)
    return Leaders(found)


@functools.lru_cache(maxsize=1)
def default_leaders() -> Leaders:
    """The list kg ships, read once per process."""
    return load_leaders(PEOPLE_FILE)


#: Entity types a lone listed name may carry and still be the person ("Lavrov" tagged ORG).
_NAME_ENTS = {"", "PERSON", "ORG", "NORP"}


def listed_spans(
    doc: Doc,
    persons: list[tuple[int, int]],
    orgs: list[tuple[int, int]],
    entries: Sequence[tuple[int, int, Entry]],
    roles: Any = None,
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Add the names of listed people that the tagger missed or typed as organisations.

    A name or alias of the list is a person wherever written with its capitals; a lone
    family name ("Museveni", "Lavrov") or one-word alias only as a proper noun that is not
    part of a longer entity ("Fox News") nor a role word ("Major General"). Gazetteer names
    win over the list unless they lie strictly inside a listed name ("King Abdullah of
    Jordan").

    Args:
        doc: The parsed document.
        persons: ``(start, end)`` of the person names found so far.
        orgs: ``(start, end)`` of the tagger's organisations.
        entries: Gazetteer matches ``(start, end, entry)``.
        roles: The gazetteer, to ask whether a word is a role word (`Gazetteer.role_at`).

    Returns:
        The persons with the listed names added, and the organisations without them.
    """
    words = texts(doc)
    taken = {i for s, e in persons for i in range(s, e)}
    persons, orgs = list(persons), list(orgs)
    for start, end, lone in default_leaders().spans(words):
        if any(i in taken for i in range(start, end)):
            continue
        if any(s < end and start < e and not (start <= s and e <= end and (s, e) != (start, end)) for s, e, _ in entries):
            continue
        if lone or end - start == 1:
            last = doc[end - 1]
            ent = next((x for x in doc.ents if x.start <= last.i < x.end), None)
            if last.pos_ != "PROPN" or last.ent_type_ not in _NAME_ENTS:
                continue
            if ent is not None and ent.label_ != "PERSON" and (ent.start, ent.end) != (start, end):
                continue
            if roles is not None and roles.role_at(words, start) is not None:
                continue
        orgs = [(s, e) for s, e in orgs if not (s < end and start < e)]
        persons.append((start, end))
        taken.update(range(start, end))
    return sorted(persons), orgs


def listed_person(cluster: Cluster, clusters: Sequence[Cluster], day: dt.date | None) -> Actor | None:
    """The actor of a document's person if the list knows it, else None.

    A bare family name is looked up only when no other full name of the document has it
    ("Bush" beside "Laura Bush" stays hers). Titles written with the name help choose among
    namesakes; the office held on `day` gives the sector. With no office on `day` (or no
    date), an office written with the name gives it ("UN Secretary-General Ban Ki-moon":
    IGO, UNO); with none, the person keeps its country with no sector.
    """
    label = cluster.label
    if not name_parts(label).full:
        family = name_parts(label).family
        if any(c is not cluster and name_parts(c.label).full and name_parts(c.label).family == family for c in clusters):
            return None
    titles = [r.title.lower() for r in cluster.roles]
    sectors = [r.sector for r in cluster.roles if r.sector]
    leader = default_leaders().lookup(label, day, sectors=sectors, titles=titles)
    if leader is None:
        return None
    country, sector = leader.code_on(day)
    if leader.role_on(day) is None:  # no office on the date (or no date): the text's, if it names one
        written = next((r for r in cluster.roles if r.country or r.sector), None)
        if written is not None:
            country, sector = written.country or country, written.sector
    aliases = frozenset(cluster.names | {label}) - {leader.name}
    return Actor(leader.id, leader.name, ActorType.PERSON, country, sector, aliases, tuple(cluster.roles))
