"""The two network pages, built with pyvis: documents cited by plans, and agencies working together.

pyvis holds the nodes, edges and vis options; the page around them is our own template (pyvis' stock
one pulls Bootstrap from a CDN and renders tooltips as HTML); what a page is made of is in network_page.py.
Positions come from cancu.viz.layout and physics stays off in the browser. Every string from a plan
travels as data: tooltips are plain text (vis-network 9 sets string titles with innerText) and the side
panel builds its DOM with textContent.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from cancu.graph import model as m
from cancu.viz import layout
from cancu.viz.network_page import (
    EDGE_STYLES,
    FONT,
    LegendItem,
    LegendSection,
    NetworkPage,
    Select,
    new_network,
    vis_options,
)
from cancu.viz.util import (
    AGENCY_LEVELS,
    DOC_LEVELS,
    EDGE_LABELS,
    NATIONAL,
    PLAN_BORDER,
    PLAN_COLOUR,
    TYPE_PALETTE,
    agency_level,
    clause_label,
    doc_level,
    short,
    where,
)
from pyvis.network import Network  # type: ignore[import-untyped]  # the library ships no type hints

CITATION_TYPES = (m.LEGAL_BASIS, m.PROPOSAL, m.MENTIONS, m.NAMES)
COORDINATION_TYPES = (m.COOPERATING, m.INVITED, m.PART_OF)
MAX_OCCURRENCES = 50  # citing texts kept per edge and provenance per node: a tooltip, not a dump
PROMINENT = 12  # agencies that lead most, labelled at any zoom; and the one that leads most in each province
LABEL_MIN_PX = 9  # other labels are drawn only from this size on screen: smaller ones are clutter, not text


def _edge_order(k: tuple[str, str, str]) -> tuple[int, str, str]:
    """Edges in type order, then by ends: the page lists them the same way every build."""
    return (list(EDGE_STYLES).index(k[2]), k[0], k[1])


def _occurrence(e: m.Edge) -> dict[str, Any]:
    return {"file": e.get("file"), "line": e.get("line"), "text": e.get("text"),
            "clause": clause_label(e.get("clause"))}


def _occurrence_lines(occ: list[dict[str, Any]], limit: int = 4) -> list[str]:
    lines = [f"{where(o.get('file'), o.get('line'))} — {short(o.get('text'), 110)}" for o in occ[:limit]]
    if len(occ) > limit:
        lines.append(f"… +{len(occ) - limit}")
    return lines


def _tooltip(lines: list[str | None]) -> str:
    """Plain text (one fact a line): vis-network shows string titles with innerText, never as HTML."""
    return "\n".join(line for line in lines if line)


def _prov(node: m.Node) -> list[dict[str, Any]]:
    keep = sorted(node.provenance, key=lambda p: (str(p.get("file") or ""), p.get("line") or 0))
    return [{"file": p.get("file"), "line": p.get("line"), "text": p.get("text")} for p in keep[:MAX_OCCURRENCES]]


def _info(pairs: list[tuple[str, Any]]) -> list[list[str]]:
    return [[k, str(v)] for k, v in pairs if v not in (None, "", [], 0)]


def _line_item(etype: str) -> LegendItem:
    st = EDGE_STYLES[etype]
    return LegendItem(EDGE_LABELS[etype], st["color"], "line", st["dashes"], st["width"])


# ---------------------------------------------------------------- citations


def plan_label(node: m.Node) -> str:
    p = node.props
    return f"{p.get('number') or 'Kế hoạch (không số)'}\n{p.get('province') or ''} {p.get('year') or ''}".strip()


def doc_label(node: m.Node) -> str:
    return node.props.get("number") or short(node.props.get("title"), 28) or node.key


def plan_sort_key(node: m.Node) -> tuple[str, int, str, str]:
    p = node.props
    return (p.get("province") or "", p.get("year") or 0, p.get("number") or "", node.key)


def citation_page(model: m.Model, slugs: dict[str, str]) -> NetworkPage:
    plans = sorted(model.nodes_of(m.PLAN), key=plan_sort_key)
    docs = sorted((n for n in model.nodes_of(m.DOCUMENT) if m.PLAN not in n.labels), key=lambda n: n.key)
    drawn = {n.key for n in plans} | {n.key for n in docs}
    grouped: dict[tuple[str, str, str], list[m.Edge]] = defaultdict(list)
    for e in model.edges_of(*CITATION_TYPES):
        if e.source in drawn and e.target in drawn:
            grouped[(e.source, e.target, e.type)].append(e)
    citing: dict[str, list[str]] = defaultdict(list)
    for s, t, _ in grouped:
        citing[t].append(s)

    by_province: dict[str, list[str]] = defaultdict(list)
    for p in plans:
        by_province[p.props.get("province") or NATIONAL].append(p.key)
    ring, radius = layout.ring([by_province[k] for k in sorted(by_province)], spacing=150, min_radius=320)
    start = {**ring, **layout.around(ring, {d.key: citing.get(d.key, []) for d in docs}, radius, spacing=46)}
    pos = layout.settle(start, ring, [(s, t) for s, t, _ in grouped], k=100)

    type_colour = _type_colours(docs)
    n_bases = Counter(s for s, _, etype in grouped if etype in (m.LEGAL_BASIS, m.PROPOSAL))
    net = new_network("Mạng trích dẫn (citation network)")
    for p in plans:
        _add_plan(net, model, p, pos[p.key], slugs, citing.get(p.key, []), n_bases[p.key])
    for d in docs:
        _add_document(net, model, d, pos[d.key], type_colour, citing.get(d.key, []))
    for i, ((s, t, etype), edges) in enumerate(sorted(grouped.items(), key=lambda kv: _edge_order(kv[0]))):
        _add_citation_edge(net, model, f"c{i}", s, t, etype, edges)
    net.options = vis_options(len(drawn), len(grouped), font_size=15)
    return NetworkPage(
        file="citations.html",
        title="Mạng trích dẫn (citation network)",
        intro="Kế hoạch (◆) và các văn bản chúng trích dẫn; kích thước = số kế hoạch lấy làm căn cứ.",
        net=net,
        legend=_citation_legend(docs, type_colour, {etype for _, _, etype in grouped}),
        selects=_citation_selects(plans, docs),
        edge_types=[(t, EDGE_LABELS[t]) for t in CITATION_TYPES],
        # province names under the plans' own labels, away from the edges fanning out above them
        groups=[{"label": prov, "members": keys, "below": True} for prov, keys in sorted(by_province.items())],
        colour_modes=[("level", "Cấp (level)"), ("type", "Loại (type)")],
        search_hint="Số hiệu, vd. 76/NQ-CP (number)",
    )


def _type_colours(docs: list[m.Node]) -> dict[str, str]:
    counts = Counter(d.props.get("type") or "Không rõ (unknown)" for d in docs)
    ordered = sorted(counts, key=lambda t: (-counts[t], t))
    return {t: TYPE_PALETTE[i] if i < len(TYPE_PALETTE) else "#95a5a6" for i, t in enumerate(ordered)}


def _doc_type(node: m.Node) -> str:
    return node.props.get("type") or "Không rõ (unknown)"


def _add_plan(net: Network, model: m.Model, p: m.Node, xy: tuple[float, float], slugs: dict[str, str],
              cited_by: list[str], n_basis: int) -> None:
    props = p.props
    # a plan another plan cites shows up under that plan's province and year too
    provinces = sorted({props.get("province") or NATIONAL} | {_plan_province(model, k) for k in cited_by})
    years = sorted({str(props.get("year") or "")} | {str(model.nodes[k].props.get("year") or "") for k in cited_by})
    info = _info([("Số hiệu (number)", props.get("number") or "không số (unnumbered)"),
                  ("Loại (type)", props.get("type")), ("Ngày (date)", props.get("date")),
                  ("Cơ quan ban hành (issuer)", props.get("issuer")), ("Trích yếu (title)", props.get("title")),
                  ("Tỉnh (province)", props.get("province")), ("Năm (year)", props.get("year")),
                  ("Số căn cứ (legal bases)", n_basis), ("Tệp (file)", props.get("source"))])
    colour = {"background": PLAN_COLOUR, "border": PLAN_BORDER,
              "highlight": {"background": "#f9e79f", "border": "#7d6608"},
              "hover": {"background": "#f9e79f", "border": "#7d6608"}}
    net.add_node(p.key, label=plan_label(p), shape="diamond", color=colour, size=20, x=round(xy[0]), y=round(xy[1]),
                 fixed=True, kind="plan", heading=plan_label(p).replace("\n", " · "), info=info, prov=_prov(p),
                 page=f"plans/{slugs[p.key]}.html", colors={"level": colour, "type": colour},
                 search=_search_terms(p), provinces=provinces, years=years, anchor=True,  # no dtype: always kept
                 font={"size": 16, "face": FONT, "strokeWidth": 4, "strokeColor": "#ffffff"},
                 title=_tooltip([plan_label(p).replace("\n", " · "), short(props.get("title"), 160),
                                 props.get("issuer"), props.get("date") and f"Ngày {props['date']}",
                                 f"{n_basis} căn cứ pháp lý" + (f" · được {len(cited_by)} kế hoạch trích dẫn"
                                                               if cited_by else "")]))


def _add_document(net: Network, model: m.Model, d: m.Node, xy: tuple[float, float], type_colour: dict[str, str],
                  cited_by: list[str]) -> None:
    props = d.props
    level = doc_level(d)
    lbc = int(props.get("legal_basis_count") or 0)
    cc = int(props.get("citation_count") or 0)
    spellings = [s for s in props.get("written_as") or [] if s != props.get("number")]
    info = _info([("Số hiệu (number)", props.get("number")), ("Loại (type)", props.get("type")),
                  ("Ngày (date)", props.get("date")), ("Cơ quan ban hành (issuer)", props.get("issuer")),
                  ("Trích yếu (title)", props.get("title")), ("Cấp (level)", DOC_LEVELS[level][0]),
                  ("Tỉnh (province)", props.get("province")), ("Cũng viết là (also written)", ", ".join(spellings)),
                  ("Căn cứ của (legal basis of)", lbc and f"{lbc} kế hoạch (plans)"),
                  ("Được trích dẫn (cited)", cc and f"{cc} lần (times)"),
                  ("Chưa xác định đủ (unresolved)", "có" if props.get("resolved") is False else None)])
    colours = {"level": DOC_LEVELS[level][1], "type": type_colour[_doc_type(d)]}
    plans = sorted(set(cited_by))
    net.add_node(d.key, label=doc_label(d), shape="dot", color=colours["level"], size=round(9 + 6 * math.sqrt(lbc), 2),
                 x=round(xy[0]), y=round(xy[1]), kind="document", heading=doc_label(d), info=info, prov=_prov(d),
                 colors=colours, search=_search_terms(d), dtype=[_doc_type(d)],
                 provinces=sorted({_plan_province(model, k) for k in plans}) or [props.get("province") or NATIONAL],
                 years=sorted({str(model.nodes[k].props.get("year") or "") for k in plans}),
                 title=_tooltip([doc_label(d), " · ".join(str(x) for x in (props.get("type"), props.get("date")) if x),
                                 props.get("issuer") and f"Ban hành: {props['issuer']}",
                                 props.get("title") and short(props["title"], 200),
                                 f"{DOC_LEVELS[level][0]} · căn cứ của {lbc} kế hoạch · trích dẫn {cc} lần",
                                 *(["Trích dẫn tại (cited at):", *_occurrence_lines(_prov(d), 3)] if d.provenance
                                   else [])]))


def _plan_province(model: m.Model, key: str) -> str:
    return model.nodes[key].props.get("province") or NATIONAL


def _search_terms(node: m.Node) -> list[str]:
    p = node.props
    terms = [p.get("number"), *(p.get("written_as") or []), p.get("name"), p.get("title")]
    out: list[str] = []
    for t in terms:
        if t and t not in out:
            out.append(str(t))
    return out or [node.key]


def _add_citation_edge(net: Network, model: m.Model, eid: str, s: str, t: str, etype: str,
                       edges: list[m.Edge]) -> None:
    occ = sorted((_occurrence(e) for e in edges), key=lambda o: (str(o["file"] or ""), o["line"] or 0))
    plan = model.nodes[s].props
    st = EDGE_STYLES[etype]
    net.add_edge(s, t, id=eid, etype=etype, color={"color": st["color"], "highlight": "#e74c3c", "hover": "#e74c3c"},
                 width=st["width"], dashes=st["dashes"], cites=occ[:MAX_OCCURRENCES], heading=EDGE_LABELS[etype],
                 provinces=[plan.get("province") or NATIONAL], years=[str(plan.get("year") or "")],
                 title=_tooltip([EDGE_LABELS[etype],
                                 f"{plan_label(model.nodes[s]).replace(chr(10), ' · ')} → {doc_label(model.nodes[t])}",
                                 *_occurrence_lines(occ)]))


def _citation_legend(docs: list[m.Node], type_colour: dict[str, str], etypes: set[str]) -> list[LegendSection]:
    levels = sorted({doc_level(d) for d in docs}, key=list(DOC_LEVELS).index)
    return [
        LegendSection("Nút (nodes)", [LegendItem("Kế hoạch (plan)", PLAN_COLOUR, "diamond"),
                                      LegendItem("Văn bản; to = nhiều căn cứ (document; size = legal bases)",
                                                 "#ffffff", "dot")]),
        LegendSection("Cấp văn bản (document level)", [LegendItem(DOC_LEVELS[lv][0], DOC_LEVELS[lv][1])
                                                        for lv in levels], mode="level"),
        LegendSection("Loại văn bản (document type)", [LegendItem(t, c) for t, c in type_colour.items()], mode="type"),
        LegendSection("Cạnh (edges)", [_line_item(t) for t in CITATION_TYPES if t in etypes]),
    ]


def _citation_selects(plans: list[m.Node], docs: list[m.Node]) -> list[Select]:
    provinces = sorted({p.props.get("province") or NATIONAL for p in plans})
    years = sorted({str(p.props.get("year")) for p in plans if p.props.get("year")})
    types = sorted({_doc_type(d) for d in docs})
    return [Select("provinces", "Tỉnh (province)", [(p, p) for p in provinces]),
            Select("years", "Năm (year)", [(y, y) for y in years]),
            Select("dtype", "Loại văn bản (type)", [(t, t) for t in types])]


# ---------------------------------------------------------------- coordination


def coordination_pairs(model: m.Model) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """(lead, other, COOPERATING|INVITED) → one entry per shared activity, with where it was read."""
    roles: dict[str, dict[str, list[m.Edge]]] = defaultdict(lambda: defaultdict(list))
    for e in model.edges_of(m.LEAD, m.COOPERATING, m.INVITED):
        roles[e.source][e.type].append(e)
    pairs: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for act_key in sorted(roles):
        act = model.nodes.get(act_key)
        for lead in roles[act_key][m.LEAD]:
            for etype in (m.COOPERATING, m.INVITED):
                for other in roles[act_key][etype]:
                    if other.target == lead.target:
                        continue
                    pairs[(lead.target, other.target, etype)].setdefault(act_key, _activity_occurrence(act, other))
    return {k: [v[a] for a in sorted(v)] for k, v in pairs.items()}


def _activity_occurrence(act: m.Node | None, edge: m.Edge) -> dict[str, Any]:
    props = act.props if act else {}
    return {"file": edge.get("file"), "line": edge.get("line"), "text": edge.get("text"),
            "activity": props.get("id"), "title": short(props.get("title"), 200), "plan": props.get("plan"),
            "province": props.get("province") or NATIONAL, "year": str(props.get("year") or "")}


def coordination_page(model: m.Model) -> NetworkPage:
    agencies = sorted(model.nodes_of(m.AGENCY), key=lambda n: n.key)
    keys = {a.key for a in agencies}
    pairs = {k: v for k, v in coordination_pairs(model).items() if k[0] in keys and k[1] in keys}
    part_of = sorted({(e.source, e.target) for e in model.edges_of(m.PART_OF) if e.source in keys and e.target in keys})
    involved: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (lead, other, _), occ in pairs.items():
        involved[lead] += occ
        involved[other] += occ

    by_province: dict[str | None, list[str]] = defaultdict(list)
    for a in agencies:
        by_province[a.props.get("province")].append(a.key)
    weighted = [(lead, other, float(len(occ))) for (lead, other, _), occ in pairs.items()]
    laid = layout.clusters(sorted(by_province.items(), key=lambda kv: (kv[0] is not None, kv[0] or "")),
                           weighted + [(s, t, 0.5) for s, t in part_of], spacing=90)
    pos = laid.positions
    prominent = prominent_agencies(agencies)

    net = new_network("Mạng phối hợp (coordination network)")
    for a in agencies:
        _add_agency(net, a, pos[a.key], involved.get(a.key, []), a.key in prominent)
    edges = sorted([(lead, other, etype) for lead, other, etype in pairs] + [(s, t, m.PART_OF) for s, t in part_of],
                   key=_edge_order)
    for i, (s, t, etype) in enumerate(edges):
        _add_coordination_edge(net, model, f"a{i}", s, t, etype, pairs.get((s, t, etype), []))
    net.options = vis_options(len(agencies), len(edges), font_size=15)
    net.options["nodes"]["scaling"] = {"label": {"enabled": False, "drawThreshold": LABEL_MIN_PX}}
    return NetworkPage(
        file="coordination.html",
        title="Mạng phối hợp (coordination network)",
        intro="Cơ quan chủ trì → cơ quan phối hợp; độ dày = số hoạt động chung, kích thước = số hoạt động chủ trì.",
        net=net,
        legend=_coordination_legend(agencies, {e[2] for e in edges}),
        selects=_coordination_selects(agencies, pairs),
        edge_types=[(t, EDGE_LABELS[t]) for t in COORDINATION_TYPES],
        groups=[{"label": prov or NATIONAL, "members": ks} for prov, ks in sorted(by_province.items(),
                                                                                   key=lambda kv: kv[0] or "")],
        search_hint="Tên cơ quan, vd. Sở Nội vụ (agency name)",
        picker=sorted(p or NATIONAL for p in by_province) if len(by_province) > 1 else [],
        group_name_size=laid.name_size,
    )


def prominent_agencies(agencies: list[m.Node]) -> set[str]:
    """The agencies whose names the page keeps readable zoomed out: the PROMINENT that lead most, and the
    one that leads most in each province (every cluster says who drives it)."""
    def led(a: m.Node) -> int:
        return int(a.props.get("activities_led") or 0)

    ranked = sorted((a for a in agencies if led(a)), key=lambda a: (-led(a), a.key))
    keep = {a.key for a in ranked[:PROMINENT]}
    seen: set[str | None] = set()
    for a in ranked:
        if a.props.get("province") not in seen:
            seen.add(a.props.get("province"))
            keep.add(a.key)
    return keep


def _kind(node: m.Node) -> str:
    return "Tập thể (collective)" if node.props.get("kind") == "collective" else "Cơ quan (agency)"


def _add_agency(net: Network, a: m.Node, xy: tuple[float, float], involved: list[dict[str, Any]],
                prominent: bool) -> None:
    props = a.props
    level = agency_level(a)
    led = int(props.get("activities_led") or 0)
    collective = props.get("kind") == "collective"
    info = _info([("Tên (name)", props.get("name")), ("Tỉnh (province)", props.get("province") or NATIONAL),
                  ("Cấp (level)", AGENCY_LEVELS[level][0]), ("Loại (kind)", _kind(a)),
                  ("Chủ trì (activities led)", led), ("Cộng đồng (community)", props.get("community")),
                  ("Trung gian (betweenness)", props.get("betweenness") or None), ("Mã (id)", props.get("agency_id"))])
    provinces = sorted({o["province"] for o in involved} | {props.get("province") or NATIONAL})
    years = sorted({o["year"] for o in involved if o["year"]})
    net.add_node(a.key, label=short(props.get("name") or a.key, 26), shape="triangle" if collective else "dot",
                 color=AGENCY_LEVELS[level][1], size=round(10 + 5 * math.sqrt(led), 2), x=round(xy[0]),
                 y=round(xy[1]), kind="agency", heading=props.get("name") or a.key, info=info, prov=_prov(a),
                 search=_search_terms(a), provinces=provinces, years=years, akind=[_kind(a)],
                 home=props.get("province") or NATIONAL, led=led, prominent=prominent,
                 shapeProperties={"borderDashes": [3, 3]} if collective else {},
                 title=_tooltip([props.get("name"), f"{props.get('province') or NATIONAL} · {AGENCY_LEVELS[level][0]}",
                                 _kind(a), f"Chủ trì {led} hoạt động (activities led)",
                                 *(["Đọc từ (read from):", *_occurrence_lines(_prov(a), 2)] if a.provenance else [])]))


def _add_coordination_edge(net: Network, model: m.Model, eid: str, s: str, t: str, etype: str,
                           occ: list[dict[str, Any]]) -> None:
    st = EDGE_STYLES[etype]
    names = f"{model.nodes[s].props.get('name') or s} → {model.nodes[t].props.get('name') or t}"
    opts: dict[str, Any] = {"id": eid, "etype": etype, "dashes": st["dashes"], "heading": EDGE_LABELS[etype],
                            "cites": occ[:MAX_OCCURRENCES],
                            "color": {"color": st["color"], "highlight": "#e74c3c", "hover": "#e74c3c",
                                      "opacity": 0.7 if etype == m.PART_OF else 1.0}}
    if etype == m.PART_OF:
        opts.update(width=st["width"], arrows={"to": {"enabled": True, "scaleFactor": 0.35}},
                    title=_tooltip([EDGE_LABELS[etype], names]))
    else:
        weight = len(occ)
        opts.update(width=round(min(9.0, st["width"] + 1.4 * (weight - 1)), 2), weight=weight,
                    label=str(weight) if weight > 1 else None, font={"size": 11, "color": "#566573"},
                    provinces=sorted({o["province"] for o in occ}), years=sorted({o["year"] for o in occ if o["year"]}),
                    title=_tooltip([EDGE_LABELS[etype], names, f"{weight} hoạt động chung (shared activities)",
                                    *[f"{o['activity'] or ''} {short(o['title'], 90)} ({where(o['file'], o['line'])})"
                                      for o in occ[:4]], f"… +{weight - 4}" if weight > 4 else None]))
    net.add_edge(s, t, **{k: v for k, v in opts.items() if v is not None})


def _coordination_legend(agencies: list[m.Node], etypes: set[str]) -> list[LegendSection]:
    levels = sorted({agency_level(a) for a in agencies}, key=list(AGENCY_LEVELS).index)
    return [
        LegendSection("Nút (nodes)", [LegendItem("Cơ quan; to = nhiều hoạt động chủ trì (agency; size = led)",
                                                 "#ffffff", "dot"),
                                      LegendItem("Tập thể (collective party)", "#ffffff", "triangle")]),
        LegendSection("Cấp cơ quan (agency level)", [LegendItem(AGENCY_LEVELS[lv][0], AGENCY_LEVELS[lv][1])
                                                      for lv in levels]),
        LegendSection("Cạnh (edges)", [_line_item(t) for t in COORDINATION_TYPES if t in etypes]),
    ]


def _coordination_selects(agencies: list[m.Node],
                          pairs: dict[tuple[str, str, str], list[dict[str, Any]]]) -> list[Select]:
    provinces = sorted({a.props.get("province") or NATIONAL for a in agencies})
    years = sorted({o["year"] for occ in pairs.values() for o in occ if o["year"]})
    kinds = sorted({_kind(a) for a in agencies})
    return [Select("provinces", "Tỉnh (province)", [(p, p) for p in provinces]),
            Select("years", "Năm (year)", [(y, y) for y in years]),
            Select("akind", "Loại (kind)", [(k, k) for k in kinds], neighbours=True)]
