"""Apply corrections.yaml to extracted records, after extraction and before the graph model.

Each change is either applied, and the fact it makes keeps its provenance plus the line of the file
that made it ('corrections.yaml line 12'), or stale: the plan no longer says what the change was
written against (the text changed, or the extractor now reads it right). A stale change is never
applied; the build reports it (manifest.json "corrections", a warning) and `cancu validate` lists it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cancu.corrections_file import FILE_NAME, Change, Corrections, Entry
from cancu.corrections_file import read as read_corrections
from cancu.loaders.extract.records import LEGAL_BASIS, Activity, AgencyRef, Citation, PlanMeta, PlanRecord, Span
from cancu.ontology.knowledge import Knowledge, fold, knowledge, number_key

__all__ = ["Outcome", "apply", "find", "read_corrections", "summary"]

_PLAN_FIELDS = {"type": "doc_type"}  # corrections.yaml name → PlanMeta attribute, where they differ
_INT_FIELDS = ("year", "month")


@dataclass
class Outcome:
    """What became of one plan's changes: the lines applied, and the stale ones with why."""

    applied: list[int] = field(default_factory=list)
    stale: dict[int, str] = field(default_factory=dict)

    def to_json(self, corrections: Corrections) -> dict[str, Any]:
        return {"file": corrections.name, "applied": sorted(self.applied),
                "stale": [{"line": k, "message": v} for k, v in sorted(self.stale.items())]}


def find(paths: list[str], given: str | Path | None = None) -> Corrections | None:
    """The corrections a build uses: the file given, else a corrections.yaml in a folder it reads."""
    if given is not None:
        return read_corrections(given)
    for p in paths:
        candidate = Path(p) / FILE_NAME
        if Path(p).is_dir() and candidate.is_file():
            return read_corrections(candidate)
    return None


def entries_for(rec: PlanRecord, corrections: Corrections, path: str | None = None) -> list[Entry]:
    p = rec.plan
    out = [e for e in corrections.entries if e.number and p.number and number_key(e.number) == number_key(p.number)
           and (e.date is None or e.date == p.date)]
    hashed = [e for e in corrections.entries if e.sha256]
    if hashed:
        try:
            digest = hashlib.sha256(Path(path or rec.source).read_bytes()).hexdigest()
        except OSError:
            digest = ""
        out += [e for e in hashed if digest and e.sha256 and len(e.sha256) >= 12 and digest.startswith(e.sha256)]
    return out


def apply(rec: PlanRecord, corrections: Corrections, kb: Knowledge | None = None,
          path: str | None = None) -> PlanRecord:
    """The record with its plan's changes made; what was applied or stale is in rec.loader["corrections"].
    `path`: where the file is, when rec.source is its name relative to the corpus."""
    entries = entries_for(rec, corrections, path)
    if not entries:
        return rec
    kb = kb or knowledge()
    outcome = Outcome()
    state = _State(rec, corrections, kb)
    for entry in entries:
        for change in entry.changes:
            why = state.change(change)
            if why is None:
                outcome.applied.append(change.line)
            else:
                outcome.stale[change.line] = f"{change.describe()}: {why}"
    loader = {**rec.loader, "corrections": outcome.to_json(corrections)}
    return replace(state.record(), loader=loader)


def summary(corrections: Corrections, sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The build's account of the file: every change applied somewhere, or stale with why. A change no
    plan took is stale: its plan was not found, or each plan it matched found it stale."""
    applied: set[int] = set()
    stale: dict[int, str] = {}
    for s in sources:
        report = s.get("corrections") or {}
        applied.update(report.get("applied", []))
        stale.update({x["line"]: x["message"] for x in report.get("stale", [])})
    for e in corrections.entries:
        for c in e.changes:
            if c.line not in applied and c.line not in stale:
                stale[c.line] = f"{c.describe()}: no plan with {e.names()} was read"
    return {"file": str(corrections.path), "applied": sorted(applied),
            "stale": [{"line": k, "message": v} for k, v in sorted(stale.items()) if k not in applied]}


class _State:
    """One plan's record being corrected: each change returns None when made, else why it is stale."""

    def __init__(self, rec: PlanRecord, corrections: Corrections, kb: Knowledge) -> None:
        self.rec, self.corrections, self.kb = rec, corrections, kb
        self.plan: PlanMeta = rec.plan
        self.citations: list[Citation] = list(rec.citations)
        self.activities: list[Activity] = list(rec.activities)
        self.notes: list[str] = list(rec.plan.corrections)

    def record(self) -> PlanRecord:
        plan = replace(self.plan, corrections=tuple(self.notes))
        citations = sorted(self.citations, key=lambda c: (c.role != LEGAL_BASIS, c.span.line))  # as extract sorts
        return replace(self.rec, plan=plan, citations=tuple(citations), activities=tuple(self.activities))

    def change(self, c: Change) -> str | None:
        if c.kind == "set":
            return self._set(c)
        if c.kind == "remove":
            return self._remove(c)
        if c.kind == "add":
            return self._add(c)
        return self._agencies(c)

    def _note(self, c: Change, what: str) -> None:
        self.notes.append(f"{what}: {self.corrections.where(c.line)}")

    def _set(self, c: Change) -> str | None:
        attr = _PLAN_FIELDS.get(c.field or "", c.field or "")
        value: str | int = int(c.value) if c.field in _INT_FIELDS else c.value
        old = getattr(self.plan, attr)
        if old == value:
            return f"the plan already reads '{old}'"
        changed: dict[str, Any] = {attr: value}  # a field named in the file: no static type to check
        self.plan = replace(self.plan, **changed)
        self._note(c, f"{c.field} '{old or ''}' → '{value}'")
        return None

    def _matches(self, cit: Citation, value: str) -> bool:
        if cit.number and number_key(cit.number) == number_key(value):
            return True
        return cit.key == value or (cit.name is not None and fold(cit.name) == fold(value))

    def _remove(self, c: Change) -> str | None:
        hit = [x for x in self.citations if x.role == c.role and self._matches(x, c.value)]
        if not hit:
            return f"the plan has no {_role(c.role)} '{c.value}'"
        self.citations = [x for x in self.citations if x not in hit]
        self._note(c, f"removed {_role(c.role)} '{c.value}' (line {hit[0].span.line})")
        return None

    def _add(self, c: Change) -> str | None:
        cit = _read_citation(c.value, self.rec, self.kb, c.role or LEGAL_BASIS)
        if cit is None:
            return f"no numbered document or law read in '{c.value}'"
        same = [x for x in self.citations if x.key == cit.key or (x.number and x.number == cit.number)]
        if any(x.role == c.role for x in same):
            return f"the plan already has it as a {_role(c.role)} (line {same[0].span.line})"
        span = Span(self.rec.source, c.at or (same[0].span.line if same else 1), c.value)
        cit = replace(cit, span=span, occurrences=(span,), corrected=self.corrections.where(c.line))
        # cited in another role (a mention that is a basis): the one document, in the role given
        self.citations = [x for x in self.citations if x not in same] + [cit]
        self._note(c, f"added {_role(c.role)} '{cit.number or cit.name}'")
        return None

    def _agencies(self, c: Change) -> str | None:
        acts = [a for a in self.activities if fold(a.id) == fold(c.activity or "")]
        if not acts:
            return f"the plan has no activity '{c.activity}'"
        side = "lead" if c.kind.endswith("lead") else "cooperating"
        where = self.corrections.where(c.line)
        for act in acts:
            refs: list[AgencyRef] = list(getattr(act, side))
            if c.kind == side:  # the whole list replaced
                if [fold(r.name) for r in refs] == [fold(n) for n in c.names]:
                    return f"activity {c.activity} already reads {', '.join(c.names) or 'none'} as {side}"
                # the names already read keep their reading; only the new ones are the reviewer's
                known = {fold(r.name): r for r in refs}
                new = [known.get(fold(n)) or _agency(n, self.rec, self.kb, act.span.line, where) for n in c.names]
                what = f"activity {act.id}: {side} set to {', '.join(c.names) or 'none'}"
            elif c.kind.startswith("add_"):
                ref = _agency(c.value, self.rec, self.kb, act.span.line, where)
                if any(r.key == ref.key or fold(r.name) == fold(c.value) for r in refs):
                    return f"activity {c.activity} already has '{c.value}' as {side}"
                new, what = [*refs, ref], f"activity {act.id}: added {side} '{ref.name}'"
            else:
                new = [r for r in refs if fold(c.value) not in (fold(r.name), fold(r.raw)) and r.key != c.value]
                if len(new) == len(refs):
                    return f"activity {c.activity} has no {side} '{c.value}'"
                what = f"activity {act.id}: removed {side} '{c.value}'"
            sides: dict[str, Any] = {side: tuple(new)}
            self.activities[self.activities.index(act)] = replace(act, **sides)
            self._note(c, what)
        return None


def _role(role: str | None) -> str:
    return "legal basis" if role == LEGAL_BASIS else (role or "citation")


def _read_citation(text: str, rec: PlanRecord, kb: Knowledge, role: str) -> Citation | None:
    """The citation a human wrote, read as the extractor reads a plan's line, in the plan's province:
    so it gets the key the same document has when another plan cites it."""
    from cancu.loaders.extract import plan as ex
    from cancu.loaders.extract.citations import read_hits, read_named_laws
    from cancu.loaders.read.text import SourceText

    src = SourceText.from_string(text, rec.source)
    province = kb.province_by_id.get(rec.plan.province_id or "")
    hits = read_hits(src, kb, province, rec.plan.district) or read_named_laws(src, kb, [], [(0, len(src.text))])
    if not hits:
        return None
    h = hits[0]
    clause = "can_cu" if role == LEGAL_BASIS else None
    return replace(ex._citation(ex._key(h, kb, {}), [(h, role, clause)], rec.source, kb, []), role=role)


def _agency(name: str, rec: PlanRecord, kb: Knowledge, line: int, where: str) -> AgencyRef:
    """An agency a human named, resolved as the extractor resolves one in the plan's province."""
    from cancu.loaders.extract.agencies import Found, resolve, split_agencies

    province = kb.province_by_id.get(rec.plan.province_id or "")
    issuer = kb.agency_by_id.get(rec.plan.issuer_id or "")
    found = [f for f in split_agencies(name, fold(name), kb, stop_at_verbs=False) if not f.generic]
    one = found[0] if len(found) == 1 else Found(0, len(name), name, None)
    return replace(resolve(one, kb, province, issuer, line), raw=name, corrected=where)
