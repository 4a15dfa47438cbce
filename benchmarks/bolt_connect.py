"""Seconds for `bolt.connect` to a server other clients have used and left, on FalkorDB and Neo4j 5.

    .venv/bin/python benchmarks/bolt_connect.py                 # both servers, 5 connects each
    .venv/bin/python benchmarks/bolt_connect.py --servers falkordb --runs 10

Starts the servers the tests use (tests/bolt_servers.py). Each run is what one `cancu push` or
`cancu query run --language cypher` does first: connect (verified), then close, which sends GOODBYE as
every driver does. FalkorDB left the next connection after a GOODBYE unanswered, so each connect but the
first waited out the handshake deadline (10 s) before the retry got through. Prints ONE JSON object:
per server, each connect's seconds and their median.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))


def main() -> int:
    from bolt_servers import start_server
    from cancu.graph.stores import bolt

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--servers", nargs="+", default=["falkordb", "neo4j"], choices=["falkordb", "neo4j"])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    report = {}
    for name in args.servers:
        server = start_server(name)
        try:
            bolt.connect(server.uri, server.user or None, server.password or None).close()  # warm-up
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                driver = bolt.connect(server.uri, server.user or None, server.password or None)
                times.append(round(time.perf_counter() - t, 3))
                driver.close()
            report[name] = {"server": server.version, "connect_s": times, "median_s": statistics.median(times)}
        finally:
            server.stop()
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
