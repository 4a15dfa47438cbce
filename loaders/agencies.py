"""Agency names in running text: split lists into agencies, expand abbreviations and distributive
lists ('các Sở: Nội vụ, Tư pháp'), restore OCR'd names, and give each one identity per province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from cancu.loaders import keys
from cancu.loaders.records import AgencyRef
from cancu.ontology.knowledge import DATA_DIR, Agency, Knowledge, Province, fold

_DIACRITICS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_CAPS_TOKEN = re.compile(r"\b[A-ZĐ][A-ZĐ&\-]{1,}[A-Z]?\b")
_ALLOWED_CAPS = {"UBND", "HĐND", "CCHC", "TTHC", "CNTT"}


@dataclass(frozen=True)
class Rules:
    """coordination.yaml, folded for matching."""

    lead_labels: tuple[str, ...]
    cooperating_labels: tuple[str, ...]
    time_labels: tuple[str, ...]
    funding_labels: tuple[str, ...]
    content_labels: tuple[str, ...]
    id_labels: tuple[str, ...]
    inline_lead: tuple[str, ...]
    inline_cooperating: tuple[str, ...]
    invited: tuple[str, ...]
    responsibility_sections: tuple[str, ...]
    addressing: tuple[str, ...]
    head_titles: tuple[str, ...]
    phrase_ends: tuple[str, ...]
    agency_heads: tuple[str, ...]
    qualifiers: tuple[str, ...]


@cache
def rules() -> Rules:
    data: dict[str, Any] = yaml.safe_load((DATA_DIR / "coordination.yaml").read_text(encoding="utf-8"))
    folded = {k: tuple(sorted({fold(v) for v in vals}, key=len, reverse=True)) for k, vals in data.items()}
    return Rules(**folded)


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@dataclass(frozen=True)
class Found:
    """An agency phrase found in text: where, what it says, and the entry it names (if known)."""

    start: int
    end: int
    surface: str
    entry: Agency | None
    generic: bool = False
    name_end: int | None = None  # where the known name stops and its qualifiers begin
    restored: bool = False  # surface already spelt out (OCR repaired, distributive list expanded)


class AgencyIndex:
    """Every name and alias of agencies.yaml as one folded regex, longest first."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        r = rules()
        names: dict[str, Agency | None] = {}
        for a in kb.agencies:
            for n in (a.name, *a.aliases):
                names.setdefault(fold(n), a)
            if a.name_with_province:
                names.setdefault(fold(a.name_with_province.replace("{province}", "tỉnh")), a)
        self.by_name = names
        self.generic = tuple(sorted({fold(g) for g in kb.generic_parties}, key=len, reverse=True))
        alts = sorted(names, key=len, reverse=True)
        self.known = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
                                + r")(?![\w])")
        self.generic_re = re.compile(r"^(?:" + _alt(self.generic) + r")(?![\w])")
        provs = sorted(kb.province_by_name, key=len, reverse=True)
        prov = "|".join(re.escape(p) for p in provs)
        self.qualifier = re.compile(r"\s*,?\s*(?:" + _alt(r.qualifiers) + r"|" + prov + r")(?![\w])")
        self.province_after = re.compile(r"\s+(?:(?:tinh|thanh pho)\s+)?(?P<p>" + prov + r")(?![\w])")
        self.head = re.compile(r"(?:" + _alt(r.agency_heads) + r")(?![\w])")
        self.ends = re.compile(r"\s(?:" + _alt(r.phrase_ends) + r")(?![\w])")
        self.head_title = re.compile(r"^(?:" + _alt(r.head_titles) + r")\s+(?=\S)")


@cache
def index(kb: Knowledge) -> AgencyIndex:
    return AgencyIndex(kb)


def is_ocr(text: str) -> bool:
    """Text that lost its diacritics (OCR without the Vietnamese model): few marked letters."""
    letters = [c for c in text.lower() if c.isalpha()]
    marked = sum(c in _DIACRITICS for c in letters)
    return len(letters) > 200 and marked < 0.03 * len(letters)


_SEP = re.compile(r"\s*(?:;|,|\bva\b|\bcung voi\b|\bcung\b|\bvoi\b|&|\+)\s*")
_DISTRIBUTIVE = re.compile(r"\bcac\s+(?P<head>so|phong|bo|ban|hoi|trung tam)\s*:\s*")


def split_agencies(text: str, folded: str, kb: Knowledge, *, ocr: bool = False) -> list[Found]:
    """The agencies a list names, in order: known names longest-first, then phrases that start
    with an agency head word; generic parties are marked, other words skipped."""
    idx = index(kb)
    out: list[Found] = []
    pos, n = 0, len(folded)
    # a parenthesised enumeration replaces the group before it: "các tổ chức … (Liên đoàn…; Hội…)"
    while pos < n:
        sep = _SEP.match(folded, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        if folded[pos] in "().:-*\"'“”":
            if folded[pos] == "(" and out:
                close = folded.find(")", pos)
                inner = split_agencies(text[pos + 1:close], folded[pos + 1:close], kb, ocr=ocr) if close > 0 else []
                inner = [Found(f.start + pos + 1, f.end + pos + 1, f.surface, f.entry, f.generic,
                               None if f.name_end is None else f.name_end + pos + 1, f.restored) for f in inner]
                if inner and out[-1].entry is not None and out[-1].entry.scope == "collective":
                    out.pop()
                    out.extend(inner)
                    pos = close + 1
                    continue
                if close > 0:
                    pos = close + 1
                    continue
            pos += 1
            continue
        dist = _DISTRIBUTIVE.match(folded, pos)
        if dist:
            out.extend(_distribute(text, folded, dist, kb, ocr))
            return out
        title = idx.head_title.match(folded, pos)
        if title and (idx.known.match(folded, title.end()) or idx.head.match(folded, title.end())):
            pos = title.end()
        gen = idx.generic_re.match(folded, pos)
        if gen:
            end = _extend_qualifiers(folded, gen.end(), idx)
            out.append(Found(pos, end, text[pos:end], None, generic=True))
            pos = end
            continue
        known = idx.known.match(folded, pos)
        if known:
            end = _extend_qualifiers(folded, known.end(), idx)
            # a bare "cấp xã" after "UBND cấp huyện và": the same head with another level
            entry = idx.by_name.get(re.sub(r"\s+", " ", folded[pos:known.end()]))
            out.append(Found(pos, end, text[pos:end], entry, name_end=known.end()))
            pos = end
            continue
        if out and out[-1].surface[:4].lower() in ("ubnd", "ủy b", "uỷ b") and folded.startswith("cap ", pos):
            m = re.match(r"cap\s+(?:tinh|huyen|xa)", folded[pos:])
            if m:
                head = "UBND "
                surface = head + text[pos:pos + m.end()]
                entry = idx.by_name.get(fold(surface))
                out.append(Found(pos, pos + m.end(), surface, entry, restored=True))
                pos += m.end()
                continue
        if ocr:
            fuzzy = _fuzzy(folded, pos, idx)
            if fuzzy is not None:
                out.append(fuzzy)
                pos = fuzzy.end
                continue
        head = idx.head.match(folded, pos)
        if head:
            end = _phrase_end(folded, pos, idx)
            if end > head.end():
                out.append(Found(pos, end, text[pos:end].strip(), None))
                pos = end
                continue
        # not an agency: skip to the next separator
        nxt = re.compile(r"[;,]|\bva\b").search(folded, pos + 1)
        pos = nxt.start() if nxt else n
    return [f for f in out if f.surface.strip()]


def _extend_qualifiers(folded: str, end: int, idx: AgencyIndex) -> int:
    while True:
        q = idx.qualifier.match(folded, end)
        if not q or q.end() == end:
            return end
        # a comma then a word that starts another agency is a new item, not a qualifier
        end = q.end()


def _phrase_end(folded: str, pos: int, idx: AgencyIndex) -> int:
    """Where an unknown agency name ends: before a separator that starts another agency, a verb
    that ends the phrase, or the end of the text."""
    limit = len(folded)
    stop = idx.ends.search(folded, pos)
    if stop:
        limit = stop.start()
    for m in re.finditer(r"\s*(?:;|,|\bva\b)\s*", folded[pos:limit]):
        after = pos + m.end()
        if m.group(0).strip() == ";" or idx.head.match(folded, after) or idx.known.match(folded, after) \
                or idx.generic_re.match(folded, after):
            return pos + m.start()
    return limit


def _distribute(text: str, folded: str, dist: re.Match[str], kb: Knowledge, ocr: bool) -> list[Found]:
    """'các Sở: Nội vụ, Tư pháp, Thông tin và Truyền thông' → Sở Nội vụ, Sở Tư pháp, Sở Thông tin…"""
    idx = index(kb)
    head_word = text[dist.start("head"):dist.end("head")]
    head_word = head_word[:1].upper() + head_word[1:]
    out = []
    rest_start = dist.end()
    stop = folded.find(";", rest_start)
    stop = stop if stop != -1 else len(folded)
    for m in re.finditer(r"[^,]+", folded[rest_start:stop]):
        piece = m.group(0).strip(" .")
        a, b = rest_start + m.start(), rest_start + m.end()
        name = f"{head_word} {text[a:b].strip(' .')}"
        entry = idx.by_name.get(fold(name))
        if entry is None and " va " in f" {piece} ":
            for part in re.split(r"\s+va\s+", piece):
                sub = f"{head_word} {part}"
                out.append(Found(a, b, sub, idx.by_name.get(fold(sub)), restored=True))
            continue
        out.append(Found(a, b, name, entry, restored=True))
    return out


def _fuzzy(folded: str, pos: int, idx: AgencyIndex) -> Found | None:
    """OCR names ('Sé& Thong tin va Truyén thong') against the known names, by edit similarity."""
    from rapidfuzz import fuzz

    best: tuple[float, str, int] | None = None
    for name in idx.by_name:
        if len(name) < 8:
            continue
        for extra in (0, -1, 1, -2, 2):
            end = pos + len(name) + extra
            if end > len(folded):
                continue
            score = fuzz.ratio(name, folded[pos:end])
            if score >= 85 and (best is None or score > best[0] or (score == best[0] and len(name) > len(best[1]))):
                best = (score, name, end)
    if best is None:
        return None
    end = best[2]
    while end < len(folded) and folded[end].isalnum():
        end += 1
    entry = idx.by_name[best[1]]
    end, rest = _fuzzy_qualifiers(folded, end)
    name = (entry.name if entry else best[1]) + rest
    return Found(pos, end, name, entry, restored=True)


_OCR_QUALIFIERS = {"cac huyen, thi xa, thanh pho": " các huyện, thị xã, thành phố"}


def _fuzzy_qualifiers(folded: str, end: int) -> tuple[int, str]:
    from rapidfuzz import fuzz

    for q, restored in _OCR_QUALIFIERS.items():
        seg = folded[end:end + len(q) + 3].strip()
        if seg and fuzz.ratio(q, seg[:len(q)]) >= 80:
            return end + (len(folded[end:end + len(q) + 3]) - len(folded[end:end + len(q) + 3].lstrip())) + len(q), restored
    return end, ""


def display_name(found: Found, text: str | None = None) -> str:
    """The name as written, unless it is an abbreviation or OCR damage the data can spell out:
    'Phòng TT-BC-XB' → 'Phòng Thông tin - Báo chí - Xuất bản'; qualifiers after it are kept."""
    surface = re.sub(r"\s+", " ", found.surface).strip(" .,;:")
    if found.restored or found.entry is None:
        return surface[:1].upper() + surface[1:]
    abbreviated = any(t not in _ALLOWED_CAPS for t in _CAPS_TOKEN.findall(surface))
    undiacritised = not any(c in _DIACRITICS for c in surface.lower())
    if not (abbreviated or undiacritised):
        return surface[:1].upper() + surface[1:]
    rest = ""
    if found.name_end is not None:
        rest = re.sub(r"\s+", " ", found.surface[found.name_end - found.start:]).rstrip(" .,;:")
    return found.entry.name + rest


def resolve(found: Found, kb: Knowledge, province: Province | None, issuer: Agency | None,
            line: int) -> AgencyRef:
    """The identity of a found agency: a known entry scoped to its province, else its own name."""
    name = display_name(found)
    prov_id = province.id if province else None
    entry = found.entry
    if entry is not None:
        scope_prov = None if entry.scope == "national" else prov_id
        agency_id = entry.id
        if entry.parent is None and entry.level == "department_unit" and issuer is not None:
            agency_id = f"{issuer.id}/{entry.id}"  # "Văn phòng Sở" is the issuing Sở's own office
        kind = "collective" if entry.scope == "collective" else "agency"
        return AgencyRef(name, keys.agency_key(agency_id, scope_prov), entry.id, kind, province.name if province and
                         scope_prov else None, found.surface, line)
    kind = "collective" if fold(name).startswith("cac ") else "agency"
    return AgencyRef(name, keys.agency_key(keys.slug(name), prov_id), None, kind,
                     province.name if province else None, found.surface, line)
