"""Fuzzing the whole flow with Hypothesis: text → extract → build → export → parse again, with no crash and no loss.

Texts mix news-like clauses with what breaks naive code: quotation marks and brackets left
open, control and separator characters, other scripts, markup, SPARQL and Turtle syntax.
Bounded: a few dozen examples, no deadline (the parser's first call is slow).
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic

import kg
from kg.nlp import load_pipeline

CLAUSES = [
    "Iran rejected talks with the United States",
    "Khamenei said that the sanctions had failed",
    "the minister, who met Putin, denied the report",
    "Russia and China condemned the attack on Saudi oil fields",
    '"We will not negotiate," Rouhani said',
    "according to Reuters, Iraq accepted the proposal",
]
ODD = [
    '"', "“", "”", "«", "(", ")", "[", "]", "{", "}", "[/bold]", "[sic]", "<script>alert(1)</script>",
    "\\u0022", "\"\"\"", "'''", "#", "@en", "^^xsd:string", " . ", " ; ", "\u2028", "\u2029", "\u0085",
    "\x0b", "\x1f", "\u200b", "\ufeff", "\t", "\n\n", "رفضت إيران", "伊朗拒绝", "Ω≈ç√", "🇮🇷",
    "SERVICE <http://127.0.0.1:9/x> {}", "}} UNION {{", "%00", "\\", "—", "…",
]

_NUMBERS = {XSD.decimal, XSD.double, XSD.float}

pieces = st.one_of(st.sampled_from(CLAUSES), st.sampled_from(ODD), st.text(max_size=12))
texts = st.lists(pieces, min_size=1, max_size=12).map(" ".join).filter(lambda text: text.strip())


@pytest.fixture(scope="module", autouse=True)
def _loaded():
    load_pipeline()  # loaded once, outside every example's time


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_survives_extract_build_export_and_parse(text):
    graph = kg.build_graph([text])
    with graph:
        for fmt in ("trig", "nquads"):
            data = graph.store.serialize(format=fmt)
            again = Dataset()
            again.parse(data=data, format=fmt)
            assert len(again) == len(graph.store.graph)
            quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS if fmt == "nquads" else pyoxigraph.RdfFormat.TRIG))
            assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(graph.store)
        turtle = graph.store.serialize(format="turtle")
        merged = Graph()
        for triple in graph.store.graph.triples((None, None, None)):
            merged.add(triple)
        assert isomorphic(_by_value(Graph().parse(data=turtle, format="turtle")), _by_value(merged))


def _by_value(graph: Graph) -> Graph:
    """The graph with numbers written canonically: Turtle writes the decimal "-5" as -5.0 (the same value)."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in _NUMBERS:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=o.datatype)
        out.add((s, p, o))
    return out
