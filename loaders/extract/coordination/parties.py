"""Party lists: who an item is addressed to, the partners after 'phối hợp với', where a list of
agencies ends; shared by every layout."""

from __future__ import annotations

import re
from functools import lru_cache

from cancu.loaders.extract.agencies import (
    Found,
    distributive,
    extend_qualifiers,
    index,
    names_from,
    rules,
)
from cancu.loaders.extract.coordination.patterns import (
    LIST_GLUE,
    WORD_START,
    addressed_after,
    addressing_word,
    lead_in_words,
    phrase_at_start,
    task_verbs,
    verb_patterns,
    verbs_stop_at_stops,
)
from cancu.loaders.extract.coordination.reader import Draft, Reader
from cancu.loaders.extract.outline import Item
from cancu.loaders.read.text import SourceText, fold
from cancu.ontology.knowledge import Knowledge


def _phrase_cut(folded: str, kb: Knowledge) -> int:
    """PartyReader._phrase_stop within `folded` (a stretch of the folded text): a function of the stretch."""
    idx = index(kb)
    cut = len(folded)
    # the verbs that end a list are looked for after the names it starts with: 'các tổ chức
    # chính trị - xã hội' is a name, not the verb 'tổ chức'
    p = skip = 0
    while p < len(folded):
        dist = distributive(folded, p, kb) if folded.startswith("cac", p) else None
        if dist:  # 'các Sở: Nội vụ, Tư pháp …': its colon and its names are part of the list
            p = skip = dist.end
            continue
        glue = LIST_GLUE.match(folded, p)
        known = None if glue else idx.known.match(folded, p)
        step = glue or known or idx.generic_re.match(folded, p) or idx.head_title.match(folded, p)
        if not step or step.end() == p:
            break
        p = extend_qualifiers(folded, step.end(), idx) if step is known else step.end()
    for sep in (":", ". ", ".\n"):
        k = folded.find(sep, max(skip, p))  # not one inside a name walked over: "TT. VHTT&TT"
        if k != -1:
            cut = min(cut, k)
    # a verb after the first colon or sentence end cannot come first, and none runs over one (nor
    # does the character after it, which the pattern looks at, differ from the end of the string):
    # the search stops there instead of going through the rest of the item
    until = cut if verbs_stop_at_stops() else len(folded)
    m = idx.ends.search(folded, max(p - 1, 0), until)  # the verb pattern wants the space before it
    while m and _after_plural(folded, m.start()):
        m = idx.ends.search(folded, m.end(), until)  # 'các tổ chức thành viên': after 'các', a noun
    if m:
        cut = min(cut, m.start())
    # a verb phrase with no agency head after a comma: 'Sở Tài chính tham mưu …'
    return cut


_OPENING_SLACK = 2  # characters before an item's first name that still let it open with that name


@lru_cache(maxsize=1 << 14)
def _opens_with_a_task(text: str, folded: str, kb: Knowledge, ocr: bool) -> bool:
    """Is it certain that an item (its text and folded text) is addressed to no agency (_read_own_lead
    gives none)? Most items open with their task ('Tổ chức tuyên truyền …'): no name at their start,
    no 'đề nghị'/'giao' further on. Then only a name the agency reader finds within _OPENING_SLACK
    characters makes a lead, and it can tell that none starts there without reading the whole phrase.
    A function of the item's text: cached, since plans repeat these items (3,077 asked, 334 distinct
    in 300 synthetic plans)."""
    addr = phrase_at_start(rules().addressing).match(folded)
    pos = addr.end() if addr else _after_lead_in(folded)
    idx = index(kb)
    if (idx.known.match(folded, pos) or idx.head.match(folded, pos) or idx.head_title.match(folded, pos)
            or idx.generic_re.match(folded, pos) or addressing_word().search(folded, pos)):
        return False
    stop = pos + _phrase_cut(folded[pos:], kb)
    return not names_from(text[pos:stop], folded[pos:stop], kb, _OPENING_SLACK, ocr=ocr)


def _leading_run(found: list[Found], src: SourceText, start: int) -> list[Found]:
    """The agencies that open a stretch one after another, only separators between them: a list ends
    at the first words that name no agency ('Bộ Y tế, Bộ Công an xuất cấp …, phòng chống dịch …').
    `start` is where the stretch starts, when it names nothing."""
    run: list[Found] = []
    pos = found[0].start if found else start  # what opens the list is the agency reader's to judge
    for f in found:
        if not _list_gap(src, pos, f.start, f.restored):
            break
        run.append(f)
        pos = max(pos, f.end)
    return run


_DISTRIBUTIVE_HEAD_WORDS = 3  # 'các sở:' before 'Y tế, Nội vụ', which the agency reader spells out


def _list_gap(src: SourceText, start: int, end: int, spelt_out: bool = False) -> bool:
    """Can the text between two names stand inside one list: separators, 'và', a title before the
    next name ('…, Chủ tịch UBND cấp huyện'), or the head of a distributive list before a name the
    agency reader spelt out ('các sở: Y tế' → 'Sở Y tế')?"""
    gap = src.folded[start:end].strip(" ,;&+()\t\n")
    return (not gap or gap == "va" or gap in rules().head_titles
            or (spelt_out and len(gap.split()) <= _DISTRIBUTIVE_HEAD_WORDS))


def _starts_with_verb(folded_name: str) -> bool:
    """Does a phrase open with a verb that ends agency phrases (coordination.yaml phrase_ends: 'tổ chức',
    'ban hành')?"""
    return task_verbs().match(folded_name) is not None


def _after_plural(folded: str, at: int) -> bool:
    """Does 'các' stand right before `at` (the space before a word)? After it a verb's word is a noun:
    'các tổ chức thành viên'."""
    return folded.endswith("cac", 0, at) and (at == 3 or folded[at - 4] in " \n")


_LEAD_IN_LENGTH = 80  # 'Căn cứ nội dung Kế hoạch này,': the most a lead-in runs before its comma


def _after_lead_in(folded: str) -> int:
    """Where the addressee starts after a lead-in ('Căn cứ Kế hoạch này, các sở …'): after its first
    comma; 0 when the text opens with none."""
    if not lead_in_words().match(folded):
        return 0
    comma = folded.find(",", 0, _LEAD_IN_LENGTH)
    return comma + 1 + (len(folded[comma + 1:]) - len(folded[comma + 1:].lstrip())) if comma != -1 else 0


def open_value(value: str) -> bool:
    """A label's value that goes on to the next line: none yet, or a list that ends in ';' or ','."""
    return not value.strip() or value.rstrip().endswith((";", ","))


def fills_stretch(found: list[Found], folded: str, start: int, end: int) -> bool:
    """Do the agencies found cover the stretch, with only separators left over?"""
    if not found:
        return False
    pos = start
    for f in found:
        if folded[pos:f.start].strip(" ,;&+\t\n") and not re.fullmatch(r"[\s,;]*va\s*", folded[pos:f.start]):
            return False
        pos = max(pos, f.end)
    return not folded[pos:end].strip(" ,;\t\n")


class PartyReader(Reader):
    def inline_roles(self, start: int, end: int, draft: Draft) -> None:
        """'Phòng TT-BC-XB chủ trì, Văn phòng Sở phối hợp' inside a lead value."""
        folded = self.src.folded[start:end]
        lead_kw = verb_patterns().lead.search(folded)
        coop_kw = verb_patterns().cooperating.search(folded)
        if lead_kw and coop_kw and lead_kw.start() < coop_kw.start():
            draft.lead += self.agencies(start, start + lead_kw.start(), stop_at_verbs=False)
            after = folded[lead_kw.end():coop_kw.start()]
            if after.strip(" ,;.") and not verb_patterns().starts_cooperating.match(after):
                draft.cooperating += self.agencies(start + lead_kw.end(), start + coop_kw.start(),
                                                   stop_at_verbs=False)
            else:
                draft.cooperating += self.agencies(start + coop_kw.end(), end, stop_at_verbs=False)
        else:
            draft.lead += self.agencies(start, end, stop_at_verbs=False)

    def _own_lead(self, item: Item) -> list[Found]:
        """The agencies an item starts with, after 'Đề nghị', 'Giao' …: who it is addressed to. Asked of
        one item many times (is a run of items assigned agency by agency, is this one a heading): read once."""
        key = id(item)
        if key not in self._leads:
            self._leads[key] = tuple(self._read_own_lead(item))
        return list(self._leads[key])

    def _read_own_lead(self, item: Item) -> list[Found]:
        start, end = self.item_span(item)
        folded = self.src.folded[start:end]
        if _opens_with_a_task(self.src.text[start:end], folded, self.kb, self.ocr):
            return []
        addr = phrase_at_start(self.r.addressing).match(folded)
        pos = addr.end() if addr else _after_lead_in(folded)
        idx = index(self.kb)
        lead = _leading_run(self.agencies(start + pos, self._phrase_stop(start + pos, end)), self.src,
                            start + pos)
        if lead:  # 'Chính phủ trân trọng đề nghị Ủy ban …', 'UBND tỉnh giao Sở …': the addressee comes after
            m = addressed_after().match(self.src.folded, lead[-1].end, end)
            if m:
                pos = m.end() - start
                lead = _leading_run(self.agencies(m.end(), self._phrase_stop(m.end(), end)), self.src,
                                    m.end())
        named = [f for f in lead if not f.generic]
        starts_with_agency = bool(idx.known.match(folded, pos) or idx.head.match(folded, pos)
                                  or idx.head_title.match(folded, pos) or idx.generic_re.match(folded, pos)
                                  or (named and named[0].start - start - pos <= _OPENING_SLACK))  # an OCR'd name
        if named and named[0].entry is None and _starts_with_verb(fold(named[0].surface)):
            return []  # 'Tổ chức tập huấn …', 'Ban hành kèm theo …': a task, not an unknown body
        return lead if named and starts_with_agency else []

    def partner_list(self, item: Item, start: int, end: int) -> list[Found]:
        """The partners named from `start` (after 'phối hợp với') to the end of their list. A list that
        runs open to the item's end ('… Phòng TTBCXB;') goes on in the paragraph after it, when that
        starts with names: PDF text puts blank lines between the halves of a sentence."""
        text, folded = self.src.text, self.src.folded
        stop = self._phrase_stop(start, end)
        # the partners follow the verb one after another: not names further on in the sentence
        # ('phối hợp chặt chẽ Sở X để hỗ trợ doanh nghiệp làm việc với Viettel, VNPT …')
        found = _leading_run(self.agencies(start, stop), self.src, start)
        item_end = end
        nxt = self.following.get(id(item))
        while found and nxt is not None and nxt.kind == "para" and not text[stop:item_end].strip(" ,;\t\n") \
                and open_value(text[start:item_end]):
            start, item_end = self.item_span(nxt)
            if not index(self.kb).known.match(folded, start):
                break  # 'Tổ chức hội nghị …' is a sentence of its own, not the unknown body 'Tổ chức …'
            stop = self._phrase_stop(start, item_end)
            more = self.agencies(start, stop)
            if not fills_stretch(more, folded, start, stop):
                break
            found += more
            nxt = self.following.get(id(nxt))
        return found

    def _inside_name(self, at: int, start: int) -> bool:
        """Whether a known agency name that starts after `start` runs over the word at `at`."""
        folded, known = self.src.folded, index(self.kb).known
        for w in WORD_START.finditer(folded, max(start, at - 60), at):
            name = known.match(folded, w.start())
            if name and name.end() > at:
                return True
        return False

    def _phrase_stop(self, start: int, end: int) -> int:
        """End of an agency list: at a verb that ends it, a colon, a sentence end."""
        return start + _phrase_cut(self.src.folded[start:end], self.kb)
