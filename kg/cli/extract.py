"""``kg extract``: articles → one extraction a line (JSONL records, CaRB rows or fact triples), streamed."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, BinaryIO, Optional

import typer

from kg.cli._app import ActorsOption, InputFormatOption, ModelOption, VerbsOption, app
from kg.corpus import iter_documents

__all__ = ["extract_command"]


@app.command("extract")
def extract_command(
    inputs: Annotated[list[str], typer.Argument(help="Article files or folders; '-' reads standard input.")],
    sentences: Annotated[
        bool, typer.Option("--sentences", help="Each non-empty line is one sentence and one document (id: its line number).")
    ] = False,
    input_format: InputFormatOption = "text",
    output_format: Annotated[str, typer.Option("--format", "-f", help="jsonl (records), carb (CaRB rows) or triples (doc, subject, relation, object: one fact a line).")] = "jsonl",
    model: ModelOption = None,
    actors: ActorsOption = None,
    verbs: VerbsOption = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
) -> None:
    """Print every extraction: one JSON record (or CaRB row, or fact triple) a line.

    The input is read as it goes and each line written as soon as it is made, so a
    stream of any length (standard input too) goes through in bounded memory.

    Example: kg extract examples/khamenei-rejects-talks-2019-09-18.txt --format jsonl
    """
    from kg.lines import extraction_lines

    fmt = "sentences" if sentences else input_format
    lines = extraction_lines(
        iter_documents(inputs, input_format=fmt),
        output_format=output_format,
        model=model,
        actor_files=actors or (),
        sentence_per_document=fmt == "sentences",
        verb_files=verbs or (),
    )
    if out is None:
        for line in lines:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()  # a reader down a pipe gets each line as it is made
        return
    from kg.store import atomic_write

    # written as made into a file beside `out`, renamed over it at the end: a failure leaves an existing file as it was
    atomic_write(out, lambda handle: _write_lines(handle, lines))


def _write_lines(handle: BinaryIO, lines: Iterable[str]) -> None:
    for line in lines:
        handle.write(line.encode("utf-8") + b"\n")
