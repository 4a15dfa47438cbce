"""Find the numbered documents a plan cites: tokenise numbers, read type, date and issuer around them.

The anchor is the number itself ('76/NQ-CP', '61/2018/NĐ-CP', '18-NQ/TW', '921/UBND'), found in the
cleaned text; the words around it are read in the folded text, where OCR without diacritics
('Quyét dinh s6 749/QP-TTg … ciia Thil tuéng') looks like the real thing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate

from cancu.loaders.extract import districts
from cancu.loaders.extract.agencies import extend_qualifiers, index, name_regex
from cancu.loaders.extract.dates import ParsedDate, date_at

# re-exported: metadata.py and the tests import these from here, where they were
from cancu.loaders.extract.doc_numbers import (  # noqa: F401
    PARTY_NUMBER,
    STATE_NUMBER,
    NumberParts,
    _finditer_before,
    find_numbers,
    parse_number,
)
from cancu.loaders.read.text import SourceText
from cancu.loaders.read.text import fold as text_fold
from cancu.ontology.knowledge import Agency, CatalogueDoc, DocType, Knowledge, Province, code_key
from cancu.ontology.knowledge import fold as fold_name
from rapidfuzz import fuzz

# words that end an issuer phrase and start a title
# white space squeezed by " ".join(s.split()) where a strip of spaces follows (the same string then)
_SPACES = re.compile(r"\s+")
_ISSUER_LEAD = re.compile(r"\s*,?\s*(?:c\S{1,3}a)\s+")  # "của", OCR ctia, ciia, cta; used at a position: no "^"


@dataclass
class Hit:
    """One place a number stands in the text, with what was read around it."""

    start: int
    end: int
    parts: NumberParts
    doc_type: str
    date: ParsedDate | None
    issuer: Agency | None
    issuer_text: str | None
    province: Province | None  # the province a local document belongs to
    district: str | None  # the district whose UBND issued it ('huyện Lâm Hà'), see loaders.districts
    title: str | None
    text: str  # verbatim span: type words, number, date, issuer
    line: int
    warnings: list[str] = field(default_factory=list)
    name: str | None = None  # a law cited by name and date ('Luật Quy hoạch ngày 24/11/2017'), see read_named_laws


class _Patterns:
    """Folded regexes built from the data files, once per Knowledge."""

    def __init__(self, kb: Knowledge) -> None:
        names = sorted(kb.type_by_name, key=len, reverse=True)
        alt = "|".join(name_regex(n) for n in names)
        # a type name right before the number: "quyet dinh so", "nghi dinh s6", "ke hoach:"
        self.type_before = re.compile(rf"(?P<t>{alt})\s*(?:s\S{{0,2}}\s*)?[:.]?\s*$")
        # a group header: "cac ke hoach cua uy ban nhan dan tinh:", "cac nghi dinh cua chinh phu"
        self.group = re.compile(rf"\bcac\s+(?P<t>{alt})\b")
        prov = sorted(kb.province_by_name, key=len, reverse=True)
        self.province = re.compile(r"\b(?:tinh|thanh pho|tp\.?)\s+(?P<p>" + "|".join(name_regex(p) for p in prov)
                                   + r")\b")


@cache
def short_forms(kb: Knowledge) -> re.Pattern[str]:
    """A type name and a bare number ('nghi quyet 57', 'chi thi so 27'), in the folded text: a document
    the plan cited in full, named again without its code."""
    names = sorted(kb.type_by_name, key=len, reverse=True)
    alt = "|".join(name_regex(n) for n in names)
    return re.compile(rf"\b(?P<t>{alt})\s+(?:so\s+)?(?P<n>\d{{1,5}})(?!\s*[/-]|[.,]?\d|\w)")


@cache
def _short_form_words(kb: Knowledge) -> re.Pattern[str]:
    """Back from a number over the words a short form can have before it (the longest type name and
    'số'), matched in the reversed text: where a short form that ends in that number may start."""
    words = max(len(n.split()) for n in kb.type_by_name) + 1
    return re.compile(rf"(?:\s+\S+){{0,{words}}}")


_WORD_START = re.compile(r"\b\w")


def short_forms_of(kb: Knowledge, folded: str, start: int, numbers: set[str]) -> Iterator[re.Match[str]]:
    """What short_forms(kb).finditer(folded, start) gives, less matches whose number (zeros stripped)
    is not one of `numbers`, found by looking only before those numbers in the text.

    One pattern over the whole text tries every type name at every word; here only the few words
    before a number the plan cites are tried. The same matches come out: a match's number is a run
    of digits after white space, and nothing before it back to the type name is a digit, so two
    matches never share text unless they share their number, and every match starts within the
    words _short_form_words walks back over."""
    pattern = short_forms(kb)
    if "" in numbers:  # '0', '00': every run of zeros would have to be looked at
        yield from (m for m in pattern.finditer(folded, start) if m.group("n").lstrip("0") in numbers)
        return
    runs: set[int] = set()
    for k in numbers:
        if not k.isdecimal() or len(k) > 5:  # '30c': no run of one to five digits strips to it
            continue
        i = folded.find(k, start)
        while i != -1:
            d = i
            while d > start and folded[d - 1] == "0":
                d -= 1
            if d > start and folded[d - 1].isspace():
                runs.add(d)
            i = folded.find(k, i + 1)
    if not runs:
        return
    back, rev, pos = _short_form_words(kb), folded[::-1], start
    for d in sorted(runs):
        if d <= pos:
            continue
        words_back = back.match(rev, len(folded) - d)  # matches the empty string at least
        lo = d if words_back is None else len(folded) - words_back.end()
        for w in _WORD_START.finditer(folded, max(pos, lo), d):
            if w.start() < pos:
                continue
            m = pattern.match(folded, w.start())
            if m is None:
                continue
            pos = m.end()  # what finditer goes on from
            if m.group("n").lstrip("0") in numbers:
                yield m
            if m.start("n") >= d:
                break


@cache
def patterns(kb: Knowledge) -> _Patterns:
    return _Patterns(kb)


def read_hits(src: SourceText, kb: Knowledge, plan_province: Province | None,
              plan_district: str | None = None) -> list[Hit]:
    """Every cited number with the type, date, issuer and title read around it."""
    pats = patterns(kb)
    folded, text = src.folded, src.text
    matches = find_numbers(text)
    hits: list[Hit] = []
    ocr: bool | None = None  # asked once, at the first title
    for idx, m in enumerate(matches):
        parts = parse_number(m, kb)
        warnings = list(parts.corrections)
        next_start = matches[idx + 1].start() if idx + 1 < len(matches) else len(text)
        # --- type: the name written before it, else its group header, else its code, else default
        doc_type, span_start = _cited_type(folded, m, parts, pats, kb)
        # --- date right after the number
        date = date_at(folded, m.end(), hint_year=parts.year)
        if date and date.warning:
            warnings.append(f"date '{date.written}': {date.warning}")
        pos = date.end if date else m.end()
        # --- issuer phrase: "của <issuer>" up to the title
        issuer_text, province, pos = _issuer_phrase(text, folded, pos, next_start, pats, kb)
        issuer = parts.issuer
        if issuer_text:
            # the text may name the body within the one the code stands for: '14-KL/TW … của Bộ Chính trị'
            named_issuer = _agency_named(issuer_text, kb)
            if named_issuer is not None and (issuer is None or _within(named_issuer, issuer, kb)):
                issuer = named_issuer
        district = districts.of_issuer(issuer_text, kb, plan_district) if issuer_text else None
        if district is not None:  # 'của UBND huyện Lâm Hà'
            issuer = districts.district_ubnd(issuer, kb)
        if province is None and issuer is not None and issuer.scope != "national":
            province = plan_province
        elif province is None and issuer is None:
            province = plan_province  # unknown codes are local units far more often than central ones
        title = _title(text, folded, pos, next_start, kb)
        if title is not None:
            if ocr is None:
                from cancu.loaders.extract.agencies import is_ocr

                ocr = is_ocr(text)
            if ocr:  # a document's title is shown on the pages: the catalogue's, else repaired like a scan's body
                from cancu.loaders.read.repair import repair_shown

                entry = kb.catalogue_entry(parts.number, None) if parts.number else None
                title = entry.title if entry is not None and entry.title else repair_shown(title)
        span_end = pos
        hits.append(Hit(
            start=span_start, end=span_end, parts=parts, doc_type=doc_type, date=date, issuer=issuer,
            issuer_text=issuer_text or None, province=province, district=district, title=title,
            text=" ".join(text[span_start:span_end].split()).strip(" ,;"),
            line=src.line_of(m.start()), warnings=warnings))
    return hits


def _cited_type(folded: str, m: re.Match[str], parts: NumberParts, pats: _Patterns,
                kb: Knowledge) -> tuple[str, int]:
    """The cited document's type, and where its citation starts (at the type name written before
    the number, else at the number)."""
    # searched within those 300 characters only: over the whole text it is quadratic on a long line
    floor = max(m.start() - 300, 0)
    sentence_start = max(folded.rfind(";", floor, m.start()), folded.rfind(".\n", floor, m.start()),
                         folded.rfind("\n\n", floor, m.start()), floor)
    before = folded[max(m.start() - 60, 0):m.start()]
    explicit = pats.type_before.search(before)
    span_start = m.start() - (len(before) - explicit.start()) if explicit else m.start()
    named = kb.type_by_name.get(_SPACES.sub(" ", explicit.group("t"))) if explicit else None
    group = _group_type(folded, sentence_start, m.start(), pats, kb)
    by_issuer = _issuer_default_types(kb).get(code_key(parts.issuer.code)) if parts.issuer and parts.issuer.code \
        else None
    if parts.doc_type is not None:
        doc_type = parts.doc_type.name
    elif named is not None:
        doc_type = named.name
    elif group is not None:
        doc_type = group.name
    elif by_issuer is not None:  # 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15'
        doc_type = by_issuer.name
    else:
        doc_type = kb.default_type
    return doc_type, span_start


def _issuer_phrase(text: str, folded: str, pos: int, next_start: int, pats: _Patterns,
                   kb: Knowledge) -> tuple[str | None, Province | None, int]:
    """"của <issuer>" at `pos`, up to the title: its text, the province it names, and where it ends
    (`pos` when there is none)."""
    issuer_text, province = None, None
    lead = _ISSUER_LEAD.match(folded, pos, min(next_start, pos + 120))
    if lead:
        stop = _title_start(kb).search(folded, lead.end(), min(next_start, lead.end() + 120))
        end = stop.start() if stop else min(next_start, lead.end() + 80)
        for sep in (";", ".\n", ",", "\n\n"):
            cut = folded.find(sep, lead.end(), end)
            if cut != -1:
                end = cut
        issuer_text = " ".join(text[lead.end():end].split()).strip(" ,;")
        pm = pats.province.search(folded, lead.end(), end)
        if pm:
            province = kb.province_by_name.get(_SPACES.sub(" ", pm.group("p")))
        pos = end
    return issuer_text, province, pos


def _group_type(folded: str, sentence_start: int, at: int, pats: _Patterns, kb: Knowledge) -> DocType | None:
    """The type a group header gives the items of its list: 'Căn cứ các Quyết định của Thủ tướng Chính
    phủ: số 749/QĐ-TTg …; số 06/QĐ-TTg …' — looked for in this item's clause, then back over the
    earlier items of the list (clauses that start with 'số')."""
    start, end = sentence_start, at
    for _ in range(8):
        found = None
        for g in pats.group.finditer(folded, start, end):
            found = kb.type_by_name.get(_SPACES.sub(" ", g.group("t")))
        if found is not None:
            return found
        clause = folded[start:end].lstrip(" ;\t\n-+*•")
        if start <= 0 or not re.match(r"s\S{0,2}\s*(?:\d|$)", clause):
            return None
        end = start
        floor = max(end - 400, 0)
        start = max(folded.rfind(";", floor, end - 1), folded.rfind("\n\n", floor, end - 1), floor)
    return None


@cache
def _issuer_default_types(kb: Knowledge) -> dict[str, DocType]:
    """doc_types.yaml `issuer_default_types`: the type of a number whose only clue is its issuer code."""
    out = {}
    for code, name in kb.issuer_default_types.items():
        t = kb.type_by_name.get(fold_name(name))
        if t is not None:
            out[code_key(code)] = t
    return out


@lru_cache(maxsize=1 << 12)
def _agency_named(issuer_text: str, kb: Knowledge) -> Agency | None:
    """The agency an issuer phrase names ('Bộ Chính trị', 'Ủy ban nhân dân tỉnh Gia Lai'), if the data
    knows it and nothing but qualifiers (tỉnh, the province) follows the name. Cached: plans name the
    same few issuers ('của Chính phủ', 'của UBND tỉnh')."""
    idx = index(kb)
    f = text_fold(" ".join(issuer_text.split()))
    m = idx.known.match(f)
    if m is None or extend_qualifiers(f, m.end(), idx) < len(f.rstrip(" .")):
        return None
    return idx.by_name.get(fold_name(m.group(0)))


def _within(a: Agency, b: Agency, kb: Knowledge) -> bool:
    """Is `a` the body `b` or one of its parts (Bộ Chính trị within the Ban Chấp hành Trung ương)?"""
    seen = set()
    node: Agency | None = a
    while node is not None and node.id not in seen:
        if node.id == b.id:
            return True
        seen.add(node.id)
        node = kb.agency_by_id.get(node.parent) if node.parent else None
    return False


@cache
def _title_start(kb: Knowledge) -> re.Pattern[str]:
    """doc_types.yaml `title_openers`, folded: where the title of a cited document starts."""
    return re.compile(r"\b(" + "|".join(re.escape(fold_name(w)) for w in kb.title_openers) + r")\b")


def _title(text: str, folded: str, pos: int, limit: int, kb: Knowledge) -> str | None:
    """'về việc ban hành Kế hoạch …' after a citation, to the end of its clause."""
    t = _title_start(kb).search(folded, pos, min(limit, pos + 40))
    if not t:
        return None
    end = min(limit, t.start() + 300)
    for sep in (";", ".\n", "\n\n", ". "):
        cut = folded.find(sep, t.start(), end)
        if cut != -1:
            end = cut
    title = " ".join(text[t.start():end].split()).strip(" ,;.")
    return title or None


# --- Laws cited by name and date, without a number ------------------------------------------------

# how far a name may run before its date ('Luật sửa đổi, bổ sung một số điều của … và Luật Đấu thầu')
_NAME_REACH = 300
# the end of a clause: a name never runs over it
_CLAUSE_END = re.compile(r";|\.\s*\n|\n\s*\n")
_NGAY = re.compile(r"[\s,]*(?:\(|\bduoc\b[^;]{0,60}?\bthong qua\s+)?ng\S{1,2}y\s*\d")
_THIS = re.compile(r"\s+(?:nay|do)\b")
_YEAR_SUFFIX = re.compile(r"\s*(?:nam\s+)?(?:19|20)\d{2}$")


@cache
def _named_types(kb: Knowledge) -> tuple[re.Pattern[str], dict[str, tuple[DocType, Agency | None]]]:
    """doc_types.yaml `cited_by_name`: the types a plan cites by name and date alone, each with the
    body that issues them (the issuer code that `issuer_default_types` maps to the type)."""
    issuers = {fold_name(t): code for code, t in kb.issuer_default_types.items()}
    out: dict[str, tuple[DocType, Agency | None]] = {}
    for name in kb.cited_by_name:
        t = kb.type_by_name.get(fold_name(name))
        if t is not None:
            code = issuers.get(fold_name(name))
            out[fold_name(name)] = (t, kb.issuer_by_code.get(code_key(code)) if code else None)
    alt = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(out, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b" if alt else r"(?!)"), out


def read_named_laws(src: SourceText, kb: Knowledge, numbered: list[Hit],
                    spans: list[tuple[int, int]]) -> list[Hit]:
    """'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015': a law named, with its
    date and no number, within the given spans of the text (the bases: elsewhere 'Luật này có hiệu
    lực từ ngày …' names no law). Read as a Hit whose number comes from the catalogue (the law of that
    date whose name is the written one), or stays empty: the citation is then keyed by type, name and
    date."""
    pattern, types = _named_types(kb)
    out: list[Hit] = []
    for start, end in spans:
        out += _named_laws_in(src, kb, pattern, types, numbered, start, end)
    return out


def _named_laws_in(src: SourceText, kb: Knowledge, pattern: re.Pattern[str],
                   types: dict[str, tuple[DocType, Agency | None]], numbered: list[Hit], start: int,
                   end: int) -> list[Hit]:
    folded, text = src.folded, src.text
    taken = _Spans([(h.start, h.end) for h in numbered if start <= h.start < end + _NAME_REACH])
    out: list[Hit] = []
    pos = start
    while (m := pattern.search(folded, pos, end)) is not None:
        pos = m.end()
        if not text[m.start():m.start() + 1].isupper():  # 'pháp luật', 'quy định của luật'
            continue
        found = _named_law(src, kb, m, types[_SPACES.sub(" ", m.group())], taken)
        if found is not None:
            out.append(found)
            pos = found.end
    return out


class _Spans:
    """Spans sorted by start with the furthest end so far: whether any overlaps a range is found by
    bisection (a long line holds thousands of numbers and named laws)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))

    def overlaps(self, lo: int, hi: int) -> bool:
        """Does a span start before `hi` and end after `lo`?"""
        k = bisect_left(self.starts, hi)
        return k > 0 and self.reach[k - 1] > lo


def _named_law(src: SourceText, kb: Knowledge, m: re.Match[str], kind: tuple[DocType, Agency | None],
               taken: _Spans) -> Hit | None:
    folded, text = src.folded, src.text
    limit = min(len(folded), m.end() + _NAME_REACH)
    stop = _CLAUSE_END.search(folded, m.end(), limit)
    limit = stop.start() if stop else limit
    ngay = _NGAY.search(folded, m.end(), limit + 12)
    if ngay is None or ngay.start() > limit:
        return None
    if taken.overlaps(m.start(), ngay.start()):  # 'Luật … số 72/2025/QH15': a number
        return None
    date = date_at(folded, ngay.start())
    if date is None or date.iso is None:
        return None
    name = " ".join(text[m.start():ngay.start()].split()).strip(" ,(")
    if len(name) <= len(m.group()) + 2 or _THIS.match(folded, m.end()):  # 'Luật này có hiệu lực từ ngày …'
        return None
    dtype, issuer = kind
    entry = _catalogued_law(kb, dtype, name, date.iso)
    number = entry.number if entry and entry.number else ""
    written = name
    if entry is not None and entry.issuer:
        issuer = kb.agency_by_id.get(entry.issuer, issuer)
    parts = NumberParts(written, number, number.split("/")[0], int(date.iso[:4]), dtype, issuer)
    end = date.end
    return Hit(start=m.start(), end=end, parts=parts, doc_type=dtype.name, date=date, issuer=issuer,
               issuer_text=None, province=None, district=None, title=entry.title if entry else name,
               text=" ".join(text[m.start():end].split()).strip(" ,;"), line=src.line_of(m.start()),
               name=name)


def _catalogued_law(kb: Knowledge, dtype: DocType, name: str, iso: str) -> CatalogueDoc | None:
    """The catalogue's document of this type and date whose title or a name is the written name (two
    laws of one day, 76/2015/QH13 and 77/2015/QH13, differ only by name)."""
    want = _YEAR_SUFFIX.sub("", fold_name(name))
    best, best_score = None, 0.0
    for d in _catalogue_by_type_date(kb).get((dtype.name, iso), ()):
        for known in (d.title, *d.names):
            if known:
                score = fuzz.ratio(want, _YEAR_SUFFIX.sub("", fold_name(known)))
                if score > best_score:
                    best, best_score = d, score
    return best if best_score >= _SAME_NAME else None


_SAME_NAME = 90  # rapidfuzz ratio: one or two letters off in a name of thirty


@cache
def _catalogue_by_type_date(kb: Knowledge) -> dict[tuple[str, str], list[CatalogueDoc]]:
    out: dict[tuple[str, str], list[CatalogueDoc]] = {}
    for d in kb.catalogue:
        if d.date:
            out.setdefault((d.type, d.date), []).append(d)
    return out
