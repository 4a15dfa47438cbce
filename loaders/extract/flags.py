"""Review flags: why a fact read from a plan is uncertain, from what the loaders already computed.

A flag is a short sentence on the fact it concerns (a citation, an activity, an agency, the plan), set
only where there is a reason, so a clean fact's JSON is as it was:
- a citation whose number or date was repaired (typo, OCR digit, a year one off, the catalogue's date),
  or whose date is not written where it is cited (taken from another citation or the catalogue);
- a word the OCR repair changed on a fact's line (LoadedText.repairs);
- an agency matched to a known name by edit similarity below FUZZY_REVIEW_BELOW (loaders.agencies);
- an agency read on another page than its activity (a list across a page break; LoadedText.line_pages);
- an activity with no lead read;
- a plan with no legal basis or no activity, a blank or repaired number, a blank date, a date not written
  in its header, pages read by OCR.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cancu.loaders.extract.records import LEGAL_BASIS, Activity, AgencyRef, Citation, PlanRecord
from cancu.loaders.read.base import report_of
from cancu.loaders.read.text import SourceText
from cancu.ontology.knowledge import fold

HEADER_LINES = 40  # where a plan writes its number and date


def add_flags(rec: PlanRecord, src: SourceText) -> PlanRecord:
    repairs: dict[int, list[str]] = {}
    for r in getattr(src, "repairs", None) or []:
        repairs.setdefault(r.line, []).append(f"OCR read '{r.before}', repaired to '{r.after}' (line {r.line})")
    pages: list[int | None] = getattr(src, "line_pages", None) or []
    citations = tuple(_citation(c, repairs) for c in rec.citations)
    activities = tuple(_activity(a, repairs, pages) for a in rec.activities)
    plan_flags = _plan(rec, src)
    if citations == rec.citations and activities == rec.activities and not plan_flags:
        return rec
    return replace(rec, citations=citations, activities=activities, plan=replace(rec.plan, flags=plan_flags))


def _on_lines(lines: list[int], repairs: dict[int, list[str]]) -> list[str]:
    return [f for n in sorted(set(lines)) for f in repairs.get(n, [])]


def _citation(c: Citation, repairs: dict[int, list[str]]) -> Citation:
    flags = [f"repaired: {x}" for x in c.corrections if not _only_diacritics(x)]
    lines = [c.span.line, *(o.line for o in c.occurrences)]
    texts = [c.span.text, *(o.text for o in c.occurrences)]
    if c.date and c.number and not any(c.date[:4] in t or c.date[2:4] in _numbers(t) for t in texts):
        flags.append(f"date {c.date} is not written where it is cited: taken from another citation or the catalogue")
    flags += _on_lines(lines, repairs)
    return replace(c, flags=tuple(dict.fromkeys(flags))) if flags else c


def _only_diacritics(note: str) -> bool:
    """"type code 'QD' read as 'QĐ'": a code written without its marks, put right with no doubt."""
    quoted = re.findall(r"'([^']*)'", note)
    return len(quoted) == 2 and quoted[0] != quoted[1] and fold(quoted[0]) == fold(quoted[1])


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _activity(a: Activity, repairs: dict[int, list[str]], pages: list[int | None]) -> Activity:
    flags = [] if a.lead else ["no lead agency read"]
    flags += _on_lines([a.span.line, *(r.line for r in (*a.lead, *a.cooperating))], repairs)
    if pages:  # pages are known of PDFs and scans only
        lead = tuple(_agency(r, a, pages) for r in a.lead)
        cooperating = tuple(_agency(r, a, pages) for r in a.cooperating)
    else:
        lead, cooperating = a.lead, a.cooperating
    if not flags and lead == a.lead and cooperating == a.cooperating:
        return a
    return replace(a, flags=tuple(flags), lead=lead, cooperating=cooperating)


def _agency(r: AgencyRef, a: Activity, pages: list[int | None]) -> AgencyRef:
    """An agency read on another page than the line its activity starts on."""
    def page(line: int) -> int | None:
        return pages[line - 1] if 0 < line <= len(pages) else None

    here, there = page(a.span.line), page(r.line)
    if here is None or there is None or here == there:
        return r
    return replace(r, flags=(*r.flags, f"read across a page break (activity on page {here}, agency on page {there})"))


def _plan(rec: PlanRecord, src: SourceText) -> tuple[str, ...]:
    p = rec.plan
    flags = [w.message for w in rec.warnings if w.code in ("plan", "encoding")]
    if not any(c.role == LEGAL_BASIS for c in rec.citations):
        flags.append("no legal basis read")
    if not rec.activities:
        flags.append("no activity read")
    if p.date and not _date_in_header(p.date, src):
        flags.append(f"date {p.date} is not written in the header: inferred")
    report = report_of(src)
    if report is not None and report.pages_ocred:
        conf = f", confidence {report.ocr_confidence:.0f}" if report.ocr_confidence is not None else ""
        flags.append(f"{report.pages_ocred} page(s) read by OCR{conf}")
    return tuple(dict.fromkeys(flags))


# a date as a header writes it, in words or in figures; one pattern for every date (a pattern made per
# plan's date would be compiled for each plan and push the others out of the re module's cache)
_WRITTEN_DATE = re.compile(r"ngay\W*0?(\d{1,2})\W*thang\W*0?(\d{1,2})\W*nam\W*(\d{4})"
                           r"|\b0?(\d{1,2})\s*[/.-]\s*0?(\d{1,2})\s*[/.-]\s*(\d{4})")


def _date_in_header(date: str, src: SourceText) -> bool:
    wanted = tuple(int(x) for x in date.split("-"))
    # joined: web copies break 'ngày / 24 tháng 11 năm 2025' across lines
    for m in _WRITTEN_DATE.finditer(" ".join(src.folded_lines[:HEADER_LINES])):
        d, mo, y = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        if (int(y), int(mo), int(d)) == wanted:
            return True
    return False
