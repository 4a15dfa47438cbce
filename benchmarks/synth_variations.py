"""Which of the ways real plans vary does the extractor read? Scores of synthetic plans per variation class.

    .venv/bin/python benchmarks/synth_variations.py --plans 300            # every class alone, at rate 1
    .venv/bin/python benchmarks/synth_variations.py --plans 300 --only law_by_name,web_header

For each class of benchmarks/synth/data/synth.yaml (and 'none', the plain layout, and 'all', every class at its own
rate), it writes PLANS plans with that class on in every plan (rate 1; 'all' keeps the file's rates),
extracts them and scores them against the generator's answers with ../shared/tools/score_extraction.py.
Prints one JSON object a class: legal-basis, all-citation and coordination F1 and metadata, and the
scorer's summary line. The answers come from what the generator wrote, never from the extractor's code.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # benchmarks.synth: the generator is in the checkout, not in the installed cancu
sys.path.insert(0, str(REPO / "benchmarks"))

from real_report import load_scorer  # noqa: E402


def score_class(name: str, plans: int, seed: int, jobs: int, work: Path) -> dict[str, object]:
    from benchmarks.synth import generate
    from cancu.api import extract_json_lines

    spec = name if name in ("none", "all") else f"{name}=1"
    corpus = work / name
    answers = generate(plans, seed, corpus, jobs=1, variations=spec)
    out = work / f"{name}.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for line in extract_json_lines([str(corpus)], jobs=jobs):
            f.write(line + "\n")
    scorer = load_scorer()
    printed = io.StringIO()
    argv = sys.argv
    sys.argv = ["score", str(answers), str(out)]
    try:
        with contextlib.redirect_stdout(printed):
            scorer.main()
    finally:
        sys.argv = argv
    summary = printed.getvalue().strip().splitlines()[-1]
    figures = dict(part.strip().rsplit(" ", 1) for part in summary.split("|", 1)[1].split(", "))
    return {"class": name, "plans": plans, **{k: float(v) for k, v in figures.items()}, "summary": summary}


def main(argv: list[str] | None = None) -> int:
    from benchmarks.synth import variation_rates

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="extraction processes (the machine is shared)")
    ap.add_argument("--only", default="", help="classes to score, comma-separated (default: all, none, each)")
    a = ap.parse_args(argv)
    names = [n for n in a.only.split(",") if n] or ["none", *variation_rates(), "all"]
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            print(json.dumps(score_class(name, a.plans, a.seed, a.jobs, Path(tmp)), ensure_ascii=False),
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
