"""``kg serve``'s query page for a person, in a real headless Chromium, and CORS for browser clients."""

from __future__ import annotations

import threading
import urllib.request

import pytest
from browser import Browser, find_chromium
from test_store_serve import _request
from test_store_mapping import sample_graphs

from kg.store import make_server, open_store


@pytest.fixture(scope="module")
def store(nlp):
    opened = open_store(None)
    for document, graph in sample_graphs(nlp):
        opened.add_document(document, graph)
    return opened


@pytest.fixture(scope="module")
def server(store):
    server = make_server(store, port=0, cors="https://notebook.example.org")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_get_root_is_the_query_page(server):
    status, media, body = _request(server + "/")
    assert status == 200 and media.startswith("text/html")
    assert "<textarea" in body and "who-rejected-what" in body and "PREFIX kg: " in body


def test_cors_header_and_preflight(server):
    with urllib.request.urlopen(server + "/sparql?query=ASK%7B%7D", timeout=10) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "https://notebook.example.org"
    request = urllib.request.Request(server + "/sparql", method="OPTIONS",
                                     headers={"Origin": "https://notebook.example.org",
                                              "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
        assert "POST" in response.headers["Access-Control-Allow-Methods"]
        assert response.headers["Access-Control-Allow-Origin"] == "https://notebook.example.org"


def test_no_cors_header_unless_asked(store):
    plain = make_server(store, port=0)
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{plain.server_address[1]}/sparql?query=ASK%7B%7D"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.headers.get("Access-Control-Allow-Origin") is None
    finally:
        plain.shutdown()
        plain.server_close()


@pytest.mark.browser
@pytest.mark.skipif(find_chromium() is None, reason="no Chromium binary: `apt-get install chromium` (or set KG_CHROMIUM)")
def test_query_page_runs_queries_in_chromium(server):
    with Browser() as browser:
        page = browser.open(server + "/")
        page.wait_for("window.kgQuery")
        # the example query, as it opens
        page.evaluate("document.getElementById('run').click()")
        page.wait_for("!!document.querySelector('#results table') || document.getElementById('status').className === 'error'", timeout=15)
        assert page.evaluate("document.getElementById('status').className") == '', page.evaluate("document.getElementById('status').textContent")
        header = page.evaluate("[...document.querySelectorAll('#results th')].map(th => th.textContent)")
        assert header == ["subject", "actor", "relation", "object", "sentence"]  # who-rejected-what
        assert page.evaluate("document.querySelectorAll('#results tbody tr').length") > 0
        # a named query with a parameter
        page.evaluate("(() => { const s = document.getElementById('named'); s.value = 'said-by'; s.dispatchEvent(new Event('change')); })()")
        page.evaluate("document.querySelector('#params input[name=actor]').value = 'Ali Khamenei'")
        page.evaluate("document.getElementById('run').click()")
        page.wait_for("/rows?$/.test(document.getElementById('status').textContent) && "
                      "[...document.querySelectorAll('#results th')].some(th => th.textContent === 'sentence')", timeout=15)
        sentences = page.evaluate("[...document.querySelectorAll('#results tbody tr')].map(tr => tr.textContent)")
        assert sentences and any("Khamenei" in s for s in sentences)
        csv_text = page.evaluate("kgQuery.asCsv()")
        assert csv_text.startswith("as,subject,relation,object,polarity,sentence,document\r\n")
        assert csv_text.count("\r\n") == len(sentences) + 1
        # a malformed query says so, in one line
        page.evaluate("(() => { const s = document.getElementById('named'); s.value = ''; s.dispatchEvent(new Event('change'));"
                      "document.getElementById('query').value = 'SELEC ?x'; document.getElementById('run').click(); })()")
        error = page.wait_for("document.getElementById('status').className === 'error' && "
                              "document.getElementById('status').textContent", timeout=15)
        assert "HTTP 400" in error and "malformed SPARQL" in error
        assert all(url.startswith(server) for url in page.requests), page.requests
        assert page.errors == [] or all("400" in e for e in page.errors), page.errors
