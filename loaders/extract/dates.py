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
# an unsigned draft leaves day and month blank, or dotted: 'ngày     tháng     năm 2025', 'ngày …. tháng ….'
_BLANK = r"[\s.…_]{0,40}"
_PLAN_LONG = re.compile(rf"ng\S{{1,2}}y{_BLANK}(\d{{1,2}})?{_BLANK}th\S{{2,3}}{_BLANK}(\d{{1,2}})?{_BLANK}"
                        r"n\S{1,2}m\s*(\d{4})")
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


def year_misread(iso: str, number_year: int | None, plan_date: str | None) -> tuple[str, int | None, str] | None:
    """A cited date and the year inside its number read against each other and the plan's own date,
    for OCR and typing slips of one digit ('ngày 23/4/2918', '46/2002/QĐ-UBND ngày 12/09/2022').

    Returns (date, number year, what was corrected), or None when nothing need be or no one reading fits:
    - number and date disagree on the year: a date after the plan's own takes the number's year; else a
      number year one digit off the date's takes the date's;
    - no year in the number, and a date more than a year after the plan's: the one-digit change of its
      year nearest the plan's that puts it on or before the plan's date (2921 → 2021). A date a little
      after the plan's is left as written: the plan's own date may be the slip.
    """
    if not plan_date:  # nothing to tell which reading is right
        return None
    year = int(iso[:4])
    if number_year and number_year != year:
        if iso > plan_date:
            fixed = _with_year(iso, number_year)
            if fixed and fixed <= plan_date:
                return fixed, number_year, f"date {iso} after the plan's own; year {number_year} from the number"
        elif year in _one_digit_off(number_year):
            return iso, year, f"year {number_year} in the number read as {year}, the year of its date"
        return None
    if number_year or year <= int(plan_date[:4]) + 1:
        return None
    readings = sorted((abs(int(plan_date[:4]) - y), d) for y in _one_digit_off(year)
                      if (d := _with_year(iso, y)) and d <= plan_date and y >= 1945)
    if readings and (len(readings) == 1 or readings[0][0] < readings[1][0]):
        return readings[0][1], number_year, f"date {iso} after the plan's own; read as {readings[0][1]}"
    return None


def _one_digit_off(year: int) -> list[int]:
    digits = f"{year:04d}"
    return [int(digits[:i] + d + digits[i + 1:]) for i in range(4) for d in "0123456789" if d != digits[i]]


def _with_year(iso: str, year: int) -> str | None:
    try:
        return date(year, int(iso[5:7]), int(iso[8:10])).isoformat()
    except ValueError:
        return None
