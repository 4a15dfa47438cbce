"""Each plan's own chunk of the model (graph/spool.py) as the build's outputs show it, kept between builds.

A plan's activities and the edges it draws (its chunk) are most of graph.nt, nodes.jsonl and
edges.jsonl, and what a chunk writes there depends on its bytes alone and on the renames of the
documents its edges name (graph.build.merge_undated: an undated citation joining the one dated
document of its number somewhere in the corpus). So a rebuild in which few plans changed copies the
other chunks' sections from the previous build's files instead of writing them again, and takes their
counts and their share of the analytics (graph/analytics.py Tally) from the previous build, without
reading them from the spool. What the previous build left in OUT/.cache:

    chunks.marshal            digest of a chunk's bytes → the keys its edges name outside the chunk
                              (what a rename can touch); chunk identity → its facts (counts, tally)
    segments-WRITER.marshal   chunk identity → where its sections are in each file WRITER wrote

A chunk's identity is its bytes' digest with the renames of the keys it names. Each record holds a
version of the code that makes the outputs (a change to it invalidates the record) and the size and
modification time of the files its sections are in (a file changed since is not copied from).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import marshal
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cancu.graph import model as m

CHUNKS = "chunks.marshal"
# a chunk's facts: its nodes, its nodes by label, its edges by type (as read, renames applied), its Tally parts
Facts = tuple[int, dict[str, int], dict[str, int], tuple[Any, ...]]
Section = tuple[int, int]  # offset and length in a file


@cache
def render_version() -> str:
    """The extractor's version (what a chunk's bytes mean) and the code that turns a chunk into output."""
    from importlib import metadata

    import cancu.graph.analytics as analytics
    import cancu.graph.stores.property_graph as property_graph
    import cancu.graph.stores.rdf as rdf

    from cancu.part_cache import extractor_version

    h = hashlib.sha256(extractor_version().encode() + b"\0" + metadata.version("rdflib").encode())
    for mod in (analytics, property_graph, rdf):
        h.update(Path(mod.__file__ or "").read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


def _load(path: Path) -> dict[str, Any]:
    try:
        record = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return record if isinstance(record, dict) and record.get("version") == render_version() else {}


def _save(record: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(marshal.dumps({"version": render_version(), **record}))
    os.replace(tmp, path)


def facts_of(nodes: list[m.Node], edges: list[m.Edge]) -> Facts:
    """A chunk's counts by label and type, and its share of the analytics' tallies."""
    from cancu.graph.analytics import Tally

    labels: dict[str, int] = {}
    for n in nodes:
        for lab in n.labels:
            labels[lab] = labels.get(lab, 0) + 1
    types: dict[str, int] = {}
    for e in edges:
        types[e.type] = types.get(e.type, 0) + 1
    return len(nodes), labels, types, Tally().add(edges).parts()


@dataclass
class ChunkCache:
    """The previous build's record (`old`: that OUT, None for none) and this build's (written in `new`,
    the staged OUT's .cache)."""

    old: Path | None
    new: Path
    _ends_old: dict[bytes, tuple[str, ...]] = field(default_factory=dict)
    _facts_old: dict[bytes, Facts] = field(default_factory=dict)
    ends: dict[bytes, tuple[str, ...]] = field(default_factory=dict)
    facts: dict[bytes, Facts] = field(default_factory=dict)
    _ids: list[tuple[str, bytes]] | None = None

    def __post_init__(self) -> None:
        if self.old is not None:
            record = _load(self.old / ".cache" / CHUNKS)
            self._ends_old, self._facts_old = record.get("ends", {}), record.get("facts", {})

    def identities(self, model: m.Model) -> list[tuple[str, bytes]]:
        """Each live chunk's plan and identity, in the spool's order (that of the outputs)."""
        if self._ids is not None:
            return self._ids
        spool = model.spool
        ids: list[tuple[str, bytes]] = []
        for plan in spool.offsets if spool is not None else ():
            assert spool is not None
            digest = spool.digests[plan]
            ends = self._ends_old.get(digest)
            chunk = None
            if ends is None:
                chunk = spool.get(plan)
                assert chunk
                local = f"{m.ACTIVITY_PREFIX}{plan}/"
                ends = tuple(sorted({k for s, t, _, _ in chunk[2] for k in (s, t) if not k.startswith(local)}))
            self.ends[digest] = ends
            renames = model.renames
            moved = tuple((k, renames[k]) for k in ends if k in renames)
            ident = hashlib.sha1(digest + marshal.dumps(moved)).digest()
            if chunk is not None and ident not in self._facts_old:  # read now: its facts while it is at hand
                self.facts[ident] = facts_of(*model.chunk(plan))
            ids.append((plan, ident))
        self._ids = ids
        return ids

    def chunk_facts(self, model: m.Model, make: Callable[[list[m.Node], list[m.Edge]], Facts]) -> Iterator[Facts]:
        """Every chunk's facts in order: the previous build's where it had the same chunk, else `make`'s."""
        for plan, ident in self.identities(model):
            facts = self.facts.get(ident) or self._facts_old.get(ident)
            if facts is None:
                facts = make(*model.chunk(plan))
            self.facts[ident] = facts
            yield facts

    def save(self) -> None:
        """This build's chunks.marshal: what the next build reuses (only chunks this build has)."""
        live = {ident for _, ident in self._ids or ()}
        _save({"ends": self.ends, "facts": {i: f for i, f in self.facts.items() if i in live}}, self.new / CHUNKS)

    def segments(self, writer: str) -> SegmentRecord:
        old = _load(self.old / ".cache" / f"segments-{writer}.marshal") if self.old is not None else {}
        return SegmentRecord(self, writer, old)


@dataclass
class SegmentRecord:
    """One writer's sections: the previous build's to copy from, this build's as they are written."""

    cache: ChunkCache
    writer: str
    old: dict[str, Any]
    new: dict[str, Any] = field(default_factory=lambda: {"sizes": {}, "at": {}})

    def write_file(self, model: m.Model, path: Path,
                   passes: list[tuple[Callable[[], Iterable[str]], Callable[[list[m.Node], list[m.Edge]],
                                                                           Iterable[str]]]]) -> None:
        """Write `path` as passes, each the lines of the shared part, then the lines of every chunk in
        order (copied from the previous build's file where it had the chunk)."""
        name = path.name
        old_at: dict[bytes, tuple[Section, ...]] = {}
        src = None
        if self.old and self.cache.old is not None:
            old_file = self.cache.old / name
            with contextlib.suppress(OSError):
                st = old_file.stat()
                if [st.st_size, st.st_mtime_ns] == self.old.get("stamps", {}).get(name):
                    old_at = self.old["at"].get(name, {})
                    src = os.open(old_file, os.O_RDONLY)
        at: dict[bytes, list[Section]] = {}
        ids = self.cache.identities(model)
        try:
            with _Sink(path, src) as sink:
                for i, (shared, per_chunk) in enumerate(passes):
                    sink.lines(shared())
                    for plan, ident in ids:
                        start = sink.pos
                        old = old_at.get(ident)
                        if old is not None:
                            sink.copy(*old[i])
                        else:
                            sink.lines(per_chunk(*model.chunk(plan)))
                        at.setdefault(ident, []).append((start, sink.pos - start))
                size = sink.pos
        finally:
            if src is not None:
                os.close(src)
        self.new["sizes"][name] = size
        st = path.stat()  # a file changed since (size or time) is not copied from
        self.new.setdefault("stamps", {})[name] = [st.st_size, st.st_mtime_ns]
        self.new["at"][name] = {ident: tuple(sections) for ident, sections in at.items()}

    def save(self) -> None:
        _save(self.new, self.cache.new / f"segments-{self.writer}.marshal")


class _Sink:
    """A file written from lines and from ranges of another file (copied in the kernel where it can),
    counting its bytes; ranges that follow each other are copied at once."""

    BUFFER = 1 << 20

    def __init__(self, path: Path, src: int | None) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.src = src
        self.pos = 0
        self._buffer: list[bytes] = []
        self._size = 0
        self._copy: Section | None = None  # pending range of src

    def __enter__(self) -> _Sink:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self._flush_text()
                self._flush_copy()
        finally:
            os.close(self.fd)

    def lines(self, lines: Iterable[str]) -> None:
        self._flush_copy()
        text = "".join(lines)
        if not text:
            return
        data = text.encode("utf-8")
        self._buffer.append(data)
        self._size += len(data)
        self.pos += len(data)
        if self._size >= self.BUFFER:
            self._flush_text()

    def copy(self, offset: int, length: int) -> None:
        self._flush_text()
        if self._copy is not None and self._copy[0] + self._copy[1] == offset:
            self._copy = (self._copy[0], self._copy[1] + length)
        else:
            self._flush_copy()
            self._copy = (offset, length)
        self.pos += length

    def _flush_text(self) -> None:
        if self._buffer:
            _write_all(self.fd, b"".join(self._buffer))
            self._buffer, self._size = [], 0

    def _flush_copy(self) -> None:
        if self._copy is None:
            return
        offset, length = self._copy
        self._copy = None
        assert self.src is not None
        while length:
            try:
                n = os.copy_file_range(self.src, self.fd, length, offset)
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                    raise
                n = _write_all(self.fd, os.pread(self.src, min(length, 1 << 24), offset))
            if n == 0:
                raise OSError(errno.EIO, "the previous build's file is shorter than its record says")
            offset += n
            length -= n


def _write_all(fd: int, data: bytes) -> int:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    return len(data)


def build_sections(out: Path, writer: str, data: dict[str, bytes]) -> list[tuple[Section, ...]]:
    """Each plan's sections in the files `writer` wrote to OUT (their bytes in `data`, by file name), in
    order, one per file: [] if OUT holds no record of them, or one that does not fit the files (each
    section whole lines, one after the other to the end of the file). What a push reads the build by."""
    try:
        record = marshal.loads((out / ".cache" / f"segments-{writer}.marshal").read_bytes())
        at = [record["at"][name] for name in data]
        sizes = [record["sizes"][name] for name in data]
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        return []
    if not all(isinstance(a, dict) for a in at) or sizes != [len(b) for b in data.values()]:
        return []
    idents = list(at[0])
    if any(list(a) != idents for a in at):
        return []
    sections = [tuple(a[i][0] for a in at) for i in idents]
    for column, bytes_ in enumerate(data.values()):
        end = sections[0][column][0] if sections else len(bytes_)
        for row in sections:
            offset, length = row[column]
            if offset != end or (offset and bytes_[offset - 1:offset] != b"\n"):
                return []
            end = offset + length
        if end != len(bytes_):
            return []
    return sections
