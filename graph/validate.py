"""Check a build: whole as its manifest recorded it, and against the SHACL shapes of ontology/shapes.ttl."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cancu.errors import CancuError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@dataclass
class Report:
    conforms: bool
    violations: list[str]


def validate_build(out: str | Path) -> Report:
    """Run pyshacl on OUT/graph.nt with the cancu ontology; each violation as one readable line."""
    import pyshacl
    from cancu.ontology import knowledge
    from rdflib import Graph
    from rdflib.namespace import SH

    nt = Path(out) / "graph.nt"
    if not nt.exists():
        raise CancuError(f"{out}: no graph.nt here; run `cancu build PLANS --out {out}` first")
    here = Path(knowledge.__file__).parent
    data = Graph().parse(nt, format="nt")
    shapes = Graph().parse(here / "shapes.ttl")
    ont = Graph().parse(here / "cancu.ttl")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                            advanced=True, allow_warnings=True)
    lines = []
    for r in results.subjects(SH.resultSeverity, None):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        msg = results.value(r, SH.resultMessage)
        value = results.value(r, SH.value)
        lines.append(f"{focus} {path or ''}: {msg}" + (f" (value: {value})" if value is not None else ""))
    return Report(bool(conforms), sorted(lines))


# what may sit in a build without the manifest listing it: the query store `cancu query` keeps there, and
# the cache of extracted parts and push state (cancu/part_cache.py), which outlive the build
_NOT_LISTED = {"manifest.json", ".oxigraph", ".cache"}
_PLAN_LINK = re.compile(r'href="(plans/[^"#?]+)"')


def stale_corrections(out: str | Path) -> list[str]:
    """The corrections the build could not apply (manifest.json "corrections"), one line each."""
    try:
        manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # check_whole says what is wrong with the manifest
    report = manifest.get("corrections") or {}
    return [f"{report.get('file')} line {s['line']}: stale correction, not applied: {s['message']}"
            for s in report.get("stale", [])]


def check_whole(out: str | Path) -> list[str]:
    """The build as its manifest recorded it: each problem as one line (none: whole)."""
    out = Path(out)
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"{out}/manifest.json: missing; not a whole cancu build"]
    except (OSError, ValueError) as exc:
        return [f"{out}/manifest.json: unreadable ({exc})"]
    listed = manifest.get("files", [])
    problems = [p for entry in listed if (p := _check_file(out, entry))]
    names = {e["path"] if isinstance(e, dict) else e for e in listed}
    problems += _unlisted(out, names)
    problems += _missing_plan_pages(out)
    problems += _count_mismatches(out, manifest.get("counts", {}))
    return problems


def _check_file(out: Path, entry: dict[str, Any] | str) -> str | None:
    if isinstance(entry, str):  # a manifest from before sizes and hashes were recorded
        return None if (out / entry).is_file() else f"{out / entry}: listed in the manifest but missing"
    path = out / entry["path"]
    if path.is_symlink():
        return f"{path}: a symbolic link, not a file this build wrote"
    if not path.is_file():
        return f"{path}: listed in the manifest but missing"
    size = path.stat().st_size
    if size != entry["size"]:
        return f"{path}: {size} bytes, the manifest records {entry['size']}"
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    if h.hexdigest() != entry["sha256"]:
        return f"{path}: sha256 differs from the manifest's"
    return None


def _unlisted(out: Path, names: set[str]) -> list[str]:
    problems = []
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if rel.split("/")[0] in _NOT_LISTED or (path.is_dir() and not path.is_symlink()):
            continue
        if rel not in names:
            kind = "a symbolic link" if path.is_symlink() else "a file"
            problems.append(f"{path}: {kind} the manifest does not list (not written by this build)")
    return problems


def _missing_plan_pages(out: Path) -> list[str]:
    index = out / "index.html"
    if not index.is_file():
        return []
    links = sorted(set(_PLAN_LINK.findall(index.read_text(encoding="utf-8", errors="replace"))))
    return [f"{out / link}: linked from index.html but missing" for link in links if not (out / link).is_file()]


def _count_mismatches(out: Path, counts: dict[str, Any]) -> list[str]:
    problems = []
    for name, key in (("nodes.jsonl", "nodes"), ("edges.jsonl", "edges")):
        path = out / name
        if key not in counts or not path.is_file():
            continue
        with open(path, "rb") as f:
            lines = sum(1 for line in f if line.strip())
        if lines != counts[key]:
            problems.append(f"{path}: {lines} {key}, the manifest counts {counts[key]}")
    return problems
