"""Dates as plans write them: 'ngày 15/7/2021', 'ngày 15 tháng 7 năm 2021', '15-7-2021', OCR'd or mistyped.

All patterns run on folded text (see loaders.text.fold), where 'ngày' and OCR's 'ngay' look alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# "ngày" in OCR: ngay, ngdy, ngiy, ngey…
_NGAY = r"(?:ng\S{1,2}y\s*)"
_NUMERIC = re.compile(
    rf"\s*[,(]?\s*{_NGAY}?(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})\s*[/.-]\s*(?P<y>\d{{2,6}})(?!\d)")
_LONG = re.compile(
    rf"\s*[,(]?\s*{_NGAY}(?P<d>\d{{1,2}})\s+th\S{{2,3}}\s+(?P<m>\d{{1,2}})\s+n\S{{1,2}}m\s+(?P<y>\d{{4,6}})(?!\d)")


@dataclass(frozen=True)
class ParsedDate:
    iso: str | None  # None when the written date is not a date
    written: str
    end: int  # offset just after the date in the searched text
    warning: str | None = None


def date_at(folded: str, pos: int, *, hint_year: int | None = None) -> ParsedDate | None:
    """The date written right at `pos` (after a document number), or None if none stands there.

    `hint_year` (the year inside a number such as 107/2021/NĐ-CP, or a catalogue's year) settles
    which reading of a mistyped year ('202021') is meant.
    """
    window = folded[pos:pos + 60]
    m = _NUMERIC.match(window) or _LONG.match(window)
    if not m:
        return None
    written = " ".join(m.group(0).split()).strip(" ,(")
    iso, warning = _to_iso(m.group("d"), m.group("m"), m.group("y"), hint_year)
    return ParsedDate(iso, written, pos + m.end(), warning)


def _to_iso(d: str, m: str, y: str, hint_year: int | None) -> tuple[str | None, str | None]:
    warning = None
    if len(y) == 2:
        year = 2000 + int(y) if int(y) <= 50 else 1900 + int(y)
    elif len(y) == 4:
        year = int(y)
    elif len(y) > 4:
        readings = [int(y[:4]), int(y[-4:])]
        readings = [r for r in readings if 1945 <= r <= 2100]
        if not readings:
            return None, f"year '{y}' is not a year"
        year = hint_year if hint_year in readings else readings[-1]
        warning = f"year '{y}' mistyped, read as {year}"
    else:
        return None, f"year '{y}' is not a year"
    try:
        return date(year, int(m), int(d)).isoformat(), warning
    except ValueError:
        return None, f"'{d}/{m}/{y}' is not a date"


# the place-and-date of a header; `\s` lets it run over the line ends of a web page's table cell
# ('Hà Nội, ngày 18' / 'tháng 11 năm 2025')
_PLAN_LONG = re.compile(r"ng\S{1,2}y\s*(\d{1,2})?\s*th\S{2,3}\s*(\d{1,2})?\s*n\S{1,2}m\s*(\d{4})")
_PLAN_NUMERIC = re.compile(r"ng\S{1,2}y\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")


def plan_date(folded_line: str) -> tuple[str | None, int | None, int | None] | None:
    """The place-and-date line of a plan header ('Tây Ninh, ngày 08 tháng 4 năm 2022').

    Returns (iso or None, year, month); day and month may be left blank by a plan still unsigned.
    """
    found = find_plan_date(folded_line)
    return found[2] if found else None


def find_plan_date(folded: str, pos: int = 0) -> tuple[int, int, tuple[str | None, int | None, int | None]] | None:
    """The first date of issue from `pos` in a (multi-line) folded header: (start, end, (iso, year,
    month)). Written out ('ngày 08 tháng 4 năm 2022') or in figures ('ngày 06/3/2023')."""
    found = [m for m in (_PLAN_LONG.search(folded, pos), _PLAN_NUMERIC.search(folded, pos)) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    d, mo, y = m.group(1), m.group(2), int(m.group(3))
    if d and mo:
        try:
            return m.start(), m.end(), (date(y, int(mo), int(d)).isoformat(), y, int(mo))
        except ValueError:
            return m.start(), m.end(), (None, y, int(mo))
    return m.start(), m.end(), (None, y, int(mo) if mo else None)
