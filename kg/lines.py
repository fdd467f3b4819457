"""What ``kg extract`` writes: a line per extraction, made as the documents are read.

Three formats (`OUTPUT_FORMATS`): a claim record a line (JSONL, through `kg.pipeline.analyse`),
CaRB rows, or the facts of the claims (BenchIE's unit). Nothing holds the whole input: a
document over `kg.chunking.CHUNK_CHARS` is read part by part (`kg.chunking.parse_document_parts`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kg.chunking import parse_document_parts
from kg.errors import InputError
from kg.extract.facts import triple_facts
from kg.nlp import load_pipeline
from kg.pipeline import analyse
from kg.types import Document

__all__ = ["OUTPUT_FORMATS", "extraction_lines"]

#: What ``kg extract --format`` takes.
OUTPUT_FORMATS = ("jsonl", "carb", "triples")

#: ``json.dumps(record, ensure_ascii=False)``, its encoder made once rather than for every line.
_json_line = json.JSONEncoder(ensure_ascii=False).encode


def extraction_lines(
    documents: Iterable[Document],
    *,
    output_format: str = "jsonl",
    model: str | None = None,
    actor_files: Sequence[Path | str] = (),
    sentence_per_document: bool = False,
    verb_files: Sequence[Path | str] = (),
    batch_size: int | None = None,
) -> Iterator[str]:
    """The lines ``kg extract`` writes, one extraction each, as the documents are read.

    The documents are read once, lazily, a parser batch ahead of the lines: a stream of
    any length goes through in bounded memory, and lines come out while it is still read.

    Args:
        documents: What to read (consumed lazily).
        output_format: ``"jsonl"`` (a `Claim.to_dict` record a line, actors and events
            included) or ``"carb"`` (``sentence, confidence, relation, arg1, arg2, ...``
            tab-separated; the relation as written) or ``"triples"`` (one fact a line:
            ``doc, subject, relation, object`` tab-separated, each once per document).
        model: spaCy pipeline name.
        actor_files: Actor files (jsonl only; see `kg.pipeline.analyse`).
        sentence_per_document: Write each document's text as the CaRB sentence (input
            read with ``--sentences``), rather than the sentence spaCy found.
        verb_files: PETRARCH verb dictionaries (jsonl only).
        batch_size: Documents per parser batch; by default 256 where each document is one
            sentence (spaCy's own default: a tenth faster than 32 on one-sentence documents)
            and 32 for articles (which bounds what a batch holds).

    Raises:
        InputError: Unknown output format.

    Examples:
        >>> next(extraction_lines([Document("d", "Iran attacked Iraq.")], output_format="triples"))
        'd\\tIran\\tattacked\\tIraq'
    """
    if output_format not in OUTPUT_FORMATS:
        raise InputError(f"unknown output format {output_format!r} (valid: {', '.join(OUTPUT_FORMATS)})")
    if batch_size is None:
        batch_size = 256 if sentence_per_document else 32
    return _lines(documents, output_format, model=model, actor_files=actor_files,
                  sentence_per_document=sentence_per_document, verb_files=verb_files, batch_size=batch_size)


def _lines(documents: Iterable[Document], output_format: str, *, model, actor_files, sentence_per_document, verb_files,
           batch_size) -> Iterator[str]:
    if output_format == "jsonl":
        # parts=True: a long document is read part by part; each record is made while its part is current
        for _, _, claims in analyse(documents, model=model, actor_files=actor_files, verb_files=verb_files,
                                    batch_size=batch_size, parts=True):
            for claim in claims:
                yield _json_line(claim.to_dict())
        return
    from kg.extract import carb_row
    from kg.extract.formats import fact_row

    seen: set[tuple[str, ...]] = set()  # the facts of the document read so far
    for document, offset, doc in parse_document_parts(load_pipeline(model), documents, batch_size=batch_size):
        if output_format == "carb":
            sentence = document.text.strip() if sentence_per_document else None
            for triple in doc._.triples:
                yield "\t".join(carb_row(triple, sentence=sentence))
            continue
        if offset == 0:
            seen = set()
        for triple in doc._.triples:
            for fact in triple_facts(triple):
                row = tuple(fact_row(fact, doc=document.id))
                if row not in seen:
                    seen.add(row)
                    yield "\t".join(row)
