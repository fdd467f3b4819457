"""Hostile queries on `kg query` and `kg serve`: nothing leaves the store, nothing crashes, slow queries stop.

A listener on 127.0.0.1 stands where each query tries to reach: the tests assert that the
query is refused and that no connection ever arrived.
"""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store import make_server, open_store
from test_store_mapping import sample_graphs


class Listener:
    """A TCP port on 127.0.0.1 that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


@pytest.fixture(scope="module")
def listener():
    found = Listener()
    yield found
    found.sock.close()


def bypasses(port: int) -> list:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        pytest.param(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} LATERAL {{ BIND(1 AS ?z) }} }}", id="lateral"),
        pytest.param(f"SELECT * WHERE {{ << ?s ?p ?o >> ?q ?r . SERVICE <{url}> {{ ?s ?p ?o }} }}", id="rdf-star"),
        pytest.param(f"SELECT * WHERE {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}", id="escape"),
        pytest.param(f"SELECT * WHERE {{ ?s ?p 1SERVICE <{url}> {{ ?s ?p ?o }} }}", id="glued-to-a-number"),
        pytest.param(f"SELECT * # SERVICE in a comment\nWHERE {{ sErViCe\t\u00a0<{url}>\n{{ ?s ?p ?o }} }}", id="case-comments-whitespace"),
        pytest.param(f"SELECT * WHERE {{ BIND(<{url}> AS ?u) FILTER(1<2)SERVICE?u#>\n{{ ?x ?y ?z }} }}", id="less-than-and-comment"),
        pytest.param(f"SELECT * WHERE {{ ?s ?p kg:.SERVICE <{url}> {{ ?s ?p ?o }} }}", id="after-a-prefix"),
        pytest.param(f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", id="from-url"),
        pytest.param(f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", id="from-named-url"),
        pytest.param("SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }", id="from-file"),
        pytest.param(f"LOAD <{url}>", id="load"),
        pytest.param(f"INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ; LOAD <{url}>", id="update"),
    ]


@pytest.fixture(scope="module")
def folder(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("guard") / "store"
    with open_store(str(path)) as store:
        for document, graph in sample_graphs(nlp):
            store.add_document(document, graph)
    return str(path)


@pytest.fixture(scope="module")
def endpoint(folder):
    server = make_server(open_store(folder, read_only=True), port=0, timeout=2, workers=2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def request(url: str, query: str, *, headers: dict | None = None) -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                          **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


_PORT = Listener()  # one listener for the parameters (they are made when the module is collected)


@pytest.mark.parametrize("query", bypasses(_PORT.port))
def test_kg_query_refuses_every_way_out(folder, query):
    result = CliRunner().invoke(app, ["query", folder, query])
    assert result.exit_code == 1
    assert "refused" in str(result.exception) or "not" in str(result.exception)
    assert _PORT.connections == 0


@pytest.mark.parametrize("query", bypasses(_PORT.port))
def test_kg_serve_refuses_every_way_out(endpoint, query):
    status, body = request(endpoint, query)
    assert status in (400, 403), body
    assert _PORT.connections == 0


@pytest.mark.parametrize("depth", [3_000, 10_000])
def test_deep_nesting_is_one_line_error_and_the_server_lives(endpoint, folder, depth):
    query = "SELECT * WHERE " + "{" * depth + "}" * depth
    status, body = request(endpoint, query)
    assert status == 400 and len(body.splitlines()) == 1
    assert "nested" in body or "characters" in body
    assert request(endpoint, "ASK {}")[0] == 200
    result = CliRunner().invoke(app, ["query", folder, query])
    assert result.exit_code == 1 and ("nested" in str(result.exception) or "characters" in str(result.exception))


def test_an_operator_chain_is_refused_before_parsing(endpoint):
    status, body = request(endpoint, "SELECT * WHERE { FILTER(" + "1+" * 9_000 + "1) }")
    assert status == 400 and "operators" in body


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.slow  # a server waiting out its query time limits
def test_slow_queries_are_stopped_and_the_server_keeps_answering(endpoint):
    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.append(request(endpoint, SLOW)[0])) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [503] * 4
    status, body = request(endpoint, "ASK { ?s a kg:Person }")
    assert status == 200 and "true" in body


def test_kg_query_stops_a_slow_query(folder):
    result = CliRunner().invoke(app, ["query", folder, SLOW, "--timeout", "1"])
    assert result.exit_code == 1 and "time limit" in str(result.exception)


def test_kg_query_keeps_working_after_refusals(folder):
    result = CliRunner().invoke(app, ["query", folder, 'SELECT ?l WHERE { ?a skos:prefLabel ?l FILTER(?l = "Hassan Rouhani") }',
                                      "--format", "csv"])
    assert result.exit_code == 0 and "Hassan Rouhani" in result.output


def raw(url: str, head: str) -> str:
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
        conn.sendall(head.encode() + b"\r\n\r\n")
        return conn.recv(4096).decode("latin-1")


@pytest.mark.parametrize(
    ("host", "status"),
    [
        pytest.param("evil.example", "403", id="other-name"),
        pytest.param("evil.example:7878", "403", id="other-name-with-port"),
        pytest.param(None, "403", id="none"),
        pytest.param("localhost:7878", "200", id="localhost"),
        pytest.param("127.0.0.1", "200", id="ipv4-loopback"),
        pytest.param("[::1]:80", "200", id="ipv6-loopback"),
    ],
)
def test_host_header_is_checked(endpoint, host, status):
    path = urllib.parse.urlsplit(endpoint).path + "?query=ASK%7B%7D"
    head = f"GET {path} HTTP/1.1\r\nConnection: close" + (f"\r\nHost: {host}" if host else "")
    assert raw(endpoint, head).split()[1] == status


def test_allow_host_adds_a_name(folder):
    server = make_server(open_store(folder, read_only=True), port=0, workers=1, allow_hosts=["kg.lan"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        head = "GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nConnection: close\r\nHost: KG.lan:8080"
        assert raw(url, head).split()[1] == "200"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("query", "accept", "media", "marker"),
    [
        pytest.param("ASK {}", "text/csv", "text/csv", "boolean", id="ask-csv"),
        pytest.param("ASK {}", "application/sparql-results+xml", "application/sparql-results+xml", "<boolean>true", id="ask-xml"),
        pytest.param("ASK {}", "text/turtle", "application/sparql-results+json", '"boolean": true', id="ask-turtle"),
        pytest.param("CONSTRUCT WHERE { ?a a kg:Person }", "text/csv", "text/turtle", "kg:Person", id="construct-csv"),
        pytest.param("DESCRIBE ?a WHERE { ?a a kg:Person }", "application/n-triples", "application/n-triples", "<", id="describe-nt"),
        pytest.param("SELECT ?a WHERE { ?a a kg:Person }", "application/ld+json", "application/sparql-results+json", "bindings", id="select-jsonld"),
    ],
)
def test_every_query_form_is_negotiated(endpoint, query, accept, media, marker):
    parts = urllib.parse.urlsplit(endpoint)
    req = urllib.request.Request(f"{endpoint}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=60) as response:
        assert response.status == 200 and parts.hostname
        assert response.headers["Content-Type"].startswith(media)
        assert marker in response.read().decode()


@pytest.mark.slow  # a server waiting out its read timeout
def test_a_half_sent_request_is_dropped(endpoint):
    parts = urllib.parse.urlsplit(endpoint)
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as conn:
        conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never ends its headers
        assert conn.recv(100) == b""  # closed by the server after its read timeout
