"""Seconds for `bolt.connect` to a server other clients have used and left, on FalkorDB and Neo4j 5.

    .venv/bin/python benchmarks/bolt_connect.py                 # both servers, 30 connects each
    .venv/bin/python benchmarks/bolt_connect.py --servers falkordb --runs 10 --clients 1 --churn-runs 0

Starts the servers the tests use (tests/bolt_servers.py). Each run is what one `cancu push` or
`cancu query run --language cypher` does first, right after other clients left: `--clients` plain neo4j
drivers connect, all at once, and close (each says GOODBYE, as every driver does), then `bolt.connect`
(verified) is timed, then closed. Each number of clients is one series; one more (`--churn-runs`)
connects while another process connects and closes over and over. FalkorDB 4.16 leaves a socket
it accepts after a GOODBYE unanswered, one per GOODBYE (graph/stores/bolt_wedge.py), so a connect that
lands on one waits out the driver's handshake deadline.
Prints ONE JSON object: per server and series, each connect's seconds, their median and max, how many
took over 1 s and how many failed (connect gave up; its time is counted); per server, the sockets it
holds and never reads (CLOSE-WAIT on its Bolt port, counted with `ss` when it is there).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
SLOW_S = 1.0


def plain_client(uri: str, auth: tuple[str, str] | None) -> Any:
    """A connected plain driver. It may land on a socket the last GOODBYE wedged itself: it then tries
    again after 1 s (not timed)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import ServiceUnavailable

    for _ in range(5):
        driver = GraphDatabase.driver(uri, auth=auth, connection_acquisition_timeout=1)
        try:
            driver.verify_connectivity()
            return driver
        except ServiceUnavailable:
            driver.close()
    raise RuntimeError(f"a plain driver could not connect to {uri}")


def never_read(port: int) -> int | None:
    """Sockets on the server's Bolt port that the peer closed and the server never noticed."""
    if shutil.which("ss") is None:
        return None
    out = subprocess.run(["ss", "-tan", "state", "close-wait", f"sport = :{port}"],
                         capture_output=True, text=True, check=False).stdout
    return max(len(out.splitlines()) - 1, 0)


def churn(uri: str, auth: tuple[str, str] | None) -> None:
    """Another client that connects and closes (GOODBYE) over and over, for as long as it runs."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import ServiceUnavailable

    while True:  # ServiceUnavailable: it landed on a socket a GOODBYE wedged
        with (GraphDatabase.driver(uri, auth=auth, connection_acquisition_timeout=1) as driver,
              contextlib.suppress(ServiceUnavailable)):
            driver.verify_connectivity()


def timed_series(label: str, runs: int, connect: Callable[[], None], before_each: Callable[[], None]) -> dict[str, Any]:
    from cancu.errors import StoreError

    times: list[float] = []
    failed: list[str] = []
    for i in range(runs):
        before_each()
        t = time.perf_counter()
        try:
            connect()
        except StoreError as exc:  # it gave up: counted, with the time it took to
            failed.append(str(exc))
        times.append(round(time.perf_counter() - t, 3))
        print(f"[bolt_connect] {label}, {i + 1}/{runs}: {times[-1]} s", file=sys.stderr)
    return {"connect_s": times, "median_s": round(statistics.median(times), 3), "max_s": max(times),
            "over_1s": sum(t > SLOW_S for t in times), "failed": len(failed),
            "first_failure": failed[0] if failed else None}


def measure(name: str, runs: int, clients_left: list[int], churn_runs: int) -> dict[str, Any]:
    from bolt_servers import start_server
    from cancu.graph.stores import bolt

    server = start_server(name)
    _, _, port = bolt.check_uri(server.uri)
    cred = (server.user or None, server.password or None)
    auth = (server.user, server.password) if server.user or server.password else None

    def connect() -> None:
        bolt.connect(server.uri, *cred).close()

    def leave(n: int) -> Callable[[], None]:
        def left() -> None:
            others = [plain_client(server.uri, auth) for _ in range(n)]
            for other in others:
                other.close()
        return left

    try:
        connect()  # warm-up
        report: dict[str, Any] = {"server": server.version}
        for n in clients_left:
            report[f"after_{n}_left"] = timed_series(f"{name}, {n} left", runs, connect, leave(n))
        if churn_runs:
            other = multiprocessing.Process(target=churn, args=(server.uri, auth), daemon=True)
            other.start()
            try:
                report["while_another_client_churns"] = timed_series(
                    f"{name}, another client churning", churn_runs, connect, lambda: None)
            finally:
                other.terminate()
                other.join()
        report["sockets_never_read"] = never_read(port)
        return report
    finally:
        server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--servers", nargs="+", default=["falkordb", "neo4j"], choices=["falkordb", "neo4j"])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--clients", type=int, nargs="*", default=[1, 3], help="clients that leave before each connect")
    ap.add_argument("--churn-runs", type=int, default=100,
                    help="connects while another process connects and closes in a loop (0: none)")
    args = ap.parse_args()
    report = {name: measure(name, args.runs, args.clients, args.churn_runs) for name in args.servers}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
