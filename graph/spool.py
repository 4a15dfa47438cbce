"""Plan-local facts on disk: what makes memory follow the shared graph, not the corpus.

Most of the graph belongs to one plan alone: its activities and the edges the plan and its
activities draw (citations, roles, recipients), each with its file, line and text. Nothing else
merges with them, so they are marshalled to a temporary file, one chunk per plan, as the plans come,
and read back whenever the model is walked. Documents, agencies, people, provinces and plans, which
plans share and entity resolution merges, stay in memory.

A chunk is `(plan, nodes, edges)` in plain tuples (marshal is the fastest codec for them and the
file never outlives the process): nodes `(key, labels, props, provenance)`, edges
`(source, target, type, props)`. A plan read from two files (the same plan as .docx and .pdf) is one
chunk: the second merges into the first, which is rewritten and the old copy skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
import struct
import tempfile
import weakref
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

Chunk = tuple[str, list[Any], list[Any]]
# each chunk is its length, then its marshalled bytes: marshal.load on a file reads in small pieces and
# was most of the cost of walking the spool; one read and marshal.loads is not
_LENGTH = struct.Struct("<I")


def _read_chunk(f: BinaryIO, skip: bool = False) -> Chunk | tuple[()] | None:
    """The chunk at the file's position (an empty tuple if skipped), None at the end."""
    head = f.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    if skip:
        f.seek(size, os.SEEK_CUR)
        return ()
    data = f.read(size)
    return marshal.loads(data) if len(data) == size else None


def chunk_digest(data: bytes) -> bytes:
    return hashlib.sha1(data).digest()


def _remove(path: str, owner: int) -> None:
    if os.getpid() == owner:  # a forked writer must not delete its parent's file
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


class Spool:
    """Append-only chunks with an index by plan; readable from forked processes (each opens its own
    handle)."""

    def __init__(self, directory: str | None = None) -> None:
        # a build gives its work folder (graph/outdir.py), so a killed build's spool goes with it
        fd, self.path = tempfile.mkstemp(prefix="cancu-spool-", suffix=".marshal", dir=directory)
        self._writer: BinaryIO = os.fdopen(fd, "wb")
        self._finalizer = weakref.finalize(self, _remove, self.path, os.getpid())
        self.offsets: dict[str, int] = {}  # plan → offset of its live chunk, in the order the chunks came
        # plan → digest of its live chunk's bytes: what the outputs cached between builds are keyed by
        # (graph/chunk_cache.py)
        self.digests: dict[str, bytes] = {}
        self._dead: set[int] = set()  # offsets of chunks merged into a later one
        self.n_nodes = 0
        self.n_edges = 0
        self._reader: tuple[int, BinaryIO] | None = None
        self._last: tuple[str, Chunk] | None = None  # the chunk read last, for lookups in a row

    def put(self, data: bytes, n_nodes: int, n_edges: int, plan: str,
            merge: Callable[[Chunk, Chunk], Chunk]) -> None:
        """Append one plan's chunk (already marshalled, usually in a worker process)."""
        if plan in self.offsets:  # the same plan again: one chunk for both, as one model would hold it
            old = self.get(plan)
            assert old is not None
            self._dead.add(self.offsets.pop(plan))
            self.n_nodes -= len(old[1])
            self.n_edges -= len(old[2])
            merged = merge(old, marshal.loads(data))
            data, n_nodes, n_edges = marshal.dumps(merged), len(merged[1]), len(merged[2])
        self.offsets[plan] = self._writer.tell()
        self.digests[plan] = chunk_digest(data)
        self._writer.write(_LENGTH.pack(len(data)))
        self._writer.write(data)
        self.n_nodes += n_nodes
        self.n_edges += n_edges
        self._last = None

    def flush(self) -> None:
        self._writer.flush()

    def move(self, directory: str | None = None) -> None:
        """Carry the spool out of a folder about to be removed (a build's work folder) into `directory`
        (None: the temporary folder), for a model still used after its build."""
        self._writer.close()
        if self._reader is not None:
            self._reader[1].close()
            self._reader = None
        fd, path = tempfile.mkstemp(prefix="cancu-spool-", suffix=".marshal", dir=directory)
        os.close(fd)
        shutil.move(self.path, path)  # a rename on one filesystem
        self._finalizer.detach()
        self.path = path
        self._finalizer = weakref.finalize(self, _remove, self.path, os.getpid())
        self._writer = open(path, "ab")  # noqa: SIM115 - the spool's own handle, closed with it

    def get(self, plan: str) -> Chunk | None:
        if self._last is not None and self._last[0] == plan:
            return self._last[1]
        offset = self.offsets.get(plan)
        if offset is None:
            return None
        f = self._read_handle()
        f.seek(offset)
        chunk = _read_chunk(f)
        assert chunk, f"spool chunk of {plan} cut short"  # neither None (cut short) nor () (only when skipping)
        self._last = (plan, chunk)
        return chunk

    def chunks(self) -> Iterator[Chunk]:
        """Every live chunk in the order the plans came."""
        self.flush()
        with open(self.path, "rb", buffering=1 << 20) as f:
            while True:
                offset = f.tell()
                chunk = _read_chunk(f, skip=offset in self._dead)
                if chunk is None:
                    return
                if chunk:
                    yield chunk

    def _read_handle(self) -> BinaryIO:
        self.flush()
        if self._reader is None or self._reader[0] != os.getpid():
            self._reader = (os.getpid(), open(self.path, "rb"))  # noqa: SIM115 - kept open for lookups
        return self._reader[1]

    def __len__(self) -> int:
        return len(self.offsets)
