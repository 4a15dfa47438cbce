"""Which citations are legal bases: those in the opening Căn cứ / Thực hiện / Theo đề nghị paragraphs
(between the plan's title and its first section) and under a 'Căn cứ pháp lý' heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from cancu.loaders.text import SourceText
from cancu.ontology.knowledge import Knowledge, fold

# "I.", "II.", "I1." (OCR), "PHẦN I", "Điều 1", in the folded text, at a line start
_ROMAN_HEADING = re.compile(r"^\W{0,3}(?:phan\s+)?(?:[ivx]{1,4}|i1|l1|i11)\s*[.)/]\s+\S")
_ARTICLE = re.compile(r"^\W{0,3}dieu\s+1\b")
_NUMBERED = re.compile(r"^\W{0,3}\d{1,2}\s*[.)]\s+\S")
_LETTERED = re.compile(r"^\W{0,3}[a-z]\s*[.)]\s+\S")  # 'A. MỤC ĐÍCH' (folded)
_NUMBER_INSIDE = re.compile(r"\d+\s?/\s?[a-z]")


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    clauses: tuple[tuple[int, str], ...]  # (offset, clause name) of each opener inside

    def clause_at(self, offset: int) -> str | None:
        found = None
        for pos, name in self.clauses:
            if pos <= offset:
                found = name
        return found


@cache
def _opener_pattern(kb: Knowledge) -> re.Pattern[str]:
    alts = []
    for clause, words in kb.openers.items():
        forms = sorted({fold(w) for w in words}, key=len, reverse=True)
        alts.append(f"(?P<{clause}>" + "|".join(re.escape(f) for f in forms) + ")")
    return re.compile(r"(?:^|(?<=[;\n]))[ \t\-*+•]*(?:" + "|".join(alts) + r")\b", re.M)


def _is_heading(line_folded: str, line: str) -> bool:
    if _ROMAN_HEADING.match(line_folded) or _ARTICLE.match(line_folded):
        return True
    letters = list(filter(str.isalpha, line))  # filter and map: no Python-level loop per character
    capitals = sum(map(str.isupper, letters))
    upper = len(letters) >= 3 and capitals >= 0.6 * len(letters)
    if (_NUMBERED.match(line_folded) or _LETTERED.match(line_folded)) and not _NUMBER_INSIDE.search(line_folded):
        return upper
    # a section title in capitals without a number ('MỤC ĐÍCH, YÊU CẦU')
    return (upper and len(letters) >= 6 and len(line.split()) >= 2 and not _NUMBER_INSIDE.search(line_folded)
            and capitals >= 0.8 * len(letters))


def _sentence_openers(openers: re.Pattern[str], src: SourceText, start: int, end: int) -> Iterator[re.Match[str]]:
    """Openers that start a sentence, written with a capital ('Thực hiện Quyết định …'): at the start
    of a wrapped line, 'tuyên truyền việc / thực hiện Nghị định …' opens nothing."""
    for m in openers.finditer(src.folded, start, end):
        word = m.start(m.lastgroup) if m.lastgroup else m.start()
        if src.text[word:word + 1].isupper():
            yield m


def basis_regions(src: SourceText, kb: Knowledge, body_start: int) -> list[Region]:
    """The stretches of text whose citations are legal bases."""
    folded = src.folded
    lines = src.shared_lines
    flines = src.folded_lines
    openers = _opener_pattern(kb)
    regions: list[Region] = []
    # 1. the opening paragraphs: from the first opener after the title to the first section heading
    first = next(_sentence_openers(openers, src, body_start, len(folded)), None)
    offsets = src.line_starts
    if first is not None:
        end = len(folded)
        start_line = src.line_of(first.start())
        prev = flines[start_line - 1].strip()
        for i in range(start_line, len(lines)):
            fl = flines[i].strip()
            if _is_heading(flines[i], lines[i]):
                end = offsets[i]
                break
            # 'UBND tỉnh ban hành Kế hoạch … như sau:' closes the opening paragraphs: what follows is
            # the body, headed or not ('1. Mục đích: …'); a line ending in a colon that opens a list
            # of bases ('Căn cứ các văn bản sau:') does not
            if fl and prev.endswith(":") and not openers.match(prev) and not re.match(r"[-+•*]|s\S{0,2}\s*\d", fl):
                end = offsets[i]
                break
            if fl:
                prev = fl
        clauses = tuple((m.start(), next(k for k, v in m.groupdict().items() if v))
                        for m in _sentence_openers(openers, src, first.start(), end))
        regions.append(Region(first.start(), end, clauses))
    # 2. sections headed 'Căn cứ pháp lý' (and the like) anywhere in the plan
    heads = [fold(h) for h in kb.basis_headings]
    if not any(h in folded for h in heads):  # most plans have none: no line need be looked at
        return regions
    for i, fl in enumerate(flines):
        if any(h in fl for h in heads) and _is_heading(fl, lines[i]):
            end = len(folded)
            for j in range(i + 1, len(lines)):
                if _ROMAN_HEADING.match(flines[j]):
                    end = offsets[j]
                    break
            regions.append(Region(offsets[i], end, ((offsets[i], "can_cu"),)))
    return regions


def region_of(regions: list[Region], offset: int) -> Region | None:
    for r in regions:
        if r.start <= offset < r.end:
            return r
    return None
