"""What a reader sees in Chromium: the first view, the evidence panel, the timeline."""

from __future__ import annotations

import random

import networkx as nx
import pycountry
import pytest
from browser import Browser, find_chromium
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from test_network import ID, example_rdf
from test_viz import XSS_IMG, XSS_SCRIPT, hostile_rdf
from test_viz_browser import EDGE_AT, NODE_AT

from kg import network, viz
from kg.ontology import KG

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium binary: `apt-get install chromium` (or set KG_CHROMIUM)"),
]

#: A name smaller than this on screen (CSS pixels) does not count as readable.
READABLE_PX = 9

# Each visible actor: its name, the on-screen font size of its label, the label's box and the
# dot's centre in page pixels, and whether the label is drawn at all at the current scale.
VIEW = """(() => {
  const net = kg.network, scale = net.getScale();
  const r = document.getElementById('kg-network').getBoundingClientRect();
  const toPage = (x, y) => { const p = net.canvasToDOM({x, y}); return [r.left + p.x, r.top + p.y]; };
  return {scale, rect: [r.left, r.top, r.right, r.bottom], nodes: kg.visibleNodes().map(id => {
    const body = net.body.nodes[id], size = body.labelModule.size, n = kg.data.nodes[id];
    const [left, top] = toPage(size.left, size.top), [right, bottom] = toPage(size.left + size.width, size.top + size.height);
    return {label: n.label, degree: n.degree, font: body.options.font.size * scale, box: [left, top, right, bottom],
            centre: toPage(body.x, body.y), drawn: body.options.font.size * scale >= 6 && size.width > 0};
  })};
})()"""


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


def show(browser, tmp_path, G, name="graph.html", *, width=1200, height=800, **kwargs):
    path = viz.write_html(G, tmp_path / name, **kwargs)
    page = browser.open(path, width=width, height=height)
    page.wait_for("window.__kgReady", timeout=20)
    return page


def overlapping(boxes):
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[1][0] < b[1][2] and b[1][0] < a[1][2] and a[1][1] < b[1][3] and b[1][1] < a[1][3]:
                pairs.append((a[0], b[0]))
    return pairs


def country_network(n: int, *, seed: int = 3, linked: float = 0.85) -> nx.MultiDiGraph:
    """``n`` states and governments (real names, some long) in one large component, a few pairs, some alone."""
    rng = random.Random(seed)
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)[:n]
    G = nx.MultiDiGraph()
    for c in countries:
        G.add_node(c.alpha_3, label=getattr(c, "common_name", c.name), type=rng.choice(["State", "Government", "Person"]))
    linked = [c.alpha_3 for c in countries][: int(n * linked)]
    events = [("REJECT", 3), ("CONSULT", 1), ("ACCUSE", 3), ("AID", 2), ("ASSAULT", 4)]
    for _ in range(int(n * 1.3)):
        a, b = rng.sample(linked, 2)
        event, quad = rng.choice(events)
        day = f"2019-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        G.add_edge(a, b, key=event, event_type=event, quad=quad, sign=-1 if quad >= 3 else 1, weight=1, count=1,
                   dates=[day], date_counts={day: 1})
    return G


def assert_every_name_readable_inside(view, *, labelled=None):
    left, top, right, bottom = view["rect"]
    for node in view["nodes"]:
        x, y = node["centre"]
        assert left <= x <= right and top <= y <= bottom, node
        if labelled is None or node["label"] in labelled:
            assert node["drawn"] and node["font"] >= READABLE_PX, node
            b = node["box"]
            assert left - 1 <= b[0] and b[2] <= right + 1 and top - 1 <= b[1] and b[3] <= bottom + 1, node


@pytest.mark.parametrize(
    ("graph", "size"),
    [
        pytest.param(lambda: network.to_networkx(example_rdf()), 7, id="example-7"),
        pytest.param(lambda: country_network(70), 70, id="countries-70"),
        pytest.param(lambda: country_network(150), 150, id="countries-150"),
    ],
)
def test_first_view_names_every_actor_inside_the_viewport(browser, tmp_path, graph, size):
    page = show(browser, tmp_path, graph())
    view = page.evaluate(VIEW)
    assert len(view["nodes"]) == size
    assert_every_name_readable_inside(view)
    assert page.errors == []


def test_first_view_of_seventy_actors_has_no_overlapping_names(browser, tmp_path):
    page = show(browser, tmp_path, country_network(70))
    view = page.evaluate(VIEW)
    assert overlapping([(n["label"], n["box"]) for n in view["nodes"]]) == []


def test_demo_article_opens_with_every_name(browser, tmp_path):
    import kg
    from tests.conftest import EXAMPLE

    with kg.build_graph([EXAMPLE]) as graph:
        G = graph.to_networkx()
    page = show(browser, tmp_path, G, width=1100, height=700)
    view = page.evaluate(VIEW)
    assert len(view["nodes"]) == len(G)
    assert_every_name_readable_inside(view)
    assert overlapping([(n["label"], n["box"]) for n in view["nodes"]]) == []


def test_large_network_names_its_most_linked_actors(browser, tmp_path):
    G = country_network(240)
    page = show(browser, tmp_path, G)
    view = page.evaluate(VIEW)
    top = sorted(view["nodes"], key=lambda n: -n["degree"])[:20]
    assert_every_name_readable_inside({**view, "nodes": top})


def test_page_frames_the_network_again_when_its_frame_is_resized(browser, tmp_path):
    # A notebook lays its output frame out after the page inside has started: the page must
    # frame the network again at the frame's final size.
    page = show(browser, tmp_path, country_network(40), width=500, height=300)
    page.send("Emulation.setDeviceMetricsOverride", {"width": 1000, "height": 600, "deviceScaleFactor": 1, "mobile": False})
    page.wait_for("document.getElementById('kg-network').clientWidth > 600", timeout=5)
    __import__("time").sleep(0.3)
    view = page.evaluate(VIEW)
    assert view["rect"][2] - view["rect"][0] > 600
    assert_every_name_readable_inside(view)


def test_view_refits_after_a_filter_and_a_search(browser, tmp_path):
    page = show(browser, tmp_path, country_network(70, linked=1.0))
    before = page.evaluate("kg.network.getScale()")
    page.evaluate("kg.state.types = new Set(['ASSAULT']); kg.apply()")
    __import__("time").sleep(0.6)  # the refit animates for 250 ms
    filtered = page.evaluate(VIEW)
    assert 0 < len(filtered["nodes"]) < 70 and filtered["scale"] > before
    assert_every_name_readable_inside(filtered)
    page.evaluate("kg.state.types = new Set(kg.data.eventTypes.concat([''])); kg.apply()")
    page.evaluate("document.getElementById('kg-search').value = 'Andorra'; document.getElementById('kg-search-go').click()")
    page.wait_for("!kg.network.view.animationSpeed || true", timeout=2)
    found = page.wait_for(
        "(() => { const v = " + VIEW + "; return v.nodes.find(n => n.label === 'Andorra' && "
        "n.centre[0] > v.rect[0] && n.centre[0] < v.rect[2] && n.centre[1] > v.rect[1] && n.centre[1] < v.rect[3]); })()",
        timeout=5)
    assert found["font"] >= READABLE_PX
    assert page.evaluate("document.getElementById('kg-tooltip').hidden")


# --------------------------------------------------------------------------- evidence panel


def cited_rdf():
    """The example world, its documents with titles, publishers and URLs (one of them not a web address)."""
    g = example_rdf()
    meta = {
        "a1": ("Khamenei rules out talks", "Example Wire", "https://news.example.org/a1?x=1&y=2"),
        "a2": ("Second refusal", "Tehran Desk", "javascript:alert(1)"),
    }
    for doc, (title, publisher, url) in meta.items():
        d = URIRef(f"{ID}doc/{doc}")
        g.add((d, KG.title, Literal(title)))
        g.add((d, KG.publisher, Literal(publisher)))
        g.add((d, KG.url, Literal(url, datatype=XSD.anyURI)))
    return g


PANEL = """(() => {
  const panel = document.getElementById('kg-evidence');
  return panel.hidden ? null : {
    title: document.getElementById('kg-evidence-title').textContent,
    text: panel.textContent,
    sentences: [...panel.querySelectorAll('.kg-sentence')].map(p => p.textContent),
    links: [...panel.querySelectorAll('a')].map(a => [a.getAttribute('href'), a.rel, a.target])
  };
})()"""


def test_clicking_an_edge_pins_its_evidence_with_a_link_to_the_article(browser, tmp_path):
    page = show(browser, tmp_path, network.to_networkx(cited_rdf()))
    page.click(*page.evaluate(f"{EDGE_AT}('REJECT')"))
    panel = page.wait_for(PANEL, timeout=5)
    assert panel["title"] == "Ali Khamenei → United States"
    assert panel["sentences"] == ["Khamenei rejected plans for talks with U.S. authorities.",
                                  "Ali Khamenei again rejected any talks with Washington."]
    assert "Khamenei rules out talks" in panel["text"] and "Example Wire" in panel["text"] and "2019-09-18" in panel["text"]
    assert "Second refusal" in panel["text"] and "Tehran Desk" in panel["text"]
    # only the http(s) address becomes a link, opened apart from the page
    assert panel["links"] == [["https://news.example.org/a1?x=1&y=2", "noopener noreferrer", "_blank"]]
    # the pinned panel stays when the pointer moves away, and its sentence can be selected and copied
    page.mouse_move(5, 5)
    assert page.evaluate(PANEL)["title"] == "Ali Khamenei → United States"
    selected = page.evaluate("""(() => { const p = document.querySelector('#kg-evidence .kg-sentence');
        const range = document.createRange(); range.selectNodeContents(p);
        const s = getSelection(); s.removeAllRanges(); s.addRange(range); return s.toString(); })()""")
    assert selected == "Khamenei rejected plans for talks with U.S. authorities."
    assert page.evaluate("getComputedStyle(document.querySelector('.kg-sentence')).userSelect") in ("text", "auto")
    assert page.errors == []


def test_clicking_a_node_lists_its_links_and_evidence(browser, tmp_path):
    page = show(browser, tmp_path, network.to_networkx(cited_rdf()))
    page.click(*page.evaluate(f"{NODE_AT}('Ali Khamenei')"))
    panel = page.wait_for(PANEL, timeout=5)
    assert panel["title"] == "Ali Khamenei" and "supreme leader (IRN)" in panel["text"]
    assert "→ United States: REJECT (2)" in panel["text"]
    assert "Ali Khamenei again rejected any talks with Washington." in panel["sentences"]


def test_panel_follows_the_date_filter(browser, tmp_path):
    page = show(browser, tmp_path, network.to_networkx(cited_rdf()))
    page.evaluate("kg.pin({kind: 'edge', id: kg.data.edges.find(e => e.type === 'REJECT').id})")
    assert len(page.evaluate(PANEL)["sentences"]) == 2
    page.evaluate("kg.setDates('2019-09-19', '2019-10-01')")
    assert page.evaluate(PANEL)["sentences"] == ["Ali Khamenei again rejected any talks with Washington."]
    page.evaluate("kg.setDates('2019-09-25', '2019-10-01')")
    assert "hidden by the filters" in page.evaluate(PANEL)["text"]


def test_keyboard_opens_follows_and_closes_the_panel(browser, tmp_path):
    page = show(browser, tmp_path, network.to_networkx(cited_rdf()))
    page.evaluate("document.getElementById('kg-search').focus(); document.getElementById('kg-search').value = 'khamenei'")
    page.key("Enter", key_code=13)
    assert page.wait_for(PANEL, timeout=5)["title"] == "Ali Khamenei"
    # the panel's heading has the focus; Tab reaches the close button, then the link to the
    # United States; Enter follows it
    assert page.evaluate("document.activeElement.id") == "kg-evidence-title"
    page.key("Tab", key_code=9)
    assert page.evaluate("document.activeElement.id") == "kg-evidence-close"
    page.key("Tab", key_code=9)
    assert page.evaluate("document.activeElement.textContent").startswith("→ United States")
    page.key("Enter", key_code=13)
    assert page.wait_for(PANEL, timeout=5)["title"] == "Ali Khamenei → United States"
    page.key("Escape", key_code=27)
    assert page.evaluate(PANEL) is None


def test_tapping_a_node_opens_the_panel(browser, tmp_path):
    page = show(browser, tmp_path, network.to_networkx(cited_rdf()))
    page.tap(*page.evaluate(f"{NODE_AT}('Saudi Arabia')"))
    assert page.wait_for(PANEL, timeout=5)["title"] == "Saudi Arabia"


def test_hostile_text_in_the_panel_stays_text(browser, tmp_path):
    page = show(browser, tmp_path, network.to_networkx(hostile_rdf()))
    page.evaluate("kg.pin({kind: 'edge', id: 0})")
    panel = page.evaluate(PANEL)
    assert f"He said {XSS_SCRIPT} and {XSS_IMG} &amp; more." in panel["sentences"]
    assert page.evaluate("document.querySelectorAll('img').length") == 0 and page.evaluate("window.__xss") is None
    assert page.dialogs == [] and page.errors == []


# --------------------------------------------------------------------------- timeline


@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_timeline_is_the_python_series(browser, tmp_path, freq):
    G = country_network(70)
    page = show(browser, tmp_path, G)
    series = page.evaluate(f"kg.timelineSeries('{freq}').map(p => [p.start, p.quads])")
    in_page = sorted((start, int(q), n) for start, quads in series for q, n in quads.items())
    in_python = sorted((r["period"], r["quad"] or 0, r["count"]) for r in network.event_timeline(G, freq=freq))
    assert in_page == in_python


def test_timeline_brush_filters_the_network(browser, tmp_path):
    page = show(browser, tmp_path, country_network(70))
    assert page.evaluate("document.querySelectorAll('#kg-timeline-chart rect').length") > 4
    colours = set(page.evaluate("[...document.querySelectorAll('#kg-timeline-chart rect')].map(r => r.getAttribute('data-quad'))"))
    assert colours <= {"1", "2", "3", "4", "0"} and len(colours) >= 3
    box = page.evaluate("(() => { const r = document.getElementById('kg-timeline-chart').getBoundingClientRect();"
                        " return [r.left, r.top, r.width, r.height]; })()")
    all_edges = page.evaluate("kg.visibleEdges().length")
    y = box[1] + box[3] / 2
    page.drag((box[0] + box[2] * 0.1, y), (box[0] + box[2] * 0.3, y))
    state = page.wait_for("kg.state.from !== kg.data.dates[0] && [kg.state.from, kg.state.to]", timeout=5)
    assert "2019-01-01" < state[0] < state[1] < "2019-06-01"
    shown = page.evaluate("kg.visibleEdges().length")
    assert 0 < shown < all_edges
    assert page.evaluate("document.getElementById('kg-date-from').value") == state[0]
    page.evaluate("document.getElementById('kg-timeline-clear').click()")
    assert page.evaluate("kg.visibleEdges().length") == all_edges
    assert page.errors == []
