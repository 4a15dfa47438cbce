"""Node positions for the network pages, computed once at build time.

The browser draws them with physics off, so a page with a few thousand nodes opens in a couple of
seconds and stays responsive; everything here is seeded or ordered, so the same model always gives
the same picture. Forces only act between near neighbours (a k-d tree finds them), which keeps a
layout of thousands of nodes to a second or two.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

Point = tuple[float, float]
GOLDEN = math.pi * (3 - math.sqrt(5))


def sunflower(center: Point, count: int, spacing: float) -> list[Point]:
    """`count` points packed around `center` on a golden-angle spiral (no two closer than ~spacing)."""
    cx, cy = center
    return [(cx + spacing * math.sqrt(i + 0.5) * math.cos(i * GOLDEN),
             cy + spacing * math.sqrt(i + 0.5) * math.sin(i * GOLDEN)) for i in range(count)]


# ---------------------------------------------------------------- citations: plans on a ring


def ring(groups: Sequence[Sequence[str]], spacing: float, min_radius: float) -> tuple[dict[str, Point], float]:
    """Members of each group side by side on one circle, an empty slot between groups."""
    slots = sum(len(g) for g in groups) + len(groups)
    radius = max(min_radius, slots * spacing / (2 * math.pi))
    pos: dict[str, Point] = {}
    slot = 0
    for group in groups:
        for key in group:
            a = 2 * math.pi * slot / max(slots, 1) - math.pi / 2
            pos[key] = (radius * math.cos(a), radius * math.sin(a))
            slot += 1
        slot += 1
    return pos, radius


def around(anchors: dict[str, Point], cited: dict[str, list[str]], radius: float, spacing: float) -> dict[str, Point]:
    """Documents start between the plans that cite them: a document of one plan next to it, one that
    many plans stand on near the centre. Documents sharing the same citing plans fan out together."""
    by_anchor: dict[tuple[str, ...], list[str]] = {}
    for key in sorted(cited):
        by_anchor.setdefault(tuple(sorted(set(cited[key]))), []).append(key)
    n_anchors = max(len(anchors), 1)
    pos: dict[str, Point] = {}
    for i, (plans, members) in enumerate(sorted(by_anchor.items())):
        center = _anchor_point([anchors[p] for p in plans if p in anchors], n_anchors, radius, i)
        pos.update(zip(members, sunflower(center, len(members), spacing), strict=True))
    return pos


def _anchor_point(points: Sequence[Point], n_anchors: int, radius: float, index: int) -> Point:
    if not points:  # cited by nothing drawn: a small inner circle
        a = index * GOLDEN
        return (0.2 * radius * math.cos(a), 0.2 * radius * math.sin(a))
    x = sum(p[0] for p in points) / len(points)
    y = sum(p[1] for p in points) / len(points)
    norm = math.hypot(x, y) or 1.0
    share = (len(points) - 1) / max(n_anchors - 1, 1)  # 0 for one plan, 1 for all of them
    r = radius * (0.8 - 0.8 * share ** 0.5)
    return (x / norm * r, y / norm * r)


# ---------------------------------------------------------------- forces


def settle(start: dict[str, Point], fixed: Iterable[str], edges: Iterable[tuple[str, str]], k: float,
           iterations: int = 80) -> dict[str, Point]:
    """Fruchterman-Reingold from `start`, `fixed` nodes held in place, repulsion only within 3k (a k-d
    tree finds those pairs), then label overlaps removed. Deterministic: no randomness at all."""
    import numpy as np

    keys = sorted(start)
    if not keys:
        return {}
    index = {key: i for i, key in enumerate(keys)}
    p = np.array([start[key] for key in keys], dtype=float)
    held = set(fixed)
    mobile = np.array([0.0 if key in held else 1.0 for key in keys])
    e = np.array(sorted({(index[s], index[t]) for s, t in edges if s in index and t in index and s != t}),
                 dtype=int).reshape(-1, 2)
    temperature = 2.0 * k
    for step in range(iterations):
        disp = _repulsion(p, k) + _attraction(p, e, k)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        limit = temperature * (1 - step / iterations) + 0.05 * k  # cools down: big moves first, then small
        p += disp / length[:, None] * np.minimum(length, limit)[:, None] * mobile[:, None]
    pts = spread([(float(x), float(y)) for x, y in p], 0.6 * k, [key in held for key in keys])
    return dict(zip(keys, pts, strict=True))


def _repulsion(p: np.ndarray, k: float) -> np.ndarray:
    import numpy as np

    pairs = _pairs(p, 3.0 * k)
    disp = np.zeros_like(p)
    if len(pairs):
        i, j = pairs[:, 0], pairs[:, 1]
        d = p[i] - p[j]
        dist2 = np.maximum((d ** 2).sum(axis=1), 1e-6)
        f = d * (k * k / dist2)[:, None]  # k²/dist along the unit vector
        np.add.at(disp, i, f)
        np.add.at(disp, j, -f)
    return disp


def _attraction(p: np.ndarray, e: np.ndarray, k: float) -> np.ndarray:
    import numpy as np

    disp = np.zeros_like(p)
    if len(e):
        d = p[e[:, 0]] - p[e[:, 1]]
        dist = np.hypot(d[:, 0], d[:, 1])
        f = d * (dist / k)[:, None]  # dist²/k along the unit vector
        np.add.at(disp, e[:, 0], -f)
        np.add.at(disp, e[:, 1], f)
    return disp


def _pairs(p: np.ndarray, radius: float) -> np.ndarray:
    """Index pairs (i < j) closer than `radius`, in a stable order."""
    import numpy as np
    from scipy.spatial import cKDTree

    pairs = cKDTree(p).query_pairs(radius, output_type="ndarray")
    if not len(pairs):
        return pairs
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def spread(points: list[Point], spacing: float, fixed: Sequence[bool] = (), iterations: int = 100) -> list[Point]:
    """Push apart points whose label boxes would overlap (about 2 × spacing wide, 0.8 × spacing tall):
    a dense core opens up instead of piling labels on each other. `fixed` points do not move."""
    import numpy as np

    n = len(points)
    if n < 2:
        return list(points)
    box = np.array([2.0 * spacing, 0.8 * spacing])
    mobile = np.array([0.0 if f else 1.0 for f in fixed] if fixed else [1.0] * n)
    # a fixed nudge per index, so coinciding points separate the same way on every build
    nudge = np.stack([np.cos(np.arange(n)), np.sin(np.arange(n))], axis=1) * 1e-3
    q = np.array(points, dtype=float) / box + nudge * mobile[:, None]
    for _ in range(iterations):
        pairs = _pairs(q, 1.0)
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        d = q[i] - q[j]
        dist = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
        push = d / dist[:, None] * (1.0 - dist)[:, None]
        share = mobile[i] + mobile[j]
        ok = share > 0
        moves = np.zeros_like(q)
        np.add.at(moves, i[ok], (push * (mobile[i] / np.maximum(share, 1e-9))[:, None])[ok])
        np.add.at(moves, j[ok], (-push * (mobile[j] / np.maximum(share, 1e-9))[:, None])[ok])
        q += 0.5 * moves
    return [(float(x), float(y)) for x, y in q * box]


# ---------------------------------------------------------------- coordination: groups of agencies


@dataclass(frozen=True)
class Clusters:
    positions: dict[str, Point]
    name_size: float  # canvas units the groups' names may be drawn at: the band above each has room for it


def clusters(groups: Sequence[tuple[str | None, Sequence[str]]], edges: Iterable[tuple[str, str, float]],
             spacing: float, aspect: float = 0.8, view_height: float = 900.0, name_px: float = 13.0) -> Clusters:
    """Each group laid out on its own (its connected parts by a spring layout, then packed in rows), then
    the groups packed in rows into a box about `aspect` wide for 1 tall (the canvas between the side
    panels): no room goes to waste, so the page opens as close in as it can while showing every group.
    The group without a name (national) comes first, then the tallest. Above each group a band is kept
    for its name, sized so the name is `name_px` on a canvas `view_height` tall once the whole is fitted
    to it: the more groups, the farther out that view, the larger the names in canvas units, so the
    packing is done again until they agree."""
    edges = list(edges)
    local = [(name, _group(list(members), edges, spacing)) for name, members in groups]
    name_size = GROUP_NAME_MIN
    for _ in range(6):
        positions, fit = _pack(local, spacing, name_size, aspect)
        needed = name_px / max(view_height * fit, 1e-9)
        if needed <= name_size * 1.05:
            break
        name_size = needed
    return Clusters(positions, name_size)


GROUP_NAME_MIN = 60.0  # canvas units: a group's name is never smaller than this, close in
GROUP_NAME_GAP = 45.0  # canvas units between a group's top node and its name's baseline (network.js)
NATIONAL_NAME = "Trung ương (national)"  # how the pages name the group without a province


def _pack(local: list[tuple[str | None, dict[str, Point]]], spacing: float, name_size: float,
          aspect: float) -> tuple[dict[str, Point], float]:
    """The groups packed, and the scale at which the whole fits a box `aspect` wide for 1 tall."""
    band = max(1.6 * spacing, GROUP_NAME_GAP + 1.15 * name_size)
    char = 0.72 * name_size  # a character of a bold name, at most
    boxes = []
    for name, pos in local:
        xs = [p[0] for p in pos.values()] or [0.0]
        ys = [p[1] for p in pos.values()] or [0.0]
        # labels sit under their nodes and run sideways; the group's name sits in a band above it, and a
        # group narrower than its name is widened so two names never run into each other
        half = max((max(xs) - min(xs)) / 2 + spacing, len(name or NATIONAL_NAME) * char / 2 + spacing / 4)
        mid = (max(xs) + min(xs)) / 2
        boxes.append((mid - half, min(ys) - band, mid + half, max(ys) + spacing))
    order = sorted(range(len(local)), key=lambda i: (local[i][0] is not None, -(boxes[i][3] - boxes[i][1]),
                                                     local[i][0] or ""))
    sizes = [(boxes[i][2] - boxes[i][0], boxes[i][3] - boxes[i][1]) for i in order]
    corners, fit = _best_rows(sizes, aspect)
    out: dict[str, Point] = {}
    for i, (x, y) in zip(order, corners, strict=True):
        x0, y0 = boxes[i][0], boxes[i][1]
        out.update({k: (x + p[0] - x0, y + p[1] - y0) for k, p in local[i][1].items()})
    return out, fit


def _best_rows(sizes: list[tuple[float, float]], aspect: float) -> tuple[list[Point], float]:
    """Top-left corners for boxes laid left to right in rows: of every row width worth trying, the one
    whose whole fits a box of `aspect` (width / height) at the largest scale; and that scale."""
    if not sizes:
        return [], 1.0
    widest = max(w for w, _ in sizes)
    total = sum(w for w, _ in sizes)
    best: tuple[float, list[Point]] | None = None
    for step in range(41):
        limit = widest + (total - widest) * step / 40
        corners, width, height = _rows(sizes, limit)
        scale = min(aspect / width, 1.0 / height)
        if best is None or scale > best[0] + 1e-12:
            best = (scale, corners)
    assert best is not None
    return best[1], best[0]


def _rows(sizes: list[tuple[float, float]], limit: float) -> tuple[list[Point], float, float]:
    corners: list[Point] = []
    x = y = row = width = 0.0
    for w, h in sizes:
        if x > 0 and x + w > limit + 1e-9:
            x, y, row = 0.0, y + row, 0.0
        corners.append((x, y))
        x, row = x + w, max(row, h)
        width = max(width, x)
    return corners, width, y + row


def _group(members: list[str], edges: list[tuple[str, str, float]], spacing: float) -> dict[str, Point]:
    """One group around (0, 0): each connected part laid out alone, the parts packed in rows, largest first."""
    import networkx as nx

    inside = set(members)
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(sorted(inside))  # sorted insertion: the same input gives the same picture
    g.add_edges_from(sorted((s, t) for s, t, _ in edges if s in inside and t in inside and s != t))
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    return _shelves([_component(g.subgraph(c), spacing) for c in parts], spacing)


def _component(g: nx.Graph, spacing: float) -> dict[str, Point]:
    """A connected part with edges about `spacing` long, centred on (0, 0), label overlaps pushed apart."""
    import networkx as nx

    nodes = sorted(g.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    edges = sorted(g.edges)
    if len(nodes) > 300:  # networkx' spring layout is quadratic per step: ours only looks at neighbours
        pts = settle(dict(zip(nodes, sunflower((0.0, 0.0), len(nodes), spacing), strict=True)), (), edges, spacing)
        return _centred(pts)
    sub: nx.Graph[str] = nx.Graph()
    sub.add_nodes_from(nodes)  # sorted insertion: the seed sees the same order every build
    sub.add_edges_from(edges)
    raw = nx.spring_layout(sub, seed=7, iterations=100)
    lengths = [math.dist(raw[s], raw[t]) for s, t in edges]
    factor = spacing / max(sum(lengths) / len(lengths), 1e-9)
    spread_out = spread([(float(raw[k][0]) * factor, float(raw[k][1]) * factor) for k in nodes], spacing)
    return _centred(dict(zip(nodes, spread_out, strict=True)))


def _centred(pos: dict[str, Point]) -> dict[str, Point]:
    cx = sum(p[0] for p in pos.values()) / len(pos)
    cy = sum(p[1] for p in pos.values()) / len(pos)
    return {k: (x - cx, y - cy) for k, (x, y) in pos.items()}


def _shelves(shapes: list[dict[str, Point]], spacing: float) -> dict[str, Point]:
    """Pack parts left to right in rows about as wide as the whole is tall, then centre the result."""
    boxes = []
    for pos in shapes:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        # labels are wider than tall: more room sideways
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + 2.0 * spacing, max(ys) - min(ys) + 0.9 * spacing))
    width = max(max((b[2] for b in boxes), default=0.0), math.sqrt(sum(b[2] * b[3] for b in boxes)) * 1.1)
    out: dict[str, Point] = {}
    x = y = row = 0.0
    for pos, (x0, y0, w, h) in zip(shapes, boxes, strict=True):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        out.update({k: (x + p[0] - x0, y + p[1] - y0) for k, p in pos.items()})
        x, row = x + w, max(row, h)
    if not out:
        return out
    cx = (min(p[0] for p in out.values()) + max(p[0] for p in out.values())) / 2
    cy = (min(p[1] for p in out.values()) + max(p[1] for p in out.values())) / 2
    return {k: (p[0] - cx, p[1] - cy) for k, p in out.items()}
