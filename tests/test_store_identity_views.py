"""One actor once in every analyst's view: ids merged by ``owl:sameAs`` read as their canonical actor.

Two articles name one man differently ("Viktor Zubkov", "Zubkov"); the build's identity pass
links ``person/zubkov`` to ``person/viktor-zubkov``. The network, the events table, the
DataFrames, ``kg actors`` and the named queries must then show one actor with the events of
both articles, on rdflib's memory store and on Oxigraph, whatever the order of the articles.
"""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL

from kg.network import to_networkx
from kg.pipeline import build
from kg.store import actor_iri, run_named
from kg.store.actors import canonical_ids, record_identity
from kg.store.frames import actor_rows, claim_rows
from kg.store.table import event_rows
from kg.types import Document

ZUBKOV = str(actor_iri("person/viktor-zubkov"))

ARTICLES = (
    Document("moscow-monday", "Russian Prime Minister Viktor Zubkov criticised Ukraine on Monday.", date="2008-02-21"),
    Document("moscow-tuesday", "Zubkov accused the United States of provoking the crisis.", date="2008-02-22"),
)


def _views(store) -> dict:  # noqa: ANN001
    """What an analyst sees of the store, in a form two builds can be compared by."""
    G = to_networkx(store)
    return {
        "nodes": sorted((n, d["label"], tuple(d["aliases"]), d["merged"]) for n, d in G.nodes(data=True)),
        "edges": sorted((u, v, k, d["count"]) for u, v, k, d in G.edges(keys=True, data=True)),
        "events": sorted((e.source_id, e.source_name, e.source_code, e.cameo, e.target_id) for e in event_rows(store)),
        "actors": sorted((a["actor"], a["name"], a["aliases"], a["claims"], a["events"]) for a in actor_rows(store)),
        "claims": sorted((c["subject_actor_id"] or "", c["subject_actor"] or "") for c in claim_rows(store)),
        "who-acts-on-whom": sorted(tuple(str(x) for x in row) for row in run_named(store, "who-acts-on-whom")),
        "actors-by-degree": sorted(tuple(str(x) for x in row) for row in run_named(store, "actors-by-degree")),
        "said-by": sorted({str(row[6]) for row in run_named(store, "said-by", {"actor": "Zubkov"})}),
    }


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def both_orders(request, tmp_path_factory):
    """The views of the two articles built in one order and in the other, on one kind of store."""
    found = []
    for n, articles in enumerate((ARTICLES, ARTICLES[::-1])):
        location = None if request.param == "memory" else str(tmp_path_factory.mktemp("ox") / f"store-{n}")
        result = build(list(articles), store=location)
        try:
            assert canonical_ids(result.store) == {"person/zubkov": "person/viktor-zubkov"}
            found.append(_views(result.store))
        finally:
            result.close()
    return found


def test_the_network_has_one_node_for_both_names(both_orders):
    views = both_orders[0]
    people = [node for node in views["nodes"] if "/person/" in node[0]]
    assert people == [(ZUBKOV, "Viktor Zubkov", ("Zubkov",), "person/zubkov")]
    sources = {u for u, _v, _k, _n in views["edges"]}
    assert sources == {ZUBKOV}
    assert {v.rsplit("/", 1)[-1] for _u, v, _k, _n in views["edges"]} == {"UKR", "USA"}


def test_the_events_of_both_articles_have_one_source(both_orders):
    events = both_orders[0]["events"]
    assert len(events) == 2
    assert {(e[0], e[1], e[2]) for e in events} == {(ZUBKOV, "Viktor Zubkov", "RUSGOV")}
    assert {row[0] for row in both_orders[0]["who-acts-on-whom"]} == {ZUBKOV}
    assert len(both_orders[0]["who-acts-on-whom"]) == 2


def test_one_row_per_actor_in_the_frames_and_named_queries(both_orders):
    views = both_orders[0]
    people = [a for a in views["actors"] if "/person/" in a[0]]
    assert len(people) == 1 and people[0][:3] == (ZUBKOV, "Viktor Zubkov", "Zubkov")
    assert people[0][4] == 2  # the events of both articles
    assert {c for c in views["claims"] if "/person/" in c[0]} == {(ZUBKOV, "Viktor Zubkov")}
    ranked = [row for row in views["actors-by-degree"] if "/person/" in row[0]]
    assert ranked == [(ZUBKOV, "Viktor Zubkov", "2")]
    # a name of the merged id finds the claims of both articles
    assert views["said-by"] == ["moscow-monday", "moscow-tuesday"]


def test_the_order_of_the_articles_changes_nothing(both_orders):
    assert both_orders[0] == both_orders[1]


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_a_link_the_identity_no_longer_makes_is_removed(kind, tmp_path):
    """A head that moved, or a pair an analyst later kept apart, leaves no second link behind."""
    location = None if kind == "memory" else str(tmp_path / "store")
    rejected = Document("moscow-wednesday", "Zubkov rejected the proposal from Kyiv.", date="2008-02-23")
    result = build([*ARTICLES, rejected], store=location)
    try:
        store = result.store
        stale = Graph()
        stale.add((actor_iri("person/zubkov"), OWL.sameAs, actor_iri("person/zubkov-v")))
        stale.add((actor_iri("person/zubkov-v"), OWL.sameAs, actor_iri("person/viktor-zubkov")))
        store.add_document(Document("older-identity", stale.serialize(format="nt")), stale)
        record_identity(store)
        links = sorted((str(a), str(b)) for a, b in store.query("SELECT ?a ?b WHERE { ?a owl:sameAs ?b }"))
        assert links == [(str(actor_iri("person/zubkov")), ZUBKOV)]
        assert {str(row[0]) for row in run_named(store, "who-acts-on-whom")} == {ZUBKOV}
        assert [(str(r[0]), str(r[1])) for r in run_named(store, "who-rejected-what")] == [("Zubkov", "Viktor Zubkov")]
    finally:
        result.close()
