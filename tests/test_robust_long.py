"""A long document built part by part: the same graph as read whole, its document node last."""

from __future__ import annotations

import pytest

import kg
from kg.chunking import CHUNK_CHARS, parse_parts
from kg.pipeline import long_document_nquads
from kg.pipeline import Tools, run_batch
from kg.store import open_store
from kg.types import Document
from tests.conftest import EXAMPLE

ARTICLE = EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tools():
    return Tools.load()


def _quads(lines: str) -> set[str]:
    # the mapping mints no blank nodes, so equal sets of N-Quads lines are isomorphic graphs
    return set(lines.splitlines())


@pytest.mark.parametrize("pieces", [1, 2])
def test_parts_cut_between_copies_give_the_whole_documents_quads(tools, pieces):
    # Each piece one copy of the article: whatever a part keeps of another is only the names
    # table, so the graph must be the one of the document read whole, to the triple.
    document = Document("long", (ARTICLE + "\n\n") * 4)
    whole = _quads(run_batch([document], tools).nquads.decode("utf-8"))
    parts = list(long_document_nquads(document, tools, limit=len(ARTICLE) + 10, pieces=pieces))
    assert len(parts) == 4 // pieces + 1
    assert _quads("".join(parts)) == whole


def test_parts_keep_the_documents_sentence_numbers_and_offsets(nlp):
    text = "Iran rejected the talks. Iraq welcomed the plan.\n\n" * 6
    offsets = [(offset, doc.text) for offset, doc in parse_parts(nlp, text, limit=60, pieces=2)]
    assert "".join(part for _, part in offsets) == text
    assert all(text[offset : offset + len(part)] == part for offset, part in offsets)


def test_a_person_named_in_full_in_an_earlier_part_keeps_that_name(tools):
    first = "Mahmoud Vaezi, the chief of staff of Iran's president, spoke to reporters in Tehran on Sunday.\n\n"
    later = "Vaezi rejected talks with the United States.\n\n"
    alone = "".join(long_document_nquads(Document("alone", later), tools))
    assert "actor/person/vaezi>" in alone  # the surname alone: an id of its own
    parts = list(long_document_nquads(Document("both", first + later), tools, limit=len(first), pieces=1))
    assert len(parts) == 3  # two parts, then the document node
    assert "actor/person/mahmoud-vaezi>" in parts[1]
    assert "actor/person/vaezi>" not in parts[1]


def test_the_document_node_comes_last_so_an_interrupted_build_reads_it_again(tools):
    document = Document("long", (ARTICLE + "\n\n") * 3)
    *claims, node = long_document_nquads(document, tools, limit=len(ARTICLE) + 10, pieces=1)
    assert document.content_hash not in "".join(claims)
    assert document.content_hash in node
    store = open_store("oxigraph:")
    for part in claims:  # killed before the last part
        store.load_nquads(part.encode("utf-8"))
    assert not store.stored_hashes([document.content_hash])
    store.load_nquads(node.encode("utf-8"))
    assert store.stored_hashes([document.content_hash]) == {document.content_hash}


def test_a_document_over_the_piece_size_builds_part_by_part_into_a_store(tmp_path):
    text = (ARTICLE + "\n\n") * (CHUNK_CHARS // len(ARTICLE) + 2)
    assert len(text) > CHUNK_CHARS
    short = "Iraq welcomed the plan on Tuesday."
    graph = kg.build_graph([text, short], store=str(tmp_path / "store"))
    assert graph.stats.added == 2 and not graph.stats.failed
    per_copy = kg.build_graph([ARTICLE]).summary().claims
    assert graph.summary().documents == 2
    assert graph.summary().claims == per_copy * text.count(ARTICLE) + kg.build_graph([short]).summary().claims
