"""A plan's own particulars from its header and signature block: type, number, date, place and
province, issuer, title, year covered, signer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from cancu.loaders import districts
from cancu.loaders.agencies import is_ocr
from cancu.loaders.citations import STATE_NUMBER, parse_number
from cancu.loaders.dates import plan_date
from cancu.loaders.text import SourceText
from cancu.ontology.knowledge import Agency, DocType, Knowledge, Province, fold

HEADER_LINES = 25
# "Số: 1183 /KH-UBND", "Số: /KH-STTTT", "Số             /KH-UBND", OCR "Sb: 139/KH-STTTT"
_PLAN_NUMBER = re.compile(r"(?:^|\s)s\S?\s*[:.]?\s*(?P<num>\d{1,5}[a-z]?)?[ \t]*/[ \t]*"
                          r"(?P<code>[a-z][a-z&]*(?:-[a-z0-9&]+)*)")
_YEAR_IN_TITLE = re.compile(r"\bn\S{1,2}m\s+((?:19|20)\d{2})\b")
_ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")


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


def _upper_share(line: str) -> float:
    letters = list(filter(str.isalpha, line))  # filter and map: no Python-level loop per character
    return sum(map(str.isupper, letters)) / len(letters) if letters else 0.0


@cache
def _squeezed_types(kb: Knowledge) -> dict[str, DocType]:
    """Type names without spaces: 'K Ế  H O Ạ C H' is 'kehoach'."""
    return {re.sub(r"[^a-z&]", "", name): t for name, t in kb.type_by_name.items()}


@cache
def _types_longest_first(kb: Knowledge) -> list[str]:
    return sorted(kb.type_by_name, key=len, reverse=True)


def _type_heading(lines: list[str], flines: list[str], kb: Knowledge) -> tuple[int, DocType, str] | None:
    """The line that names the plan's type in capitals: 'KẾ HOẠCH', 'K Ế  H O Ạ C H', or 'KẾ HOẠCH TUYÊN
    TRUYỀN … NĂM 2024' with the title on the same line. Returns (line index, type, title on that line)."""
    squeezed = _squeezed_types(kb)
    for i, (line, fl) in enumerate(zip(lines[:60], flines[:60], strict=False)):
        if _upper_share(line) <= 0.7:
            continue
        key = re.sub(r"[^a-z& ]", "", fl).strip()
        t = kb.type_by_name.get(key) or squeezed.get(key.replace(" ", ""))
        if t is not None:
            return i, t, ""
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
            if ocr or written == m.group(0) or written in _written_names(p):
                found.append(p)
    return found


@cache
def _written_names(p: Province) -> frozenset[str]:
    return frozenset(" ".join(n.split()).lower() for n in (p.name, *p.aliases))


def read_header(src: SourceText, kb: Knowledge) -> Header:
    lines = src.shared_lines
    flines = src.folded_lines
    warnings: list[str] = []
    heading = _type_heading(lines, flines, kb)
    head_end = heading[0] if heading else min(HEADER_LINES, len(lines))
    doc_type = heading[1].name if heading else "Kế hoạch"

    # --- number
    number = suffix = None
    number_span = None
    issuer: Agency | None = None
    for i in range(head_end):
        m = _PLAN_NUMBER.search(flines[i])
        if not m:
            continue
        base = src.line_starts[i]
        code = lines[i][m.start("code"):m.end("code")]
        if m.group("num"):
            written = lines[i][m.start("num"):m.end("code")]
            nm = STATE_NUMBER.search(written)
            if nm:
                parts = parse_number(nm, kb)
                number, issuer = parts.number, parts.issuer
                suffix = number.split("/", 1)[1]
                warnings += parts.corrections
        else:
            nm = STATE_NUMBER.search("1/" + code)
            if nm:
                parts = parse_number(nm, kb)
                suffix, issuer = parts.number.split("/", 1)[1], parts.issuer
            warnings.append("the plan's number is left blank")
        number_span = (base + m.start(), base + m.end())
        break

    # --- place and date
    ocr = is_ocr(src.text)
    date = year = month = None
    province: Province | None = None
    for i in range(head_end):
        pd = plan_date(flines[i])
        if pd is None:
            continue
        date, year, month = pd
        if date is None:
            warnings.append("the plan's date is left blank" if month is None or year else "")
        at = number_span[1] - src.line_starts[i] if number_span and src.line_of(number_span[0]) == i + 1 else 0
        place = flines[i][at:].split(",")[0]
        found = _provinces_in(lines[i][at:at + len(place)], place, kb, ocr)
        if found:
            province = found[0]
        break
    warnings = [w for w in warnings if w]
    if province is None:  # "UBND TỈNH GIA LAI", "tỉnh Bắc Kạn" in the header
        found = _provinces_in("\n".join(lines[:head_end]), "\n".join(flines[:head_end]), kb, ocr)
        province = found[0] if found else None

    # --- title: the lines after the type heading, up to the first paragraph
    title_lines: list[str] = [heading[2]] if heading and heading[2] else []
    title_end_line = head_end + 1 if heading else 0
    if heading:
        for j in range(head_end + 1, min(head_end + 12, len(lines))):
            line = lines[j].strip()
            if not line:
                if title_lines and j + 1 < len(lines) and _looks_like_body(flines[j + 1], kb):
                    break
                continue
            if _looks_like_body(flines[j], kb) or len(line) > 160:
                break
            title_lines.append(line)
            title_end_line = j + 1
            if line.endswith((";", ":")):
                break
    title = " ".join(" ".join(title_lines).split()) or None
    title_end = src.line_starts[title_end_line] if title_end_line < len(src.line_starts) else len(src.text)

    if province is None and title:
        found = _provinces_in(title, fold(title), kb, ocr)
        province = found[0] if found else None
    if province is None:  # the province the body names most
        counts = Counter(p.id for p in _provinces_in(src.text, src.folded, kb, ocr))
        province = kb.province_by_id[counts.most_common(1)[0][0]] if counts else None

    # --- the year the plan covers: "năm 2024" in its title, else its date
    covered = None
    if title:
        m = _YEAR_IN_TITLE.search(fold(title)) or _ANY_YEAR.search(title)
        covered = int(m.group(1)) if m else None
    if issuer is None:
        issuer = _issuer_from_header(flines[:head_end], kb)
    district = districts.in_header([line for line in lines[:head_end] if _upper_share(line) > 0.7], kb)
    return Header(doc_type, number, suffix, number_span, date, covered or year, month, province, issuer,
                  title, title_end, warnings, district)


def _looks_like_body(folded_line: str, kb: Knowledge) -> bool:
    s = folded_line.strip(" -*+•\t")
    return any(s.startswith(fold(w)) for words in kb.openers.values() for w in words) or bool(
        re.match(r"^(?:[ivx]{1,4}|\d{1,2})\s*[.)]\s", s))


def _issuer_from_header(flines: list[str], kb: Knowledge) -> Agency | None:
    """The lowest agency the header names ('SỞ THÔNG TIN VÀ TRUYỀN THÔNG' under 'UBND TỈNH …')."""
    best = None
    for fl in flines:
        for a, names in _header_names(kb):
            if names.search(fl):
                best = a
    return best


@cache
def _header_names(kb: Knowledge) -> tuple[tuple[Agency, re.Pattern[str]], ...]:
    """Each agency's names as one pattern, compiled once: compiling them per header line thrashed re's cache."""
    out = []
    for a in kb.agencies:
        names = [re.escape(fold(n)) for n in (a.name, *a.aliases) if len(fold(n)) > 3]
        if a.scope != "collective" and names:
            out.append((a, re.compile(rf"(?<![a-z])(?:{'|'.join(names)})(?![a-z])")))
    return tuple(out)


@dataclass
class SignerBlock:
    name: str | None
    position: str | None
    authority: str | None
    line: int | None


# "Nơi nhận" (OCR "Noi nhdn") opening the recipients block; the activity reader stops there too
RECIPIENTS_HEAD = r"\W*n\S{1,2}i\s+nh\S{1,2}n\s*"
_RECIPIENTS_LINE = re.compile(RECIPIENTS_HEAD + ":")


@cache
def _authority_prefix(auths: tuple[str, ...]) -> re.Pattern[str]:
    """'KT. CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN' … (folded) at the start of a line."""
    return re.compile(r"^(?:" + "|".join(re.escape(a) for a in auths) + r")\s*")


def read_signer(src: SourceText, kb: Knowledge) -> SignerBlock | None:
    """The signature block: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Võ Đức Trọng'."""
    lines = src.shared_lines
    flines = src.folded_lines
    positions = {fold(p): p for p in kb.signer_positions}
    auths = tuple(fold(a) for a in kb.signer_authorities)
    # the last "Nơi nhận:" line (OCR "Noi nhdn:"): looked for from the end, where it stands
    start = next((i for i in range(len(flines) - 1, -1, -1) if _RECIPIENTS_LINE.match(flines[i])), 0)
    block = None
    for i in range(start, len(lines)):
        s = flines[i].strip(" *")
        if (s.startswith(auths) or s in positions) and _upper_share(lines[i]) > 0.6:
            block = i
            break
    if block is None:
        return None
    authority = lines[block].strip(" *") if flines[block].strip(" *").startswith(auths) else None
    position = None
    name = None
    # the name comes a few lines below the position; PDF text puts blank lines between them
    near = [j for j in range(block, len(lines)) if lines[j].strip(" *")][:12]
    for j in near:
        s = flines[j].strip(" *")
        bare = _authority_prefix(auths).sub("", s)
        if bare in positions and _upper_share(lines[j]) > 0.6:
            position = positions[bare]
            continue
        raw = lines[j].strip(" *")
        if position and raw and _NAME.match(raw) and _upper_share(raw) < 0.6:
            name = raw
            return SignerBlock(name, position, authority, j + 1)
    return SignerBlock(name, position, authority, block + 1)
