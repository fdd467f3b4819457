"""The page ``kg build`` writes, from real articles, in a real headless Chromium."""

from __future__ import annotations

import networkx as nx
import pytest
from browser import Browser, find_chromium

import kg
from kg.viz import write_html

HOSTILE = (
    "Iran condemned Saudi Arabia over the <script>window.__xss = 1; alert(1)</script> affair. "
    "Iran accused Saudi Arabia of <img src=x onerror=\"window.__xss = 2\"> aggression."
)

DRAWN = (
    "(() => { const c = document.querySelector('#kg-network canvas');"
    " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
    " let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; })()"
)

needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="no Chromium binary: `apt-get install chromium`")


@pytest.fixture(scope="module")
def pages(tmp_path_factory, example_graph):
    out = tmp_path_factory.mktemp("html")
    example_graph.to_html(out / "example.html")
    hostile = kg.build_graph([kg.Document(id="<b>hostile</b>.txt", text=HOSTILE)])
    hostile.to_html(out / "hostile.html")
    write_html(nx.MultiDiGraph(), out / "empty.html")
    return out / "example.html", out / "hostile.html"


def test_hostile_article_text_is_never_markup(pages):
    _, hostile = pages
    page = hostile.read_text()
    assert "<script>window.__xss" not in page
    assert "<img src=x" not in page
    assert "<b>hostile</b>" not in page


@pytest.mark.browser
@needs_chromium
def test_example_page_draws_offline(pages):
    example, _ = pages
    with Browser() as browser:
        empty = browser.open(example.with_name("empty.html"))
        empty.wait_for("window.__kgReady", timeout=20)
        page = browser.open(example)
        page.wait_for("window.__kgReady", timeout=20)
        labels = page.evaluate("kg.data.nodes.map(n => n.label)")
        # the canvas of the example holds drawn pixels (nodes, edges, labels); an empty network's holds none
        assert empty.evaluate(DRAWN) == 0
        assert page.evaluate(DRAWN) > 20 * len(labels)
        assert {"Ali Khamenei", "United States", "Saudi Arabia"} <= set(labels)
        assert page.errors == []
        own = example.resolve().as_uri()
        assert [u for u in page.requests if u != own and not u.startswith(("data:", "about:"))] == []


@pytest.mark.browser
@needs_chromium
def test_hostile_article_runs_no_script(pages):
    _, hostile = pages
    with Browser() as browser:
        page = browser.open(hostile)
        page.wait_for("window.__kgReady", timeout=20)
        text = page.evaluate("JSON.stringify(kg.data)")
        assert "<script>window.__xss = 1; alert(1)</script>" in text
        assert page.evaluate("window.__xss") is None
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.dialogs == [] and page.errors == []
