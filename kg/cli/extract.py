"""``kg extract``: articles → one extraction a line (JSONL records, CaRB rows or fact triples)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli._app import ActorsOption, InputFormatOption, ModelOption, VerbsOption, app
from kg.corpus import read_documents
from kg.errors import InputError
from kg.types import Document

__all__ = ["OUTPUT_FORMATS", "extract_command", "extraction_lines"]

#: What ``--format`` accepts.
OUTPUT_FORMATS = ("jsonl", "carb", "triples")


def extraction_lines(
    documents: Sequence[Document],
    *,
    output_format: str = "jsonl",
    model: str | None = None,
    actors: Sequence[Path | str] = (),
    sentence_per_document: bool = False,
    verbs: Sequence[Path | str] = (),
) -> Iterator[str]:
    """The lines ``kg extract`` writes, one extraction each.

    Args:
        documents: What to read.
        output_format: ``"jsonl"`` (a `Claim.to_dict` record a line, actors and events
            included) or ``"carb"`` (``sentence, confidence, relation, arg1, arg2, ...``
            tab-separated; the relation as written) or ``"triples"`` (one fact a line:
            ``doc, subject, relation, object`` tab-separated, each once per document).
        model: spaCy pipeline name.
        actors: Actor dictionaries (jsonl only).
        sentence_per_document: Write each document's text as the CaRB sentence (input
            read with ``--sentences``), rather than the sentence spaCy found.
        verbs: PETRARCH verb dictionaries (jsonl only).

    Raises:
        InputError: Unknown output format.
    """
    if output_format not in OUTPUT_FORMATS:
        raise InputError(f"unknown output format {output_format!r} (valid: {', '.join(OUTPUT_FORMATS)})")
    if output_format == "carb":
        from kg.chunking import parse_texts
        from kg.extract import carb_row
        from kg.nlp import load_pipeline

        nlp = load_pipeline(model)
        for document, doc in zip(documents, parse_texts(nlp, (d.text for d in documents))):
            sentence = document.text.strip() if sentence_per_document else None
            for triple in doc._.triples:
                yield "\t".join(carb_row(triple, sentence=sentence))
        return
    if output_format == "triples":
        yield from _fact_lines(documents, model=model)
        return
    from kg.pipeline import analyse

    for _, _, claims in analyse(documents, model=model, actors=actors, verbs=verbs):
        for claim in claims:
            yield json.dumps(claim.to_dict(), ensure_ascii=False)


def _fact_lines(documents: Sequence[Document], *, model: str | None) -> Iterator[str]:
    from kg.chunking import parse_texts
    from kg.extract.facts import triple_facts
    from kg.extract.formats import fact_row
    from kg.nlp import load_pipeline

    nlp = load_pipeline(model)
    for document, doc in zip(documents, parse_texts(nlp, (d.text for d in documents))):
        seen: set[tuple[str, ...]] = set()
        for triple in doc._.triples:
            for fact in triple_facts(triple):
                row = tuple(fact_row(fact, doc=document.id))
                if row not in seen:
                    seen.add(row)
                    yield "\t".join(row)


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

    Example: kg extract examples/khamenei-rejects-talks-2019-09-18.txt --format jsonl
    """
    fmt = "sentences" if sentences else input_format
    documents = read_documents(inputs, input_format=fmt)
    lines = extraction_lines(
        documents,
        output_format=output_format,
        model=model,
        actors=actors or (),
        sentence_per_document=fmt == "sentences",
        verbs=verbs or (),
    )
    if out is None:
        for line in lines:
            sys.stdout.write(line + "\n")
        return
    from kg.store import atomic_write

    # all lines first, then one atomic write: a failure leaves an existing file as it was
    atomic_write(out, "".join(line + "\n" for line in lines))
