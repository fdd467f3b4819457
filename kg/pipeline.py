"""The whole flow in one place: documents → Doc → triples → actors → events → claims → RDF.

`analyse` yields claims per document (what ``kg extract`` prints, through `kg.lines`); `build`
adds them to a store and returns a `KnowledgeGraph`.

`build` streams: documents are read in batches, those already stored are skipped before
parsing (one lookup per batch), and each batch becomes N-Quads (`run_batch`) that the store
loads, several short batches at once where it prefers larger loads (`kg.store.Store.load_bytes`),
and several loads one after another where it prefers bursts (`kg.store.Store.load_burst`; they
wait on disk meanwhile). With several workers the batches run on Dask (`kg.parallel`).
A batch's output depends on its documents alone (each document gets an actor registry of its
own), so the graph is the same whatever the parallelism and the order of the documents.
A document over `kg.chunking.CHUNK_CHARS` goes into the store part by part instead
(`long_document_nquads`), so that its memory is bounded by a part, not by its length.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc

from kg.actors import ActorRegistry, resolve_actors
from kg.chunking import (
    CHUNK_CHARS, PART_PIECES, parse_document_parts, parse_documents, parse_parts, parse_texts, warn_unread,
)
from kg.corpus import iter_as_documents
from kg.events import code_events
from kg.events.petrarch import VerbDictionary, load_verbs
from kg.extract.facts import triple_facts, with_actors
from kg.extract.tokens import reading
from kg.nlp import load_pipeline
from kg.store.files import usable_cores as _cores
from kg.types import Claim, Document

__all__ = ["BatchResult", "BuildStats", "Tools", "analyse", "build", "claims_of", "long_document_nquads", "run_batch"]

log = logging.getLogger(__name__)

#: Called with the counts so far after each batch; the CLI draws progress with it.
Progress = Callable[["BuildStats"], None]
T = TypeVar("T")


_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}


def _is_noun_phrase(triple) -> bool:
    """Whether the object is a noun phrase (whose actors it may be about), not a clause or a quote.

    "rejected plans for talks with U.S. authorities" is about the United States; "said that
    the policy has failed in Iran" and "want to prove that ..." are not about Iran.
    """
    return triple.object is not None and triple.kind != "speech" and triple.object.root.pos_ in _NOMINAL


def claims_of(
    doc: Doc, document: Document, registry: ActorRegistry, *, verbs: VerbDictionary | None = None,
    names: dict[str, list[str]] | None = None,
) -> list[Claim]:
    """The claims of one parsed document: its triples with their actors and events.

    Args:
        doc: The document parsed by a pipeline with ``kg_triples``.
        document: The document it came from (its id and date).
        registry: Where the document's actors are merged (a fresh one gives the
            document's claims as a function of the document alone).
        verbs: Loaded PETRARCH verb dictionaries, if any (`kg.events.petrarch.load_verbs`).
        names: Full names of people from the document's earlier parts, where `doc` is one
            part of a long document (see `kg.actors.resolve.resolve_actors`).

    Returns:
        One claim per triple, in sentence order.
    """
    with reading(doc):
        return _claims(doc, document, registry, verbs=verbs, names=names)


def _claims(
    doc: Doc, document: Document, registry: ActorRegistry, *, verbs: VerbDictionary | None,
    names: dict[str, list[str]] | None,
) -> list[Claim]:
    resolution = resolve_actors(doc, document, registry, names=names)
    sentence_ids = {sent.start: n for n, sent in enumerate(doc.sents)}
    claims = []
    for triple in doc._.triples or ():
        subject_actor = resolution.actor_of(triple.subject)
        object_actor = resolution.actor_of(triple.object)
        if object_actor is None and _is_noun_phrase(triple):
            inside = resolution.actors_in(triple.object)
            object_actor = inside[0] if inside else None
        claims.append(
            Claim(
                doc_id=document.id,
                sentence_id=sentence_ids[triple.sentence.start],
                triple=triple,
                subject_actor=subject_actor,
                object_actor=object_actor,
                events=code_events(triple, resolution, date=document.date, verbs=verbs),
                attribution_actor=resolution.actor_of(triple.attributed_to),
                facts=with_actors(triple_facts(triple), resolution, subject_actor=subject_actor, object_actor=object_actor),
            )
        )
    return claims


def analyse(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    actor_files: Sequence[Path | str] = (),
    registry: ActorRegistry | None = None,
    batch_size: int = 32,
    verb_files: Sequence[Path | str] = (),
    parts: bool = False,
) -> Iterator[tuple[Document, Doc, list[Claim]]]:
    """Parse documents and yield each with its claims, reading the documents as it goes.

    Args:
        documents: What to read (an iterable, consumed lazily).
        model: A spaCy pipeline name (default: ``$KG_MODEL`` or the pinned model).
        actor_files: Actor files to load: an analyst's TOML or CSV, or PETRARCH/Phoenix actor or agent dictionaries.
        registry: Actor memory to share across documents and with earlier calls; when
            None each document's actors are its own (the same claims in any order).
        batch_size: Documents per ``nlp.pipe`` batch.
        verb_files: PETRARCH verb dictionaries (``CAMEO.2.0.txt``) whose codes win over our
            lexicon where they code a verb (read once per tuple of paths).
        parts: Read a document over `kg.chunking.CHUNK_CHARS` part by part, in bounded
            memory (`kg.chunking.parse_document_parts`): it is yielded once per part, its
            sentence numbers the document's; and every `Doc` yielded, with the spans its
            claims hold, is valid only until the next item is asked for (take records,
            not spans). Without it a long document is parsed whole: one `Doc` that stays
            valid, in memory that grows with its length.

    Yields:
        ``(document, doc, claims)`` in input order.

    Examples:
        >>> from kg.types import Document
        >>> [(c.triple.subject_text, c.triple.relation) for _, _, cs in analyse([Document("d", "Iran attacked Iraq.")]) for c in cs]
        [('Iran', 'attack')]
    """
    tools = Tools.load(model=model, actor_files=actor_files, verb_files=verb_files)
    if parts:
        parsed = parse_document_parts(tools.nlp, documents, batch_size=batch_size)
        for document, _, doc, claims in _claims_by_part(parsed, tools, registry):
            yield document, doc, claims
        return
    for document, doc in parse_documents(tools.nlp, documents, batch_size=batch_size):
        claims = claims_of(doc, document, registry or tools.registry(), verbs=tools.verbs)
        warn_unread(document, claims)
        yield document, doc, claims


def _claims_by_part(
    parsed: Iterable[tuple[Document, int, Doc]], tools: Tools, registry: ActorRegistry | None = None
) -> Iterator[tuple[Document, int, Doc, list[Claim]]]:
    """The claims of each parsed part, a long document's parts sharing what crosses their edges.

    A document's parts (its first at offset 0) share an actor registry and the table of
    people's names read so far; their sentence numbers run on from part to part. A document
    with no claims at all is checked for a script the pipeline does not read.
    """
    document: Document | None = None
    names: dict[str, list[str]] = {}
    sentences = found = 0
    for current, offset, doc in parsed:
        if offset == 0:
            if document is not None and not found:
                warn_unread(document, ())
            document, owner, names, sentences, found = current, registry or tools.registry(), {}, 0, 0
        claims = claims_of(doc, current, owner, verbs=tools.verbs, names=names)
        if sentences:
            claims = [replace(c, sentence_id=c.sentence_id + sentences) for c in claims]
        sentences += sum(1 for _ in doc.sents)
        found += len(claims)
        yield current, offset, doc, claims
    if document is not None and not found:
        warn_unread(document, ())


@dataclass(frozen=True)
class Tools:
    """What the per-document work needs, loaded once per process: the pipeline and the dictionaries."""

    nlp: object
    verbs: VerbDictionary | None
    actor_files: tuple[Path, ...]

    @classmethod
    def load(
        cls, *, model: str | None = None, actor_files: Sequence[Path | str] = (), verb_files: Sequence[Path | str] = ()
    ) -> Tools:
        """Load the spaCy pipeline and the verb dictionaries (each cached by its loader)."""
        return cls(load_pipeline(model), load_verbs(verb_files), tuple(Path(p) for p in actor_files))

    def registry(self) -> ActorRegistry:
        """A fresh actor registry (the gazetteer it reads is built once per set of dictionaries)."""
        return ActorRegistry(dictionaries=self.actor_files)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one batch gave: its N-Quads (or the part file holding them), the ids added and failed."""

    nquads: bytes | None
    part: Path | None
    added: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]
    versions: tuple[tuple[str, str], ...] = ()  # (id, document IRI) of each added document

    @property
    def size(self) -> int:
        """Bytes of its N-Quads, in memory or in its part."""
        if self.nquads is not None:
            return len(self.nquads)
        return self.part.stat().st_size if self.part is not None else 0

    def read(self) -> bytes:
        """Its N-Quads, from memory or from its part."""
        if self.nquads is not None:
            return self.nquads
        return self.part.read_bytes() if self.part is not None else b""


def run_batch(documents: Sequence[Document], tools: Tools) -> BatchResult:
    """Documents → their N-Quads, one document at a time past the parse.

    A document whose analysis raises is left out and named in ``failed`` with its error;
    the others go on. Each document gets a fresh actor registry, so the output of a batch
    is a function of its documents alone.

    Examples:
        >>> result = run_batch([Document("d", "Iran attacked Iraq.")], Tools.load())
        >>> result.added, result.failed, b"ontology#Claim>" in result.nquads
        (('d',), (), True)
    """
    from kg.store.mapping import document_iri
    from kg.store.nquads import claims_nquads

    texts = [d.text for d in documents]
    try:
        docs = list(parse_texts(tools.nlp, texts, batch_size=max(len(texts), 1)))
    except Exception as exc:  # one document breaks the parse: parse each alone to find it  # noqa: BLE001
        log.warning("a batch of %d documents failed to parse together (%s: %s); parsing each alone",
                    len(texts), type(exc).__name__, " ".join(str(exc).split())[:200])
        docs = [_parse_alone(tools, text) for text in texts]
    chunks: list[str] = []
    shared: dict[str, None] = {}  # the actor graph's lines, each once in the batch, after its documents'
    added: list[str] = []
    failed: list[tuple[str, str]] = []
    for document, doc in zip(documents, docs):
        try:
            if isinstance(doc, Exception):
                raise doc
            claims = claims_of(doc, document, tools.registry(), verbs=tools.verbs)
            warn_unread(document, claims)
            chunks.append(claims_nquads(document, claims, shared=shared))
        except Exception as exc:  # a bug or a pathological sentence: report it, go on  # noqa: BLE001
            message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            log.warning("%s: failed: %s", document.id, message)
            failed.append((document.id, message))
            continue
        added.append(document.id)
    chunks.extend(shared)
    kept = set(added)
    versions = tuple((d.id, str(document_iri(d))) for d in documents if d.id in kept)
    return BatchResult("".join(chunks).encode("utf-8"), None, tuple(added), tuple(failed), versions)


def _parse_alone(tools: Tools, text: str) -> Doc | Exception:
    try:
        return tools.nlp(text)
    except Exception as exc:  # noqa: BLE001 - reported by run_batch with the document's id
        return exc


@dataclass
class BuildStats:
    """Counts over a whole build, updated as batches finish (what progress and the summary show).

    Attributes:
        total: Documents expected, where known (for the ETA).
        added: Documents added to the store.
        waiting: Documents analysed whose N-Quads wait to be loaded (see `kg.store.Store.load_bytes`).
        stored: Documents skipped because the store already held the same text.
        failed: ``(document id, error)`` of each document that failed.
        workers: Processes doing the per-document work.
        started: ``time.perf_counter()`` at the start.
        read_all: Every input has been read and handed out (the last batches are in work).
    """

    total: int | None = None
    added: int = 0
    waiting: int = 0
    stored: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    workers: int = 1
    started: float = field(default_factory=time.perf_counter)
    read_all: bool = False

    @property
    def done(self) -> int:
        """Documents dealt with: added, analysed and waiting to be loaded, already stored or failed."""
        return self.added + self.waiting + self.stored + len(self.failed)

    @property
    def rate(self) -> float:
        """Documents per second so far."""
        return self.done / max(time.perf_counter() - self.started, 1e-9)

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, where the total is known."""
        if self.total is None or not self.done:
            return None
        return max(self.total - self.done, 0) / max(self.rate, 1e-9)


def long_document_nquads(
    document: Document, tools: Tools, *, limit: int = CHUNK_CHARS, pieces: int = PART_PIECES
) -> Iterator[str]:
    """A long document's N-Quads, part by part (`parse_parts`), its document node last.

    Only a compact table of the people's names read so far (and the actor registry) is
    kept from one part to the next, and each part is parsed in a spaCy memory zone that
    frees the words it brought: memory is bounded by a part, not by the document.
    Sentence numbers and character offsets are the document's. What differs from reading
    the document whole is what crosses a part's edge: a quotation, a pronoun or a
    description whose antecedent is in an earlier part, and a person named in full only
    in a later part.

    Yields:
        N-Quads text: one string per part, then the document node's.

    Examples:
        >>> document = Document("r", "Iran rejected the talks.\\n\\n" * 3)
        >>> parts = list(long_document_nquads(document, Tools.load(), limit=30, pieces=1))
        >>> len(parts), "contentHash" in parts[0], "contentHash" in parts[-1]
        (4, False, True)
    """
    from rdflib import Literal

    from kg.ontology import KG
    from kg.store import document_graph
    from kg.store.mapping import document_iri
    from kg.store.nquads import document_nquads

    node = document_iri(document)
    offsets = {KG.startChar, KG.endChar}
    parsed = ((document, offset, doc) for offset, doc in parse_parts(tools.nlp, document.text, limit=limit, pieces=pieces))
    for _, offset, _, claims in _claims_by_part(parsed, tools):
        graph = document_graph(document, None, claims, lean=True)
        shifted = [  # the part's triples as the document's, its node left for the end
            (s, p, Literal(o.toPython() + offset) if p in offsets else o) for s, p, o in graph if s != node
        ]
        yield document_nquads(document, shifted)
    yield document_nquads(document, document_graph(document, None, (), lean=True))


def _batches(documents: Iterable[Document], size: int, *, total: int | None = None, workers: int = 1) -> Iterator[list[Document]]:
    """Lists of `size` documents; where `total` is known and `workers` share them, the last
    `workers` batches' worth in quarter batches, so that the workers finish about together
    (a whole batch left last kept one worker busy alone for half a batch on average, ~1 s).

    Examples:
        >>> [len(b) for b in _batches(range(100), 25, total=100, workers=2)]
        [25, 25, 6, 6, 6, 6, 6, 6, 6, 6, 2]
    """
    iterator = iter(documents)
    read = 0
    while True:
        last = total is not None and workers > 1 and total - read <= workers * size
        batch = list(itertools.islice(iterator, max(size // 4, 1) if last else size))
        if not batch:
            return
        read += len(batch)
        yield batch


def _in_groups(
    items: Iterable[T], size: int, weight: Callable[[T], int], count: int | None = None, *, now: Callable[[], bool] | None = None,
) -> Iterator[list[T]]:
    """Consecutive items, gathered until their `weight` reaches `size`, they number `count`, or `now()` is true."""
    group: list[T] = []
    held = 0
    for item in items:
        group.append(item)
        held += weight(item)
        if held >= size or (count is not None and len(group) >= count) or (now is not None and now()):
            yield group
            group, held = [], 0
    if group:
        yield group


_SPOOL = "kg-parts-"  #: a build's own parts folder: kg-parts-PID-XXXXXXXX in the temporary folder
_LEFT_AFTER = 3600.0  #: seconds untouched before a dead build's parts folder is removed


def _remove_left_parts(folder: Path) -> None:
    """Remove the parts folders that builds killed outright (SIGKILL, power loss) left in `folder`.

    Ctrl-C and errors remove a build's folder; a killed build leaves up to three bursts of
    parts (~768 MB). A folder goes only where its build's process is gone and nothing in
    it changed for an hour: a build in another container (another process table) that
    shares the folder writes there every few seconds.
    """
    if os.name != "posix":  # os.kill(pid, 0) asks after a process only there
        return
    now = time.time()
    for spool in folder.glob(f"{_SPOOL}*-*"):
        pid = spool.name.removeprefix(_SPOOL).partition("-")[0]
        if not pid.isdigit() or _running(int(pid)):
            continue
        try:
            files = [spool.stat(), *(p.stat() for p in spool.iterdir())]
        except OSError:  # removed meanwhile, or not ours to read
            continue
        if now - max(f.st_mtime for f in files) >= _LEFT_AFTER:
            shutil.rmtree(spool, ignore_errors=True)
            if not spool.exists():  # not another user's, say
                size = sum(f.st_size for f in files[1:])
                log.warning("removed %s, parts a killed build left (%.0f MB)", spool, size / 2**20)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


def _group_size(group: list[BatchResult]) -> int:
    return sum(result.size for result in group)


def _new_only(batches: Iterable[list[Document]], store, stats: BuildStats, progress: Progress | None) -> Iterator[list[Document]]:
    """Each batch less the documents already stored (one lookup per batch) or already seen in this run."""
    seen: set[int] = set()  # 64 bits of each content hash: a few tens of bytes per document
    for batch in batches:
        hashes = [d.content_hash for d in batch]
        stored = store.stored_hashes(hashes)
        fresh = []
        for document, digest in zip(batch, hashes):
            key = int(digest[:16], 16)
            if digest in stored or key in seen:
                log.info("%s: already in the store, skipped", document.id)
                stats.stored += 1
                continue
            seen.add(key)
            fresh.append(document)
        if len(fresh) < len(batch) and progress is not None:
            progress(stats)
        if fresh:
            yield fresh


def _close(client, cluster) -> None:
    client.close()
    if cluster is not None:
        cluster.close()


def build(
    sources: Iterable[Document | str | Path] | Document | str | Path,
    *,
    store: str | None = None,
    model: str | None = None,
    actor_files: Sequence[Path | str] = (),
    progress: Progress | None = None,
    verb_files: Sequence[Path | str] = (),
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 25,
    parts: Path | str | None = None,
    total: int | None = None,
    keep_turtle: bool = False,
):
    """Build (or add to) a knowledge graph from articles, streaming them in batches.

    Args:
        sources: Documents, texts, or paths of text files (consumed lazily).
        store: Where the graph lives: None for memory, a folder for Oxigraph on disk,
            ``sparql:QUERY_URL|UPDATE_URL`` for a remote endpoint (see `kg.store.open_store`).
        model: A spaCy pipeline name.
        actor_files: Actor files (see `analyse`).
        progress: Called with the `BuildStats` after each batch.
        verb_files: PETRARCH verb dictionaries (see `analyse`).
        workers: Processes for the per-document work: 1 runs here without Dask; more
            start a Dask ``LocalCluster`` of single-threaded workers.
        scheduler: A running Dask scheduler (``tcp://HOST:PORT``) to use instead.
        batch_size: Documents per batch (one store lookup, one part, one transaction each).
        parts: Folder for the batches' N-Quads parts while they wait to be loaded
            (default: a temporary folder; with a remote scheduler, one every worker can
            write and this process read).
        total: Documents expected, for the ETA (`kg.corpus.count_documents`).
        keep_turtle: The graph is to be exported as Turtle: an Oxigraph folder keeps a
            Turtle copy of each document's graph as it is loaded (`kg.store.turtle_copy`,
            in ``TMPDIR``), so that the export need not read them back (`kg build` does).

    Returns:
        The `KnowledgeGraph`, with the run's counts as ``stats``; documents already in
        the store (same text) are skipped before they are parsed.

    Raises:
        InputError: An input cannot be read; the scheduler cannot be reached.
        StoreError: The store cannot be opened, reached or written.

    Examples:
        >>> kg = build(["Khamenei rejected talks with the United States."])
        >>> len(kg.query("SELECT ?c WHERE { ?c a kg:Claim }")) >= 1, kg.stats.added
        (True, 1)
    """
    from kg.graph import KnowledgeGraph
    from kg.store import open_store
    from kg.store.actors import record_identity

    parallel = workers > 1 or scheduler is not None
    batches = _batches(iter_as_documents(sources), batch_size, total=total, workers=max(workers, 2) if parallel else 1)
    first = next(batches)  # a bad first input fails here, before a store is made
    registry = ActorRegistry(dictionaries=actor_files)  # a bad actor file is refused before the store opens
    stats = BuildStats(total=total, workers=max(workers, 1))
    tools = None if parallel else Tools.load(model=model, actor_files=actor_files, verb_files=verb_files)
    if parallel:  # an unreachable scheduler is an error before a store is made
        from kg.parallel import connect, run_on_dask

        client, cluster = connect(workers, scheduler)
    try:
        target = open_store(store)
    except BaseException:
        if parallel:
            _close(client, cluster)
        raise
    # Bursts save the CPU compaction takes, and cost the wait for the last burst after the
    # analysis: worth it where the analysis takes every core here, or on a cluster, where the
    # loading is what limits; not where a local worker leaves the loading a core of its own.
    burst = target.load_burst if scheduler is not None or workers >= _cores() else 0
    own_spool = parts is None and (parallel or burst > 0)
    spool: Path | None = None  # parts wait here until their burst is loaded (the workers write theirs here too)
    try:
        target.check()
        if keep_turtle:  # parts held for a burst are copied as they come, not all in the last burst
            target.keep_turtle(ahead=burst > 0)
        if own_spool:
            _remove_left_parts(Path(tempfile.gettempdir()))
        spool = (Path(tempfile.mkdtemp(prefix=f"{_SPOOL}{os.getpid()}-")) if own_spool
                 else (Path(parts) if parts is not None else None))
        if spool is not None:
            spool.mkdir(parents=True, exist_ok=True)
        fresh = _new_only(itertools.chain([first], batches), target, stats, progress)
        fresh = _long_aside(fresh, target, stats, progress, lambda: tools or Tools.load(model=model, actor_files=actor_files, verb_files=verb_files))
        if parallel:
            settings = {"model": model, "actor_files": tuple(map(str, actor_files)), "verb_files": tuple(map(str, verb_files))}
            results = run_on_dask(fresh, settings, client=client, cluster=cluster, parts=spool, stats=stats)
        else:
            results = (run_batch(batch, tools) for batch in fresh)

        _load(results, target, stats, progress, burst=burst, spool=spool)
        # Corpus-level passes over the whole store run here, once every batch is in: they
        # read the store, not the order batches came in.
        record_identity(target, same_as=registry.same_as, never=registry.never)
    except BaseException:
        target.close()
        if parallel:
            _close(client, cluster)
        raise
    finally:
        if own_spool and spool is not None:
            shutil.rmtree(spool, ignore_errors=True)
    graph = KnowledgeGraph(target)
    graph.stats = stats
    return graph


def _load(
    results: Iterable[BatchResult], target, stats: BuildStats, progress: Progress | None, *, burst: int, spool: Path | None
) -> None:
    """Load the batches' N-Quads into `target` as they arrive, counting each document added once its load is in.

    Batches are gathered into loads of up to ``target.load_bytes``; where `burst` is set, the
    loads wait as part files in `spool` until `burst` bytes are ready, then go in one after
    another. Where the store's loader leaves Python's lock, each burst is loaded in a thread
    of its own while the next batches are analysed. Batches held for a burst are copied as
    they arrive where the store keeps a Turtle copy (`kg.store.Store.copy_turtle`).
    """
    from rdflib import URIRef

    def store_groups(groups: list[list[BatchResult]]) -> list[list[BatchResult]]:
        loads = [[result for result in group if result.added] for group in groups]
        # one load a group, read as it goes in; the documents marked stored once all are in
        target.load_many(b"".join(result.read() for result in loaded) for loaded in loads if loaded)
        for loaded in loads:
            for result in loaded:
                for doc_id, iri in result.versions:  # an edited file replaces its older version
                    target.drop_older(doc_id, URIRef(iri))
        for group in groups:
            for result in group:
                if result.part is not None:
                    result.part.unlink(missing_ok=True)
        return groups

    numbers = itertools.count()

    def arrived(result: BatchResult) -> BatchResult:
        if burst and result.added:
            target.copy_turtle(result.part if result.part is not None else result.nquads)
        if result.part is None and result.nquads and burst:  # on disk until its burst is loaded
            part = spool / f"here-{os.getpid()}-{next(numbers):08d}.nq"
            part.write_bytes(result.nquads)
            result = replace(result, nquads=None, part=part)
        stats.waiting += len(result.added)
        stats.failed.extend(result.failed)
        if progress is not None:
            progress(stats)
        return result

    def count(group: list[BatchResult]) -> None:
        for result in group:
            stats.waiting -= len(result.added)
            stats.added += len(result.added)
        if progress is not None:
            progress(stats)

    groups = _in_groups(map(arrived, results), target.load_bytes, lambda r: r.size, target.load_batches)
    if not target.loads_beside:
        for group in groups:
            store_groups([group])
            count(group)
    else:  # each burst is loaded in a thread of its own while the next batches are analysed
        # Once every input is handed out, what is held goes in while the last batches are
        # analysed, not after them (the last burst of 1,000 documents held 90 % of them).
        # Batches are taken as they come while a burst loads, so the workers never wait for
        # the loader, unless more than a burst waits to be loaded: a killed build then leaves
        # at most three bursts of parts (one loading, one waiting, one being gathered).
        bursts = _in_groups(groups, burst, _group_size, now=lambda: stats.read_all)
        loading: deque[tuple[Future, int]] = deque()
        waiting = 0  # bytes handed to the loader and not loaded yet

        def settle(everything: bool = False) -> None:
            """Count the bursts loaded; wait for one while another waits behind it and more than two
            bursts' bytes wait (without bursts: while a load waits behind another, as before)."""
            nonlocal waiting
            while loading and (everything or loading[0][0].done() or (len(loading) > 1 and waiting > 2 * burst)):
                future, size = loading.popleft()
                for group in future.result():
                    count(group)
                waiting -= size

        loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load")
        try:
            for held in bursts:
                size = sum(map(_group_size, held))
                loading.append((loader.submit(store_groups, held), size))
                waiting += size
                settle()
            settle(everything=True)
        except BaseException:
            loader.shutdown(wait=True, cancel_futures=True)
            raise
        loader.shutdown()


def _long_aside(
    batches: Iterable[list[Document]], target, stats: BuildStats, progress: Progress | None, tools: Callable[[], Tools]
) -> Iterator[list[Document]]:
    """Each batch less its documents over `CHUNK_CHARS`, which are built here part by part.

    A long document's N-Quads go into the store one part at a time (one transaction each),
    so neither its parse nor its triples are ever held whole; its document node, which marks
    it stored, goes in last, so an interrupted build reads it again. Where it fails, what
    went in is removed.
    """
    from rdflib import URIRef

    from kg.store.mapping import document_iri

    for batch in batches:
        for document in batch:
            if len(document.text) <= CHUNK_CHARS:
                continue
            iri = document_iri(document)
            try:
                for nquads in long_document_nquads(document, tools()):
                    target.load_nquads(nquads.encode("utf-8"))
                target.drop_older(document.id, iri)
            except Exception as exc:  # reported like a failed document of a batch  # noqa: BLE001
                message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
                log.warning("%s: failed: %s", document.id, message)
                target.remove_document(URIRef(iri))
                stats.failed.append((document.id, message))
            else:
                stats.added += 1
            if progress is not None:
                progress(stats)
        short = [d for d in batch if len(d.text) <= CHUNK_CHARS]
        if short:
            yield short
