"""``kg serve`` as a user starts it: a real process on 127.0.0.1, real HTTP, read-only."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

import kg
from tests.conftest import EXAMPLE, ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = tmp_path_factory.mktemp("serve") / "store"
    kg.build_graph([EXAMPLE], store=str(store)).close()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(store), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode())
            time.sleep(0.2)
    yield url, store
    proc.terminate()
    proc.wait(timeout=10)


def get(url: str, query: str) -> dict:
    request = urllib.request.Request(
        f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_serves_the_store_over_http(endpoint):
    url, _ = endpoint
    result = get(url, 'SELECT ?who WHERE { ?c kg:relation "reject" ; kg:subjectActor/skos:prefLabel ?who }')
    assert "Ali Khamenei" in {b["who"]["value"] for b in result["results"]["bindings"]}


def test_refuses_updates_and_changes_nothing(endpoint):
    url, store = endpoint
    before = get(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["results"]["bindings"][0]["n"]["value"]
    data = urllib.parse.urlencode({"update": "INSERT DATA { <urn:x> <urn:y> <urn:z> }"}).encode()
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=30)
    assert 400 <= caught.value.code < 500
    after = get(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["results"]["bindings"][0]["n"]["value"]
    assert before == after


def test_malformed_query_is_a_400(endpoint):
    url, _ = endpoint
    with pytest.raises(urllib.error.HTTPError) as caught:
        get(url, "SELECT ?x WHERE {")
    assert caught.value.code == 400


@pytest.mark.parametrize(("length", "status"), [pytest.param("abc", 400, id="not-a-number"), pytest.param("-1", 400, id="negative")])
def test_bad_content_length_is_refused(endpoint, length, status):
    url, _ = endpoint
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        conn.sendall(
            f"POST {parts.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {length}\r\nConnection: close\r\n\r\nASK {{}}".encode()
        )
        reply = conn.recv(200).decode("latin-1")
    assert reply.split()[1] == str(status), reply


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }", id="from-file"),
        pytest.param("SELECT * FROM NAMED <file:///etc/hostname> WHERE { GRAPH ?g { ?s ?p ?o } }", id="from-named"),
        pytest.param("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", id="service"),
        pytest.param("select * from <file:///etc/hostname> where { ?s ?p ?o }", id="from-lower-case"),
        pytest.param(r"SELECT * WHERE { SERV\u0049CE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", id="service-escaped"),
    ],
)
def test_queries_read_nothing_but_the_store(endpoint, query):
    url, store = endpoint
    with pytest.raises(urllib.error.HTTPError) as caught:
        get(url, query)
    assert caught.value.code == 400
    from kg.errors import QueryError
    from kg.store import open_store

    with pytest.raises(QueryError, match="refused"):
        open_store(None).query(query)
