"""The typer application every command module registers on, and the entry point that prints errors."""

from __future__ import annotations

import logging
import sys

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.corpus import INPUT_FORMATS
from kg.errors import InputError, KGError

__all__ = ["ActorsOption", "InputFormatOption", "ModelOption", "VerbsOption", "app", "console", "main", "run"]

# Options several commands share, spelled once.
ModelOption = Annotated[Optional[str], typer.Option("--model", envvar="KG_MODEL", help="spaCy pipeline to use.")]
ActorsOption = Annotated[
    Optional[list[Path]], typer.Option("--actors", help="Actor file (.toml/.csv: names, codes, same as, never merge) or PETRARCH/Phoenix dictionary (repeatable).")
]
VerbsOption = Annotated[
    Optional[list[Path]], typer.Option("--verbs", help="PETRARCH verb dictionary, e.g. CAMEO.2.0.txt (repeatable).")
]
InputFormatOption = Annotated[str, typer.Option("--input-format", help=f"One of: {', '.join(INPUT_FORMATS)}.")]


def console(*, stderr: bool = False, width: int | None = None):
    """A rich console for kg's own messages: no emoji codes, no guessed highlighting.

    Its ``print`` reads kg's own ``[bold]`` markup; text from articles, stores and queries
    goes in as `rich.text.Text` (or through `rich.markup.escape`), so "[/bold]" and "[sic]"
    print as they are written. `width` fixes the width (default: the terminal's).
    """
    from rich.console import Console

    return Console(stderr=stderr, emoji=False, highlight=False, width=width)


app = typer.Typer(
    name="kg",
    help="Political news into a knowledge graph of political actors.\n\n"
    "Example: kg build article.txt --out out/",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def run(argv: list[str] | None = None) -> None:
    """Run one command line, raising what went wrong.

    A value the parser refuses (``--port abc``, ``--top 0``) is an `InputError`, like every
    bad option value a command checks itself; a usage error (an unknown option, a missing
    argument) stays typer's, for `main` to show with the usage line.

    Raises:
        KGError: One line for the user.
    """
    from kg import cli  # noqa: F401  (registers every command)

    try:
        app(args=argv, standalone_mode=False)
    except typer.BadParameter as exc:
        if type(exc) is not typer.BadParameter:  # its subclass MissingParameter: a usage error
            raise
        raise InputError(exc.format_message()) from exc


def main(argv: list[str] | None = None) -> int:
    """Run the command line; a `KGError` becomes one line on stderr and exit status 1."""
    # Warnings and errors only, from kg and from the libraries it runs: Dask's loggers are set
    # to INFO and would otherwise tell of every worker started and stopped, even with --quiet.
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("kg: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    try:
        run(argv)
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("kg: aborted", file=sys.stderr)
        return 130
    except typer.TyperException as exc:  # usage errors: unknown option, missing argument
        exc.show()
        return exc.exit_code
    return 0
