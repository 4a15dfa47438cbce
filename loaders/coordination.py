"""Who does what with whom: activities with their lead and cooperating agencies, and recipients.

Four layouts are read, all over the plan's outline (loaders.outline):
- labelled lines under an item ('a) Cơ quan thực hiện: …', '- Đơn vị phối hợp: …');
- numbered responsibilities under 'Tổ chức thực hiện' ('3. Sở Tài chính …', 'Đề nghị Ban Tuyên giáo …');
- tables whose columns are lead and cooperating (tab-separated or markdown, continued across pages);
- prose anywhere ('Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp …').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cancu.loaders.agencies import Found, index, is_ocr, resolve, rules, split_agencies
from cancu.loaders.outline import Item, flatten, outline
from cancu.loaders.records import Activity, AgencyRef, Span
from cancu.loaders.text import SourceText, fold
from cancu.ontology.knowledge import Agency, Knowledge, Province

_RECIPIENTS = re.compile(r"^\W*n\S{1,2}i\s+nh\S{1,2}n\s*:?", re.M)  # "Nơi nhận:", OCR "Noi nhdn:"
_LIST_GLUE = re.compile(r"[\s,;]+|\bva\b|\([^)]*\)")  # between the names of a list
_APPENDIX = re.compile(r"^\W*ph\S{1,2}\s+l\S{1,2}c\b", re.M)  # "Phụ lục"


def _label(folded: str, labels: tuple[str, ...]) -> int | None:
    """If the text starts with one of the labels and a colon, where its value starts."""
    for lab in labels:
        m = re.match(r"\W*" + re.escape(lab).replace(r"\ ", r"\s+") + r"\s*:\s*", folded)
        if m:
            return m.end()
    return None


@dataclass
class _Draft:
    id: str
    title: str
    line: int
    text: str
    lead: list[Found] = field(default_factory=list)
    cooperating: list[Found] = field(default_factory=list)
    invited: list[Found] = field(default_factory=list)
    time: str | None = None
    funding: str | None = None


class _Reader:
    def __init__(self, src: SourceText, kb: Knowledge, province: Province | None, issuer: Agency | None):
        self.src, self.kb, self.province, self.issuer = src, kb, province, issuer
        self.r = rules()
        self.ocr = is_ocr(src.text)
        # the recipients and signature block is no activity; an appendix after it is read again
        m = _RECIPIENTS.search(src.folded)
        self.stop = m.start() if m else len(src.text)
        appendix = _APPENDIX.search(src.folded, self.stop)
        self.resume = appendix.start() if appendix else len(src.text)

    def skipped(self, offset: int) -> bool:
        """In the recipients and signature block."""
        return self.stop <= offset < self.resume

    def closing(self, item: Item) -> bool:
        """'Trên đây là Kế hoạch …', 'Trong quá trình thực hiện …': the plan's last words."""
        f = fold(item.text)
        return item.kind == "para" and any(f.startswith(c) for c in self.r.closing_phrases)

    # --- text helpers over the original/folded pair, by offsets into SourceText.text
    def agencies(self, start: int, end: int, *, stop_at_verbs: bool = True) -> list[Found]:
        text, folded = self.src.text[start:end], self.src.folded[start:end]
        found = split_agencies(text, folded, self.kb, ocr=self.ocr, stop_at_verbs=stop_at_verbs)
        return [Found(f.start + start, f.end + start, f.surface, f.entry, f.generic,
                      None if f.name_end is None else f.name_end + start, f.restored) for f in found]

    def item_span(self, it: Item) -> tuple[int, int]:
        """Offsets of an item's own text (wrapped lines included) in SourceText.text."""
        start = it.start
        end = start + len(it.text)
        # the joined text may be shorter than the span in the file (blank lines between halves)
        raw = self.src.text.find(it.text[-20:], start) if len(it.text) > 20 else -1
        end = raw + len(it.text[-20:]) if raw != -1 else it.end
        return start, min(end, it.end)

    # --- layout 1: labelled lines
    def labelled(self, item: Item) -> _Draft | None:
        draft = None
        for child in [item, *item.children]:
            start, end = self.item_span(child)
            if self.skipped(start):
                break
            folded = self.src.folded[start:end]
            for labels, role in ((self.r.lead_labels, "lead"), (self.r.cooperating_labels, "cooperating"),
                                 (self.r.time_labels, "time"), (self.r.funding_labels, "funding")):
                at = _label(folded, labels)
                if at is None:
                    continue
                if draft is None:
                    draft = _Draft(item.path(), _clean(item.text), item.line, item.text)
                value_start = start + at
                if role == "lead":
                    self.inline_roles(value_start, end, draft)
                elif role == "cooperating":
                    draft.cooperating += self.agencies(value_start, end, stop_at_verbs=False)
                elif role == "time":
                    draft.time = _clean(self.src.text[value_start:end]) or draft.time
                else:
                    draft.funding = _clean(self._with_children(child, value_start, end)) or draft.funding
                break
            else:
                inv = re.match(r"\W*(?:" + "|".join(map(re.escape, self.r.invited)) + r")\s+", folded)
                if inv and draft is not None:
                    tail = folded.rfind(" tham gia")
                    draft.invited += self.agencies(start + inv.end(), start + (tail if tail > 0 else len(folded)))
        if draft is not None:
            # a title that starts "Phối hợp với X …" names X as a partner
            s, e = self.item_span(item)
            m = re.match(r"\W*phoi hop (?:voi |cung )?", self.src.folded[s:e])
            if m:
                draft.cooperating += self.agencies(s + m.end(), self._phrase_stop(s + m.end(), e))
        return draft

    def _with_children(self, item: Item, start: int, end: int) -> str:
        parts = [self.src.text[start:end]]
        parts += [c.text for c in item.children]
        return " ".join(parts)

    def inline_roles(self, start: int, end: int, draft: _Draft) -> None:
        """'Phòng TT-BC-XB chủ trì, Văn phòng Sở phối hợp' inside a lead value."""
        folded = self.src.folded[start:end]
        lead_kw = re.search(r"\bchu tri\b", folded)
        coop_kw = re.search(r"\bphoi hop(?: voi)?\b", folded)
        if lead_kw and coop_kw and lead_kw.start() < coop_kw.start():
            draft.lead += self.agencies(start, start + lead_kw.start(), stop_at_verbs=False)
            after = folded[lead_kw.end():coop_kw.start()]
            if after.strip(" ,;.") and not after.strip(" ,").startswith("phoi"):
                draft.cooperating += self.agencies(start + lead_kw.end(), start + coop_kw.start(),
                                                   stop_at_verbs=False)
            else:
                draft.cooperating += self.agencies(start + coop_kw.end(), end, stop_at_verbs=False)
        else:
            draft.lead += self.agencies(start, end, stop_at_verbs=False)

    # --- layout 2: responsibilities ('Tổ chức thực hiện')
    def responsibility(self, item: Item) -> list[_Draft]:
        start, end = self.item_span(item)
        if self.skipped(start):
            return []
        folded = self.src.folded[start:end]
        drafts: list[_Draft] = []
        pos = 0
        addr = re.match(r"\W*(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in self.r.addressing)
                        + r")\s+", folded)
        if addr:
            pos = addr.end()
        idx = index(self.kb)
        lead_end = self._phrase_stop(start + pos, end)
        lead = self.agencies(start + pos, lead_end)
        named = [f for f in lead if not f.generic]
        starts_with_agency = bool(idx.known.match(folded, pos) or idx.head.match(folded, pos)
                                  or idx.head_title.match(folded, pos) or idx.generic_re.match(folded, pos)
                                  or (named and named[0].start - start - pos <= 2))  # an OCR'd name
        draft = _Draft(item.path(), _clean(item.text), item.line, item.text)
        if named and starts_with_agency:
            draft.lead = lead
        else:
            # 'Tăng cường phối hợp giữa UBND tỉnh với các tổ chức …': lead and partner in one clause
            m = re.search(r"phoi hop giua\s+", folded)
            if m:
                w = folded.find(" voi ", m.end())
                if w != -1:
                    draft.lead = self.agencies(start + m.end(), start + w)
                    draft.cooperating = self.agencies(start + w + 5, self._phrase_stop(start + w + 5, end))
                    return [draft] if any(not f.generic for f in draft.lead) else []
            # a later sentence whose subject is an agency: '… UBND cấp huyện ngoài thực hiện …'
            for sm in re.finditer(r"[.:;]\s+", folded):
                p = sm.end()
                if idx.known.match(folded, p) and not idx.generic_re.match(folded, p):
                    found = self.agencies(start + p, self._phrase_stop(start + p, end))
                    if found and not found[0].generic:
                        draft.lead = found[:1]
                        break
            if not draft.lead:
                return []
        # partners named in the item and its sub-items: 'phối hợp với X', 'Phối hợp X'
        for child in [item, *item.descendants()]:
            cs, ce = self.item_span(child)
            if self.skipped(cs) or self.closing(child):
                break
            drafts += self.partners(child, cs, ce, draft)
        return [draft, *drafts]

    def partners(self, child: Item, cs: int, ce: int, draft: _Draft) -> list[_Draft]:
        """Adds 'phối hợp với X' partners to the draft; a sub-clause with its own subject
        ('chỉ đạo Phòng Nội vụ phối hợp với …') becomes an activity of its own."""
        folded = self.src.folded[cs:ce]
        extra: list[_Draft] = []
        for m in re.finditer(r"\bphoi hop(?:\s+(?:voi|cung))?\s+", folded):
            who_end = self._phrase_stop(cs + m.end(), ce)
            partners = self.agencies(cs + m.end(), who_end)
            # who is told to cooperate: an agency right before 'phối hợp' that is not the item's lead
            before = folded[max(0, m.start() - 120):m.start()]
            subj = None
            sm = re.search(r"(?:chi dao|giao|de nghi)\s+(.+?)\s*$", before)
            if sm:
                s0 = cs + m.start() - len(before) + sm.start(1)
                found = self.agencies(s0, cs + m.start())
                subj = [f for f in found if not f.generic] or None
            if subj and {_ident(f) for f in subj} & {_ident(f) for f in draft.lead}:
                subj = None  # 'Đề nghị Sở Tài chính phối hợp với …': the item's own lead
            if subj:
                extra.append(_Draft(f"{child.path()}", _clean(child.text), child.line, child.text,
                                    lead=subj, cooperating=partners))
            else:
                draft.cooperating += partners
        return extra

    def _phrase_stop(self, start: int, end: int) -> int:
        """End of an agency list: at a verb that ends it, a colon, a sentence end."""
        folded = self.src.folded[start:end]
        idx = index(self.kb)
        cut = len(folded)
        # the verbs that end a list are looked for after the names it starts with: 'các tổ chức
        # chính trị - xã hội' is a name, not the verb 'tổ chức'
        p = 0
        while p < len(folded):
            step = (_LIST_GLUE.match(folded, p) or idx.known.match(folded, p)
                    or idx.generic_re.match(folded, p) or idx.head_title.match(folded, p))
            if not step or step.end() == p:
                break
            p = step.end() if step.re is not idx.known else _skip_qualifiers(folded, step.end(), idx)
        m = idx.ends.search(folded, max(p - 1, 0))  # the verb pattern wants the space before it
        if m:
            cut = m.start()
        for sep in (":", ". ", ".\n"):
            k = folded.find(sep)
            if k != -1:
                cut = min(cut, k)
        # a verb phrase with no agency head after a comma: 'Sở Tài chính tham mưu …'
        return start + cut

    # --- layout 3: tables
    def tables(self, rows: list[Item]) -> list[_Draft]:
        drafts: list[_Draft] = []
        cols: dict[str, int] | None = None
        last: _Draft | None = None
        for row in rows:
            if self.skipped(row.start):
                continue
            cells = row.cells or []
            folded_cells = [fold(c) for c in cells]
            header = self._header(folded_cells)
            if header is not None:
                cols = header
                continue
            if cols is None or "lead" not in cols:
                continue
            ident = cells[cols["id"]].strip() if "id" in cols and cols["id"] < len(cells) else ""
            lead_cell = cells[cols["lead"]] if cols["lead"] < len(cells) else ""
            coop_cell = cells[cols["cooperating"]] if "cooperating" in cols and cols["cooperating"] < len(cells) else ""
            if not ident and last is not None and not lead_cell.strip():
                continue  # a row continued from the page before: its agencies were on the first part
            prefix = "PL" if self._in_appendix(row) else (row.parent.path() if row.parent else "T")
            draft = _Draft(f"{prefix}.{ident or len(drafts) + 1}", _clean(self._cell(cells, cols, "content")),
                           row.line, row.text)
            draft.lead = self._cell_agencies(row, lead_cell)
            draft.cooperating = self._cell_agencies(row, coop_cell)
            if "time" in cols:
                draft.time = _clean(self._cell(cells, cols, "time")) or None
            drafts.append(draft)
            last = draft
        return drafts

    def _cell(self, cells: list[str], cols: dict[str, int], name: str) -> str:
        i = cols.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    def _cell_agencies(self, row: Item, cell: str) -> list[Found]:
        if not cell.strip():
            return []
        start = self.src.text.find(cell, row.start)
        if start == -1:
            return split_agencies(cell, fold(cell), self.kb, ocr=self.ocr, stop_at_verbs=False)
        return self.agencies(start, start + len(cell), stop_at_verbs=False)

    def _header(self, cells: list[str]) -> dict[str, int] | None:
        cols: dict[str, int] = {}
        for i, c in enumerate(cells):
            c = c.strip(" *:")
            for name, labels in (("lead", self.r.lead_labels), ("cooperating", self.r.cooperating_labels),
                                 ("time", self.r.time_labels), ("content", self.r.content_labels),
                                 ("id", self.r.id_labels)):
                if name not in cols and any(c == lab or c.startswith(lab + " ") for lab in labels):
                    cols[name] = i
                    break
        return cols if "lead" in cols else None

    def _in_appendix(self, row: Item) -> bool:
        return row.start >= self.resume


def _skip_qualifiers(folded: str, end: int, idx: object) -> int:
    from cancu.loaders.agencies import _extend_qualifiers

    return _extend_qualifiers(folded, end, idx)  # type: ignore[arg-type]


def _ident(f: Found) -> str:
    return f.entry.id if f.entry is not None else fold(f.surface)


def _section_matches(title: str, names: tuple[str, ...], ocr: bool) -> bool:
    """Is this heading one of the named sections? OCR'd headings ('TO CHUC THU'C HIEN') by similarity."""
    t = re.sub(r"[^a-z ]", "", title).strip()
    if any(t.startswith(w) for w in names):
        return True
    if ocr:
        from rapidfuzz import fuzz

        return any(fuzz.ratio(w, t[:len(w) + 2]) >= 85 for w in names)
    return False


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .;,-")[:300]


def read_activities(src: SourceText, kb: Knowledge, province: Province | None,
                    issuer: Agency | None) -> list[Activity]:
    reader = _Reader(src, kb, province, issuer)
    roots = outline(src)
    items = flatten(roots)
    drafts: list[_Draft] = []
    used: set[int] = set()
    resp_words = reader.r.responsibility_sections
    for it in items:
        if reader.skipped(it.start) or it.kind in ("row",) or id(it) in used:
            continue
        if it.kind in ("number", "dotted", "letter", "roman"):
            d = reader.labelled(it)
            if d is not None:
                drafts.append(d)
                used.update(id(c) for c in [it, *it.children])
    for root in roots:
        if root.kind != "roman":
            continue
        if _section_matches(fold(root.text), resp_words, reader.ocr):
            for child in root.children:
                if child.kind in ("number", "dotted") and id(child) not in used and not reader.skipped(child.start):
                    drafts += reader.responsibility(child)
    drafts += reader.tables([it for it in items if it.kind == "row"])
    # prose elsewhere: 'X chủ trì, phối hợp với Y'
    covered = {d.line for d in drafts}
    for it in items:
        if it.kind == "row" or it.line in covered or id(it) in used or reader.skipped(it.start):
            continue
        s, e = reader.item_span(it)
        m = re.search(r"\bchu tri\s*,?\s*(?:va\s+)?phoi hop\s+(?:voi\s+)?", reader.src.folded[s:e])
        if m:
            lead = reader.agencies(s, s + m.start())
            if lead and any(not f.generic for f in lead) and index(kb).head.match(reader.src.folded, s):
                drafts.append(_Draft(it.path(), _clean(it.text), it.line, it.text, lead=lead,
                                     cooperating=reader.agencies(s + m.end(), reader._phrase_stop(s + m.end(), e))))
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


def _finish(d: _Draft, src: SourceText, kb: Knowledge, province: Province | None,
            issuer: Agency | None) -> Activity:
    lead = _refs(d.lead, src, kb, province, issuer)
    lead_keys = {a.key for a in lead}
    coop = tuple(a for a in _refs(d.cooperating, src, kb, province, issuer) if a.key not in lead_keys)
    invited = _refs(d.invited, src, kb, province, issuer)
    return Activity(d.id, d.title, lead, coop, invited, d.time, d.funding,
                    Span(src.path, d.line, _clean(d.text)))


def read_recipients(src: SourceText, kb: Knowledge, province: Province | None) -> list[AgencyRef]:
    """The 'Nơi nhận' list: every line after it up to 'Lưu:'."""
    m = _RECIPIENTS.search(src.folded)
    if not m:
        return []
    out: dict[str, AgencyRef] = {}
    start_line = src.line_of(m.start())
    lines = src.lines()
    for i in range(start_line - 1, min(start_line + 40, len(lines))):
        fl = fold(lines[i])
        if re.match(r"^\W*l\S{1,2}u\s*:", fl):
            break
        s = src.line_starts[i]
        for f in split_agencies(lines[i], fl, kb):
            if f.generic:
                continue
            f = Found(f.start + s, f.end + s, f.surface, f.entry, f.generic,
                      None if f.name_end is None else f.name_end + s, f.restored)
            ref = resolve(f, kb, province, None, i + 1)
            out.setdefault(ref.key, ref)
    return list(out.values())
