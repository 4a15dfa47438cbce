"""Hostile inputs, made on the spot: each one costs nothing to make and a lot to read carelessly."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "tests" / "loaders" / "fixtures" / "plans" / "ha-noi-2025-kh-ubnd.txt"
MB = 1 << 20
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def good(d: Path) -> Path:
    return Path(shutil.copy(GOOD, d / "good-plan.txt"))


def _docx_with_body(path: Path, chunk: bytes, repeat: int) -> Path:
    """A .docx made by python-docx, its document body replaced by `chunk` written `repeat` times."""
    import docx

    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "word/document.xml"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            block = chunk * max(1, MB // len(chunk))
            for _ in range(repeat * len(chunk) // len(block)):
                f.write(block)
            f.write(b"</w:body></w:document>")
    return path


def zip_bomb(d: Path) -> Path:
    """300 MB of empty paragraphs packed in a few hundred KB: 50 million XML elements unpacked."""
    return _docx_with_body(d / "bomb.docx", b"<w:p/>", 300 * MB // 6)


def tiny_paragraphs(d: Path) -> Path:
    """A million one-letter paragraphs, 30 MB of XML: well under the size limit, and 1000:1 packed."""
    chunk = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    return _docx_with_body(d / "tiny-paragraphs.docx", chunk, 30 * MB // len(chunk))


def blank_pages(d: Path, pages: int = 2000) -> Path:
    """A PDF of 2,000 empty pages: each would be rendered and OCRed as a scan."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    path = d / "blank-pages.pdf"
    pdf.save(str(path))
    pdf.close()
    return path


def long_line(d: Path, size: int = 6 * MB) -> Path:
    """The plan with its line ends turned to spaces, repeated to `size`: one line, thousands of citations."""
    one = " ".join(GOOD.read_text(encoding="utf-8").split("\n")) + " "
    path = d / "long-line.txt"
    path.write_text(one * (size // len(one.encode()) + 1), encoding="utf-8")
    return path


def whitespace_bomb(d: Path, mb: int = 45) -> Path:
    """`mb` MB of line ends and spaces after the plan (45: under the size limit, 24 million lines)."""
    path = d / "whitespace.txt"
    with path.open("wb") as f:
        f.write(GOOD.read_bytes())
        block = b" \n" * (MB // 2)
        for _ in range(mb):
            f.write(block)
    return path


def fifo(d: Path) -> Path:
    path = d / "pipe.txt"
    os.mkfifo(path)
    return path


def stray_byte(d: Path) -> tuple[Path, int]:
    """The plan with one byte that is not UTF-8 (0xFF) on a line of the body; returns the line."""
    lines = GOOD.read_bytes().split(b"\n")
    at = len(lines) // 2
    lines[at] = lines[at][:10] + b"\xff" + lines[at][10:]
    path = d / "stray-byte.txt"
    path.write_bytes(b"\n".join(lines))
    return path, at + 1


def nul_bytes(d: Path) -> tuple[Path, int]:
    """The plan with NUL bytes on its third line, inside the first 4 KB (where binary files show them)."""
    lines = GOOD.read_bytes().split(b"\n")
    lines[2] = lines[2] + b"\x00\x00"
    path = d / "nul-bytes.txt"
    path.write_bytes(b"\n".join(lines))
    return path, 3


def name_too_long(d: Path) -> Path:
    return d / ("kế-hoạch-" * 40 + ".txt")


def unreadable(d: Path) -> Path:
    """A plan that cannot be read: mode 000, or, for root (who reads anything), a link to a file the
    kernel refuses to read (/proc/self/mem at offset 0: an I/O error)."""
    path = d / "unreadable.docx"
    if os.geteuid() == 0:
        path.symlink_to("/proc/self/mem")
    else:
        shutil.copy(GOOD, path)
        path.chmod(0)
    return path
