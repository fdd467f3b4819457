"""`kg serve` under load: 50 clients running the named queries for 30 s on a 200-document store.

Builds an Oxigraph store from the synthetic documents of `store.py` (same generator), starts
``kg serve`` as a user does (its own process, 127.0.0.1 only), then:

1. baseline: one client runs the named queries in turn for --baseline seconds;
2. load: --clients clients (threads of this process, one keep-alive connection each) run
   them for --seconds seconds, while a probe sends ``ASK {}`` every half second.

Prints requests/s, p50/p99 latency, errors by kind (connection errors, HTTP statuses), the
trivial query's latency under load, and the load/baseline ratios. Loopback only; every loop
ends at its deadline.

    python benchmarks/serve.py                       # 200 documents, 50 clients, 30 s
    python benchmarks/serve.py --clients 10 --seconds 10
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def build_store(folder: Path, n_docs: int) -> None:
    from store import documents

    from kg.store import document_graph, open_store

    with open_store(str(folder)) as opened:
        for document, doc, claims in documents(n_docs):
            opened.add_document(document, document_graph(document, doc, claims))


def queries() -> list[tuple[str, str]]:
    from store import params_for_queries

    from kg.store import named_queries

    params = params_for_queries()
    return [(name, query.render(params.get(name))) for name, query in named_queries().items()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Client:
    """One keep-alive connection that runs queries until a deadline and records what happened."""

    def __init__(self, port: int, work: list[tuple[str, str]], offset: int) -> None:
        self.port, self.work, self.offset = port, work, offset
        self.latencies: list[float] = []
        self.outcomes: Counter[str] = Counter()

    def _connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def ask(self, conn: http.client.HTTPConnection, sparql: str) -> http.client.HTTPConnection:
        body = urllib.parse.urlencode({"query": sparql})
        started = time.perf_counter()
        try:
            conn.request("POST", "/sparql", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            response.read()
            self.latencies.append(time.perf_counter() - started)
            self.outcomes[str(response.status)] += 1
            if response.will_close:
                conn.close()
                conn = self._connection()
        except (OSError, http.client.HTTPException) as exc:
            self.outcomes[f"connection error: {type(exc).__name__}"] += 1
            conn.close()
            conn = self._connection()
        return conn

    def run(self, deadline: float) -> None:
        conn = self._connection()
        n = self.offset
        while time.monotonic() < deadline:
            conn = self.ask(conn, self.work[n % len(self.work)][1])
            n += 1
        conn.close()


def phase(port: int, work, clients: int, seconds: float, probe: bool) -> dict:
    deadline = time.monotonic() + seconds
    runners = [Client(port, work, i) for i in range(clients)]
    threads = [threading.Thread(target=c.run, args=(deadline,)) for c in runners]
    prober = Client(port, [("ask", "ASK {}")], 0)

    def probe_loop() -> None:
        conn = prober._connection()
        while time.monotonic() < deadline:
            conn = prober.ask(conn, "ASK {}")
            time.sleep(0.5)
        conn.close()

    if probe:
        threads.append(threading.Thread(target=probe_loop))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies = [x for c in runners for x in c.latencies]
    outcomes = sum((c.outcomes for c in runners), Counter())
    out = {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * _percentile(latencies, 0.5), 1),
        "p99_ms": round(1000 * _percentile(latencies, 0.99), 1),
        "outcomes": dict(outcomes),
    }
    if probe:
        out["trivial_p50_ms"] = round(1000 * _percentile(prober.latencies, 0.5), 1)
        out["trivial_max_ms"] = round(1000 * max(prober.latencies, default=float("nan")), 1)
        out["trivial_outcomes"] = dict(prober.outcomes)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--baseline", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        t0 = time.perf_counter()
        build_store(folder, args.docs)
        build_s = time.perf_counter() - t0
        work = queries()
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", str(folder), "--port", str(port), "--workers", str(args.workers)],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL)
        try:
            ready = time.monotonic() + 120
            while time.monotonic() < ready:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.2)
            Client(port, [("ask", "ASK {}")], 0).ask(http.client.HTTPConnection("127.0.0.1", port, timeout=120), "ASK {}")
            baseline = phase(port, work, 1, args.baseline, probe=False)
            load = phase(port, work, args.clients, args.seconds, probe=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    result = {"documents": args.docs, "store_build_s": round(build_s, 1), "workers": args.workers,
              "queries": [name for name, _ in work], "baseline": baseline, "load": load,
              "p50_ratio": round(load["p50_ms"] / baseline["p50_ms"], 1),
              "throughput_ratio": round(load["requests_per_s"] / baseline["requests_per_s"], 2),
              "cpus": os.cpu_count()}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{args.docs} documents; kg serve with {args.workers} workers; {os.cpu_count()} CPUs (shared machine)")
    for name, figures in (("1 client", baseline), (f"{args.clients} clients", load)):
        print(f"{name:>11}: {figures['requests_per_s']:7.1f} req/s  p50 {figures['p50_ms']:7.1f} ms  "
              f"p99 {figures['p99_ms']:7.1f} ms  {figures['requests']} requests  {figures['outcomes']}")
    print(f"ASK {{}} under load: p50 {load['trivial_p50_ms']} ms, max {load['trivial_max_ms']} ms, {load['trivial_outcomes']}")
    print(f"load/baseline: p50 x{result['p50_ratio']}, throughput x{result['throughput_ratio']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
