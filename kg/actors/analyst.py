"""An analyst's actor file (TOML or CSV) → names, codes and identity decisions the build obeys.

Each record names an actor and may set what resolution would otherwise guess:

``name``
    The canonical name (required); ``aliases`` further names (TOML list, or ``;``-separated
    in CSV). Every name is matched in text before the built-in gazetteer's.
``id``, ``type``, ``country``, ``sector``
    The actor's id (default: from type and name, `kg.actors.ids.actor_id`), type
    (``Person``, ``Organization``, ``State``, ``Government``, ``Group``; default Person),
    CAMEO country block and sector.
``same_as``
    Another actor (an id, or the name of a record of the file): one actor with this one.
``never_merge``
    Other actors (ids or names; list, or ``;``-separated): never one actor with this one.

TOML: ``[[actor]]`` tables with those keys. CSV: a header row with those column names.

A malformed file is refused with its name and line; a file that says "same as" and "never
merge" of one pair is refused naming both lines.

Examples:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "actors.toml"
    >>> _ = path.write_text('[[actor]]\\nname = "Mahmoud Abbas"\\naliases = ["Abu Mazen"]\\ncountry = "PSE"\\nsector = "GOV"\\n')
    >>> [(r.id, r.aliases) for r in read_actor_file(path).records]
    [('person/mahmoud-abbas', ('Abu Mazen',))]
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.types import ActorType

from kg.actors.ids import actor_id, kind_of, parse_actor_id

__all__ = ["ANALYST_SUFFIXES", "ActorFile", "ActorRecord", "read_actor_file"]

#: File name endings read as analyst actor files (any other is a PETRARCH dictionary).
ANALYST_SUFFIXES = (".toml", ".csv")
_FIELDS = {"name", "aliases", "id", "type", "country", "sector", "same_as", "never_merge"}
_CODE = re.compile(r"^[A-Z]{3}$|^[A-Z0-9]{3}$")


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One actor of the file: its names and codes, and the line it starts on."""

    id: str
    name: str
    type: ActorType
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class ActorFile:
    """What an actor file says: its actors, and its identity decisions as id pairs."""

    path: Path
    records: tuple[ActorRecord, ...]
    same_as: tuple[tuple[str, str], ...]
    never: tuple[tuple[str, str], ...]


def _split(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(";") if v.strip()]


def _rows_toml(path: Path, text: str) -> list[tuple[int, dict]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"actor"})
    if unknown:
        raise InputError(f"{path}: unknown table {unknown[0]!r}; an actor file has [[actor]] tables")
    tables = data.get("actor", [])
    if not isinstance(tables, list):
        raise InputError(f"{path}: 'actor' must be an array of tables ([[actor]])")
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[actor]]"]
    return [(starts[k] if k < len(starts) else 0, row) for k, row in enumerate(tables)]


def _rows_csv(path: Path, text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    if "name" not in header:
        raise InputError(f"{path}:1: a CSV actor file needs a header row with a 'name' column")
    unknown = [h for h in header if h not in _FIELDS]
    if unknown:
        raise InputError(f"{path}:1: unknown column {unknown[0]!r}; columns: {', '.join(sorted(_FIELDS))}")
    rows = []
    for row in reader:
        if None in row:
            raise InputError(f"{path}:{reader.line_num}: more fields than the header has")
        rows.append((reader.line_num, {k: v for k, v in row.items() if v not in (None, "")}))
    return rows


def _record(path: Path, line: int, row: dict) -> ActorRecord:
    where = f"{path}:{line}"
    unknown = sorted(set(row) - _FIELDS)
    if unknown:
        raise InputError(f"{where}: unknown field {unknown[0]!r}; fields: {', '.join(sorted(_FIELDS))}")
    name = str(row.get("name", "")).strip()
    if not name:
        raise InputError(f"{where}: an actor needs a name")
    try:
        kind = ActorType(str(row.get("type", "Person")).strip().capitalize())
    except ValueError:
        raise InputError(f"{where}: unknown type {row.get('type')!r}; one of: {', '.join(t.value for t in ActorType)}") from None
    country = str(row["country"]).strip().upper() if row.get("country") else None
    if country is not None and not _CODE.match(country):
        raise InputError(f"{where}: country {country!r} is not a three-letter CAMEO block")
    sector = str(row["sector"]).strip().upper() if row.get("sector") else None
    try:
        if row.get("id"):
            ident = str(row["id"]).strip()
            if parse_actor_id(ident)[0] not in {kind_of(kind), kind_of(kind, code="IGO")}:
                raise InputError(f"id {ident!r} is not the id of a {kind.value} (an actor has one type)")
        elif kind in (ActorType.STATE, ActorType.GOVERNMENT):
            ident = actor_id(kind_of(kind), country or "")
        else:
            ident = actor_id(kind_of(kind, code=country), name)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    return ActorRecord(ident, name, kind, country, sector, tuple(_split(row.get("aliases"))), line)


def read_actor_file(path: str | Path) -> ActorFile:
    """Read an analyst's actor file (see the module notes).

    Raises:
        InputError: The file is unreadable or malformed (file and line named), a "same as"
            or "never merge" names no actor, or one pair is both (both lines named).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the actor file: {exc}") from None
    rows = _rows_toml(path, text) if path.suffix.lower() == ".toml" else _rows_csv(path, text)
    records = [_record(path, line, row) for line, row in rows]
    by_name = {r.name.lower(): r.id for r in records}

    def target(value: str, line: int) -> str:
        if "/" in value:
            try:
                parse_actor_id(value)
            except InputError as exc:
                raise InputError(f"{path}:{line}: {exc}") from None
            return value
        if value.lower() in by_name:
            return by_name[value.lower()]
        raise InputError(f"{path}:{line}: {value!r} is neither an actor id (kind/key) nor a name in this file")

    same: dict[frozenset[str], int] = {}
    never: dict[frozenset[str], int] = {}
    for record, (line, row) in zip(records, rows):
        for value in _split(row.get("same_as")):
            same.setdefault(frozenset((record.id, target(value, line))), line)
        for value in _split(row.get("never_merge")):
            never.setdefault(frozenset((record.id, target(value, line))), line)
    for pair, line in sorted(same.items(), key=lambda kv: kv[1]):
        if pair in never:
            a, b = sorted(pair)
            raise InputError(
                f"{path}: line {line} says {a} is the same as {b}, line {never[pair]} that they are never merged"
            )
    pairs = lambda d: tuple(sorted(tuple(sorted(p)) for p in d if len(p) == 2))  # noqa: E731
    return ActorFile(path, tuple(records), pairs(same), pairs(never))
