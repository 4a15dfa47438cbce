"""Extraction scored against a gold file: the figures ../shared/tools/score_extraction.py prints.

Ported here so `cancu score` works without ../shared; the matching rules are the shared scorer's,
unchanged (tests/test_scoring.py checks both print the same on the seeds and the real plans). The
gold is the shared JSON format, or a corrections.yaml: the plans a team corrected, as corrected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

Key = tuple[str, ...] | tuple[str, str | None]


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip().lower()


def year_of(c: dict[str, Any]) -> str | None:
    if c.get("date"):
        return str(c["date"])[:4]
    m = re.search(r"/(\d{4})/", c.get("number") or "")
    return m.group(1) if m else None


def cite_key(c: dict[str, Any]) -> tuple[str, str | None] | None:
    num = fold(c.get("number") or "").replace(" ", "")
    if not num or not re.match(r"^\d", num):
        return None
    num = num.replace("qd-tt/", "qd-ttg/")
    return (num, year_of(c))


def named_key(c: dict[str, Any]) -> tuple[str, str, str] | None:
    """A document cited by name and date without a number (a Luật, mostly): its type and date."""
    if c.get("date") and c.get("type"):
        return ("named", fold(c["type"]), str(c["date"])[:10])
    return None


def gold_keys(cites: list[dict[str, Any]]) -> set[Key]:
    """A gold document by number and year; one without a number (a Luật by name) by type and date."""
    return {k for c in cites if (k := cite_key(c) or named_key(c)) is not None}


def pred_keys(cites: list[dict[str, Any]], gold: set[Key]) -> set[Key]:
    """One key per predicted citation. A prediction matches a number-less gold document by type and
    date, whether or not it also found the number (through a catalogue of laws, say)."""
    keys: set[Key] = set()
    for c in cites:
        nk = named_key(c)
        k = nk if nk in gold else (cite_key(c) or nk)
        if k is not None:
            keys.add(k)
    return keys


def prf(pred: set[Key], gold: set[Key]) -> tuple[float, float, float, int]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else (1.0 if not gold else 0.0)
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp


def agency_norm(a: str) -> str:
    a = fold(a)
    a = re.sub(r"^(cac|co quan|don vi)\s+", "", a)
    a = a.replace("uy ban nhan dan", "ubnd").replace("thong tin va truyen thong", "tt&tt")
    a = a.replace("phat thanh - truyen hinh", "phat thanh va truyen hinh")
    return re.sub(r"[^a-z0-9& ]", "", a).strip()


GENERIC = re.compile(r"lien quan|^(cac )?(co quan|don vi|dia phuong|nganh)(,? (co quan|don vi|dia phuong|nganh))*$"
                     r"|^chinh quyen")


def generic(a: str) -> bool:
    """Unspecified parties ('các cơ quan, đơn vị có liên quan') name no agency: left out on both sides."""
    return bool(GENERIC.search(fold(a).replace(",", ", ").replace("  ", " ")))


def similar(a: str, b: str) -> bool:
    a, b = agency_norm(a), agency_norm(b)
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.85 or (len(a) > 6 and (a in b or b in a))


def pairs(activities: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(lead, cooperating) pairs of a plan's activities; a lead without partners pairs with '-'."""
    out = []
    for act in activities:
        leads = [x for x in (act.get("lead") or []) if not generic(x)]
        coops = [x for x in (act.get("cooperating") or []) if not generic(x)] or ["-"]
        out += [(lead, c) for lead in leads for c in coops]
    return out


def same_pair(p: tuple[str, str], g: tuple[str, str]) -> bool:
    (pl, pc), (gl, gc) = p, g
    if "-" in (pc, gc):
        return pc == gc and similar(pl, gl)
    return (similar(pl, gl) and similar(pc, gc)) or (similar(pl, gc) and similar(pc, gl))


def match_count(pred: list[str], gold: list[str]) -> int:
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and similar(p, g):
                used.add(i)
                tp += 1
                break
    return tp


def coordination_pairs(g: dict[str, Any], rec: dict[str, Any] | None) -> tuple[list[tuple[str, str]], ...]:
    """Gold pairs, borderline (optional) gold pairs, and predicted pairs."""
    gp = pairs([c for c in g["coordination"] if not c.get("optional")])
    optional = pairs([c for c in g["coordination"] if c.get("optional")])
    pp = pairs((rec or {}).get("activities") or [])
    return gp, optional, pp


@dataclass
class Minimums:
    basis: float = 0.0
    all: float = 0.0
    coord: float = 0.0
    meta: float = 0.0


@dataclass
class Score:
    """The scorer's lines, as it prints them, and whether every measure held its minimum."""

    lines: list[str] = field(default_factory=list)
    f1: dict[str, float] = field(default_factory=dict)
    metadata: float = 0.0
    failed: list[str] = field(default_factory=list)


def by_file(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """`cancu extract --json` records by file name, as the scorer matches them to the gold."""
    return {str(rec.get("source", "")).replace("\\", "/").rsplit("/", 1)[-1]: rec for rec in records}


# over 60 lines: a port of the shared scorer's main(), kept whole so it reads line for line against it
def score(gold: list[dict[str, Any]], out: dict[str, dict[str, Any]], mins: Minimums | None = None) -> Score:
    """The shared scorer's main(), printing into Score.lines."""
    mins = mins or Minimums()
    res = Score()
    sums = {"basis": [0, 0, 0], "all": [0, 0, 0], "coord": [0, 0, 0]}
    meta_ok = meta_n = 0
    for g in gold:
        rec = out.get(g["file"])
        cites = (rec or {}).get("citations") or []
        gb = gold_keys(g["legal_bases"])
        ga = gb | gold_keys(g.get("mentions", []))
        # documents named inside a basis line without being bases themselves count neither way
        nested = gold_keys(g.get("nested_in_bases", []))
        pb = pred_keys([c for c in cites if c.get("role") == "legal_basis"], gb) - (nested - gb)
        pa = pred_keys(cites, ga) - (nested - ga)
        for k, p, gg in (("basis", pb, gb), ("all", pa, ga)):
            _, _, _, tp = prf(p, gg)
            sums[k][0] += tp
            sums[k][1] += len(p)
            sums[k][2] += len(gg)
        missing = sorted(str(x) for x in ga - pa)
        extra = sorted(str(x) for x in pa - ga)
        res.lines.append(f"{g['file']}: citations found {len(pa & ga)}/{len(ga)}; missing {missing[:6]}; "
                         f"extra {extra[:6]}")
        # pairs are compared unordered: who works with whom matters, not which side the text named first
        if "coordination" not in g:  # the gold does not annotate this plan's coordination
            gp: list[tuple[str, str]] = []
            optional: list[tuple[str, str]] = []
            pp: list[tuple[str, str]] = []
        else:
            gp, optional, pp = coordination_pairs(g, rec)
        used: set[int] = set()
        tp = 0
        for gl, gc in gp:
            for i, (pl, pc) in enumerate(pp):
                if i not in used and same_pair((pl, pc), (gl, gc)):
                    used.add(i)
                    tp += 1
                    break
        # a predicted pair left over that matches a borderline (optional) gold pair counts neither way
        neutral = 0
        for o in optional:
            for i, pr in enumerate(pp):
                if i not in used and same_pair(pr, o):
                    used.add(i)
                    neutral += 1
                    break
        sums["coord"][0] += tp
        sums["coord"][1] += len(pp) - neutral
        sums["coord"][2] += len(gp)
        plan = (rec or {}).get("plan") or {}
        gplan = g["plan"]
        for name in ("number", "date", "province"):
            want = gplan.get(name)
            got = plan.get(name)
            meta_n += 1
            if (want is None and not got) or (want is not None and got is not None
                                              and fold(str(got)) == fold(str(want))):
                meta_ok += 1
    for k, (tp, np_, ng) in sums.items():
        precision = tp / np_ if np_ else (1.0 if not ng else 0.0)
        recall = tp / ng if ng else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        res.f1[k] = f1
        res.lines.append(f"{k}: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f} "
                         f"({tp} of {ng} gold, {np_} predicted)")
    meta = res.metadata = meta_ok / meta_n if meta_n else 0.0
    res.lines.append(f"plan metadata (number, date, province): {meta_ok}/{meta_n} = {meta:.3f}")
    for k, m in (("basis", mins.basis), ("all", mins.all), ("coord", mins.coord)):
        if res.f1[k] < m:
            res.failed.append(f"{k} F1 {res.f1[k]:.3f} < {m}")
    if meta < mins.meta:
        res.failed.append(f"metadata {meta:.3f} < {mins.meta}")
    summary = (f"legal-basis F1 {res.f1['basis']:.3f}, all-citation F1 {res.f1['all']:.3f}, "
               f"coordination F1 {res.f1['coord']:.3f}, metadata {meta:.3f}")
    # print(a, b) puts one space between: the shared scorer's last line, character for character
    res.lines.append(("FALLS SHORT: " + "; ".join(res.failed) + " | " if res.failed else "holds | ") + " " + summary)
    return res
