"""Store → HTTP: a read-only SPARQL 1.1 Protocol endpoint on the standard library.

``GET /sparql?query=...``, ``POST`` with ``application/x-www-form-urlencoded`` (``query=``)
or ``application/sparql-query``. Updates are refused (403) and the store is opened
read-only besides. Each query runs in a worker process (`kg.store.worker`): past the time
limit the worker is killed and replaced, the client gets 503, and other queries go on.

``GET /`` without a query is a query page for a person (`kg.store.query_page`). With
``cors`` set, answers carry ``Access-Control-Allow-Origin`` for that origin.

Safe on a machine with a browser: only requests whose ``Host`` is a loopback name (or one
given in `allow_hosts`) are answered, so a web page cannot reach the store by pointing a
name of its own at 127.0.0.1 (DNS rebinding). Connections are served by at most
`MAX_CONNECTIONS` threads; each read of a request's headers or body waits at most
`READ_SECONDS`.

Results follow the Accept header (`kg.store.worker.negotiate`): SPARQL JSON (default),
XML or CSV for SELECT and ASK; Turtle (default), N-Triples, JSON-LD or RDF/XML for
CONSTRUCT and DESCRIBE.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError, StoreError
from kg.store.worker import QueryPool, QueryTimeout

__all__ = ["LOOPBACK_HOSTS", "MAX_CONNECTIONS", "READ_SECONDS", "make_server", "serve"]

log = logging.getLogger(__name__)

#: Host names always answered.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]", "localhost.localdomain", "ip6-localhost"})
#: Connections served at once; more wait in the listen queue.
MAX_CONNECTIONS = 64
#: Seconds one read of a request (a header line, the body) may wait; also how long an idle connection is kept.
READ_SECONDS = 10.0
_BACKLOG = 256
_MAX_BODY = 1 << 20
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def _looks_like_update(text: str) -> bool:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    words = " ".join(lines).upper().split()
    keywords = [w for w in words if w not in ("PREFIX", "BASE") and not w.endswith(":") and not w.startswith("<")]
    return bool(keywords) and keywords[0] in _UPDATE_WORDS


def _host_name(header: str) -> str:
    """The name in a Host header, without its port: ``[::1]:7878`` → ``[::1]``, ``Localhost:80`` → ``localhost``."""
    header = header.strip().lower().rstrip(".")
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0].rstrip(".") if header.count(":") == 1 else header


class _Handler(BaseHTTPRequestHandler):
    server: _SparqlServer
    protocol_version = "HTTP/1.1"
    timeout = READ_SECONDS  # socket timeout: every read of headers and body, and keep-alive idling

    def parse_request(self) -> bool:
        """Read the request line and headers, then refuse a Host this server does not answer."""
        if not super().parse_request():
            return False
        host = _host_name(self.headers.get("Host") or "")
        if host not in self.server.allowed_hosts:
            self.close_connection = True
            self._error(HTTPStatus.FORBIDDEN, f"host {host or '(none)'!r} is not served here "
                        "(loopback names only; kg serve --allow-host NAME adds one)")
            return False
        return True

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
        try:
            body = self.rfile.read(length).decode("utf-8", "replace")
        except TimeoutError:
            self.close_connection = True
            return self._error(HTTPStatus.REQUEST_TIMEOUT, f"request body not received within {READ_SECONDS:g} s")
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
        try:
            _, body, media, _ = self.server.pool.run(sparql, accept=accept, timeout=self.server.timeout_s)
        except QueryTimeout as exc:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except QueryError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except StoreError as exc:
            return self._error(HTTPStatus.BAD_GATEWAY, str(exc))
        self._send(HTTPStatus.OK, body, media)


class _SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = _BACKLOG

    def __init__(self, address, store, *, timeout_s: float, workers: int, allowed_hosts: Iterable[str],
                 max_connections: int, cors: str | None = None) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.cors = cors
        self.timeout_s = timeout_s
        self.allowed_hosts = LOOPBACK_HOSTS | {_host_name(h) for h in allowed_hosts}
        self._slots = threading.BoundedSemaphore(max_connections)
        try:
            self.pool = QueryPool(store, workers=workers)
        except BaseException:
            super().server_close()
            raise

    def process_request(self, request, client_address) -> None:
        """Serve the connection on a thread of its own, once fewer than `max_connections` are open."""
        self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(store, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0,
                workers: int = 4, allow_hosts: Iterable[str] = (),
                max_connections: int = MAX_CONNECTIONS, cors: str | None = None) -> ThreadingHTTPServer:
    """A read-only SPARQL endpoint over `store`, bound but not yet serving.

    Args:
        store: A `kg.store.Store`.
        host: Interface to listen on; 127.0.0.1 keeps it local.
        port: TCP port; 0 picks a free one (see ``server.server_address``).
        timeout: Seconds a query may run; past it the query is stopped and the client gets 503.
        workers: Queries run at once (a worker process each).
        allow_hosts: Host names answered besides the loopback ones (``Host`` header).
        max_connections: Connections served at once.
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
    return _SparqlServer((host, port), store, timeout_s=timeout, workers=workers, allowed_hosts=allow_hosts,
                         max_connections=max_connections, cors=cors)


def serve(store, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0, workers: int = 4,
          allow_hosts: Iterable[str] = (), cors: str | None = None) -> None:
    """Answer SPARQL queries on ``http://HOST:PORT/sparql`` (a query page on ``/``) until interrupted (see `make_server`)."""
    server = make_server(store, host=host, port=port, timeout=timeout, workers=workers, allow_hosts=allow_hosts, cors=cors)
    log.warning("SPARQL endpoint on http://%s:%d/sparql (read-only); a query page on http://%s:%d/",
                *server.server_address[:2], *server.server_address[:2])
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
