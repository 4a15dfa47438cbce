"""A plan's page is named after its key, cut to a length every file system takes, with a short hash
of the whole key so that long keys sharing their beginning stay apart."""

from __future__ import annotations

from pathlib import Path

from cancu.graph import model as m
from cancu.viz.pages import write_pages
from cancu.viz.util import MAX_PAGE_NAME

LONG = "tuyen-truyen-cai-cach-hanh-chinh-" * 12  # 396 characters: more than a file name may hold


def long_plans() -> m.Model:
    model = m.Model()
    for tail in ("ubnd-tinh", "so-noi-vu"):
        model.add_node(f"plan/an-giang.huyen-chau-phu/2022/unnumbered-{LONG}{tail}", m.PLAN,
                       title=f"Kế hoạch {tail}", year=2022, province="An Giang")
    return model


def test_long_plan_keys_get_short_distinct_pages(tmp_path: Path) -> None:
    write_pages(long_plans(), tmp_path)
    pages = sorted(p.name for p in (tmp_path / "plans").glob("*.html"))
    assert len(pages) == 2
    assert all(len(p) <= MAX_PAGE_NAME + len(".html") for p in pages), pages
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(f"plans/{p}" in index for p in pages)


def test_a_page_is_named_by_the_year_the_index_files_it_under(tmp_path: Path) -> None:
    """A plan numbered in December for the next year: the index lists it under the year it covers, and so
    does its page's name (the Gia Lai seed: issued in 2023 for 2024)."""
    model = m.Model()
    model.add_node("doc/gia-lai/2023/139-kh-stttt", m.PLAN, title="Kế hoạch", year=2024, province="Gia Lai")
    model.add_node("doc/gia-lai/2022/7-kh-ubnd", m.PLAN, title="Kế hoạch", year=2022, province="Gia Lai")
    write_pages(model, tmp_path)
    assert sorted(p.name for p in (tmp_path / "plans").glob("*.html")) == [
        "gia-lai-2022-7-kh-ubnd.html", "gia-lai-2024-139-kh-stttt.html"]
