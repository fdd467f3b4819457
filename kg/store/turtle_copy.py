"""A Turtle copy of the document graphs an Oxigraph folder loads, so that its Turtle export need not read them back.

Oxigraph reads a store on disk back at ~5 µs of CPU a quad: most of writing ``graph.ttl``
at the end of a build (9 s of CPU for the 1.6 million quads of 1,000 documents). The same
quads, loaded into an in-memory Oxigraph store as they go into the folder, are written as
Turtle at ~2.4 µs a quad, in the loading thread and mostly outside Python's lock, while the
next documents are parsed. The export then copies each copied graph's Turtle and has
Oxigraph dump only the graphs it does not hold (`kg.store.oxigraph.OxigraphStore.keep_turtle`).

A graph is copied only if the folder did not hold it before its first load, so its copy is
what the store holds; the shared actor graph, written by every document and by the identity
pass, is never copied. The copy lives in an unnamed temporary file (``TMPDIR``): the size of
the Turtle of what the build loaded, gone when the process ends, however it ends.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
from collections.abc import Callable
from typing import BinaryIO

__all__ = ["TurtleCopy", "Unprefixed"]


class TurtleCopy:
    """Turtle of whole named graphs, kept on disk as they are loaded; each graph's is read back by name.

    Args:
        prefixes: The prefixes the copies are written with (those of the export).
        header: The prefix lines Oxigraph opens a dump with; left out of each copy.
        skip: IRIs of graphs never to copy.
    """

    def __init__(self, *, prefixes: dict[str, str], header: bytes, skip: set[str]) -> None:
        self._file: BinaryIO = tempfile.TemporaryFile(prefix="kg-turtle-")
        self._prefixes, self._header, self._skip = prefixes, header, set(skip)
        self._chunks: dict[str, list[tuple[int, int]]] = {}
        self._end = 0
        self._lock = threading.Lock()

    def add(self, nquads: bytes, *, stored_before: Callable[[str], bool]) -> list[str]:
        """Copy the named graphs of `nquads`, about to be loaded into the store.

        Args:
            nquads: What is loaded.
            stored_before: Whether the store already holds a graph (asked before the load).
                Such a graph is not copied, unless its earlier quads are copied too (a long
                document loaded part by part).

        Returns:
            The IRIs of the graphs copied.
        """
        import pyoxigraph as ox

        memory = ox.Store()
        memory.load(nquads, format=ox.RdfFormat.N_QUADS)
        copied = []
        for graph in memory.named_graphs():
            name = graph.value
            if name in self._skip:
                continue
            with self._lock:
                known = name in self._chunks
            if not known and stored_before(name):
                self.forget(name)
                continue
            turtle = io.BytesIO()
            memory.dump(Unprefixed(turtle, self._header), ox.RdfFormat.TURTLE, from_graph=graph, prefixes=self._prefixes)
            data = turtle.getvalue()
            with self._lock:
                if self._file.closed or name in self._skip:
                    continue
                self._file.seek(self._end)
                self._file.write(data)
                self._chunks.setdefault(name, []).append((self._end, len(data)))
                self._end += len(data)
            copied.append(name)
        return copied

    def forget(self, name: str) -> None:
        """Stop copying the graph `name` (it was changed other than by a load): the store has it."""
        with self._lock:
            self._chunks.pop(name, None)
            self._skip.add(name)

    def clear(self) -> None:
        """Forget every graph (the store was written by a means the copy cannot follow)."""
        with self._lock:
            self._skip.update(self._chunks)
            self._chunks.clear()

    def turtle(self, name: str) -> bytes | None:
        """The Turtle of graph `name` (no prefix lines), or None where it is not copied."""
        with self._lock:
            chunks = list(self._chunks.get(name, ()))
            if not chunks or self._file.closed:
                return None
            self._file.flush()
            fd = self._file.fileno()
            return b"".join(os.pread(fd, size, offset) for offset, size in chunks)

    def __len__(self) -> int:
        return len(self._chunks)

    def close(self) -> None:
        with self._lock:
            self._chunks.clear()
            self._file.close()


class Unprefixed:
    """A binary writer that passes on what is written less the ``header`` it opens with."""

    def __init__(self, output: BinaryIO, header: bytes) -> None:
        self._output, self._header, self._held = output, header, b""
        self._passing = not header

    def write(self, data: bytes) -> int:
        size = len(data)
        if not self._passing:
            self._held += bytes(data)
            if len(self._held) < len(self._header) and self._header.startswith(self._held):
                return size
            self._passing = True
            data, self._held = self._held.removeprefix(self._header), b""
        self._output.write(data)
        return size

    def flush(self) -> None:
        self._output.flush()
