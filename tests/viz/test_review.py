"""The review pages in a real headless Chromium: a fact highlights the source lines it was read from, a
line lists the facts read from it, each fact's YAML reads back as a correction, and markup in a plan
stays text. Lines are found in the plans' own text, never taken from the page's code."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from cancu.api import build
from cancu.corrections_file import read as read_corrections
from cancu.testing import PLAN_TEXT

SEED = "tay-ninh-2022-1183-kh-ubnd.txt"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


BARE = ("UBND TỈNH AN GIANG\nSố: 14/KH-UBND\nAn Giang, ngày 10 tháng 3 năm 2022\nKẾ HOẠCH\nTuyên truyền năm 2022\n"
        "I. NỘI DUNG\nTuyên truyền về Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ trên báo, đài.\n")


def hostile_text() -> str:
    text = PLAN_TEXT
    for old, new in (("Tuyên truyền cải cách hành chính năm 2022", f"Tuyên truyền {SCRIPT} cải cách {IMG} năm 2022"),
                     ("của Chính phủ", f"của Chính phủ {SCRIPT} {IMG}")):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def reviewed(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(seeds_dir / SEED, corpus)
    (corpus / "an-giang-2022-hostile.txt").write_text(hostile_text(), encoding="utf-8")
    # two plans with reasons for review written into them: a mistyped year; no basis and no activity
    (corpus / "an-giang-2022-typo.txt").write_text(PLAN_TEXT.replace("Số: 12/", "Số: 13/").replace(
        "15/7/2021", "15/7/202021"), encoding="utf-8")
    (corpus / "an-giang-2022-bare.txt").write_text(BARE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "out"
    build([str(corpus)], out, jobs=1, skip=("exchange", "ttl", "jsonld"))
    return out


def _review_page(out: Path, stem: str) -> Path:
    pages = [p for p in (out / "review").glob("*.html") if stem in p.name]
    assert len(pages) == 1, sorted(p.name for p in (out / "review").glob("*.html"))
    return pages[0]


@pytest.mark.browser
def test_clicking_a_legal_basis_highlights_its_source_line(reviewed: Path, seeds_dir: Path, open_page: Any,
                                                           gold: list[dict[str, Any]]) -> None:
    text = (seeds_dir / SEED).read_text(encoding="utf-8")
    basis = next(g for g in gold if g["file"] == SEED)["legal_bases"][1]["number"]  # from the gold
    line = _line_of(text, basis)
    w = open_page(_review_page(reviewed, "1183"))
    fact = w.page.locator(".fact[data-kind=legal_basis]", has_text=basis)
    assert fact.count() == 1
    fact.locator(".fact-head").click()
    assert w.page.eval_on_selector_all("#source li.hl", "els => els.map(e => e.id)") == [f"L{line}"]
    assert "hl" in (fact.get_attribute("class") or "")
    # the page's line is the file's line, verbatim
    assert w.page.inner_text(f"#L{line} .lt").strip() == text.splitlines()[line - 1].strip()

    # and back: the line lists what was read from it
    w.page.click(f"#L{line}")
    panel = w.page.inner_text("#line-facts")
    assert f"{line}" in panel and basis in panel
    assert w.page.eval_on_selector_all(".fact.hl", "els => els.length") == 1

    # the fact's correction, as offered, is a corrections.yaml entry that removes this basis of this plan
    snippet = fact.locator("pre.yaml").text_content() or ""
    path = reviewed.parent / "snippet.yaml"
    path.write_text(snippet, encoding="utf-8")
    (entry,) = read_corrections(path).entries
    assert entry.number == next(g for g in gold if g["file"] == SEED)["plan"]["number"]
    assert [(c.kind, c.role, c.value) for c in entry.changes] == [("remove", "legal_basis", basis)]
    w.check()


@pytest.mark.browser
@pytest.mark.parametrize("csp", ["with-csp", "without-csp"])
def test_hostile_text_stays_text(reviewed: Path, open_page: Any, csp: str) -> None:
    """Without the CSP backstop too: escaping alone keeps the payloads inert."""
    w = open_page(_review_page(reviewed, "12-kh-ubnd"), bypass_csp=csp == "without-csp")
    dialogs: list[str] = []
    w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    text = hostile_text()
    line = _line_of(text, "của Chính phủ")
    source = w.page.inner_text(f"#L{line} .lt")
    assert SCRIPT in source and IMG in source
    assert w.page.query_selector_all("img") == []
    assert w.page.eval_on_selector_all("script", "els => els.filter(e => e.textContent.includes('alert')).length") == 0
    w.page.locator(".fact[data-kind=legal_basis] .fact-head").first.click()
    w.page.click(f"#L{line}")
    assert SCRIPT in w.page.inner_text("body")
    w.page.wait_for_timeout(200)
    assert dialogs == []
    assert w.page.query_selector_all("img") == []
    w.check()


def test_the_index_lists_plans_by_their_flags_and_the_graph_carries_them(reviewed: Path) -> None:
    import json
    import re

    index = (reviewed / "index.html").read_text(encoding="utf-8")
    table = index.split('id="review"')[1].split("</section>")[0]
    rows = re.findall(r'<td class="num">(\d+)</td><td class="nowrap"><a href="[^"]*">([^<]+)</a>', table)
    numbers = [n for _, n in rows]
    assert "14/KH-UBND" in numbers and "13/KH-UBND" in numbers
    assert numbers.index("14/KH-UBND") < numbers.index("13/KH-UBND")  # two flags before one
    assert dict((n, int(c)) for c, n in rows)["14/KH-UBND"] == 2
    assert "review/" in table  # each links its review page

    nodes = [json.loads(x) for x in (reviewed / "nodes.jsonl").read_text(encoding="utf-8").splitlines()]
    bare = next(n for n in nodes if n["props"].get("source", "").endswith("an-giang-2022-bare.txt"))
    assert bare["props"]["flags"] == ["no legal basis read", "no activity read"]
    edges = [json.loads(x) for x in (reviewed / "edges.jsonl").read_text(encoding="utf-8").splitlines()]
    typo = [e for e in edges
            if e["props"].get("file", "").endswith("an-giang-2022-typo.txt") and e["props"].get("flags")]
    assert len(typo) == 1 and "202021" in typo[0]["props"]["flags"] and typo[0]["type"] == "LEGAL_BASIS"
    nt = (reviewed / "graph.nt").read_text(encoding="utf-8")
    assert '<https://w3id.org/cancu/ontology#reviewFlag> "no legal basis read"' in nt
    page = _review_page(reviewed, "13-kh-ubnd").read_text(encoding="utf-8")
    assert "202021" in page.split('class="facts-pane"')[1]
