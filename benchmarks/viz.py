"""How fast the actor network page is written and drawn, against pyvis's default output.

For synthetic actor networks of 500, 2,000 and 5,000 actors (2.2 links per actor: 11,000
for the largest), it reports the HTML file's size, the time Python takes to write it, and
the time until the page is drawn and interactive in headless Chromium (``window.__kgReady``,
set on vis-network's first ``afterDrawing``, in ms from navigation start), and how long one
filter change then takes to redraw. The baseline is
pyvis 0.3.2's own page for the same graph (``Network(cdn_resources="in_line")``, physics on,
its defaults), timed until vis-network reports the layout stabilized, with a time limit.

pyvis's "in_line" page still links Bootstrap and tom-select from a CDN: those tags are cut
out before it is opened, and Chromium refuses every http(s) request anyway, so nothing leaves
the machine.

Run: ``.venv/bin/python benchmarks/viz.py [--sizes 500 2000 5000] [--pyvis-timeout 30]``
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import Browser, BrowserError, find_chromium  # noqa: E402

from kg import viz  # noqa: E402

TYPES = ["Person", "Government", "State", "Organization", "Group"]
EVENTS = [("REJECT", 3), ("ACCUSE", 3), ("CONSULT", 1), ("AGREE", 1), ("AID", 2), ("ASSAULT", 4), ("THREATEN", 3)]


def synthetic(n: int, *, links_per_actor: float = 2.2, seed: int = 7) -> nx.MultiDiGraph:
    """An actor network with community structure: groups of ~40, 80 % of links inside a group."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    groups = max(1, n // 40)
    group_of = [rng.randrange(groups) for _ in range(n)]
    members: dict[int, list[int]] = {}
    for i, g in enumerate(group_of):
        members.setdefault(g, []).append(i)
    for i in range(n):
        G.add_node(
            f"actor/{i}",
            label=f"Actor {i}",
            type=rng.choice(TYPES),
            country="XXX",
            sector=None,
            code="XXX",
            aliases=[f"A{i}", f"The {i}th"],
            roles=[f"minister of {i % 17}"] if i % 5 == 0 else [],
        )
    m = int(n * links_per_actor)
    while G.number_of_edges() < m:
        a = rng.randrange(n)
        pool = members[group_of[a]] if rng.random() < 0.8 else range(n)
        b = rng.choice(list(pool))
        if a == b:
            continue
        event, quad = rng.choice(EVENTS)
        key = event
        u, v = f"actor/{a}", f"actor/{b}"
        if G.has_edge(u, v, key):
            G[u][v][key]["count"] += 1
            G[u][v][key]["weight"] += 1
            continue
        date = f"2019-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        G.add_edge(
            u, v, key=key, event_type=event, cameo="120", relation=event.lower(), quad=quad,
            sign=-1 if quad >= 3 else 1, weight=1, count=1, dates=[date],
            evidence=[{"sentence": f"Actor {a} did {event.lower()} Actor {b}.", "document": f"doc{a}", "date": date}],
        )
    return G


def pyvis_page(G: nx.MultiDiGraph) -> str:
    """pyvis's default page for G (physics on), with its CDN tags cut out."""
    from pyvis.network import Network

    colors = dict(zip(TYPES, ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1"]))
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in G.nodes(data=True):
        net.add_node(node, label=attrs["label"], color=colors[attrs["type"]], title=attrs["label"])
    for u, v, attrs in G.edges(data=True):
        net.add_edge(u, v, label=attrs["event_type"], color="#d62728" if attrs["sign"] < 0 else "#2ca02c",
                     title=attrs["evidence"][0]["sentence"])
    page = net.generate_html()
    page = re.sub(r"<link[^>]*https?://[^>]*>", "", page)
    return re.sub(r"<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page)


# pyvis's page keeps `network` global; vis sets physics.stabilized when the layout settles.
PYVIS_SETTLED = (
    "(typeof network !== 'undefined' && network.physics && network.physics.stabilized === true)"
    " ? performance.now() : 0"
)


# How far vis-network's stabilization got (iterations done), where the page never settled.
PYVIS_PROGRESS = "typeof network !== 'undefined' && network.physics ? network.physics.stabilizationIterations : null"
PROGRESS: dict[str, int | None] = {}
AFTER: dict[str, float] = {}


# After the first draw: how long one filter change (hide one event type, redraw) takes.
FILTER_MS = """new Promise(done => {
  const t = performance.now();
  kg.network.once('afterDrawing', () => done(performance.now() - t));
  kg.state.types.delete('REJECT');
  kg.apply();
  kg.network.redraw();
})"""


def time_in_browser(
    browser: Browser, path: Path, ready: str, timeout: float, *, then: str | None = None
) -> tuple[float | None, list[str]]:
    """The value of `ready` (ms from navigation start) once truthy (None: not within `timeout` s), and errors."""
    page = browser.open("about:blank")
    page.send("Network.setBlockedURLs", {"urls": ["http://*", "https://*"]})
    page.navigate(path.resolve().as_uri(), wait_load=False)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            try:
                # A page busy laying itself out answers only between its chunks of work.
                value = page.evaluate(ready, timeout=max(1.0, deadline - time.monotonic()))
            except BrowserError:
                value = 0
            if value:
                if then:
                    AFTER[path.name] = page.evaluate(then, timeout=timeout)
                return float(value), page.errors
            time.sleep(0.01)
        try:
            PROGRESS[path.name] = page.evaluate(PYVIS_PROGRESS, timeout=5)
        except BrowserError:
            PROGRESS[path.name] = None
        return None, page.errors
    finally:
        page.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--pyvis-timeout", type=float, default=30.0)
    parser.add_argument("--no-pyvis", action="store_true", help="Skip the pyvis baseline.")
    args = parser.parse_args()
    if find_chromium() is None:
        print("no Chromium binary: apt-get install chromium", file=sys.stderr)
        return 1
    out = Path(tempfile.mkdtemp(prefix="kg-bench-viz-"))
    rows = []
    with Browser(timeout=max(60.0, args.pyvis_timeout + 10)) as browser:
        for n in args.sizes:
            G = synthetic(n)
            started = time.perf_counter()
            ours = viz.write_html(G, out / f"kg-{n}.html", title=f"{n} actors")
            write_s = time.perf_counter() - started
            # the page's own clock: first frame drawn, every handler attached
            drawn_ms, errors = time_in_browser(browser, ours, "window.__kgReady || 0", 60, then=FILTER_MS)
            row = {"actors": n, "links": G.number_of_edges(), "kg_bytes": ours.stat().st_size, "kg_write_s": write_s,
                   "kg_drawn_ms": drawn_ms, "kg_filter_ms": AFTER.get(ours.name), "kg_errors": len(errors)}
            if not args.no_pyvis:
                started = time.perf_counter()
                page = pyvis_page(G)
                theirs = out / f"pyvis-{n}.html"
                theirs.write_text(page, encoding="utf-8")
                row["pyvis_write_s"] = time.perf_counter() - started
                row["pyvis_bytes"] = theirs.stat().st_size
                row["pyvis_settled_ms"], _ = time_in_browser(browser, theirs, PYVIS_SETTLED, args.pyvis_timeout)
                row["pyvis_iterations"] = PROGRESS.get(theirs.name)
            rows.append(row)
            print(format_row(row, args.pyvis_timeout), flush=True)
    print(f"\npages in {out}")
    return 0


def format_row(row: dict, pyvis_timeout: float) -> str:
    text = (
        f"{row['actors']:>5} actors {row['links']:>6} links | kg: {row['kg_bytes'] / 1e6:5.2f} MB, "
        f"written in {row['kg_write_s']:5.2f} s, drawn at "
        + (f"{row['kg_drawn_ms']:7.0f} ms" if row["kg_drawn_ms"] is not None else "  (not drawn)")
        + (f", filter redrawn in {row['kg_filter_ms']:4.0f} ms" if row.get("kg_filter_ms") is not None else "")
        + f", {row['kg_errors']} errors"
    )
    if "pyvis_bytes" in row:
        settled = row["pyvis_settled_ms"]
        text += (
            f" | pyvis: {row['pyvis_bytes'] / 1e6:5.2f} MB, written in {row['pyvis_write_s']:5.2f} s, "
            + (
                f"settled at {settled:7.0f} ms"
                if settled is not None
                else f"did not settle in {pyvis_timeout:g} s"
                + (f" ({row['pyvis_iterations']} of 1000 stabilization steps)" if row.get("pyvis_iterations") else "")
            )
        )
        if settled is not None and row["kg_drawn_ms"]:
            text += f" (kg {settled / row['kg_drawn_ms']:.1f}x sooner)"
    return text


if __name__ == "__main__":
    sys.exit(main())
