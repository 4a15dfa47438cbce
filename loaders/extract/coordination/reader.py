"""The state every layout reads over: the plan's outline, the stretches that hold no task, the
agencies a stretch of text names."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from functools import lru_cache

from cancu.loaders.extract.agencies import (
    Found,
    is_ocr,
    repair_ocr,
    rules,
    split_agencies,
)
from cancu.loaders.extract.coordination.patterns import (
    APPENDIX,
    RECIPIENTS,
    attached_document_patterns,
    label_regexes,
)
from cancu.loaders.extract.outline import Item, flatten, outline
from cancu.loaders.read.text import SourceText, fold
from cancu.ontology.knowledge import Agency, Knowledge, Province


def _next_part(src: SourceText, pos: int) -> tuple[int, bool]:
    """Where the next appendix or attached document starts after `pos` (or the text's end), and
    whether it is an attached document: a title line in capitals ('KẾ HOẠCH', 'QUY CHẾ …')."""
    titles, _ = attached_document_patterns()
    appendix = APPENDIX.start(src.folded, pos)
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
    while (start := RECIPIENTS.start(src.folded, pos)) is not None:
        end, attached = _next_part(src, start)
        if attached and not zones and attached_document_patterns()[1].search(src.folded, 0, start):
            start = 0  # 'Điều 1. Ban hành kèm theo …': the decision's articles are not the coordination
        zones.append((start, end))
        if end >= len(src.text):
            break
        pos = end + 1
    return zones


_UNKNOWN_NAME_WORDS = 20  # 'các cơ quan Trung ương được tổ chức theo hệ thống ngành dọc đóng trên địa bàn tỉnh': 18


@dataclass
class Draft:
    id: str
    title: str
    line: int
    text: str
    lead: list[Found] = field(default_factory=list)
    cooperating: list[Found] = field(default_factory=list)
    invited: list[Found] = field(default_factory=list)
    time: str | None = None
    funding: str | None = None


@lru_cache(maxsize=1 << 12)
def one_line(text: str, keep: int = 300) -> str:
    """The text on one line, white space squeezed, without the punctuation around it, cut to `keep`.
    Cached: an item's text is cleaned for its title and again for its span."""
    if len(text) > 2 * keep:
        # a long text's start squeezes to the start of the whole squeezed; once what is left of it
        # after the strip is long enough, the rest of the text cannot change the first `keep` characters
        start = one_line(text[:2 * keep], 2 * keep)
        if len(start) >= keep:
            return start[:keep]
    # runs of white space made one space; split() also drops them at both ends, as strip() would
    return " ".join(text.split()).strip(" .;,-")[:keep]


class Reader:
    def __init__(self, src: SourceText, kb: Knowledge, province: Province | None, issuer: Agency | None):
        self.r = rules()
        # repaired OCR reads like clean text; what the scanner gave says whether it was OCR'd
        self.ocr = is_ocr(src.text) or is_ocr(getattr(src, "raw_ocr", None) or "")
        if self.ocr:  # OCR's spellings of the layout words put right, offsets unchanged
            src = dataclasses.replace(src, folded=repair_ocr(src.folded))
        self.src, self.kb, self.province, self.issuer = src, kb, province, issuer
        self.label_start, self.next_label = label_regexes()
        self.closing_length = max(map(len, self.r.closing_phrases), default=0)
        self._responsibility: dict[int, list[Draft]] = {}  # id(item) → its drafts, see responsibility
        self._spans: dict[int, tuple[int, int]] = {}  # id(item) → its span, see item_span
        self._leads: dict[int, tuple[Found, ...]] = {}  # id(item) → its addressees, see _own_lead
        self._closing: dict[int, bool] = {}  # id(item) → is it a closing sentence, see closing
        self._labels: dict[int, bool] = {}  # id(item) → does it open with a label, see _has_label
        self.following: dict[int, Item] = {}  # id(item) → the item after it, see read_outline
        self.roles = ((self.r.lead_labels, "lead"), (self.r.cooperating_labels, "cooperating"),
                      (self.r.time_labels, "time"), (self.r.funding_labels, "funding"))
        # the recipients and signature block is no activity; an appendix or attached document after it
        # is read again, and a decision that issues an attached document is none before it either
        self.zones = _skipped_zones(src)
        self.stop = self.zones[0][0] if self.zones else len(src.text)
        appendix = APPENDIX.start(src.folded, self.stop)
        self.resume = appendix if appendix is not None else len(src.text)

    def read_outline(self) -> tuple[list[Item], list[Item]]:
        """The plan's outline: its roots, and every item in the order of the text."""
        roots = outline(self.src, self.label_start)
        items = flatten(roots)
        self.following = {id(a): b for a, b in itertools.pairwise(items)}
        return roots, items

    def skipped(self, offset: int) -> bool:
        """In a recipients and signature block, or in the decision that issues an attached document."""
        # a loop, not any() over a generator: asked of every item several times (260 a plan), zones are few
        for start, end in self.zones:  # noqa: SIM110
            if start <= offset < end:
                return True
        return False

    def closing(self, item: Item) -> bool:
        """'Trên đây là Kế hoạch …', 'Trong quá trình thực hiện …': the plan's last words."""
        if item.kind != "para":
            return False
        known = self._closing.get(id(item))  # asked of a paragraph by every layout, 85 times a plan
        if known is None:
            # folding is character for character: the start of the text is all the phrases are compared with
            f = fold(item.text[:self.closing_length])
            known = self._closing[id(item)] = any(f.startswith(c) for c in self.r.closing_phrases)
        return known

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
