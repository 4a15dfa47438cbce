"""The reading layer: a file to a SourceText (text, a line map, and for Word, PDF and scans a
LoadedText with its report), chosen by suffix in the registry below. `read_source` is the entry; the
readers (text, docx, pdf, ocr with repair) import their libraries only when a file of their kind comes,
and share their types through base.py. Extraction (loaders/extract) starts from what this returns."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from cancu.loaders.read import limits
from cancu.loaders.read.base import IMAGE_SUFFIXES
from cancu.loaders.read.text import TEXT_SUFFIXES, SourceText

from cancu.errors import InputError

# The readers are imported when a file of their kind is read, not with this module: each pulls in its
# own libraries (python-docx, pdfplumber, Pillow), and they import read/base.py, not this package's registry.

def read_docx(path: Path) -> SourceText:
    from cancu.loaders.read.docx import read_docx as read

    return read(path)


def read_doc(path: Path) -> SourceText:
    from cancu.loaders.read.docx import read_doc as read

    return read(path)


def read_pdf(path: Path) -> SourceText:
    from cancu.loaders.read.pdf import read_pdf as read

    return read(path)


def read_image(path: Path) -> SourceText:
    from cancu.loaders.read.ocr import read_image as read

    return read(path)


FORMAT_READERS: dict[str, Callable[[Path], SourceText]] = {
    ".docx": read_docx, ".doc": read_doc, ".pdf": read_pdf, **dict.fromkeys(IMAGE_SUFFIXES, read_image)}

READERS: dict[str, Callable[[Path], SourceText]] = {s: SourceText.from_path for s in TEXT_SUFFIXES}
READERS.update(FORMAT_READERS)

# what is not a regular file: opening a FIFO blocks until someone writes to it, a device never ends
_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def fs_error(path: str | Path, exc: OSError) -> InputError:
    """A filesystem error as the one line naming the path (permission, name too long, I/O error)."""
    return InputError(str(path), f"cannot read: {exc.strerror or exc}")


def _stat(path: str | Path) -> os.stat_result | None:
    """The file's status, None if it does not exist; other errors as one line naming it."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise fs_error(path, exc) from None
    except ValueError:  # a NUL byte in the name
        raise InputError(str(path), "not a valid file name") from None


def special_kind(mode: int) -> str | None:
    return next((kind for test, kind in _SPECIAL if test(mode)), None)


def read_source(path: str | Path) -> SourceText:
    p = Path(path)
    st = _stat(p)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(str(path), f"folder with no plan files ({', '.join(sorted(READERS))})")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        if st is None:
            raise InputError(str(path), "no such file")
        raise InputError(str(path), f"unsupported file type '{p.suffix or '(none)'}' "
                                    f"(supported: {', '.join(sorted(READERS))})")
    if st is None:
        raise InputError(str(path), "no such file")
    kind = special_kind(st.st_mode)
    if kind:
        raise InputError(str(path), f"skipped: {kind}, not a file")
    limits.check_size(p, st.st_size)
    try:
        return reader(p)
    except OSError as exc:  # read errors, a file removed or made unreadable while it was read
        raise fs_error(path, exc) from None


def expand(paths: list[str]) -> list[str]:
    """Files as given, folders expanded to the supported files inside them (sorted, recursive). Named
    pipes, sockets and devices with a plan's suffix are kept, to be reported (never opened)."""
    return [path for path, _ in expand_named(paths)]


def expand_named(paths: list[str]) -> list[tuple[str, str]]:
    """As `expand`, each file with the name its facts cite it by: relative to the folder it was found
    in, or its own name when given alone. Nothing read from a plan then depends on the path it was
    given by (relative, absolute, a copy elsewhere), so every build of the same plans is the same graph.
    Two files that would share a name (folders given side by side holding the same names) keep the name
    of the folder they come from before it: 'huyen-a/ke-hoach.txt', 'huyen-b/ke-hoach.txt'."""
    out: list[tuple[str, str, Path]] = []  # path, name, the folder it is named from
    for given in paths:
        if _is_dir(given):
            found = sorted((str(f), f.relative_to(given).as_posix()) for f in Path(given).rglob("*")
                           if supported(f) and _listed(f))
            if not found:
                out.append((given, given, Path(given)))  # reported as an error: a folder with no plans
            out.extend((path, name, Path(given)) for path, name in found)
        else:
            out.append((given, Path(given).name or given, Path(given).parent))
    paths_named: dict[str, set[str]] = {}
    for path, name, _ in out:
        paths_named.setdefault(name, set()).add(path)
    return [(path, f"{Path(os.path.abspath(folder)).name}/{name}" if len(paths_named[name]) > 1 else name)
            for path, name, folder in out]


def _is_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):  # reported when it is read, as one line
        return False


def _listed(path: Path) -> bool:
    """A file found in a folder that is worth reading or reporting: not a folder, nor a broken link."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or special_kind(mode) is not None
