"""The ``kg`` command line: typer commands, each a thin wrapper over a library function.

Every command module registers on the one app in ``kg.cli._app``; importing it here is what
puts the command on ``kg --help``.
"""

from kg.cli import actors  # noqa: F401
from kg.cli import build  # noqa: F401
from kg.cli import events  # noqa: F401
from kg.cli import extract  # noqa: F401
from kg.cli import network  # noqa: F401
from kg.cli import store  # noqa: F401
from kg.cli._app import app, main, run

__all__ = ["app", "main", "run"]
