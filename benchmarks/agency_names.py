"""How many agency names of a gold file the agency reader resolves, apart from the coordination layouts.

    .venv/bin/python benchmarks/agency_names.py                 # ../shared/gold/real.json
    .venv/bin/python benchmarks/agency_names.py --show          # and every name that does not resolve

Every lead and cooperating name of the gold's coordination entries is read by the agency reader
(`split_agencies` then `resolve`, in the plan's province; none for a central plan) from the source's
own wording where the gold keeps it (`written_as_lead`, `written_as_cooperating`: the whole list as
written) and from the gold name otherwise. A name resolves when the reader finds exactly the gold's
agencies, compared with the shared scorer's `similar()`; generic parties (the scorer's `generic()`)
must be left out, and are not counted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


class Case(NamedTuple):
    file: str
    province: str | None
    written: str  # what the reader is given
    expected: tuple[str, ...]  # the gold names it must find, no more


class Outcome(NamedTuple):
    case: Case
    found: tuple[str, ...]
    resolved: int  # how many expected names were found


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "tools" / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cases(gold: dict, scorer: ModuleType) -> list[Case]:
    out: list[Case] = []
    for plan in gold["plans"]:
        province = plan["plan"].get("province")
        for entry in plan["coordination"]:
            for role in ("lead", "cooperating"):
                names = tuple(n for n in entry.get(role) or () if not scorer.generic(n))
                written = entry.get(f"written_as_{role}")
                if written:
                    out.append(Case(plan["file"], province, written, names))
                else:
                    out += [Case(plan["file"], province, n, (n,)) for n in names]
    return out


def read(case: Case) -> tuple[str, ...]:
    """The names the agency reader finds in the written form, as the plan's activities would carry them."""
    from cancu.loaders.extract.agencies import resolve, split_agencies
    from cancu.loaders.read.text import fold
    from cancu.ontology.knowledge import knowledge

    kb = knowledge()
    province = kb.province(case.province)
    found = split_agencies(case.written, fold(case.written), kb, stop_at_verbs=False)
    return tuple(resolve(f, kb, province, None, 0).name for f in found if not f.generic)


def judge(case: Case, found: tuple[str, ...], scorer: ModuleType) -> Outcome:
    left = list(found)
    resolved = 0
    for name in case.expected:
        hit = next((i for i, f in enumerate(left) if scorer.similar(f, name)), None)
        if hit is not None:
            left.pop(hit)
            resolved += 1
    # an extra agency read from the same words is a wrong reading: none of the names count
    return Outcome(case, found, 0 if left else resolved)


def measure(gold_path: Path = SHARED / "gold" / "real.json") -> list[Outcome]:
    scorer = load_scorer()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return [judge(c, read(c), scorer) for c in cases(gold, scorer)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "real.json")
    ap.add_argument("--show", action="store_true", help="print every case that does not resolve")
    args = ap.parse_args()
    outcomes = measure(args.gold)
    if args.show:
        for o in outcomes:
            if o.resolved < len(o.case.expected):
                print(f"{o.case.file} [{o.case.province}] {o.case.written!r}\n    gold  {list(o.case.expected)}\n"
                      f"    found {list(o.found)}")
    total = sum(len(o.case.expected) for o in outcomes)
    resolved = sum(o.resolved for o in outcomes)
    distinct = {(o.case.province, n) for o in outcomes for n in o.case.expected}
    missed = {(o.case.province, n) for o in outcomes if o.resolved < len(o.case.expected) for n in o.case.expected}
    print(f"gold names resolved: {resolved}/{total} ({resolved / max(total, 1):.3f}); "
          f"distinct names with a miss: {len(missed)}/{len(distinct)}")
    sys.exit(0)


if __name__ == "__main__":
    main()
