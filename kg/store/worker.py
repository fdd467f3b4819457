"""SPARQL → answers in worker processes: a time limit that stops the query, a crash that ends one worker.

Python threads cannot be stopped, and a query engine that runs out of stack ends the whole
process. So ``kg query`` and ``kg serve`` run each query in a worker process holding its
own opening of the store (a folder or file opened again read-only, an endpoint's URL, or
a copy of a store that lives only in memory): past the time limit the worker is killed
and a fresh one started, and the server goes on answering.

`QueryWorker` is one such process; `QueryPool` keeps several for a server; `negotiate`
turns a result into the bytes and media type a client's ``Accept`` header asks for.
"""

from __future__ import annotations

import heapq
import itertools
import json
import logging
import multiprocessing
import threading
import time
from typing import Any

from kg.errors import InputError, KGError, QueryError, StoreError

__all__ = ["QueryPool", "QueryTimeout", "QueryWorker", "negotiate"]

log = logging.getLogger(__name__)

#: Seconds a worker may take to start and open its store.
BOOT_SECONDS = 120.0

#: Result media types for SELECT and ASK → rdflib result serialiser.
TABULAR = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
}
#: Graph media types for CONSTRUCT and DESCRIBE → rdflib graph serialiser.
GRAPH = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
_ERRORS = {"QueryError": QueryError, "StoreError": StoreError, "InputError": InputError}


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped."""


def _pick(accept: str, table: dict[str, str], default: str) -> tuple[str, str]:
    """The first media type of `accept` that `table` serves (q-values ignored, order kept)."""
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            break
    return default, table[default]


def negotiate(result, accept: str = "*/*") -> tuple[bytes, str]:
    """The result as the first media type of `accept` that its query form can take.

    SELECT and ASK: SPARQL JSON (default), XML or CSV; CONSTRUCT and DESCRIBE: Turtle
    (default), N-Triples, JSON-LD or RDF/XML. A type the form cannot take is skipped.

    Returns:
        (body, ``Content-Type`` value).

    Examples:
        >>> from kg.store import open_store
        >>> negotiate(open_store(None).query("ASK {}"), "text/csv")
        (b'boolean\\r\\ntrue\\r\\n', 'text/csv; charset=utf-8')
    """
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        media, fmt = _pick(accept, GRAPH, "text/turtle")
        body = result.graph.serialize(format=fmt, encoding="utf-8")
    else:
        media, fmt = _pick(accept, TABULAR, "application/sparql-results+json")
        if result.type == "ASK" and fmt == "json":
            body = json.dumps({"head": {}, "boolean": bool(result.askAnswer)}).encode("utf-8")
        elif result.type == "ASK" and fmt == "csv":  # rdflib writes CSV for SELECT only
            body = f"boolean\r\n{'true' if result.askAnswer else 'false'}\r\n".encode("utf-8")
        else:
            body = result.serialize(format=fmt, encoding="utf-8")
    return body, f"{media}; charset=utf-8"


def _source(store) -> tuple[str, Any]:
    """How a worker opens `store`: its URL where another process can open it, else a copy."""
    if store.kind in ("file", "sparql") or (store.kind == "oxigraph" and store.url.strip() != "oxigraph:"):
        return "url", store.url
    return "copy", (store.kind, store.serialize(format="nquads"))


def _open(source: tuple[str, Any]):
    from kg.store import open_store

    how, what = source
    if how == "url":
        return open_store(what, read_only=True)
    kind, data = what
    store = open_store("oxigraph:" if kind == "oxigraph" else None)
    if data.strip():
        store.graph.parse(data=data, format="nquads")
    store.read_only = True
    return store


def _serve(conn, source: tuple[str, Any]) -> None:
    """A worker's life: open the store, then answer ``(sparql, named, params, accept)`` requests."""
    try:
        store = _open(source)
        store.query("ASK { ?s ?p ?o }")  # builds the engine's parser now, not inside a first query's time limit
    except KGError as exc:
        conn.send(("error", type(exc).__name__, str(exc)))
        return
    conn.send(("ready",))
    from kg.store import run_named

    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:  # asked to end (a forked worker holds both ends: closing ours is no EOF for it)
            return
        sparql, named, params, accept = request
        try:
            result = run_named(store, named, params) if named else store.query(sparql)
            body, media = negotiate(result, accept)
            conn.send(("ok", result.type, body, media, dict(store.graph.namespaces())))
        except KGError as exc:
            conn.send(("error", type(exc).__name__, str(exc)))
        except Exception as exc:  # a result the chosen format cannot carry
            conn.send(("error", "QueryError", f"could not serialise the result: {' '.join(str(exc).split())}"))


def _start_method(wanted: str) -> str:
    methods = multiprocessing.get_all_start_methods()
    if wanted not in methods:
        return "spawn"
    if wanted == "forkserver":
        multiprocessing.get_context("forkserver").set_forkserver_preload(["kg.store.worker", "kg.store"])
    return wanted


class QueryWorker:
    """One worker process over one store; started at once, ready once it has opened the store.

    Args:
        source: What `_source` gives for the store.
        start: How the process starts: ``"fork"`` (at once, a copy of this process: for a
            command line, which has no other threads), or ``"forkserver"`` (from a clean
            process started once, for a server with threads); ``"spawn"`` where neither exists.
    """

    def __init__(self, source: tuple[str, Any], *, start: str = "forkserver") -> None:
        context = multiprocessing.get_context(_start_method(start))
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, source), daemon=True, name="kg-query")
        self._process.start()
        child.close()
        self._ready = False

    @classmethod
    def for_store(cls, store, *, start: str = "forkserver") -> QueryWorker:
        """A worker over the same data as `store` (a `kg.store.Store`)."""
        return cls(_source(store), start=start)

    def _receive(self, timeout: float) -> tuple | None:
        if not self._conn.poll(timeout):
            return None
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            self._process.join(5)
            code = self._process.exitcode
            reason = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            raise QueryError(f"the query engine stopped ({reason}) on this query") from None

    def wait_ready(self) -> None:
        """Wait until the worker has opened its store (at most `BOOT_SECONDS`)."""
        if self._ready:
            return
        reply = self._receive(BOOT_SECONDS)
        if reply is None:
            self.kill()
            raise StoreError(f"the query worker did not start within {BOOT_SECONDS:g} s")
        if reply[0] == "error":
            raise _ERRORS.get(reply[1], StoreError)(reply[2])
        self._ready = True

    def run(self, sparql: str | None, *, named: str | None = None, params: dict | None = None,
            accept: str = "*/*", timeout: float = 60.0) -> tuple[str, bytes, str, dict]:
        """Run one query; the worker is killed if it passes `timeout` seconds (not counting its start).

        Returns:
            (query form, body, media type, the store's prefixes).

        Raises:
            QueryTimeout: The time limit passed; the query was stopped (this worker is dead).
            QueryError: The query was refused or failed, or the engine crashed on it.
            StoreError: The store could not be opened.
        """
        self.wait_ready()
        self._conn.send((sparql, named, params or {}, accept))
        reply = self._receive(timeout)
        if reply is None:
            self.kill()
            raise QueryTimeout(f"query time limit of {timeout:g} s exceeded; the query was stopped")
        if reply[0] == "error":
            raise _ERRORS.get(reply[1], QueryError)(reply[2])
        return reply[1], reply[2], reply[3], reply[4]

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def kill(self) -> None:
        """End the process now (whatever it is doing) and wait for it."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join(10)
        self._conn.close()

    def close(self) -> None:
        """Ask the process to end, and kill it if it does not."""
        try:
            if self._process.is_alive():
                self._conn.send(None)
        except OSError:  # it is gone already
            pass
        try:
            self._conn.close()
        finally:
            self._process.join(2)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)


class _Waiter:
    """A query waiting for a worker: the worker is handed to it directly, then it is woken."""

    __slots__ = ("turn", "worker")

    def __init__(self) -> None:
        self.turn = threading.Event()
        self.worker: QueryWorker | None = None

    def hand(self, worker: QueryWorker) -> None:
        self.worker = worker
        self.turn.set()


class QueryPool:
    """A fixed number of workers over one store; a killed or crashed worker is replaced.

    One worker is kept for fast queries (those whose last run took under `FAST` seconds,
    or never seen), so ``ASK {}`` waits for at most another fast query however many heavy
    ones are queued. Heavy queries wait in order of arrival plus `PATIENCE` times their
    last run time: one is overtaken only by those that arrive within a few of its run
    times after it.

    Args:
        store: A `kg.store.Store`.
        workers: Queries that run at once.
    """

    _KNOWN = 4096  # query texts whose last run time is remembered
    PATIENCE = 10.0
    FAST = 0.1

    def __init__(self, store, *, workers: int = 4) -> None:
        self._source = _source(store)
        self._idle: list[QueryWorker] = []
        self._fast: list[tuple[float, int, _Waiter]] = []  # heaps of waiting queries: (turn, arrival, waiter)
        self._heavy: list[tuple[float, int, _Waiter]] = []
        self._reserved = 1 if workers > 1 else 0  # idle workers heavy queries leave to fast ones
        self._arrivals = itertools.count()
        self._seconds: dict[str, float] = {}
        self._all: set[QueryWorker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, workers)):
            self._release(self._new())

    def _new(self) -> QueryWorker:
        worker = QueryWorker(self._source)
        with self._lock:
            self._all.add(worker)
        return worker

    def _release(self, worker: QueryWorker) -> None:
        """Give `worker` to the waiting query expected to be fastest, or keep it idle."""
        with self._lock:
            if self._fast:
                heapq.heappop(self._fast)[2].hand(worker)
            elif self._heavy and len(self._idle) >= self._reserved:
                heapq.heappop(self._heavy)[2].hand(worker)
            else:
                self._idle.append(worker)

    def _acquire(self, expected: float, wait: float) -> QueryWorker:
        """A free worker; queued by arrival plus `PATIENCE` x `expected` seconds where none is free."""
        fast = expected < self.FAST
        queue = self._fast if fast else self._heavy
        with self._lock:
            if len(self._idle) > (0 if fast else self._reserved):
                return self._idle.pop()
            waiter = _Waiter()
            entry = (time.monotonic() + self.PATIENCE * expected, next(self._arrivals), waiter)
            heapq.heappush(queue, entry)
        if waiter.turn.wait(wait):
            return waiter.worker
        with self._lock:
            if waiter.turn.is_set():  # handed a worker just as the wait ended
                return waiter.worker
            queue.remove(entry)
            heapq.heapify(queue)
        raise QueryTimeout(f"every query worker stayed busy for {wait:g} s")

    def run(self, sparql: str, *, accept: str = "*/*", timeout: float = 30.0,
            wait: float = 60.0) -> tuple[str, bytes, str, dict]:
        """Run a query on a free worker (waiting at most `wait` seconds for one).

        Raises:
            QueryTimeout: No worker was free in time, or the query passed its time limit.
            QueryError, StoreError: As `QueryWorker.run`.
        """
        worker = self._acquire(self._seconds.get(sparql, 0.0), wait)
        try:
            worker.wait_ready()  # a new worker's start is not the query's time
        except BaseException:
            with self._lock:
                self._all.discard(worker)
            if not self._closed:
                self._release(self._new())
            raise
        started = time.monotonic()
        try:
            answer = worker.run(sparql, accept=accept, timeout=timeout)
        except BaseException:
            self._remember(sparql, time.monotonic() - started)
            if worker.alive:
                self._release(worker)
            else:
                with self._lock:
                    self._all.discard(worker)
                if not self._closed:
                    self._release(self._new())
            raise
        self._remember(sparql, time.monotonic() - started)
        self._release(worker)
        return answer

    def _remember(self, sparql: str, seconds: float) -> None:
        if len(self._seconds) >= self._KNOWN:
            self._seconds.clear()
        self._seconds[sparql] = seconds

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()
