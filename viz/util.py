"""Helpers shared by the pages: labels, palettes, links, safe embedding of data and the template engine."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cancu.graph import model as m
from cancu.loaders.extract.identity import NodeKey
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
ASSETS = HERE / "assets"

# Vietnamese first, English in parentheses: the readers are Vietnamese officials, the code is not.
EDGE_LABELS = {
    m.LEGAL_BASIS: "Căn cứ pháp lý (legal basis)",
    m.PROPOSAL: "Theo đề nghị (proposal)",
    m.MENTIONS: "Nhắc đến (mention)",
    m.NAMES: "Nêu tên (named)",
    m.REFERS_TO: "Căn cứ nêu đến (basis refers to)",
    m.ISSUED_BY: "Ban hành bởi (issued by)",
    m.SIGNED_BY: "Người ký (signed by)",
    m.HAS_ACTIVITY: "Có hoạt động (has activity)",
    m.LEAD: "Chủ trì (lead)",
    m.COOPERATING: "Chủ trì → phối hợp (lead → cooperating)",
    m.INVITED: "Chủ trì → mời tham gia (lead → invited)",
    m.RECIPIENT: "Nơi nhận (recipient)",
    m.IN_PROVINCE: "Thuộc tỉnh (in province)",
    m.PART_OF: "Trực thuộc (part of)",
    m.SUCCEEDED_BY: "Được kế thừa bởi (succeeded by)",
}
LABEL_NAMES = {
    m.DOCUMENT: "Văn bản (documents)",
    m.PLAN: "Kế hoạch (plans)",
    m.AGENCY: "Cơ quan (agencies)",
    m.ACTIVITY: "Hoạt động (activities)",
    m.PROVINCE: "Tỉnh, thành (provinces)",
    m.PERSON: "Người ký (signers)",
}

# document levels (node prop `level`) → (label, colour)
DOC_LEVELS = {
    "national": ("Trung ương (national)", "#c0392b"),
    "ministry": ("Bộ, ngành (ministry)", "#e67e22"),
    "party_central": ("Đảng – trung ương (party, central)", "#8e44ad"),
    "province": ("Tỉnh (province)", "#2471a3"),
    "department": ("Sở, ngành (department)", "#138d75"),
    "party_local": ("Đảng – địa phương (party, local)", "#d35fb7"),
    "unknown": ("Chưa rõ (unknown)", "#95a5a6"),
}
# agency levels (from ontology/data/agencies.yaml) → (label, colour); anything else is 'other'
AGENCY_LEVELS = {
    "government": ("Chính phủ (government)", "#c0392b"),
    "ministry": ("Bộ (ministry)", "#e67e22"),
    "ministry_unit": ("Đơn vị thuộc Bộ (ministry unit)", "#f0b27a"),
    "party": ("Đảng (party)", "#8e44ad"),
    "province": ("Tỉnh (province)", "#2471a3"),
    "department": ("Sở, ngành (department)", "#138d75"),
    "department_unit": ("Đơn vị thuộc Sở (department unit)", "#73c6b6"),
    "district": ("Huyện (district)", "#5dade2"),
    "commune": ("Xã (commune)", "#aed6f1"),
    "mass_org": ("Đoàn thể (mass organisation)", "#d35fb7"),
    "media": ("Báo chí (media)", "#f1c40f"),
    "education": ("Giáo dục (education)", "#7dcea0"),
    "other": ("Khác (other)", "#95a5a6"),
}
# categorical palette for document types (colour-by-type view), assigned in order of frequency
TYPE_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                "#bcbd22", "#393b79", "#637939", "#843c39")
PLAN_COLOUR = "#f4d03f"
PLAN_BORDER = "#9a7d0a"
CENTRAL_LEVELS = ("national", "ministry", "party_central")
NATIONAL = "Trung ương (national)"  # the 'province' of agencies and documents without one


def short(text: Any, limit: int = 60) -> str:
    """One line, at most `limit` characters (labels on the canvas must stay readable)."""
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def basename(path: str | None) -> str:
    return Path(path).name if path else ""


def where(file: str | None, line: Any) -> str:
    """'file.txt:12' for lists; the full path stays available in details."""
    name = basename(file)
    if line in (None, ""):
        return name
    return f"{name}:{line}" if name else f"dòng {line}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "plan"


# the longest page name before '.html': file systems refuse names over 255 bytes, and people read them
MAX_PAGE_NAME = 80


def bounded(name: str, key: str) -> str:
    """`name` cut to MAX_PAGE_NAME, with a short hash of the whole `key` so that two long names sharing
    their beginning stay two pages."""
    if len(name) <= MAX_PAGE_NAME:
        return name
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return f"{name[:MAX_PAGE_NAME - len(digest) - 1].rstrip('-')}-{digest}"


def plan_slugs(plan_keys: list[str], years: dict[str, Any] | None = None) -> dict[str, str]:
    """A unique file slug per plan key, stable for the same set of keys. A plan's page is named by the
    year it covers (`years`, as the index files it), not the year its number was issued in."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for key in sorted(plan_keys):
        node = NodeKey.parse(key)  # 'doc/…' for a numbered plan, 'plan/…' for one without a number
        doc, year = node.document, (years or {}).get(key)
        if doc is not None and isinstance(year, int) and doc.year is not None:
            doc = replace(doc, year=year)
        base = bounded(doc.slug if doc else slug(node.key), key)
        s, i = base, 2
        while s in used:
            s, i = f"{base}-{i}", i + 1
        used.add(s)
        out[key] = s
    return out


def node_link(page: str, key: str) -> str:
    """Link to a network page that selects the node on load (the page reads #node=…)."""
    return f"{page}#node={quote(key, safe='/')}"


def script_json(data: Any) -> Markup:
    """JSON safe inside a <script> element: no '<', '>', '&' or line separators can close it or be parsed
    as markup, whatever text the plans carry."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


@lru_cache(maxsize=1)
def _clauses() -> dict[str, str]:
    from cancu.ontology.knowledge import knowledge

    return {code: forms[0] for code, forms in knowledge().openers.items() if forms}


def clause_label(code: str | None) -> str | None:
    """'can_cu' → 'Căn cứ': the opener as written in the plans (ontology/data/doc_types.yaml)."""
    return _clauses().get(code, code) if code else None


def doc_level(node: m.Node) -> str:
    level = node.props.get("level")
    return level if level in DOC_LEVELS else "unknown"


def agency_level(node: m.Node) -> str:
    level = node.props.get("level")
    return level if level in AGENCY_LEVELS else "other"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Autoescaping everywhere: every string from a plan passes through markupsafe.escape."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["asset"] = asset
    env.filters["short"] = short
    env.filters["where"] = lambda item: where(item.get("file"), item.get("line"))
    env.filters["basename"] = basename
    return env


@cache
def asset(name: str) -> Markup:
    """Our own CSS/JS, inlined so that each page works alone from file:// with no request at all."""
    return Markup((ASSETS / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def vis_network() -> tuple[Markup, Markup]:
    """vis-network's JS and CSS as shipped inside pyvis (the in_line resources), never a CDN."""
    import pyvis  # type: ignore[import-untyped]  # the library ships no type hints

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # would end the inline element early
        raise RuntimeError("vis-network bundle cannot be inlined")
    return Markup(js), Markup(css)
