"""Which citations are legal bases: those in the opening Căn cứ / Thực hiện / Theo đề nghị paragraphs
(between the plan's title and its first section) and under a 'Căn cứ pháp lý' heading.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from cancu.loaders.read.text import SourceText
from cancu.ontology.knowledge import Knowledge, fold
from rapidfuzz.distance import Levenshtein

# "I.", "II.", "I1." (OCR), "PHẦN I", "Điều 1", in the folded text, at a line start
_ROMAN_HEADING = re.compile(r"^\W{0,3}(?:phan\s+)?(?:[ivx]{1,4}|i1|l1|i11)\s*[.)/]\s+\S")
_ARTICLE = re.compile(r"^\W{0,3}dieu\s+1\b")
_NUMBERED = re.compile(r"^\W{0,3}\d{1,2}\s*[.)]\s+\S")
_LETTERED = re.compile(r"^\W{0,3}[a-z]\s*[.)]\s+\S")  # 'A. MỤC ĐÍCH' (folded)
_NUMBER_INSIDE = re.compile(r"\d+\s?/\s?[a-z]")
_LIST_ITEM = re.compile(r"[-+•*]|s\S?\s*\d")  # a bullet, or 'số 06/QĐ-TTg' continuing a list
_NUMBERING = re.compile(r"^\W{0,3}(?:[ivx]{1,4}|\d{1,2}|[a-z])\s*[.)]\s*")


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    clauses: tuple[tuple[int, str], ...]  # (offset, clause name) of each opener inside

    def clause_at(self, offset: int) -> str | None:
        # the clauses come in the text's order: the last one at or before the offset, found by bisection
        # (a walk over them all, for each citation, is quadratic on a long line)
        i = bisect.bisect_right(self.clauses, offset, key=lambda c: c[0])
        return self.clauses[i - 1][1] if i else None


@dataclass(frozen=True)
class _Opener:
    """An opener found at a sentence start: its clause, where its words start and end."""

    clause: str
    word: int
    end: int


# a sentence start ('^' or after ';'), bullets and markup skipped, then up to four words of letters:
# the words an opener is compared with
_CANDIDATE = re.compile(r"(?:^|(?<=[;\n]))[ \t\-*+•]*(?P<words>[a-z]+(?:[ \t]+[a-z]+){0,3})", re.M)
_WORD = re.compile(r"[a-z]+")


@cache
def _opener_forms(kb: Knowledge) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(clause, folded words) of every opener the data lists, the longest first ('triển khai thực hiện'
    before 'triển khai')."""
    forms = {(clause, tuple(fold(w).split())) for clause, words in kb.openers.items() for w in words}
    return tuple(sorted(forms, key=lambda f: (-len(f[1]), f)))


@cache
def _opener_forms_by_letter(kb: Knowledge) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """_opener_forms by the first letter of their first word, in the same order: a word is near a form's
    word only if it starts with the same letter (_near), so a sentence start is compared with these alone."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for clause, form in _opener_forms(kb):
        out.setdefault(form[0][:1], []).append((clause, form))
    return {letter: tuple(forms) for letter, forms in out.items()}


@cache
def _document_word(kb: Knowledge) -> re.Pattern[str]:
    """A document named right after an opener ('Căn cứ Luật …', 'Thực hiện các Quyết định …'), or the
    proposer ('Theo đề nghị của …')."""
    names = sorted(kb.type_by_name, key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"[\s:]*(?:(?:(?:cac|vao|nhung)\s+)?(?:{alt})|cua)\b")


def _near(word: str, form: str) -> bool:
    """An OCR'd or mistyped word of an opener: same first letter, one edit away ('cür' for 'cir')."""
    return word == form or (len(form) >= 2 and word[:1] == form[:1] and Levenshtein.distance(word, form) <= 1)


def _opener_at(m: re.Match[str], folded: str, kb: Knowledge) -> _Opener | None:
    """The opener a sentence start holds: one of the data's forms as written, or within one edit of it
    in each word. A near form must be followed by a document ('Cän cür Nghị định …'): 'Các cơ quan'
    is near 'Căn cứ' in shape, not in what follows."""
    spans = [w.span() for w in _WORD.finditer(m.group("words"))]
    words = [m.group("words")[a:b] for a, b in spans]
    base = m.start("words")
    for clause, form in _opener_forms_by_letter(kb).get(words[0][:1], ()):
        n = len(form)
        if len(words) < n or not all(_near(w, f) for w, f in zip(words[:n], form, strict=True)):
            continue
        end = base + spans[n - 1][1]
        exact = tuple(words[:n]) == form
        if exact or _document_word(kb).match(folded, end):
            return _Opener(clause, base, end)
    return None


def _mostly_capitals(line: str) -> bool:
    """A title line in capitals ('THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG …'): its first word opens nothing."""
    letters = list(filter(str.isalpha, line))
    return len(letters) >= 12 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _sentence_openers(src: SourceText, kb: Knowledge, start: int, end: int) -> Iterator[_Opener]:
    """Openers that start a sentence, written with a capital ('Thực hiện Quyết định …'): at the start
    of a wrapped line, 'tuyên truyền việc / thực hiện Nghị định …' opens nothing."""
    folded = src.folded
    capitals: dict[int, bool] = {}  # by line: a long line is counted once, not once per opener on it
    for m in _CANDIDATE.finditer(folded, start, end):
        if not src.text[m.start("words"):m.start("words") + 1].isupper():
            continue
        opener = _opener_at(m, folded, kb)
        if opener is None:
            continue
        i = bisect.bisect_right(src.line_starts, m.start()) - 1
        if i not in capitals:
            capitals[i] = _mostly_capitals(src.shared_lines[i])
        if not capitals[i]:
            yield opener


def _opens(line_folded: str, kb: Knowledge) -> bool:
    """Does this (folded) line start with an opener?"""
    m = _CANDIDATE.match(line_folded)
    return m is not None and _opener_at(m, line_folded, kb) is not None


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


def _first_section(src: SourceText, body_start: int) -> int:
    """Where the plan's first section ('I. MỤC ĐÍCH', 'Điều 1.') starts: the opening part ends there."""
    flines = src.folded_lines
    offsets = src.line_starts
    for i in range(src.line_of(body_start) if body_start else 0, len(flines)):
        if offsets[i] >= body_start and (_ROMAN_HEADING.match(flines[i]) or _ARTICLE.match(flines[i])):
            return offsets[i]
    return len(src.folded)


def _ends_opening(prev: str, fl: str, kb: Knowledge) -> bool:
    """Does line `fl` (folded, stripped), after `prev`, start the body?

    'UBND tỉnh ban hành Kế hoạch … như sau:' closes the opening paragraphs: what follows is the body,
    headed or not ('1. Mục đích: …'); a line ending in a colon that opens a list of bases ('Căn cứ các
    văn bản sau:') does not. A sentence ended by a full stop, followed by one that opens no basis
    ('Sau 8 năm triển khai …'), starts the body as well."""
    if not fl or not (prev.endswith(":") or prev.endswith(".")):
        return False
    if _LIST_ITEM.match(fl) or _opens(fl, kb):
        return False
    return not (prev.endswith(":") and _opens(prev, kb))


def basis_regions(src: SourceText, kb: Knowledge, body_start: int) -> list[Region]:
    """The stretches of text whose citations are legal bases."""
    folded = src.folded
    lines = src.shared_lines
    flines = src.folded_lines
    regions: list[Region] = []
    # 1. the opening paragraphs: from the first opener after the title to the first section heading
    section = _first_section(src, body_start)
    first = next(_sentence_openers(src, kb, body_start, section), None)
    start = first.word if first is not None else _unopened_bases(src, kb, body_start, section)
    offsets = src.line_starts
    if start is not None:
        end = len(folded)
        start_line = src.line_of(start)
        prev = flines[start_line - 1].strip()
        for i in range(start_line, len(lines)):
            fl = flines[i].strip()
            if _is_heading(flines[i], lines[i]) or _ends_opening(prev, fl, kb):
                end = offsets[i]
                break
            if fl:
                prev = fl
        clauses = tuple((o.word, o.clause) for o in _sentence_openers(src, kb, start, end))
        regions.append(Region(start, end, clauses))
    # 2. sections headed 'Căn cứ pháp lý' (and the like) anywhere in the plan
    heads = [fold(h) for h in kb.basis_headings]
    if not any(h in folded for h in heads):  # most plans have none: no line need be looked at
        return regions
    for i, fl in enumerate(flines):
        if any(h in fl for h in heads) and _basis_heading(fl, lines[i], heads):
            end = len(folded)
            for j in range(i + 1, len(lines)):
                if _ROMAN_HEADING.match(flines[j]) or _next_sibling(fl, flines[j]):
                    end = offsets[j]
                    break
            regions.append(Region(offsets[i], end, ((offsets[i], "can_cu"),)))
    return regions


_CITED_NUMBER = re.compile(r"\d+\s?(?:/\s?\d{4})?\s?[/-]\s?[a-z]")
_ENACTING = re.compile(r"\bban hanh\b|\bnhu sau\s*:")


def _unopened_bases(src: SourceText, kb: Knowledge, body_start: int, section: int) -> int | None:
    """Bases written without an opener word: the opening paragraph starts by citing a document
    ('Nghị quyết số 19-NQ/TW …; Quyết định số …; UBND tỉnh ban hành Kế hoạch … như sau:'). Its start,
    when the opening part before the first section does so and ends by enacting the plan."""
    folded = src.folded
    flines, offsets = src.folded_lines, src.line_starts
    for i in range(src.line_of(body_start) - 1 if body_start else 0, len(flines)):
        if offsets[i] >= section:
            return None
        line = flines[i].strip(" \t-*+•")
        if not line or offsets[i] < body_start:
            continue
        at = offsets[i] + flines[i].index(line[0])
        if (src.text[at:at + 1].isupper() and _document_word(kb).match(folded, at)
                and _CITED_NUMBER.search(flines[i]) and _ENACTING.search(folded, at, section)):
            return at
        return None
    return None


def _basis_heading(line_folded: str, line: str, heads: list[str]) -> bool:
    """A heading over a list of bases: 'I. CĂN CỨ PHÁP LÝ', 'CĂN CỨ XÂY DỰNG KẾ HOẠCH', and, in
    sentence case, a line that says no more than that ('1. Căn cứ pháp lý:'); 'Căn cứ pháp lý của thủ
    tục hành chính: …' in a list of procedures heads nothing."""
    if _is_heading(line_folded, line):
        return True
    rest = _NUMBERING.sub("", line_folded).strip(" :.*")
    return rest in heads


def _next_sibling(heading: str, line_folded: str) -> bool:
    """Under '1. Căn cứ pháp lý', the next item of the same level ('2. Mục tiêu') ends the list; an item
    of the list itself ('2. Quyết định số 06/QĐ-TTg …') cites a document."""
    m = re.match(r"\W{0,3}(\d{1,2})\s*[.)]", heading)
    return (m is not None and re.match(rf"\W{{0,3}}{int(m.group(1)) + 1}\s*[.)]\s+\S", line_folded) is not None
            and not _NUMBER_INSIDE.search(line_folded))


@cache
def _nesting_words(kb: Knowledge) -> re.Pattern[str]:
    """doc_types.yaml `nesting_words`: what a basis says of a document inside its own line ('… về
    việc triển khai thực hiện Nghị quyết số …', '… sửa đổi, bổ sung Quyết định số …')."""
    alt = "|".join(r"\s+".join(map(re.escape, fold(w).split())) for w in kb.nesting_words)
    return re.compile(rf"\b(?:{alt})\b" if alt else r"(?!)")


_CLAUSE_BREAK = re.compile(r";|\.\s*\n|\n\s*\n")
_TAIL = re.compile(r",|\bva\b")  # '… về kiểm soát thủ tục hành chính và Nghị định số …': a title ended
_LIST_NUMBER = re.compile(r"^[\s,(]*(?:va\s+)?s\S{0,2}\s*$")  # ', số' / 'và số' / '(Số': the next of a list


def nested_parents(folded: str, region: Region, spans: list[tuple[int, int]], kb: Knowledge) -> list[int | None]:
    """For the documents of one basis region, in order (their (start, end) in the text): the index of
    the basis each is nested in, or None for a basis of its own.

    A document is nested when the words right before it (after the last ',' or 'và' since the document
    before it in the same clause) say what that one does to it ('Kế hoạch số A … về thực hiện Nghị
    quyết số B'), or when it follows a nested one ('… thực hiện Nghị quyết số B và Kế hoạch số C');
    after a title ended by 'và' it is a basis ('Nghị định số A … về kiểm soát thủ tục hành chính và
    Nghị định số B'). A clause break
    (';', an opener, a paragraph) or the next number of a list ('…, số D', '… và số E') starts a
    basis again."""
    words = _nesting_words(kb)
    openers = [pos for pos, _ in region.clauses]
    parents: list[int | None] = []
    main: int | None = None
    for i, (start, _) in enumerate(spans):
        if i == 0 or main is None:
            parents.append(None)
            main = i
            continue
        gap_start = spans[i - 1][1]
        gap = folded[gap_start:start]
        if _CLAUSE_BREAK.search(gap) or _any_between(openers, gap_start, start) or _LIST_NUMBER.match(gap):
            parents.append(None)
            main = i
        elif words.search(_TAIL.split(gap)[-1]) or parents[i - 1] is not None:
            parents.append(main)
        else:
            parents.append(None)
            main = i
    return parents


def _any_between(positions: list[int], lo: int, hi: int) -> bool:
    """Is one of the (sorted) positions within lo..hi? By bisection: a long line holds thousands."""
    i = bisect.bisect_left(positions, lo)
    return i < len(positions) and positions[i] <= hi


def region_of(regions: list[Region], offset: int) -> Region | None:
    for r in regions:
        if r.start <= offset < r.end:
            return r
    return None
