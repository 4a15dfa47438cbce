"""How much cancu reads of real documents that have no gold answers (../shared/corpus/stress).

    .venv/bin/python benchmarks/stress.py                      # ../shared/corpus/stress
    .venv/bin/python benchmarks/stress.py FOLDER --missing     # and the header of each document
                                                               # read without a number or a date

Runs `cancu extract FOLDER --json` once and prints one JSON object on stdout (documents read, with
a number, with a date, with at least one legal basis, with at least one activity, warnings by kind,
files that failed), then the same as a short table on stderr. `--missing` prints the first lines of
the documents whose number or date was not found: the failure shapes to look at next.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "stress"


def extract(folder: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The records of every file, and the error lines of the files that could not be read."""
    proc = subprocess.run([sys.executable, "-m", "cancu.cli", "extract", str(folder), "--json"],
                          capture_output=True, text=True, encoding="utf-8", cwd=REPO)
    if proc.returncode not in (0, 1):  # 1: some files unreadable, the others still extracted
        sys.exit(f"cancu extract failed ({proc.returncode}):\n{proc.stderr}")
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return records, [line for line in proc.stderr.splitlines() if line.strip()]


def summarise(records: list[dict[str, Any]], errors: list[str], files: int) -> dict[str, Any]:
    plans = [r["plan"] for r in records]
    warnings = Counter(w["code"] for r in records for w in r["warnings"])
    return {
        "files": files,
        "read": len(records),
        "with_number": sum(bool(p["number"]) for p in plans),
        "with_date": sum(bool(p["date"]) for p in plans),
        "with_number_and_date": sum(bool(p["number"] and p["date"]) for p in plans),
        "with_legal_basis": sum(any(c["role"] == "legal_basis" for c in r["citations"]) for r in records),
        "with_activity": sum(bool(r["activities"]) for r in records),
        "warnings_by_kind": dict(sorted(warnings.items())),
        "errors": errors,
    }


def table(s: dict[str, Any]) -> str:
    rows = [("files", s["files"]), ("read", s["read"]), ("with a number", s["with_number"]),
            ("with a date", s["with_date"]), ("with both", s["with_number_and_date"]),
            ("with a legal basis", s["with_legal_basis"]), ("with an activity", s["with_activity"]),
            ("errors", len(s["errors"]))]
    rows += [(f"warnings: {kind}", n) for kind, n in s["warnings_by_kind"].items()]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {n:>5}" for name, n in rows)


def missing_headers(records: list[dict[str, Any]], folder: Path, lines: int) -> str:
    out = []
    for r in records:
        p = r["plan"]
        if p["number"] and p["date"]:
            continue
        # 'source' names the file relative to the folder extracted
        head = (folder / r["source"]).read_text(encoding="utf-8", errors="replace").splitlines()[:lines]
        out.append(f"=== {r['source']}: number {p['number']}, date {p['date']}")
        out += [f"  {line[:160]}" for line in head]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--missing", action="store_true", help="print the header of documents missing a number or date")
    ap.add_argument("--lines", type=int, default=25, help="header lines printed with --missing (25)")
    a = ap.parse_args()
    folder = a.folder.resolve()
    records, errors = extract(folder)
    files = sum(1 for f in folder.rglob("*") if f.is_file() and f.suffix.lower() != ".tsv")
    s = summarise(records, errors, files)
    print(json.dumps(s, ensure_ascii=False, indent=1))
    print(table(s), file=sys.stderr)
    if a.missing:
        print(missing_headers(records, folder, a.lines), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
