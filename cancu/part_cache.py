"""What a build read last time, kept in OUT so a rebuild re-extracts only the files that changed.

OUT/.cache/ (the manifest does not list it; `cancu validate` passes over it):

    parts/KEY[:2]/KEY       one file's PlanPart per path it was read at, with its kept source lines
                            (cancu/kept_sources.py, for the review pages) when the build kept them
    index.json              the previous build's files: path → KEY, and the extractor's version
    push/                   what `cancu push` sent last (cancu/push_state.py), carried along

KEY is the sha256 of the file's bytes, its suffix (which decides how it is read) and the extractor's
version: the installed loaders, ontology (its data files included), graph/build.py and graph/model.py
(a PlanPart is made by them), the corrections code and cancu's version, and the corrections.yaml the
build applies. A change to any of them misses every entry. A file is not hashed again when its size and
modification time are those the previous build saw (index.json keeps them) and it was last modified well
before that build began, as make and git tell changed files.

The part of a file holds the path it was read at (provenance, sources), so an entry is reused only
for the same path; a renamed file is read again. A build writes its cache into the staging folder:
entries it reused are hard-linked from the old OUT (copied where links fail), new ones written, and the
entries of files that are gone are left behind with the old OUT.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import shutil
import time
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from cancu import kept_sources
from cancu.graph.build import PlanPart

CACHE_DIR = ".cache"
_INDEX = "index.json"
_PARTS = "parts"
CARRIED = ("push",)
# a file modified less than this before the previous build began is hashed again even with the size and
# time that build saw: the clock's tick is coarser than a nanosecond
_RACY_NS = 2_000_000_000  # folders of .cache a rebuild keeps as they are


def version_files() -> list[Path]:
    """The files whose bytes decide what a file's PlanPart is."""
    import cancu.corrections as corrections_module
    import cancu.corrections_file as corrections_file_module
    import cancu.graph.build as build_module
    import cancu.graph.model as model_module
    import cancu.kept_sources as kept_sources_module
    import cancu.loaders as loaders
    import cancu.ontology as ontology

    # this file too: it decides what an entry holds
    files = [Path(__file__)] + [Path(mod.__file__ or "") for mod in (
        build_module, model_module, corrections_module, corrections_file_module, kept_sources_module)]
    for package in (loaders, ontology):
        for folder in package.__path__:
            files += [f for f in Path(folder).rglob("*") if f.is_file() and "__pycache__" not in f.parts]
    return sorted(files, key=lambda p: p.as_posix())


@cache
def extractor_version() -> str:
    """A digest of cancu's version and of every file in version_files()."""
    h = hashlib.sha256()
    try:
        h.update(metadata.version("cancu").encode())
    except metadata.PackageNotFoundError:
        h.update(b"unknown")
    for f in version_files():
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def content_key(path: str, version: str, name: str = "") -> str | None:
    """KEY of the file at `path`, None if it cannot be read (the extractor reports it). `name`: what its
    facts cite it by (relative to the folder given), written into its part like the path."""
    h = hashlib.sha256(version.encode() + b"\0" + Path(path).suffix.lower().encode() + b"\0"
                       + name.encode("utf-8", "surrogateescape") + b"\0")
    try:
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
    except (OSError, ValueError):
        return None
    return h.hexdigest()


def _part_tuple(part: PlanPart) -> tuple[Any, ...]:
    return (part.plan, part.shared, part.local, part.n_local_nodes, part.n_local_edges, part.source, part.warnings)


@dataclass
class Counts:
    """Plans of this build by where their part came from: the figures the manifest records."""

    reused: int = 0  # same path, same bytes, same extractor: taken from the cache
    reread: int = 0  # read by the previous build, changed since (or the extractor did)
    added: int = 0  # not in the previous build
    removed: int = 0  # in the previous build, gone now

    def to_json(self) -> dict[str, int]:
        return {"reused": self.reused, "reread": self.reread, "added": self.added, "removed": self.removed}


@dataclass
class PartCache:
    """The old OUT's cache (read) and the staged build's (written)."""

    old: Path | None  # OUT/.cache of the previous build; None for a clean build
    new: Path  # the staged build's .cache
    version: str = field(default_factory=extractor_version)
    keys: dict[str, str | None] = field(default_factory=dict)  # this build's files → KEY
    previous: dict[str, str] = field(default_factory=dict)  # the previous build's files → KEY
    counts: Counts = field(default_factory=Counts)
    # KEY → path → (part, kept source lines or None)
    _pending: dict[str, dict[str, tuple[tuple[Any, ...], str | None]]] = field(default_factory=dict)
    _old_paths: dict[str, set[str]] = field(default_factory=dict)  # KEY → paths its old entry holds
    # where this build keeps each plan's source lines (None: no pages, none kept)
    keep_lines: Path | None = None
    previous_stats: dict[str, list[Any]] = field(default_factory=dict)  # path → [size, mtime_ns, name] seen
    previous_started: int = 0  # when the previous build began looking at its files (ns since the epoch)
    _stats: dict[str, list[Any]] = field(default_factory=dict)
    _started: int = 0

    @classmethod
    def open(cls, out: Path, staged: Path, use_old: bool = True, corrections: Path | None = None) -> PartCache:
        """`corrections`: the corrections.yaml the build applies, part of every KEY."""
        old = out / CACHE_DIR
        self = cls(old if use_old and old.is_dir() else None, staged / CACHE_DIR)
        if corrections is not None:
            salt = corrections.name.encode() + b"\0" + corrections.read_bytes()
            self.version = hashlib.sha256(self.version.encode() + b"\0" + salt).hexdigest()
        self.new.mkdir(parents=True, exist_ok=True)
        previous = _read_index(old)  # read even with use_old off: the counts still say what changed
        self.previous = previous.get("files", {})
        self.previous_stats = previous.get("stats", {})
        self.previous_started = previous.get("started", 0)
        if previous.get("version") != self.version:  # another extractor's: no entry is used (their KEYs
            self.old = None  # differ anyway), and every old file counts as re-read, not added
        self._carry(old)
        return self

    def split(self, named: list[tuple[str, str]]) -> tuple[set[str], list[str]]:
        """The files (path, name) whose part the cache holds (read with `load` when merged, one at a time,
        so memory does not hold them all), and the files to extract."""
        found: set[str] = set()
        todo: list[str] = []
        self._started = time.time_ns()
        for path, name in named:
            key = self.keys[path] = self._known_key(path, name) or content_key(path, self.version, name)
            if key and self.old is not None and self.previous.get(path) == key and self._entry(self.old, key).is_file():
                found.add(path)
                self.counts.reused += 1
            else:
                todo.append(path)
                if path in self.previous:
                    self.counts.reread += 1
                else:
                    self.counts.added += 1
        self.counts.removed = len(self.previous.keys() - self.keys.keys())
        return found, todo

    def _known_key(self, path: str, name: str) -> str | None:
        """The previous build's KEY of a file it read, without reading the file again, when its size and
        modification time are the ones that build saw and it was last modified well before that build
        began (a file changed again within the same tick of the clock is then not taken for unchanged)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        self._stats[path] = [st.st_size, st.st_mtime_ns, name]
        seen = self.previous_stats.get(path)
        if (self.old is None or seen != self._stats[path]
                or st.st_mtime_ns > self.previous_started - _RACY_NS):
            return None
        return self.previous.get(path)

    def load(self, path: str) -> PlanPart | None:
        """The cached part of a file `split` found; None if its entry turns out unreadable, and the file
        is then counted as re-read (the caller reads it)."""
        key = self.keys[path]
        assert self.old is not None and key
        try:
            parts = marshal.loads(self._entry(self.old, key).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            parts = None
        entry = parts.get(path) if isinstance(parts, dict) else None
        # a build keeping source lines needs them from the entry (a build without pages kept none)
        if entry is None or (self.keep_lines is not None and entry[1] is None):
            self.counts.reused -= 1
            self.counts.reread += 1
            return None
        part = PlanPart(*entry[0])
        if self.keep_lines is not None:
            (self.keep_lines / kept_sources.file_name(part.source["file"])).write_text(entry[1], encoding="utf-8")
        self._old_paths[key] = set(parts)
        self._pending.setdefault(key, {})[path] = entry
        return part

    def put(self, path: str, part: PlanPart) -> None:
        key = self.keys.get(path)
        if not key:  # unreadable when hashed yet read after: not cached, read again next time
            return
        kept = None
        if self.keep_lines is not None:  # written by the worker that read the file
            with contextlib.suppress(OSError):
                kept = (self.keep_lines / kept_sources.file_name(part.source["file"])).read_text(encoding="utf-8")
        self._pending.setdefault(key, {})[path] = (_part_tuple(part), kept)

    def finish(self) -> None:
        """Write the staged cache: an entry per KEY with every path read at it, and the index."""
        # paths as strings and folders made once: pathlib's objects were a second for 10,000 entries
        new, old = os.path.join(self.new, _PARTS), os.path.join(self.old, _PARTS) if self.old is not None else None
        made: set[str] = set()
        for key, parts in self._pending.items():
            folder = os.path.join(new, key[:2])
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            target = os.path.join(folder, key)
            # every path of the old entry reused, no other: the same bytes, linked rather than written
            if old is not None and self._old_paths.get(key) == set(parts) and _link_str(
                    os.path.join(old, key[:2], key), target):
                continue
            tmp = target + ".tmp"
            with open(tmp, "wb") as f:
                f.write(marshal.dumps(parts))
            os.replace(tmp, target)
        files = {p: k for p, k in self.keys.items() if k and p in self._pending.get(k, ())}
        index = {"version": self.version, "files": files, "started": self._started,
                 "stats": {p: st for p, st in self._stats.items() if p in files}}
        (self.new / _INDEX).write_text(json.dumps(index, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def _carry(self, old: Path) -> None:
        for name in CARRIED:
            if (old / name).is_dir():
                shutil.copytree(old / name, self.new / name, copy_function=_link_or_copy, dirs_exist_ok=True)

    @staticmethod
    def _entry(root: Path, key: str) -> Path:
        return root / _PARTS / key[:2] / key


def _read_index(cache_dir: Path) -> dict[str, Any]:
    try:
        index = json.loads((cache_dir / _INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return index if isinstance(index, dict) else {}


def _link(source: Path, target: Path) -> bool:
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def _link_str(source: str, target: str) -> bool:
    """As _link, for paths as strings, trying the link first (the target is usually not there)."""
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        return _link_str(source, target)
    except OSError:
        return False
    return True


def _link_or_copy(source: str, target: str) -> None:
    if not _link(Path(source), Path(target)):
        shutil.copy2(source, target)
