"""Word plans: .docx with python-docx, .doc converted to .docx by LibreOffice first.

The body is read in document order — paragraphs, tables and content controls as they stand — so a
table stays between the paragraphs around it. What Word shows but does not store as text is put back:
automatic numbering ("I.", "1.", "a)", bullets as "-"), computed from numbering.xml as Word counts it,
because the outline reader needs the markers; text boxes (a header's "Số: …" is sometimes one).

Tables:
* a data table (three columns or more, or two with visible borders) gives one line per row, its cells
  separated by tabs, the paragraphs of a cell joined with "; " — cancu's outline reader takes a line
  with two tabs or more as a table row, so "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp" is read;
* a borderless two-column table is layout (the issuer | motto header, the "Nơi nhận | signer" block):
  its cells are read one after the other, each paragraph a line, as the text files have them.

Provenance: line numbers are lines of the text this reader produces; `LoadedText.line_origins` says
for each where it came from in the document ("para 12", "table 2 row 3", "para 4 textbox").
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cancu.loaders.read import limits
from cancu.loaders.read.base import Line, LoadedText, LoaderReport, assemble, timed

from cancu.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Word 97-2003 files, and password-protected .docx
LIBREOFFICE = ("a Word 97-2003 .doc file needs LibreOffice to convert it: install it with "
               "'apt-get install libreoffice-writer-nogui' (macOS: 'brew install --cask libreoffice'), set "
               "CANCU_SOFFICE to its soffice program, or save the file as .docx")
CONVERT_TIMEOUT_S = 180


# --- paragraph text --------------------------------------------------------------------------------

# what each element of a run shows: the text of w:t (None), else a fixed character
_TEXT_TAGS: dict[str, str | None] = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n",
                                     f"{W}noBreakHyphen": "-"}
# not the visible text: deleted revisions, field codes, text boxes (read on their own), fallbacks
_SKIP = {f"{W}del", f"{W}delText", f"{W}instrText", f"{W}txbxContent", MC_FALLBACK, f"{W}pPr", f"{W}rPr"}


def _text(el: Any) -> str:
    """The visible text of a paragraph element, in document order (runs, hyperlinks, insertions)."""
    out: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag in _TEXT_TAGS:
                out.append(_TEXT_TAGS[tag] or child.text or "")
                continue
            walk(child)

    walk(el)
    return "".join(out)


def _textboxes(p: Any) -> list[Any]:
    """Paragraphs of the text boxes anchored in a paragraph (the modern copy, not the VML fallback)."""
    out = []
    for box in p.iter(f"{W}txbxContent"):
        node, fallback = box.getparent(), False
        while node is not None and node is not p:
            if node.tag == MC_FALLBACK:
                fallback = True
                break
            node = node.getparent()
        if not fallback:
            out += list(box.iter(f"{W}p"))
    return out


# --- automatic numbering ---------------------------------------------------------------------------

@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Word's list numbering, counted the way Word shows it: one counter per list and level, deeper
    levels restarting when a higher one moves on."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # paragraph style -> (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Any) -> Numbering:
        out = cls()
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstract = {a.get(f"{W}abstractNumId"): _levels(a) for a in root.iter(f"{W}abstractNum")}
            for num in root.iter(f"{W}num"):
                ref = num.find(f"{W}abstractNumId")
                levels = dict(abstract.get(ref.get(f"{W}val") if ref is not None else None, {}))
                for override in num.iter(f"{W}lvlOverride"):
                    start = override.find(f"{W}startOverride")
                    ilvl = int(override.get(f"{W}ilvl", "0"))
                    if start is not None and ilvl in levels:
                        lv = levels[ilvl]
                        levels[ilvl] = _Level(lv.fmt, lv.text, int(start.get(f"{W}val", "1")))
                out.levels[num.get(f"{W}numId")] = levels
        with_styles = getattr(doc, "styles", None)
        if with_styles is not None:
            out.style_num = _style_numbering(with_styles.element)
        return out

    def marker(self, p: Any) -> str:
        """The number Word shows before this paragraph ("II.", "1.", "a)", "-"), or ""."""
        num_id, ilvl = self._num_of(p)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        lv = levels[ilvl]
        if lv.fmt == "bullet":
            return "-"
        if lv.fmt == "none":
            return ""
        text = lv.text
        for k in range(ilvl + 1):
            n = counters.get(k, levels[k].start if k in levels else 1)
            text = text.replace(f"%{k + 1}", _format(n, levels[k].fmt if k in levels else "decimal"))
        return text.strip()

    def _num_of(self, p: Any) -> tuple[str | None, int]:
        ppr = p.find(f"{W}pPr")
        if ppr is not None:
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(f"{W}numId")
                ilvl = num_pr.find(f"{W}ilvl")
                return (num_id.get(f"{W}val") if num_id is not None else None,
                        int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0)
            style = ppr.find(f"{W}pStyle")
            if style is not None and style.get(f"{W}val") in self.style_num:
                return self.style_num[style.get(f"{W}val")]
        return None, 0


def _levels(abstract: Any) -> dict[int, _Level]:
    out = {}
    for lvl in abstract.iter(f"{W}lvl"):
        fmt = lvl.find(f"{W}numFmt")
        text = lvl.find(f"{W}lvlText")
        start = lvl.find(f"{W}start")
        out[int(lvl.get(f"{W}ilvl", "0"))] = _Level(
            fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
            text.get(f"{W}val", "") if text is not None else "",
            int(start.get(f"{W}val", "1")) if start is not None else 1)
    return out


def _style_numbering(styles: Any) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs (headings often do), following basedOn."""
    own: dict[str, tuple[str, int]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(f"{W}style"):
        sid = style.get(f"{W}styleId")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None and num_pr.find(f"{W}numId") is not None:
            ilvl = num_pr.find(f"{W}ilvl")
            own[sid] = (num_pr.find(f"{W}numId").get(f"{W}val"), int(ilvl.get(f"{W}val", "0")) if ilvl is not None
                        else 0)
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[sid] = parent.get(f"{W}val")
    out = dict(own)
    for sid in based:
        seen, cur = set(), sid
        while cur in based and cur not in own and cur not in seen:
            seen.add(cur)
            cur = based[cur]
        if cur in own and sid not in out:
            out[sid] = own[cur]
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letters = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += digits
            n -= value
    return out


# --- the body --------------------------------------------------------------------------------------

@dataclass
class _Reader:
    doc: Any
    numbering: Numbering
    lines: list[Line] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0
    table_rows: int = 0
    numbered: int = 0

    def body(self, container: Any) -> None:
        for child in container.iterchildren():
            if child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                self.table(child)
            elif child.tag == f"{W}sdt":  # a content control: its content is body text too
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.body(content)

    def paragraph(self, p: Any) -> None:
        self.paragraphs += 1
        origin = f"para {self.paragraphs}"
        for box in _textboxes(p):
            text = _text(box).strip()
            if text:
                self.lines.append(Line(_tidy(text), origin=f"{origin} textbox"))
        marker = self.numbering.marker(p)
        self.numbered += bool(marker)
        text = _text(p)
        pieces = text.split("\n") or [""]
        pieces[0] = f"{marker} {pieces[0].lstrip()}" if marker else pieces[0]
        for piece in pieces:
            self.lines.append(Line(_tidy(piece), origin=origin))

    def table(self, tbl: Any) -> None:
        from docx.table import Table

        self.tables += 1
        table = Table(tbl, self.doc)
        rows = [_unique_cells(row) for row in table.rows]
        width = max((len(r) for r in rows), default=0)
        if width <= 2 and not _bordered(tbl, self.doc):
            self.layout(rows)
            return
        for r, cells in enumerate(rows, start=1):
            self.table_rows += 1
            texts = [_cell_text(c) for c in cells]
            if any(texts):
                self.lines.append(Line("\t".join(texts), origin=f"table {self.tables} row {r}"))

    def layout(self, rows: list[list[Any]]) -> None:
        """A borderless table that only places text: each cell read in turn, a paragraph a line."""
        for r, cells in enumerate(rows, start=1):
            for c, cell in enumerate(cells, start=1):
                for k, p in enumerate(cell._tc.iter(f"{W}p"), start=1):
                    for piece in _text(p).split("\n"):
                        if piece.strip():
                            self.lines.append(Line(_tidy(piece), origin=f"table {self.tables} row {r} cell {c} "
                                                                        f"para {k}"))


def _unique_cells(row: Any) -> list[Any]:
    """A row's cells, a cell spanning several grid columns once."""
    out: list[Any] = []
    for cell in row.cells:
        if not out or cell._tc is not out[-1]._tc:
            out.append(cell)
    return out


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs on one line: '; ' between them unless one already ends its clause."""
    parts = [_tidy(piece) for p in cell._tc.iter(f"{W}p") for piece in _text(p).split("\n")]
    out = ""
    for part in (x.strip() for x in parts):
        if not part:
            continue
        out = part if not out else f"{out} {part}" if out.endswith((";", ",", ":", ".")) else f"{out}; {part}"
    return out.replace("\t", " ")


def _bordered(tbl: Any, doc: Any) -> bool:
    """Does the table draw its grid (its own borders or its style's)? Layout tables do not."""
    def has_lines(borders: Any) -> bool:
        return borders is not None and any(b.get(f"{W}val") not in (None, "nil", "none") for b in borders)

    tbl_pr = tbl.find(f"{W}tblPr")
    if tbl_pr is not None and has_lines(tbl_pr.find(f"{W}tblBorders")):
        return True
    if any(has_lines(b) for b in tbl.iter(f"{W}tcBorders")):
        return True
    style = tbl_pr.find(f"{W}tblStyle") if tbl_pr is not None else None
    if style is None:
        return False
    for st in doc.styles.element.iter(f"{W}style"):
        if st.get(f"{W}styleId") == style.get(f"{W}val"):
            return has_lines(st.find(f"{W}tblPr/{W}tblBorders"))
    return False


def _tidy(text: str) -> str:
    """Runs of tabs (layout: 'Nơi nhận:<tab><tab>KT. CHỦ TỊCH') become one, so they make no table row."""
    while "\t\t" in text:
        text = text.replace("\t\t", "\t")
    return text.rstrip()


# --- files -----------------------------------------------------------------------------------------

def _head(path: Path, n: int) -> bytes:
    with path.open("rb") as f:
        return f.read(n)


def _open(path: Path) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    head = _head(path, 8)
    if not head:
        raise InputError(str(path), "empty file")
    if head.startswith(OLE_MAGIC):
        raise InputError(str(path), "password-protected Word file, or an old Word 97-2003 file named .docx: "
                                    "open it in Word or LibreOffice and save it as .docx without a password")
    limits.check_zip(path)  # before python-docx unpacks anything
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise InputError(str(path), "not a Word .docx file (not a valid .docx package)") from None
    except Exception as exc:  # damaged XML, a spreadsheet or template renamed .docx
        raise InputError(str(path), f"damaged or not a Word document ({type(exc).__name__}: {exc})") from None


def read_docx(path: Path, shown: str | Path | None = None) -> LoadedText:
    """A .docx plan: body text in reading order, tables as rows, numbering restored."""
    import docx

    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    shown = shown or path
    report = LoaderReport(str(shown), "docx", f"python-docx {docx.__version__}", paged=False)
    with timed(report):
        doc = _open(p)
        reader = _Reader(doc, Numbering.of(doc))
        reader.body(doc.element.body)
    if not any(ln.text.strip() for ln in reader.lines):
        raise InputError(str(shown), "no text in this Word file")
    report.detail.update(paragraphs=reader.paragraphs, tables=reader.tables, table_rows=reader.table_rows,
                         numbered_paragraphs=reader.numbered)
    return assemble(reader.lines, shown, report, "docx")


@cache
def soffice() -> str | None:
    """LibreOffice's program, where installed."""
    found = os.environ.get("CANCU_SOFFICE") or next(
        (w for w in (shutil.which(n) for n in ("soffice", "libreoffice", "lowriter")) if w), None)
    return found


@cache
def _profile() -> Path:
    # LibreOffice refuses to start twice on one profile: each process (cancu -j) gets its own, kept for
    # the process's lifetime since the first start in a new profile is the slow one
    path = Path(tempfile.mkdtemp(prefix="cancu-libreoffice-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def read_doc(path: Path) -> LoadedText:
    """A Word 97-2003 .doc plan, converted to .docx by LibreOffice and read as one."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    head = _head(p, 4)
    if not head:
        raise InputError(str(path), "empty file")
    if head.startswith(b"PK"):  # a .docx saved under the old name
        return read_docx(p)
    program = soffice()
    if program is None:
        raise InputError(str(path), LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="cancu-doc-") as tmp:
        converted = _convert(program, p, Path(tmp))
        src = read_docx(converted, shown=path)
    if src.report is not None:
        src.report.format = "doc"
        src.report.engine = f"LibreOffice + {src.report.engine}"
    return src


def _convert(program: str, path: Path, out_dir: Path) -> Path:
    cmd = [program, f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--norestore",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(path)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise InputError(str(path), f"LibreOffice did not convert it within {CONVERT_TIMEOUT_S} s") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot run LibreOffice ({exc.strerror or exc}); {LIBREOFFICE}") from None
    out = out_dir / f"{path.stem}.docx"
    if not out.exists():
        said = (proc.stderr or proc.stdout).strip().splitlines()
        raise InputError(str(path), "LibreOffice could not convert it (damaged or password-protected .doc?)"
                                    + (f": {said[-1]}" if said else ""))
    return out

