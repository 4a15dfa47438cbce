"""The pages of OUT/, written from real models and opened from disk in a real Chromium (no mocks).

Expected node and edge counts are computed here from the model, independently of cancu.viz.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from cancu.graph import model as m
from cancu.viz.pages import write_pages
from pagetools import Watched, screenshot, wait_ready

from cancu.api import load_model
from cancu.testing import PLAN_TEXT, tiny_model

CITATIONS = {m.LEGAL_BASIS, m.PROPOSAL, m.MENTIONS, m.NAMES}
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
DRAWN = """() => ({
    nodes: network.body.data.nodes.length,
    edges: network.body.data.edges.length,
    nodeIds: network.body.data.nodes.getIds(),
    edgeKeys: network.body.data.edges.get().map(e => [e.from, e.to, e.etype, e.weight || 0]),
})"""


# ---------------------------------------------------------------- what the model says should be drawn


def expected_citations(model: m.Model) -> tuple[set[str], set[tuple[str, str, str]]]:
    nodes = {k for k, n in model.nodes.items() if n.labels & {m.DOCUMENT, m.PLAN}}
    edges = {(e.source, e.target, e.type) for e in model.edges.values() if e.type in CITATIONS}
    return nodes, edges


def expected_coordination(model: m.Model) -> tuple[set[str], dict[tuple[str, str, str], int]]:
    """Agencies; lead → cooperating/invited per activity (weight = activities shared) and PART_OF."""
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for e in model.edges.values():
        if e.type in (m.LEAD, m.COOPERATING, m.INVITED):
            roles[e.source][e.type].add(e.target)
    weights: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in roles.values():
        for lead in r[m.LEAD]:
            for etype in (m.COOPERATING, m.INVITED):
                for other in r[etype] - {lead}:
                    weights[(lead, other, etype)] += 1
    for e in model.edges.values():
        if e.type == m.PART_OF:
            weights[(e.source, e.target, m.PART_OF)] = 0
    return {k for k, n in model.nodes.items() if m.AGENCY in n.labels}, dict(weights)


def drawn(w: Watched) -> dict[str, Any]:
    return w.page.evaluate(DRAWN)


def document_by_number(model: m.Model, number: str) -> str:
    keys = [k for k, n in model.nodes.items() if n.props.get("number") == number]
    assert len(keys) == 1, f"{number}: {keys}"
    return keys[0]


# ---------------------------------------------------------------- fast checks, no browser


def test_writes_every_page(seed_pages: tuple[m.Model, Path]) -> None:
    model, out = seed_pages
    plans = list(model.nodes_of(m.PLAN))
    assert plans, "the seed corpus has plans"
    for name in ("index.html", "citations.html", "coordination.html"):
        assert (out / name).stat().st_size > 0
    assert len(list((out / "plans").glob("*.html"))) == len(plans)


@pytest.mark.parametrize("make", [m.Model, tiny_model], ids=["empty", "tiny"])
def test_small_models(make: Any, tmp_path: Path) -> None:
    model = make()
    files = write_pages(model, tmp_path)
    assert len(files) == 4 + len(list(model.nodes_of(m.PLAN)))  # overview, two networks, queries
    assert all(f.is_file() and f.stat().st_size > 0 for f in files)


def test_no_script_or_style_from_the_internet(seed_pages: tuple[m.Model, Path]) -> None:
    _, out = seed_pages
    remote = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//""", re.I)
    for page in sorted(out.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert 'src="http' not in html and "src='http" not in html, page
        assert 'href="http' not in html and "href='http" not in html, page
        assert not remote.search(html), f"{page}: {remote.search(html)}"
        assert '<meta charset="utf-8">' in html


def test_same_model_same_pages_across_processes(seeds_dir: Path, tmp_path: Path) -> None:
    """Sorted iteration and seeded layouts: the bytes do not depend on the process (hash seed)."""
    code = ("import sys; from pathlib import Path; from cancu.api import load_model; "
            "from cancu.viz.pages import write_pages; write_pages(load_model([sys.argv[1]]), Path(sys.argv[2]))")
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        subprocess.run([sys.executable, "-c", code, str(seeds_dir), str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.html"))})
    assert outs[0].keys() == outs[1].keys()
    assert [k for k in outs[0] if outs[0][k] != outs[1][k]] == []


# ---------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_overview(seed_pages: tuple[m.Model, Path], open_page: Any, tmp_path: Path) -> None:
    model, out = seed_pages
    w = open_page(out / "index.html")
    text = w.page.inner_text("body")
    counts = model.counts()
    assert str(counts["nodes"]) in text and str(counts["edges"]) in text
    for plan in model.nodes_of(m.PLAN):
        assert plan.props["title"] in text
    hrefs = w.page.eval_on_selector_all("a", "els => els.map(a => a.getAttribute('href'))")
    assert {"citations.html", "coordination.html"} <= set(hrefs)
    assert sum(h.startswith("plans/") for h in hrefs) >= len(list(model.nodes_of(m.PLAN)))
    assert len(w.page.query_selector_all("#warnings tbody tr")) == len(model.warnings)
    w.page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
    w.check()


@pytest.mark.browser
def test_citation_network_draws_the_model(seed_pages: tuple[m.Model, Path], open_page: Any, tmp_path: Path) -> None:
    model, out = seed_pages
    nodes, edges = expected_citations(model)
    w = open_page(out / "citations.html")
    wait_ready(w)
    d = drawn(w)
    assert (d["nodes"], d["edges"]) == (len(nodes), len(edges))
    assert set(d["nodeIds"]) == nodes
    assert {(s, t, etype) for s, t, etype, _ in d["edgeKeys"]} == edges
    screenshot(w, "citations", tmp_path)
    w.check()


@pytest.mark.browser
def test_coordination_network_draws_the_model(seed_pages: tuple[m.Model, Path], open_page: Any,
                                              tmp_path: Path) -> None:
    model, out = seed_pages
    nodes, weights = expected_coordination(model)
    w = open_page(out / "coordination.html")
    wait_ready(w)
    d = drawn(w)
    assert (d["nodes"], d["edges"]) == (len(nodes), len(weights))
    assert set(d["nodeIds"]) == nodes
    assert {(s, t, etype): weight for s, t, etype, weight in d["edgeKeys"]} == weights
    screenshot(w, "coordination", tmp_path)
    w.check()


@pytest.mark.browser
def test_search_selects_and_focuses_a_document(seed_pages: tuple[m.Model, Path], open_page: Any,
                                               tmp_path: Path) -> None:
    model, out = seed_pages
    key = document_by_number(model, "76/NQ-CP")
    w = open_page(out / "citations.html")
    wait_ready(w)
    w.page.locator("#search").press_sequentially("76/NQ-CP")
    w.page.keyboard.press("Enter")
    assert w.page.evaluate("() => network.getSelectedNodes()") == [key]
    details = w.page.inner_text("#details")
    node = model.nodes[key]
    for prop in ("number", "date", "issuer"):
        assert str(node.props[prop]) in details
    citing = next(e for e in model.edges.values() if e.target == key and e.type in CITATIONS)
    assert citing.get("text") in details and f"{Path(citing.get('file')).name}:{citing.get('line')}" in details
    w.page.wait_for_timeout(400)  # the focus animation
    screenshot(w, "citations-search-76-NQ-CP", tmp_path)
    w.check()


@pytest.mark.browser
def test_link_with_node_fragment_selects_it(seed_pages: tuple[m.Model, Path], open_page: Any,
                                            tmp_path: Path) -> None:
    model, out = seed_pages
    agency = max(model.nodes_of(m.AGENCY), key=lambda n: (n.props.get("activities_led") or 0, n.key))
    plan = sorted(model.nodes_of(m.PLAN), key=lambda n: n.key)[0]
    for page, key in (("citations.html", plan.key), ("coordination.html", agency.key)):
        w = open_page(out / page, f"#node={key}")
        wait_ready(w)
        assert w.page.evaluate("() => network.getSelectedNodes()") == [key]
        w.page.wait_for_timeout(400)  # the focus animation
        screenshot(w, f"{page.removesuffix('.html')}-selected", tmp_path)
        w.check()


@pytest.mark.browser
def test_filters(seed_pages: tuple[m.Model, Path], open_page: Any) -> None:
    model, out = seed_pages
    _, edges = expected_citations(model)
    plans = sorted(model.nodes_of(m.PLAN), key=lambda n: n.key)
    province = plans[0].props["province"]
    mine = {p.key for p in plans if p.props.get("province") == province}
    w = open_page(out / "citations.html")
    wait_ready(w)

    w.page.select_option("#filter-provinces", province)
    d = drawn(w)
    assert set(d["nodeIds"]) == mine | {t for s, t, _ in edges if s in mine}
    assert {(s, t, e) for s, t, e, _ in d["edgeKeys"]} == {x for x in edges if x[0] in mine}

    w.page.click("#filter-reset")
    for etype in (m.MENTIONS, m.NAMES):
        w.page.uncheck(f'input[data-edge-type="{etype}"]')
    basis = {x for x in edges if x[2] in (m.LEGAL_BASIS, m.PROPOSAL)}
    d = drawn(w)
    assert {(s, t, e) for s, t, e, _ in d["edgeKeys"]} == basis
    assert set(d["nodeIds"]) == {p.key for p in plans} | {t for _, t, _ in basis}

    # a document type keeps every plan (the subject) and the documents of that type they cite
    w.page.click("#filter-reset")
    w.page.select_option("#filter-dtype", "Quyết định")
    decisions = {k for k, n in model.nodes.items() if m.PLAN not in n.labels and n.props.get("type") == "Quyết định"}
    kept = {x for x in edges if x[1] in decisions or m.PLAN in model.nodes[x[1]].labels}
    d = drawn(w)
    assert decisions and {(s, t, e) for s, t, e, _ in d["edgeKeys"]} == kept
    assert set(d["nodeIds"]) == {p.key for p in plans} | {t for _, t, _ in kept}
    w.check()


@pytest.mark.browser
def test_plan_pages_link_to_the_networks(seed_pages: tuple[m.Model, Path], open_page: Any, tmp_path: Path) -> None:
    model, out = seed_pages
    for i, page in enumerate(sorted((out / "plans").glob("*.html"))):
        w = open_page(page)
        text = w.page.inner_text("body")
        plan = next(p for p in model.nodes_of(m.PLAN) if p.props["title"] in text)
        bases = {e.target for e in model.edges.values() if e.source == plan.key and e.type == m.LEGAL_BASIS}
        hrefs = w.page.eval_on_selector_all("a", "els => els.map(a => a.getAttribute('href'))")
        for target in bases:
            assert any(h.endswith(f"citations.html#node={target}") for h in hrefs), target
        leads = {e.target for a in model.edges.values() if a.source == plan.key and a.type == m.HAS_ACTIVITY
                 for e in model.edges.values() if e.source == a.target and e.type == m.LEAD}
        for target in leads:
            assert any(h.endswith(f"coordination.html#node={target}") for h in hrefs), target
        if i == 0:
            w.page.screenshot(path=str(tmp_path / "plan.png"), full_page=True)
        w.check()


# ---------------------------------------------------------------- hostile text


def hostile_plan(tmp_path: Path) -> Path:
    """PLAN_TEXT with markup in its title, in a cited document's title and in an agency's name."""
    text = PLAN_TEXT
    for old, new in (("Tuyên truyền cải cách hành chính năm 2022", f"Tuyên truyền {IMG} cải cách {SCRIPT} năm 2022"),
                     ("ban hành Chương trình tổng thể", f"ban hành Chương trình {SCRIPT} tổng thể {IMG}"),
                     ("Báo An Giang.", f"Báo An Giang; Hội Khuyến học {IMG} tỉnh.")):
        assert old in text, old
        text = text.replace(old, new)
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "an-giang-2022-12-kh-ubnd.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.browser
@pytest.mark.parametrize("csp", ["with-csp", "without-csp"])
def test_markup_in_a_plan_is_shown_never_run(tmp_path: Path, open_page: Any, csp: str) -> None:
    """Without the CSP backstop too: escaping alone must keep the payloads inert."""
    model = load_model([str(hostile_plan(tmp_path))])
    out = tmp_path / "out"
    write_pages(model, out)
    plan = next(iter(model.nodes_of(m.PLAN)))
    doc = next((n for n in model.nodes.values() if "<script>" in str(n.props.get("title")) and n.key != plan.key), None)
    agency = next((n for n in model.nodes_of(m.AGENCY) if "onerror" in str(n.props.get("name"))), None)
    assert doc is not None and agency is not None, "the extractor dropped the payload: change hostile_plan()"
    literals = {"plan": plan.props["title"], "doc": doc.props["title"], "agency": agency.props["name"]}
    assert SCRIPT.replace("__", "") in literals["plan"] or SCRIPT in literals["plan"], literals["plan"]
    bypass = csp == "without-csp"

    def inert(w: Watched) -> None:
        # the extractor drops the double underscore: the payload as it survives sets window.pwned
        assert w.page.evaluate("() => [typeof window.__pwned, typeof window.pwned]") == ["undefined", "undefined"]
        assert w.page.query_selector_all("img[src=x], img[onerror]") == []
        w.check()

    w = open_page(out / "index.html", bypass_csp=bypass)
    assert literals["plan"] in w.page.inner_text("body")
    inert(w)

    w = open_page(next((out / "plans").glob("*.html")), bypass_csp=bypass)
    body = w.page.inner_text("body")
    assert all(lit in body for lit in literals.values())
    inert(w)

    w = open_page(out / "citations.html", f"#node={plan.key}", bypass_csp=bypass)
    wait_ready(w)
    assert literals["plan"] in w.page.inner_text("#details")
    w.page.wait_for_timeout(400)  # the focus animation
    x, y = w.page.evaluate("""(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
        const r = document.getElementById('network').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""",
                           plan.key)
    w.page.mouse.move(x, y)
    tip = w.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    assert literals["plan"] in tip.inner_text()
    # plain text: innerText makes line breaks <br>, nothing else is parsed from the plan
    assert tip.evaluate("el => Array.from(el.querySelectorAll('*')).every(c => c.tagName === 'BR')")
    w.page.evaluate("(id) => cancu.select(id)", doc.key)
    assert literals["doc"] in w.page.inner_text("#details")
    inert(w)

    w = open_page(out / "coordination.html", f"#node={agency.key}", bypass_csp=bypass)
    wait_ready(w)
    assert literals["agency"] in w.page.inner_text("#details")
    inert(w)
