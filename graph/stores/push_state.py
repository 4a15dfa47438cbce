"""What a push sent, so the next push of a rebuilt OUT sends only what changed and removes what went.

A push records each node it wrote (key → its labels and a digest of its line in nodes.jsonl) and each
relationship (id → type, end labels and keys, and a digest of its line in edges.jsonl): the next push
parses only the lines whose digest the record lacks. The record is kept in the build folder,
OUT/.cache/push/TARGET (a rebuild carries it over, cancu/part_cache.py), and its digest on the server in
one node, (:CancuPush {key: 'state', state: DIGEST}). The next push from that OUT uses the record only if
the server still holds that digest: a server wiped, or pushed from elsewhere since, gets the whole build
again, merged in as a first push is. A record is saved only after its push has finished, so a push that
stops half-way is mended by the next, which diffs against the last finished one again (every write is a
MERGE and every deletion a MATCH).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path

PUSH_DIR = "push"  # under OUT/.cache
MARKER_LABEL = "CancuPush"

NodeEntry = tuple[str, bytes]  # labels as 'Primary:Extra:…', line digest
EdgeEntry = tuple[str, str, str, str, str, bytes]  # type, source label, target label, source key, target key,
# line digest


def line_digest(line: bytes) -> bytes:
    """A node's or relationship's line of nodes.jsonl or edges.jsonl, digested: what it was pushed as
    (its row is made from the line, and from its ends' labels, which the record holds)."""
    return hashlib.blake2b(line, digest_size=16).digest()


@dataclass
class PushState:
    nodes: dict[str, NodeEntry] = field(default_factory=dict)
    edges: dict[str, EdgeEntry] = field(default_factory=dict)

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
        return h.hexdigest()


@dataclass
class Diff:
    """What a push must do to turn the previous state into the new one."""

    delete_nodes: dict[str, list[str]]  # primary label → keys (gone, or relabelled and so re-made)
    delete_edges: dict[tuple[str, str, str], list[dict[str, str]]]  # (type, sl, tl) → {s, t, id}
    send_nodes: set[str]  # keys whose row is new or changed
    send_edges: set[str]  # ids whose row is new or changed, or whose end node is re-made

    @property
    def empty(self) -> bool:
        return not (self.delete_nodes or self.delete_edges or self.send_nodes or self.send_edges)


def diff(old: PushState, new: PushState) -> Diff:
    remade = {k for k, (labels, _) in new.nodes.items() if k in old.nodes and old.nodes[k][0] != labels}
    delete_nodes: dict[str, list[str]] = {}
    for key, (labels, _) in old.nodes.items():
        if key not in new.nodes or key in remade:
            delete_nodes.setdefault(labels.split(":", 1)[0], []).append(key)
    delete_edges: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for eid, (t, sl, tl, s, tk, _) in old.edges.items():
        if eid not in new.edges or new.edges[eid][:5] != (t, sl, tl, s, tk):
            delete_edges.setdefault((t, sl, tl), []).append({"s": s, "t": tk, "id": eid})
    send_nodes = {k for k, v in new.nodes.items() if old.nodes.get(k) != v}
    send_edges = {i for i, v in new.edges.items() if old.edges.get(i) != v or v[3] in remade or v[4] in remade}
    return Diff(delete_nodes, delete_edges, send_nodes, send_edges)


def state_path(out: str | Path, uri: str, database: str | None) -> Path:
    """OUT/.cache/push/TARGET: one record per server and database the build was pushed to."""
    from cancu.part_cache import CACHE_DIR

    target = hashlib.sha256(f"{uri}\0{database or ''}".encode()).hexdigest()[:20]
    return Path(out) / CACHE_DIR / PUSH_DIR / f"{target}.marshal"


def load(path: Path) -> PushState | None:
    """The record of the last push to this target; None if there is none or it cannot be read (the push
    then sends everything, which is slower, never wrong)."""
    try:
        nodes, edges = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(nodes, dict) or not isinstance(edges, dict):
        return None
    return PushState(nodes, edges)


def save(state: PushState, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(marshal.dumps((state.nodes, state.edges)))
    os.replace(tmp, path)

