"""Plan text as cancu reads it: decoded, Unicode-normalised, with a map back to the original lines.

`SourceText` keeps the original lines beside the cleaned `text` (markup stripped, detached diacritics
re-attached, numbers broken over a line end re-joined) and `folded`, the same text lower-cased and
without diacritics *character for character*, so a match found in `folded` (where OCR without
diacritics and correct text look alike) has the same offsets in `text`.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from cancu.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}

_COMBINING = re.compile(r"[\u0300-\u036f]")
# a combining mark cut off from its letter by a space or a punctuation mark ("hê ̣thống", "xa,̃")
_DETACHED = re.compile(r"([^\W\d_][\u0300-\u036f]*)([ ,.;:]?)([\u0300-\u036f]+)")
_TAG = re.compile(r"</?(?:p|ul|ol|li|i|b|em|strong|span|br|div|u|sup|sub|td|tr|th|table|tbody|thead)\b[^>\n]*>",
                  re.I)
# '**', '__', or a '*' that opens (no word or star before it) or closes (something before it) emphasis;
# written to start with the star, so the engine scans for '*' and '_' instead of trying every position
_MD_EMPHASIS = re.compile(r"__|\*(?:\*|(?<![\w*]\*)(?=\S)|(?<=\S\*)(?![\w*]))")
_MD_HEADING = re.compile(r"^[^\S\n]{0,3}#{1,6}[^\S\n]*", re.M)
_MD_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s*")


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Bytes to text, returning (text, encoding). Raises InputError for empty or binary input."""
    text, enc, _ = decode_report(data, path)
    return text, enc


def decode_report(data: bytes, path: str = "<bytes>") -> tuple[str, str, list[tuple[int, str]]]:
    """As `decode`, with what had to be mended on the way: (line, message) for stray NUL bytes
    removed and stray invalid UTF-8 bytes replaced (U+FFFD), where the rest of the file is text."""
    if not data.strip():
        raise InputError(path, "empty file")
    # UTF-32 first: its little-endian BOM starts with UTF-16's
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, []
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not valid {enc.upper()} although it starts with its byte-order mark "
                                       f"(bad bytes at offset {exc.start})") from None
    mended: list[tuple[int, str]] = []
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM shows NULs in every other byte of ASCII text (and only rarely in the
        # other bytes: U+0300, the combining grave of decomposed text, is 00 03)
        head = data[:4096]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = max(len(head) // 2, 1)
        for enc, many, few in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if many > 0.3 * half and few < 0.05 * half:
                try:
                    return data.decode(enc), enc, []
                except UnicodeDecodeError:
                    break
    if b"\x00" in data:
        data, mended = _strip_nuls(data, path)
    try:
        return data.decode("utf-8"), "utf-8", mended
    except UnicodeDecodeError:
        pass
    lenient = _mostly_utf8(data)
    if lenient is not None:
        return lenient[0], "utf-8", mended + lenient[1]
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1258", "cp1252", "utf_16", "latin_1"]).best()
    if best is None:
        raise InputError(path, "unreadable encoding (not UTF-8, UTF-16 or Windows-1258)")
    text = str(best)
    # Windows-1258 is the Vietnamese code page; other 8-bit guesses for Vietnamese text are wrong
    if best.encoding != "cp1258":
        try:
            alt = data.decode("cp1258")
            if _vietnamese_score(alt) > _vietnamese_score(text):
                return alt, "cp1258", mended
        except UnicodeDecodeError:
            pass
    return text, best.encoding, mended


def _lines_of(data: bytes, offsets: list[int]) -> list[int]:
    return [data.count(b"\n", 0, at) + 1 for at in offsets]


def _where(what: str, data: bytes, offsets: list[int]) -> tuple[int, str]:
    """One warning for all the places: the first line, and the lines of the first few."""
    lines = list(dict.fromkeys(_lines_of(data, offsets[:5])))
    more = f" and {len(offsets) - 5} more" if len(offsets) > 5 else ""
    return lines[0], f"{len(offsets)} {what} (line {', '.join(map(str, lines))}{more})"


def _strip_nuls(data: bytes, path: str) -> tuple[bytes, list[tuple[int, str]]]:
    """A few NUL bytes in text (a bad copy, a truncated write) are dropped with a warning; many mean
    the file is binary."""
    count = data.count(0)
    if count > 2 + len(data) // 1000:
        raise InputError(path, "binary file, not text (NUL bytes)")
    offsets: list[int] = []
    at = data.find(0)
    while at != -1 and len(offsets) < 5:
        offsets.append(at)
        at = data.find(0, at + 1)
    offsets += [-1] * (count - len(offsets))  # counted, not located: only the first five are named
    return data.replace(b"\x00", b""), [_where("NUL byte(s) removed", data, offsets)]


def _mostly_utf8(data: bytes) -> tuple[str, list[tuple[int, str]]] | None:
    """UTF-8 with a few stray invalid bytes, each replaced by U+FFFD; None if the bytes are not UTF-8
    at heart (a Windows-1258 file fails at nearly every accented letter)."""
    bad: list[int] = []

    def replace(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)  # registered for decoding only
        bad.append(exc.start)
        if len(bad) > 1000:
            raise exc
        return "\ufffd", exc.end

    codecs.register_error("cancu-stray", replace)
    try:
        text = data.decode("utf-8", "cancu-stray")
    except UnicodeDecodeError:
        return None
    good = len(text) - len(text.encode("ascii", "ignore")) - len(bad)  # letters with diacritics
    if len(bad) > 3 and good < 20 * len(bad):
        return None
    return text, [_where("invalid UTF-8 byte(s) replaced by U+FFFD", data, bad)]


def _vietnamese_score(text: str) -> int:
    nfc = unicodedata.normalize("NFC", text)
    return sum(1 for ch in nfc if "\u1ea0" <= ch <= "\u1ef9" or ch in "đĐăĂơƠưƯ")


def normalize(text: str) -> str:
    """NFC, detached diacritics re-attached, control characters and markup removed; lines kept 1:1.

    Each step runs over the whole text (a plan is read once per run, and per-line loops in Python
    cost more than the rest of the reading); none of the patterns crosses a line end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufeff", "")
    # decomposing and recomposing only changes text that is not NFC or has a mark cut off its letter
    if not unicodedata.is_normalized("NFC", text) or (_has_combining(text) and _MARK_AFTER_GAP.search(text)):
        text = unicodedata.normalize("NFD", text)
        text = _DETACHED.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)
        text = unicodedata.normalize("NFC", text)
    if "&" not in text:
        return _clean(text)
    # HTML entities are decoded line by line, as the markup steps after them see the decoded line
    lines = _clean(text).split("\n")
    for i, line in enumerate(text.split("\n")):
        if "&" in line and ";" in line:
            lines[i] = _clean(html.unescape(_TAG.sub(" ", line)), decoded=True)
    return "\n".join(lines)


def _clean(text: str, decoded: bool = False) -> str:
    """Markup and control characters out, trailing spaces off; line-local, so it runs on whole texts."""
    text = text if decoded else _TAG.sub(" ", text)
    # a decoded line may hold a line end, which the multi-line heading pattern would take for two lines
    if "#" in text:
        text = (_MD_HEADING_LINE if decoded else _MD_HEADING).sub("", text)
    if "*" in text or "_" in text:
        text = _MD_EMPHASIS.sub("", text)
    # printable apart from tabs and line ends: no control, format or unassigned character to drop
    if not text.replace("\t", " ").replace("\n", " ").isprintable():
        text = _MAYBE_CONTROL.sub(_drop_control, text)
    if decoded:  # a decoded line end ('&#10;') is a control character inside its line
        return text.replace("\n", "").rstrip()
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _printable_ranges(limit: int = 0x3000) -> str:
    """A character class of the code points below `limit` that are not control, format, private or
    unassigned (category C): text made of these needs no per-character check."""
    ranges, start = [], None
    for cp in range(limit + 1):
        ok = cp < limit and chr(cp) not in "\t\n" and unicodedata.category(chr(cp))[0] != "C"
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    return "".join(ranges)


_MAYBE_CONTROL = re.compile(f"[^\t\n{_printable_ranges()}]")
_MARK_AFTER_GAP = re.compile(r"[ ,.;:][\u0300-\u036f]")


def _has_combining(text: str) -> bool:
    """Does the text hold a combining mark (U+0300-U+036F)? Their UTF-8 forms start with the bytes
    CC or CD, which a byte search finds faster than a character class scans the text."""
    data = text.encode("utf-8", "surrogatepass")
    return (b"\xcc" in data or b"\xcd" in data) and _COMBINING.search(text) is not None


def _drop_control(m: re.Match[str]) -> str:
    return "" if unicodedata.category(m.group(0))[0] == "C" else m.group(0)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    if _COMBINING.match(base):
        return "~"
    low = base.lower()
    return low if len(low) == 1 else base


_FOLD_TABLE = {c: _fold_char(chr(c)) for c in range(0x80, 0x2000) if _fold_char(chr(c)) != chr(c)}


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one: `fold(t)[i]` is the folding of `t[i]`."""
    if text.isascii():
        return text.lower()
    # table cells, labels and names come back plan after plan: short strings are cached; a whole
    # plan is mapped code point by code point in numpy, 15 times faster than str.translate
    return _fold_short(text) if len(text) <= 200 else _fold_slow(text, _fold_array(text))


def _fold_array(text: str) -> str:
    import numpy as np

    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    low = points < len(_fold_points())
    mapped = points.copy()
    mapped[low] = _fold_points()[points[low]]
    return mapped.tobytes().decode("utf-32-le")


@lru_cache(maxsize=1)
def _fold_points() -> Any:
    """_FOLD_TABLE as an array: code point → folded code point, for the code points below 0x2000."""
    import numpy as np

    table = np.arange(0x2000, dtype=np.uint32)
    for point, folded in _FOLD_TABLE.items():
        table[point] = ord(folded)
    return table


def _fold_slow(text: str, folded: str | None = None) -> str:
    folded = text.translate(_FOLD_TABLE) if folded is None else folded
    out = folded.lower()
    if len(out) != len(text):  # rare characters whose lower case is longer
        out = "".join(_fold_char(c) for c in text)
    return out


_fold_short = lru_cache(maxsize=1 << 16)(_fold_slow)


def fold_loose(text: str) -> str:
    """Folded with white space and dashes collapsed: for comparing names, not for offsets."""
    text = fold(text).replace("–", "-").replace("—", "-")
    text = re.sub(r"\s*-\s*", " - ", text)
    return re.sub(r"\s+", " ", text).strip()


# old and new tone placement ('Hoà'/'Hòa', 'Uỷ'/'Ủy', 'thuỷ'/'thủy'): in an open syllable oa, oe and uy
# (not the u of qu) carry the tone on either vowel; decomposed, the mark follows the second
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_TONE_ON_SECOND = re.compile(rf"(?<![qQ])([oO][aAeE]|[uU][yY])([{_TONES}])(?![^\W\d_])")


def tone_canonical(text: str) -> str:
    """One tone placement for the diphthongs written both ways: 'Thanh Hoá' → 'Thanh Hóa', 'Uỷ ban' →
    'Ủy ban', so names written with either placement compare equal (where diacritics count). NFC."""
    nfd = unicodedata.normalize("NFD", text)
    if not any(t in nfd for t in _TONES):
        return text
    return unicodedata.normalize("NFC", _TONE_ON_SECOND.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], nfd))


@dataclass
class SourceText:
    """A plan's text with the original lines and the offset → line map."""

    path: str
    raw_lines: list[str]
    text: str
    folded: str
    encoding: str = "utf-8"
    line_starts: list[int] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)
    decode_warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, what was mended)

    @classmethod
    def from_string(cls, raw: str, path: str = "<text>", encoding: str = "utf-8") -> SourceText:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        raw_lines = raw.split("\n")
        text = normalize(raw)  # line for line with the original
        # where each line starts: the lengths of the lines before it, each with its line end
        lengths = map((1).__add__, map(len, text.split("\n")))
        starts = list(accumulate(lengths, initial=0))[:-1]
        return cls(path, raw_lines, text, fold(text), encoding, starts, list(range(1, len(starts) + 1)))

    @classmethod
    def from_path(cls, path: str | Path) -> SourceText:
        p = Path(path)
        if not p.exists():
            raise InputError(str(path), "no such file")
        if p.is_dir():
            raise InputError(str(path), "is a folder, not a file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
        text, enc, mended = decode_report(data, str(path))
        if not text.strip():
            raise InputError(str(path), "empty file")
        src = cls.from_string(text, str(path), enc)
        src.decode_warnings = mended
        return src

    def line_of(self, offset: int) -> int:
        """1-based line of the original file holding this offset of `text`."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_numbers[max(i, 0)]

    def lines(self) -> list[str]:
        """The cleaned lines (same count and order as the original file)."""
        return self.text.split("\n")

    @cached_property
    def shared_lines(self) -> list[str]:
        """lines(), split once for the readers that all walk them: read it, do not change it."""
        return self.text.split("\n")

    @cached_property
    def folded_lines(self) -> list[str]:
        """The folded lines, split once likewise: read it, do not change it."""
        return self.folded.split("\n")


