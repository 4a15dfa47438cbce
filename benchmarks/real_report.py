"""Per-document scores against a gold file, with the shared scorer's own matching rules.

    .venv/bin/python benchmarks/real_report.py                 # ../shared/gold/real.json
    .venv/bin/python benchmarks/real_report.py --gold ../shared/gold/seeds.json --show coord

For each document: legal bases found / gold / predicted, all citations, coordination pairs matched /
gold / predicted, and the plan's number, date and province as read beside the gold's. `--show`
prints the missed and extra items of one measure (basis, all, coord, meta) per document: what to
look at next. The totals line is the scorer's own.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "tools" / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract(corpus: Path, out: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "cancu.cli", "extract", str(corpus), "--json"],
                          capture_output=True, text=True, encoding="utf-8", cwd=REPO)
    if proc.returncode not in (0, 1):
        sys.exit(f"cancu extract failed ({proc.returncode}):\n{proc.stderr}")
    out.write_text(proc.stdout, encoding="utf-8")


def coordination(s: ModuleType, g: dict, rec: dict | None) -> tuple[list, list, list]:
    """Matched, missed and extra pairs, as the scorer counts them (borderline pairs count neither way)."""
    gp, optional, pp = s.coordination_pairs(g, rec)
    used: set[int] = set()
    missed = []
    matched = []
    for pair in gp:
        for i, p in enumerate(pp):
            if i not in used and s.same_pair(p, pair):
                used.add(i)
                matched.append(pair)
                break
        else:
            missed.append(pair)
    for o in optional:
        for i, p in enumerate(pp):
            if i not in used and s.same_pair(p, o):
                used.add(i)
                break
    extra = [p for i, p in enumerate(pp) if i not in used]
    return matched, missed, extra


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "real.json")
    ap.add_argument("--corpus", type=Path, help="default: ../shared/corpus/<name of the gold file>")
    ap.add_argument("--output", type=Path, help="an existing `cancu extract --json` output to score instead")
    ap.add_argument("--show", choices=["basis", "all", "coord", "meta"], action="append", default=[])
    ap.add_argument("--only", help="documents whose file name contains this")
    a = ap.parse_args()
    s = load_scorer()
    corpus = a.corpus or SHARED / "corpus" / a.gold.stem
    out = a.output or Path("/tmp") / f"cancu-report-{a.gold.stem}.jsonl"
    if a.output is None:
        extract(corpus, out)
    recs = {Path(r["source"]).name: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()) if r}
    for g in json.loads(a.gold.read_text(encoding="utf-8"))["plans"]:
        if a.only and a.only not in g["file"]:
            continue
        rec = recs.get(g["file"])
        cites = (rec or {}).get("citations") or []
        nested = s.gold_keys(g.get("nested_in_bases", []))
        gb = s.gold_keys(g["legal_bases"])
        ga = gb | s.gold_keys(g.get("mentions", []))
        pb = s.pred_keys([c for c in cites if c.get("role") == "legal_basis"], gb) - (nested - gb)
        pa = s.pred_keys(cites, ga) - (nested - ga)
        matched, missed, extra = coordination(s, g, rec) if "coordination" in g else ([], [], [])
        plan = (rec or {}).get("plan") or {}
        meta = [(f, plan.get(f), g["plan"].get(f)) for f in ("number", "date", "province")]
        meta_ok = sum((w is None and not h) or (w is not None and h is not None and s.fold(str(h)) == s.fold(str(w)))
                      for _, h, w in meta)
        print(f"{g['file']}: basis {len(pb & gb)}/{len(gb)} ({len(pb)}), all {len(pa & ga)}/{len(ga)} ({len(pa)}), "
              f"coord {len(matched)}/{len(matched) + len(missed)} ({len(matched) + len(extra)}), meta {meta_ok}/3")
        if "basis" in a.show:
            print(f"    basis missed {sorted(map(str, gb - pb))}\n    basis extra  {sorted(map(str, pb - gb))}")
        if "all" in a.show:
            print(f"    all missed {sorted(map(str, ga - pa))}\n    all extra  {sorted(map(str, pa - ga))}")
        if "coord" in a.show:
            for p in missed:
                print(f"    coord missed {p}")
            for p in extra:
                print(f"    coord extra  {p}")
        if "meta" in a.show and meta_ok < 3:
            print(f"    meta (field, read, gold) {meta}")
    buf = io.StringIO()
    argv = sys.argv
    try:
        sys.argv = ["score_extraction.py", str(a.gold), str(out)]
        with contextlib.redirect_stdout(buf):
            s.main()
    finally:
        sys.argv = argv
    print(buf.getvalue().strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
