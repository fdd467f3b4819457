"""The HTML page in a real headless Chromium: it draws, logs no error, fetches nothing, runs no injected script."""

from __future__ import annotations

import networkx as nx
import pytest
from browser import Browser, find_chromium
from test_network import example_rdf
from test_viz import XSS_IMG, XSS_SCRIPT, hostile_rdf

from kg import network, viz

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium binary: `apt-get install chromium` (or set KG_CHROMIUM)"),
]

# Non-blank pixels of the network's canvas (vis-network leaves the background transparent).
DRAWN_PIXELS = """(() => {
  const c = document.querySelector('#kg-network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } }
  return n;
})()"""

# The page position (CSS pixels) of a node, by label.
NODE_AT = """((label) => {
  const n = kg.data.nodes.find(n => n.label === label);
  const p = kg.network.canvasToDOM(kg.network.getPosition(n.id));
  const r = document.getElementById('kg-network').getBoundingClientRect();
  return [r.left + p.x, r.top + p.y];
})"""

# The page position of the middle of an edge, by its event type.
EDGE_AT = """((type) => {
  const e = kg.data.edges.find(e => e.type === type);
  const a = kg.network.getPosition(e.from), b = kg.network.getPosition(e.to);
  const p = kg.network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
  const r = document.getElementById('kg-network').getBoundingClientRect();
  return [r.left + p.x, r.top + p.y];
})"""


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


def show(browser, tmp_path, G, name="graph.html", **kwargs):
    path = viz.write_html(G, tmp_path / name, **kwargs)
    page = browser.open(path)
    page.wait_for("window.__kgReady", timeout=20)
    return page, path


def assert_fetched_nothing(page, path):
    own = path.resolve().as_uri()
    outside = [u for u in page.requests if u != own and not u.startswith(("data:", "about:"))]
    assert not outside, outside


def hover(page, point):
    x, y = point
    page.mouse_move(x + 40, y + 40)
    page.mouse_move(x, y)
    return page.wait_for("!document.getElementById('kg-tooltip').hidden && "
                         "document.getElementById('kg-tooltip').textContent", timeout=5)


def test_example_network_draws_without_errors_or_fetches(browser, tmp_path):
    page, path = show(browser, tmp_path, network.to_networkx(example_rdf()), title="Example")
    assert page.evaluate("document.title") == "Example"
    assert page.evaluate("kg.visibleNodes().length") == 7
    assert page.evaluate("kg.visibleEdges().length") == 6
    drawn = page.evaluate(DRAWN_PIXELS)
    empty_page, _ = show(browser, tmp_path, nx.MultiDiGraph(), name="empty.html")
    assert empty_page.evaluate(DRAWN_PIXELS) == 0
    assert drawn > 5000
    assert page.errors == [] and empty_page.errors == []
    assert_fetched_nothing(page, path)
    assert page.requests[0] == path.resolve().as_uri()
    assert page.screenshot()[:8] == b"\x89PNG\r\n\x1a\n"


def test_node_tooltip_shows_aliases_and_roles(browser, tmp_path):
    page, _ = show(browser, tmp_path, network.to_networkx(example_rdf()))
    text = hover(page, page.evaluate(f"{NODE_AT}('Ali Khamenei')"))
    assert "Ali Khamenei" in text and "the Supreme Leader" in text and "supreme leader (IRN)" in text


def test_edge_tooltip_shows_evidence_with_document_and_date(browser, tmp_path):
    page, _ = show(browser, tmp_path, network.to_networkx(example_rdf()))
    text = hover(page, page.evaluate(f"{EDGE_AT}('ASSAULT')"))
    assert "The regime launched a massive missile attack on Saudi Arabia." in text
    assert "a1 · 2019-09-18" in text


@pytest.mark.parametrize(
    ("action", "visible_edges"),
    [
        pytest.param("kg.state.types.delete('REJECT')", 5, id="event-type"),
        pytest.param("kg.state.types.clear()", 0, id="no-event-type"),
        pytest.param("kg.state.minWeight = 2", 1, id="min-weight"),
        pytest.param("kg.state.from = '2019-09-21'", 3, id="date-from"),
        pytest.param("kg.state.to = '2019-09-18'", 2, id="date-to"),
    ],
)
def test_filters(browser, tmp_path, action, visible_edges):
    page, _ = show(browser, tmp_path, network.to_networkx(example_rdf()))
    page.evaluate(f"{action}; kg.apply()")
    assert page.evaluate("kg.visibleEdges().length") == visible_edges
    assert page.errors == []


def test_filter_controls_drive_the_view(browser, tmp_path):
    page, _ = show(browser, tmp_path, network.to_networkx(example_rdf()))
    page.evaluate("document.getElementById('kg-types-none').click()")
    assert page.evaluate("kg.visibleEdges().length") == 0
    # actors with no link left are hidden; Iran, which never had one, stays
    assert page.evaluate("kg.visibleNodes().map(id => kg.data.nodes[id].label)") == ["Iran"]
    page.evaluate("document.getElementById('kg-types-all').click()")
    assert page.evaluate("kg.visibleEdges().length") == 6


@pytest.mark.parametrize(
    ("query", "found"),
    [
        pytest.param("Ali Khamenei", "Ali Khamenei", id="label"),
        pytest.param("washington", "United States", id="alias-any-case"),
        pytest.param("rouh", "Hassan Rouhani", id="part-of-label"),
        pytest.param("Nobody", None, id="no-match"),
    ],
)
def test_search_finds_an_actor(browser, tmp_path, query, found):
    page, _ = show(browser, tmp_path, network.to_networkx(example_rdf()))
    page.evaluate(f"document.getElementById('kg-search').value = {query!r}; document.getElementById('kg-search-go').click()")
    selected = page.evaluate("kg.network.getSelectedNodes().map(id => kg.data.nodes[id].label)")
    assert selected == ([found] if found else [])
    assert page.evaluate("document.getElementById('kg-search-result').textContent") != ""


def test_untrusted_text_is_shown_as_text_and_never_runs(browser, tmp_path):
    page, path = show(browser, tmp_path, network.to_networkx(hostile_rdf()), title=f"T {XSS_SCRIPT}")
    node_text = hover(page, page.evaluate(f"{NODE_AT}('Mr {XSS_IMG}')"))
    assert f"Mr {XSS_IMG}" in node_text and XSS_SCRIPT in node_text
    edge_text = hover(page, page.evaluate(f"{EDGE_AT}('REJECT')"))
    assert f"He said {XSS_SCRIPT} and {XSS_IMG} &amp; more." in edge_text
    assert page.evaluate("document.title") == f"T {XSS_SCRIPT}"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []
    assert page.errors == []
    assert_fetched_nothing(page, path)
