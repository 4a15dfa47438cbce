"""The records loaders hand to the graph: small, frozen, plain-Python types.

Everything a plan says is kept with its provenance (`Span`: file, line, verbatim text), beside the
normalised reading; `to_json` gives the shape `cancu extract --json` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LEGAL_BASIS = "legal_basis"
MENTION = "mention"
NESTED = "nested"  # named only inside a basis line: related to that basis (Citation.nested_in), no basis itself


def flagged(out: dict[str, Any], flags: tuple[str, ...], corrected: str | None) -> dict[str, Any]:
    """A fact's JSON with its review flags and correction, each only where there is one: a clean
    fact prints as it did before flags existed."""
    if flags:
        out["flags"] = list(flags)
    if corrected:
        out["corrected"] = corrected
    return out


@dataclass(frozen=True, slots=True)
class Span:
    """Where a fact was read: file, 1-based line of the original file, and the verbatim text."""

    file: str
    line: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "text": self.text}


@dataclass(frozen=True, slots=True)
class Warning_:
    """Something that looked wrong in the text (a corrected typo, a blank number, an impossible date)."""

    code: str
    message: str
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "line": self.line}


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered document a plan refers to, normalised, with every place it was cited."""

    key: str
    role: str  # LEGAL_BASIS, MENTION or NESTED
    doc_type: str
    number: str | None  # canonical, diacritics restored: "749/QĐ-TTg"; None for a law cited by name alone
    date: str | None  # ISO
    year: int | None
    issuer: str | None  # canonical issuer name ("Chính phủ", "UBND tỉnh Tây Ninh")
    issuer_id: str | None  # agency id from ontology/data/agencies.yaml
    level: str  # national | ministry | party_central | province | department | party_local | unknown
    province: str | None  # the province a local number belongs to
    title: str | None
    clause: str | None  # can_cu | thuc_hien | theo_de_nghi | xet_de_nghi | None
    written_as: str  # the number as the text wrote it
    span: Span
    occurrences: tuple[Span, ...] = ()
    corrections: tuple[str, ...] = ()
    catalogued: bool = False  # found in the catalogue of well-known documents
    name: str | None = None  # the name a law is cited by, without a number ('Luật Quy hoạch')
    # keys of the bases whose line names this document: what they implement, amend, detail or repeat
    nested_in: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # why the reading is uncertain (see `flagged`)
    corrected: str | None = None  # 'corrections.yaml line 12' when a human added or changed it

    def to_json(self) -> dict[str, Any]:
        return flagged({
            "role": self.role,
            "type": self.doc_type,
            "number": self.number,
            "name": self.name,
            "date": self.date,
            "year": self.year,
            "issuer": self.issuer,
            "issuer_id": self.issuer_id,
            "level": self.level,
            "province": self.province,
            "title": self.title,
            "clause": self.clause,
            "written_as": self.written_as,
            "text": self.span.text,
            "line": self.span.line,
            "key": self.key,
            "lines": [s.line for s in self.occurrences],
            "corrections": list(self.corrections),
            "catalogued": self.catalogued,
            "nested_in": list(self.nested_in),
        }, self.flags, self.corrected)


@dataclass(frozen=True, slots=True)
class NamedReference:
    """A document referred to by name only; `number`/`key` set when the catalogue knows it."""

    name: str
    number: str | None
    key: str | None
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "document": self.number, "key": self.key,
                "text": self.span.text, "line": self.span.line}


@dataclass(frozen=True, slots=True)
class AgencyRef:
    """An agency as a plan names it, with the identity it resolves to (scoped to a province)."""

    name: str  # full standard name as written (abbreviations expanded, diacritics restored)
    key: str  # identity: "tay-ninh/so-noi-vu", "vn/bo-noi-vu", "tay-ninh/collective/ubnd-cap-huyen"
    agency_id: str | None  # entry in agencies.yaml, None for an agency the data does not know
    kind: str  # agency | collective
    province: str | None
    raw: str
    line: int
    flags: tuple[str, ...] = ()
    corrected: str | None = None

    def to_json(self) -> dict[str, Any]:
        return flagged({"name": self.name, "key": self.key, "id": self.agency_id, "kind": self.kind,
                        "province": self.province, "raw": self.raw, "line": self.line}, self.flags, self.corrected)


@dataclass(frozen=True, slots=True)
class Activity:
    """A task the plan assigns: who leads it, who cooperates, when, with what money."""

    id: str
    title: str
    lead: tuple[AgencyRef, ...]
    cooperating: tuple[AgencyRef, ...]
    invited: tuple[AgencyRef, ...]
    time: str | None
    funding: str | None
    span: Span
    flags: tuple[str, ...] = ()
    corrected: str | None = None

    def to_json(self) -> dict[str, Any]:
        return flagged({
            "id": self.id,
            "title": self.title,
            "lead": [a.name for a in self.lead],
            "cooperating": [a.name for a in self.cooperating],
            "invited": [a.name for a in self.invited],
            "lead_agencies": [a.to_json() for a in self.lead],
            "cooperating_agencies": [a.to_json() for a in self.cooperating],
            "time": self.time,
            "funding": self.funding,
            "line": self.span.line,
            "text": self.span.text,
        }, self.flags, self.corrected)


@dataclass(frozen=True, slots=True)
class Signer:
    name: str | None
    position: str | None  # "Phó Chủ tịch"
    authority: str | None  # "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"
    line: int | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "position": self.position, "authority": self.authority, "line": self.line}


@dataclass(frozen=True, slots=True)
class IssuedBy:
    """The decision (or resolution) that issues or approves a plan attached to it: 'Quyết định' /
    'Về việc ban hành Kế hoạch …'. The plan carries the decision's number and date."""

    doc_type: str
    title: str

    def to_json(self) -> dict[str, Any]:
        return {"type": self.doc_type, "title": self.title}


@dataclass(frozen=True, slots=True)
class PlanMeta:
    doc_type: str
    number: str | None  # "1183/KH-UBND"; None where the plan leaves it blank
    number_suffix: str | None  # "KH-UBND", also when the number is blank
    date: str | None
    year: int | None  # the year the plan covers
    month: int | None
    province: str | None
    province_id: str | None
    issuer: str | None
    issuer_id: str | None
    title: str | None
    signer: Signer | None
    key: str
    district: str | None = None  # 'huyện Lâm Hà' for a district's plan
    issued_by: IssuedBy | None = None  # the decision the plan is attached to, if any
    period: str | None = None  # what the title covers when not one year: '2026-2030', 'đến năm 2030'
    flags: tuple[str, ...] = ()  # the plan's own: no legal basis, no activity, an inferred date
    # what a human changed, one note a change: 'date: corrections.yaml line 7'
    corrections: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.doc_type,
            "number": self.number,
            "number_suffix": self.number_suffix,
            "date": self.date,
            "year": self.year,
            "period": self.period,
            "month": self.month,
            "province": self.province,
            "province_id": self.province_id,
            "issuer": self.issuer,
            "issuer_id": self.issuer_id,
            "district": self.district,
            "title": self.title,
            "signer": self.signer.to_json() if self.signer else None,
            "key": self.key,
            "issued_by": self.issued_by.to_json() if self.issued_by else None,
        }
        if self.corrections:
            out["corrections_applied"] = list(self.corrections)
        return flagged(out, self.flags, None)


@dataclass(frozen=True, slots=True)
class PlanRecord:
    """Everything extracted from one plan."""

    source: str
    plan: PlanMeta
    citations: tuple[Citation, ...]
    named_references: tuple[NamedReference, ...]
    activities: tuple[Activity, ...]
    recipients: tuple[AgencyRef, ...]
    warnings: tuple[Warning_, ...]
    loader: dict[str, Any] = field(default_factory=dict)
    # the file's lines as read, for the review pages (viz/review.py); never in the JSON
    source_lines: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def flag_count(self) -> int:
        """The review flags on the plan and every fact of it: how much of it wants a human's look."""
        agencies = [r for a in self.activities for r in (*a.lead, *a.cooperating)]
        return (len(self.plan.flags) + sum(len(c.flags) for c in self.citations)
                + sum(len(a.flags) for a in self.activities) + sum(len(r.flags) for r in agencies))

    def __post_init__(self) -> None:
        # in the order a reader meets them in the plan (the passes that find them run one after another);
        # a warning about the whole plan (no line) first
        ordered = tuple(sorted(self.warnings, key=lambda w: w.line or 0))
        if ordered != self.warnings:
            object.__setattr__(self, "warnings", ordered)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "plan": self.plan.to_json(),
            "citations": [c.to_json() for c in self.citations],
            "named_references": [n.to_json() for n in self.named_references],
            "activities": [a.to_json() for a in self.activities],
            "recipients": [r.to_json() for r in self.recipients],
            "warnings": [w.to_json() for w in self.warnings],
            "loader": self.loader,
        }
