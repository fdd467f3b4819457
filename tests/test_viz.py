"""The HTML page, as text: self-contained, deterministic, escaped. (Drawing: test_viz_browser.py.)"""

from __future__ import annotations

import html as html_lib
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from test_network import RDFBuilder, example_rdf

from kg import network, viz

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(1)</script>"


def hostile_rdf():
    """Actor names, aliases, roles and sentences that are HTML; a title that closes its element."""
    b = RDFBuilder()
    b.actor("person/x", "Person", f"Mr {XSS_IMG}", aliases=[XSS_SCRIPT, "</script><script>window.__xss=1</script>"],
            roles=[(f"minister {XSS_IMG}", "IRN")])
    b.actor("state/USA", "State", "United States")
    b.claim("d&1", "2019-09-18", f"He said {XSS_SCRIPT} and {XSS_IMG} &amp; more.", "person/x", "reject",
            "state/USA", events=[("120", "REJECT", 3)])
    return b.g


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes, and the text of each script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def embedded_data(page: str) -> dict:
    scripts = [text for attrs, text in parse(page).scripts if attrs.get("type") == "application/json"]
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture(scope="module")
def G():
    return network.to_networkx(example_rdf())


def test_page_is_self_contained(G):
    page = viz.html(G, title="Example")
    tags = parse(page)
    names = [t for t, _ in tags.tags]
    assert "link" not in names and "img" not in names and "iframe" not in names
    assert all("src" not in attrs for _, attrs in tags.tags), [t for t in tags.tags if "src" in t[1]]
    assert "@import" not in page
    # vis-network, our script and the data: three scripts, all inline
    assert len(tags.scripts) == 3
    assert "vis.Network" in tags.scripts[2][1]


def test_page_forbids_any_fetch_by_policy(G):
    policy = [a["content"] for t, a in parse(viz.html(G)).tags if t == "meta" and a.get("http-equiv")]
    assert policy and "default-src 'none'" in policy[0] and "connect-src" not in policy[0]


def test_embedded_data_describes_the_graph(G):
    data = embedded_data(viz.html(G, title="Example"))
    assert data["title"] == "Example"
    labels = {n["label"] for n in data["nodes"]}
    assert {"Ali Khamenei", "United States", "Iran"} <= labels
    assert len(data["edges"]) == G.number_of_edges()
    k = next(n for n in data["nodes"] if n["label"] == "Ali Khamenei")
    assert k["type"] == "Person" and "Khamenei" in k["aliases"] and k["roles"] == ["supreme leader (IRN)"]
    reject = next(e for e in data["edges"] if e["type"] == "REJECT")
    assert reject["from"] == k["id"] and reject["sign"] == -1 and reject["weight"] == 2
    assert [ev["document"] for ev in reject["evidence"]] == ["a1", "a2"]
    assert data["eventTypes"] == ["AGREE", "ASSAULT", "CONSULT", "REJECT"]
    assert data["dates"] == ["2019-09-18", "2019-10-01"]


def test_nodes_are_sized_by_centrality(G):
    nodes = {n["label"]: n for n in embedded_data(viz.html(G))["nodes"]}
    assert nodes["United States"]["size"] > nodes["Saudi Arabia"]["size"] > nodes["Iran"]["size"]


def test_same_graph_same_page():
    a = viz.html(network.to_networkx(example_rdf()))
    b = viz.html(network.to_networkx(example_rdf()))
    assert a == b


def test_layout_is_seeded_and_covers_every_node(G):
    assert viz.layout(G) == viz.layout(G)
    assert set(viz.layout(G)) == set(G)
    assert viz.layout(G, seed=1) != viz.layout(G, seed=2)


_LAYOUT_SCRIPT = """
import json, networkx as nx
from kg import viz
out = {}
for n in (12, 400):  # the labelled layout, and the community blocks
    G = nx.relabel_nodes(nx.gnm_random_graph(n, 2 * n, seed=5), lambda i: f"actor/{i:03d}")
    G.add_nodes_from(f"actor/lone-{i}" for i in range(3))
    out[n] = sorted(viz.layout(G).items())
print(json.dumps(out))
"""


def test_layout_does_not_depend_on_string_hashing():
    import os
    import subprocess
    import sys

    runs = [
        subprocess.run([sys.executable, "-c", _LAYOUT_SCRIPT], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]


def test_large_layout_places_every_node_apart():
    big = nx.gnm_random_graph(700, 1400, seed=3)
    big.add_nodes_from(range(700, 720))  # isolated actors
    pos = viz.layout(big)
    assert set(pos) == set(big)
    assert len(set(pos.values())) == len(big)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(XSS_IMG, id="img-onerror"),
        pytest.param(XSS_SCRIPT, id="script"),
        pytest.param("</script><script>window.__xss=1</script>", id="script-breakout"),
    ],
)
def test_untrusted_text_never_appears_as_markup(text):
    page = viz.html(network.to_networkx(hostile_rdf()), title=f"Title {XSS_SCRIPT}")
    assert text not in page
    tags = parse(page)
    assert [t for t, _ in tags.tags].count("script") == 3
    assert not any(t == "img" for t, _ in tags.tags)
    assert not any(k.startswith("on") for _, attrs in tags.tags for k in attrs)


def test_untrusted_text_survives_as_data():
    page = viz.html(network.to_networkx(hostile_rdf()), title=f"Title {XSS_SCRIPT}")
    data = embedded_data(page)
    x = next(n for n in data["nodes"] if n["iri"].endswith("person/x"))
    assert x["label"] == f"Mr {XSS_IMG}"
    assert XSS_SCRIPT in x["aliases"] and x["roles"] == [f"minister {XSS_IMG} (IRN)"]
    (edge,) = data["edges"]
    assert edge["evidence"][0]["sentence"] == f"He said {XSS_SCRIPT} and {XSS_IMG} &amp; more."
    assert edge["evidence"][0]["document"] == "d&1"
    assert f"<title>Title {html_lib.escape(XSS_SCRIPT)}</title>" in page


def test_write_html_is_atomic_and_readable(G, tmp_path):
    out = viz.write_html(G, tmp_path / "sub" / "net.html", title="t")
    assert out.read_text(encoding="utf-8") == viz.html(G, title="t")
    assert [p.name for p in out.parent.iterdir()] == ["net.html"]
    assert out.stat().st_mode & 0o044  # readable by others, as any written file


def test_notebook_html_is_one_sandboxed_frame(G):
    frame = viz.notebook_html(network.to_networkx(hostile_rdf()))
    tags = parse(frame)
    assert [t for t, _ in tags.tags] == ["iframe"]
    attrs = tags.tags[0][1]
    # scripts, and article links opening in a new (still sandboxed) tab; never the notebook's origin
    assert attrs["sandbox"].split() == ["allow-scripts", "allow-popups"]
    assert attrs["srcdoc"] == viz.html(network.to_networkx(hostile_rdf()))


def test_empty_graph_still_makes_a_page():
    data = embedded_data(viz.html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["dates"] == []


def test_plain_networkx_graphs_work():
    data = embedded_data(viz.html(nx.karate_club_graph()))
    assert len(data["nodes"]) == 34 and len(data["edges"]) == 78
    assert all(re.fullmatch(r"-?\d+(\.\d)?", str(n["x"])) for n in data["nodes"])
