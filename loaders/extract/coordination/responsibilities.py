"""Layout 2, responsibilities: the numbered items under 'Tổ chức thực hiện' ('3. Sở Tài chính …',
'Đề nghị Ban Tuyên giáo …'), sections that assign work agency by agency, a decision's articles."""

from __future__ import annotations

import re

from cancu.loaders.extract.agencies import (
    Found,
    index,
)
from cancu.loaders.extract.coordination.parties import (
    PartyReader,
    fills_stretch,
)
from cancu.loaders.extract.coordination.patterns import (
    advising_words,
    asking_words,
    clause_starts,
    execution_pattern,
    verb_patterns,
)
from cancu.loaders.extract.coordination.reader import Draft, one_line
from cancu.loaders.extract.outline import Item
from cancu.loaders.read.text import fold


def _ident(f: Found) -> str:
    return f.entry.id if f.entry is not None else fold(f.surface)


def _bare_name(f: Found) -> str:
    """A name to compare with another mention of it: folded, without its plural 'các'."""
    words = fold(f.surface).split()
    return " ".join(words[1:] if words[:1] == ["cac"] else words)


def section_matches(title: str, names: tuple[str, ...], ocr: bool) -> bool:
    """Is this heading one of the named sections? OCR'd headings ('TO CHUC THU'C HIEN') by similarity."""
    t = re.sub(r"[^a-z ]", "", title).strip()
    if any(t.startswith(w) for w in names):
        return True
    if ocr:
        from rapidfuzz import fuzz

        return any(fuzz.ratio(w, t[:len(w) + 2]) >= 85 for w in names)
    return False


class Responsibilities(PartyReader):
    def restates_heading(self, item: Item, draft: Draft) -> bool:
        """Does a sentence inside an agency's responsibility name that agency again as its lead ('- …
        do Sở, ngành chủ trì, quản lý' under '2. Các Sở, ngành …')? Its task is the heading's."""
        leads = {_bare_name(f) for f in draft.lead}
        node = item.parent
        while node is not None:
            if any(leads & {_bare_name(f) for f in d.lead} for d in self._responsibility.get(id(node)) or ()):
                return True
            node = node.parent
        return False

    def responsibility(self, item: Item) -> list[Draft]:
        """The drafts an item of a responsibilities section makes. Kept per item: `responsibilities`
        reads a group heading's items once to decide it is one, then again as its items."""
        drafts = self._responsibility.get(id(item))
        if drafts is None:
            drafts = self._responsibility[id(item)] = self._read_responsibility(item)
        return drafts

    def _read_responsibility(self, item: Item) -> list[Draft]:
        start, end = self.item_span(item)
        if self.skipped(start):
            return []
        folded = self.src.folded[start:end]
        drafts: list[Draft] = []
        idx = index(self.kb)
        lead = self._own_lead(item)
        draft = Draft(item.path(), one_line(item.text), item.line, item.text)
        if lead:
            draft.lead = lead
        else:
            # 'Tăng cường phối hợp giữa UBND tỉnh với các tổ chức …': lead and partner in one clause
            m = verb_patterns().between.search(folded)
            if m:
                w = verb_patterns().between_and.search(folded, m.end())
                if w is not None:
                    draft.lead = self.agencies(start + m.end(), start + w.start())
                    draft.cooperating = self.agencies(start + w.end(), self._phrase_stop(start + w.end(), end))
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

    def responsibilities(self, children: list[Item], used: set[int], depth: int = 0) -> list[Draft]:
        """The numbered, lettered or bulleted items of a responsibilities section; a group heading with
        items of its own ('1. Các cơ quan cấp tỉnh' over 'a) Sở Nội vụ …') is read through its items."""
        drafts: list[Draft] = []
        for child in children:
            if child.kind not in ("number", "dotted", "letter", "bullet") or id(child) in used \
                    or self.skipped(child.start) or self.closing(child):
                continue
            subs = [c for c in child.children if c.kind in ("number", "dotted", "letter")]
            # a group heading's items name their own leads ('a) Sở Nội vụ …'); a task led only by a
            # later clause ('b) Phối hợp với …; Bưu điện tỉnh bố trí …') is under its addressee
            if depth < 2 and subs and self._heading_only(child) and self._groups(child, subs):
                drafts += self.responsibilities(child.children, used, depth + 1)
                continue
            drafts += self.responsibility(child)
        return drafts + self._under_named_paragraphs(children, used)

    def _under_named_paragraphs(self, children: list[Item], used: set[int]) -> list[Draft]:
        """'Sở Y tế' or 'Ủy ban nhân dân các tỉnh, thành phố:' on a line of its own, no number, then
        the lettered or bulleted tasks it is given: the agency leads them, their partners are its."""
        drafts: list[Draft] = []
        current: Draft | None = None
        for child in children:
            if self.skipped(child.start) or self.closing(child):
                break
            if child.kind == "para" and self._heading_only(child) and id(child) not in used:
                lead = self._own_lead(child)
                if self._named_heading(child):
                    current = Draft(child.path(), one_line(child.text), child.line, child.text, lead=lead)
                    drafts.append(current)
                    used.add(id(child))
                    continue
            if current is None or child.kind not in ("letter", "bullet", "para") or self._own_lead(child):
                current = None  # a numbered item, or a task with an addressee of its own, ends the group
                continue
            for part in [child, *child.descendants()]:
                cs, ce = self.item_span(part)
                drafts += self.partners(part, cs, ce, current)
        return drafts

    def _named_heading(self, item: Item) -> bool:
        """Does a heading name an agency: a known one or a collective of agencies, not a topic that opens
        with a word agencies open with ('Phòng dịch', 'Các chỉ tiêu cụ thể', 'Các bước đánh giá')?"""
        heads = index(self.kb).head
        for f in self._own_lead(item):
            words = fold(f.surface).split()
            # a known name, or a collective whose word after 'các' heads agencies ('Các bộ, cơ quan …')
            if not f.generic and (f.entry is not None or (words[:1] == ["cac"]
                                                          and heads.match(" ".join(words[1:2])) is not None)):
                return True
        return False

    def asked(self, item: Item) -> list[Draft]:
        """A paragraph or item anywhere that opens by addressing agencies ('Đề nghị X …', 'Giao X …',
        'Khuyến khích X …'): X leads it. Not a closing sentence ('Yêu cầu các sở … nghiêm túc thực hiện')."""
        if self.closing(item):
            return []
        start, end = self.item_span(item)
        if not asking_words().match(self.src.folded, start, end):
            return []
        if not any(not f.generic for f in self._own_lead(item)):
            return []
        return self.responsibility(item)

    def article(self, item: Item, used: set[int]) -> list[Draft]:
        """An article of a decision or regulation ('Điều 3. Văn phòng UBND tỉnh có trách nhiệm …'): its
        addressee leads it, its clauses add partners; an article of clauses addressed one by one is
        read through them. The execution article ('… chịu trách nhiệm thi hành Quyết định này') is none."""
        start, end = self.item_span(item)
        if execution_pattern().search(self.src.folded, start, end):
            return []
        drafts = self.addressed(item, used)
        if not drafts and any(f.entry is not None for f in self._own_lead(item)):  # not 'Ban hành kèm theo …'
            drafts = self.responsibility(item)
        return drafts

    def addressed(self, node: Item, used: set[int], depth: int = 0) -> list[Draft]:
        """Responsibilities in a section of another title ('Nội dung thực hiện', 'Các nhiệm vụ, giải
        pháp'): a run of numbered items most of which name their addressee first ('1. Sở Y tế', 'a) Bộ
        Tài chính tiếp tục …') assigns the work agency by agency, wherever it stands."""
        if not node.children:
            return []  # most nodes visited are tasks with nothing under them
        subs = [c for c in node.children if c.kind in ("number", "dotted", "letter") and id(c) not in used
                and not self.skipped(c.start)]
        # a known name, not any 'Các …' ('Các bước giám sát' is a heading, not a party)
        if self._mostly_named(subs):
            return self.responsibilities(node.children, used)
        # an agency's heading among topics ('4. Các bộ, cơ quan trung ương, địa phương:' over 'a) …')
        headed = [c for c in subs if self._heading_only(c) and self._named_heading(c)]
        subs = [c for c in subs if c not in headed]
        drafts = [d for c in headed for d in self.responsibility(c)] + self._under_named_paragraphs(node.children, used)
        if depth >= 3:
            return drafts
        return drafts + [d for c in subs for d in self.addressed(c, used, depth + 1)]

    def _mostly_named(self, subs: list[Item]) -> bool:
        """Do at least two items, and at least half of them, open with a known agency? Items are read
        only until the answer is certain: most sections are tasks, and reading each one's addressee is
        the costliest step of the reader."""
        need = max(2, (len(subs) + 1) // 2)
        named = 0
        for k, c in enumerate(subs):
            if named >= need or named + len(subs) - k < need:
                break
            named += any(f.entry is not None for f in self._own_lead(c))
        return named >= need

    def _groups(self, heading: Item, subs: list[Item]) -> bool:
        """Does a heading group items that name their own addressees? Under an agency's heading
        ('17. UBND xã, phường' over 'a) …', 'c) Chủ tịch UBND xã, phường chịu trách nhiệm …') most do not."""
        led = sum(1 for c in subs if self._own_lead(c))
        return led > 0 and (not any(not f.generic for f in self._own_lead(heading)) or 2 * led >= len(subs))

    def _heading_only(self, item: Item) -> bool:
        """An item that only titles the items under it: short, no verb, no full stop."""
        s, e = self.item_span(item)
        text = self.src.folded[s:e].strip()
        return len(text.split()) <= 10 and not text.endswith((".", ";")) and not index(self.kb).ends.search(" " + text)

    def partners(self, child: Item, cs: int, ce: int, draft: Draft) -> list[Draft]:
        """Adds 'phối hợp với X' partners to the draft; a sub-clause with its own subject
        ('chỉ đạo Phòng Nội vụ phối hợp với …') becomes an activity of its own."""
        folded = self.src.folded[cs:ce]
        extra: list[Draft] = []
        for m in verb_patterns().partners.finditer(folded):
            partners = self.partner_list(child, cs + m.end(), ce)
            # who is told to cooperate: an agency right before 'phối hợp' that is not the item's lead
            # in the same clause: 'Giáo dục' or a sentence before it never names who is told
            window = max(0, m.start() - 120)
            clause = max([window, *(c.end() for c in clause_starts()[0].finditer(folded, window, m.start()))])
            before = folded[clause:m.start()]
            subj = None
            for sm in verb_patterns().told.finditer(before):
                if self._inside_name(cs + clause + sm.start(), cs + clause):
                    continue  # 'Ban Tuyên giáo', 'Ban Chỉ đạo CCHC': the word is part of a name
                s0 = cs + clause + sm.end()
                found = self.agencies(s0, cs + m.start())
                if fills_stretch(found, self.src.folded, s0, cs + m.start()):
                    # a unit told by no name ('các đơn vị đóng quân') works for the item's lead
                    subj = [f for f in found if not f.generic and f.entry is not None] or None
                break
            if subj and {_ident(f) for f in subj} & {_ident(f) for f in draft.lead}:
                subj = None  # 'Đề nghị Sở Tài chính phối hợp với …': the item's own lead
            if subj is None and self._advised(folded, cs, clause, m.start()):
                continue  # 'Tham mưu UBND tỉnh phối hợp các bộ, ngành': the province's partners
            if subj:
                extra.append(Draft(f"{child.path()}", one_line(child.text), child.line, child.text,
                                    lead=subj, cooperating=partners))
            else:
                draft.cooperating += partners
        return extra

    def _advised(self, folded: str, cs: int, clause: int, verb: int) -> bool:
        """Is the subject of the 'phối hợp' at `verb` (offsets into the item's folded text `folded`,
        which starts at `cs`) a body the task advises: agencies right after 'tham mưu', 'đề xuất'?"""
        last = next(iter(reversed(list(advising_words().finditer(folded, clause, verb)))), None)
        if last is None:
            return False
        found = self.agencies(cs + last.end(), cs + verb)
        return fills_stretch(found, self.src.folded, cs + last.end(), cs + verb)
