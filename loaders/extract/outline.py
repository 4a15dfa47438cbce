"""A plan's outline: numbered headings and items (I., 1., 2.1., a), bullets), each with its text.

Soft-wrapped lines (PDF text, even with blank lines between the halves of a sentence) are joined
into their item; table rows (tab-separated, markdown pipes, or a web page's table written one cell per
run of lines between lines that hold a lone '|') are kept apart for the table reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cancu.loaders.read.text import SourceText, fold

_ROMAN = re.compile(r"^(?P<id>[IVX]{1,4}|I1|I11|l1)\s*[.)]\s+(?=\S)")
_DOTTED = re.compile(r"^(?P<id>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")
_NUMBER = re.compile(r"^(?P<id>\d{1,2})\s*[.)]\s*(?=\S)")
_LETTER = re.compile(r"^(?P<id>[a-zđ])\s*\)\s*(?=\S)")
_BULLET = re.compile(r"^[-+•*–]\s*")
_ROMAN_OCR = {"I1": "II", "I11": "III", "l1": "II"}


@dataclass(slots=True, eq=False)
class Item:
    """A numbered item or a paragraph, with its children in the outline. Items are told apart by
    identity (two paragraphs may read the same); slots: a plan has a hundred of them."""

    kind: str  # article | roman | dotted | number | letter | bullet | para | row
    id: str | None
    level: int
    text: str  # the item's own text, marker removed, wrapped lines joined
    start: int  # offset in SourceText.text
    line: int
    end: int = 0  # where the next item's line starts
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    cells: list[str] | None = None  # table rows only

    def path(self) -> str:
        """'II.3.a', '2.4', 'IV.10': the ids from the top down."""
        ids: list[str] = []
        node: Item | None = self
        while node is not None:
            # '1.2' under '1' already holds its parent's number: 'II.1.2', not 'II.1.1.2'
            if node.id and not (ids and ids[-1].startswith(node.id + ".")):
                ids.append(node.id)
            node = node.parent
        return ".".join(reversed(ids))

    def descendants(self) -> list[Item]:
        out = []
        for c in self.children:
            out.append(c)
            out.extend(c.descendants())
        return out


_LEVELS = {"article": 1, "roman": 1, "number": 2, "dotted": 3, "letter": 4, "bullet": 5, "para": 5, "row": 5}


_BULLETS = "-+•*–"  # what _BULLET starts with
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyzđ")  # what _LETTER starts with


def _markers(first: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The numbering markers a line that starts with this character can have, in the order they are
    tried: each marker pattern starts with a character of its own, so the others cannot match."""
    if first.isdecimal():  # what \d matches
        return (("dotted", _DOTTED), ("number", _NUMBER))
    if first in ("I", "V", "X"):
        return (("roman", _ROMAN),)
    if first == "l":  # 'l1', an OCR'd 'II', or a letter
        return (("roman", _ROMAN), ("letter", _LETTER))
    if first in _LOWER:
        return (("letter", _LETTER),)
    return ()


@cache
def _article() -> tuple[frozenset[str], re.Pattern[str]]:
    """coordination.yaml's article_heads ('Điều') as (the folded first letters, a pattern over the folded
    line: the word, the article's number and its full stop)."""
    from cancu.loaders.extract.agencies import coordination_data  # the data files are read by the agency reader

    words = [fold(w) for w in coordination_data().get("article_heads") or []]
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return frozenset(w[:1] for w in words), re.compile(rf"(?:{alts})\s+(?P<n>\d{{1,3}})\s*[.:]\s*")


@cache
def _opens_article(first: str) -> bool:
    """Can a line that starts with this character be an article ('Điều 10. …')? By character, cached:
    every line of a plan is asked."""
    return fold(first) in _article()[0]


def _classify(line: str) -> tuple[str, str | None, int]:
    """(kind, id, length of the marker) of a line's start."""
    first = line[:1]
    if _opens_article(first):  # 'Điều 10. …' (folding keeps the length: the marker's too)
        m = _article()[1].match(fold(line[:24]))
        if m:
            return "article", f"{line[:m.start('n')].strip()} {m.group('n')}", m.end()
    if first and first in _BULLETS:
        bullet = _BULLET.match(line)
        assert bullet is not None
        m = _LETTER.match(line[bullet.end():])
        if m:  # "- a) Cơ quan thực hiện:"
            return "letter", m.group("id"), bullet.end() + m.end()
        return "bullet", None, bullet.end()
    for kind, pat in _markers(first):
        m = pat.match(line)
        if m:
            ident = _ROMAN_OCR.get(m.group("id"), m.group("id"))
            if kind == "number" and int(ident) > 40:
                break
            return kind, ident, m.end()
    return "para", None, 0


_SENTENCE_ENDS = (".", ";", ":", "!", "?")


def _web_rows(lines: list[str], line_starts: list[int], i: int) -> tuple[list[Item], int]:
    """The rows of a web page's table that starts at line i (a lone '|'), and the line after it.

    A lone '|' ends one cell and starts the next; two on consecutive lines end a row and start the
    next one; one followed by a blank line (or the end) ends the table. A cell is the run of lines
    between, kept as the text has it (line ends included), so the table reader finds its offsets."""
    rows: list[Item] = []
    cells: list[str] = []
    first = -1  # the current row's first line of content
    n = len(lines)

    def content(k: int) -> bool:
        return k < n and lines[k].strip() not in ("", "|")

    while i < n and lines[i].strip() == "|":
        k = i + 1
        while content(k):
            k += 1
        if k > i + 1:
            cells.append("\n".join(lines[i + 1:k]).strip())
            first = i + 1 if first < 0 else first
        elif cells:  # '|' on the next line too, or the table's end: the row is complete
            rows.append(_web_row(cells, line_starts[first] + len(lines[first]) - len(lines[first].lstrip()), first))
            cells, first = [], -1
        i = k
    if cells:
        rows.append(_web_row(cells, line_starts[first] + len(lines[first]) - len(lines[first].lstrip()), first))
    return rows, i


def _web_row(cells: list[str], start: int, first: int) -> Item:
    return Item("row", None, 5, " | ".join(" ".join(c.split()) for c in cells), start, first + 1, cells=cells)


def _continues(prev: str, line: str) -> bool:
    """Is `line` the wrapped rest of `prev`? (No marker on it, and prev did not end its sentence.)"""
    if not prev or (prev.endswith(_SENTENCE_ENDS) and not line[:1].islower()):
        return False
    return line[:1].islower() or line[:1].isdigit() or not prev.endswith((".", ";", ":"))


_MARKER_ONLY = re.compile(r"(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]")
_NUMBERED = ("article", "roman", "dotted", "number", "letter")


def _marker_alone(lines: list[str], i: int, line: str, kind: str) -> Item | None:
    """The item whose marker stands alone on line i ('7.', 'IV.') and whose text is the next line
    that holds any; its offsets are those of that text. Web pages put bold markup around both.
    `kind` is _classify(line)'s, which the caller has."""
    if not (_MARKER_ONLY.fullmatch(line) or kind in _NUMBERED):
        return None
    j = i + 1
    while j < len(lines) and j <= i + 2 and not lines[j].strip():
        j += 1
    if j >= len(lines) or not lines[j].strip() or lines[j].strip() == "|":
        return None
    nxt = lines[j].strip()
    kind, ident, _ = _classify(f"{line} {nxt}")
    if kind not in _NUMBERED or _classify(nxt)[0] != "para":
        return None
    # the offset is filled in by the caller's line map: see outline()
    return Item(kind, ident, _LEVELS[kind], nxt, -1, j + 1)


_NAMES_A_LIST = re.compile(r"[^.;:]*,[^.;]*$")  # 'Ủy ban nhân dân các tỉnh, thành' (its colon on the next line)


def _opens_a_paragraph(current: Item, line: str, src: SourceText, i: int) -> bool:
    """A capitalised line after a blank line under a numbered heading that is not the heading's wrapped
    rest: the heading's bold run closed before it ('**1. Công tác tham mưu**', then 'Đề nghị …'), or
    it names a list ('Ủy ban nhân dân các tỉnh, thành' / 'phố:'). PDF text puts blank lines inside
    wrapped headings too, but their rest neither follows a closed bold run nor holds a comma."""
    if current.kind not in _NUMBERED or not line[:1].isupper() or i == 0 or src.shared_lines[i - 1].strip():
        return False
    j = i - 1
    while j > 0 and not src.shared_lines[j].strip():
        j -= 1
    raw = src.raw_lines[j].rstrip() if j < len(src.raw_lines) else ""
    return raw.endswith("**") or _NAMES_A_LIST.match(line) is not None


def outline(src: SourceText, breaks: re.Pattern[str] | None = None) -> list[Item]:
    """The items of the plan in order, linked into a tree (roots are returned).

    `breaks` matches (in the folded text) the start of a line that is never the wrapped rest of the
    line before it, such as a label ('Đơn vị chủ trì: …') under a heading written without a full stop.
    """
    lines = src.shared_lines
    flines = src.folded_lines
    items: list[Item] = []
    current: Item | None = None
    line_starts = src.line_starts
    skip_to = 0  # past a web page's table read as rows
    for i, raw in enumerate(lines):
        if i < skip_to:
            continue
        line = raw.strip()
        if not line:
            continue
        if line == "|":
            rows, skip_to = _web_rows(lines, line_starts, i)
            items += rows
            current = rows[-1] if rows else current
            continue
        offset = line_starts[i] + (len(raw) - len(raw.lstrip()))
        if ("\t" in raw and "\t" in raw.strip("\t ") and raw.count("\t") >= 2) or line.startswith("|"):
            cells = [c.strip() for c in (line.strip("|").split("|") if line.startswith("|") else raw.split("\t"))]
            current = Item("row", None, 5, line, offset, i + 1, cells=cells)
            items.append(current)
            continue
        kind, ident, mlen = _classify(line)
        # a marker alone ends in '.' or ')' ('7.', 'a)'): most paragraphs are not looked at further
        alone = line[-1] in ".)" if kind == "para" else not line[mlen:].strip()
        marked = _marker_alone(lines, i, line, kind) if alone else None
        if marked is not None:  # '**7.' / 'Sở Nội vụ**': the marker on a line of its own, its text on the next
            raw_next = lines[marked.line - 1]
            marked.start = line_starts[marked.line - 1] + len(raw_next) - len(raw_next.lstrip())
            current, skip_to = marked, marked.line
            items.append(current)
            continue
        if kind == "bullet" and line[mlen:mlen + 1].islower() and current is not None and current.kind != "row" \
                and not current.text.endswith(_SENTENCE_ENDS):
            kind, mlen = "para", 0  # 'các tổ chức chính trị' / '- xã hội tỉnh': a dash wrapped to a line start
        if kind == "para" and current is not None and current.kind != "row" and _continues(current.text, line) \
                and not (breaks is not None and breaks.match(flines[i].strip())) \
                and not _opens_a_paragraph(current, line, src, i):
            current.text = f"{current.text} {line}"
            continue
        current = Item(kind, ident, _LEVELS[kind], line[mlen:].strip(), offset + mlen, i + 1)
        items.append(current)
    roots = _linked(items)
    for a, b in zip(items, [*items[1:], None], strict=False):
        a.end = line_starts[b.line - 1] if b is not None else len(src.text)  # before b's marker
    return roots


def _linked(items: list[Item]) -> list[Item]:
    """The items linked into a tree, in place; the roots."""
    # link: a numbered item's parent is the nearest earlier item of a higher rank
    stack: list[Item] = []
    roots: list[Item] = []
    for it in items:
        while stack and stack[-1].level >= it.level:
            stack.pop()
        if it.kind in ("bullet", "para", "row"):
            # content attaches to the innermost numbered item, never to another bullet
            while stack and stack[-1].kind in ("bullet", "para", "row"):
                stack.pop()
        if stack:
            it.parent = stack[-1]
            stack[-1].children.append(it)
        else:
            roots.append(it)
        stack.append(it)
    return roots


def flatten(roots: list[Item]) -> list[Item]:
    out = []
    for r in roots:
        out.append(r)
        out.extend(r.descendants())
    return out
