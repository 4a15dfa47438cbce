"""Batched Bolt push against one row per transaction, on real Neo4j 5 and FalkorDB servers.

    .venv/bin/python benchmarks/bolt_push.py                 # ~60k rows batched, 2,000 rows naive
    .venv/bin/python benchmarks/bolt_push.py --plans 1200 --naive-plans 40 --batches 100 500 2000 5000

Builds a model from synthetic plans (benchmarks/synth → cancu.api.load_model), starts the servers the tests
use (tests/bolt_servers.py), and prints ONE JSON object: rows per second for `push_model` (batched) and
`push_naive` (one row per transaction, on a smaller model from the first plans), their ratio, and on
Neo4j the rows per second for each batch size. The database is emptied before every push, and a first,
cold push (JVM warm-up, schema creation) is reported apart and left out of the comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # benchmarks.synth: the generator is in the checkout, not in the installed cancu
sys.path.insert(0, str(REPO / "tests"))


def log(msg: str) -> None:
    print(f"[bolt {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def rows_of(model: Any) -> int:
    from cancu.graph.stores.bolt import edge_rows, node_rows

    return sum(len(r) for r in node_rows(model).values()) + sum(len(r) for r in edge_rows(model).values())


def empty(driver: Any) -> None:
    try:
        while True:  # in slices: one transaction deleting everything can outgrow a server's memory
            recs, _, _ = driver.execute_query("MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c")
            if not recs or recs[0]["c"] == 0:
                return
    except Exception:  # a server without that form
        driver.execute_query("MATCH (n) DETACH DELETE n")


def timed_push(model: Any, driver: Any, naive: bool = False, batch_size: int | None = None) -> dict[str, Any]:
    from cancu.graph.stores.bolt import DEFAULT_BATCH, counts, push_model, push_naive

    empty(driver)
    n = rows_of(model)
    t = time.perf_counter()
    res = push_naive(model, driver) if naive else push_model(model, driver, batch_size=batch_size or DEFAULT_BATCH)
    dt = time.perf_counter() - t
    nodes, rels = counts(driver)
    return {"rows": n, "seconds": round(dt, 2), "rows_per_s": round(n / dt, 1), "transactions": res.batches,
            "nodes_in_db": nodes, "relationships_in_db": rels, "server": res.server}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, default=900, help="plans in the large model (default 900: ~60k rows)")
    ap.add_argument("--naive-plans", type=int, default=30, help="plans in the naive model (~2,000 rows)")
    ap.add_argument("--batches", type=int, nargs="*", default=[100, 500, 2000, 5000])
    ap.add_argument("--servers", nargs="*", default=["neo4j", "falkordb"])
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    from bolt_servers import start_server
    from cancu.graph.stores.bolt import DEFAULT_BATCH, connect

    from benchmarks.synth import generate
    from cancu.api import load_model

    work = Path(tempfile.mkdtemp(prefix="cancu-bolt-bench-"))
    log(f"{a.plans} synthetic plans → model")
    generate(a.plans, a.seed, work / "corpus")
    files = sorted(str(p) for p in (work / "corpus").rglob("*.txt"))
    t = time.perf_counter()
    big = load_model(files, jobs=2)
    small = load_model(files[: a.naive_plans], jobs=1)
    report: dict[str, Any] = {"model": {"plans": a.plans, "rows": rows_of(big), "naive_plans": a.naive_plans,
                                        "naive_rows": rows_of(small), "build_s": round(time.perf_counter() - t, 1)},
                              "default_batch": DEFAULT_BATCH, "servers": {}}
    log(f"model: {report['model']}")
    for name in a.servers:
        log(f"{name}: starting")
        server = start_server(name)
        out: dict[str, Any] = {}
        try:
            driver = connect(server.uri, *(server.auth or (None, None)))
            try:
                out["version"] = server.version
                log(f"{name}: cold push (server and driver warm-up, reported, not compared)")
                out["cold_first_push"] = timed_push(big, driver)
                log(f"{name}: batched push of {report['model']['rows']} rows")
                out["batched"] = timed_push(big, driver)
                log(f"{name}: naive push of {report['model']['naive_rows']} rows")
                out["naive"] = timed_push(small, driver, naive=True)
                out["ratio_batched_over_naive"] = round(out["batched"]["rows_per_s"] / out["naive"]["rows_per_s"], 1)
                if name == "neo4j":
                    out["batch_sizes"] = {}
                    for size in a.batches:
                        log(f"{name}: batch size {size}")
                        out["batch_sizes"][str(size)] = timed_push(big, driver, batch_size=size)
                empty(driver)
            finally:
                driver.close()
        finally:
            server.stop()
        report["servers"][name] = out
        log(f"{name}: {json.dumps(out)[:400]}")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
