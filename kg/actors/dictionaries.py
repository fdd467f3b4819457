"""PETRARCH / Phoenix dictionaries → gazetteer entries and role words.

Two formats are read (both from the TABARI/PETRARCH tradition; see the PETRARCH-2 manual,
Schrodt 2014, and the Phoenix dictionaries of the Open Event Data Alliance):

* **Actor dictionaries** (``*.actors.txt``): a name line, optionally followed by ``+SYNONYM``
  lines and code lines::

      IRAN_  [IRN]
      +IRANIAN
      HOJATOLISLAM_SAYYED_ALI_KHAMENEI_  # comment
      +KHAMENEI
      [IRNGOV >19890604]

  Consecutive name lines before a code line are synonyms sharing that code.
  Underscores are spaces. A name ending in ``_`` matches whole words only; any other name
  also matches when its last word starts the text's word (``ARGENTIN`` → "Argentine").
  A code is ``[CODE]``, or dated: ``[CODE >YYYYMMDD]`` (from), ``[CODE <YYYYMMDD]`` (until),
  ``[CODE YYYYMMDD-YYYYMMDD]``; six-digit dates are ``YYMMDD`` (``YY < 30`` is 20YY).
  ``---`` codes a name that must not code (a discard).
* **Agent dictionaries** (``*.agents.txt``): ``PHRASE {PLURALS} [~SECTOR]`` lines that give the
  code a role word adds to an actor's (``PRESIDENT_ [~GOV]``), and substitution sets
  ``!PERSON! = MAN, MEN, WOMAN``. ``{}`` means no regular plural. The ``~`` marks where the
  actor's code goes: ``[~GOV]`` follows it (Iran's president: ``IRNGOV``), ``[NGO~]``
  precedes it (an Arnor aid agency: ``NGOARN``); see `compose_code`.

Lines that cannot be read are logged (file and line number) and skipped; the rest loads.
XML-style ``<!-- -->`` comments and ``#`` comments are ignored.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.types import ActorType

from kg.actors.gazetteer import DICT, NULL, Entry

__all__ = [
    "AgentWord",
    "DictionaryName",
    "code_on",
    "compose_code",
    "read_actor_dictionary",
    "read_agent_dictionary",
]

log = logging.getLogger(__name__)

_CODE = re.compile(r"\[\s*([^\]]*?)\s*\]")
_DATED = re.compile(r"^([A-Za-z0-9~/+#-]+)?\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?$")
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_AGENT = re.compile(r"^([^\[{#]+?)\s*(?:\{([^}]*)\})?\s*\[\s*([^\]]*?)\s*\]")


@dataclass(frozen=True, slots=True)
class DictionaryName:
    """One indexed name of a dictionary actor."""

    phrase: str
    entry: Entry
    stem: bool


@dataclass(frozen=True, slots=True)
class AgentWord:
    """One role word of an agents dictionary.

    Attributes:
        phrase: The words, lower case.
        sector: The agent's letters without the ``~`` (``"GOVFRM"``, ``"NGO"``).
        plural: Whether the phrase is a plural form.
        code: The agent code as written, ``~`` included (``"~GOVFRM"``, ``"NGO~"``).
    """

    phrase: str
    sector: str
    plural: bool
    code: str = ""


def _date(text: str) -> str:
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{20 if yy < 30 else 19}{text}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()


def _parse_code(raw: str) -> tuple[str, str | None, str | None] | None:
    try:
        return _parse_dated(raw)
    except ValueError:  # an impossible date such as 20131301
        return None


def _parse_dated(raw: str) -> tuple[str, str | None, str | None] | None:
    match = _DATED.match(raw.strip())
    if match is None or match.group(1) is None:
        return None
    code = match.group(1).split("/")[0].upper()
    if match.group(2) == ">":
        return code, _date(match.group(3)), None
    if match.group(2) == "<":
        return code, None, _date(match.group(3))
    if match.group(4):
        return code, _date(match.group(4)), _date(match.group(5))
    return code, None, None


def code_on(codes: tuple[tuple[str, str | None, str | None], ...], date: dt.date | None) -> str | None:
    """The code in force on `date`: the dated code covering it, else the undated one.

    A start date is inclusive and an end date exclusive, as PETRARCH reads them:
    ``[X <20100101]`` holds before 2010, ``[X >20100101]`` from 1 January 2010 on, and
    ``[X 20100101-20151231]`` from the first date up to the day before the second.
    Without a date the undated code is used, else the last one listed.

    Examples:
        >>> codes = (("HOB", None, None), ("HOBGOV", "2012-11-09", "2013-01-19"))
        >>> code_on(codes, dt.date(2013, 1, 1)), code_on(codes, dt.date(2014, 1, 1))
        ('HOBGOV', 'HOB')
        >>> code_on(codes, dt.date(2013, 1, 19))  # the end date is outside
        'HOB'

    Notes:
        PETRARCH-2, ``PETRtree.py``, ``NounPhrase.check_date``.
    """
    if not codes:
        return None
    if date is not None:
        day = date.isoformat()
        for code, start, end in codes:
            if (start or end) and (start is None or start <= day) and (end is None or day < end):
                return code
    for code, start, end in codes:
        if start is None and end is None:
            return code
    return codes[-1][0]


def _blocks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _has_blocks(code: str, part: str) -> bool:
    """Whether `part` occurs in `code` aligned on its three-letter blocks."""
    blocks, wanted = _blocks(code), _blocks(part)
    return any(blocks[i : i + len(wanted)] == wanted for i in range(len(blocks) - len(wanted) + 1))


def compose_code(code: str | None, agents: Iterable[str]) -> str:
    """An actor's code with agent codes added, following PETRARCH's placement rule.

    Each agent code carries a ``~`` for the actor's code: ``~GOV`` is appended
    (``ARN`` → ``ARNGOV``), ``NGO~`` is prefixed (``ARN`` → ``NGOARN``). Agents combine
    in order; an agent whose letters the code already holds (on three-letter block
    boundaries) adds nothing, so ``USAGOV`` with ``~GOV`` stays ``USAGOV``. Without an
    actor code the agent's letters alone are the code.

    Args:
        code: The actor's code (``"ARN"``, ``"USAGOV"``) or None/empty when there is no actor.
        agents: Agent codes as written in an agents dictionary.

    Returns:
        The combined code.

    Examples:
        >>> compose_code("ARN", ["NGO~", "~GOV"])
        'NGOARNGOV'
        >>> compose_code("HGWGOVMED", ["~GOVMED"]), compose_code("DNK", ["~MUS", "~MED"])
        ('HGWGOVMED', 'DNKMUSMED')
        >>> compose_code(None, ["~REL"])
        'REL'

    Notes:
        PETRARCH-2 (Norris, Schrodt and Beieler 2017; ``petrarch2/PETRtree.py``,
        ``Phrase.mix_codes``) mixes agent codes into the actor codes of a noun phrase
        this way; the ``~`` placement is documented in the header of the Phoenix agents
        dictionary.
    """
    out = (code or "").upper()
    for agent in agents:
        agent = agent.replace(" ", "").upper()
        letters = agent.replace("~", "")
        if not letters or (out and _has_blocks(out, letters)):
            continue
        out = letters + out if agent.endswith("~") and not agent.startswith("~") else out + letters
    return out


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read dictionary {path}: {exc}") from exc
    in_xml_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_xml_comment:
            if "-->" in line:
                in_xml_comment = False
            continue
        stripped = line.strip()
        if stripped.startswith("<!") or stripped.startswith("<"):
            if "-->" not in stripped and stripped.startswith(("<!--", "<! --")):
                in_xml_comment = True
            continue
        yield number, raw


def _phrase(name: str) -> tuple[str, bool]:
    """Dictionary name → (phrase with spaces, stem?)."""
    name = name.strip()
    stem = not name.endswith("_")
    return name.strip("_").replace("_", " ").strip(), stem


def read_actor_dictionary(path: str | Path) -> list[DictionaryName]:
    """Read a PETRARCH/Phoenix actor dictionary.

    Args:
        path: The ``.actors.txt`` file.

    Returns:
        One `DictionaryName` per name and synonym, each entry carrying the actor's codes.

    Raises:
        InputError: The file cannot be read.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.actors.txt"
        >>> _ = p.write_text("GONDOR [GON]\\n+MINAS_TIRITH\\n")
        >>> [(n.phrase, n.entry.codes[0][0]) for n in read_actor_dictionary(p)]
        [('GONDOR', 'GON'), ('MINAS TIRITH', 'GON')]
    """
    path = Path(path)
    out: list[DictionaryName] = []
    block: list[tuple[str, bool]] = []
    codes: list[tuple[str, str | None, str | None]] = []
    where = ""

    def flush() -> None:
        if not block:
            return
        if not codes:
            log.warning("%s: actor %r has no code; skipped", where, block[0][0])
        else:
            label = block[0][0].title()
            primary = codes[0][0]
            kind = NULL if primary in {"---", "+++", "###"} else DICT
            entry = Entry(
                kind,
                f"dict/{primary}",
                label,
                ActorType.ORGANIZATION,
                primary[:3] or None,
                primary[3:] or None,
                tuple(codes),
                where,
            )
            out.extend(DictionaryName(p, entry, stem) for p, stem in block)
        block.clear()
        codes.clear()

    for number, raw in _lines(path):
        line = _strip_comment(raw)
        if not line.strip():
            continue
        body = line.strip()
        found = _CODE.findall(body)
        name_part = _CODE.sub("", body).strip()
        if body.startswith("+"):
            if not block:
                log.warning("%s:%d: synonym %r outside an actor block; skipped", path, number, body)
                continue
            block.append(_phrase(name_part[1:]))
        elif name_part:
            if not block or codes:  # consecutive uncoded names share the codes that follow
                flush()
                where = f"{path}:{number}"
            block.append(_phrase(name_part))
        elif not found:
            log.warning("%s:%d: unreadable line %r; skipped", path, number, body)
            continue
        for raw_code in found:
            parsed = _parse_code(raw_code)
            if parsed is None:
                log.warning("%s:%d: unreadable code [%s]; skipped", path, number, raw_code)
                continue
            if not block:
                log.warning("%s:%d: code [%s] outside an actor block; skipped", path, number, raw_code)
                continue
            codes.append(parsed)
    flush()
    return out


def read_agent_dictionary(path: str | Path) -> list[AgentWord]:
    """Read a PETRARCH/Phoenix agents dictionary: role words → sector codes.

    Args:
        path: The ``.agents.txt`` file.

    Returns:
        Singular and plural role words with their sector (``[~GOV]`` → ``"GOV"``).

    Raises:
        InputError: The file cannot be read.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.agents.txt"
        >>> _ = p.write_text("FOREIGN_MINISTER [~GOVFRM]\\nPOLICE {} [~COP]\\n")
        >>> [(w.phrase, w.code, w.plural) for w in read_agent_dictionary(p)]
        [('foreign minister', '~GOVFRM', False), ('foreign ministers', '~GOVFRM', True), ('police', '~COP', False)]
    """
    path = Path(path)
    subst: dict[str, list[str]] = {}
    out: list[AgentWord] = []
    for number, raw in _lines(path):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        sub = _SUBST.match(line)
        if sub:
            subst[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        match = _AGENT.match(line)
        if match is None:
            log.warning("%s:%d: unreadable agent line %r; skipped", path, number, line)
            continue
        name, plurals, code = match.group(1), match.group(2), match.group(3).replace(" ", "")
        if "~" not in code:
            log.warning("%s:%d: agent code [%s] has no '~'; skipped", path, number, code)
            continue
        code = code.upper()
        sector = code.replace("~", "")
        if not sector:
            log.warning("%s:%d: empty agent code; skipped", path, number)
            continue
        names = [name.strip()]
        for marker, words in subst.items():
            if marker in name:
                names = [n.replace(marker, w) for n in names for w in words]
        for n in names:
            phrase = n.strip("_").replace("_", " ").strip().lower()
            if not phrase or "!" in phrase:
                log.warning("%s:%d: unknown substitution in %r; skipped", path, number, n)
                continue
            out.append(AgentWord(phrase, sector, False, code))
            if plurals is None:
                out.append(AgentWord(_regular_plural(phrase), sector, True, code))
        for p in (plurals or "").split(","):
            if p.strip():
                out.append(AgentWord(p.strip().strip("_").replace("_", " ").lower(), sector, True, code))
    return out


def _regular_plural(phrase: str) -> str:
    if phrase.endswith(("s", "sh", "ch", "x")):
        return phrase + "es"
    if phrase.endswith("y") and phrase[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    if phrase.endswith("man"):
        return phrase[:-3] + "men"
    return phrase + "s"
