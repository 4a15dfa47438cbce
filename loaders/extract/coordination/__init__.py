"""Who does what with whom: activities with their lead and cooperating agencies, and recipients.

Four layouts are read, all over the plan's outline (loaders.outline):
- labelled lines under an item ('a) Cơ quan thực hiện: …', '- Đơn vị phối hợp: …');
- numbered responsibilities under 'Tổ chức thực hiện' ('3. Sở Tài chính …', 'Đề nghị Ban Tuyên giáo …');
- tables whose columns are lead and cooperating (tab-separated or markdown, continued across pages);
- prose anywhere ('Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp …').
"""

from __future__ import annotations

import re

from cancu.loaders.extract.agencies import (
    Found,
    resolve,
    split_agencies,
)
from cancu.loaders.extract.coordination.labelled import LabelledLines
from cancu.loaders.extract.coordination.patterns import RECIPIENTS
from cancu.loaders.extract.coordination.prose import ProseVerbs
from cancu.loaders.extract.coordination.reader import Draft, one_line
from cancu.loaders.extract.coordination.responsibilities import Responsibilities, section_matches
from cancu.loaders.extract.coordination.tables import Tables
from cancu.loaders.extract.records import Activity, AgencyRef, Span
from cancu.loaders.read.text import SourceText, fold
from cancu.ontology.knowledge import Agency, Knowledge, Province


class _Reader(LabelledLines, Responsibilities, ProseVerbs, Tables):
    """Every layout over one plan, sharing its outline and what was read of each item."""


def read_activities(src: SourceText, kb: Knowledge, province: Province | None,
                    issuer: Agency | None) -> list[Activity]:
    reader = _Reader(src, kb, province, issuer)
    roots, items = reader.read_outline()
    drafts: list[Draft] = []
    used: set[int] = set()
    resp_words = reader.r.responsibility_sections
    for it in items:
        if reader.skipped(it.start) or it.kind in ("row",) or id(it) in used:
            continue
        if it.kind in ("number", "dotted", "letter", "roman", "article"):
            d = reader.labelled(it)
            if d is not None:
                drafts.append(d)
                used.update(id(c) for c in [it, *it.children])
    for root in roots:
        if root.kind not in ("roman", "article") or reader.skipped(root.start):
            continue
        if section_matches(fold(root.text), resp_words, reader.ocr):
            drafts += reader.responsibilities(root.children, used)
        elif root.kind == "article":
            drafts += reader.article(root, used)
        else:
            drafts += reader.addressed(root, used)
    drafts += reader.tables([it for it in items if it.kind == "row"])
    # prose elsewhere: 'X chủ trì, phối hợp với Y', 'X chủ trì, Y phối hợp'
    covered = {d.line for d in drafts}
    for it in items:
        if it.kind == "row" or it.line in covered or id(it) in used or reader.skipped(it.start):
            continue
        asked = reader.asked(it)
        if asked:  # 'Đề nghị Ủy ban MTTQ … tổ chức quán triệt …' in a section of tasks
            drafts += asked
            continue
        d = reader.prose(it)
        if d is not None and not reader.restates_heading(it, d):
            drafts.append(d)
    return [_finish(d, src, kb, province, issuer) for d in drafts if any(not f.generic for f in d.lead)]


def _refs(found: list[Found], src: SourceText, kb: Knowledge, province: Province | None,
          issuer: Agency | None) -> tuple[AgencyRef, ...]:
    out: dict[str, AgencyRef] = {}
    for f in found:
        if f.generic:
            continue
        ref = resolve(f, kb, province, issuer, src.line_of(f.start))
        out.setdefault(ref.key, ref)
    return tuple(out.values())


def _finish(d: Draft, src: SourceText, kb: Knowledge, province: Province | None,
            issuer: Agency | None) -> Activity:
    lead = _refs(d.lead, src, kb, province, issuer)
    lead_keys = {a.key for a in lead}
    coop = tuple(a for a in _refs(d.cooperating, src, kb, province, issuer) if a.key not in lead_keys)
    invited = _refs(d.invited, src, kb, province, issuer)
    return Activity(d.id, d.title, lead, coop, invited, d.time, d.funding,
                    Span(src.path, d.line, one_line(d.text)))


def read_recipients(src: SourceText, kb: Knowledge, province: Province | None) -> list[AgencyRef]:
    """The 'Nơi nhận' list: every line after it up to 'Lưu:'."""
    start = RECIPIENTS.start(src.folded)
    if start is None:
        return []
    out: dict[str, AgencyRef] = {}
    start_line = src.line_of(start)
    lines = src.shared_lines
    for i in range(start_line - 1, min(start_line + 40, len(lines))):
        fl = fold(lines[i])
        if re.match(r"^\W*l\S{1,2}u\s*:", fl):
            break
        s = src.line_starts[i]
        for f in split_agencies(lines[i], fl, kb):
            if f.generic:
                continue
            f = Found(f.start + s, f.end + s, f.surface, f.entry, f.generic,
                      None if f.name_end is None else f.name_end + s, f.restored, f.score)
            ref = resolve(f, kb, province, None, i + 1)
            out.setdefault(ref.key, ref)
    return list(out.values())
