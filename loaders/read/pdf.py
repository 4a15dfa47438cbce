"""PDF plans: the text layer where a page has one (pdfplumber), OCR where it has not (loaders.ocr).

Each page is read on its own: a page with almost no extractable text, a page that is a full-page
picture, or a page whose text layer is unusable ("(cid:12)" glyphs, legacy TCVN3/VNI font codes) is
rendered at 300 dpi (pypdfium2) and OCRed. Text pages are cleaned of what a PDF adds to a plan:

* running headers and footers (a line repeated at the top or bottom of most pages) and page numbers;
* lines broken by the layout, rejoined where the next line's first word would have fitted on the
  line before (the line was full, so the sentence went on), not where a paragraph ends;
* columns read one after the other (the two-column header, the signature block) instead of across;
* ruled tables as tab-separated rows, like Word tables (pdfplumber's table finder);
* decomposed or detached diacritics recomposed (SourceText's cleaning: NFC and re-attached marks).

pdfplumber was chosen over pypdf for the word boxes these steps need and its table finder; both read
Vietnamese from embedded TrueType fonts the same (tests/formats compare them on the same PDF).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cancu.loaders.read import limits
from cancu.loaders.read.base import Line, LoadedText, LoaderReport, PageReport, assemble, timed
from cancu.loaders.read.text import fold_loose

from cancu.errors import InputError

OCR_DPI = 300
MIN_TEXT_CHARS = 25  # fewer on a page and the page is a scan (or blank)
# characters of the legacy Vietnamese font encodings (TCVN3/ABC, VNI) that Unicode Vietnamese never has:
# a text layer full of them reads "Qu¶n lý nhµ n­íc" and is better OCRed
_LEGACY = set("¸µ¶·¹¨©ª«¬®¯°±²³´½¾¼»ÆäëöüïøåÐ")
_MARKER = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]\s|^[-+•*–]\s?")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:trang|page)?\s*\d{1,4}(?:\s*(?:/|tren|of)\s*\d{1,4})?(?:\s*-)?$")
_SENTENCE_END = (".", ";", ":", "!", "?")


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _VLine:
    """A visual line of a text page: its words left to right, then its place in the plan's lines."""

    words: list[_Word]
    number: int = 0  # line on its page, top to bottom (1-based): the provenance
    kind: str = "body"  # body | column | row
    text: str = ""
    head: bool = False  # the first row of a table

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return Counter(round(w.size, 1) for w in self.words).most_common(1)[0][0]

    def segments(self, gap: float) -> list[list[_Word]]:
        """The line cut where words stand further apart than `gap`: the columns it crosses."""
        out = [[self.words[0]]]
        for w in self.words[1:]:
            if w.x0 - out[-1][-1].x1 > gap:
                out.append([w])
            else:
                out[-1].append(w)
        return out


@dataclass
class _Page:
    number: int
    lines: list[_VLine] = field(default_factory=list)
    left: float = 0.0  # the text's margins on this page
    right: float = 0.0


# --- opening ---------------------------------------------------------------------------------------

@contextmanager
def _open(path: Path) -> Iterator[Any]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if type(cause).__name__ == "PDFPasswordIncorrect":
            raise InputError(str(path), "password-protected PDF: open it with its password and save a copy without "
                                        "one (or 'qpdf --decrypt --password=… in.pdf out.pdf')") from None
        raise InputError(str(path), f"not a readable PDF (damaged or cut short: {type(cause).__name__})") from None
    except Exception as exc:  # pdfminer raises plain errors on some damage (struct, zlib, recursion)
        raise InputError(str(path), f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    try:
        yield pdf
    finally:
        pdf.close()


# --- a text page -----------------------------------------------------------------------------------

def _tables(page: Any) -> list[tuple[tuple[float, float, float, float], list[tuple[float, str]]]]:
    """Ruled tables of two columns or more: (bbox, [(row top, tab-separated row)])."""
    out = []
    for table in page.find_tables():
        rows = table.extract()
        if not rows or max(len(r) for r in rows) < 2:
            continue
        lines = []
        for row, cells in zip(table.rows, rows, strict=False):
            texts = [re.sub(r"\s+", " ", c or "").strip() for c in cells]
            if any(texts):
                lines.append((row.bbox[1], "\t".join(texts)))
        out.append((table.bbox, lines))
    return out


def _inside(w: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x, y = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _visual_lines(words: list[_Word]) -> list[_VLine]:
    """Words → lines: a word joins the line it overlaps vertically by half its height."""
    lines: list[_VLine] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, w.bottom) - max(line.top, w.top)
            if overlap >= 0.5 * min(w.bottom - w.top, line.bottom - line.top):
                line.words.append(w)
                break
        else:
            lines.append(_VLine([w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return sorted(lines, key=lambda ln: ln.top)


def _text_page(page: Any, number: int) -> tuple[_Page, int, str | None]:
    """(the page's lines, characters read, why it should be OCRed instead or None)."""
    tables = _tables(page)
    raw = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, extra_attrs=["size"])
    words = [_Word(unicodedata.normalize("NFC", w["text"]), w["x0"], w["x1"], w["top"], w["bottom"], w["size"])
             for w in raw if not any(_inside(w, t[0]) for t in tables)]
    result = _Page(number, _visual_lines(words))
    for bbox, rows in tables:
        for k, (top, text) in enumerate(rows):
            row = _VLine([_Word(text, bbox[0], bbox[2], top, top + 1, 0.0)], kind="row", text=text, head=k == 0)
            result.lines.append(row)
    result.lines.sort(key=lambda ln: ln.top)
    for k, line in enumerate(result.lines, start=1):
        line.number = k
    chars = sum(len(w.text) for w in words) + sum(len(t.replace("\t", "")) for _, rows in tables for _, t in rows)
    return result, chars, _why_ocr(page, words, chars)


def _why_ocr(page: Any, words: list[_Word], chars: int) -> str | None:
    text = "".join(w.text for w in words)
    if chars < MIN_TEXT_CHARS:
        return "no text layer" if (page.images or page.curves or page.rects) else None
    pictured = sum((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) for i in page.images)
    if pictured > 0.5 * page.width * page.height and chars < 200:
        return "a scanned page under a little text"
    bad = text.count("(cid:") * 6 + sum(c == "\ufffd" or "\ue000" <= c <= "\uf8ff" for c in text)
    if bad > 0.1 * len(text):
        return "text layer without character codes (cid glyphs)"
    if sum(c in _LEGACY for c in text) > 0.03 * len(text):
        return "legacy Vietnamese font encoding (TCVN3/VNI)"
    return None


# --- what the PDF adds: running headers, footers, page numbers ------------------------------------

def _strip_furniture(pages: list[_Page]) -> int:
    """Remove running headers/footers and page numbers from the text pages; how many lines went."""
    zone = 2  # lines at each end of a page where furniture sits
    counts: Counter[tuple[str, str]] = Counter()
    for p in pages:
        for where, lines in (("top", p.lines[:zone]), ("bottom", p.lines[-zone:])):
            for key in {_furniture_key(ln) for ln in lines}:
                counts[(where, key)] += 1
    repeated = {k for k, n in counts.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    removed = 0
    for p in pages:
        keep = []
        for i, ln in enumerate(p.lines):
            where = "top" if i < zone else "bottom" if i >= len(p.lines) - zone else ""
            key = _furniture_key(ln)
            if where and ln.kind != "row" and ((where, key) in repeated or _PAGE_NUMBER.match(key)):
                removed += 1
                continue
            keep.append(ln)
        p.lines = keep
    return removed


def _furniture_key(line: _VLine) -> str:
    """The line folded, its numbers made alike ('Trang 2' and 'Trang 3' repeat); page numbers as they are."""
    key = fold_loose(line.text or _join(line.words))
    return key if _PAGE_NUMBER.match(key) else re.sub(r"\d+", "0", key)


# --- columns and lines -----------------------------------------------------------------------------

def _order_columns(page: _Page) -> None:
    """Lines that cross a gutter (two cells side by side) read column after column, as a person does:
    'ỦY BAN NHÂN DÂN / TỈNH AN GIANG / CỘNG HÒA …' rather than 'ỦY BAN NHÂN DÂN CỘNG HÒA …'."""
    out: list[_VLine] = []
    i = 0
    lines = page.lines
    while i < len(lines):
        ln = lines[i]
        segs = ln.segments(2.5 * max(ln.size, 6.0)) if ln.kind == "body" else [ln.words]
        if len(segs) < 2:
            ln.text = ln.text or _join(ln.words)
            out.append(ln)
            i += 1
            continue
        block, i = _column_block(lines, i)
        columns: list[list[_VLine]] = [[] for _ in range(len(block[0]))]
        for parts, source in block:
            for c, part in enumerate(parts):
                if part:
                    columns[c].append(_VLine(part, source.number, "column", _join(part)))
        out += [piece for col in columns for piece in col]
    page.lines = out


def _column_block(lines: list[_VLine], i: int) -> tuple[list[tuple[list[list[_Word]], _VLine]], int]:
    """The lines from i on that share one gutter, split into their columns, and where the block ends.
    A one-column line right under the block, within one column's side, belongs to that column
    (the last line of a longer left cell: '- Lưu: VT.')."""
    first = lines[i]
    segs = first.segments(2.5 * max(first.size, 6.0))
    gutter = (max(w.x1 for w in segs[0]), min(w.x0 for w in segs[1]))
    n = len(segs)
    block = [(segs, first)]
    j = i + 1
    while j < len(lines) and lines[j].kind == "body":
        ln = lines[j]
        gap = ln.top - block[-1][1].bottom
        if gap > 1.6 * max(ln.size, 6.0):
            break
        s = ln.segments(2.5 * max(ln.size, 6.0))
        if len(s) == n:
            g = (max(w.x1 for w in s[0]), min(w.x0 for w in s[1]))
            if min(g[1], gutter[1]) - max(g[0], gutter[0]) <= 0:
                break
            gutter = (max(g[0], gutter[0]), min(g[1], gutter[1]))
            block.append((s, ln))
        elif len(s) == 1 and (ln.x1 <= gutter[1] or ln.x0 >= gutter[0]):
            side = 0 if ln.x1 <= gutter[1] else n - 1
            parts: list[list[_Word]] = [[] for _ in range(n)]
            parts[side] = ln.words
            block.append((parts, ln))
        else:
            break
        j += 1
    return block, j


def _join(words: list[_Word]) -> str:
    return " ".join(w.text for w in words)


def _margins(page: _Page) -> None:
    body = [ln for ln in page.lines if ln.kind == "body"]
    if body:
        page.left = min(ln.x0 for ln in body)
        page.right = max(ln.x1 for ln in body)


def _wrapped(prev: _VLine, prev_page: _Page, cur: _VLine, cur_page: _Page) -> bool:
    """Did the layout break a sentence between these lines? Yes when `prev` was full — the first word of
    `cur` would not have fitted after it — and `cur` starts no new item or paragraph."""
    if prev.kind != "body" or cur.kind != "body" or abs(prev.size - cur.size) > 0.6:
        return False
    text = cur.text.lstrip()
    if not text or _MARKER.match(text) or not prev.text:
        return False
    if prev.text.rstrip().endswith(_SENTENCE_END) and (text[0].isupper() or text[0].isdigit()):
        return False
    if cur_page is prev_page and cur.top - prev.bottom > 1.2 * cur.size:
        return False  # a paragraph gap
    first = cur.words[0]
    space = 0.3 * cur.size
    full = prev.x1 + space + (first.x1 - first.x0) > prev_page.right - 0.5 * cur.size
    if not full:
        return False
    indent = cur.x0 - cur_page.left
    width = cur_page.right - cur_page.left
    centered = abs((cur.x0 + cur.x1) / 2 - (cur_page.left + cur_page.right) / 2) < 0.05 * width  # a title's 2nd line
    return indent < 0.8 * cur.size or centered


# --- reading ---------------------------------------------------------------------------------------

def read_pdf(path: Path) -> LoadedText:
    """A PDF plan: text pages from the text layer, scanned pages OCRed; see the module doc."""
    import pdfplumber

    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.stat().st_size == 0:
        raise InputError(str(path), "empty file")
    report = LoaderReport(str(path), "pdf", f"pdfplumber {pdfplumber.__version__}")
    with timed(report):
        pages, ocr_lines = _read_pages(p, report)
        removed = _strip_furniture([pg for pg in pages if pg.number not in ocr_lines])
        if removed:
            report.detail["furniture_lines_removed"] = removed
        lines = _plan_lines(pages, ocr_lines, report)
    if not any(ln.text.strip() for ln in lines):
        reasons = [w for w in report.warnings if "Tesseract" in w]
        raise InputError(str(path), reasons[0] if reasons else "no text in this PDF (blank pages)")
    report.repairs = sum(len(ln.edits) for ln in lines)
    return assemble(lines, path, report, "pdf")


def _read_pages(path: Path, report: LoaderReport) -> tuple[list[_Page], dict[int, list[Line]]]:
    """Every page read from its text layer, or OCRed (those pages' lines are returned apart)."""
    pages: list[_Page] = []
    ocr_lines: dict[int, list[Line]] = {}
    with _open(path) as pdf:
        limits.check_pages(path, _page_count(pdf))
        try:
            for number, page in enumerate(pdf.pages, start=1):
                limits.check_pages(path, number)  # a page tree that understated its count
                t0 = time.perf_counter()
                text_page, chars, why = _text_page(page, number)
                page.close()
                if why is None:
                    method = "text" if chars else "blank"
                    report.pages.append(PageReport(number, method, chars, None, time.perf_counter() - t0))
                    pages.append(text_page)
                    continue
                ocr_lines[number] = _ocr_page(path, number, why, report)
                pages.append(_Page(number))
        except InputError:
            raise
        except Exception as exc:  # damage that shows only when a page is parsed
            if not report.pages:
                raise InputError(str(path), f"not a readable PDF ({type(exc).__name__}: {exc})") from None
            report.warnings.append(f"stopped at page {len(report.pages) + 1}: {type(exc).__name__}: {exc}")
    return pages, ocr_lines


def _page_count(pdf: Any) -> int:
    """The page count the PDF's page tree declares, read before any page is parsed."""
    from pdfminer.pdftypes import resolve1

    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:  # no count, or a damaged tree: the pages are counted as they are read
        return 0


def _ocr_page(path: Path, number: int, why: str, report: LoaderReport) -> list[Line]:
    """One page rendered and OCRed; without Tesseract the page is skipped with a warning."""
    from cancu.loaders.read import ocr

    t0 = time.perf_counter()
    if ocr.engine() is None:
        report.pages.append(PageReport(number, "skipped", 0, None, 0.0))
        report.warnings.append(f"page {number} needs OCR ({why}) and was not read: {ocr.INSTALL}")
        return []
    image = _render(path, number)
    lines, page_report, result = ocr.ocr_page_lines(image, number, str(path))
    page_report.seconds = time.perf_counter() - t0
    report.pages.append(page_report)
    report.engine = f"{report.engine.split(' + ')[0]} + {ocr.engine_name()}"
    _, lang_warning = ocr.require_engine(str(path)).lang()
    if lang_warning and lang_warning not in report.warnings:
        report.warnings.append(lang_warning)
    if result.rotated:
        report.warnings.append(f"page {number} was turned {result.rotated}° before reading")
    return lines


def _render(path: Path, number: int) -> Any:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # the library ships no type hints

    doc = pdfium.PdfDocument(str(path))
    try:
        image = doc[number - 1].render(scale=OCR_DPI / 72, grayscale=True).to_pil()
    finally:
        doc.close()
    image.info["dpi"] = (OCR_DPI, OCR_DPI)
    return image


def _plan_lines(pages: list[_Page], ocr_lines: dict[int, list[Line]], report: LoaderReport) -> list[Line]:
    """The pages' lines in order: columns read in turn, broken sentences rejoined (text pages only),
    OCRed pages as they were read. Each line keeps its page and its line on that page."""
    out: list[Line] = []
    prev: tuple[_VLine, _Page] | None = None
    joined = 0
    header: str | None = None  # the head row of the last table: a table split over pages repeats it
    for page in pages:
        if page.number in ocr_lines:
            out += ocr_lines[page.number]
            prev = None
            continue
        _order_columns(page)
        _margins(page)
        for ln in page.lines:
            if ln.head:
                if ln.text == header and prev is not None and prev[0].kind == "row":
                    continue
                header = ln.text
            if prev is not None and _wrapped(prev[0], prev[1], ln, page):
                out[-1].text = f"{out[-1].text} {ln.text}"
                ln.text = out[-1].text  # the joined line ends where `ln` ends: the next test starts from it
                joined += 1
            else:
                out.append(Line(ln.text, page.number, f"p{page.number}:L{ln.number}"))
            prev = (ln, page)
    if joined:
        report.detail["lines_rejoined"] = joined
    return out
