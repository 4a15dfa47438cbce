"""What the readers of Word, PDF and scans share: the text they return and the account of what each did.

The registry of readers by suffix is the package's (`loaders/read/__init__.py`): the readers import
this module, never the registry, so there is no import cycle. Each reader returns a `LoadedText`: a
`SourceText` (so every extractor works unchanged) that also carries

* `report`: a `LoaderReport` — format, engine, pages read, pages OCRed, mean OCR confidence,
  warnings, timings — for the build manifest;
* `line_pages` / `line_origins`: for each line of `text`, the page it came from and where on that page
  ("p2:L14" = page 2, line 14 of that page as the PDF or the OCR laid it out; "para 12", "table 2 row 3"
  for Word). Line numbers in citations and activities are lines of the text the reader produced; these
  lists turn them back into a page and a line;
* `raw_ocr`: the OCR output before `loaders.repair` corrected it (same lines as `text`), or None
  where nothing was OCRed; `repairs` lists each correction.

Readers raise `InputError` (one line, naming the file) for anything they cannot read: a corrupt or
password-protected PDF, an empty image, a missing OCR engine or LibreOffice.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from cancu.loaders.read.text import SourceText


@dataclass
class PageReport:
    """One page: read from the text layer or OCRed, how much text, how sure the OCR was."""

    number: int
    method: str  # text | ocr | skipped | blank
    chars: int = 0
    confidence: float | None = None  # mean word confidence of the OCR, 0-100
    seconds: float = 0.0


@dataclass
class LoaderReport:
    """What a reader did with one file: the manifest's account of how its text was obtained."""

    path: str
    format: str  # docx | doc | pdf | image
    engine: str
    pages: list[PageReport] = field(default_factory=list)
    paged: bool = True  # Word files have no pages until they are laid out
    warnings: list[str] = field(default_factory=list)
    repairs: int = 0  # words the OCR repair changed
    seconds: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def pages_read(self) -> int | None:
        return sum(p.method in ("text", "ocr") for p in self.pages) if self.paged else None

    @property
    def pages_ocred(self) -> int:
        return sum(p.method == "ocr" for p in self.pages)

    @property
    def ocr_confidence(self) -> float | None:
        """Mean OCR confidence over the OCRed pages, weighted by their text (None: nothing OCRed)."""
        weighted = [(p.confidence, max(p.chars, 1)) for p in self.pages
                    if p.method == "ocr" and p.confidence is not None]
        if not weighted:
            return None
        return round(sum(c * w for c, w in weighted) / sum(w for _, w in weighted), 1)

    def to_json(self, timings: bool = False) -> dict[str, Any]:
        """The manifest's entry. Timings only on request: the manifest must not change between runs.
        Merged flat into a manifest source, which already has file, plan, warnings (a count), encoding
        and lines: none of those keys is used here."""
        out: dict[str, Any] = {
            "format": self.format, "engine": self.engine, "pages_read": self.pages_read,
            "pages_ocred": self.pages_ocred, "ocr_confidence": self.ocr_confidence,
            "ocr_pages": [p.number for p in self.pages if p.method == "ocr"],
            "repairs": self.repairs, "load_warnings": list(self.warnings), **self.detail,
        }
        if self.paged:
            out["pages"] = len(self.pages)
            out["skipped_pages"] = [p.number for p in self.pages if p.method in ("skipped", "blank")]
        if timings:
            out["seconds"] = round(self.seconds, 3)
            out["page_seconds"] = [round(p.seconds, 3) for p in self.pages]
        return out


@dataclass(frozen=True)
class Repair:
    """One word the OCR repair changed: line of `text` (1-based), column, before, after."""

    line: int
    column: int
    before: str
    after: str


@dataclass
class Line:
    """A line a reader produced, before it becomes a SourceText."""

    text: str
    page: int | None = None
    origin: str = ""
    raw: str | None = None  # the OCR output before repair, where the line was OCRed
    edits: list[tuple[int, str, str]] = field(default_factory=list)  # the repair's (column, before, after)


@dataclass
class LoadedText(SourceText):
    """A SourceText from a Word, PDF or image reader, with its report and page provenance."""

    report: LoaderReport | None = None
    raw_ocr: str | None = None
    line_pages: list[int | None] = field(default_factory=list)
    line_origins: list[str] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)

    def page_of(self, line: int) -> int | None:
        """The page (1-based) that a line of `text` (1-based, as in spans) came from."""
        return self.line_pages[line - 1] if 0 < line <= len(self.line_pages) else None

    def origin_of(self, line: int) -> str:
        return self.line_origins[line - 1] if 0 < line <= len(self.line_origins) else ""


def assemble(lines: list[Line], path: str | Path, report: LoaderReport, encoding: str) -> LoadedText:
    """Lines → LoadedText: the text goes through the same cleaning as a .txt (`SourceText.from_string`),
    which keeps lines one for one, so line k of `text` is `lines[k-1]`."""
    # a reader's line must stay one line: a stray newline inside would shift every page reference after it
    texts = [ln.text.replace("\r", " ").replace("\n", " ") for ln in lines]
    src = SourceText.from_string("\n".join(texts), str(path), encoding)
    values = {f.name: getattr(src, f.name) for f in fields(SourceText)}
    ocred = any(ln.raw is not None for ln in lines)
    if ocred:
        # the original lines are what the OCR read, before repair: what a reader of the scan would check
        values["raw_lines"] = [ln.raw if ln.raw is not None else ln.text for ln in lines]
    return LoadedText(**values, report=report,
                      raw_ocr="\n".join(values["raw_lines"]) if ocred else None,
                      line_pages=[ln.page for ln in lines], line_origins=[ln.origin for ln in lines],
                      repairs=[Repair(k, col, before, after) for k, ln in enumerate(lines, start=1)
                               for col, before, after in ln.edits])


def report_of(src: SourceText) -> LoaderReport | None:
    """The loader report of any SourceText (None for plain text files)."""
    return getattr(src, "report", None)


@contextmanager
def timed(report: LoaderReport) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        report.seconds = time.perf_counter() - t0


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
