"""How much one input file may cost: the one place the limits and their defaults are defined.

A hostile or broken file (a zip bomb, a PDF of ten thousand blank pages, a 50 MB line) must cost a
bounded time and memory and end as one line naming it, while the other files go on. The readers check
sizes before they parse (`check_size`, `check_zip`, the PDF page count); the worker pool of
`cancu.api` enforces time and memory (it kills a worker that runs past `timeout_s`, and each file's
extraction gets `memory_mb` of address space).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cancu.errors import InputError

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 50  # a plan is a few hundred KB; the largest published ones a few MB
    max_pdf_pages: int = 500
    max_unzipped_mb: float = 200  # all members of a .docx, as its central directory declares them
    max_zip_ratio: float = 100  # declared size over file size: Word XML packs 5-20 to 1, bombs 1000 to 1
    timeout_s: float = 600  # one file, read and extracted: OCR of a long scan on a busy machine is the slow case
    memory_mb: int = 1024  # what one file's extraction may take above the worker's own footprint


DEFAULT = Limits()
# the limits in force in this process: the CLI sets them in the parent, the pool hands them to its workers
_current = DEFAULT


def current() -> Limits:
    return _current


def use(limits: Limits) -> None:
    global _current
    _current = limits


def with_options(**options: float | None) -> Limits:
    """DEFAULT with the options a user gave (None: not given)."""
    given: dict[str, Any] = {k: v for k, v in options.items() if v is not None}  # int or float by the field
    return replace(DEFAULT, **given)


def check_size(path: Path, size: int) -> None:
    limit = current().max_file_mb
    if size > limit * MB:
        raise InputError(str(path), f"{size / MB:.1f} MB, over the {limit:g} MB limit for one file "
                                    "(raise it with --max-file-mb)")


def check_zip(path: Path) -> None:
    """Refuse a zip package (.docx) that would unpack past the limits, from its central directory,
    before anything is decompressed; a member that lies about its size fails its CRC check later."""
    lim = current()
    try:
        with zipfile.ZipFile(path) as z:
            declared = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return  # not a zip: the reader says what it is
    packed = max(path.stat().st_size, 1)
    if declared > lim.max_unzipped_mb * MB:
        raise InputError(str(path), f"unpacks to {declared / MB:.0f} MB, over the {lim.max_unzipped_mb:g} MB "
                                    "limit (a zip bomb?); raise it with --max-unzipped-mb")
    # small packages may pack well above the ratio without costing anything
    if declared > 10 * MB and declared / packed > lim.max_zip_ratio:
        raise InputError(str(path), f"unpacks {declared / packed:.0f} times its size, over the "
                                    f"{lim.max_zip_ratio:g}:1 limit (a zip bomb?); raise it with --max-zip-ratio")


def check_pages(path: Path, pages: int) -> None:
    limit = current().max_pdf_pages
    if pages > limit:
        raise InputError(str(path), f"{pages} pages, over the {limit} page limit (raise it with --max-pdf-pages)")
