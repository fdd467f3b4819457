"""Public names that load their modules on first use (PEP 562), for `kg` and `kg.actors`.

So that ``import kg`` (what spaCy does to load the ``kg_triples`` component) and the store,
which mints actor IRIs with `kg.actors.ids`, load neither rdflib nor spaCy before they are used.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, table: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` for the names of `table` (name → the module it lives in).

    Examples:
        >>> getattr_, dir_ = lazy_names("kg", {"Document": "kg.types"})
        >>> getattr_("Document").__module__
        'kg.types'
    """

    def __getattr__(name: str) -> Any:
        if name in table:
            value = getattr(importlib.import_module(table[name]), name)
            setattr(sys.modules[package], name, value)  # the next lookup is an ordinary one
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        module = sys.modules[package]
        return sorted(set(vars(module)) | set(getattr(module, "__all__", ())))

    return __getattr__, __dir__
