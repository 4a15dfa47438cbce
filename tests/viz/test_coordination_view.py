"""The coordination page as a person sees it at 1400×1000 in real Chromium, on the seeds and on the real
plans: the agencies that lead most are legible at the first view, nothing is cut off at the edge, a
province can be looked at alone, and a name several provinces share says whose each match is."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cancu.graph import model as m
from cancu.viz.pages import write_pages
from pagetools import Watched, screenshot, wait_ready

from cancu.api import load_model

VIEWPORT = {"width": 1400, "height": 1000}
MIN_LABEL_PX = 11
TOP = 5  # the agencies that lead most, whose names must be readable before any zoom

# every shown node's box and every province name's box, in pixels of the canvas element
BOXES = """() => {
  const out = [];
  network.body.data.nodes.getIds().forEach(id => {
    const b = network.getBoundingBox(id);
    const a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
    out.push([id, a.x, a.y, z.x, z.y]);
  });
  window.cancu.groupBoxes().forEach((b, i) => {
    const a = network.canvasToDOM({x: b.l, y: b.t}), z = network.canvasToDOM({x: b.r, y: b.b});
    out.push(['group ' + i, a.x, a.y, z.x, z.y]);
  });
  const c = document.getElementById('network');
  const r = c.getBoundingClientRect(), h = document.querySelector('.hint').getBoundingClientRect();
  return {boxes: out, width: c.clientWidth, height: c.clientHeight,
          hint: [h.left - r.left, h.top - r.top, h.right - r.left, h.bottom - r.top]};
}"""

# a node's label as drawn: font size on screen and its box in page pixels
LABEL = """id => {
  const node = network.body.nodes[id];
  const s = node.labelModule.size, scale = network.getScale();
  const vadjust = node.labelModule.fontOptions.vadjust || 0;
  const a = network.canvasToDOM({x: s.left, y: s.top + vadjust});
  const z = network.canvasToDOM({x: s.left + s.width, y: s.top + vadjust + s.height});
  const r = document.getElementById('network').getBoundingClientRect();
  return {px: node.labelModule.fontOptions.size * scale, x: r.left + a.x, y: r.top + a.y, w: z.x - a.x, h: z.y - a.y};
}"""


@pytest.fixture(scope="module")
def built(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[m.Model, Path]]:
    out = {}
    for name, corpus in (("seeds", seeds_dir), ("real", seeds_dir.parent / "real")):
        assert corpus.is_dir(), f"{corpus} is missing: the page checks run on ../shared/corpus/{name}"
        folder = tmp_path_factory.mktemp(f"coordination-{name}")
        model = load_model([str(corpus)])
        write_pages(model, folder)
        out[name] = (model, folder)
    return out


@pytest.fixture
def open_at_1400(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def _open(path: Path) -> Watched:
        ctx = browser.new_context(viewport=VIEWPORT)
        contexts.append(ctx)
        page = ctx.new_page()
        w = Watched(page)
        page.on("console", lambda msg: msg.type == "error" and w.errors.append(msg.text))
        page.on("pageerror", lambda exc: w.errors.append(str(exc)))
        page.goto(path.as_uri())
        wait_ready(w)
        return w

    yield _open
    for ctx in contexts:
        ctx.close()


def top_leaders(model: m.Model, n: int = TOP) -> list[str]:
    """The agencies that lead most activities, counted here from the LEAD edges (ties by key)."""
    led: Counter[str] = Counter()
    for e in model.edges.values():
        if e.type == m.LEAD:
            led[e.target] += 1
    return sorted(led, key=lambda k: (-led[k], k))[:n]


def ink(png: bytes) -> int:
    """Dark pixels in a screenshot: text drawn there (labels are near-black on white)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("L")
    return sum(img.histogram()[:110])


def outside(w: Watched) -> list[Any]:
    """Nodes and province names cut by the canvas's edge or under the hint written over its foot."""
    d = w.page.evaluate(BOXES)
    hl, ht, hr, hb = d["hint"]
    return [b for b in d["boxes"] if b[1] < -0.5 or b[2] < -0.5 or b[3] > d["width"] + 0.5 or b[4] > d["height"] + 0.5
            or (b[1] < hr and hl < b[3] and b[2] < hb and ht < b[4])]


@pytest.mark.browser
@pytest.mark.parametrize("corpus", ["seeds", "real"])
def test_the_agencies_that_lead_most_are_legible_at_the_first_view(built: dict[str, tuple[m.Model, Path]],
                                                                   open_at_1400: Any, corpus: str,
                                                                   tmp_path: Path) -> None:
    model, out = built[corpus]
    w = open_at_1400(out / "coordination.html")
    path = screenshot(w, f"coordination-{corpus}-1400", tmp_path)
    leaders = top_leaders(model)
    assert len(leaders) == TOP
    for key in leaders:
        label = w.page.evaluate(LABEL, key)
        name = model.nodes[key].props.get("name")
        assert label["px"] >= MIN_LABEL_PX, f"{name}: label {label['px']:.1f} px on screen ({path})"
        assert label["h"] >= MIN_LABEL_PX, f"{name}: label box {label['h']:.1f} px tall"
        # the text is really drawn there, at that size: the label's box on the screenshot has ink in it
        clip = {"x": label["x"], "y": label["y"], "width": max(label["w"], 1), "height": max(label["h"], 1)}
        assert ink(w.page.screenshot(clip=clip)) > 30, f"{name}: nothing drawn where its label should be"
    w.check()


@pytest.mark.browser
@pytest.mark.parametrize("corpus", ["seeds", "real"])
def test_the_fitted_view_holds_every_node_and_province_name(built: dict[str, tuple[m.Model, Path]],
                                                            open_at_1400: Any, corpus: str) -> None:
    model, out = built[corpus]
    w = open_at_1400(out / "coordination.html")
    shown = w.page.evaluate("() => network.body.data.nodes.length")
    assert shown == sum(1 for _ in model.nodes_of(m.AGENCY))
    assert outside(w) == []
    # the province names: legible, and no two run into each other
    names = [b for b in w.page.evaluate(BOXES)["boxes"] if b[0].startswith("group ")]
    assert len(names) == len({a.props.get("province") for a in model.nodes_of(m.AGENCY)})
    for b in names:
        assert (b[4] - b[2]) / 1.25 >= MIN_LABEL_PX, f"a province name {(b[4] - b[2]) / 1.25:.1f} px on screen"
    clashes = [(a[0], b[0]) for i, a in enumerate(names) for b in names[i + 1:]
               if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert clashes == []
    w.check()


def provinces_of(model: m.Model) -> dict[str, set[str]]:
    homes: dict[str, set[str]] = defaultdict(set)
    for a in model.nodes_of(m.AGENCY):
        if a.props.get("province"):
            homes[a.props["province"]].add(a.key)
    return homes


@pytest.mark.browser
def test_the_province_picker_shows_one_province_alone(built: dict[str, tuple[m.Model, Path]],
                                                      open_at_1400: Any, tmp_path: Path) -> None:
    model, out = built["real"]
    homes = provinces_of(model)
    province = max(sorted(homes), key=lambda p: len(homes[p]))
    w = open_at_1400(out / "coordination.html")
    scale_all = w.page.evaluate("() => network.getScale()")
    w.page.select_option("#province-pick", province)
    ids = set(w.page.evaluate("() => network.body.data.nodes.getIds()"))
    assert ids == homes[province], f"{province}: {len(ids)} shown, {len(homes[province])} agencies"
    ends = w.page.evaluate("() => network.body.data.edges.get().map(e => [e.from, e.to])")
    assert ends and all(s in ids and t in ids for s, t in ends)
    assert w.page.evaluate("() => network.getScale()") > scale_all * 1.5, "the province fills the view"
    assert outside(w) == []
    for key in top_leaders(model, len(model.nodes)):
        if key in ids:  # the province's own leader is legible too
            assert w.page.evaluate(LABEL, key)["px"] >= MIN_LABEL_PX
            break
    screenshot(w, f"coordination-real-1400-{province}", tmp_path)
    w.page.select_option("#province-pick", "")
    assert w.page.evaluate("() => network.body.data.nodes.length") == sum(1 for _ in model.nodes_of(m.AGENCY))
    w.check()


@pytest.mark.browser
def test_a_name_several_provinces_share_says_which_provinces(built: dict[str, tuple[m.Model, Path]],
                                                             open_at_1400: Any, tmp_path: Path) -> None:
    model, out = built["seeds"]
    by_name: dict[str, dict[str, str]] = defaultdict(dict)
    for a in model.nodes_of(m.AGENCY):
        if a.props.get("province") and a.props.get("name"):
            by_name[a.props["name"]][a.props["province"]] = a.key
    name, where = max(sorted(by_name.items()), key=lambda kv: len(kv[1]))
    assert len(where) >= 2, "the seeds have an agency name in several provinces"
    w = open_at_1400(out / "coordination.html")
    w.page.fill("#search", name)
    w.page.keyboard.press("Enter")
    note = w.page.inner_text("#search-choices")
    for province in where:
        assert province in note, f"{name}: {province} not named in {note!r}"
    selected = w.page.evaluate("() => network.getSelectedNodes()")
    assert len(selected) == 1 and selected[0] in where.values()
    for province, key in sorted(where.items()):
        w.page.locator("#search-choices button", has_text=province).click()
        assert w.page.evaluate("() => network.getSelectedNodes()") == [key]
        assert province in w.page.inner_text("#details")
    w.page.wait_for_timeout(400)  # the focus animation
    screenshot(w, "coordination-seeds-search-shared-name", tmp_path)
    # a name only one agency has: no list of provinces
    names = Counter(a.props.get("name") for a in model.nodes_of(m.AGENCY))
    single = next(n for n in sorted(by_name) if names[n] == 1)
    w.page.fill("#search", single)
    w.page.keyboard.press("Enter")
    assert w.page.inner_text("#search-choices") == ""
    w.check()
