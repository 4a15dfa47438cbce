"""cancu at scale: extraction, build, RDF writing and saved queries on synthetic corpora.

    .venv/bin/python benchmarks/bench.py --plans 1000 10000 --out /tmp/bench        # CI size (default)
    .venv/bin/python benchmarks/bench.py --plans 1000 10000 100000 --out /tmp/bench # with the large corpus

Prints ONE JSON object on stdout (progress goes to stderr); benchmarks/README.md says what each figure
means. Corpora come from benchmarks/synth with their answers, so the same run scores the extraction.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # benchmarks.synth: the generator is in the checkout, not in the installed cancu
SCORER = REPO.parent / "shared" / "tools" / "score_extraction.py"
BIN = Path(sys.executable).parent
TRIVIAL = re.compile(r"\d+/[A-ZĐ]")

# run in a child process whose memory is sampled: the build the target is about (extraction, model,
# analytics, graph.nt, the property-graph files), then, up to --optional-max plans, the optional outputs
# timed on their own (Turtle and JSON-LD, GraphML and GEXF, the pages) after a marker file that closes
# the core build's memory figure
_BUILD = """
import json, sys, time
from pathlib import Path
from cancu.api import build
from cancu.outputs import OPTIONAL_OUTPUTS
out = Path(sys.argv[2])
r = build([sys.argv[1]], out, skip=OPTIONAL_OUTPUTS, jobs=int(sys.argv[3]))
(out / ".core-done").write_text("")
optional = {}
if sys.argv[4] == "1":
    from cancu.graph.stores import exchange, rdf
    from cancu.viz.pages import write_pages
    for name, write in (("ttl_jsonld", lambda m, o: rdf.write(m, o)), ("exchange", exchange.write),
                        ("pages", write_pages)):
        t = time.perf_counter()
        write(r.model, out)
        optional[name] = round(time.perf_counter() - t, 2)
print(json.dumps({"timings": r.timings, "optional_s": optional, "errors": len(r.errors),
                  "counts": r.model.counts()}))
"""


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def files_of(corpus: Path) -> list[str]:
    return sorted(str(p) for p in corpus.rglob("*.txt"))


def generate(n: int, seed: int, out: Path) -> tuple[Path, float]:
    from benchmarks.synth import generate as gen

    corpus = out / f"corpus-{n}"
    answers = corpus / "answers.json"
    if answers.exists() and len(files_of(corpus)) == n:
        return corpus, float("nan")  # reused from an earlier run with the same seed
    t = time.perf_counter()
    gen(n, seed, corpus)
    return corpus, time.perf_counter() - t


def read_and_scan(files: list[str]) -> tuple[float, int]:
    """The floor: read every file and run one trivial regex over it."""
    t = time.perf_counter()
    hits = 0
    for f in files:
        with open(f, encoding="utf-8") as fh:
            hits += sum(1 for _ in TRIVIAL.finditer(fh.read()))
    return time.perf_counter() - t, hits


def _extract_chunk(paths: list[str]) -> list[str]:
    from cancu.api import _extract_one

    out = []
    for p in paths:
        r = _extract_one(p)
        out.append(json.dumps(r.to_json(), ensure_ascii=False) if hasattr(r, "to_json") else "")
    return out


def extract(files: list[str], jobs: int, jsonl: Path | None) -> float:
    """Seconds to extract every file (records serialised as `cancu extract --json` does)."""
    import cancu.api as api

    t = time.perf_counter()
    sink = jsonl.open("w", encoding="utf-8") if jsonl else None
    try:
        if hasattr(api, "extract_json_lines"):  # serialised in the workers, as `cancu extract --json` does
            for line in api.extract_json_lines(files, jobs=jobs):
                if sink:
                    sink.write(line + "\n")
        elif "jobs" in inspect.signature(api.extract_paths).parameters:
            for rec in api.extract_paths(files, jobs=jobs):
                line = json.dumps(rec.to_json(), ensure_ascii=False)
                if sink:
                    sink.write(line + "\n")
        else:  # older API: a process pool over extract_path ourselves
            chunks = [files[i:i + 64] for i in range(0, len(files), 64)]
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for lines in pool.map(_extract_chunk, chunks):
                    for line in lines:
                        if sink and line:
                            sink.write(line + "\n")
    finally:
        if sink:
            sink.close()
    return time.perf_counter() - t


def score(answers: Path, jsonl: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(SCORER), str(answers), str(jsonl)], capture_output=True, text=True,
                         check=False).stdout
    res: dict[str, Any] = {}
    for key in ("basis", "all", "coord"):
        m = re.search(rf"^{key}: precision ([\d.]+) recall ([\d.]+) F1 ([\d.]+)", out, re.M)
        if m:
            res[key] = {"precision": float(m.group(1)), "recall": float(m.group(2)), "f1": float(m.group(3))}
    m = re.search(r"plan metadata \(number, date, province\): \d+/\d+ = ([\d.]+)", out)
    if m:
        res["metadata"] = float(m.group(1))
    return res


def _tree_memory_mb(pid: int) -> float:
    """Memory of a process and all its descendants (forked writers included), from /proc: the sum of
    their proportional set sizes, so pages the forks share with their parent count once."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def build(corpus: Path, out: Path, jobs: int, optional: bool) -> dict[str, Any]:
    """The build in a child process: wall time to the end of the core build, its own timings, peak memory
    of its whole process tree (proportional set sizes, sampled every 0.25 s) during the core build, the
    optional outputs on their own, triples."""
    import threading

    marker = out / ".core-done"
    marker.unlink(missing_ok=True)
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _BUILD, str(corpus), str(out), str(jobs), str(int(optional))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    core = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            if not core[0] and marker.exists():
                core[0] = time.perf_counter() - t
            if not core[0]:
                peak[0] = max(peak[0], _tree_memory_mb(proc.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build of {corpus} failed:\n{stderr[-3000:]}")
    info = json.loads(stdout.strip().splitlines()[-1])
    wall = core[0] or time.perf_counter() - t
    with (out / "graph.nt").open("rb") as f:
        triples = sum(1 for line in f if line.strip() and not line.startswith(b"#"))
    timings = info["timings"]
    return {
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(peak[0], 1),
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
        "optional_outputs_s": info["optional_s"],
        "triples": triples,
        "triples_per_s_rdf_writer": round(triples / timings["rdf_s"]) if timings.get("rdf_s") else None,
        "triples_per_s_whole_build": round(triples / wall),
        "nodes": info["counts"].get("nodes"),
        "edges": info["counts"].get("edges"),
        "errors": info["errors"],
    }


def percentiles(times: list[float]) -> dict[str, float]:
    s = sorted(times)
    p95 = s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]
    return {"p50_ms": round(statistics.median(s) * 1000, 2), "p95_ms": round(p95 * 1000, 2),
            "runs": len(s)}


def queries_oxigraph(out: Path, runs: int) -> dict[str, Any]:
    from cancu.queries.catalogue import catalogue
    from cancu.queries.run import oxigraph_store, run_sparql

    t = time.perf_counter()
    store = oxigraph_store(out)
    load = time.perf_counter() - t
    res: dict[str, Any] = {"load_s": round(load, 2), "queries": {}}
    for name, q in catalogue()["sparql"].items():
        t = time.perf_counter()
        run_sparql(q, out, q.examples, store=store)  # warm-up
        warm = time.perf_counter() - t
        # a query far over its target gets 3 runs, not 20: enough to show it, without an hour's wait
        n_runs = runs if warm < 1.0 else min(runs, 3)
        log(f"queries: {name} (warm-up {warm * 1000:.0f} ms, {n_runs} runs)")
        times = []
        rows = 0
        for _ in range(n_runs):
            t = time.perf_counter()
            rows = len(run_sparql(q, out, q.examples, store=store))
            times.append(time.perf_counter() - t)
        res["queries"][name] = {**percentiles(times), "rows": rows}
    return res


_RDFLIB = """
import json, sys, time
from rdflib import Graph
from cancu.queries.catalogue import catalogue
from cancu.queries.run import run_sparql
t = time.perf_counter()
g = Graph().parse(sys.argv[1] + "/graph.nt", format="nt")
print(json.dumps({"load_s": time.perf_counter() - t}), flush=True)
skip = set(sys.argv[3].split(",")) if sys.argv[3] else set()
for name, q in catalogue()["sparql"].items():
    if name in skip:
        continue
    times = []
    for _ in range(int(sys.argv[2])):
        t = time.perf_counter()
        n = len(run_sparql(q, sys.argv[1], q.examples, engine="rdflib", store=g))
        times.append(time.perf_counter() - t)
    print(json.dumps({"name": name, "times": times, "rows": n}), flush=True)
"""


def queries_rdflib(out: Path, runs: int, per_query_s: float, budget_s: float) -> dict[str, Any]:
    """rdflib for comparison, in a child process: a query over its time is recorded as a timeout and the
    child restarted without it; the whole comparison stops at the budget."""
    from cancu.queries.catalogue import catalogue

    names = list(catalogue()["sparql"])
    res: dict[str, Any] = {"queries": {}, "per_query_timeout_s": per_query_s, "runs": runs}
    deadline = time.monotonic() + budget_s
    while True:
        todo = [n for n in names if n not in res["queries"]]
        if not todo or time.monotonic() > deadline:
            break
        skip = ",".join(n for n in names if n in res["queries"])
        child = subprocess.Popen([sys.executable, "-c", _RDFLIB, str(out), str(runs), skip], stdout=subprocess.PIPE,
                                 text=True)
        assert child.stdout is not None
        current_deadline = time.monotonic() + max(per_query_s, 300)  # the first line: loading
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(child.stdout, selectors.EVENT_READ)
        pending = list(todo)
        try:
            while pending:
                wait = min(current_deadline, deadline) - time.monotonic()
                if wait <= 0 or not sel.select(timeout=wait):
                    res["queries"][pending[0]] = {"timeout": True}
                    break
                line = child.stdout.readline()
                if not line:
                    for n in pending:
                        res["queries"][n] = {"error": "rdflib process ended"}
                    pending = []
                    break
                msg = json.loads(line)
                if "load_s" in msg:
                    res.setdefault("load_s", round(msg["load_s"], 2))
                else:
                    res["queries"][msg["name"]] = {**percentiles(msg["times"]), "rows": msg["rows"]}
                    pending.remove(msg["name"])
                current_deadline = time.monotonic() + per_query_s * runs
        finally:
            child.kill()
            child.wait()
    for n in names:
        res["queries"].setdefault(n, {"skipped": "over the rdflib budget"})
    return res


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/cancu-bench"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--triples", type=int, default=1_000_000, help="graph size for the query timings")
    ap.add_argument("--query-runs", type=int, default=20)
    ap.add_argument("--rdflib-runs", type=int, default=3)
    ap.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per rdflib query run")
    ap.add_argument("--rdflib-budget", type=float, default=300.0, help="seconds for the whole rdflib comparison")
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--no-queries", action="store_true", help="skip the query timings (and their 1M-triple build)")
    ap.add_argument("--optional-max", type=int, default=10000,
                    help="largest corpus whose optional outputs (Turtle, JSON-LD, GraphML, GEXF, pages) are timed")
    ap.add_argument("--single-process-max", type=int, default=2000,
                    help="plans extracted on one process (a sample of the larger corpora; default 2000)")
    return ap.parse_args()


def measure_size(n: int, a: argparse.Namespace) -> dict[str, Any]:
    """One corpus size: generate it, time reading, extracting (one process and two), scoring and the build."""
    log(f"{n} plans: generating")
    corpus, gen_s = generate(n, a.seed, a.out)
    files = files_of(corpus)
    entry: dict[str, Any] = {"generate_s": round(gen_s, 2),
                             "generate_plans_per_s": round(n / gen_s) if gen_s == gen_s else None}
    bytes_ = sum(os.path.getsize(f) for f in files)
    entry["corpus_mb"] = round(bytes_ / 2**20, 1)
    base_s, hits = read_and_scan(files)
    entry["read_and_regex_s"] = round(base_s, 3)
    entry["read_and_regex_hits"] = hits
    log(f"{n} plans: extracting on 2 processes")
    jsonl = a.out / f"extract-{n}.jsonl"
    t2 = extract(files, 2, jsonl)
    sample = files if n <= a.single_process_max else files[: a.single_process_max]
    log(f"{n} plans: extracting {len(sample)} on 1 process")
    t1 = extract(sample, 1, None)
    p1 = len(sample) / t1
    entry["extract"] = {
        "plans_per_s_1_process": round(p1, 1),
        "plans_per_s_2_processes": round(n / t2, 1),
        "speedup_2_over_1": round((n / t2) / p1, 2),
        "single_process_sample": len(sample),
        "seconds_1_process": round(t1, 2),
        "seconds_2_processes": round(t2, 2),
        "mb_per_s_1_process": round(bytes_ / 2**20 / (t1 * n / len(sample)), 2),
        "cost_vs_read_and_regex": round((t1 * n / len(sample)) / base_s, 1),
    }
    entry["scores"] = score(corpus / "answers.json", jsonl)
    log(f"{n} plans: building")
    b = build(corpus, a.out / f"build-{n}", 0, n <= a.optional_max)
    entry["build"] = b
    entry["build"]["plans_per_s"] = round(n / b["wall_s"], 1)
    entry["build"]["triples_per_plan"] = round(b["triples"] / n, 1)
    log(f"{n} plans: {json.dumps(entry)[:300]}")
    return entry


def measure_queries(a: argparse.Namespace, builds: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Query timings at about a million triples: on the built corpus nearest that size, else one built for it."""
    per_plan = max(b["triples"] / n for n, b in builds.items())
    near = [n for n, b in builds.items() if 0.8 * a.triples <= b["triples"] <= 1.5 * a.triples]
    if near:
        qn = min(near, key=lambda n: abs(builds[n]["triples"] - a.triples))
        qout = a.out / f"build-{qn}"
    else:
        qn = int(a.triples / per_plan * 1.02) + 1
        log(f"queries: building {qn} plans for about {a.triples:,} triples")
        corpus, _ = generate(qn, a.seed, a.out)
        qout = a.out / f"build-{qn}"
        builds[qn] = build(corpus, qout, 0, False)
    q: dict[str, Any] = {"plans": qn, "triples": builds[qn]["triples"]}
    log(f"queries: oxigraph on {q['triples']:,} triples")
    q["oxigraph"] = queries_oxigraph(qout, a.query_runs)
    if not a.no_rdflib:
        log("queries: rdflib for comparison")
        q["rdflib"] = queries_rdflib(qout, a.rdflib_runs, a.rdflib_timeout, a.rdflib_budget)
    return q


def main() -> int:
    a = parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    import cancu.api as api

    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "seed": a.seed,
        "extract_paths_has_jobs": "jobs" in inspect.signature(api.extract_paths).parameters,
        "sizes": {},
    }
    builds: dict[int, dict[str, Any]] = {}
    for n in sorted(a.plans):
        entry = measure_size(n, a)
        builds[n] = entry["build"]
        report["sizes"][str(n)] = entry

    if a.no_queries:
        report["total_s"] = round(time.perf_counter() - started, 1)
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    report["queries"] = measure_queries(a, builds)
    report["total_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
