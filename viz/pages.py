"""Static pages for OUT/: an overview, the citation and coordination networks and one page per plan.

Each page is a single self-contained file (CSS and JS inlined, vis-network taken from pyvis' own
copy) so it opens from disk with no request; a Content-Security-Policy allows only the page's own
scripts, by hash, as a second line of defence behind escaping every string that comes from a plan.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from cancu.graph import model as m
from cancu.viz import networks
from cancu.viz.review import review_context
from cancu.viz.util import (
    CENTRAL_LEVELS,
    EDGE_LABELS,
    LABEL_NAMES,
    NATIONAL,
    asset,
    clause_label,
    doc_level,
    environment,
    node_link,
    plan_slugs,
    script_json,
    short,
    vis_network,
)
from markupsafe import Markup

from cancu import kept_sources

__all__ = ["write_pages"]

TOP = 20  # rows in the overview's rankings
NO_SCRIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def write_pages(model: m.Model, out: Path, kept: Path | None = None) -> list[Path]:
    """Write OUT/index.html, citations.html, coordination.html and plans/<slug>.html, and with the
    source lines a build `kept` (cancu/kept_sources.py) review/<slug>.html; return the paths."""
    out = Path(out)
    (out / "plans").mkdir(parents=True, exist_ok=True)
    slugs = plan_slugs([p.key for p in model.nodes_of(m.PLAN)])
    reviewed = frozenset(k for k in slugs if kept_sources.has(kept, model.nodes[k].props.get("source") or ""))
    files = [
        _write(out / "index.html", _render("index.html", root="", current="index", title="Tổng quan (overview)",
                                           csp=NO_SCRIPT_CSP, **index_context(model, slugs, reviewed))),
        _write_network(out, networks.citation_page(model, slugs), "citations"),
        _write_network(out, networks.coordination_page(model), "coordination"),
    ]
    index = EdgeIndex(model)
    review_js = asset("review.js")
    review_csp = NO_SCRIPT_CSP.replace("default-src 'none';", f"default-src 'none'; script-src {_sha256(review_js)};")
    for key, s in sorted(slugs.items(), key=lambda kv: kv[1]):
        ctx = plan_context(model, model.nodes[key], index)
        lines = kept_sources.load(kept, model.nodes[key].props.get("source") or "")
        ctx["review_href"] = f"../review/{s}.html" if lines is not None else None
        title = f"{ctx['plan']['number']} — {short(ctx['plan']['title'], 70)}"
        files.append(_write(out / "plans" / f"{s}.html",
                            _render("plan.html", root="../", current="plan", csp=NO_SCRIPT_CSP, title=title, **ctx)))
        if lines is not None:  # one plan's lines at a time: the corpus's text is never held at once
            (out / "review").mkdir(exist_ok=True)
            rctx = review_context(model, model.nodes[key], index.out[key], index.out, lines)
            files.append(_write(out / "review" / f"{s}.html",
                                _render("review.html", root="../", current="review", csp=review_csp,
                                        title=f"Soát xét (review) {title}", slug=s, plan=ctx["plan"],
                                        page_js=Markup(review_js), **rctx)))
    return files


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def _render(template: str, **ctx: Any) -> str:
    return environment().get_template(template).render(**ctx)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _write_network(out: Path, page: networks.NetworkPage, current: str) -> Path:
    vis_js, vis_css = vis_network()
    page_js = asset("network.js")
    # only these two inline scripts may run; the JSON data block is not a script (type application/json)
    csp = (f"default-src 'none'; script-src {_sha256(vis_js)} {_sha256(page_js)}; style-src 'unsafe-inline'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    html = _render("network.html", root="", current=current, title=page.title, csp=csp, page=page,
                   data=script_json(page.data()), vis_js=vis_js, vis_css=vis_css, page_js=Markup(page_js))
    return _write(out / page.file, html)


# ---------------------------------------------------------------- overview


def _plan_number(node: m.Node) -> str:
    return node.props.get("number") or "(không số)"


def index_context(model: m.Model, slugs: dict[str, str], reviewed: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The overview; `reviewed`: the plans (keys) that have a review page."""
    plans = sorted(model.nodes_of(m.PLAN), key=networks.plan_sort_key)
    bases = Counter(e.source for e in model.edges_of(m.LEGAL_BASIS, m.PROPOSAL))
    acts = Counter(e.source for e in model.edges_of(m.HAS_ACTIVITY))
    warns = Counter(w.get("file") for w in model.warnings)
    rows = [{"key": p.key, "href": f"plans/{slugs[p.key]}.html", "number": _plan_number(p),
             "province": p.props.get("province") or NATIONAL, "year": p.props.get("year") or "",
             "date": p.props.get("date") or "", "title": p.props.get("title") or "", "bases": bases[p.key],
             "activities": acts[p.key], "warnings": warns[p.props.get("source")],
             "flags": p.props.get("flag_count") or 0,
             "review_href": f"review/{slugs[p.key]}.html" if p.key in reviewed else None} for p in plans]
    plan_by_file = {p.props.get("source"): f"plans/{slugs[p.key]}.html" for p in plans}
    return {
        "counts": model.counts(),
        "n_docs": sum(1 for n in model.nodes_of(m.DOCUMENT) if m.PLAN not in n.labels),
        "label_names": list(LABEL_NAMES.items()),
        "edge_names": [(t, EDGE_LABELS[t]) for t in m.EDGE_TYPES],
        "plans": rows,
        # most flags first: where a reviewer's hour does most good
        "to_review": sorted((r for r in rows if r["flags"]), key=lambda r: -r["flags"]),
        "matrix": _matrix(rows),
        "central": _central_documents(model),
        "busiest": _busiest_agencies(model),
        "warnings": [{**_warning(w), "href": plan_by_file.get(w.get("file"))} for w in model.warnings],
    }


def _warning(w: dict[str, Any]) -> dict[str, Any]:
    """The fields the pages show, present even when a loader left one out."""
    return {"file": w.get("file") or "", "line": w.get("line"), "code": w.get("code") or "",
            "message": w.get("message") or ""}


def _matrix(rows: list[dict[str, Any]]) -> dict[str, Any]:
    cells: dict[tuple[str, Any], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        cells[(r["province"], r["year"])].append({"href": r["href"], "short": r["number"], "title": r["title"]})
    provinces = sorted({r["province"] for r in rows})
    years = sorted({r["year"] for r in rows}, key=str)
    return {"provinces": provinces, "years": years, "cells": dict(cells),
            "row_totals": {p: sum(1 for r in rows if r["province"] == p) for p in provinces},
            "col_totals": {y: sum(1 for r in rows if r["year"] == y) for y in years}}


def _central_documents(model: m.Model) -> list[dict[str, Any]]:
    docs = [n for n in model.nodes_of(m.DOCUMENT) if m.PLAN not in n.labels and doc_level(n) in CENTRAL_LEVELS
            and (n.props.get("citation_count") or n.props.get("legal_basis_count"))]
    docs.sort(key=lambda n: (-(n.props.get("legal_basis_count") or 0), -(n.props.get("citation_count") or 0),
                             n.props.get("number") or "", n.key))
    return [{"href": node_link("citations.html", n.key), "number": n.props.get("number") or short(n.props.get("title")),
             "type": n.props.get("type") or "", "date": n.props.get("date") or "",
             "issuer": n.props.get("issuer") or "", "title": n.props.get("title") or "",
             "lbc": n.props.get("legal_basis_count") or 0, "cc": n.props.get("citation_count") or 0}
            for n in docs[:TOP]]


def _busiest_agencies(model: m.Model) -> list[dict[str, Any]]:
    agencies = [n for n in model.nodes_of(m.AGENCY) if n.props.get("activities_led")]
    agencies.sort(key=lambda n: (-n.props["activities_led"], n.props.get("name") or "", n.key))
    return [{"href": node_link("coordination.html", n.key), "name": n.props.get("name") or n.key,
             "province": n.props.get("province") or NATIONAL,
             "kind": "Tập thể (collective)" if n.props.get("kind") == "collective" else "Cơ quan (agency)",
             "led": n.props["activities_led"]} for n in agencies[:TOP]]


# ---------------------------------------------------------------- one page per plan


class EdgeIndex:
    """Edges by source and by target, read once: a page per plan must not rescan the whole model."""

    def __init__(self, model: m.Model) -> None:
        self.out: dict[str, dict[str, list[m.Edge]]] = defaultdict(lambda: defaultdict(list))
        self.into: dict[str, dict[str, list[m.Edge]]] = defaultdict(lambda: defaultdict(list))
        for e in model.edges.values():
            self.out[e.source][e.type].append(e)
            self.into[e.target][e.type].append(e)


def plan_context(model: m.Model, plan: m.Node, index: EdgeIndex | None = None) -> dict[str, Any]:
    index = index or EdgeIndex(model)
    out = index.out[plan.key]
    p = plan.props
    signers = [f"{model.nodes[e.target].props.get('name')}" + (f" ({e.get('position')})" if e.get("position") else "")
               for e in out[m.SIGNED_BY] if e.target in model.nodes]
    return {
        "plan": {"number": _plan_number(plan), "type": p.get("type") or "Kế hoạch", "title": p.get("title") or "",
                 "province": p.get("province") or NATIONAL, "year": p.get("year") or "", "date": p.get("date") or "",
                 "issuer": p.get("issuer") or "", "source": p.get("source") or "", "signers": signers,
                 "citations_href": "../" + node_link("citations.html", plan.key),
                 "corrections": p.get("corrections") or [], "flags": p.get("flags") or []},
        "bases": _doc_rows(model, out[m.LEGAL_BASIS] + out[m.PROPOSAL]),
        "mentions": _doc_rows(model, out[m.MENTIONS] + out[m.NAMES]),
        "cited_by": _cited_by(model, plan, index),
        "activities": _activities(model, out[m.HAS_ACTIVITY], index),
        "recipients": sorted((_agency_ref(model, e) for e in out[m.RECIPIENT]),
                             key=lambda a: (a["line"] or 0, a["name"])),
        "warnings": [_warning(w) for w in model.warnings if w.get("file") == p.get("source")],
    }


def _doc_rows(model: m.Model, edges: list[m.Edge]) -> list[dict[str, Any]]:
    by_doc: dict[tuple[str, str], list[m.Edge]] = defaultdict(list)
    for e in edges:
        by_doc[(e.target, e.type)].append(e)
    rows = []
    for (target, etype), es in by_doc.items():
        d = model.nodes[target].props
        cites = sorted(({"file": e.get("file"), "line": e.get("line"), "text": e.get("text"),
                         "corrected": e.get("corrected"), "flags": e.get("flags")} for e in es),
                       key=lambda o: (o["line"] or 0, o["text"] or ""))
        clauses = sorted({c for e in es if (c := clause_label(e.get("clause")))})
        rows.append({"href": "../" + node_link("citations.html", target),
                     "number": d.get("number") or short(d.get("title"), 50) or target,
                     "kind": ", ".join(clauses) or (EDGE_LABELS[etype] if etype == m.NAMES else ""),
                     "type": d.get("type") or "", "date": d.get("date") or "", "issuer": d.get("issuer") or "",
                     "title": d.get("title") or "", "cites": cites, "first": cites[0]["line"] or 0 if cites else 0})
    return sorted(rows, key=lambda r: (r["first"], r["number"]))


def _cited_by(model: m.Model, plan: m.Node, index: EdgeIndex) -> list[dict[str, str]]:
    out = {}
    for e in (e for t in networks.CITATION_TYPES for e in index.into[plan.key][t]):
        if e.source in model.nodes:
            src = model.nodes[e.source]
            out[(e.source, e.type)] = {"href": "../" + node_link("citations.html", e.source),
                                       "label": f"{_plan_number(src)} — {short(src.props.get('title'), 80)}",
                                       "kind": EDGE_LABELS[e.type]}
    return [out[k] for k in sorted(out)]


def _agency_ref(model: m.Model, e: m.Edge) -> dict[str, Any]:
    a = model.nodes.get(e.target)
    props = a.props if a else {}
    return {"href": "../" + node_link("coordination.html", e.target), "name": props.get("name") or e.target,
            "collective": props.get("kind") == "collective", "text": e.get("text") or "", "file": e.get("file"),
            "line": e.get("line"), "corrected": e.get("corrected"), "flags": e.get("flags")}


def _activities(model: m.Model, has: list[m.Edge], index: EdgeIndex) -> list[dict[str, Any]]:
    rows = []
    for key in {e.target for e in has if e.target in model.nodes}:
        roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for etype in (m.LEAD, m.COOPERATING, m.INVITED):
            for e in index.out[key][etype]:
                ref = _agency_ref(model, e)
                if ref["name"] not in [r["name"] for r in roles[etype]]:
                    roles[etype].append(ref)
        act = model.nodes[key]
        prov = act.provenance[0] if act.provenance else {}
        rows.append({"id": act.props.get("id") or "", "title": act.props.get("title") or "",
                     "time": act.props.get("time") or "", "funding": act.props.get("funding") or "",
                     "line": prov.get("line") or "", "file": prov.get("file") or "",
                     "lead": roles[m.LEAD], "cooperating": roles[m.COOPERATING], "invited": roles[m.INVITED],
                     "key": key})
    return sorted(rows, key=lambda r: (r["line"] if isinstance(r["line"], int) else 0, r["key"]))
