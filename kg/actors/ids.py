"""Actor ids: the one place that writes and reads them.

An actor id is ``KIND/KEY``: the kind of actor, then a key that names it. States,
governments and intergovernmental organisations are keyed by their code
(``state/IRN``, ``government/IRN``, ``igo/UNO``); people, organisations and groups by a
slug of their canonical name (``person/ali-khamenei``, ``org/british-medical-association``,
``group/israeli-settlers``). The store mints an actor's IRI from its id
(`kg.store.actor_iri`), so the same id is the same node in every document.

Examples:
    >>> actor_id(ActorKind.PERSON, "Ali Khamenei")
    'person/ali-khamenei'
    >>> actor_id(ActorKind.GOVERNMENT, "IRN")
    'government/IRN'
    >>> parse_actor_id("group/israeli-settlers")
    (<ActorKind.GROUP: 'group'>, 'israeli-settlers')
"""

from __future__ import annotations

import enum
import hashlib
import re
import unicodedata

from kg.errors import InputError
from kg.types import ActorType

__all__ = ["ActorKind", "actor_id", "kind_of", "parse_actor_id", "slug", "state_of"]


class ActorKind(enum.StrEnum):
    """The first part of an actor id."""

    STATE = "state"
    GOVERNMENT = "government"
    IGO = "igo"
    PERSON = "person"
    ORG = "org"
    GROUP = "group"


#: Kinds keyed by a code, kept as written; the others are keyed by a slug of a name.
_CODED = {ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.IGO}
_CODE = re.compile(r"^[^/\s]+$")  # dictionary codes may hold ~ or #


def slug(label: str) -> str:
    """An id-safe slug of a label.

    Examples:
        >>> slug("Ali Khamenei")
        'ali-khamenei'
        >>> slug("Côte d'Ivoire")
        'cote-d-ivoire'
    """
    ascii_ = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def actor_id(kind: ActorKind | str, key: str) -> str:
    """The id of an actor of this kind: a code as written, a name slugged.

    Args:
        kind: An `ActorKind` (or its value).
        key: A code (``"IRN"``, ``"UNO"``) for states, governments and IGOs; a name
            otherwise.

    Returns:
        ``"kind/key"``.

    Raises:
        InputError: The kind is unknown, the code holds a space or a slash, or the
            name is empty. A name in a script the slug drops is keyed by a hash of it.

    Examples:
        >>> actor_id("org", "The Washington Post")
        'org/the-washington-post'
    """
    try:
        kind = ActorKind(kind)
    except ValueError:
        raise InputError(f"unknown actor kind {kind!r}; one of: {', '.join(k.value for k in ActorKind)}") from None
    if kind in _CODED:
        if not _CODE.match(key or ""):
            raise InputError(f"a {kind.value} id needs a code without spaces or slashes, not {key!r}")
        return f"{kind.value}/{key}"
    name = slug(key or "")
    if not name:
        if not (key or "").strip():
            raise InputError(f"an actor name needs a letter or digit: {key!r}")
        # a name in a script the slug drops (Arabic, Cyrillic): a stable key from its text
        name = "u-" + hashlib.sha256(key.strip().encode("utf-8")).hexdigest()[:12]
    return f"{kind.value}/{name}"


def parse_actor_id(value: str) -> tuple[ActorKind, str]:
    """The kind and key of an actor id; the inverse of `actor_id`.

    Raises:
        InputError: Not ``kind/key`` with a known kind.

    Examples:
        >>> parse_actor_id("state/IRN")
        (<ActorKind.STATE: 'state'>, 'IRN')
    """
    kind, sep, key = (value or "").partition("/")
    if not sep or not key:
        raise InputError(f"an actor id is KIND/KEY, not {value!r}")
    try:
        return ActorKind(kind), key
    except ValueError:
        raise InputError(f"unknown actor kind in {value!r}; one of: {', '.join(k.value for k in ActorKind)}") from None


def kind_of(actor_type: ActorType, *, code: str | None = None) -> ActorKind:
    """The id kind of an actor type (an organisation coded ``IGO`` is an ``igo``)."""
    if actor_type is ActorType.ORGANIZATION:
        return ActorKind.IGO if code == "IGO" else ActorKind.ORG
    return {
        ActorType.PERSON: ActorKind.PERSON,
        ActorType.STATE: ActorKind.STATE,
        ActorType.GOVERNMENT: ActorKind.GOVERNMENT,
        ActorType.GROUP: ActorKind.GROUP,
    }[actor_type]


def state_of(value: str) -> str | None:
    """The id of the state a government id governs (``kg:governmentOf``), else None.

    Examples:
        >>> state_of("government/IRN"), state_of("person/ali-khamenei")
        ('state/IRN', None)
    """
    try:
        kind, key = parse_actor_id(value)
    except InputError:
        return None
    return actor_id(ActorKind.STATE, key) if kind is ActorKind.GOVERNMENT else None
