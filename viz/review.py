"""The review page of a plan: its source lines beside every fact read from them, linked both ways.

Each fact (a metadata field, a legal basis or mention, an activity with its lead and cooperating
agencies) lists the lines it was read from, its review flags and correction, and the corrections.yaml
entry that would change it, to copy (cancu/corrections_file.py reads it back).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml
from cancu.graph import model as m

_ROLE = {m.LEGAL_BASIS: ("legal_basis", "Căn cứ pháp lý (legal basis)", "legal_bases"),
         m.PROPOSAL: ("legal_basis", "Theo đề nghị (proposal)", "legal_bases"),
         m.MENTIONS: ("mention", "Nhắc đến (mention)", "mentions")}
_SET_NOTE = re.compile(r"(number|date) '([^']*)' → ")  # cancu/corrections.py's note of a field set
_META = (("number", "Số (number)"), ("date", "Ngày (date)"), ("title", "Trích yếu (title)"),
         ("issuer", "Cơ quan ban hành (issuer)"), ("year", "Năm (year)"))


def review_context(model: m.Model, plan: m.Node, out: dict[str, list[m.Edge]],
                   index_out: dict[str, dict[str, list[m.Edge]]], kept: dict[str, Any]) -> dict[str, Any]:
    """Lines and facts of one plan; `out` is the plan's edges by type, `index_out` every node's."""
    lines: list[str] = kept.get("lines") or []
    ident = _ident(plan, kept)
    facts = _metadata(plan, lines, ident)
    for etype in (m.LEGAL_BASIS, m.PROPOSAL, m.MENTIONS):
        facts += _citations(model, out[etype], etype, ident)
    facts += _activities(model, out[m.HAS_ACTIVITY], index_out, ident)
    for i, f in enumerate(facts, 1):
        f["id"] = f"f{i}"
    read = {n for f in facts for n in f["lines"]}
    # composed for display: a file in decomposed Unicode shows its tone marks beside the letters
    return {"lines": [{"n": n, "text": unicodedata.normalize("NFC", t), "read": n in read}
                      for n, t in enumerate(lines, 1)],
            "facts": facts, "plan_notes": plan.props.get("corrections") or [],
            "plan_flags": plan.props.get("flags") or []}


def _ident(plan: m.Node, kept: dict[str, Any]) -> dict[str, str]:
    """How corrections.yaml names this plan: number and date as read, else the file's sha256."""
    p = plan.props
    read = {k: p.get(k) for k in ("number", "date")}
    for note in p.get("corrections") or []:  # a corrected field: corrections.yaml names the plan as it was read
        m = _SET_NOTE.match(note)
        if m:
            read[m.group(1)] = m.group(2) or None
    if read["number"]:
        return {k: str(v) for k, v in read.items() if v}
    return {"sha256": str(kept.get("sha256") or "")[:16]}


def snippet(ident: dict[str, str], change: dict[str, Any]) -> str:
    """One corrections.yaml entry, quoted by the YAML writer so any text a plan holds reads back."""
    return yaml.safe_dump([{"plan": ident, **change}], allow_unicode=True, sort_keys=False, width=1000,
                          default_flow_style=None)


def _fact(kind: str, label: str, value: str, lines: list[int], yaml_text: str, flags: list[str] | None = None,
          corrected: str | None = None, detail: str = "") -> dict[str, Any]:
    return {"kind": kind, "label": label, "value": value, "lines": sorted(set(n for n in lines if n)),
            "flags": flags or [], "corrected": corrected, "yaml": yaml_text, "detail": detail}


def _metadata(plan: m.Node, lines: list[str], ident: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for name, label in _META:
        value = plan.props.get(name)
        if value in (None, ""):
            continue
        out.append(_fact("metadata", label, str(value), [_line_showing(name, str(value), lines)],
                         snippet(ident, {"set": {name: str(value)}})))
    return out


def _line_showing(name: str, value: str, lines: list[str]) -> int:
    """The line a header field is read from (the records keep no line for them): the first that
    shows it, found as the header writes it. 0 when none does."""
    if name == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        y, mo, d = (int(x) for x in value.split("-"))
        pat = re.compile(rf"ngày\s*0?{d}\s*tháng\s*0?{mo}\s*năm\s*{y}|0?{d}/0?{mo}/{y}", re.I)
    elif name == "year":
        return 0
    else:  # compared without spaces: 'Số: 1183 /KH-UBND'
        pat = re.compile(re.escape(re.sub(r"\s+", "", value)[:40]), re.I)
    return next((i for i, t in enumerate(lines, 1)
                 if pat.search(re.sub(r"\s+", "", unicodedata.normalize("NFC", t)))), 0)


def _citations(model: m.Model, edges: list[m.Edge], etype: str, ident: dict[str, str]) -> list[dict[str, Any]]:
    kind, label, section = _ROLE[etype]
    by_doc: dict[str, list[m.Edge]] = {}
    for e in edges:
        by_doc.setdefault(e.target, []).append(e)
    out = []
    for target, es in by_doc.items():
        d = model.nodes[target].props if target in model.nodes else {}
        name = d.get("number") or d.get("title") or target
        detail = " · ".join(str(x) for x in (d.get("type"), d.get("date"), d.get("issuer")) if x)
        flags = [f for e in es if e.get("flags") for f in str(e.get("flags")).split("; ")]
        corrected = next((e.get("corrected") for e in es if e.get("corrected")), None)
        out.append(_fact(kind, label, str(name), [e.get("line") for e in es],
                         snippet(ident, {section: {"remove": [str(name)]}}), flags, corrected, detail))
    return sorted(out, key=lambda f: (f["lines"] or [0])[0])


def _activities(model: m.Model, has: list[m.Edge], index_out: dict[str, dict[str, list[m.Edge]]],
                ident: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for key in sorted({e.target for e in has if e.target in model.nodes}):
        act = model.nodes[key]
        prov = act.provenance[0] if act.provenance else {}
        roles: dict[str, list[str]] = {}
        flags: list[str] = []
        corrected = []
        for etype, side in ((m.LEAD, "lead"), (m.COOPERATING, "cooperating")):
            names = roles.setdefault(side, [])
            for e in index_out[key][etype]:
                name = (model.nodes[e.target].props.get("name") if e.target in model.nodes else None) or e.target
                if name not in names:
                    names.append(name)
                if e.get("flags"):
                    flags += [f"{name}: {f}" for f in str(e.get("flags")).split("; ")]
                if e.get("corrected"):
                    corrected.append(f"{name}: {e.get('corrected')}")
        aid = str(act.props.get("id") or "")
        detail = f"Chủ trì (lead): {', '.join(roles['lead']) or '–'} · Phối hợp (cooperating): " \
                 f"{', '.join(roles['cooperating']) or '–'}"
        out.append(_fact("activity", f"Hoạt động {aid} (activity)", str(act.props.get("title") or ""),
                         [prov.get("line") or 0],
                         snippet(ident, {"activities": [{"id": aid, "lead": roles["lead"],
                                                         "cooperating": roles["cooperating"]}]}),
                         flags, "; ".join(corrected) or None, detail))
    return sorted(out, key=lambda f: (f["lines"] or [0])[0])
