"""Batches of documents on a Dask cluster: each worker loads the model once and writes N-Quads parts.

`run_on_dask` sends the batches `kg.pipeline.build` gives it to a ``distributed.LocalCluster``
of single-threaded worker processes, or to a running scheduler, and yields each finished batch
(`kg.pipeline.BatchResult`) with the part file its worker wrote. A part is written to a
temporary name and renamed, under a name made from its documents' content hashes: a batch
run again (its worker died) writes the same file, never half of one.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.pipeline import BatchResult, BuildStats, Tools, run_batch
from kg.types import Document

__all__ = ["connect", "local_cluster", "part_name", "run_on_dask", "write_part"]

log = logging.getLogger(__name__)

_TOOLS: dict[tuple, Tools] = {}  # per worker process: loaded on its first batch


def part_name(documents: Sequence[Document]) -> str:
    """The part file's name: a digest of the batch's content hashes (the same batch, the same name).

    Examples:
        >>> part_name([Document("a", "Iran attacked Iraq.")]) == part_name([Document("b", "Iran attacked Iraq.")])
        True
    """
    digest = hashlib.sha256("".join(d.content_hash for d in documents).encode("ascii")).hexdigest()
    return f"part-{digest[:24]}.nq"


def write_part(folder: Path | str, documents: Sequence[Document], settings: dict[str, Any]) -> BatchResult:
    """Run one batch in this process and write its N-Quads as a part in `folder` (write, then rename).

    The pipeline is loaded on the process's first batch and kept for the next ones.
    """
    from kg.store import atomic_write

    key = (settings["model"], settings["actor_files"], settings["verb_files"])
    tools = _TOOLS.get(key)
    if tools is None:
        tools = _TOOLS[key] = Tools.load(
            model=settings["model"], actor_files=settings["actor_files"], verb_files=settings["verb_files"]
        )
    result = run_batch(documents, tools)
    part = None
    if result.added:
        part = atomic_write(Path(folder) / part_name(documents), result.nquads)
    return BatchResult(None, part, result.added, result.failed, result.versions)


def connect(workers: int, scheduler: str | None):
    """A Dask client and the cluster made for it: on the scheduler given (no cluster made), or
    on a new LocalCluster of `workers` single-threaded processes.

    Raises:
        InputError: The scheduler does not answer.
    """
    import dask
    from distributed import Client

    dask.config.set({"distributed.scheduler.allowed-failures": 3})
    if scheduler is not None:
        try:
            return Client(scheduler, timeout="10s", set_as_default=False), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"{scheduler}: no Dask scheduler answers there ({' '.join(str(exc).split())[:200]})") from exc
    cluster = local_cluster(workers)
    return Client(cluster, set_as_default=False), cluster


def local_cluster(workers: int):
    """A ``distributed.LocalCluster`` of `workers` single-threaded processes, set up for kg.

    Dask starts its workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which hands freed memory
    back to the system so eagerly that the analysis took ~8 % more CPU (docs/scale.md); here
    it is left unset, so glibc's own threshold applies (one set in this process's
    environment still reaches the workers).
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=logging.ERROR, memory_limit=0)


def run_on_dask(
    batches: Iterable[list[Document]],
    settings: dict[str, Any],
    *,
    client: Any,
    cluster: Any,
    parts: Path,
    stats: BuildStats,
) -> Iterator[BatchResult]:
    """Run the batches on Dask, a few in flight per worker, and yield each as it finishes.

    Args:
        batches: Lists of documents still to add (read lazily: only the batches in flight
            are held).
        settings: ``model``, ``actors`` and ``verbs`` for `kg.pipeline.Tools.load`.
        client: The Dask client (`connect`); closed at the end, with `cluster` if any.
        cluster: The cluster made for it, or None.
        parts: The folder the workers write parts to (every worker must reach it); the
            parts stay there for the caller to load and remove.
        stats: The build's counts (its ``workers`` is set to the cluster's).
    """
    from distributed import as_completed

    folder = Path(parts)
    try:
        stats.workers = max(len(client.scheduler_info().get("workers", {})), 1)
        queue = iter(batches)

        def submit():
            batch = next(queue, None)
            if batch is None:
                stats.read_all = True
                return None
            key = f"kg-batch-{part_name(batch)[5:-3]}"
            return client.submit(write_part, str(folder), batch, settings, key=key, pure=False)

        first = [future for future in (submit() for _ in range(2 * stats.workers + 1)) if future is not None]
        with client.as_current():
            pending = as_completed(first)
        for future in pending:
            result = future.result()
            future.release()
            following = submit()
            if following is not None:
                pending.add(following)
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
