"""What a push sent, so the next push of a rebuilt OUT sends only what changed and removes what went.

The build's nodes.jsonl and edges.jsonl are the shared part (documents, agencies, plans, …) and then each
plan's own chunk (its activities and the edges it draws), whose sections the build records
(graph/chunk_cache.py). A push records:

- each node of the shared part (key → its labels and a digest of its line less the analytics, which are
  not pushed) and each of its relationships (id → type, end labels and keys, and a digest of its line),
  with the digests of the shared nodes' whole lines, so an unchanged line is not parsed again;
- each plan's chunk as one entry: the digest of its two sections → the same record of its nodes and
  relationships, marshalled (only the chunks that went or came are opened).

The next push sends a chunk only if its digest is new, and a shared line only if it changed. The record
is kept in the build folder, OUT/.cache/push/TARGET (a rebuild carries it over, cancu/part_cache.py),
and its digest on the server in one node, (:CancuPush {key: 'state', state: DIGEST}). The next push from
that OUT uses the record only if the server still holds that digest: a server wiped, or pushed from
elsewhere since, gets the whole build again, merged in as a first push is. A record is saved only after
its push has finished, so a push that stops half-way is mended by the next, which diffs against the
last finished one again (every write is a MERGE and every deletion a MATCH).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path

PUSH_DIR = "push"  # under OUT/.cache
MARKER_LABEL = "CancuPush"

NodeEntry = tuple[str, bytes]  # labels as 'Primary:Extra:…', digest of the pushed line
EdgeEntry = tuple[str, str, str, str, str, bytes]  # type, source label, target label, source key, target key,
# line digest
Entries = tuple[dict[str, NodeEntry], dict[str, EdgeEntry]]
Chunk = tuple[int, bytes]  # nodes and relationships in it, and its Entries marshalled


def line_digest(line: bytes) -> bytes:
    """A line of nodes.jsonl or edges.jsonl, or a chunk's sections, digested."""
    return hashlib.blake2b(line, digest_size=16).digest()


def chunk_entries(chunk: Chunk) -> Entries:
    nodes, edges = marshal.loads(chunk[1])
    return nodes, edges


def make_chunk(nodes: dict[str, NodeEntry], edges: dict[str, EdgeEntry]) -> Chunk:
    return len(nodes) + len(edges), marshal.dumps((nodes, edges))


@dataclass
class PushState:
    nodes: dict[str, NodeEntry] = field(default_factory=dict)  # the shared part's (a model's: all of them)
    edges: dict[str, EdgeEntry] = field(default_factory=dict)
    chunks: dict[bytes, Chunk] = field(default_factory=dict)  # digest of a plan's sections → its record
    lines: dict[bytes, str] = field(default_factory=dict)  # digest of a shared node's whole line → its key

    def digest(self) -> str:
        """The state as the marker on the server holds it: the same build pushed gives the same digest,
        however it got there."""
        h = hashlib.sha256()
        for key in sorted(self.nodes):
            labels, d = self.nodes[key]
            h.update(f"n\0{key}\0{labels}\0".encode() + d)
        for key in sorted(self.edges):
            t, sl, tl, s, tk, d = self.edges[key]
            h.update(f"e\0{key}\0{t}\0{sl}\0{tl}\0{s}\0{tk}\0".encode() + d)
        for d in sorted(self.chunks):
            h.update(b"c\0" + d)
        return h.hexdigest()

    def size(self) -> int:
        """Nodes and relationships recorded."""
        return len(self.nodes) + len(self.edges) + sum(n for n, _ in self.chunks.values())

    def flat(self) -> PushState:
        """Every node and relationship in `nodes` and `edges`, the chunks opened."""
        nodes, edges = dict(self.nodes), dict(self.edges)
        for chunk in self.chunks.values():
            n, e = chunk_entries(chunk)
            nodes.update(n)
            edges.update(e)
        return PushState(nodes, edges)


@dataclass
class Diff:
    """What a push must do to turn the previous state into the new one."""

    delete_nodes: dict[str, list[str]]  # primary label → keys (gone, or relabelled and so re-made)
    delete_edges: dict[str, list[dict[str, str]]]  # source label → {s, id}
    send_nodes: set[str]  # keys whose row is new or changed
    send_edges: set[str]  # ids whose row is new or changed, or whose end node is re-made
    remade: set[str] = field(default_factory=set)  # keys whose labels changed

    @property
    def empty(self) -> bool:
        return not (self.delete_nodes or self.delete_edges or self.send_nodes or self.send_edges)


def _opened(state: PushState, other: PushState) -> Entries:
    """The state's shared part with its chunks that `other` does not have, opened. A node or relationship
    of a chunk both have is in no other chunk: its key names its plan (its activities, its edges)."""
    nodes, edges = dict(state.nodes), dict(state.edges)
    for d, chunk in state.chunks.items():
        if d not in other.chunks:
            n, e = chunk_entries(chunk)
            nodes.update(n)
            edges.update(e)
    return nodes, edges


def diff(old: PushState, new: PushState) -> Diff:
    """The difference; the chunks both states have are the same on both sides and left out. If a node
    changed labels (`remade`), the caller diffs the states `flat` instead, so its relationships in
    unchanged chunks are sent again too."""
    old_nodes, old_edges = _opened(old, new)
    new_nodes, new_edges = _opened(new, old)
    again = {k for k, (labels, _) in new_nodes.items() if k in old_nodes and old_nodes[k][0] != labels}
    delete_nodes: dict[str, list[str]] = {}
    for key, (labels, _) in old_nodes.items():
        if key not in new_nodes or key in again:
            delete_nodes.setdefault(labels.split(":", 1)[0], []).append(key)
    delete_edges: dict[str, list[dict[str, str]]] = {}
    for eid, (t, sl, tl, s, tk, _) in old_edges.items():
        if eid not in new_edges or new_edges[eid][:5] != (t, sl, tl, s, tk):
            delete_edges.setdefault(sl, []).append({"s": s, "id": eid})
    send_nodes = {k for k, v in new_nodes.items() if old_nodes.get(k) != v}
    send_edges = {i for i, v in new_edges.items() if old_edges.get(i) != v or v[3] in again or v[4] in again}
    return Diff(delete_nodes, delete_edges, send_nodes, send_edges, again)


def state_path(out: str | Path, uri: str, database: str | None) -> Path:
    """OUT/.cache/push/TARGET: one record per server and database the build was pushed to."""
    from cancu.part_cache import CACHE_DIR

    target = hashlib.sha256(f"{uri}\0{database or ''}".encode()).hexdigest()[:20]
    return Path(out) / CACHE_DIR / PUSH_DIR / f"{target}.marshal"


_FORMAT = 2  # the record's layout; a record of another is not read (the push then sends everything)


def load(path: Path) -> PushState | None:
    """The record of the last push to this target; None if there is none or it cannot be read (the push
    then sends everything, which is slower, never wrong)."""
    try:
        record = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(record, tuple) or len(record) != 5 or record[0] != _FORMAT:
        return None
    _, nodes, edges, chunks, lines = record
    if not all(isinstance(x, dict) for x in (nodes, edges, chunks, lines)):
        return None
    return PushState(nodes, edges, chunks, lines)


def save(state: PushState, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(marshal.dumps((_FORMAT, state.nodes, state.edges, state.chunks, state.lines)))
    os.replace(tmp, path)
