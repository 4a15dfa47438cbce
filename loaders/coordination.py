"""Who does what with whom: activities with their lead and cooperating agencies, and recipients.

Four layouts are read, all over the plan's outline (loaders.outline):
- labelled lines under an item ('a) Cơ quan thực hiện: …', '- Đơn vị phối hợp: …');
- numbered responsibilities under 'Tổ chức thực hiện' ('3. Sở Tài chính …', 'Đề nghị Ban Tuyên giáo …');
- tables whose columns are lead and cooperating (tab-separated or markdown, continued across pages);
- prose anywhere ('Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp …').
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from cancu.loaders.agencies import (
    Found,
    coordination_data,
    distributive,
    extend_qualifiers,
    index,
    is_ocr,
    name_regex,
    repair_ocr,
    resolve,
    rules,
    split_agencies,
)
from cancu.loaders.metadata import RECIPIENTS_HEAD
from cancu.loaders.outline import Item, flatten, outline
from cancu.loaders.records import Activity, AgencyRef, Span
from cancu.loaders.text import SourceText, fold
from cancu.ontology.knowledge import Agency, Knowledge, Province


class _LineStart:
    """A pattern that must start a line: `.start(text, pos)` is where re.compile('^' + body, re.M)
    .search(text, pos) matches. Searched for as a newline followed by the body, which the regex engine
    finds by scanning for newlines instead of trying '^' at every character."""

    def __init__(self, body: str) -> None:
        self.body = re.compile(body)
        self.after_newline = re.compile("\n(?:" + body + ")")

    def start(self, text: str, pos: int = 0) -> int | None:
        if pos == 0 and self.body.match(text):
            return 0
        m = self.after_newline.search(text, max(pos - 1, 0))
        return m.start() + 1 if m else None


_RECIPIENTS = _LineStart(RECIPIENTS_HEAD + ":?")  # "Nơi nhận:", OCR "Noi nhdn:"
_LIST_GLUE = re.compile(r"[\s,;]+|\bva\b|\([^)]*\)")  # between the names of a list


class _Verb:
    """A pattern whose matches all start with one of a few words: searched for where str.find finds
    them. The regex engine tries a pattern that starts with \\b at every position; \\b at a found
    position still looks at the character before it."""

    def __init__(self, words: tuple[str, ...], pattern: str) -> None:
        self.words, self.pattern = words, re.compile(pattern)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """What `pattern.finditer(text, pos, endpos)` yields (its matches are never empty)."""
        end = len(text) if endpos is None else endpos
        found = {w: text.find(w, pos, end) for w in self.words}  # each word's next place
        while True:
            at = min((a for a in found.values() if a != -1), default=-1)
            if at == -1:
                return
            m = self.pattern.match(text, at, end)
            pos = at + 1 if m is None else m.end()
            if m is not None:
                yield m
            for w, a in found.items():
                if a != -1 and a < pos:
                    found[w] = text.find(w, pos, end)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)


_CARRIED_OUT = r"\s*(?:thuc\s+hien\s*)"  # 'chủ trì thực hiện': the lead, then the rest of its clause


@dataclass(frozen=True)
class _Verbs:
    """coordination.yaml's inline_lead ('chủ trì') and inline_cooperating ('phối hợp với', 'cùng với' …)
    as the patterns the layouts need. A wrapped line may fall between a verb's words ('phối\\nhợp'):
    white space between them, never a plain space."""

    lead: _Verb  # 'chủ trì'
    cooperating: _Verb  # 'phối hợp (với|cùng)', 'cùng với', as words
    partners: _Verb  # the same, the partners after it
    partners_after_lead: re.Pattern[str]  # after 'chủ trì': '(thực hiện), (và) phối hợp với Y'
    comma_after_lead: re.Pattern[str]  # after 'chủ trì': '(thực hiện),', then 'Y phối hợp'
    starts_cooperating: re.Pattern[str]  # at the start of a text: 'Phối hợp với X …'
    told: re.Pattern[str]  # 'chỉ đạo' in 'chỉ đạo Phòng Nội vụ phối hợp': who is told follows it
    between: re.Pattern[str]  # 'phối hợp giữa' A …
    between_and: re.Pattern[str]  # … 'với' B


@cache
def _verbs() -> _Verbs:
    r = rules()

    def alternation(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], str]:  # longest first, as rules() sorts
        return tuple(sorted({p.split()[0] for p in phrases})), "|".join(r"\s+".join(map(re.escape, p.split()))
                                                                          for p in phrases)

    lead_words, lead = alternation(r.inline_lead)
    coop_words, coop = alternation(r.inline_cooperating)
    _, told = alternation(r.instructing)
    _, between = alternation(r.between)
    _, between_and = alternation(r.between_and)
    return _Verbs(lead=_Verb(lead_words, rf"\b(?:{lead})\b"), cooperating=_Verb(coop_words, rf"\b(?:{coop})\b"),
                  partners=_Verb(coop_words, rf"\b(?:{coop})\s+"),
                  partners_after_lead=re.compile(rf"{_CARRIED_OUT}?,?\s*(?:va\s+)?(?:{coop})\s+"),
                  comma_after_lead=re.compile(rf"{_CARRIED_OUT}?,\s*"),
                  starts_cooperating=re.compile(rf"\W*(?:{coop})\s+"),
                  told=re.compile(rf"\b(?:{told})\s+"),
                  between=re.compile(rf"\b(?:{between})\s+"), between_and=re.compile(rf"\s(?:{between_and})\s+"))


# where a clause starts: after ':', ';', a full stop or 'do' ('do Sở Nội vụ chủ trì'); inside one item
# a line end without a full stop is a wrapped line ('Chỉ đạo Phòng\nNội vụ phối hợp'), elsewhere a start
_CLAUSE_MARKS = r"[:;]|\.\s|\bdo\s"
_CLAUSE_START_IN_ITEM = re.compile(_CLAUSE_MARKS)
_CLAUSE_START = re.compile(_CLAUSE_MARKS + r"|\n")
_WORD_START = re.compile(r"(?<!\w)\w")
_APPENDIX = _LineStart(r"\W*ph\S{1,2}\s+l\S{1,2}c\b")  # "Phụ lục"


@cache
def _attached() -> tuple[_LineStart, re.Pattern[str]]:
    """coordination.yaml's attached_documents: (a title line that starts one, the words that attach one)."""
    data = coordination_data().get("attached_documents") or {}

    def alternation(words: list[str]) -> str:
        return "|".join(name_regex(fold(w)) for w in sorted(words, key=len, reverse=True)) or "(?!)"

    return (_LineStart(r"\W*(?:" + alternation(data.get("titles") or []) + r")\b"),
            re.compile(r"\b(?:" + alternation(data.get("issued_with") or []) + r")\b"))


def _next_part(src: SourceText, pos: int) -> tuple[int, bool]:
    """Where the next appendix or attached document starts after `pos` (or the text's end), and
    whether it is an attached document: a title line in capitals ('KẾ HOẠCH', 'QUY CHẾ …')."""
    titles, _ = _attached()
    appendix = _APPENDIX.start(src.folded, pos)
    end = appendix if appendix is not None else len(src.text)
    at = titles.start(src.folded, pos)
    while at is not None and at < end:
        line_end = src.text.find("\n", at)
        if src.text[at:line_end if line_end != -1 else len(src.text)].isupper():
            return at, True
        at = titles.start(src.folded, at + 1)
    return end, False


def _skipped_zones(src: SourceText) -> list[tuple[int, int]]:
    """The stretches that hold no task: each recipients and signature block up to the next appendix or
    attached document, and a decision that attaches the document after its signature."""
    zones: list[tuple[int, int]] = []
    pos = 0
    while (start := _RECIPIENTS.start(src.folded, pos)) is not None:
        end, attached = _next_part(src, start)
        if attached and not zones and _attached()[1].search(src.folded, 0, start):
            start = 0  # 'Điều 1. Ban hành kèm theo …': the decision's articles are not the coordination
        zones.append((start, end))
        if end >= len(src.text):
            break
        pos = end + 1
    return zones


@cache
def _asking() -> re.Pattern[str]:
    """coordination.yaml's addressing_after_subject ('Đề nghị', 'Giao') opening a text."""
    words = sorted({fold(w) for w in coordination_data().get("addressing_after_subject") or []}, key=len,
                   reverse=True)
    return re.compile(r"\W*(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\s+")


@cache
def _addressed_after() -> re.Pattern[str]:
    """coordination.yaml's addressing_after_subject ('đề nghị', 'giao') right after a subject, an adverb
    or two between ('trân trọng đề nghị')."""
    words = sorted({fold(w) for w in coordination_data().get("addressing_after_subject") or []}, key=len,
                   reverse=True)
    alts = "|".join(name_regex(w) for w in words) or "(?!)"
    return re.compile(r"\s+(?:\w+\s+){0,2}?(?:" + alts + r")\s+")


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
    return _task_verbs().match(folded_name) is not None


@cache
def _task_verbs() -> re.Pattern[str]:
    words = sorted(rules().phrase_ends, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(name_regex(w) for w in words) + r")\b")


@cache
def _execution() -> re.Pattern[str]:
    """coordination.yaml's execution_clauses ('chịu trách nhiệm thi hành'), folded."""
    words = sorted({fold(w) for w in coordination_data().get("execution_clauses") or []}, key=len, reverse=True)
    return re.compile(r"\b(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\b")


def _after_plural(folded: str, at: int) -> bool:
    """Does 'các' stand right before `at` (the space before a word)? After it a verb's word is a noun:
    'các tổ chức thành viên'."""
    return folded.endswith("cac", 0, at) and (at == 3 or folded[at - 4] in " \n")


_UNKNOWN_NAME_WORDS = 20  # 'các cơ quan Trung ương được tổ chức theo hệ thống ngành dọc đóng trên địa bàn tỉnh': 18
_LEAD_IN_LENGTH = 80  # 'Căn cứ nội dung Kế hoạch này,': the most a lead-in runs before its comma


@cache
def _lead_ins() -> re.Pattern[str]:
    words = sorted({fold(w) for w in coordination_data().get("lead_ins") or []}, key=len, reverse=True)
    return re.compile(r"\W*(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\s")


def _after_lead_in(folded: str) -> int:
    """Where the addressee starts after a lead-in ('Căn cứ Kế hoạch này, các sở …'): after its first
    comma; 0 when the text opens with none."""
    if not _lead_ins().match(folded):
        return 0
    comma = folded.find(",", 0, _LEAD_IN_LENGTH)
    return comma + 1 + (len(folded[comma + 1:]) - len(folded[comma + 1:].lstrip())) if comma != -1 else 0


@cache
def _advising() -> re.Pattern[str]:
    """coordination.yaml's advising words ('tham mưu'), as words followed by white space."""
    words = sorted({fold(w) for w in coordination_data().get("advising") or []}, key=len, reverse=True)
    return re.compile(r"\b(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\s+")


def _label(folded: str, labels: tuple[str, ...], pos: int = 0) -> int | None:
    """If the text at `pos` starts with one of the labels and a colon, where its value starts."""
    m = _label_pattern(labels).match(folded, pos)
    return m.end() if m else None


@cache
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(lab).replace(r"\ ", r"\s+") for lab in labels)  # longest first, as rules() sorts them
    return re.compile(r"\W*(?:" + alts + r")\s*:\s*")


@cache
def _phrase_at_start(phrases: tuple[str, ...], spaced: bool = True) -> re.Pattern[str]:
    """One of the phrases at the start (after punctuation), followed by white space; `spaced` lets a
    line break stand for each space inside a phrase."""
    alts = "|".join(re.escape(a).replace(r"\ ", r"\s+") if spaced else re.escape(a) for a in phrases)
    return re.compile(r"\W*(?:" + alts + r")\s+")


@cache
def _label_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a label at a line start, a second label after a separator on the same line: '…; Đơn vị phối hợp: …')."""
    r = rules()
    every = sorted({*r.lead_labels, *r.cooperating_labels, *r.time_labels, *r.funding_labels}, key=len, reverse=True)
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in every)
    return re.compile(r"\W*(?:" + alts + r")\s*:"), re.compile(r"\s*[;,.]\s*(?=(?:" + alts + r")\s*:)")


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
        self.r = rules()
        # repaired OCR reads like clean text; what the scanner gave says whether it was OCR'd
        self.ocr = is_ocr(src.text) or is_ocr(getattr(src, "raw_ocr", None) or "")
        if self.ocr:  # OCR's spellings of the layout words put right, offsets unchanged
            src = dataclasses.replace(src, folded=repair_ocr(src.folded))
        self.src, self.kb, self.province, self.issuer = src, kb, province, issuer
        self.label_start, self.next_label = _label_regexes()
        self.closing_length = max(map(len, self.r.closing_phrases), default=0)
        self._responsibility: dict[int, list[_Draft]] = {}  # id(item) → its drafts, see responsibility
        self._spans: dict[int, tuple[int, int]] = {}  # id(item) → its span, see item_span
        self._leads: dict[int, tuple[Found, ...]] = {}  # id(item) → its addressees, see _own_lead
        self.following: dict[int, Item] = {}  # id(item) → the item after it, see read_outline
        self.roles = ((self.r.lead_labels, "lead"), (self.r.cooperating_labels, "cooperating"),
                      (self.r.time_labels, "time"), (self.r.funding_labels, "funding"))
        # the recipients and signature block is no activity; an appendix or attached document after it
        # is read again, and a decision that issues an attached document is none before it either
        self.zones = _skipped_zones(src)
        self.stop = self.zones[0][0] if self.zones else len(src.text)
        appendix = _APPENDIX.start(src.folded, self.stop)
        self.resume = appendix if appendix is not None else len(src.text)

    def read_outline(self) -> tuple[list[Item], list[Item]]:
        """The plan's outline: its roots, and every item in the order of the text."""
        roots = outline(self.src, self.label_start)
        items = flatten(roots)
        self.following = {id(a): b for a, b in itertools.pairwise(items)}
        return roots, items

    def skipped(self, offset: int) -> bool:
        """In a recipients and signature block, or in the decision that issues an attached document."""
        return any(start <= offset < end for start, end in self.zones)

    def closing(self, item: Item) -> bool:
        """'Trên đây là Kế hoạch …', 'Trong quá trình thực hiện …': the plan's last words."""
        if item.kind != "para":
            return False
        # folding is character for character: the start of the text is all the phrases are compared with
        f = fold(item.text[:self.closing_length])
        return any(f.startswith(c) for c in self.r.closing_phrases)

    # --- text helpers over the original/folded pair, by offsets into SourceText.text
    def agencies(self, start: int, end: int, *, stop_at_verbs: bool = True) -> list[Found]:
        text, folded = self.src.text[start:end], self.src.folded[start:end]
        found = split_agencies(text, folded, self.kb, ocr=self.ocr, stop_at_verbs=stop_at_verbs)
        # an unknown phrase as long as a clause is a task read past its verb, not a name
        found = [f for f in found if f.entry is not None or len(f.surface.split()) <= _UNKNOWN_NAME_WORDS]
        return [Found(f.start + start, f.end + start, f.surface, f.entry, f.generic,
                      None if f.name_end is None else f.name_end + start, f.restored, f.score) for f in found]

    def item_span(self, it: Item) -> tuple[int, int]:
        """Offsets of an item's own text (wrapped lines included) in SourceText.text. Kept per item:
        every layout asks, most items several times."""
        span = self._spans.get(id(it))
        if span is None:
            span = self._spans[id(it)] = self._find_span(it)
        return span

    def _find_span(self, it: Item) -> tuple[int, int]:
        # an item runs up to the next one, and only blank lines lie between its wrapped lines (even
        # with a blank line between the halves of a sentence); searching the file for its last words
        # found them earlier whenever a sentence repeated inside the item
        text = self.src.text
        end = it.end
        while end > it.start and text[end - 1].isspace():
            end -= 1
        return it.start, end

    # --- layout 1: labelled lines
    def labelled(self, item: Item) -> _Draft | None:
        draft = None
        open_role = None  # a lead or partners label whose value goes on to the next line
        for child in [item, *item.children]:
            start, end = self.item_span(child)
            if self.skipped(start):
                break
            # most items hold no label: one pattern for every label says so before each role is tried
            if self.label_start.match(self.src.folded, start, end) is None:
                if draft is not None and open_role is not None and child.kind == "para":
                    # 'Cơ quan phối hợp:' at a line's end, or a list ending in ';': the value wraps
                    # onto a line of its own (PDF text with blank lines between wrapped lines)
                    self._role_value(open_role, start, end, draft)
                    open_role = open_role if _open_value(self.src.text[start:end]) else None
                elif draft is not None:
                    self._invited(start, end, draft)
                continue
            open_role = None
            folded = self.src.folded[start:end]
            labelled, pos = False, 0
            # one line may hold several labels: 'Đơn vị chủ trì: X; Đơn vị phối hợp: Y; Thời gian: …'
            while pos < len(folded):
                hit = next(((at, role) for labels, role in self.roles
                            if (at := _label(folded, labels, pos)) is not None), None)
                if hit is None:
                    break
                at, role = hit
                labelled = True
                nxt = self.next_label.search(folded, at)
                value_end = start + (nxt.start() if nxt else len(folded))
                if draft is None:
                    draft = _Draft(item.path(), _clean(item.text), item.line, item.text)
                value_start = start + at
                if role in ("lead", "cooperating"):
                    self._role_value(role, value_start, value_end, draft)
                    open_role = role if nxt is None and _open_value(self.src.text[value_start:value_end]) else None
                elif role == "time":
                    draft.time = _clean(self.src.text[value_start:value_end]) or draft.time
                elif nxt is None:
                    draft.funding = _clean(self._with_children(child, value_start, value_end)) or draft.funding
                else:
                    draft.funding = _clean(self.src.text[value_start:value_end]) or draft.funding
                if nxt is None:
                    break
                pos = nxt.end()
            if not labelled and draft is not None:
                self._invited(start, end, draft)
        if draft is not None:
            # a title that starts "Phối hợp với X …" names X as a partner
            s, e = self.item_span(item)
            m = _verbs().starts_cooperating.match(self.src.folded, s, e)
            if m:
                draft.cooperating += self.partner_list(item, m.end(), e)
        return draft

    def _role_value(self, role: str, start: int, end: int, draft: _Draft) -> None:
        if role == "lead":
            self.inline_roles(start, end, draft)
        else:
            draft.cooperating += self.agencies(start, end, stop_at_verbs=False)

    def _invited(self, start: int, end: int, draft: _Draft) -> None:
        """'Mời Ủy ban MTTQ tỉnh … tham gia': an unlabelled line under a labelled item."""
        folded = self.src.folded[start:end]
        inv = _phrase_at_start(self.r.invited, spaced=False).match(folded)
        if inv:
            tail = folded.rfind(" tham gia")
            draft.invited += self.agencies(start + inv.end(), start + (tail if tail > 0 else len(folded)))

    def _with_children(self, item: Item, start: int, end: int) -> str:
        parts = [self.src.text[start:end]]
        parts += [c.text for c in item.children]
        return " ".join(parts)

    def inline_roles(self, start: int, end: int, draft: _Draft) -> None:
        """'Phòng TT-BC-XB chủ trì, Văn phòng Sở phối hợp' inside a lead value."""
        folded = self.src.folded[start:end]
        lead_kw = _verbs().lead.search(folded)
        coop_kw = _verbs().cooperating.search(folded)
        if lead_kw and coop_kw and lead_kw.start() < coop_kw.start():
            draft.lead += self.agencies(start, start + lead_kw.start(), stop_at_verbs=False)
            after = folded[lead_kw.end():coop_kw.start()]
            if after.strip(" ,;.") and not _verbs().starts_cooperating.match(after):
                draft.cooperating += self.agencies(start + lead_kw.end(), start + coop_kw.start(),
                                                   stop_at_verbs=False)
            else:
                draft.cooperating += self.agencies(start + coop_kw.end(), end, stop_at_verbs=False)
        else:
            draft.lead += self.agencies(start, end, stop_at_verbs=False)

    # --- layout 2: responsibilities ('Tổ chức thực hiện')
    def restates_heading(self, item: Item, draft: _Draft) -> bool:
        """Does a sentence inside an agency's responsibility name that agency again as its lead ('- …
        do Sở, ngành chủ trì, quản lý' under '2. Các Sở, ngành …')? Its task is the heading's."""
        leads = {_bare_name(f) for f in draft.lead}
        node = item.parent
        while node is not None:
            if any(leads & {_bare_name(f) for f in d.lead} for d in self._responsibility.get(id(node)) or ()):
                return True
            node = node.parent
        return False

    def responsibility(self, item: Item) -> list[_Draft]:
        """The drafts an item of a responsibilities section makes. Kept per item: `responsibilities`
        reads a group heading's items once to decide it is one, then again as its items."""
        drafts = self._responsibility.get(id(item))
        if drafts is None:
            drafts = self._responsibility[id(item)] = self._read_responsibility(item)
        return drafts

    def _read_responsibility(self, item: Item) -> list[_Draft]:
        start, end = self.item_span(item)
        if self.skipped(start):
            return []
        folded = self.src.folded[start:end]
        drafts: list[_Draft] = []
        idx = index(self.kb)
        lead = self._own_lead(item)
        draft = _Draft(item.path(), _clean(item.text), item.line, item.text)
        if lead:
            draft.lead = lead
        else:
            # 'Tăng cường phối hợp giữa UBND tỉnh với các tổ chức …': lead and partner in one clause
            m = _verbs().between.search(folded)
            if m:
                w = _verbs().between_and.search(folded, m.end())
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
        addr = _phrase_at_start(self.r.addressing).match(folded)
        pos = addr.end() if addr else _after_lead_in(folded)
        idx = index(self.kb)
        lead = _leading_run(self.agencies(start + pos, self._phrase_stop(start + pos, end)), self.src,
                            start + pos)
        if lead:  # 'Chính phủ trân trọng đề nghị Ủy ban …', 'UBND tỉnh giao Sở …': the addressee comes after
            m = _addressed_after().match(self.src.folded, lead[-1].end, end)
            if m:
                pos = m.end() - start
                lead = _leading_run(self.agencies(m.end(), self._phrase_stop(m.end(), end)), self.src,
                                    m.end())
        named = [f for f in lead if not f.generic]
        starts_with_agency = bool(idx.known.match(folded, pos) or idx.head.match(folded, pos)
                                  or idx.head_title.match(folded, pos) or idx.generic_re.match(folded, pos)
                                  or (named and named[0].start - start - pos <= 2))  # an OCR'd name
        if named and named[0].entry is None and _starts_with_verb(fold(named[0].surface)):
            return []  # 'Tổ chức tập huấn …', 'Ban hành kèm theo …': a task, not an unknown body
        return lead if named and starts_with_agency else []

    def responsibilities(self, children: list[Item], used: set[int], depth: int = 0) -> list[_Draft]:
        """The numbered, lettered or bulleted items of a responsibilities section; a group heading with
        items of its own ('1. Các cơ quan cấp tỉnh' over 'a) Sở Nội vụ …') is read through its items."""
        drafts: list[_Draft] = []
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

    def _under_named_paragraphs(self, children: list[Item], used: set[int]) -> list[_Draft]:
        """'Sở Y tế' or 'Ủy ban nhân dân các tỉnh, thành phố:' on a line of its own, no number, then
        the lettered or bulleted tasks it is given: the agency leads them, their partners are its."""
        drafts: list[_Draft] = []
        current: _Draft | None = None
        for child in children:
            if self.skipped(child.start) or self.closing(child):
                break
            if child.kind == "para" and self._heading_only(child) and id(child) not in used:
                lead = self._own_lead(child)
                if self._named_heading(child):
                    current = _Draft(child.path(), _clean(child.text), child.line, child.text, lead=lead)
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

    def asked(self, item: Item) -> list[_Draft]:
        """A paragraph or item anywhere that opens by addressing agencies ('Đề nghị X …', 'Giao X …',
        'Khuyến khích X …'): X leads it. Not a closing sentence ('Yêu cầu các sở … nghiêm túc thực hiện')."""
        if self.closing(item):
            return []
        start, end = self.item_span(item)
        if not _asking().match(self.src.folded, start, end):
            return []
        if not any(not f.generic for f in self._own_lead(item)):
            return []
        return self.responsibility(item)

    def article(self, item: Item, used: set[int]) -> list[_Draft]:
        """An article of a decision or regulation ('Điều 3. Văn phòng UBND tỉnh có trách nhiệm …'): its
        addressee leads it, its clauses add partners; an article of clauses addressed one by one is
        read through them. The execution article ('… chịu trách nhiệm thi hành Quyết định này') is none."""
        start, end = self.item_span(item)
        if _execution().search(self.src.folded, start, end):
            return []
        drafts = self.addressed(item, used)
        if not drafts and any(f.entry is not None for f in self._own_lead(item)):  # not 'Ban hành kèm theo …'
            drafts = self.responsibility(item)
        return drafts

    def addressed(self, node: Item, used: set[int], depth: int = 0) -> list[_Draft]:
        """Responsibilities in a section of another title ('Nội dung thực hiện', 'Các nhiệm vụ, giải
        pháp'): a run of numbered items most of which name their addressee first ('1. Sở Y tế', 'a) Bộ
        Tài chính tiếp tục …') assigns the work agency by agency, wherever it stands."""
        subs = [c for c in node.children if c.kind in ("number", "dotted", "letter") and id(c) not in used
                and not self.skipped(c.start)]
        # a known name, not any 'Các …' ('Các bước giám sát' is a heading, not a party)
        named = sum(1 for c in subs if any(f.entry is not None for f in self._own_lead(c)))
        if named >= 2 and 2 * named >= len(subs):
            return self.responsibilities(node.children, used)
        # an agency's heading among topics ('4. Các bộ, cơ quan trung ương, địa phương:' over 'a) …')
        headed = [c for c in subs if self._heading_only(c) and self._named_heading(c)]
        subs = [c for c in subs if c not in headed]
        drafts = [d for c in headed for d in self.responsibility(c)] + self._under_named_paragraphs(node.children, used)
        if depth >= 3:
            return drafts
        return drafts + [d for c in subs for d in self.addressed(c, used, depth + 1)]

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

    def partners(self, child: Item, cs: int, ce: int, draft: _Draft) -> list[_Draft]:
        """Adds 'phối hợp với X' partners to the draft; a sub-clause with its own subject
        ('chỉ đạo Phòng Nội vụ phối hợp với …') becomes an activity of its own."""
        folded = self.src.folded[cs:ce]
        extra: list[_Draft] = []
        for m in _verbs().partners.finditer(folded):
            partners = self.partner_list(child, cs + m.end(), ce)
            # who is told to cooperate: an agency right before 'phối hợp' that is not the item's lead
            # in the same clause: 'Giáo dục' or a sentence before it never names who is told
            window = max(0, m.start() - 120)
            clause = max([window, *(c.end() for c in _CLAUSE_START_IN_ITEM.finditer(folded, window, m.start()))])
            before = folded[clause:m.start()]
            subj = None
            for sm in _verbs().told.finditer(before):
                if self._inside_name(cs + clause + sm.start(), cs + clause):
                    continue  # 'Ban Tuyên giáo', 'Ban Chỉ đạo CCHC': the word is part of a name
                s0 = cs + clause + sm.end()
                found = self.agencies(s0, cs + m.start())
                if _fills(found, self.src.folded, s0, cs + m.start()):
                    # a unit told by no name ('các đơn vị đóng quân') works for the item's lead
                    subj = [f for f in found if not f.generic and f.entry is not None] or None
                break
            if subj and {_ident(f) for f in subj} & {_ident(f) for f in draft.lead}:
                subj = None  # 'Đề nghị Sở Tài chính phối hợp với …': the item's own lead
            if subj is None and self._advised(folded, cs, clause, m.start()):
                continue  # 'Tham mưu UBND tỉnh phối hợp các bộ, ngành': the province's partners
            if subj:
                extra.append(_Draft(f"{child.path()}", _clean(child.text), child.line, child.text,
                                    lead=subj, cooperating=partners))
            else:
                draft.cooperating += partners
        return extra

    def _advised(self, folded: str, cs: int, clause: int, verb: int) -> bool:
        """Is the subject of the 'phối hợp' at `verb` (offsets into the item's folded text `folded`,
        which starts at `cs`) a body the task advises: agencies right after 'tham mưu', 'đề xuất'?"""
        last = next(iter(reversed(list(_advising().finditer(folded, clause, verb)))), None)
        if last is None:
            return False
        found = self.agencies(cs + last.end(), cs + verb)
        return _fills(found, self.src.folded, cs + last.end(), cs + verb)

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
                and _open_value(text[start:item_end]):
            start, item_end = self.item_span(nxt)
            if not index(self.kb).known.match(folded, start):
                break  # 'Tổ chức hội nghị …' is a sentence of its own, not the unknown body 'Tổ chức …'
            stop = self._phrase_stop(start, item_end)
            more = self.agencies(start, stop)
            if not _fills(more, folded, start, stop):
                break
            found += more
            nxt = self.following.get(id(nxt))
        return found

    def _inside_name(self, at: int, start: int) -> bool:
        """Whether a known agency name that starts after `start` runs over the word at `at`."""
        folded, known = self.src.folded, index(self.kb).known
        for w in _WORD_START.finditer(folded, max(start, at - 60), at):
            name = known.match(folded, w.start())
            if name and name.end() > at:
                return True
        return False

    def _phrase_stop(self, start: int, end: int) -> int:
        """End of an agency list: at a verb that ends it, a colon, a sentence end."""
        folded = self.src.folded[start:end]
        idx = index(self.kb)
        cut = len(folded)
        # the verbs that end a list are looked for after the names it starts with: 'các tổ chức
        # chính trị - xã hội' is a name, not the verb 'tổ chức'
        p = skip = 0
        while p < len(folded):
            dist = distributive(folded, p, self.kb) if folded.startswith("cac", p) else None
            if dist:  # 'các Sở: Nội vụ, Tư pháp …': its colon and its names are part of the list
                p = skip = dist.end
                continue
            glue = _LIST_GLUE.match(folded, p)
            known = None if glue else idx.known.match(folded, p)
            step = glue or known or idx.generic_re.match(folded, p) or idx.head_title.match(folded, p)
            if not step or step.end() == p:
                break
            p = extend_qualifiers(folded, step.end(), idx) if step is known else step.end()
        m = idx.ends.search(folded, max(p - 1, 0))  # the verb pattern wants the space before it
        while m and _after_plural(folded, m.start()):
            m = idx.ends.search(folded, m.end())  # 'các tổ chức thành viên': after 'các', a noun
        if m:
            cut = m.start()
        for sep in (":", ". ", ".\n"):
            k = folded.find(sep, max(skip, p))  # not one inside a name walked over: "TT. VHTT&TT"
            if k != -1:
                cut = min(cut, k)
        # a verb phrase with no agency head after a comma: 'Sở Tài chính tham mưu …'
        return start + cut

    # --- layout 4: prose
    def prose(self, item: Item) -> _Draft | None:
        """'Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tổ chức …', 'Văn phòng UBND tỉnh chủ trì, Trung tâm
        Truyền thông tỉnh phối hợp …', also after a heading or a lead-in ('Tuyên truyền chuyển đổi số: Sở …')."""
        s, e = self.item_span(item)
        folded = self.src.folded
        for m, draft in self._led_by_subject(item, s, e, _verbs().lead):
            after = m.end()
            with_ = _verbs().partners_after_lead.match(folded, after, e)
            if with_:
                draft.cooperating = self.partner_list(item, with_.end(), e)
                return draft
            comma = _verbs().comma_after_lead.match(folded, after, e)
            if comma:
                clause_end = self._clause_end(comma.end(), e)
                k = _verbs().cooperating.search(folded, comma.end(), clause_end)
                if k:
                    partners = self.agencies(comma.end(), k.start())
                    if _fills(partners, folded, comma.end(), k.start()):
                        draft.cooperating = partners
            return draft
        return self._bare_partners(item, s, e)

    def _bare_partners(self, item: Item, s: int, e: int) -> _Draft | None:
        """'Sở Văn hóa, Thể thao và Du lịch phối hợp với Thanh tra tỉnh, … tuyên truyền …': in a bare
        'A phối hợp với B' the subject A is the lead, B the partners (as the gold defines it)."""
        for m, draft in self._led_by_subject(item, s, e, _verbs().partners):
            draft.cooperating = self.partner_list(item, m.end(), e)
            return draft if any(not f.generic for f in draft.cooperating) else None
        return None

    def _led_by_subject(self, item: Item, s: int, e: int, verb: _Verb) -> Iterator[tuple[re.Match[str], _Draft]]:
        """Each place the verb has agencies for its subject, with a draft they lead."""
        for m in verb.finditer(self.src.folded, s, e):
            lead = self._subject(s, m.start())
            if lead:
                yield m, _Draft(item.path(), _clean(item.text), item.line, item.text, lead=lead)

    def _clause_end(self, start: int, end: int) -> int:
        folded = self.src.folded
        cuts = [k for k in (folded.find(sep, start, end) for sep in (";", ". ", ".\n", ":")) if k != -1]
        return min(cuts, default=end)

    def _subject(self, start: int, verb: int) -> list[Found]:
        """The agencies that stand right before a verb ('chủ trì') as its subject: the list from the
        nearest clause start (line start, ':', ';', '. ', 'do') up to the verb, nothing else between."""
        folded, text = self.src.folded, self.src.text
        idx = index(self.kb)
        bounds = [start] + [m.end() for m in _CLAUSE_START.finditer(folded, start, verb)]
        for b in sorted(set(bounds), reverse=True):
            while b < verb and folded[b] in " \t\n-+*•":
                b += 1
            if b >= verb:
                continue
            if not (idx.known.match(folded, b) or (idx.head.match(folded, b) and text[b].isupper())
                    or self.ocr):
                continue
            found = self.agencies(b, verb)
            # 'cơ quan chủ trì Chương trình' names a role: a generic noun right before the verb is no subject
            if any(not f.generic for f in found) and not found[-1].generic and _fills(found, folded, b, verb):
                return found
        return []

    # --- layout 3: tables
    def tables(self, rows: list[Item]) -> list[_Draft]:
        drafts: list[_Draft] = []
        cols: dict[str, int] | None = None
        last: _Draft | None = None
        after_header = False
        width = 0  # the header's number of cells
        for row in rows:
            if self.skipped(row.start):
                continue
            cells = row.cells or []
            if all(re.fullmatch(r"[\s:\-–=+]*", c) for c in cells):  # '|---|:---:|' under a markdown header
                continue
            # "Co quan phdi hop"; a web table's header cell may wrap ('Thời gian thực\nhiện')
            folded_cells = [" ".join((repair_ocr(fold(c)) if self.ocr else fold(c)).split()) for c in cells]
            header = self._header(folded_cells)
            if header is not None:
                # a header on two rows ('Cơ quan thực hiện' over 'Chủ trì | Phối hợp') is one header
                cols = {**cols, **header} if after_header and cols else header
                after_header = True
                width = len(cells)
                continue
            after_header = False
            if cols is None or "lead" not in cols:
                continue
            row_cols = _aligned(cols, width, cells)
            ident = self._cell(cells, row_cols, "id").strip()
            lead_cell = self._cell(cells, row_cols, "lead")
            coop_cell = self._cell(cells, row_cols, "cooperating")
            if not ident and last is not None and "id" in row_cols and (
                    not lead_cell.strip() or _continued(self._cell(cells, row_cols, "content"))):
                # a row continued from the page before (its number cell empty): what its cells still
                # name belongs to the row it continues
                last.lead += self._cell_agencies(row, lead_cell)
                last.cooperating += self._cell_agencies(row, coop_cell)
                continue
            prefix = "PL" if self._in_appendix(row) else (row.parent.path() if row.parent else "T")
            draft = _Draft(f"{prefix}.{ident or len(drafts) + 1}", _clean(self._cell(cells, row_cols, "content")),
                           row.line, row.text)
            if not coop_cell.strip() and self._both_roles(lead_cell):
                # one 'Cơ quan thực hiện' cell: 'Sở Nội vụ chủ trì; Sở Tư pháp phối hợp'
                start = self.src.text.find(lead_cell, row.start)
                if start != -1:
                    self.inline_roles(start, start + len(lead_cell), draft)
            else:
                draft.lead = self._cell_agencies(row, lead_cell)
                draft.cooperating = self._cell_agencies(row, coop_cell)
            if "time" in row_cols:
                draft.time = _clean(self._cell(cells, row_cols, "time")) or None
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

    def _both_roles(self, cell: str) -> bool:
        f = fold(cell)
        return bool(_verbs().lead.search(f) and _verbs().cooperating.search(f))

    def _header(self, cells: list[str]) -> dict[str, int] | None:
        found = _table_header(tuple(cells))
        return dict(found) if found is not None else None

    def _in_appendix(self, row: Item) -> bool:
        return row.start >= self.resume


_HEADER_WORDS = 10  # the most words a column header has ('Cơ quan, đơn vị chủ trì thực hiện')


@lru_cache(maxsize=4096)
def _table_header(cells: tuple[str, ...]) -> tuple[tuple[str, int], ...] | None:
    """The columns a table row names, if it is a header row: ((role, column), …). Cached: every row of
    every table is asked, and tables repeat their header on each page and plan after plan."""
    r = rules()
    cols: dict[str, int] = {}
    # a column label is short: a task cell that starts with the words of one ('Chủ trì tham mưu triển
    # khai …') is data, and a header names at least two columns
    is_label = [len(c.split()) <= _HEADER_WORDS and _is_column_label(c.strip(" *:")) for c in cells]
    if sum(is_label) < 2:
        return None  # a row of data

    def known_other(i: int) -> bool:
        return any(flag for j, flag in enumerate(is_label) if j != i)

    for i, c in enumerate(cells):
        c = c.strip(" *:")
        for name, labels in (("lead", r.lead_labels), ("cooperating", r.cooperating_labels),
                             ("time", r.time_labels), ("content", r.content_labels),
                             ("id", r.id_labels)):
            if name not in cols and any(c == lab or c.startswith(lab + " ") for lab in labels):
                cols[name] = i
                break
        else:
            # a header the labels do not list ('Cơ quan, đơn vị chủ trì tham mưu'): a short cell
            # that says who leads or who cooperates, in a row whose other cells are headers too
            if len(c.split()) <= 8 and known_other(i):
                for name, words in (("cooperating", r.inline_cooperating), ("lead", r.inline_lead)):
                    if name not in cols and any(re.search(rf"\b{re.escape(w)}\b", c) for w in words):
                        cols[name] = i
                        break
    return tuple(cols.items()) if "lead" in cols else None


@cache
def _column_labels() -> tuple[frozenset[str], int]:
    """Every column label (id, content, time, lead, cooperating) and the longest one's length."""
    r = rules()
    labels = frozenset((*r.id_labels, *r.content_labels, *r.time_labels, *r.lead_labels, *r.cooperating_labels))
    return labels, max(map(len, labels), default=0)


def _is_column_label(cell: str) -> bool:
    """Is the cell a column label, or one followed by more words ('Thời gian thực hiện dự kiến')?
    Looked up in a set, the cell whole and cut at each space, instead of compared with every label."""
    labels, longest = _column_labels()
    if cell in labels:
        return True
    space = cell.find(" ")
    while 0 <= space <= longest:
        if cell[:space] in labels:
            return True
        space = cell.find(" ", space + 1)
    return False


_ROW_NUMBER = re.compile(r"[\dIVXivx]{1,4}(?:\.\d{1,3})*\.?|[A-Za-zđ]\)?")  # '1', '1.1', 'IV', 'a'


def _aligned(cols: dict[str, int], width: int, cells: list[str]) -> dict[str, int]:
    """A header without a number column ('Nội dung | Đơn vị thực hiện | …' in a table's second part)
    over rows that start with their number: the rows have one cell more, the number first."""
    if "id" in cols or len(cells) != width + 1 or not _ROW_NUMBER.fullmatch(cells[0].strip()):
        return cols
    return {"id": 0, **{name: i + 1 for name, i in cols.items()}}


def _continued(content: str) -> bool:
    """A content cell that goes on from the row before: empty, or starting in lower case or with '…'."""
    c = content.strip(" -–•*")
    return not c or c[0].islower() or c.startswith(("...", "…"))


def _open_value(value: str) -> bool:
    """A label's value that goes on to the next line: none yet, or a list that ends in ';' or ','."""
    return not value.strip() or value.rstrip().endswith((";", ","))


def _fills(found: list[Found], folded: str, start: int, end: int) -> bool:
    """Do the agencies found cover the stretch, with only separators left over?"""
    if not found:
        return False
    pos = start
    for f in found:
        if folded[pos:f.start].strip(" ,;&+\t\n") and not re.fullmatch(r"[\s,;]*va\s*", folded[pos:f.start]):
            return False
        pos = max(pos, f.end)
    return not folded[pos:end].strip(" ,;\t\n")


def _ident(f: Found) -> str:
    return f.entry.id if f.entry is not None else fold(f.surface)


def _bare_name(f: Found) -> str:
    """A name to compare with another mention of it: folded, without its plural 'các'."""
    words = fold(f.surface).split()
    return " ".join(words[1:] if words[:1] == ["cac"] else words)


def _section_matches(title: str, names: tuple[str, ...], ocr: bool) -> bool:
    """Is this heading one of the named sections? OCR'd headings ('TO CHUC THU'C HIEN') by similarity."""
    t = re.sub(r"[^a-z ]", "", title).strip()
    if any(t.startswith(w) for w in names):
        return True
    if ocr:
        from rapidfuzz import fuzz

        return any(fuzz.ratio(w, t[:len(w) + 2]) >= 85 for w in names)
    return False


@lru_cache(maxsize=1 << 12)
def _clean(text: str, keep: int = 300) -> str:
    """The text on one line, white space squeezed, without the punctuation around it, cut to `keep`.
    Cached: an item's text is cleaned for its title and again for its span."""
    if len(text) > 2 * keep:
        # a long text's start squeezes to the start of the whole squeezed; once what is left of it
        # after the strip is long enough, the rest of the text cannot change the first `keep` characters
        start = _clean(text[:2 * keep], 2 * keep)
        if len(start) >= keep:
            return start[:keep]
    # runs of white space made one space; split() also drops them at both ends, as strip() would
    return " ".join(text.split()).strip(" .;,-")[:keep]


def read_activities(src: SourceText, kb: Knowledge, province: Province | None,
                    issuer: Agency | None) -> list[Activity]:
    reader = _Reader(src, kb, province, issuer)
    roots, items = reader.read_outline()
    drafts: list[_Draft] = []
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
        if _section_matches(fold(root.text), resp_words, reader.ocr):
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
    start = _RECIPIENTS.start(src.folded)
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
