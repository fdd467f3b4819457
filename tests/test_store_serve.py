"""``kg serve``: a read-only SPARQL endpoint, tested for real over HTTP."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.store import make_server, open_store
from test_store_mapping import sample_graphs


@pytest.fixture(scope="module")
def store(nlp):
    opened = open_store(None)
    for document, graph in sample_graphs(nlp):
        opened.add_document(document, graph)
    return opened


def _start(store, **options):
    server = make_server(store, port=0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/sparql"


@pytest.fixture(scope="module")
def endpoint(store):
    server, url = _start(store)
    yield url
    server.shutdown()
    server.server_close()


def _request(url, *, data=None, headers=None, method=None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


PEOPLE = "SELECT ?label WHERE { ?a a kg:Person ; skos:prefLabel ?label } ORDER BY ?label"


def test_get_returns_sparql_json(endpoint):
    status, media, body = _request(f"{endpoint}?{urllib.parse.urlencode({'query': PEOPLE})}")
    assert status == 200 and media.startswith("application/sparql-results+json")
    labels = [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert labels == ["Ali Khamenei", "Hassan Rouhani"]


@pytest.mark.parametrize(
    ("content_type", "encode"),
    [
        pytest.param("application/x-www-form-urlencoded", lambda q: urllib.parse.urlencode({"query": q}), id="form"),
        pytest.param("application/sparql-query", lambda q: q, id="direct"),
    ],
)
def test_post_query(endpoint, content_type, encode):
    status, _, body = _request(endpoint, data=encode(PEOPLE).encode("utf-8"),
                               headers={"Content-Type": content_type, "Accept": "text/csv"})
    assert status == 200
    assert list(csv.reader(io.StringIO(body))) == [["label"], ["Ali Khamenei"], ["Hassan Rouhani"]]


@pytest.mark.parametrize(
    ("accept", "media", "marker"),
    [
        pytest.param("application/sparql-results+xml", "application/sparql-results+xml", "<sparql", id="xml"),
        pytest.param("text/csv;q=0.9, application/json", "text/csv", "label", id="first-listed"),
        pytest.param("*/*", "application/sparql-results+json", '"bindings"', id="any"),
    ],
)
def test_accept_header_picks_the_format(endpoint, accept, media, marker):
    status, got, body = _request(f"{endpoint}?{urllib.parse.urlencode({'query': PEOPLE})}", headers={"Accept": accept})
    assert status == 200 and got.startswith(media) and marker in body


def test_ask_and_construct(endpoint):
    status, _, body = _request(f"{endpoint}?{urllib.parse.urlencode({'query': 'ASK { ?c a kg:Claim }'})}")
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = "CONSTRUCT { ?a kg:rejects ?b } WHERE { ?a kg:rejects ?b }"
    status, media, body = _request(f"{endpoint}?{urllib.parse.urlencode({'query': construct})}")
    assert status == 200 and media.startswith("text/turtle") and "rejects" in body


UPDATE = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"


@pytest.mark.parametrize(
    ("path", "data", "content_type"),
    [
        pytest.param("", UPDATE, "application/sparql-update", id="sparql-update-body"),
        pytest.param("", urllib.parse.urlencode({"update": UPDATE}), "application/x-www-form-urlencoded", id="form-update"),
        pytest.param("", UPDATE, "application/sparql-query", id="update-sent-as-query"),
        pytest.param("/../update", UPDATE, "application/sparql-update", id="update-path"),
    ],
)
def test_updates_are_refused_and_change_nothing(store, endpoint, path, data, content_type):
    before = len(store)
    url = endpoint.rsplit("/", 1)[0] + "/update" if path else endpoint
    status, _, body = _request(url, data=data.encode("utf-8"), headers={"Content-Type": content_type})
    assert 400 <= status < 500
    assert "read-only" in body and body.count("\n") == 1
    assert len(store) == before


def test_malformed_query_is_400_with_one_line(endpoint):
    status, _, body = _request(f"{endpoint}?{urllib.parse.urlencode({'query': 'SELEC ?x'})}")
    assert status == 400
    assert body.startswith("malformed SPARQL") and body.count("\n") == 1


def test_missing_query_is_400(endpoint):
    status, _, _ = _request(endpoint)
    assert status == 400


@pytest.mark.slow  # a server waiting out its query time limit
def test_slow_query_gets_503(store):
    server, url = _start(store, timeout=0.001)
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . FILTER (STRLEN(STR(?c)) > STRLEN(STR(?f))) }"
        status, _, body = _request(f"{url}?{urllib.parse.urlencode({'query': slow})}")
        assert status == 503 and "time limit" in body
    finally:
        server.shutdown()
        server.server_close()
