"""Dates as plans write them, after a document number and in the plan's own header."""

from __future__ import annotations

import pytest
from cancu.loaders.extract.dates import date_at, plan_date
from cancu.loaders.read.text import fold

AFTER_NUMBER = {
    "slashes": (" ngày 15/7/2021 của Chính phủ", "2021-07-15", None),
    "leading-zeros": (" ngày 06/01/2022", "2022-01-06", None),
    "long-form": (" ngày 15 tháng 7 năm 2021", "2021-07-15", None),
    "dashes": (" ngày 15-7-2021", "2021-07-15", None),
    "dots": (" ngày 15.7.2021", "2021-07-15", None),
    "no-ngay": (" 15/7/2021", "2021-07-15", None),
    "comma": (", ngày 15/7/2021", "2021-07-15", None),
    "parenthesis": (" (ngày 15/7/2021)", "2021-07-15", None),
    "ocr-ngay": (" ngdy 17/9/2021", "2021-09-17", None),
    "ocr-long": (" ngay 22 thang 3 nim 2024", "2024-03-22", None),
    "broken-line": (" ngày\n\n06/12/2021", "2021-12-06", None),
    "two-digit-year": (" ngày 5/3/21", "2021-03-05", None),
    "year-typed-twice": (" ngày 06/12/202021", "2021-12-06", "mistyped"),
    "long-form-year-typed-twice": (" ngày 06 tháng 01 năm 202020", "2020-01-06", "mistyped"),
    "impossible-day": (" ngày 31/2/2021", None, "not a date"),
    "impossible-month": (" ngày 12/13/2021", None, "not a date"),
}


@pytest.mark.parametrize("case", list(AFTER_NUMBER))
def test_date_after_a_number(case: str) -> None:
    written, iso, warning = AFTER_NUMBER[case]
    d = date_at(fold(written), 0)
    assert d is not None
    assert d.iso == iso
    assert (warning is None and d.warning is None) or (warning and d.warning and warning in d.warning)
    assert "\n" not in d.written


@pytest.mark.parametrize("written", [" của Chính phủ", " về việc ban hành", "", " ngày", " năm 2021"],
                         ids=["issuer", "title", "nothing", "ngay-alone", "year-alone"])
def test_no_date(written: str) -> None:
    assert date_at(fold(written), 0) is None


def test_the_number_year_settles_a_mistyped_year() -> None:
    d = date_at(fold(" ngày 06/12/202120"), 0, hint_year=2021)
    assert d is not None and d.iso == "2021-12-06"


HEADER = {
    "full": ("Tây Ninh, ngày 08 tháng 4 năm 2022", ("2022-04-08", 2022, 4)),
    "blank-day-and-month": ("Long An, ngày    tháng    năm 2024", (None, 2024, None)),
    "blank-day": ("Bình Định, ngày    tháng 01 năm 2022", (None, 2022, 1)),
    "ocr": ("Gia Lai, ngay 29 thang 12 nam 2023", ("2023-12-29", 2023, 12)),
    "ocr-nim": ("Phu Yén, ngay 22 thang 3 nim 2024", ("2024-03-22", 2024, 3)),
    "impossible": ("Hà Nội, ngày 30 tháng 02 năm 2025", (None, 2025, 2)),
}


@pytest.mark.parametrize("case", list(HEADER))
def test_plan_date(case: str) -> None:
    line, expected = HEADER[case]
    assert plan_date(fold(line)) == expected


def test_a_line_without_a_date() -> None:
    assert plan_date(fold("KẾ HOẠCH tuyên truyền năm 2024")) is None
