"""A long document built part by part: the same graph as read whole, its document node last."""

from __future__ import annotations

import json

import pytest

import kg
from kg.chunking import CHUNK_CHARS, memory_zone, parse_document_parts, parse_parts
from kg.lines import extraction_lines
from kg.pipeline import Tools, analyse, long_document_nquads, run_batch
from kg.store import open_store
from kg.store.mapping import document_iri
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


def test_parts_free_the_words_they_brought(nlp):
    # made-up words, new to the vocabulary: each part's are freed when the next part starts
    text = "".join(f"Zorvanik{n} rejected the plan of Quessaly{n} on Tuesday.\n\n" for n in range(60))
    before = len(nlp.vocab.strings)
    seen = [(offset, doc.text, [t.text for t in doc if t.text.startswith("Zorvanik")])
            for offset, doc in parse_parts(nlp, text, limit=400, pieces=2)]
    assert len(seen) > 3
    assert "".join(part for _, part, _ in seen) == text  # each part read while it was current
    assert sum(len(words) for *_, words in seen) == 60
    assert len(nlp.vocab.strings) == before
    with memory_zone(nlp):  # a zone already open: parts neither nest one nor close it
        list(parse_parts(nlp, text[:800], limit=400, pieces=1))
        assert nlp.vocab.in_memory_zone
    assert not nlp.vocab.in_memory_zone


def test_documents_come_whole_or_in_parts_in_their_order(nlp):
    documents = [Document("a", "Iran rejected the talks."), Document("b", "Iraq welcomed the plan.\n\n" * 6),
                 Document("c", "Turkey agreed.")]
    parsed = [(d.id, offset, doc.text) for d, offset, doc in parse_document_parts(nlp, documents, batch_size=2, limit=60, pieces=2)]
    assert [(i, offset) for i, offset, _ in parsed] == [("a", 0), ("b", 0), ("b", 100), ("c", 0)]
    assert "".join(text for i, _, text in parsed if i == "b") == documents[1].text


def _records(items) -> list[dict]:
    return [claim.to_dict() for _, _, claims in items for claim in claims]


def test_analysis_in_parts_is_the_analysis_where_a_document_fits_one_part():
    # a document over the piece size but within one part (PART_PIECES pieces): the same records
    long = Document("long", (ARTICLE + "\n\n") * (CHUNK_CHARS // len(ARTICLE) + 2))
    documents = [Document("short", ARTICLE), long, Document("after", "Iraq welcomed the plan on Tuesday.")]
    assert len(long.text) > CHUNK_CHARS
    whole = _records(analyse(documents))
    assert _records(analyse(documents, parts=True)) == whole
    assert {r["doc"] for r in whole} == {"short", "long", "after"}
    assert [json.loads(line) for line in extraction_lines(documents)] == whole  # kg extract reads in parts


def test_a_failed_long_document_leaves_nothing_in_the_store(tmp_path):
    store = open_store(str(tmp_path / "store"))
    document = Document("long", (ARTICLE + "\n\n") * 3)
    *claims, _ = long_document_nquads(document, Tools.load(), limit=len(ARTICLE) + 10, pieces=1)
    for part in claims:
        store.load_nquads(part.encode("utf-8"))
    iri = document_iri(document)
    assert store.query("ASK { GRAPH ?g { ?s ?p ?o } }", g=iri).askAnswer
    store.remove_document(iri)
    assert not store.query("ASK { GRAPH ?g { ?s ?p ?o } }", g=iri).askAnswer


def test_the_merged_export_is_the_union_of_the_graphs_written_as_it_is_read(tmp_path):
    # graph.ttl is streamed from the quads (no CONSTRUCT holding every triple): the same graph
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import isomorphic

    texts = [ARTICLE, "Iraq welcomed the plan of Iran on Tuesday.", "Khamenei rejected talks with the United States."]
    graph = kg.build_graph(texts, store=str(tmp_path / "store"))
    path = graph.export(tmp_path / "graph.ttl", format="turtle")
    union = graph.store.native.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    expected = Graph().parse(data=ox.serialize(union, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    written = Graph().parse(path, format="turtle")
    assert len(written) == len(expected) > 100
    assert isomorphic(written, expected)
