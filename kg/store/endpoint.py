"""Store → HTTP: a read-only SPARQL 1.1 Protocol endpoint on the standard library.

``GET /sparql?query=...``, ``POST`` with ``application/x-www-form-urlencoded`` (``query=``)
or ``application/sparql-query``. Updates are refused (403) and the store is opened
read-only besides. Each query runs in a worker thread; past the time limit the client
gets 503 (the worker is abandoned: Python threads cannot be killed, so the limit bounds
the client's wait, not the CPU).

``GET /`` without a query is a query page for a person (`kg.store.query_page`). With
``cors`` set, answers carry ``Access-Control-Allow-Origin`` for that origin.

Results follow the Accept header: SPARQL JSON (default), XML or CSV for SELECT/ASK;
Turtle (default), N-Triples or JSON-LD for CONSTRUCT/DESCRIBE.
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from kg.errors import KGError, QueryError

__all__ = ["make_server", "serve"]

log = logging.getLogger(__name__)

_MAX_BODY = 1 << 20
_TABULAR = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
}
_GRAPH = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def _pick(accept: str, table: dict[str, str], default: str) -> tuple[str, str]:
    """The first media type of `accept` that `table` serves (q-values ignored, order kept)."""
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            break
    return default, table[default]


def _looks_like_update(text: str) -> bool:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    words = " ".join(lines).upper().split()
    keywords = [w for w in words if w not in ("PREFIX", "BASE") and not w.endswith(":") and not w.startswith("<")]
    return bool(keywords) and keywords[0] in _UPDATE_WORDS


class _Handler(BaseHTTPRequestHandler):
    server: _SparqlServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: bytes, media: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self._cors_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _cors_headers(self) -> None:
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", self.server.cors)
            self.send_header("Vary", "Origin")

    def do_OPTIONS(self) -> None:  # noqa: N802
        """A CORS preflight: which methods and headers a browser client may send."""
        self.send_response(HTTPStatus.NO_CONTENT)
        if self.server.cors:
            self._cors_headers()
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path not in ("/", "/sparql", "/query"):
            return self._error(HTTPStatus.NOT_FOUND, f"no such path {url.path!r}; the endpoint is /sparql")
        params = parse_qs(url.query)
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if "query" not in params and url.path == "/":
            from kg.store.query_page import query_page

            return self._send(HTTPStatus.OK, query_page().encode("utf-8"), "text/html; charset=utf-8")
        if "query" not in params:
            return self._error(HTTPStatus.BAD_REQUEST, "missing query parameter: /sparql?query=SELECT ...")
        self._answer(params["query"][0])

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path in ("/update", "/store"):
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if url.path not in ("/", "/sparql", "/query"):
            return self._error(HTTPStatus.NOT_FOUND, f"no such path {url.path!r}; the endpoint is /sparql")
        declared = self.headers.get("Content-Length")
        if declared is None:
            return self._error(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        try:
            length = int(declared)
        except ValueError:
            length = -1
        if length < 0:
            return self._error(HTTPStatus.BAD_REQUEST, f"bad Content-Length {declared!r}")
        if length > _MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {_MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if media == "application/sparql-query":
            return self._answer(body)
        if media == "application/x-www-form-urlencoded":
            params = parse_qs(body)
            if "update" in params:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            if "query" in params:
                return self._answer(params["query"][0])
            return self._error(HTTPStatus.BAD_REQUEST, "missing query= in the form body")
        return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                           "send application/sparql-query or application/x-www-form-urlencoded")

    def _answer(self, sparql: str) -> None:
        if _looks_like_update(sparql):
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        accept = self.headers.get("Accept") or "*/*"
        future = self.server.pool.submit(self.server.run, sparql, accept)
        try:
            status, body, media = future.result(timeout=self.server.timeout_s)
        except concurrent.futures.TimeoutError:
            future.cancel()
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE,
                               f"query time limit of {self.server.timeout_s:g} s exceeded")
        self._send(status, body, media)


class _SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, store, *, timeout_s: float, workers: int, cors: str | None = None) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.cors = cors
        self.timeout_s = timeout_s
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kg-sparql")
        self.lock = threading.Lock()

    def run(self, sparql: str, accept: str) -> tuple[int, bytes, str]:
        try:
            result = self.store.query(sparql)
        except QueryError as exc:
            return HTTPStatus.BAD_REQUEST, (str(exc) + "\n").encode("utf-8"), "text/plain; charset=utf-8"
        except KGError as exc:
            return HTTPStatus.BAD_GATEWAY, (str(exc) + "\n").encode("utf-8"), "text/plain; charset=utf-8"
        try:
            return self._serialize(result, accept)
        except Exception as exc:  # a result the chosen format cannot carry
            log.exception("serialising a result failed")
            message = f"could not serialise the result: {' '.join(str(exc).split())}\n"
            return HTTPStatus.INTERNAL_SERVER_ERROR, message.encode("utf-8"), "text/plain; charset=utf-8"

    @staticmethod
    def _serialize(result, accept: str) -> tuple[int, bytes, str]:
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            media, fmt = _pick(accept, _GRAPH, "text/turtle")
            body = result.graph.serialize(format=fmt, encoding="utf-8")
        else:
            media, fmt = _pick(accept, _TABULAR, "application/sparql-results+json")
            if fmt == "json" and result.type == "ASK":
                body = json.dumps({"head": {}, "boolean": bool(result.askAnswer)}).encode("utf-8")
            else:
                body = result.serialize(format=fmt, encoding="utf-8")
        return HTTPStatus.OK, body, f"{media}; charset=utf-8"

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def make_server(store, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                workers: int = 4, cors: str | None = None) -> ThreadingHTTPServer:
    """A read-only SPARQL endpoint over `store`, bound but not yet serving.

    Args:
        store: A `kg.store.Store`.
        host: Interface to listen on; 127.0.0.1 keeps it local.
        port: TCP port; 0 picks a free one (see ``server.server_address``).
        timeout: Seconds a query may run before the client gets 503.
        workers: Queries run at once.
        cors: An origin (``https://example.org``, or ``*``) whose pages may read the answers.

    Returns:
        The server; call ``serve_forever()`` (or use `serve`), and ``server_close()`` after.

    Examples:
        >>> from kg.store import open_store
        >>> server = make_server(open_store(None), port=0)
        >>> server.server_address[0]
        '127.0.0.1'
        >>> server.server_close()
    """
    return _SparqlServer((host, port), store, timeout_s=timeout, workers=workers, cors=cors)


def serve(store, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0, cors: str | None = None) -> None:
    """Answer SPARQL queries on ``http://HOST:PORT/sparql`` (a query page on ``/``) until interrupted."""
    server = make_server(store, host=host, port=port, timeout=timeout, cors=cors)
    log.warning("SPARQL endpoint on http://%s:%d/sparql (read-only); a query page on http://%s:%d/",
                *server.server_address[:2], *server.server_address[:2])
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
