"""A build as an Excel workbook (`cancu export OUT --xlsx FILE`), for analysts who work in spreadsheets.

Read from the build's property-graph files (OUT/nodes.jsonl, edges.jsonl), never by extracting again:
the workbook shows exactly what the graph, the pages and the queries show. One sheet each for plans,
legal bases, mentions, activities (one row per lead–cooperating pair) and agencies; Vietnamese headers
with English below them, filters on, panes frozen under the headers.

Every cell is written as a value: text that starts like a formula (=, +, -, @) is stored as text with
Excel's quote prefix, so a hostile plan cannot put a formula into an analyst's spreadsheet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cancu.errors import CancuError
from cancu.graph import model as m

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel and LibreOffice read as the start of a formula
MAX_CELL = 32_767  # Excel's limit on the characters in one cell
EXCEL_ROWS = 1_048_576  # Excel's limit on the rows of one sheet
MAX_WIDTH = 60  # characters: wider columns are cut on screen, the text is all there
HEADER_ROWS = 2  # Vietnamese, then English


@dataclass(frozen=True)
class Column:
    vi: str
    en: str


@dataclass
class Sheet:
    title: str  # at most 31 characters, Excel's limit
    columns: list[Column]
    rows: list[list[Any]]


def _cols(*pairs: tuple[str, str]) -> list[Column]:
    return [Column(vi, en) for vi, en in pairs]


def sheets(model: m.Model) -> list[Sheet]:
    """The five sheets, rows in a stable order: the same build gives the same workbook."""
    plans = sorted(model.nodes_of(m.PLAN), key=lambda n: (str(n.props.get("source") or ""), n.key))
    by_plan: dict[str, dict[str, list[m.Edge]]] = defaultdict(lambda: defaultdict(list))
    for e in model.edges_of(m.LEGAL_BASIS, m.PROPOSAL, m.MENTIONS, m.HAS_ACTIVITY):
        by_plan[e.source][e.type].append(e)
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for e in model.edges_of(m.LEAD, m.COOPERATING, m.INVITED):
        roles[e.source][e.type].append(e.target)
    return [_plans(plans, by_plan), _citations(model, plans, by_plan, basis=True),
            _citations(model, plans, by_plan, basis=False), _activities(model, plans, by_plan, roles),
            _agencies(model, roles)]


def _plans(plans: list[m.Node], by_plan: dict[str, dict[str, list[m.Edge]]]) -> Sheet:
    columns = _cols(("Tệp", "File"), ("Số hiệu", "Number"), ("Loại", "Type"), ("Ngày", "Date"), ("Năm", "Year"),
                    ("Giai đoạn", "Period"), ("Tỉnh", "Province"), ("Cơ quan ban hành", "Issuer"),
                    ("Trích yếu", "Title"), ("Số căn cứ", "Legal bases"), ("Số trích dẫn", "Mentions"),
                    ("Số hoạt động", "Activities"), ("Khóa", "Key"))
    rows = []
    for p in plans:
        d, edges = p.props, by_plan.get(p.key, {})
        rows.append([d.get("source"), d.get("number"), d.get("type"), d.get("date"), d.get("year"), d.get("period"),
                     d.get("province"), d.get("issuer"), d.get("title"),
                     len(edges.get(m.LEGAL_BASIS, [])) + len(edges.get(m.PROPOSAL, [])),
                     len(edges.get(m.MENTIONS, [])), len(edges.get(m.HAS_ACTIVITY, [])), p.key])
    return Sheet("Kế hoạch (plans)", columns, rows)


def _citations(model: m.Model, plans: list[m.Node], by_plan: dict[str, dict[str, list[m.Edge]]],
               basis: bool) -> Sheet:
    columns = _cols(("Tệp kế hoạch", "Plan file"), ("Kế hoạch", "Plan number"), ("Số hiệu văn bản", "Document number"),
                    ("Loại", "Type"), ("Ngày", "Date"), ("Cơ quan ban hành", "Issuer"), ("Trích yếu", "Title"),
                    ("Cấp", "Level"), ("Tỉnh", "Province"), *([("Điều khoản", "Clause")] if basis else []),
                    ("Dòng", "Line"), ("Nguyên văn", "Source text"), ("Khóa văn bản", "Document key"))
    types = (m.LEGAL_BASIS, m.PROPOSAL) if basis else (m.MENTIONS,)
    rows = []
    for p in plans:
        edges = [e for t in types for e in by_plan.get(p.key, {}).get(t, [])]
        for e in sorted(edges, key=lambda e: (e.get("line") or 0, e.target)):
            doc = model.nodes.shared.get(e.target)
            d = doc.props if doc else {}
            rows.append([p.props.get("source"), p.props.get("number"), d.get("number"), d.get("type"), d.get("date"),
                         d.get("issuer"), d.get("title"), d.get("level"), d.get("province"),
                         *([e.get("clause")] if basis else []), e.get("line"), e.get("text"), e.target])
    return Sheet("Căn cứ (legal bases)" if basis else "Trích dẫn (mentions)", columns, rows)


def _activities(model: m.Model, plans: list[m.Node], by_plan: dict[str, dict[str, list[m.Edge]]],
                roles: dict[str, dict[str, list[str]]]) -> Sheet:
    columns = _cols(("Tệp kế hoạch", "Plan file"), ("Kế hoạch", "Plan number"), ("Mã hoạt động", "Activity id"),
                    ("Nội dung", "Activity"), ("Chủ trì", "Lead"), ("Phối hợp", "Cooperating"),
                    ("Mời tham gia", "Invited"), ("Thời gian", "Time"), ("Kinh phí", "Funding"), ("Dòng", "Line"),
                    ("Nguyên văn", "Source text"), ("Khóa chủ trì", "Lead key"), ("Khóa phối hợp", "Cooperating key"),
                    ("Khóa hoạt động", "Activity key"))
    rows = []
    for p in plans:
        for e in by_plan.get(p.key, {}).get(m.HAS_ACTIVITY, []):
            act = model.nodes.get(e.target)
            if act is None:
                continue
            d, r = act.props, roles.get(act.key, {})
            where = act.provenance[0] if act.provenance else {}
            invited = "; ".join(_name(model, k) or k for k in r.get(m.INVITED, []))
            # one row per lead–cooperating pair; an activity without one of them still has its row
            leads: list[str | None] = [*r.get(m.LEAD, [])] or [None]
            coops: list[str | None] = [*r.get(m.COOPERATING, [])] or [None]
            for lead in leads:
                for coop in coops:
                    rows.append([p.props.get("source"), p.props.get("number"), d.get("id"), d.get("title"),
                                 _name(model, lead), _name(model, coop), invited, d.get("time"), d.get("funding"),
                                 where.get("line"), where.get("text"), lead, coop, act.key])
    return Sheet("Hoạt động (activities)", columns, rows)


def _name(model: m.Model, key: str | None) -> str | None:
    if key is None:
        return None
    node = model.nodes.shared.get(key)
    return (node.props.get("name") if node else None) or key


def _agencies(model: m.Model, roles: dict[str, dict[str, list[str]]]) -> Sheet:
    columns = _cols(("Tên", "Name"), ("Tỉnh", "Province"), ("Cấp", "Level"), ("Loại", "Kind"), ("Mã", "Id"),
                    ("Số hoạt động chủ trì", "Activities led"), ("Số hoạt động phối hợp", "Activities cooperating"),
                    ("Khóa", "Key"))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in roles.values():
        for role, targets in r.items():
            for t in set(targets):
                counts[t][role] += 1
    rows = [[a.props.get("name"), a.props.get("province"), a.props.get("level"), a.props.get("kind"),
             a.props.get("agency_id"), counts[a.key][m.LEAD], counts[a.key][m.COOPERATING], a.key]
            for a in sorted(model.nodes_of(m.AGENCY), key=lambda n: (str(n.props.get("province") or ""), n.key))]
    return Sheet("Cơ quan (agencies)", columns, rows)


# ---------------------------------------------------------------- writing


def write(model: m.Model, path: str | Path, max_rows: int = EXCEL_ROWS - HEADER_ROWS) -> Path:
    """The workbook at `path`, written whole or not at all (a temporary file renamed into place). Written
    row by row (openpyxl's write-only mode), so memory stays flat on a national corpus; a sheet longer
    than Excel's limit goes on in a second one ('… 2')."""
    from openpyxl import Workbook

    path = Path(path)
    if not path.parent.is_dir():  # found before writing: openpyxl's half-written sheets print tracebacks
        raise CancuError(f"{path}: no folder {path.parent} to write it in")
    if path.is_dir():  # the command line refuses it already; callers of the library get the same
        raise CancuError(f"{path}: is a folder; give the workbook's file name")
    wb = Workbook(write_only=True)
    for sheet in sheets(model):
        for part in range(max(1, -(-len(sheet.rows) // max_rows))):
            title = sheet.title if part == 0 else f"{sheet.title} {part + 1}"
            _write_sheet(wb.create_sheet(title), sheet, sheet.rows[part * max_rows:(part + 1) * max_rows])
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        wb.save(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _write_sheet(ws: Any, sheet: Sheet, rows: list[list[Any]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    # a write-only sheet takes its widths, panes and filter before its rows
    for col, width in enumerate(_widths(sheet), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = f"A{HEADER_ROWS + 1}"
    # the filter sits on the English row, right above the data: a filter needs its header row next to the rows
    ws.auto_filter.ref = f"A{HEADER_ROWS}:{get_column_letter(len(sheet.columns))}{HEADER_ROWS + len(rows)}"
    fill = PatternFill("solid", fgColor="EAF2F8")
    for texts, font in (([c.vi for c in sheet.columns], Font(bold=True)),
                        ([c.en for c in sheet.columns], Font(italic=True, color="566573"))):
        cells = []
        for text in texts:
            cell = WriteOnlyCell(ws, value=text)
            cell.font, cell.fill = font, fill
            cells.append(cell)
        ws.append(cells)
    for values in rows:
        ws.append([_cell(ws, v, WriteOnlyCell) for v in values])


def _cell(ws: Any, value: Any, make: Any) -> Any:
    """A value as a cell, text always as text: never a formula, never a character XML refuses."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = _clean(str(value))
    if not text.startswith(FORMULA_STARTS):
        return text  # openpyxl writes a plain string as a string
    cell = make(ws, value=text)
    cell.data_type = "s"  # openpyxl takes text starting with '=' for a formula; this is data
    cell.quotePrefix = True  # Excel and LibreOffice keep it text when someone edits the cell too
    return cell


def _clean(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def _widths(sheet: Sheet) -> Iterable[float]:
    """Each column as wide as its longest value (a sample of rows: a corpus has hundreds of thousands)."""
    sample = sheet.rows[:2000]
    for i, c in enumerate(sheet.columns):
        longest = max([len(c.vi), len(c.en), *(len(str(r[i])) for r in sample if r[i] is not None)])
        yield min(MAX_WIDTH, longest + 2)
