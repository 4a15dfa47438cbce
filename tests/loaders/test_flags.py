"""Review flags: set on the facts that have a reason, from what the loaders computed, and nowhere else.

The scanned-plan cases run the extractor on a LoadedText made by the readers' own `assemble`, with the
OCR repair and the pages a reader reports; the reasons are written into the inputs here."""

from __future__ import annotations

import json
from typing import Any

from cancu.loaders.extract import extract, extract_text
from cancu.loaders.extract.records import PlanRecord
from cancu.loaders.read.base import Line, LoaderReport, PageReport, assemble

from cancu.testing import PLAN_TEXT


def _flags(rec: PlanRecord) -> list[tuple[str, str]]:
    """(where, flag) for every flag in the record's JSON."""
    out: list[tuple[str, str]] = []

    def walk(o: Any, where: str) -> None:
        if isinstance(o, dict):
            out.extend((where, f) for f in o.get("flags", []))
            for k, v in o.items():
                walk(v, f"{where}/{k}" if k != "flags" else where)
        elif isinstance(o, list):
            for x in o:
                walk(x, where)

    walk(rec.to_json(), "")
    return out


def test_a_clean_plan_carries_no_flag_and_prints_no_flags_key() -> None:
    rec = extract_text(PLAN_TEXT)
    assert _flags(rec) == []
    assert '"flags"' not in json.dumps(rec.to_json(), ensure_ascii=False)


def test_a_plan_with_no_legal_basis_and_no_activity_is_flagged() -> None:
    text = "UBND TỈNH AN GIANG\nSố: 12/KH-UBND\nAn Giang, ngày 10 tháng 3 năm 2022\nKẾ HOẠCH\nTuyên truyền năm 2022\n" \
           "I. NỘI DUNG\nTuyên truyền về Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ trên báo, đài.\n"
    rec = extract_text(text)
    assert ("/plan", "no legal basis read") in _flags(rec)
    assert ("/plan", "no activity read") in _flags(rec)


def test_a_repaired_year_is_flagged_on_its_citation() -> None:
    # the date's year written '202021': the extractor reads 2021 and says so
    text = PLAN_TEXT.replace("15/7/2021", "15/7/202021")
    rec = extract_text(text)
    (basis,) = [c for c in rec.citations if c.number == "76/NQ-CP"]
    assert basis.date == "2021-07-15"
    assert any("202021" in f for f in basis.flags), basis.flags
    assert all(not c.flags for c in rec.citations if c.number != "76/NQ-CP")


def test_a_fuzzy_agency_match_below_the_threshold_is_flagged() -> None:
    # the OCR slip at the end of the list, where the text around it has no diacritics either
    text = PLAN_TEXT.replace("Sở Tư pháp; Báo An Giang.", "Sở Tư pháp; Báo An Giang; So Tai chlnh.")
    assert text != PLAN_TEXT
    rec = extract_text(text)
    coop = {r.name: r.flags for a in rec.activities for r in a.cooperating}
    assert "Sở Tài chính" in coop, coop
    assert len(coop["Sở Tài chính"]) == 1 and "fuzzy match" in coop["Sở Tài chính"][0]
    assert coop["Sở Tư pháp"] == ()


def _scanned(pages_of: dict[int, int], repaired: dict[int, tuple[str, str]]) -> Any:
    """PLAN_TEXT as a reader of a two-page scan gives it: line k on page pages_of.get(k, 1); the OCR
    read `before` where the text now says `after` on the lines of `repaired`."""
    lines = []
    for k, text in enumerate(PLAN_TEXT.split("\n"), 1):
        if k in repaired:
            before, after = repaired[k]
            col = text.index(after)
            lines.append(Line(text, pages_of.get(k, 1), "ocr", raw=text.replace(after, before),
                              edits=[(col, before, after)]))
        else:
            lines.append(Line(text, pages_of.get(k, 1), "ocr"))
    report = LoaderReport("scan.pdf", "pdf", "tesseract",
                          pages=[PageReport(1, "ocr", 500, 88.0), PageReport(2, "ocr", 200, 91.0)])
    return assemble(lines, "scan.pdf", report, "utf-8")


def _line_of(needle: str) -> int:
    return next(k for k, t in enumerate(PLAN_TEXT.split("\n"), 1) if needle in t)


def test_an_ocr_repair_is_flagged_on_the_fact_of_its_line() -> None:
    basis_line = _line_of("76/NQ-CP")
    rec = extract(_scanned({}, {basis_line: ("Chinh phü", "Chính phủ")}))
    (basis,) = [c for c in rec.citations if c.number == "76/NQ-CP"]
    assert any("OCR read 'Chinh phü'" in f and f"line {basis_line}" in f for f in basis.flags), basis.flags
    assert all(not c.flags for c in rec.citations if c is not basis)
    assert any("2 page(s) read by OCR" in f for f in rec.plan.flags), rec.plan.flags


def test_an_agency_read_across_a_page_break_is_flagged() -> None:
    coop_line = _line_of("Cơ quan phối hợp")
    rec = extract(_scanned({k: 2 for k in range(coop_line, 40)}, {}))
    (act,) = [a for a in rec.activities if a.cooperating]
    assert act.span.line < coop_line  # the activity starts on page 1
    assert all(any("page break" in f for f in r.flags) for r in act.cooperating)
    assert all(not r.flags for r in act.lead)
