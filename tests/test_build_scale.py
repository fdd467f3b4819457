"""Corpus builds: streaming, skipping what is stored, Dask workers, N-Quads parts, bad input.

The graph is the same set of quads whatever the parallelism and the order of the documents;
a rerun adds only what is missing, also after a build killed part-way; unreachable schedulers
and endpoints are one-line errors before any work.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.corpus import count_documents, iter_documents, read_documents
from kg.errors import InputError, StoreError
from kg.pipeline import Tools, build, run_batch
from kg.store import document_graph, open_store
from kg.types import Document
from tests.conftest import EXAMPLE, ROOT
from test_store_backends import _free_port, endpoint  # noqa: F401  (a real oxigraph serve)

CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    docs = read_documents([EXAMPLE, CORPUS])
    assert len(docs) >= 5
    return docs


def quads(store) -> set[bytes]:
    return set(filter(None, store.serialize(format="nquads").splitlines()))


@pytest.fixture(scope="module")
def one_process(documents, tmp_path_factory) -> set[bytes]:
    with build(documents, store=str(tmp_path_factory.mktemp("one") / "s"), batch_size=2) as graph:
        assert graph.stats.added == len(documents) and not graph.stats.failed
        return quads(graph.store)


@pytest.mark.slow  # builds the whole example corpus (twice, with the reference build)
def test_another_order_gives_the_same_quads(documents, one_process, tmp_path):
    with build(list(reversed(documents)), store=str(tmp_path / "s"), batch_size=3) as graph:
        assert quads(graph.store) == one_process


@pytest.mark.slow  # two Dask worker processes, each loading spaCy
def test_two_dask_workers_give_the_same_quads(documents, one_process, tmp_path):
    parts = tmp_path / "parts"
    # the total known: the last batches' worth go out in quarter batches (here one document each)
    with build(documents, store=str(tmp_path / "s"), workers=2, batch_size=4, parts=parts, total=len(documents)) as graph:
        assert graph.stats.workers == 2 and graph.stats.added == len(documents)
        assert quads(graph.store) == one_process
    assert not list(parts.glob("*")), "loaded parts are removed"


@pytest.mark.slow  # builds the whole example corpus (twice, with the reference build)
def test_batches_loaded_in_groups_give_the_same_quads(documents, one_process, tmp_path, monkeypatch):
    """Oxigraph gets several batches in one load; a document counts as added only once its group is in."""
    from kg.store.oxigraph import OxigraphStore

    monkeypatch.setattr(OxigraphStore, "load_batches", 3)
    seen: list[tuple[int, int]] = []
    with build(documents, store=str(tmp_path / "s"), batch_size=1,
               progress=lambda stats: seen.append((stats.added, stats.waiting))) as graph:
        assert graph.stats.added == len(documents) and graph.stats.waiting == 0
        assert quads(graph.store) == one_process
    added = sorted({a for a, _ in seen})
    assert added[:3] == [0, 3, 6], "added grows a group of 3 batches at a time"
    assert max(w for _, w in seen) >= 3, "analysed documents wait for their group's load"


@pytest.mark.slow  # builds the whole example corpus (twice, with the reference build)
def test_loads_wait_on_disk_for_their_burst_where_the_analysis_takes_every_core(documents, one_process, tmp_path, monkeypatch):
    """Oxigraph gets its loads in bursts when no core is left for loading; the batches wait as parts on disk."""
    import kg.pipeline
    from kg.store.oxigraph import OxigraphStore

    monkeypatch.setattr(OxigraphStore, "load_batches", 1)
    monkeypatch.setattr(OxigraphStore, "load_burst", 10**12)  # one burst: everything at the end
    monkeypatch.setattr(kg.pipeline, "_cores", lambda: 1)
    parts = tmp_path / "parts"
    seen: list[tuple[int, int, int]] = []
    with build(documents, store=str(tmp_path / "s"), batch_size=1, parts=parts,
               progress=lambda stats: seen.append((stats.added, stats.waiting, len(list(parts.glob("*.nq")))))) as graph:
        assert graph.stats.added == len(documents) and graph.stats.waiting == 0
        assert quads(graph.store) == one_process
    waiting = [(w, files) for a, w, files in seen if a == 0]
    assert max(w for w, _ in waiting) == len(documents), "nothing is loaded before the burst is complete"
    assert all(files == w for w, files in waiting), "each waiting batch is a part on disk"
    assert not list(parts.glob("*")), "loaded parts are removed"


@pytest.mark.parametrize(("burst", "taken"), [(0, [True, False]), (40, [True, True])], ids=["each-load-as-it-comes", "in-bursts"])
def test_the_next_batches_are_taken_while_a_load_is_in(burst, taken, tmp_path):
    """The loader holds up the analysis only where loads queue: a batch is taken while the load before it
    goes in; without bursts the one after waits for that load (one load waits behind another at most), with
    bursts not (up to two bursts' bytes wait)."""
    import threading

    from kg.pipeline import BatchResult, BuildStats, _load

    release, loads = threading.Event(), []
    store = open_store(str(tmp_path / "store"))  # a real Oxigraph folder whose loads go in a second after the build starts
    store.load_bytes = store.load_batches = 1  # a load a batch
    load_many = store.load_many

    def held_load(sources):
        sources = list(sources)
        release.wait(timeout=10)
        load_many(sources)
        loads.append(len(sources))

    store.load_many = held_load
    taken_while_loading = []

    def results():
        for n in range(3):
            if n:
                taken_while_loading.append(not release.is_set())
            yield BatchResult(f"<urn:s> <urn:p> <urn:o> <urn:g{n}> .\n".encode(), None, (f"d{n}",), ())  # 35 bytes: two fit in 80

    timer = threading.Timer(1.0, release.set)
    timer.start()
    stats = BuildStats(total=3, read_all=True)  # with bursts: each batch goes in as it comes, the inputs all out
    (tmp_path / "spool").mkdir()
    with store:
        _load(results(), store, stats, None, burst=burst, spool=tmp_path / "spool")
        timer.join()
        assert taken_while_loading == taken
        assert sum(loads) == 3 and stats.added == 3
        assert len(quads(store)) == 3


@pytest.mark.slow  # builds the whole example corpus
def test_loads_go_in_as_they_come_where_loading_has_a_core_of_its_own(documents, tmp_path, monkeypatch):
    import kg.pipeline
    from kg.store.oxigraph import OxigraphStore

    monkeypatch.setattr(OxigraphStore, "load_batches", 1)
    monkeypatch.setattr(OxigraphStore, "load_burst", 10**12)
    monkeypatch.setattr(kg.pipeline, "_cores", lambda: 2)
    seen: list[int] = []
    with build(documents, store=str(tmp_path / "s"), batch_size=1, progress=lambda stats: seen.append(stats.waiting)) as graph:
        assert graph.stats.added == len(documents)
    assert max(seen) < len(documents), "documents are loaded while the next are analysed"


@pytest.mark.slow  # builds the whole example corpus (twice, with the reference build)
def test_memory_store_holds_the_same_triples(documents, one_process):
    import pyoxigraph as ox

    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(b"\n".join(one_process), format=ox.RdfFormat.N_QUADS)}
    with build(documents) as graph:
        assert graph.store.kind == "memory"
        assert len(graph.store) == len(triples)
        assert graph.summary().documents == len(documents)


@pytest.mark.slow  # builds the whole example corpus
def test_a_rerun_skips_stored_documents_before_parsing(documents, tmp_path):
    store = str(tmp_path / "s")
    build(documents[:3], store=store).close()
    # the stored documents come first, unparseable by spaCy: a parse would fail them
    with build(documents, store=store, batch_size=2) as graph:
        assert (graph.stats.added, graph.stats.stored, graph.stats.failed) == (len(documents) - 3, 3, [])
    with build(documents + [Document("copy", documents[0].text)], store=store) as graph:
        assert (graph.stats.added, graph.stats.stored) == (0, len(documents) + 1)


def test_a_failing_document_is_named_and_the_build_goes_on(tmp_path, monkeypatch):
    import kg.pipeline

    real = kg.pipeline.claims_of

    def claims_of(doc, document, *args, **kwargs):  # a bug that only one document meets
        if document.id == "broken":
            raise RuntimeError("a rule failed on this document")
        return real(doc, document, *args, **kwargs)

    monkeypatch.setattr(kg.pipeline, "claims_of", claims_of)
    docs = [Document("a", "Iran attacked Iraq."), Document("broken", "Iran protested."),
            Document("b", "Russia rejected talks with Ukraine.")]
    with build(docs, store=str(tmp_path / "s"), batch_size=3) as graph:
        assert graph.stats.added == 2
        assert [doc_id for doc_id, _ in graph.stats.failed] == ["broken"]
        assert graph.summary().documents == 2


def test_a_batch_is_a_function_of_its_documents():
    tools = Tools.load()
    docs = [Document("a", "Ali Khamenei rejected talks. Khamenei said so."), Document("b", "Iran's supreme leader Khamenei met Putin.")]
    alone = [run_batch([d], tools).nquads for d in docs]
    together = run_batch(docs, tools).nquads
    assert together == run_batch(docs, tools).nquads, "the same batch, the same part"
    lines = together.splitlines()
    assert set(lines) == set(alone[0].splitlines()) | set(alone[1].splitlines())
    assert set(run_batch(docs[::-1], tools).nquads.splitlines()) == set(lines)


def test_a_batch_writes_each_actor_line_once_after_its_documents():
    """Documents of a batch that name the same actors share the actor graph's lines: written once, last."""
    from kg.store.mapping import ACTORS_GRAPH

    tools = Tools.load()
    docs = [Document("a", "Vladimir Putin met Xi Jinping in Moscow."), Document("b", "Putin and Xi Jinping signed a deal.")]
    lines = run_batch(docs, tools).nquads.splitlines()
    shared = [i for i, line in enumerate(lines) if line.endswith(f"<{ACTORS_GRAPH}> .".encode())]
    alone = [line for d in docs for line in run_batch([d], tools).nquads.splitlines()]
    assert len(alone) > len(set(alone)), "both documents describe the same actors"
    assert len(lines) == len(set(lines)) == len(set(alone))
    assert shared and shared == list(range(len(lines) - len(shared), len(lines)))


def test_lean_document_graph_is_the_same_graph(documents):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.pipeline import analyse

    document, _, claims = next(analyse([documents[0]]))
    lean = document_graph(document, None, claims, lean=True)
    full = document_graph(document, None, claims)
    copy = Graph()
    copy += lean
    assert len(lean) == len(full) and isomorphic(full, copy)


def test_reading_is_lazy_and_counted(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Iran attacked Iraq.")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x89PNG\x00\x00")
    docs = iter_documents([good, bad])
    assert next(docs).id == "a.txt"  # the second file is not read yet
    with pytest.raises(InputError, match="b.txt: looks like a binary file"):
        next(docs)
    lines = tmp_path / "s.jsonl"
    lines.write_text('{"id": 1, "text": "Iran attacked Iraq."}\n\n{"id": 2, "text": "A\\u2028B"}\n')
    assert count_documents([lines, good]) == 3
    assert [d.text for d in iter_documents([lines])] == ["Iran attacked Iraq.", "A\u2028B"]


def kg_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, **kwargs)


@pytest.mark.slow  # `kg build` in a subprocess; the scheduler's connect timeout
@pytest.mark.parametrize("option", ["--scheduler", "--store"])
def test_unreachable_scheduler_or_endpoint_is_one_line_before_any_work(tmp_path, option):
    address = f"tcp://127.0.0.1:{_free_port()}" if option == "--scheduler" else f"http://127.0.0.1:{_free_port()}/query"
    out = tmp_path / "out"
    result = kg_cli("build", str(EXAMPLE), "--out", str(out), option, address)
    err = result.stderr.decode().strip()
    assert result.returncode != 0 and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "127.0.0.1" in err
    assert not (out / "graph.ttl").exists()
    if option == "--scheduler":
        assert not out.exists(), "no store is made before the scheduler answers"


@pytest.mark.slow  # builds the whole example corpus (twice, with the reference build)
def test_remote_endpoint_gets_the_same_quads_by_the_graph_store_protocol(documents, one_process, endpoint):  # noqa: F811
    with build(documents, store=f"{endpoint}/query", batch_size=2) as graph:
        assert graph.store.graph_store_url == f"{endpoint}/store"
        assert graph.stats.added == len(documents)
    with open_store(f"{endpoint}/query") as store:
        assert store.stored_hashes([d.content_hash for d in documents]) == {d.content_hash for d in documents}
    with build(documents, store=f"{endpoint}/query") as graph:
        assert (graph.stats.added, graph.stats.stored) == (0, len(documents))
    # the endpoint now holds what one process wrote into a folder
    import urllib.request

    request = urllib.request.Request(f"{endpoint}/store", headers={"Accept": "application/n-quads"})
    served = set(filter(None, urllib.request.urlopen(request, timeout=30).read().splitlines()))
    assert served == one_process


_KILLED = """
import sys
sys.path.insert(0, {root!r})
from kg.corpus import read_documents
from kg.pipeline import build
from kg.store.oxigraph import OxigraphStore
OxigraphStore.load_batches = 2  # small documents: loaded two at a time, not all at the end
OxigraphStore.load_burst = 0  # each load as soon as it is gathered
docs = read_documents([{example!r}, {corpus!r}])
def progress(stats):
    print(stats.added, flush=True)
build(docs, store={store!r}, batch_size=1, progress=progress)
"""


@pytest.mark.slow  # a build in a subprocess that loads spaCy
def test_a_killed_build_leaves_the_store_openable_and_a_rerun_adds_what_is_missing(documents, one_process, tmp_path):
    store = tmp_path / "s"
    code = _KILLED.format(root=str(ROOT), example=str(EXAMPLE), corpus=str(CORPUS), store=str(store))
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for line in process.stdout:
        if int(line) >= 2:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    with open_store(str(store)) as kept:
        held = len(kept.stored_hashes([d.content_hash for d in documents]))
    assert 2 <= held < len(documents)
    with build(documents, store=str(store)) as graph:
        assert (graph.stats.added, graph.stats.stored) == (len(documents) - held, held)
        assert quads(graph.store) == one_process


@pytest.mark.slow  # `kg build` twice in a subprocess that loads spaCy
def test_cli_summary_counts_added_stored_and_failed(tmp_path):
    out = tmp_path / "out"
    first = kg_cli("build", str(EXAMPLE), "--out", str(out))
    assert first.returncode == 0, first.stderr.decode()
    assert "added 1, already stored 0, failed 0" in first.stdout.decode()
    again = kg_cli("build", str(EXAMPLE), str(CORPUS), "--out", str(out), "--json")
    assert again.returncode == 0, again.stderr.decode()
    import json

    summary = json.loads(again.stdout)
    assert summary["already_stored"] == 1 and summary["added"] >= 4 and summary["failed"] == []


@pytest.mark.slow  # `kg build` in a subprocess with two Dask worker processes, each loading spaCy
def test_cli_build_with_workers_is_quiet(tmp_path):
    """``--quiet`` prints nothing: not Dask's INFO lines on workers started and stopped either."""
    built = kg_cli("build", str(EXAMPLE), "--out", str(tmp_path / "out"), "--workers", "2", "--quiet")
    assert built.returncode == 0, built.stderr.decode()
    assert (built.stdout, built.stderr) == (b"", b"")
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


@pytest.mark.slow  # starts a Dask worker process
def test_local_workers_keep_the_allocator_default(monkeypatch):
    """Dask's eager memory trimming (MALLOC_TRIM_THRESHOLD_=65536) cost ~8 % CPU: kg's workers start without it."""
    from distributed import Client

    from kg.parallel import local_cluster

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)  # else the workers get this process's
    with local_cluster(1) as cluster, Client(cluster, set_as_default=False) as client:
        assert list(client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == [None]
        assert list(client.run(os.environ.get, "OMP_NUM_THREADS").values()) == ["1"], "Dask's other settings stay"


@pytest.mark.slow  # a Dask cluster of worker processes, each loading spaCy
def test_a_dying_worker_loses_no_document(documents, one_process, tmp_path):
    """A worker killed mid-build: its batch is run again elsewhere, and every document the counts call added is there."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit=0) as cluster, \
            Client(cluster, set_as_default=False) as client:
        pids = list(client.run(os.getpid).values())
        killed: list[int] = []

        def progress(stats) -> None:
            if not killed and stats.waiting:  # a batch is back, others are in flight
                killed.append(pids[0])
                os.kill(pids[0], signal.SIGKILL)

        with build(documents, store=str(tmp_path / "s"), scheduler=cluster.scheduler_address, batch_size=1,
                   progress=progress) as graph:
            assert killed, "a worker was killed while batches were in flight"
            assert graph.stats.added == len(documents) and not graph.stats.failed
            assert quads(graph.store) == one_process


def test_a_document_is_stored_only_once_its_marker_is_loaded(tmp_path):
    """On disk a batch goes through Oxigraph's bulk loader, each document's content hash last:
    a load cut short before the hashes leaves the documents to be loaded again, and the
    loaded quads are those a transaction would have written."""
    import pyoxigraph as ox

    from kg.store.oxigraph import _split_markers

    document = Document("a", "Iran attacked Iraq. Russia met China.")
    nquads = run_batch([document], Tools.load()).nquads
    body, markers = _split_markers(nquads)
    assert markers.count(b"\n") == 1 and body.count(b"\n") == nquads.count(b"\n") - 1
    on_disk = open_store(str(tmp_path / "store"))
    on_disk.native.bulk_load(body, format=ox.RdfFormat.N_QUADS)  # a build killed between the two writes
    assert on_disk.stored_hashes([document.content_hash]) == set()
    on_disk.load_nquads(nquads)  # the rerun loads the whole batch again
    assert on_disk.stored_hashes([document.content_hash]) == {document.content_hash}
    in_memory = open_store("oxigraph:")
    in_memory.load_nquads(nquads)  # one transaction
    assert quads(on_disk) == quads(in_memory)
    on_disk.close()


def test_parts_loaded_in_a_run_are_marked_stored_once_all_are_in(tmp_path):
    """A burst's parts go in one after another and their documents are marked stored at the end:
    a part that fails leaves the documents of the parts before it to be loaded again."""
    from kg.errors import StoreError

    tools = Tools.load()
    first, second = (Document(name, text) for name, text in (("a", "Iran attacked Iraq."), ("b", "Russia met China.")))
    parts = [run_batch([first], tools).nquads, run_batch([second], tools).nquads]
    hashes = [first.content_hash, second.content_hash]
    with open_store(str(tmp_path / "cut")) as store:
        with pytest.raises(StoreError, match="could not load a batch"):
            store.load_many([parts[0], b"<not> <n-quads"])
        assert store.stored_hashes(hashes) == set(), "no document marked stored before the run is in"
        store.load_many(parts)
        assert store.stored_hashes(hashes) == set(hashes)
        one_by_one = open_store(str(tmp_path / "one"))
        for part in parts:
            one_by_one.load_nquads(part)
        assert quads(store) == quads(one_by_one)
        one_by_one.close()


def test_parts_a_killed_build_left_are_removed_once_stale(tmp_path, caplog):
    """A build killed outright leaves its parts folder: the next build removes it, not a live or a recent one."""
    from kg.pipeline import _remove_left_parts

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)  # a process that has ended
    folders = {
        "dead-and-stale": tmp_path / f"kg-parts-{dead}-abc",
        "dead-but-recent": tmp_path / f"kg-parts-{dead}-def",
        "alive": tmp_path / f"kg-parts-{os.getpid()}-ghi",
        "not-a-spool": tmp_path / "kg-parts-notes",
    }
    for name, folder in folders.items():
        folder.mkdir()
        (folder / "part-1.nq").write_bytes(b"<a> <b> <c> <g> .\n")
        if name != "dead-but-recent":
            for path in (folder / "part-1.nq", folder):
                os.utime(path, (0, 0))  # untouched since 1970
    _remove_left_parts(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        folders[name].name for name in ("dead-but-recent", "alive", "not-a-spool"))
    assert "parts a killed build left" in caplog.text
