"""The reference data under ``../shared``: one reader per file format, for benchmarks and tests alike.

Benchmarks import it as ``_data`` (a script's folder is on ``sys.path``); tests the same way
(``pythonpath`` in ``pyproject.toml`` puts ``benchmarks/`` there).

- `read_petrarch_records`: PETRARCH-2's unit-test records (``PETR.UnitTest.records.xml``);
- `read_carb_sentences`: the CaRB sentences (``data/dev.txt``), one a line.

Notes:
    The PETRARCH file is well-formed XML; read as XML it gives what PETRARCH reads: entities
    decoded (``&amp;TIETYPE``), attributes quoted either way (``sourcecode='"INJURY TOLL"'``)
    and spaced either way (``id ="TextCodes-1"``): 284 records, 359 codings.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CARB", "PETRARCH", "SHARED", "PetrarchRecord", "read_carb_sentences", "read_petrarch_records"]

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PETRARCH = SHARED / "eval-dev" / "petrarch"
CARB = SHARED / "eval-dev" / "carb"


@dataclass(frozen=True, slots=True)
class PetrarchRecord:
    """One unit-test record: its sentence and the codings PETRARCH is expected to produce.

    Attributes:
        id: The record's ``id``, e.g. ``"DEMO-00"``.
        date: Its ``date`` (``YYYYMMDD``), or None.
        codings: ``(sourcecode, targetcode, eventcode)`` per expected event, as written.
        noevents: The record expects no event (``<EventCoding noevents="True">``).
        text: The sentence, its white space collapsed.
    """

    id: str
    date: dt.date | None
    codings: tuple[tuple[str, str, str], ...]
    noevents: bool
    text: str


def _date(raw: str) -> dt.date | None:
    raw = raw.strip()
    return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])) if len(raw) == 8 and raw.isdigit() else None


def read_petrarch_records(path: Path | str = PETRARCH / "PETR.UnitTest.records.xml") -> list[PetrarchRecord]:
    """Every record that has a text, in file order (``noevents`` records included).

    Args:
        path: The records file.

    Returns:
        The records.
    """
    records = []
    for sentence in ET.parse(path).getroot().iter("Sentence"):
        text = sentence.find("Text")
        if text is None or not (text.text or "").strip():
            continue
        codings = sentence.findall("EventCoding")
        records.append(
            PetrarchRecord(
                id=sentence.get("id", ""),
                date=_date(sentence.get("date", "")),
                codings=tuple(
                    (c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                    for c in codings
                    if c.get("sourcecode") is not None
                ),
                noevents=any(c.get("noevents", "").strip() == "True" for c in codings),
                text=" ".join(text.text.split()),
            )
        )
    return records


def read_carb_sentences(path: Path | str = CARB / "data" / "dev.txt") -> list[str]:
    """The CaRB sentences, one a line, blank lines skipped."""
    return [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
