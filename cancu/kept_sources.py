"""Each plan's source lines, kept by a build for its review pages (viz/review.py).

A worker writes its plan's lines to the build's work folder as it extracts the plan, so the parent
never holds the corpus's text and the pages read one plan's lines at a time; with the pages skipped
nothing is kept. The file's sha256 goes with them: the review page names an unnumbered plan by it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from cancu.loaders.extract.records import PlanRecord


def file_name(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8")).hexdigest() + ".json"


def keep(rec: PlanRecord, folder: Path, path: str | None = None) -> None:
    """`path`: where the file is, when rec.source is its name relative to the corpus."""
    try:
        digest = hashlib.sha256(Path(path or rec.source).read_bytes()).hexdigest()
    except OSError:
        digest = None
    data = {"source": rec.source, "sha256": digest, "lines": list(rec.source_lines)}
    (folder / file_name(rec.source)).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def has(folder: Path | None, source: str) -> bool:
    return folder is not None and (folder / file_name(source)).is_file()


def load(folder: Path | None, source: str) -> dict[str, Any] | None:
    """The kept lines of `source`, or None when the build kept none."""
    if folder is None:
        return None
    path = folder / file_name(source)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
