"""A Turtle copy of the document graphs an Oxigraph folder loads, so that its Turtle export need not read them back.

Oxigraph reads a store on disk back at ~5 µs of CPU a quad: most of writing ``graph.ttl``
at the end of a build (9 s of CPU for the 1.6 million quads of 1,000 documents). The same
quads, loaded into an in-memory Oxigraph store as they go into the folder, are written as
Turtle at ~2 µs a quad, in the loading thread and mostly outside Python's lock, while the
next documents are parsed. The export then copies each copied graph's Turtle and has
Oxigraph dump only the graphs it does not hold (`kg.store.oxigraph.OxigraphStore.keep_turtle`).

Where the copy is made in a thread that has nothing else to do (a build whose workers are
other processes: `add` with ``in_python``), N-Quads written one statement a line, as kg writes
them, are turned into Turtle line by line instead (`turtle_by_graph`): ~1.5 µs of CPU a quad
against ~1.9-2.0 through the in-memory store, under Python's lock; anything else (blank nodes,
comments, other spacing) goes through Oxigraph.

A graph is copied only if the folder did not hold it before its first load, so its copy is
what the store holds; the shared actor graph, written by every document and by the identity
pass, is never copied. The copy lives in an unnamed temporary file (``TMPDIR``): the size of
the Turtle of what the build loaded, gone when the process ends, however it ends.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO

__all__ = ["PrefixedNames", "TurtleCopy", "Unprefixed", "turtle_by_graph"]


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
        self._names = PrefixedNames(prefixes)

    def add(self, nquads: bytes, *, stored_before: Callable[[str], bool], in_python: bool = False) -> list[str]:
        """Copy the named graphs of `nquads`, about to be loaded into the store.

        Args:
            nquads: What is loaded.
            stored_before: Whether the store already holds a graph (asked before the load).
                Such a graph is not copied, unless its earlier quads are copied too (a long
                document loaded part by part).
            in_python: Turn lines into Turtle in Python where they allow it (`turtle_by_graph`):
                about three quarters of the CPU of an in-memory Oxigraph store, all of it under Python's lock.

        Returns:
            The IRIs of the graphs copied.
        """
        converted = turtle_by_graph(nquads, self._names) if in_python else None
        graphs = converted.items() if converted is not None else self._through_oxigraph(nquads)
        copied = []
        for name, turtle in graphs:
            if name in self._skip:
                continue
            with self._lock:
                known = name in self._chunks
            if not known and stored_before(name):
                self.forget(name)
                continue
            data = turtle()
            with self._lock:
                if self._file.closed or name in self._skip:
                    continue
                self._file.seek(self._end)
                self._file.write(data)
                self._chunks.setdefault(name, []).append((self._end, len(data)))
                self._end += len(data)
            copied.append(name)
        return copied

    def _through_oxigraph(self, nquads: bytes) -> Iterator[tuple[str, Callable[[], bytes]]]:
        """Each named graph of `nquads`, with a function that writes its Turtle: through an in-memory store."""
        import pyoxigraph as ox

        memory = ox.Store()
        memory.load(nquads, format=ox.RdfFormat.N_QUADS)

        def dump(graph: ox.NamedNode) -> bytes:
            turtle = io.BytesIO()
            memory.dump(Unprefixed(turtle, self._header), ox.RdfFormat.TURTLE, from_graph=graph, prefixes=self._prefixes)
            return turtle.getvalue()

        for graph in memory.named_graphs():
            yield graph.value, lambda graph=graph: dump(graph)

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


_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
#: A local name a prefixed name may have as it is, once its slashes are escaped (Turtle's ``PN_LOCAL``, in ASCII).
_LOCAL = re.compile(rb"(?:[A-Za-z0-9_]|[A-Za-z0-9_][A-Za-z0-9_/.-]*[A-Za-z0-9_/-])?")


class PrefixedNames:
    """IRIs (as N-Triples writes them) → the prefixed names Turtle allows for them; ``a`` for ``rdf:type``.

    Examples:
        >>> names = PrefixedNames({"id": "https://w3id.org/kg/id/"})
        >>> names(b"<https://w3id.org/kg/id/doc/1/s0>"), names(b"<https://w3id.org/kg/id/-x>")
        (b'id:doc\\\\/1\\\\/s0', b'<https://w3id.org/kg/id/-x>')
    """

    def __init__(self, prefixes: dict[str, str]) -> None:
        # longest namespace first, so that a namespace inside another is not taken for it
        self._namespaces = sorted(((b"<" + iri.encode(), f"{prefix}:".encode()) for prefix, iri in prefixes.items()),
                                  key=lambda pair: -len(pair[0]))
        self.known: dict[bytes, bytes] = {_RDF_TYPE: b"a"}

    def __call__(self, iri: bytes) -> bytes:
        found = self.known.get(iri)
        if found is None:
            found = iri
            for namespace, prefix in self._namespaces:
                if iri.startswith(namespace):
                    local = iri[len(namespace):-1]
                    if _LOCAL.fullmatch(local):
                        found = prefix + local.replace(b"/", b"\\/")
                    break
            if len(self.known) >= 1 << 16:
                self.known = {_RDF_TYPE: b"a"}
            self.known[iri] = found
        return found


def turtle_by_graph(nquads: bytes, names: PrefixedNames | None = None) -> dict[str, Callable[[], bytes]] | None:
    """N-Quads written one statement a line, each ``S P O G .`` with single spaces and a named graph: the
    Turtle of each graph (a statement per subject, its predicate-object pairs after ``;``), by graph IRI.

    N-Triples terms are Turtle terms, so only the line is taken apart, never a term: the graph is
    the last term, the subject and predicate the first two (IRIs hold no space), the object what
    lies between. IRIs are written as `names` gives them. None where a line has another form (a
    blank node, whose label would be shared with other graphs' in one file; a comment; a triple
    with no graph; other spacing): the caller lets a parser read the data.

    Examples:
        >>> out = turtle_by_graph(b'<s> <p> "a b" <g> .\\n<s> <q> <o> <g> .\\n')
        >>> out["g"]()
        b'<s> <p> "a b" ;\\n\\t<q> <o> .\\n'
        >>> turtle_by_graph(b'_:b <p> <o> <g> .\\n') is None
        True
    """
    if b"_:" in nquads:  # possibly a blank node: its label is the load's own
        return None
    names = names or PrefixedNames({})
    graphs: dict[bytes, list[bytes]] = {}
    subjects: dict[bytes, bytes] = {}  # graph → the subject of its open statement
    graph = subject = b""
    lines: list[bytes] = []
    known = names.known
    for line in nquads.split(b"\n"):
        if not line:
            continue
        if line[-3:] != b"> .":
            return None
        triple, _, name = line[:-2].rpartition(b" ")
        parts = triple.split(b" ", 2)
        if len(parts) != 3 or name[:1] != b"<" or b"\\" in name or parts[0][:1] != b"<" or parts[1][:1] != b"<":
            return None
        s, p, o = parts
        p = known.get(p) or names(p)
        if o[:1] == b"<":
            o = known.get(o) or names(o)
        elif o[-1:] == b">":  # a typed literal: its datatype too
            lexical, typed, datatype = o.rpartition(b'"^^<')
            if typed:
                o = lexical + b'"^^' + names(b"<" + datatype)
        if name != graph:
            if graph:
                subjects[graph] = subject
            graph = name
            lines = graphs.setdefault(name, [])
            subject = subjects.get(name, b"")
        if s == subject:
            lines.append(b" ;\n\t" + p + b" " + o)
        else:
            if subject:
                lines.append(b" .\n")
            lines.append((known.get(s) or names(s)) + b" " + p + b" " + o)
            subject = s
    if graph:
        subjects[graph] = subject
    return {name[1:-1].decode(): (lambda lines=lines: b"".join(lines) + b" .\n")
            for name, lines in graphs.items()}


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
