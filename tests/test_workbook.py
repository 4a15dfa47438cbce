"""`cancu export OUT --xlsx FILE`: the workbook read back (pandas, openpyxl, LibreOffice) says what
`cancu extract --json` says, and text that looks like a formula stays text."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from cancu.graph import model as m
from cancu.graph.stores import property_graph

from cancu.api import BuildResult

SHEETS = ("Kế hoạch (plans)", "Căn cứ (legal bases)", "Trích dẫn (mentions)", "Hoạt động (activities)",
          "Cơ quan (agencies)")
HOSTILE = ["=1+1", "+1+1", "-1+1", "@SUM(1,1)", "=HYPERLINK(\"http://example.invalid\",\"x\")",
           "=cmd|' /C calc'!A0"]


def cancu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cancu.cli", *args], capture_output=True, text=True, timeout=300)


def export(out: Path, xlsx: Path) -> Path:
    r = cancu("export", str(out), "--xlsx", str(xlsx))
    assert r.returncode == 0, r.stderr
    assert xlsx.is_file()
    return xlsx


def rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, blank cells as None and whole floats (pandas' NaN-able ints) as ints."""
    out = []
    for rec in df.to_dict("records"):
        out.append({k: None if v is None or (isinstance(v, float) and v != v)
                    else int(v) if isinstance(v, float) and v.is_integer() else v for k, v in rec.items()})
    return out


@pytest.fixture(scope="module")
def extracted(seeds_dir: Path) -> list[dict[str, Any]]:
    r = cancu("extract", str(seeds_dir), "--json", "-j", "1")
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


@pytest.fixture(scope="module")
def workbook(seeds_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(seeds_build.out, tmp_path_factory.mktemp("xlsx") / "seeds.xlsx")


@pytest.fixture(scope="module")
def sheets(workbook: Path) -> dict[str, list[dict[str, Any]]]:
    # row 1 is Vietnamese, row 2 English: pandas takes the English one as the header
    return {name: rows(df) for name, df in pd.read_excel(workbook, sheet_name=None, header=1, dtype=object).items()}


def test_the_sheets_have_two_header_rows_filters_and_frozen_panes(workbook: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(workbook)
    assert tuple(wb.sheetnames) == SHEETS
    for ws in wb.worksheets:
        vi = [c.value for c in ws[1]]
        en = [c.value for c in ws[2]]
        assert all(vi) and all(en) and vi != en, ws.title
        assert ws.freeze_panes == "A3", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), ws.title
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(w and w >= len(v) for w, v in zip(widths, vi, strict=True)), (ws.title, widths)
    assert [c.value for c in wb["Hoạt động (activities)"][1]][:6] == [
        "Tệp kế hoạch", "Kế hoạch", "Mã hoạt động", "Nội dung", "Chủ trì", "Phối hợp"]


def test_plans_equal_the_extract(sheets: dict[str, list[dict[str, Any]]], extracted: list[dict[str, Any]]) -> None:
    fields = ("number", "type", "date", "province", "issuer", "title")
    want = sorted((r["source"], *(r["plan"][f] for f in fields)) for r in extracted)
    got = sorted((r["File"], r["Number"], r["Type"], r["Date"], r["Province"], r["Issuer"], r["Title"])
                 for r in sheets["Kế hoạch (plans)"])
    assert got == want
    activities = {r["source"]: len(r["activities"]) for r in extracted}
    assert {r["File"]: r["Activities"] for r in sheets["Kế hoạch (plans)"]} == activities


@pytest.mark.parametrize(("role", "sheet"), [("legal_basis", "Căn cứ (legal bases)"),
                                             ("mention", "Trích dẫn (mentions)")])
def test_citations_equal_the_extract(sheets: dict[str, list[dict[str, Any]]], extracted: list[dict[str, Any]],
                                     role: str, sheet: str) -> None:
    want = Counter((r["source"], c["number"], c["type"], c["issuer"], c["line"], c["text"])
                   for r in extracted for c in r["citations"] if c["role"] == role)
    got = Counter((r["Plan file"], r["Document number"], r["Type"], r["Issuer"], r["Line"], r["Source text"])
                  for r in sheets[sheet])
    assert want, f"the seeds have {role} citations"
    assert got == want


def test_activities_are_one_row_per_lead_cooperating_pair(sheets: dict[str, list[dict[str, Any]]],
                                                          extracted: list[dict[str, Any]]) -> None:
    def keys(agencies: list[dict[str, Any]]) -> list[str | None]:
        return list(dict.fromkeys(f"agency/{a['key']}" for a in agencies)) or [None]

    want: Counter[tuple[Any, ...]] = Counter()
    for r in extracted:
        for a in r["activities"]:
            for lead in keys(a["lead_agencies"]):
                for coop in keys(a["cooperating_agencies"]):
                    want[(r["source"], a["id"], a["title"], lead, coop, a["time"], a["line"], a["text"])] += 1
    got = Counter((r["Plan file"], str(r["Activity id"]), r["Activity"], r["Lead key"], r["Cooperating key"],
                   r["Time"], r["Line"], r["Source text"]) for r in sheets["Hoạt động (activities)"])
    assert sum(1 for k in want if k[3] and k[4]) > 10, "the seeds have activities with lead and cooperating"
    assert got == want
    # the names are the agencies' as the agencies sheet has them: one name per agency across plans
    names = {r["Key"]: r["Name"] for r in sheets["Cơ quan (agencies)"]}
    for r in sheets["Hoạt động (activities)"]:
        assert (r["Lead"], r["Cooperating"]) == (names.get(r["Lead key"]), names.get(r["Cooperating key"]))


def test_agencies_count_what_they_lead(sheets: dict[str, list[dict[str, Any]]], seeds_build: BuildResult) -> None:
    led: Counter[str] = Counter()
    for e in seeds_build.model.edges_of(m.LEAD):
        led[e.target] += 1
    got = {r["Key"]: r["Activities led"] for r in sheets["Cơ quan (agencies)"]}
    assert set(got) == {n.key for n in seeds_build.model.nodes_of(m.AGENCY)}
    assert {k: v for k, v in got.items() if v} == dict(led)


# ---------------------------------------------------------------- formulas stay text


def hostile_build(out: Path) -> Path:
    """A build folder whose plan, documents, activities and agencies carry formula-like text."""
    model = m.Model()
    plan, doc, act = "doc/x/2024/1-kh-ubnd", "doc/vn/2021/76-nq-cp", "activity/x/2024/1-kh-ubnd/1"
    model.add_node(plan, m.PLAN, number="1/KH-UBND", source=HOSTILE[0], title=HOSTILE[4], issuer=HOSTILE[1])
    model.add_node(doc, m.DOCUMENT, number="76/NQ-CP", title=HOSTILE[5])
    model.add_edge(plan, doc, m.LEGAL_BASIS, file=HOSTILE[0], line=3, text=HOSTILE[2])
    model.add_node(act, m.ACTIVITY, {"file": HOSTILE[0], "line": 9, "text": HOSTILE[3]}, id="1", title=HOSTILE[3],
                   plan=plan, time=HOSTILE[2])
    model.add_edge(plan, act, m.HAS_ACTIVITY)
    for i, role in ((1, m.LEAD), (5, m.COOPERATING)):
        model.add_node(f"agency/x/{i}", m.AGENCY, name=HOSTILE[i] + "\x07 bell")
        model.add_edge(act, f"agency/x/{i}", role, file=HOSTILE[0], line=9, text=HOSTILE[i])
    out.mkdir()
    property_graph.write(model, out)
    return out


def test_formula_like_text_is_stored_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    xlsx = export(hostile_build(tmp_path / "out"), tmp_path / "hostile.xlsx")
    with zipfile.ZipFile(xlsx) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = load_workbook(xlsx)
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                    seen.add(cell.value.replace("\ufffd bell", ""))
    assert seen == set(HOSTILE)


# ---------------------------------------------------------------- LibreOffice opens it


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        pytest.fail("LibreOffice (soffice) is needed to check the workbook opens: "
                    "apt-get install libreoffice-calc-nogui")
    return path


def libreoffice_convert(src: Path, fmt: str, outdir: Path) -> list[Path]:
    """Convert headless in a profile of its own (two soffice processes must not share one)."""
    profile = outdir / "profile"
    outdir.mkdir(exist_ok=True)
    r = subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       capture_output=True, text=True, timeout=240)
    made = sorted(p for p in outdir.iterdir() if p.is_file())
    assert r.returncode == 0 and made, f"soffice failed: {r.stdout} {r.stderr}"
    return made


def test_libreoffice_opens_it_and_saves_the_same_cells(workbook: Path, tmp_path: Path) -> None:
    (again,) = libreoffice_convert(workbook, "xlsx:Calc MS Excel 2007 XML", tmp_path / "again")
    ours = pd.read_excel(workbook, sheet_name=None, header=None, dtype=str)
    theirs = pd.read_excel(again, sheet_name=None, header=None, dtype=str)
    assert list(theirs) == list(ours)
    for name, df in ours.items():
        pd.testing.assert_frame_equal(theirs[name], df, obj=name)


def test_libreoffice_reads_formula_like_text_as_text(tmp_path: Path) -> None:
    xlsx = export(hostile_build(tmp_path / "out"), tmp_path / "hostile.xlsx")
    # 44,34,76: comma, double quote, UTF-8; the last -1 writes every sheet to a file of its own
    made = libreoffice_convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                               tmp_path / "csv")
    cells = {c for p in made if p.suffix == ".csv" for row in csv.reader(p.open(encoding="utf-8")) for c in row}
    assert len([p for p in made if p.suffix == ".csv"]) == len(SHEETS)
    assert set(HOSTILE) <= {c.replace("\ufffd bell", "") for c in cells}
    assert "2" not in cells, "a formula was evaluated (=1+1, +1+1)"


def test_export_of_a_folder_that_is_no_build_is_one_line(tmp_path: Path) -> None:
    r = cancu("export", str(tmp_path), "--xlsx", str(tmp_path / "x.xlsx"))
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "cancu build" in r.stderr, r.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_a_sheet_past_the_row_limit_goes_on_in_the_next(seeds_build: BuildResult, workbook: Path,
                                                        tmp_path: Path) -> None:
    from cancu.graph.stores.property_graph import read

    from cancu import workbook as xlsx

    split = xlsx.write(read(seeds_build.out), tmp_path / "split.xlsx", max_rows=50)
    whole = pd.read_excel(workbook, sheet_name="Hoạt động (activities)", header=1, dtype=str)
    parts = pd.read_excel(split, sheet_name=None, header=1, dtype=str)
    names = [n for n in parts if n.startswith("Hoạt động (activities)")]
    assert names == ["Hoạt động (activities)", *(f"Hoạt động (activities) {i}" for i in range(2, len(names) + 1))]
    assert len(names) == -(-len(whole) // 50) > 1
    joined = pd.concat([parts[n] for n in names], ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole)


def test_a_workbook_that_cannot_be_written_is_one_line(seeds_build: BuildResult, tmp_path: Path) -> None:
    r = cancu("export", str(seeds_build.out), "--xlsx", str(tmp_path / "no-such-folder" / "x.xlsx"))
    assert r.returncode == 1
    assert r.stderr.startswith("cancu: error: ") and r.stderr.count("\n") == 1, r.stderr
    r = cancu("export", str(seeds_build.out), "--xlsx", str(tmp_path))  # a folder: a usage error, from click
    assert r.returncode == 2 and "is a directory" in r.stderr, r.stderr
