"""Seconds for `bolt.connect` to a server other clients have used and left, on FalkorDB and Neo4j 5.

    .venv/bin/python benchmarks/bolt_connect.py                 # both servers, 30 connects each
    .venv/bin/python benchmarks/bolt_connect.py --servers falkordb --runs 10 --clients 1

Starts the servers the tests use (tests/bolt_servers.py). Each run is what one `cancu push` or
`cancu query run --language cypher` does first, right after other clients left: `--clients` plain neo4j
drivers connect, all at once, and close (each says GOODBYE, as every driver does), then `bolt.connect`
(verified) is timed, then closed. Each number of clients is one series. FalkorDB 4.16 leaves a socket
it accepts after a GOODBYE unanswered, one per GOODBYE (graph/stores/bolt_wedge.py), so a connect that
lands on one waits out the driver's handshake deadline.
Prints ONE JSON object: per server and series, each connect's seconds, their median and max, how many
took over 1 s and how many failed (connect gave up; its time is counted); per server, the sockets it
holds and never reads (CLOSE-WAIT on its Bolt port, counted with `ss` when it is there).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
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


def main() -> int:
    from bolt_servers import start_server
    from cancu.graph.stores import bolt

    from cancu.errors import StoreError

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--servers", nargs="+", default=["falkordb", "neo4j"], choices=["falkordb", "neo4j"])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 3], help="clients that leave before each connect")
    args = ap.parse_args()
    report = {}
    for name in args.servers:
        server = start_server(name)
        _, _, port = bolt.check_uri(server.uri)
        cred = (server.user or None, server.password or None)
        auth = (server.user, server.password) if server.user or server.password else None
        try:
            bolt.connect(server.uri, *cred).close()  # warm-up
            report[name] = {"server": server.version}
            for clients in args.clients:
                times: list[float] = []
                failed: list[str] = []
                for i in range(args.runs):
                    others = [plain_client(server.uri, auth) for _ in range(clients)]
                    for other in others:
                        other.close()
                    t = time.perf_counter()
                    try:
                        bolt.connect(server.uri, *cred).close()
                    except StoreError as exc:  # it gave up: counted, with the time it took to
                        failed.append(str(exc))
                    times.append(round(time.perf_counter() - t, 3))
                    print(f"[bolt_connect] {name}, {clients} left, {i + 1}/{args.runs}: {times[-1]} s", file=sys.stderr)
                report[name][f"after_{clients}_left"] = {
                    "connect_s": times, "median_s": round(statistics.median(times), 3), "max_s": max(times),
                    "over_1s": sum(t > SLOW_S for t in times), "failed": len(failed),
                    "first_failure": failed[0] if failed else None}
            report[name]["sockets_never_read"] = never_read(port)
        finally:
            server.stop()
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
