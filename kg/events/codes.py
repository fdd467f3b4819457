"""CAMEO and PLOVER code tables: labels, PLOVER type, quad class, intensity.

Reads our package data in ``kg/data/events/`` (``cameo.tsv``, ``goldstein.toml``,
``plover.toml``) once and answers look-ups. Codes are strings: ``"010"`` is not ``"10"``.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

import logging

from kg.errors import InputError
from kg.types import Actor, Event, QuadClass

__all__ = [
    "cameo_codes",
    "cameo_label",
    "intensity_of",
    "is_cameo_code",
    "make_event",
    "parent_of",
    "plover_of",
    "plover_types",
    "quad_of",
    "root_of",
]

log = logging.getLogger(__name__)

#: Our package data for this stage.
DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "events"


def _read_text(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


@functools.cache
def _table() -> dict[str, tuple[str, str, str, str]]:
    rows: dict[str, tuple[str, str, str, str]] = {}
    for line in _read_text("cameo.tsv").splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, label, plover, mode, context = (line.split("\t") + [""] * 5)[:5]
        rows[code] = (label, plover, mode, context)
    return rows


@functools.cache
def _goldstein() -> dict[str, Any]:
    return tomllib.loads(_read_text("goldstein.toml"))


@functools.cache
def plover_types() -> dict[str, dict[str, str]]:
    """The 16 PLOVER event types: ``{"REJECT": {"label": ..., "definition": ...}, ...}``."""
    return tomllib.loads(_read_text("plover.toml"))


def cameo_codes() -> list[str]:
    """Every CAMEO code we know, roots first within each root's block: ``["01", "010", ...]``."""
    return list(_table())


def is_cameo_code(code: str) -> bool:
    """True for a code of the CAMEO codebook (``"125"``, ``"19"``); False for ``"90"`` or ``125``."""
    return isinstance(code, str) and code in _table()


def _checked(code: str) -> str:
    if not is_cameo_code(code):
        raise InputError(f"not a CAMEO event code: {code!r} (codes are strings such as '120' or '0874')")
    return code


def root_of(code: str) -> str:
    """The two-digit root of a code: ``root_of("0874") == "08"``."""
    return _checked(code)[:2]


def parent_of(code: str) -> str | None:
    """The code one level up: ``"1246"`` → ``"124"``, ``"124"`` → ``"12"``, ``"12"`` → None."""
    _checked(code)
    if len(code) == 2:
        return None
    return code[:3] if len(code) == 4 else code[:2]


def cameo_label(code: str) -> str:
    """The codebook's label of a CAMEO code.

    Examples:
        >>> cameo_label("125")
        'Reject proposal to meet, discuss, negotiate'

    Raises:
        InputError: `code` is not a CAMEO code.

    Notes:
        CAMEO codebook 0.7b5 (Schrodt, 2007).
    """
    return _table()[_checked(code)][0]


def plover_of(code: str) -> tuple[str | None, str | None, str | None]:
    """The PLOVER (type, mode, context) of a CAMEO code; None where PLOVER has none.

    Examples:
        >>> plover_of("163")
        ('COERCE', 'restrict', 'diplomatic')
        >>> plover_of("010")
        (None, None, None)

    Notes:
        CAMEO → PLOVER table of the PLOVER manual draft 0.8 (2021); appeals (root 02)
        are REQUEST and public statements (root 01) have no PLOVER type.
    """
    _, ptype, mode, context = _table()[_checked(code)]
    return (ptype or None, mode or None, context or None)


def quad_of(code: str) -> QuadClass:
    """The quad class of a CAMEO code, from its root.

    Examples:
        >>> quad_of("125")
        <QuadClass.VERBAL_CONFLICT: 3>

    Notes:
        The usual CAMEO quad grouping (Phoenix, ICEWS): roots 01–05 verbal cooperation,
        06–08 material cooperation, 09–13 verbal conflict, 14–20 material conflict.
    """
    root = int(root_of(code))
    if root <= 5:
        return QuadClass.VERBAL_COOPERATION
    if root <= 8:
        return QuadClass.MATERIAL_COOPERATION
    if root <= 13:
        return QuadClass.VERBAL_CONFLICT
    return QuadClass.MATERIAL_CONFLICT


def intensity_of(code: str) -> float:
    """The Goldstein-style intensity of a CAMEO code, -10 to +10.

    Examples:
        >>> intensity_of("057"), intensity_of("1246"), intensity_of("19")
        (8.0, -5.0, -10.0)

    Notes:
        Goldstein (1992), "A conflict-cooperation scale for WEIS events data", J. Conflict
        Resolution 36(2), as carried over to three-digit CAMEO codes; our own transcription
        in ``goldstein.toml``. Four-digit codes take their parent's value, roots their
        own approximate value.
    """
    table = _goldstein()
    _checked(code)
    if code[:3] in table["code"] and len(code) >= 3:
        return float(table["code"][code[:3]])
    return float(table["root"][code[:2]])


def make_event(source: Actor | str, target: Actor | str | None, code: str, *, text: str = "") -> Event | None:
    """An event with the PLOVER type, mode, context, quad class and intensity of its code.

    `source` and `target` are actors (their countries are kept) or actor ids; a None
    target makes an event with one actor. A code outside CAMEO whose first two digits are
    a CAMEO root (a user dictionary's own ``"0955"``) takes the root's quad class and
    intensity and no PLOVER type; any other code (``"903"``, ``"xxy"``) gives no event:
    an event needs a quad class.

    Examples:
        >>> make_event("state/IRN", "state/ISR", "0955").quad
        <QuadClass.VERBAL_CONFLICT: 3>
        >>> make_event("state/IRN", "state/ISR", "903") is None
        True
        >>> make_event("state/IRN", None, "141").plover
        'PROTEST'
    """
    ids = [a.id if isinstance(a, Actor) else a for a in (source, target)]
    countries = [a.country if isinstance(a, Actor) else None for a in (source, target)]
    if is_cameo_code(code):
        plover, mode, context = plover_of(code)
        return Event(ids[0], ids[1], code, plover, quad_of(code), intensity_of(code), text, mode, context, *countries)
    if code.isdigit() and 2 <= len(code) <= 4 and is_cameo_code(code[:2]):
        return Event(ids[0], ids[1], code, None, quad_of(code[:2]), intensity_of(code[:2]), text, None, None, *countries)
    log.debug("code %r has no CAMEO root: no event", code)
    return None
