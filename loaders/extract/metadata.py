"""A plan's own particulars from its header and signature block: type, number, date, place and
province, issuer, title, year covered, signer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from cancu.loaders.extract import districts
from cancu.loaders.extract.agencies import is_ocr
from cancu.loaders.extract.citations import STATE_NUMBER, parse_number
from cancu.loaders.extract.dates import find_plan_date
from cancu.loaders.extract.header_lines import (
    _basis_opener,
    _ends_title,
    _goes_on,
    _looks_like_body,
    _upper_share,
)

# re-exported: plan.py and coordination/patterns.py import these from here, where they were
from cancu.loaders.extract.signature import RECIPIENTS_HEAD, SignerBlock, read_signer  # noqa: F401
from cancu.loaders.read.text import SourceText, tone_canonical
from cancu.loaders.read.text import fold as fold_chars
from cancu.ontology.knowledge import Agency, DocType, Knowledge, Province, code_key, fold

HEADER_LINES = 25
MOTTO_WITHIN = 80  # lines: a web page's banner may come before the document
ISSUER_CELL_LINES = 8  # lines (not blank) above the motto that may hold the issuer's cell
ADOPTION_TAIL = 3000  # characters at the end of a law that hold its '… thông qua ngày …'
# "Số: 1183 /KH-UBND", "Số: /KH-STTTT", "Số             /KH-UBND", "Số: ……/KH-UBND", OCR "Sb: 139/KH-STTTT",
# "Số:" and "73/2025/NQ-HĐND" on two lines, "Luật số: 60/2024/QH15"
_PLAN_NUMBER = re.compile(r"(?:^|\s)s\S?\s*[:.]?\s*(?:(?P<num>\d{1,5}[a-z]?)|[.…_]{1,30})?"
                          r"(?:[ \t]*/[ \t]*(?:19|20)\d{2})?[ \t]*/[ \t]*"
                          r"(?P<code>[a-z][a-z&]*\d*(?:-(?:[ \t]*\n\s*)?[a-z0-9&]+)*)")
_PLACE_COMMA = re.compile(r",\s*(?=ng\S{1,2}y\s*[\d\s])")
# what separates a place from what stands before it on its line: a cell border, a rule, a tab, a gap
_CELL_BORDER = re.compile(r"\||_{2,}|-{3,}|\t| {3,}")
_YEAR_IN_TITLE = re.compile(r"\bn\S{1,2}m\s+((?:19|20)\d{2})\b")
_ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# dates and numbers inside a title: 'ngày 15 tháng 8 năm 2024', '21/10/2025', '48/2023/NĐ-CP'
_DATES_AND_NUMBERS = re.compile(r"ng\S{1,2}y\s*\d{1,2}\s*th\S{2,3}\s*\d{1,2}\s*n\S{1,2}m\s*\d{4}"
                                r"|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\S*/\d{4}/\S*")
# a period, not one year: '2026 - 2030', 'giai đoạn 2021-2025', 'đến năm 2030', 'thời kỳ 2021-2030'
_PERIOD = re.compile(r"\b(?P<from>(?:19|20)\d{2})\s*-\s*(?P<to>(?:19|20)\d{2})\b"
                     r"|\bden\s+n\S{1,2}m\s+(?P<until>(?:19|20)\d{2})\b")


@dataclass
class Header:
    doc_type: str
    number: str | None
    number_suffix: str | None
    number_span: tuple[int, int] | None
    date: str | None
    year: int | None
    month: int | None
    province: Province | None
    issuer: Agency | None
    title: str | None
    title_end: int  # offset where the body starts
    warnings: list[str]
    district: str | None = None  # 'huyện Lâm Hà': the plan is a district's (its UBND or an office of it)
    issued_by: tuple[str, str] | None = None  # the decision that issues the plan: (its type, its title)
    issue_year: int | None = None  # the year of the date of issue (the plan's year, `year`, is its title's)
    period: str | None = None  # the period the title names instead of a year: '2026-2030', 'đến năm 2030'


@cache
def _squeezed_types(kb: Knowledge) -> dict[str, DocType]:
    """Type names without spaces: 'K Ế  H O Ạ C H' is 'kehoach'."""
    return {re.sub(r"[^a-z&]", "", name): t for name, t in kb.type_by_name.items()}


@cache
def _types_longest_first(kb: Knowledge) -> list[str]:
    return sorted(kb.type_by_name, key=len, reverse=True)


def _type_heading(lines: list[str], flines: list[str], kb: Knowledge,
                  first: int = 0) -> tuple[int, DocType, str] | None:
    """The line that names the plan's type in capitals: 'KẾ HOẠCH', 'K Ế  H O Ạ C H', or 'KẾ HOẠCH TUYÊN
    TRUYỀN … NĂM 2024' with the title on the same line. Returns (line index, type, title on that line)."""
    squeezed = _squeezed_types(kb)
    for i, (line, fl) in enumerate(zip(lines[first:first + 60], flines[first:first + 60], strict=False), first):
        if _upper_share(line) <= 0.7:
            continue
        key = re.sub(r"[^a-z& ]", "", fl).strip()
        t = kb.type_by_name.get(key) or squeezed.get(key.replace(" ", ""))
        if t is not None:
            return i, t, ""
        if i + 1 < len(lines) and len(key) <= 12 and _upper_share(lines[i + 1]) > 0.7:
            # a web page's hard line break inside the heading: 'QUYẾT' / 'ĐỊNH'
            t = squeezed.get((key + re.sub(r"[^a-z&]", "", flines[i + 1])).replace(" ", ""))
            if t is not None:
                return i + 1, t, ""
        # the title written on the heading line itself; the longest type name that starts it
        for name in _types_longest_first(kb):
            if key.startswith(name + " ") and len(key.split()) - len(name.split()) >= 2:
                words = line.split()
                rest = " ".join(words[len(name.split()):])
                return i, kb.type_by_name[name], rest[:1] + rest[1:].lower() if rest.isupper() else rest
    return None


def _provinces_in(text: str, folded: str, kb: Knowledge, ocr: bool) -> list[Province]:
    """The provinces a text names, as often as it names them. Unless OCR garbled its diacritics
    ('Phu Yén'), a name written with diacritics must have its own: folded, 'Lâm Hà năm 2025' holds
    'Hà Nam'."""
    found = []
    for name, p in kb.province_by_name.items():
        if name not in folded:  # a plain substring test first: most names are not there
            continue
        for m in re.finditer(rf"(?<![a-z]){re.escape(name)}(?![a-z])", folded):
            written = " ".join(text[m.start():m.end()].split()).lower()
            if ocr or written == m.group(0) or written in _written_names(p) or (
                    tone_canonical(written) in _written_names(p)):
                found.append(p)
    return found


@cache
def _written_names(p: Province) -> frozenset[str]:
    # 'Thanh Hoá' and 'Thanh Hóa' are one name: the tone placement is made one before comparing
    return frozenset(tone_canonical(" ".join(n.split()).lower()) for n in (p.name, *p.aliases))


def read_header(src: SourceText, kb: Knowledge) -> Header:
    lines = src.shared_lines
    flines = src.folded_lines
    warnings: list[str] = []
    first = _header_start(flines, kb)
    heading = _type_heading(lines, flines, kb, first)
    head_end = heading[0] if heading else _body_start(lines, flines, kb, first)
    # the header as one text: a web page's table puts each cell on lines of its own and breaks fields
    # ('Số:' / '73/2025/NQ-HĐND', 'Hà Nội, ngày 18' / 'tháng 11 năm 2025') where a page had none
    base = src.line_starts[first] if first < len(src.line_starts) else len(src.text)
    end = src.line_starts[head_end] if head_end < len(src.line_starts) else len(src.text)
    text, folded = src.text[base:end], src.folded[base:end]

    number, suffix, span, issuer, numbered_type = _plan_number(text, folded, kb, warnings)
    doc_type = heading[1].name if heading else _type_without_heading(folded, numbered_type, kb)
    number_span = (base + span[0], base + span[1]) if span else None
    dated = _issue_date(folded) or _adoption_date(src, kb)
    date = year = month = None
    if dated:
        date, year, month = dated[2]
        if date is None:
            warnings.append("the plan's date is left blank" if month is None or year else "")
    warnings = [w for w in warnings if w]

    # the issuer's cell: what stands above the number and the date
    in_header = dated is not None and dated[0] >= 0
    cell_end = min([p for p in (span[0] if span else None, dated[0] if dated and in_header else None)
                    if p is not None], default=len(text))
    ocr = is_ocr(src.text)
    if issuer is None:
        issuer = _issuer_from_header(fold(text[:cell_end]) or fold(text), kb)
    province = None
    if dated and in_header:
        place = _place(text, folded, dated[0], span[1] if span else 0)
        found = _provinces_in(text[place[0]:place[1]], folded[place[0]:place[1]], kb, ocr)
        province = found[0] if found else None
    national = issuer is not None and issuer.scope == "national"
    in_cell = _provinces_in(text[:cell_end], folded[:cell_end], kb, ocr) if national or province is None else []
    central = national and not in_cell
    if province is None:  # "UBND TỈNH GIA LAI", "tỉnh Bắc Kạn" in the header
        found = in_cell or _provinces_in(text, folded, kb, ocr)
        province = found[0] if found else None

    title, title_end, issued_by, doc_type = _titled(src, lines, flines, kb, heading, head_end, ocr,
                                                  doc_type)

    if central:  # 'Hà Nội, ngày …' is where a ministry or the Government signed, not its scope
        province = None
    else:
        if province is None and title:
            found = _provinces_in(title, fold(title), kb, ocr)
            province = found[0] if found else None
        if province is None:  # the province the body names most
            counts = Counter(p.id for p in _provinces_in(src.text, src.folded, kb, ocr))
            province = kb.province_by_id[counts.most_common(1)[0][0]] if counts else None

    district = districts.in_header([line for line in lines[first:head_end] if _upper_share(line) > 0.7], kb)
    return Header(doc_type, number, suffix, number_span, date, _covered_year(title), month, province, issuer,
                  title, title_end, warnings, district, issued_by, year, _period(title))


def _titled(src: SourceText, lines: list[str], flines: list[str], kb: Knowledge,
            heading: tuple[int, DocType, str] | None, head_end: int, ocr: bool,
            doc_type: str) -> tuple[str | None, int, tuple[str, str] | None, str]:
    """The title and the offset where the body starts; for a decision that issues another document
    ('Về việc ban hành Kế hoạch …'), the decision (its type, its title) and the attached document's
    type and title in place of the heading's."""
    title, title_end_line = _title(lines, flines, kb, heading, head_end)
    if title and ocr:  # shown on the pages: repaired like a scan's body ('Tuyén truyén … nim 2024')
        from cancu.loaders.read.repair import repair_shown

        title = repair_shown(title)
    title_end = src.line_starts[title_end_line] if title_end_line < len(src.line_starts) else len(src.text)
    issued_by = None
    if heading and title:
        attached = _attached(title, heading[1].name, kb)
        if attached:
            issued_by = (heading[1].name, title)
            doc_type, title = attached
    return title, title_end, issued_by, doc_type


def _body_start(lines: list[str], flines: list[str], kb: Knowledge, first: int) -> int:
    """Where a header without a type heading ends: at the first line of the body ('Căn cứ …', whose
    dates are not the date of issue), at most HEADER_LINES lines on."""
    last = min(first + HEADER_LINES, len(lines))
    return next((i for i in range(first, last) if _looks_like_body(flines[i], lines[i], kb)), last)


def _type_without_heading(folded: str, numbered: DocType | None, kb: Knowledge) -> str:
    """A document without a type heading: an official letter when its header gives a subject
    ('V/v thuế …'), else the type its number's code names ('21/2025/TT-BGDĐT'), else a plan."""
    for mark in kb.header.get("letter_subject", []):
        if re.search(rf"(?<![a-z]){re.escape(fold(mark))}\s", folded):
            return kb.header.get("letter_type", ["Công văn"])[0]
    return numbered.name if numbered else "Kế hoạch"


def _header_start(flines: list[str], kb: Knowledge) -> int:
    """The line the document's own header starts on: a few lines above the national motto ('CỘNG HÒA
    XÃ HỘI CHỦ NGHĨA VIỆT NAM'), so that a web page's banner or metadata block above it is left out.
    Without a motto (OCR may garble it), the first line."""
    top = "\n".join(flines[:MOTTO_WITHIN])
    m = _motto(kb).search(top)
    if not m:
        return 0
    start, kept = top.count("\n", 0, m.start()), 0
    while start > 0 and kept < ISSUER_CELL_LINES:  # PDF text may put blank lines between the cell's
        start -= 1
        kept += bool(flines[start].strip())
    return start


@cache
def _motto(kb: Knowledge) -> re.Pattern[str]:
    """The motto's words with anything but letters between them ('CỘNG HÒA XÃ HỘI', 'Độc lập - Tự do')."""
    words = [fold(m).replace("-", " ").split() for m in kb.header.get("motto", [])]
    return re.compile("|".join(r"[^a-z\n]+".join(map(re.escape, w)) for w in words if w))


def _plan_number(text: str, folded: str, kb: Knowledge,
                 warnings: list[str]) -> tuple[str | None, str | None, tuple[int, int] | None, Agency | None,
                                               DocType | None]:
    """The header's 'Số: 52/KH-UBND': number, suffix, span in the header, and the issuer and type its
    code names."""
    m = _PLAN_NUMBER.search(folded)
    if not m:
        return None, None, None, None, None
    number = suffix = None
    parts = None
    if m.group("num"):
        nm = STATE_NUMBER.search(text[m.start("num"):m.end("code")])
        if nm:
            parts = parse_number(nm, kb)
            number = parts.number
            suffix = number.split("/", 1)[1]
            warnings += parts.corrections
    else:
        nm = STATE_NUMBER.search("1/" + "".join(text[m.start("code"):m.end("code")].split()))
        if nm:
            parts = parse_number(nm, kb)
            suffix = parts.number.split("/", 1)[1]
        warnings.append("the plan's number is left blank")
    issuer, dtype = (parts.issuer, parts.doc_type) if parts else (None, None)
    if issuer is None and suffix:
        issuer = _body_of_head(suffix.rsplit("-", 1)[-1], kb)
    return number, suffix, (m.start(), m.end()), issuer, dtype


def _body_of_head(code: str, kb: Knowledge) -> Agency | None:
    """A chairman's act is numbered with his title before his body's code ('44/2025/QĐ-CTUBND': Chủ
    tịch UBND) and is keyed to the body."""
    for prefix in kb.header.get("head_code_prefixes", []):
        if code.upper().startswith(prefix.upper()) and len(code) > len(prefix):
            body = kb.issuer_by_code.get(code_key(code[len(prefix):]))
            if body is not None:
                return body
    return None


_Dated = tuple[int, int, tuple[str | None, int | None, int | None]]


def _issue_date(folded: str) -> _Dated | None:
    """The date of issue in the header: the one after a place ('Quảng Ninh, ngày …'), else the first."""
    comma = _PLACE_COMMA.search(folded)
    return (find_plan_date(folded, comma.start()) if comma else None) or find_plan_date(folded)


def _adoption_date(src: SourceText, kb: Knowledge) -> _Dated | None:
    """A law or a resolution of the legislature, whose header gives no date, is dated in its closing
    line: '… được Quốc hội … thông qua ngày 30 tháng 11 năm 2024'. Offsets -1: not in the header."""
    tail = src.folded[-ADOPTION_TAIL:]
    for word in kb.header.get("adopted", []):
        for m in re.finditer(rf"{re.escape(fold(word))}\s+(?=ng\S{{1,2}}y)", tail):
            found = find_plan_date(tail, m.end())
            if found and found[0] == m.end():
                return -1, -1, found[2]
    return None


def _place(text: str, folded: str, at: int, number_end: int) -> tuple[int, int]:
    """Where the place before a date is written ('Hà Nội' of 'Hà Nội, ngày …'): back from the date to
    the start of its line, a table rule or cell border, a wide gap or the number."""
    line_start = text.rfind("\n", 0, at) + 1
    comma = folded.rfind(",", line_start, at)
    if comma < 0 and at - line_start < 3:  # 'Thành phố Huế,' / 'ngày 18 tháng …': the place above
        line_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
        comma = folded.rfind(",", line_start, at)
    end = comma if comma >= 0 else at
    cut = max(line_start, number_end if number_end <= end else 0)
    for m in _CELL_BORDER.finditer(text, cut, end):
        cut = m.end()
    return cut, end


def _title(lines: list[str], flines: list[str], kb: Knowledge, heading: tuple[int, DocType, str] | None,
           head_end: int) -> tuple[str | None, int]:
    """The lines after the type heading, up to the first paragraph; and the line the body starts on."""
    title_lines: list[str] = [heading[2]] if heading and heading[2] else []
    title_end_line = head_end + 1 if heading else 0
    if heading:
        blank = False
        for j in range(head_end + 1, min(head_end + 12, len(lines))):
            line = lines[j].strip(" *")
            if not line:
                blank = bool(title_lines)
                if (title_lines and j + 1 < len(lines) and not _goes_on(lines[j + 1])
                        and _looks_like_body(flines[j + 1], lines[j + 1], kb)):
                    break
                continue
            if not any(map(str.isalnum, line)):  # a rule under the title: '_______', '-----'
                continue
            goes_on = bool(title_lines) and _goes_on(line)
            if blank and not goes_on and _ends_title(line, flines[j].strip(" *"), title_lines, kb):
                break
            # the line right under the heading is the title's even when it opens like a basis ('KẾ HOẠCH' /
            # 'Triển khai Nghị định số …'), unless it is a 'Căn cứ'
            under_heading = j == head_end + 1 and not flines[j].strip(" *").startswith(_basis_opener(kb))
            if (_looks_like_body(flines[j], lines[j], kb) and not under_heading and not goes_on) or len(line) > 160:
                break
            title_lines.append(line)
            title_end_line = j + 1
            if line.endswith((";", ":")):
                break
    title = " ".join(" ".join(title_lines).split()) or None
    if title and title.isupper():  # web pages and Word files write the title in capitals
        title = _sentence_case(title, kb)
    return title, title_end_line


def _sentence_case(title: str, kb: Knowledge) -> str:
    """'TUYÊN TRUYỀN … TỈNH THANH HÓA NĂM 2024' → 'Tuyên truyền … tỉnh Thanh Hóa năm 2024': province
    names keep their capitals."""
    # words with a figure are numbers and codes ('09/2025/TT-BCT'): kept as written
    out = " ".join(w if any(map(str.isdigit, w)) else w.lower() for w in title.split())
    out = out[:1].upper() + out[1:]
    folded = fold_chars(out)  # one character for one: its offsets are the title's
    for name, p in kb.province_by_name.items():
        if name in folded:
            for m in re.finditer(rf"(?<![a-z]){re.escape(name)}(?![a-z])", folded):
                if len(p.name) == m.end() - m.start():
                    out = out[:m.start()] + p.name + out[m.end():]
    return out


def _attached(title: str, heading_type: str, kb: Knowledge) -> tuple[str, str] | None:
    """A decision that issues or approves another document ('Về việc ban hành Kế hoạch thực hiện …',
    'Phê duyệt Đề án …'): the attached document's type and title."""
    h = kb.header
    if heading_type not in h.get("issuing_types", []):
        return None
    folded = fold(title)
    at = 0
    for lead in sorted((fold(w) for w in h.get("title_lead", [])), key=len, reverse=True):
        if folded.startswith(lead + " "):
            at = len(lead) + 1
            break
    for verb in (fold(v) for v in h.get("issuing_verbs", [])):
        if not folded.startswith(verb + " ", at):
            continue
        at += len(verb) + 1
        for name in sorted(h.get("attached_types", []), key=len, reverse=True):
            if folded.startswith(fold(name) + " ", at):
                rest = _words_from(title, len(folded[:at + len(fold(name))].split()))
                return (name, rest[:1].upper() + rest[1:]) if rest else None
    return None


def _words_from(text: str, n: int) -> str:
    """The text from its n-th word on (fold collapses spaces, so offsets are counted in words)."""
    return " ".join(text.split()[n:])


def _period(title: str | None) -> str | None:
    """The period a title names: '2026-2030' ('giai đoạn 2026 - 2030'), 'đến năm 2030'; the first."""
    m = _PERIOD.search(_DATES_AND_NUMBERS.sub(" ", fold_chars(title))) if title else None
    if m is None:
        return None
    return f"{m.group('from')}-{m.group('to')}" if m.group("from") else f"đến năm {m.group('until')}"


def _covered_year(title: str | None) -> int | None:
    """The single year a title covers ('… năm 2024'); None when it names a period ('giai đoạn 2026 -
    2030', 'đến năm 2030') or no year. Dates and numbers in the title ('Chỉ thị số 27/CT-TTg ngày 15
    tháng 8 năm 2024') are not what it covers."""
    if not title:
        return None
    folded = _DATES_AND_NUMBERS.sub(" ", fold(title))
    if _PERIOD.search(folded):
        return None
    years = set(_YEAR_IN_TITLE.findall(folded)) or set(_ANY_YEAR.findall(folded))
    return int(years.pop()) if len(years) == 1 else None


def _issuer_from_header(cell: str, kb: Knowledge) -> Agency | None:
    """The lowest agency the header's issuer cell names ('SỞ THÔNG TIN VÀ TRUYỀN THÔNG' under 'UBND
    TỈNH …'): the one named last, the longest name where two start together. The cell comes folded to
    one line: a web page breaks names over lines ('HỘI ĐỒNG NHÂN' / 'DÂN')."""
    best: tuple[int, int, Agency] | None = None
    for a, names in _header_names(kb):
        for m in names.finditer(cell):
            if best is None or (m.start(), m.end() - m.start()) > best[:2]:
                best = (m.start(), m.end() - m.start(), a)
    return best[2] if best else None


@cache
def _header_names(kb: Knowledge) -> tuple[tuple[Agency, re.Pattern[str]], ...]:
    """Each agency's names as one pattern, compiled once: compiling them per header line thrashed re's cache."""
    out = []
    for a in kb.agencies:
        # longest first: the alternation then matches a name whole where a shorter one is its start
        names = [re.escape(n) for n in sorted({fold(n) for n in (a.name, *a.aliases) if len(fold(n)) > 3},
                                              key=len, reverse=True)]
        if a.scope != "collective" and names:
            out.append((a, re.compile(rf"(?<![a-z])(?:{'|'.join(names)})(?![a-z])")))
    return tuple(out)
