"""Gold answers for `cancu score`: the shared JSON format (../shared/gold/*.json), or a corrections.yaml,
whose corrected plans are their own gold: a team that corrects plans measures the extractor on them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cancu.errors import CancuError
from cancu.loaders.extract.records import LEGAL_BASIS, MENTION, NESTED, PlanRecord

GoldPlan = dict[str, Any]


def read_gold(path: str | Path, records: list[PlanRecord]) -> list[GoldPlan]:
    """The gold plans in `path`: JSON read as it is; YAML as the records with the corrections made."""
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml"):
        return _from_corrections(p, records)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CancuError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise CancuError(f"{p}: not JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("plans"), list):
        raise CancuError(f"{p}: not a gold file: expected {{\"plans\": [...]}} as in ../shared/gold/seeds.json")
    return data["plans"]


def _from_corrections(path: Path, records: list[PlanRecord]) -> list[GoldPlan]:
    """Each plan the file names, as corrected: a reviewed plan's right reading (stale changes aside)."""
    from cancu.corrections import apply, entries_for, read_corrections

    corrections = read_corrections(path)
    gold = [as_gold(apply(rec, corrections)) for rec in records if entries_for(rec, corrections)]
    if not gold:
        raise CancuError(f"{path}: names none of the plans read; nothing to score against")
    return gold


def as_gold(rec: PlanRecord) -> GoldPlan:
    """A record in the gold format the shared scorer reads."""
    def docs(role: str) -> list[dict[str, Any]]:
        return [{"number": c.number, "name": c.name, "date": c.date, "type": c.doc_type}
                for c in rec.citations if c.role == role]

    p = rec.plan
    return {"file": rec.source.replace("\\", "/").rsplit("/", 1)[-1],
            "plan": {"number": p.number, "date": p.date, "province": p.province},
            "legal_bases": docs(LEGAL_BASIS), "mentions": docs(MENTION), "nested_in_bases": docs(NESTED),
            "coordination": [{"activity": a.id, "lead": [x.name for x in a.lead],
                              "cooperating": [x.name for x in a.cooperating]} for a in rec.activities]}
