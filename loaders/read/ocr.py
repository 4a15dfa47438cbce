"""Scans: images (.png, .jpg, .tif — every page of a multi-page TIFF) and the image-only pages of PDFs,
read with Tesseract and its Vietnamese model, then repaired (loaders.repair).

Tesseract runs as a program (`tesseract IMG stdout -l vie+eng --psm 6 tsv`): one uniform block per
page, which reads a two-column header line by line as the plan's text files have it, and TSV output
for each word's box and confidence. Ruled tables are found in the image (long dark rules), the rules
are wiped before OCR (Tesseract drops or garbles words that touch them) and each word is put in its
cell, so a "Cơ quan chủ trì | Cơ quan phối hợp" table comes out as tab-separated rows as from Word.

Settings from the environment: CANCU_TESSERACT (the program), CANCU_OCR_LANG (default vie+eng),
OMP_THREAD_LIMIT (default 1: Tesseract's own threads make one page slower on a small machine, and
pages are better run in parallel by `cancu -j`).
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from cancu.loaders.read.base import IMAGE_SUFFIXES, Line, LoadedText, LoaderReport, PageReport, assemble, timed

from cancu.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

__all__ = ["IMAGE_SUFFIXES", "ocr_image", "ocr_page_lines", "read_image"]
INSTALL = ("Tesseract OCR is not installed: install it with 'apt-get install tesseract-ocr tesseract-ocr-vie' "
           "(macOS: 'brew install tesseract tesseract-lang'), or set CANCU_TESSERACT to the tesseract program")
TIMEOUT_S = 180  # one page; a 600 dpi A3 scan takes well under a minute
MIN_WORD_CONF = 10  # below this a "word" is speckle, a stamp or a signature, not text
LOW_CONFIDENCE = 60  # a page read this badly may be on its side: try the orientation check


@dataclass
class Engine:
    program: str
    version: str
    languages: frozenset[str]

    def lang(self) -> tuple[str, str | None]:
        """(the -l argument, a warning when the Vietnamese model is missing)."""
        wanted = os.environ.get("CANCU_OCR_LANG", "vie+eng")
        have = [x for x in wanted.split("+") if x in self.languages]
        if "vie" in wanted.split("+") and "vie" not in self.languages:
            return "+".join(have) or "eng", ("the Vietnamese OCR model is missing (apt-get install tesseract-ocr-vie): "
                                             "read without diacritics and repaired from the vocabulary")
        return "+".join(have) or "eng", None


@cache
def engine() -> Engine | None:
    """The installed Tesseract, or None."""
    program = os.environ.get("CANCU_TESSERACT") or shutil.which("tesseract")
    if not program:
        return None
    try:
        ver = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30)
        langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"tesseract\s+v?([\d.]+)", ver.stdout + ver.stderr, re.I)
    names = {ln.strip() for ln in langs.stdout.splitlines()[1:] if ln.strip()}
    return Engine(program, m.group(1) if m else "?", frozenset(names))


def require_engine(path: str) -> Engine:
    eng = engine()
    if eng is None:
        raise InputError(path, INSTALL)
    return eng


# --- what a page gives -----------------------------------------------------------------------------

@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line)

    @property
    def center(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


@dataclass
class Grid:
    """A ruled table: its rows (y bands) and, for each row, the x boundaries of its cells."""

    top: int
    bottom: int
    left: int
    right: int
    rows: list[tuple[int, int, list[int]]] = field(default_factory=list)  # (y0, y1, boundaries)
    rules: list[tuple[int, int, int, int]] = field(default_factory=list)  # (y0, y1, x0, x1) of every rule

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.left <= x <= self.right and self.top <= y <= self.bottom):
            return None
        for r, (y0, y1, bounds) in enumerate(self.rows):
            if y0 <= y <= y1:
                for c in range(len(bounds) - 1):
                    if bounds[c] <= x <= bounds[c + 1]:
                        return r, c
        return None


@dataclass
class OcrPage:
    lines: list[str]
    confidence: float | None
    words: int
    seconds: float
    rotated: int = 0
    tables: int = 0


# --- tables in the image ---------------------------------------------------------------------------

def _runs(dark: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of the horizontal runs of dark pixels at least min_len long."""
    import numpy as np

    padded = np.pad(dark, ((0, 0), (1, 1))).astype(np.int8)
    d = np.diff(padded, axis=1)
    rs, starts = np.nonzero(d == 1)
    _, ends = np.nonzero(d == -1)  # row-major order: the k-th end closes the k-th start
    keep = (ends - starts) >= min_len
    return list(zip(rs[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True))


def _horizontal_rules(dark: np.ndarray) -> list[tuple[int, int, int, int]]:
    """(y0, y1, x0, x1) of long horizontal rules, a rule's rows of thickness merged."""
    min_len = max(60, dark.shape[1] // 8)  # longer than any word; an underline is ruled out later
    rules: list[list[int]] = []
    for y, x0, x1 in _runs(dark, min_len):
        for r in rules:
            if y - r[1] <= 2 and min(x1, r[3]) - max(x0, r[2]) > 0.8 * min(x1 - x0, r[3] - r[2]):
                r[1], r[2], r[3] = y, min(r[2], x0), max(r[3], x1)
                break
        else:
            rules.append([y, y, x0, x1])
    return [(a, b, c, d) for a, b, c, d in rules]


def find_grids(dark: np.ndarray) -> list[Grid]:
    """Ruled tables: two or more horizontal rules of the same extent, joined by vertical rules."""
    rules = _horizontal_rules(dark)
    grids: list[Grid] = []
    used: set[int] = set()
    for i, (_, _, x0, x1) in enumerate(rules):
        if i in used:
            continue
        tol = max(8, (x1 - x0) // 50)
        same = [j for j, r in enumerate(rules) if j not in used and abs(r[2] - x0) <= tol and abs(r[3] - x1) <= tol]
        if len(same) < 2:
            continue
        grid = _grid(dark, [rules[j] for j in same])
        if grid is not None:
            grids.append(grid)
            used.update(same)
    return grids


def _grid(dark: np.ndarray, rules: list[tuple[int, int, int, int]]) -> Grid | None:
    """The table these rules bound, with its cells, if vertical rules join them (else an underline)."""
    rules = sorted(rules)
    left, right = min(r[2] for r in rules), max(r[3] for r in rules)
    grid = Grid(rules[0][0], rules[-1][1], left, right, rules=list(rules))
    x_from = max(left - 3, 0)
    for upper, lower in itertools.pairwise(rules):
        y0, y1 = upper[1] + 1, lower[0] - 1
        if y1 - y0 < 8:
            continue
        # a vertical rule is dark down the whole row; a letter's stem covers a fraction of it
        full = dark[y0:y1 + 1, x_from:right + 4].mean(axis=0) >= 0.9
        spans: list[list[int]] = []
        for x in (x + x_from for x in range(full.shape[0]) if full[x]):
            if spans and x - spans[-1][1] <= 3:
                spans[-1][1] = x
            else:
                spans.append([x, x])
        if len(spans) >= 3:  # both borders and at least one rule between columns
            grid.rows.append((y0, y1, [(a + b) // 2 for a, b in spans]))
            grid.rules += [(y0, y1, a, b) for a, b in spans]
    return grid if grid.rows else None


def _wipe(gray: Image.Image, grids: list[Grid]) -> Image.Image:
    """The page with the table rules painted white: Tesseract reads words touching a rule as '|' or not
    at all (the header row of a ruled table disappears)."""
    import numpy as np
    from PIL import Image as PILImage

    arr = np.array(gray)
    pad = 3  # the grey edge an anti-aliased or scanned rule has beyond its dark core
    for g in grids:
        for y0, y1, x0, x1 in g.rules:
            arr[max(y0 - pad, 0):y1 + pad + 1, max(x0 - pad, 0):x1 + pad + 1] = 255
    return PILImage.fromarray(arr)


# --- running Tesseract -----------------------------------------------------------------------------

def _tesseract(eng: Engine, image: Image.Image, args: list[str], path: str) -> str:
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="cancu-ocr-") as tmp:
        img_path = Path(tmp) / "page.png"
        image.save(img_path)
        try:
            proc = subprocess.run([eng.program, str(img_path), "stdout", *args], capture_output=True,
                                  timeout=TIMEOUT_S, env=env)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"OCR gave up after {TIMEOUT_S} s on one page") from None
        except OSError as exc:
            raise InputError(path, f"cannot run Tesseract ({exc.strerror or exc}); {INSTALL}") from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(path, f"Tesseract failed: {err[-1] if err else proc.returncode}")
    return proc.stdout.decode("utf-8", "replace")


def _words(tsv: str) -> list[Word]:
    out = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        conf = float(row["conf"])
        if conf < MIN_WORD_CONF:
            continue
        out.append(Word(text, int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]), conf,
                        (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))))
    return out


def _rotation(eng: Engine, image: Image.Image, path: str) -> int:
    """Degrees to turn the page by, from Tesseract's orientation detection (0 when unsure)."""
    if "osd" not in eng.languages:
        return 0
    try:
        out = _tesseract(eng, image, ["--psm", "0"], path)
    except InputError:
        return 0  # too little text to tell: keep the page as it is
    rotate = re.search(r"Rotate:\s*(\d+)", out)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if rotate and conf and float(conf.group(1)) >= 2:
        return int(rotate.group(1))
    return 0


def prepare(image: Image.Image) -> tuple[Image.Image, int | None]:
    """Grey, upright by its EXIF tag, transparency on white, small scans enlarged; and its dpi."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    dpi_info = image.info.get("dpi")
    dpi = round(float(dpi_info[0])) if dpi_info and float(dpi_info[0]) > 1 else None
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = PILImage.alpha_composite(white, rgba)
    if image.mode.startswith("I"):  # 16-bit scans: scale into 8 bits instead of clipping to white
        image = image.point(lambda v: v / 256)
    gray = image.convert("L")
    # Tesseract wants capitals some 20-30 pixels high: below ~200 dpi, or an unlabelled small image, double it
    if (dpi is not None and dpi < 200) or (dpi is None and max(gray.size) < 1600):
        gray = gray.resize((gray.width * 2, gray.height * 2), PILImage.Resampling.LANCZOS)
        dpi = dpi * 2 if dpi else None
    return gray, dpi


def ocr_image(image: Image.Image, path: str) -> OcrPage:
    """One page image → its lines (table rows tab-separated) and the mean word confidence."""
    import numpy as np

    eng = require_engine(path)
    lang, _ = eng.lang()
    t0 = time.perf_counter()
    gray, dpi = prepare(image)
    dark = np.array(gray) < 128
    if dark.mean() < 0.0005:  # not a mark on it
        return OcrPage([], None, 0, time.perf_counter() - t0)
    rotated = _rotation(eng, gray, path) if _sideways(dark) else 0
    if rotated:  # turned before the slow first reading: a sideways page takes Tesseract long to fail on
        gray = gray.rotate(-rotated, expand=True)
        dark = np.array(gray) < 128
    page, words, grids = _read(eng, gray, dark, lang, dpi, path)
    if not rotated and (_mean_conf(words) < LOW_CONFIDENCE or len(words) < 5):
        rotated = _rotation(eng, gray, path)  # upside down looks like text to the profile test
        if rotated:
            turned = gray.rotate(-rotated, expand=True)
            page2, words2, grids2 = _read(eng, turned, np.array(turned) < 128, lang, dpi, path)
            if _mean_conf(words2) > _mean_conf(words):
                page, words, grids = page2, words2, grids2
            else:
                rotated = 0
    conf = round(_mean_conf(words), 1) if words else None
    return OcrPage(page, conf, len(words), time.perf_counter() - t0, rotated, len(grids))


def _read(eng: Engine, gray: Image.Image, dark: np.ndarray, lang: str, dpi: int | None,
          path: str) -> tuple[list[str], list[Word], list[Grid]]:
    grids = find_grids(dark)
    clean = _wipe(gray, grids) if grids else gray
    args = ["-l", lang, "--psm", "6", *(["--dpi", str(dpi)] if dpi else []), "tsv"]
    words = _words(_tesseract(eng, clean, args, path))
    return _lines(words, grids), words, grids


def _sideways(dark: np.ndarray) -> bool:
    """Do the text lines run down the page? Lines of text make the row profile of ink stripe (ink, gap,
    ink); on a page turned by 90° the column profile does instead."""
    rows, cols = dark.mean(axis=1), dark.mean(axis=0)
    return bool(cols.std() > 1.5 * rows.std())


def _mean_conf(words: list[Word]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


def _lines(words: list[Word], grids: list[Grid]) -> list[str]:
    """Words → lines in reading order: Tesseract's lines, and one tab-separated line per table row."""
    items: list[tuple[float, int, str]] = []  # (top, order, text)
    lines: dict[tuple[int, int, int], list[Word]] = {}
    cells: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        if w.text in ("|", "||", "[", "]", "_", "—") and any(g.cell_of(*w.center) for g in grids):
            continue  # what is left of a rule
        for gi, g in enumerate(grids):
            cell = g.cell_of(*w.center)
            if cell is not None:
                cells.setdefault((gi, *cell), []).append(w)
                break
        else:
            lines.setdefault(w.line, []).append(w)
    for order, ws in enumerate(lines.values()):
        items.append((min(w.top for w in ws), order, " ".join(w.text for w in ws)))
    for gi, g in enumerate(grids):
        for r, (y0, _, bounds) in enumerate(g.rows):
            texts = [" ".join(w.text for w in cells.get((gi, r, c), [])) for c in range(len(bounds) - 1)]
            if any(texts):
                items.append((y0, len(lines) + r, "\t".join(texts)))
    return [text for _, _, text in sorted(items)]


# --- pages to lines --------------------------------------------------------------------------------

def ocr_page_lines(image: Image.Image, page: int, path: str) -> tuple[list[Line], PageReport, OcrPage]:
    """One page image → repaired lines (raw OCR kept on each) and the page's report."""
    from cancu.loaders.read.repair import repairer

    result = ocr_image(image, path)
    r = repairer()
    lines = []
    for k, raw in enumerate(result.lines, start=1):
        fixed, edits = r.repair_line(raw)
        lines.append(Line(fixed, page, f"p{page}:L{k}", raw=raw, edits=edits))
    chars = sum(len(x.strip()) for x in result.lines)
    method = "ocr" if chars else "blank"
    return lines, PageReport(page, method, chars, result.confidence, result.seconds), result


def engine_name() -> str:
    eng = engine()
    if eng is None:
        return "tesseract (missing)"
    lang, _ = eng.lang()
    return f"tesseract {eng.version} ({lang})"


# --- image files -----------------------------------------------------------------------------------

def _frames(path: Path) -> list[Image.Image]:
    from PIL import Image as PILImage
    from PIL import ImageSequence, UnidentifiedImageError

    if path.stat().st_size == 0:
        raise InputError(str(path), "empty file")
    try:
        with PILImage.open(path) as img:
            frames = [f.copy() for f in ImageSequence.Iterator(img)]
            info = dict(img.info)
    except UnidentifiedImageError:
        raise InputError(str(path), "not a readable image (damaged, or not the format its name says)") from None
    except PILImage.DecompressionBombError:
        raise InputError(str(path), "image too large to read safely (over Pillow's pixel limit)") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the image: {exc}") from None
    for f in frames:  # later TIFF pages do not always repeat the resolution
        if "dpi" not in f.info and info.get("dpi"):
            f.info["dpi"] = info["dpi"]
    return frames


def read_image(path: Path) -> LoadedText:
    """A scanned plan as an image file: every page OCRed and repaired."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    frames = _frames(p)
    eng = require_engine(str(path))
    report = LoaderReport(str(path), "image", engine_name())
    _, warning = eng.lang()
    if warning:
        report.warnings.append(warning)
    lines: list[Line] = []
    with timed(report):
        for number, frame in enumerate(frames, start=1):
            page_lines, page_report, result = ocr_page_lines(frame, number, str(path))
            report.pages.append(page_report)
            if result.rotated:
                report.warnings.append(f"page {number} was turned {result.rotated}° before reading")
            if lines and page_lines:
                lines.append(Line("", number))  # a blank line between pages, as between paragraphs
            lines += page_lines
    if not any(ln.text.strip() for ln in lines):
        raise InputError(str(path), "no text found in the image (blank page, or too faint to read)")
    report.repairs = sum(len(ln.edits) for ln in lines)
    report.detail["table_rows"] = sum(1 for ln in lines if ln.text.count("\t") >= 2)
    return assemble(lines, path, report, "ocr")
