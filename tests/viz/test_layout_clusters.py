"""viz.layout.clusters: provinces packed to the canvas, each with room for its name, however many."""

from __future__ import annotations

from cancu.viz import layout


def groups(n: int, size: int) -> tuple[list[tuple[str | None, list[str]]], list[tuple[str, str, float]]]:
    gs: list[tuple[str | None, list[str]]] = [(None if g == 0 else f"Tỉnh số {g}", [f"{g}/{i}" for i in range(size)])
                                              for g in range(n)]
    edges = [(f"{g}/0", f"{g}/{i}", 1.0) for g in range(n) for i in range(1, size, 2)]
    return gs, edges


def extent(points: list[layout.Point]) -> tuple[float, float, float, float]:
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
            max(p[1] for p in points))


def test_groups_do_not_overlap_and_every_member_is_placed() -> None:
    gs, edges = groups(12, 15)
    laid = layout.clusters(gs, edges, spacing=90)
    assert set(laid.positions) == {k for _, members in gs for k in members}
    boxes = [extent([laid.positions[k] for k in members]) for _, members in gs]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_the_names_keep_their_size_on_screen_as_provinces_multiply() -> None:
    few = layout.clusters(*groups(4, 10), spacing=90)
    many = layout.clusters(*groups(64, 10), spacing=90)
    assert few.name_size == layout.GROUP_NAME_MIN
    assert many.name_size > layout.GROUP_NAME_MIN  # drawn larger in canvas units, the view being farther out
    x0, y0, x1, y1 = extent(list(many.positions.values()))
    # fitted to a canvas 900 px tall (and 0.8 as wide), a name of name_size is still 13 px or so
    scale = min(900 / (y1 - y0), 0.8 * 900 / (x1 - x0))
    assert many.name_size * scale >= 12.5
