"""Tiny hand-written inputs shared by doctests, tests and docs (like networkx's karate club)."""

from __future__ import annotations

from pathlib import Path

from cancu.graph import model as m

PLAN_TEXT = """UBND TỈNH AN GIANG
Số: 12/KH-UBND
An Giang, ngày 10 tháng 3 năm 2022

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2022

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách \
hành chính nhà nước giai đoạn 2021 - 2030;
Căn cứ Quyết định số 251/QĐ-BNV ngày 29/3/2022 của Bộ Nội vụ;

I. NỘI DUNG
1. Tuyên truyền trên báo, đài
- Cơ quan chủ trì: Sở Nội vụ.
- Cơ quan phối hợp: Sở Tư pháp; Báo An Giang.

II. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.
"""


def tiny_model() -> m.Model:
    """Two plans of two provinces standing on 76/NQ-CP; one also on 251/QĐ-BNV."""
    model = m.Model()
    doc = "doc/vn/2021/76-nq-cp"
    model.add_node(doc, m.DOCUMENT, number="76/NQ-CP", type="Nghị quyết", year=2021)
    model.add_node("doc/vn/2022/251-qd-bnv", m.DOCUMENT, number="251/QĐ-BNV", type="Quyết định", year=2022)
    for prov in ("an-giang", "tay-ninh"):
        plan = f"doc/{prov}/2022/1-kh-ubnd"
        model.add_node(plan, m.PLAN, number="1/KH-UBND", year=2022)
        model.add_edge(plan, doc, m.LEGAL_BASIS, file=f"{prov}.txt", line=5)
    model.add_edge("doc/an-giang/2022/1-kh-ubnd", "doc/vn/2022/251-qd-bnv", m.LEGAL_BASIS, file="an-giang.txt", line=6)
    return model


# a legal basis a plan did not have: what `correct_plan` adds, so the plan's facts change
ADDED_BASIS = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\n"


def correct_plan(path: str | Path) -> None:
    """Edit a plan as a correction would: one more legal basis, and its first lead agency another one.
    For the incremental build and push tests and benchmark, which need a plan whose facts change."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.lower().startswith(("căn cứ", "can c", "thực hiện"))),
              len(lines) // 2)
    lines.insert(at, ADDED_BASIS)
    text = "".join(lines)
    for old, new in (("Sở Nội vụ chủ trì", "Sở Tài chính chủ trì"), ("So Nôi vu chu tri", "So Tai chinh chu tri")):
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
