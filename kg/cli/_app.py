"""The typer application every command module registers on, and the entry point that prints errors."""

from __future__ import annotations

import logging
import sys

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.corpus import INPUT_FORMATS
from kg.errors import KGError

__all__ = ["ActorsOption", "InputFormatOption", "ModelOption", "VerbsOption", "app", "console", "main"]

# Options several commands share, spelled once.
ModelOption = Annotated[Optional[str], typer.Option("--model", envvar="KG_MODEL", help="spaCy pipeline to use.")]
ActorsOption = Annotated[
    Optional[list[Path]], typer.Option("--actors", help="Actor file (.toml/.csv: names, codes, same as, never merge) or PETRARCH/Phoenix dictionary (repeatable).")
]
VerbsOption = Annotated[
    Optional[list[Path]], typer.Option("--verbs", help="PETRARCH verb dictionary, e.g. CAMEO.2.0.txt (repeatable).")
]
InputFormatOption = Annotated[str, typer.Option("--input-format", help=f"One of: {', '.join(INPUT_FORMATS)}.")]


def console(*, stderr: bool = False):
    """A rich console for kg's own messages: no emoji codes, no guessed highlighting.

    Its ``print`` reads kg's own ``[bold]`` markup; text from articles, stores and queries
    goes in as `rich.text.Text` (or through `rich.markup.escape`), so "[/bold]" and "[sic]"
    print as they are written.
    """
    from rich.console import Console

    return Console(stderr=stderr, emoji=False, highlight=False)


def _click_errors() -> tuple[type[Exception], ...]:
    """Click's usage-error class, from the click typer vendors and from click itself."""
    found: list[type[Exception]] = []
    try:
        import click
    except ImportError:
        pass
    else:
        found.append(click.ClickException)
    try:
        from typer._click.exceptions import ClickException  # typer >= 0.25 vendors click
    except ImportError:
        pass
    else:
        found.append(ClickException)
    return tuple(found)


_CLICK_ERRORS = _click_errors()

app = typer.Typer(
    name="kg",
    help="Political news into a knowledge graph of political actors.\n\n"
    "Example: kg build article.txt --out out/",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; a `KGError` becomes one line on stderr and exit status 1."""
    from kg import cli  # noqa: F401  (registers every command)

    logging.basicConfig(level=logging.WARNING, format="kg: %(levelname)s: %(message)s")
    try:
        app(args=argv, standalone_mode=False)
    except KGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("kg: aborted", file=sys.stderr)
        return 130
    except _CLICK_ERRORS as exc:  # usage errors: unknown option, missing argument
        exc.show()
        return exc.exit_code
    return 0
