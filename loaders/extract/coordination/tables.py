"""Layout 3, tables whose columns are lead and cooperating (tab-separated or markdown, continued
across pages)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from cancu.loaders.extract.agencies import (
    Found,
    repair_ocr,
    rules,
    split_agencies,
)
from cancu.loaders.extract.coordination.parties import PartyReader
from cancu.loaders.extract.coordination.patterns import verb_patterns
from cancu.loaders.extract.coordination.reader import Draft, one_line
from cancu.loaders.extract.outline import Item
from cancu.loaders.read.text import fold

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


class Tables(PartyReader):
    def tables(self, rows: list[Item]) -> list[Draft]:
        drafts: list[Draft] = []
        cols: dict[str, int] | None = None
        last: Draft | None = None
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
            draft = Draft(f"{prefix}.{ident or len(drafts) + 1}", one_line(self._cell(cells, row_cols, "content")),
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
                draft.time = one_line(self._cell(cells, row_cols, "time")) or None
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
        return bool(verb_patterns().lead.search(f) and verb_patterns().cooperating.search(f))

    def _header(self, cells: list[str]) -> dict[str, int] | None:
        found = _table_header(tuple(cells))
        return dict(found) if found is not None else None

    def _in_appendix(self, row: Item) -> bool:
        return row.start >= self.resume
