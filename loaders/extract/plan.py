"""From a file or a text to one PlanRecord: header, citations with their roles, named references,
coordination, recipients, signer — each with its provenance."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from cancu.loaders.extract import districts, keys
from cancu.loaders.extract.citations import Hit, read_hits, read_named_laws, short_forms_of
from cancu.loaders.extract.dates import year_misread
from cancu.loaders.extract.flags import add_flags
from cancu.loaders.extract.identity import DocumentKey, undated_twins
from cancu.loaders.extract.legal_bases import Region, basis_regions, nested_parents, region_of
from cancu.loaders.extract.metadata import Header, read_header, read_signer
from cancu.loaders.extract.named_references import find_named_references
from cancu.loaders.extract.records import (
    LEGAL_BASIS,
    MENTION,
    NESTED,
    Citation,
    IssuedBy,
    PlanMeta,
    PlanRecord,
    Signer,
    Span,
    Warning_,
)
from cancu.loaders.read.base import report_of
from cancu.loaders.read.text import SourceText
from cancu.ontology.knowledge import Agency, Knowledge, knowledge, number_key

from cancu.errors import InputError

_LEVELS = {"government": "national", "legislature": "national", "ministry": "ministry",
           "ministry_unit": "ministry", "party": "party_central"}


def extract_path(path: str | Path, kb: Knowledge | None = None, name: str | None = None) -> PlanRecord:
    """Read a plan file (see loaders.read for the formats) and extract it; its facts cite it by `name`
    (loaders.read.expand_named), else by the path as given. Errors name the path as given."""
    from cancu.loaders.read import read_source

    src = read_source(path)
    if name is not None:
        src.path = name
    record = extract(src, kb)
    p = record.plan
    if not (record.citations or record.activities or p.title or p.number_suffix or p.year):
        raise InputError(str(path), "not a plan: no 'Kế hoạch' heading, number, date, cited document "
                                    "or assigned task found")
    return record


def extract_text(text: str, source: str = "<text>", kb: Knowledge | None = None) -> PlanRecord:
    return extract(SourceText.from_string(text, source), kb)


def extract(src: SourceText, kb: Knowledge | None = None) -> PlanRecord:
    kb = kb or knowledge()
    header = read_header(src, kb)
    warnings = [Warning_("encoding", w, line) for line, w in src.decode_warnings]  # bytes mended when read
    warnings += [Warning_("plan", w) for w in header.warnings]
    province = header.province
    regions = basis_regions(src, kb, header.title_end)
    hits = [h for h in read_hits(src, kb, province, header.district)
            if not (header.number_span and header.number_span[0] <= h.start < header.number_span[1] + 2)
            and not (header.number and h.parts.number == header.number)]
    # laws by name and date, read in the bases only: elsewhere 'Luật này có hiệu lực từ ngày …', 'Luật
    # Bảo hiểm xã hội đã tham gia … trước ngày …' name no law
    laws = read_named_laws(src, kb, hits, [(r.start, r.end) for r in regions])
    hits = sorted(hits + laws, key=lambda h: h.start)
    for h in hits:
        _repair_year(h, header.date)
    dated = _dated_years(hits)

    parents = _nesting(src, kb, regions, hits)

    # one citation per document: its first place, every other place kept as an occurrence
    grouped: dict[str, list[tuple[Hit, str, str | None]]] = {}
    for h in hits:
        region = region_of(regions, h.start)
        role = (NESTED if id(h) in parents else LEGAL_BASIS) if region else MENTION
        clause = region.clause_at(h.start) if region else None
        grouped.setdefault(_key(h, kb, dated), []).append((h, role, clause))
    _merge_undated(grouped)
    report = report_of(src)
    if report is not None and report.pages_ocred:  # digits are misread by OCR, not by typing
        _merge_misread(grouped)
    _add_short_forms(src, kb, grouped, regions, hits, header.title_end)
    key_of = {id(h): key for key, group in grouped.items() for h, _, _ in group}
    citations = []
    for key, group in grouped.items():
        within = [key_of[id(parents[id(h)])] for h, _, _ in group if id(h) in parents]
        citations.append(_citation(key, group, src.path, kb, warnings, tuple(dict.fromkeys(within))))
    citations.sort(key=lambda c: (c.role != LEGAL_BASIS, c.span.line))

    plan, issuer = _plan_meta(src, kb, header)
    named = find_named_references(src, kb, [(h.start, h.end) for h in hits], header.title_end)
    if not citations:
        warnings.append(Warning_("no_citations", "no numbered document found: is this a plan?"))
    from cancu.loaders.extract.coordination import read_activities, read_recipients

    activities = read_activities(src, kb, province, issuer)
    recipients = read_recipients(src, kb, province)
    loader: dict[str, Any] = {"encoding": src.encoding, "lines": len(src.raw_lines)}
    report = report_of(src)
    if report is not None:  # Word, PDF, scans: pages read, pages OCRed, confidence (no timings: stable)
        loader.update(report.to_json())
    record = PlanRecord(src.path, plan, tuple(citations), tuple(named), tuple(activities), tuple(recipients),
                        tuple(warnings), loader, source_lines=tuple(src.raw_lines))
    return add_flags(record, src)  # why a fact is uncertain, where it is (loaders/extract/flags.py)


def _plan_meta(src: SourceText, kb: Knowledge, header: Header) -> tuple[PlanMeta, Agency | None]:
    """The plan's own particulars from its header and signature block, and its issuer (a district's
    UBND where the header names a district)."""
    province = header.province
    signer = read_signer(src, kb)
    issuer = header.issuer
    if header.district:  # 'ỦY BAN NHÂN DÂN / HUYỆN LÂM HÀ', numbered …/KH-UBND: the district's UBND
        issuer = districts.district_ubnd(issuer, kb)
    issuer_name = districts.issuer_name(issuer, header.district) or (issuer.display_name(province) if issuer else None)
    plan = PlanMeta(
        doc_type=header.doc_type, number=header.number, number_suffix=header.number_suffix,
        date=header.date, year=header.year, month=header.month,
        province=province.name if province else None, province_id=province.id if province else None,
        issuer=issuer_name, issuer_id=issuer.id if issuer else None, district=header.district,
        title=header.title,
        signer=Signer(signer.name, signer.position, signer.authority, signer.line) if signer else None,
        # numbers restart with the year of issue: a plan of 29/12/2023 for 2024 is cited as of 2023
        key=keys.plan_key(province.id if province else None,
                          int(header.date[:4]) if header.date else header.year or header.issue_year,
                          header.number, src.text, header.district),
        issued_by=IssuedBy(*header.issued_by) if header.issued_by else None, period=header.period)
    return plan, issuer


def _merge_undated(grouped: dict[str, list[tuple[Hit, str, str | None]]]) -> None:
    """A number cited once with its date and again without ('Nghị quyết số 04-NQ/TU ngày 20/01/2022'
    … 'thực hiện Nghị quyết số 04-NQ/TU') is one document, when the plan cites only one such: the rule
    the corpus's citations are joined by too (identity.undated_twins)."""
    typed = {DocumentKey.parse(k): k for k in grouped}
    for undated, dated in undated_twins(typed).items():
        grouped[typed[dated]].extend(grouped.pop(typed[undated]))


def _scope(h: Hit) -> str:
    if h.issuer is not None and h.issuer.scope == "national":
        return keys.NATIONAL
    scope = h.province.id if h.province else "unknown"
    return f"{scope}.{keys.slug(h.district)}" if h.district else scope  # a district numbers its own


def _year(h: Hit) -> int | None:
    if h.date and h.date.iso:
        return int(h.date.iso[:4])
    return h.parts.year


def _key(h: Hit, kb: Knowledge, dated: dict[tuple[str, str], set[int]]) -> str:
    if not h.parts.number:  # a law by name and date that the catalogue does not know
        return keys.named_document_key(h.doc_type, h.name or h.parts.written, h.date.iso if h.date else None)
    year = _year(h)
    if year is None:  # 'Chỉ thị số 27/CT-TTg' again, after its full citation: the year the plan gave it
        years = dated.get((_scope(h), number_key(h.parts.number)), set())
        year = next(iter(years)) if len(years) == 1 else None
    if year is None and _scope(h) == keys.NATIONAL:
        entry = kb.catalogue_entry(h.parts.number, None)
        year = entry.year if entry else None
    return keys.document_key(h.parts.number, year, _scope(h))


def _dated_years(hits: list[Hit]) -> dict[tuple[str, str], set[int]]:
    """The years the plan gives each number it cites with a date (or a year inside the number)."""
    out: dict[tuple[str, str], set[int]] = {}
    for h in hits:
        year = _year(h)
        if year is not None and h.parts.number:
            out.setdefault((_scope(h), number_key(h.parts.number)), set()).add(year)
    return out


def _repair_year(h: Hit, plan_date: str | None) -> None:
    """A date after the plan's own, or a number whose year is one digit off its date's: one reading
    fits, and is taken with a correction (loaders.dates.year_misread)."""
    if h.date is None or h.date.iso is None or not h.parts.number:
        return
    fixed = year_misread(h.date.iso, h.parts.year, plan_date)
    if fixed is None:
        return
    iso, year, why = fixed
    if iso != h.date.iso:
        h.date = replace(h.date, iso=iso)
    if year != h.parts.year and h.parts.year is not None:
        h.parts.number = h.parts.number.replace(f"/{h.parts.year}/", f"/{year}/", 1)
        h.parts.year = year
    h.warnings.append(why)


def _merge_misread(grouped: dict[str, list[tuple[Hit, str, str | None]]]) -> None:
    """One document read twice with one digit apart ('3596/QĐ-UBND' and '3506/QĐ-UBND', same type,
    issuer and date) is one: the reading cited more often (else first) keeps the other's places."""
    keys_ = list(grouped)
    for i, a in enumerate(keys_):
        for b in keys_[i + 1:]:
            if a in grouped and b in grouped and _one_digit_apart(grouped[a][0][0], grouped[b][0][0]):
                keep, drop = (b, a) if len(grouped[b]) > len(grouped[a]) else (a, b)
                lost = grouped.pop(drop)
                note = (f"'{lost[0][0].parts.number}' read as '{grouped[keep][0][0].parts.number}' "
                        "(same type, issuer and date)")
                for h, _, _ in lost:
                    h.warnings.append(note)
                grouped[keep].extend(lost)


def _add_short_forms(src: SourceText, kb: Knowledge, grouped: dict[str, list[tuple[Hit, str, str | None]]],
                     regions: list[Region], hits: list[Hit], body_start: int) -> None:
    """'Nghị quyết 57', 'Chỉ thị số 27' in the body, after the plan cited that document in full: one
    more place of that citation, when exactly one document of the plan has that type and number."""
    by_short: dict[tuple[str, str], list[str]] = {}
    for key, group in grouped.items():
        h = group[0][0]
        if h.parts.num and not h.name:
            by_short.setdefault((h.doc_type, h.parts.num.lstrip("0")), []).append(key)
    if not by_short:
        return
    taken = [(h.start, h.end) for h in hits]
    for m in short_forms_of(kb, src.folded, body_start, {num for _, num in by_short}):
        dtype = kb.type_by_name.get(" ".join(m.group("t").split()))
        keys_ = by_short.get((dtype.name, m.group("n").lstrip("0"))) if dtype else None
        if not keys_ or len(keys_) != 1 or region_of(regions, m.start()) or any(s <= m.start() < e for s, e in taken):
            continue
        first = grouped[keys_[0]][0][0]
        text = " ".join(src.text[m.start():m.end()].split())
        grouped[keys_[0]].append((replace(first, start=m.start(), end=m.end(), line=src.line_of(m.start()),
                                          text=text, title=None, issuer_text=None, date=None, warnings=[]),
                                  MENTION, None))


def _one_digit_apart(a: Hit, b: Hit) -> bool:
    """Two readings of one number in an OCRed text: same type, scope, issuer and date, numbers one
    OCR-confused digit apart, and not both with a subject of their own (a list of one day's decisions,
    '73/2000/QĐ-UB … về việc …', '78/2000/QĐ-UB … về việc …', is as many documents)."""
    if not (a.date and b.date and a.date.iso and a.date.iso == b.date.iso and a.doc_type == b.doc_type
            and _scope(a) == _scope(b) and (a.issuer and a.issuer.id) == (b.issuer and b.issuer.id)):
        return False
    if a.title and b.title:
        return False
    x, y = a.parts.number, b.parts.number
    if not x or not y or x.split("/", 1)[1:] != y.split("/", 1)[1:]:
        return False
    nx, ny = x.split("/", 1)[0], y.split("/", 1)[0]
    if len(nx) != len(ny):
        return False
    differ = [(p, q) for p, q in zip(nx, ny, strict=True) if p != q]
    return len(differ) == 1 and frozenset(differ[0]) in _digit_confusions()


@cache
def _digit_confusions() -> frozenset[frozenset[str]]:
    """ocr.yaml `digit_confusions`: the pairs of digits OCR reads one for the other."""
    data = knowledge().ocr
    return frozenset(frozenset(pair.split()) for pair in data.get("digit_confusions") or [])


def _nesting(src: SourceText, kb: Knowledge, regions: list[Region], hits: list[Hit]) -> dict[int, Hit]:
    """The hits named inside a basis line without being bases ('… về thực hiện Nghị quyết số B'),
    each (by id) with the basis hit it is nested in."""
    out: dict[int, Hit] = {}
    for region in regions:
        inside = [h for h in hits if region.start <= h.start < region.end]
        for h, parent in zip(inside, nested_parents(src.folded, region, [(h.start, h.end) for h in inside], kb),
                             strict=True):
            if parent is not None:
                out[id(h)] = inside[parent]
    return out


def _citation(key: str, group: list[tuple[Hit, str, str | None]], path: str, kb: Knowledge,
              warnings: list[Warning_], nested_in: tuple[str, ...] = ()) -> Citation:
    first, _, _ = group[0]
    basis = [(h, c) for h, r, c in group if r == LEGAL_BASIS]
    # a document named only inside basis lines is related to those bases, not a basis of the plan
    role = LEGAL_BASIS if basis else MENTION if any(r == MENTION for _, r, _ in group) else NESTED
    clause = basis[0][1] if basis else None
    # the fullest reading among the places it is cited: the one with a date, a title, an issuer text
    best = max((h for h, _, _ in group), key=lambda h: (h.date is not None and h.date.iso is not None,
                                                        h.title is not None, h.issuer_text is not None))
    date = best.date.iso if best.date else None
    year = _year(best)
    corrections = list(dict.fromkeys(w for h, _, _ in group for w in h.warnings))
    title = best.title
    doc_type = best.doc_type
    catalogued = False
    if _scope(best) == keys.NATIONAL and best.parts.number:
        entry = kb.catalogue_entry(best.parts.number, year)
        if entry is not None:
            catalogued = True
            if entry.date and date and entry.date != date:
                corrections.append(f"date {date} differs from the catalogue's {entry.date}; catalogue kept")
                date = entry.date
            date = date or entry.date
            year = year or entry.year
            title = title or entry.title
            if doc_type == kb.default_type and entry.type:
                doc_type = entry.type  # 'Luật … số 80/2015/QH13': the catalogue knows what it is
    issuer = best.issuer
    issuer_name = districts.issuer_name(issuer, best.district) or (
        issuer.display_name(best.province) if issuer else best.issuer_text)
    level = _level(issuer)
    for c in corrections:
        warnings.append(Warning_("citation", f"{best.parts.number or best.name}: {c}", best.line))
    return Citation(
        key=key, role=role, doc_type=doc_type, number=best.parts.number or None, date=date, year=year,
        issuer=issuer_name, issuer_id=issuer.id if issuer else None, level=level,
        province=best.province.name if best.province and _scope(best) != keys.NATIONAL else None,
        title=title, clause=clause, written_as=first.parts.written,
        span=Span(path, first.line, first.text),
        occurrences=tuple(Span(path, h.line, h.text) for h, _, _ in group),
        corrections=tuple(corrections), catalogued=catalogued,
        name=next((h.name for h, _, _ in group if h.name), None), nested_in=tuple(k for k in nested_in if k != key))


def _level(issuer: Agency | None) -> str:
    """national, ministry, party_central for central issuers; province, department, party_local… for
    provincial ones (a Tỉnh ủy's resolution is local even though its issuer's level is 'party')."""
    if issuer is None:
        return "unknown"
    if issuer.scope != "national":
        return "party_local" if issuer.level == "party" else issuer.level
    return _LEVELS.get(issuer.level, issuer.level)


def summary_line(record: PlanRecord) -> str:
    p = record.plan
    n_basis = sum(c.role == LEGAL_BASIS for c in record.citations)
    return (f"{record.source}: {p.number or '(no number)'} {p.date or '(no date)'} {p.province or '?'} — "
            f"{n_basis} legal bases, {len(record.citations) - n_basis} mentions, "
            f"{len(record.activities)} activities, {len(record.warnings)} warnings")


