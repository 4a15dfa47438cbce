"""Files to SourceText, chosen by suffix: text and markdown here, Word, PDF and images (OCR) through
loaders.formats, whose readers import their libraries only when a file of their kind comes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cancu.loaders.formats import FORMAT_READERS
from cancu.loaders.text import TEXT_SUFFIXES, SourceText

from cancu.errors import InputError

READERS: dict[str, Callable[[Path], SourceText]] = {s: SourceText.from_path for s in TEXT_SUFFIXES}
READERS.update(FORMAT_READERS)


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_source(path: str | Path) -> SourceText:
    p = Path(path)
    if p.is_dir():
        raise InputError(str(path), f"folder with no plan files ({', '.join(sorted(READERS))})")
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        if not p.exists():
            raise InputError(str(path), "no such file")
        raise InputError(str(path), f"unsupported file type '{p.suffix or '(none)'}' "
                                    f"(supported: {', '.join(sorted(READERS))})")
    return reader(p)


def expand(paths: list[str]) -> list[str]:
    """Files as given, folders expanded to the supported files inside them (sorted, recursive)."""
    out: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*") if f.is_file() and supported(f))
            if not found:
                out.append(given)  # reported as an error: a folder with no plans
            out.extend(found)
        else:
            out.append(given)
    return out
