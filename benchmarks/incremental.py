"""Incremental builds and pushes: a full build and push against a rebuild and push after a few plans
changed, side by side in one run (issue 20: the rebuild and the follow-up push at most 10% of the full).

    .venv/bin/python benchmarks/incremental.py --plans 10000                 # the issue's figure
    .venv/bin/python benchmarks/incremental.py --plans 2000 --changed 20 --deleted 2

N synthetic plans (benchmarks.synth, kept under --out/corpus-N-SEED and reused) are copied to a work folder
and built with `cancu build` (the core outputs: --skip for every optional one unless --all-outputs),
then pushed with `cancu push` to a Neo4j 5 started as the tests start it (tests/bolt_servers.py; a
first push warms the server up and is reported apart). Then --changed plans are corrected
(cancu.testing.correct_plan: one more legal basis, another lead agency), --deleted removed, and the
same two commands run again on the same OUT. Every command is timed as a whole process, start-up
included. Prints one JSON object (progress on stderr) and writes it to
benchmarks/results/DATE-incremental-N.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # run as a script: `benchmarks` and the tests' server helpers


def log(msg: str) -> None:
    print(f"[incremental {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run(args: list[str]) -> tuple[float, str]:
    """A cancu command as its own process: its wall seconds and its stderr (which it reports on)."""
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "cancu.cli", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if res.returncode != 0:
        raise SystemExit(f"cancu {' '.join(args)} failed ({res.returncode}): {res.stderr.strip()[-2000:]}")
    return seconds, res.stderr.strip()


def manifest_plans(out: Path) -> dict[str, int]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["plans"]


def empty(driver: Any) -> None:
    """In slices, relationships first: 5,000 nodes detached at once took a central document's thousands of
    relationships with them and outgrew the Neo4j harness's transaction memory at 10,000 plans."""
    for statement in ("MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS c",
                      "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c"):
        while True:
            recs, _, _ = driver.execute_query(statement)
            if not recs or recs[0]["c"] == 0:
                break


def edit_corpus(plans: Path, changed: int, deleted: int) -> tuple[int, int]:
    """Correct `changed` plans and delete `deleted` others, spread evenly over the corpus."""
    from cancu.testing import correct_plan

    files = sorted(plans.rglob("*.txt"))
    step = max(1, len(files) // max(1, changed + deleted))
    picked = files[::step][: changed + deleted]
    for f in picked[:changed]:
        correct_plan(f)
    for f in picked[changed:]:
        f.unlink()
    return len(picked[:changed]), len(picked[changed:])


def ratio(part: float, whole: float) -> float:
    return round(part / whole, 3) if whole else float("nan")


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", "-n", type=int, default=10_000)
    ap.add_argument("--changed", type=int, default=100, help="plans corrected before the rebuild")
    ap.add_argument("--deleted", type=int, default=10, help="plans deleted before the rebuild")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("/tmp/cancu-incremental"), help="work folder (corpora kept)")
    ap.add_argument("--all-outputs", action="store_true", help="build the optional outputs too (pages, …)")
    ap.add_argument("--no-push", action="store_true", help="builds only, no Neo4j")
    ap.add_argument("--results", type=Path, default=REPO / "benchmarks" / "results")
    return ap.parse_args()


def prepare_corpus(a: argparse.Namespace) -> tuple[Path, Path]:
    """A fresh copy of the synthetic corpus (written once per size and seed) to edit, and an empty build folder."""
    from benchmarks.synth import generate

    corpus = a.out / f"corpus-{a.plans}-{a.seed}"
    if not (corpus / "answers.json").exists():
        log(f"writing {a.plans} synthetic plans to {corpus}")
        generate(a.plans, a.seed, corpus)
    plans, out = a.out / "plans", a.out / "build"
    for folder in (plans, out):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(corpus, plans, ignore=shutil.ignore_patterns("answers.json"))
    return plans, out


def start_neo4j(out: Path) -> tuple[Any, Any, list[str]]:
    """A Neo4j server, a driver to it, and the `cancu push` arguments that push `out` into it."""
    from bolt_servers import start_server
    from cancu.graph.stores.bolt import connect

    log("starting Neo4j")
    server = start_server("neo4j")
    driver = connect(server.uri, *(server.auth or (None, None)))
    push = ["push", str(out), "--uri", server.uri]
    if server.auth:
        push += ["--user", server.auth[0], "--password", server.auth[1]]
    return server, driver, push


def save_report(report: dict[str, Any], a: argparse.Namespace) -> None:
    """The report on stdout, and kept under --results with the date in its name."""
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    a.results.mkdir(parents=True, exist_ok=True)
    target = a.results / f"{time.strftime('%Y-%m-%d')}-incremental-{a.plans}.json"
    target.write_text(text + "\n", encoding="utf-8")
    log(f"written to {target}")


def main() -> int:
    from cancu.outputs import OPTIONAL_OUTPUTS

    a = parse_args()
    plans, out = prepare_corpus(a)
    skip = [] if a.all_outputs else [x for name in OPTIONAL_OUTPUTS for x in ("--skip", name)]
    build = ["build", str(plans), "--out", str(out), *skip]
    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "plans": a.plans, "seed": a.seed, "outputs": "all" if a.all_outputs else "core (every optional output skipped)",
    }

    log(f"full build of {a.plans} plans")
    full_build, _ = run(build)
    log(f"full build: {full_build:.1f} s")

    server, driver, push = (None, None, []) if a.no_push else start_neo4j(out)
    try:
        if driver is not None:
            log("warm-up push (JVM, schema; not compared)")
            warm, _ = run(push)
            empty(driver)
            log("full push")
            full_push, pushed = run(push)
            report["neo4j"] = {"version": server.version if server else None, "warm_up_push_s": round(warm, 2),
                               "full_push_s": round(full_push, 2), "full_push_says": pushed.splitlines()[-1]}
            log(f"full push: {full_push:.1f} s")

        changed, deleted = edit_corpus(plans, a.changed, a.deleted)
        log(f"corrected {changed} plans, deleted {deleted}; rebuilding")
        rebuild, _ = run(build)
        log(f"rebuild: {rebuild:.1f} s")
        report["build"] = {"full_s": round(full_build, 2), "rebuild_s": round(rebuild, 2),
                           "rebuild_over_full": ratio(rebuild, full_build), "target": 0.10,
                           "changed": changed, "deleted": deleted, "rebuild_plans": manifest_plans(out)}
        if driver is not None:
            log("follow-up push")
            follow, said = run(push)
            log(f"follow-up push: {follow:.1f} s")
            report["neo4j"].update({"follow_up_push_s": round(follow, 2),
                                    "follow_up_over_full": ratio(follow, report["neo4j"]["full_push_s"]),
                                    "target": 0.10, "follow_up_push_says": said.splitlines()[-1]})
            empty(driver)
    finally:
        if driver is not None:
            driver.close()
        if server is not None:
            server.stop()

    save_report(report, a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
