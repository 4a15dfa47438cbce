"""The small plans the coordination tests read: a plan's opening, clean or as OCR gives it, before each case."""

from __future__ import annotations

import pytest
from cancu.loaders.extract import extract_text

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 30/KH-UBND\nNinh Bình, ngày 10 tháng 3 năm 2023\n\n"
          "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2023\n\n"
          "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
          "UBND tỉnh ban hành Kế hoạch như sau:\n\n")

OCR_HEADER = ("UY BAN NHAN DAN CONG HOA XA HQI CHU NGHIA VIET NAM\nTINH NINH BINH Déc 1ap — Tu do — Hanh phic\n"
              "Sb: 30/KH-UBND Ninh Binh, ngay 10 thang 3 nim 2023\nKE HOACH\n"
              "Tuyén truyén cai cach hanh chinh nam 2023\n"
              "Cin cir Nghi quyét s6 76/NQ-CP ngay 15/7/2021 ciia Chinh phu ban hanh Chuong trinh tong thé cai cach "
              "hanh chinh nha nudc giai doan 2021 - 2030;\n")
Pair = tuple[list[str], list[str]]


def pairs(text: str) -> list[Pair]:
    """Each activity read from a plan as (its leads' names, its partners' names)."""
    rec = extract_text(text)
    return [([r.name for r in a.lead], [r.name for r in a.cooperating]) for a in rec.activities]


def layout_cases(cases: dict[str, tuple[str, list[Pair]]],
                 ocr_cases: dict[str, tuple[str, list[Pair]]]) -> list[pytest.ParameterSet]:
    """A layout's table of cases as (the plan's opening, the case's text, what it expects), each named."""
    return ([pytest.param(HEADER, text, expected, id=name) for name, (text, expected) in cases.items()]
            + [pytest.param(OCR_HEADER, text, expected, id=name) for name, (text, expected) in ocr_cases.items()])
