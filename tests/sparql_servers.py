"""Real SPARQL servers for the push tests: Apache Jena Fuseki (jena-fuseki-main from Maven Central,
Java 17) and the Oxigraph server (the `oxigraph` PyPI package's binary), on loopback ports.

Both are set up as a team would run them for cancu (README): the default graph is the union of the
named graphs; Fuseki's dataset is TDB2 in memory with updates allowed behind basic auth (so the
tests see a 401 too). Processes, logs and cleanup are bolt_servers' (own process group, killed with
the test run).
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bolt_servers import _java, _Process, _tail_files, free_port

from cancu.errors import CancuError

FUSEKI_DIR = Path(__file__).resolve().parent / "servers" / "fuseki"
FUSEKI_MAIN = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd"
FUSEKI_USER, FUSEKI_PASSWORD = "cancu", "pässword with spaces"


class SparqlServerError(RuntimeError):
    """A SPARQL server could not be fetched or started; the message says why, with its log's tail."""


@dataclass
class SparqlServer:
    name: str
    store_url: str  # Graph Store Protocol endpoint
    query_url: str  # SPARQL protocol endpoint
    user: str | None
    password: str | None
    process: _Process

    def stop(self) -> None:
        self.process.stop()

    def auth_header(self) -> dict[str, str]:
        if self.user is None:
            return {}
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}


def fetch_fuseki() -> Path:
    """Copy jena-fuseki-main and its dependencies into tests/servers/fuseki/target/lib (once per pom)."""
    lib = FUSEKI_DIR / "target" / "lib"
    stamp = FUSEKI_DIR / "target" / ".cancu-fetch-stamp"
    want = hashlib.sha256((FUSEKI_DIR / "pom.xml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise SparqlServerError("Maven (mvn) not found: run .ci/install-servers.sh")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    with open(stamp.parent / ".fetch.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test worker may be fetching right now
        if stamp.exists() and stamp.read_text() == want:
            return lib
        shutil.rmtree(lib, ignore_errors=True)
        goal = ["dependency:copy-dependencies", f"-DoutputDirectory={lib}", "-DincludeScope=runtime"]
        for argv in ([mvn, "-B", "-q", "-o", *goal], [mvn, "-B", "-q", *goal]):  # offline when ~/.m2 is warm
            result = subprocess.run(argv, cwd=FUSEKI_DIR, capture_output=True, text=True, check=False)
            if result.returncode == 0:
                stamp.write_text(want)
                return lib
        raise SparqlServerError(f"fetching Fuseki with Maven failed:\n{(result.stdout + result.stderr)[-3000:]}")


def _wait(server: SparqlServer, timeout: float) -> SparqlServer:
    deadline = time.monotonic() + timeout
    req = urllib.request.Request(server.query_url + "?query=ASK%7B%7D", headers=server.auth_header())
    while time.monotonic() < deadline:
        if not server.process.alive():
            break
        try:
            with urllib.request.urlopen(req, timeout=2) as resp:
                resp.read()
                return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    log = _tail_files([server.process.log_path])
    server.stop()
    raise SparqlServerError(f"{server.name} did not answer within {timeout:.0f} s; its log:\n{log}")


def start_fuseki(timeout: float = 90.0) -> SparqlServer:
    lib = fetch_fuseki()
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="cancu-fuseki-"))
    (workdir / "passwd").write_text(f"{FUSEKI_USER}: {FUSEKI_PASSWORD}\n", encoding="utf-8")
    argv = [_java(), "-Xmx512m", "-cp", f"{lib}/*", FUSEKI_MAIN, "--memTDB", "--update",
            "--set", "tdb:unionDefaultGraph=true", "--localhost", "--port", str(port),
            "--passwd", "passwd", "--auth", "basic", "/cancu"]
    proc = _Process("fuseki", argv, workdir, workdir / "fuseki.log", stdin_pipe=False)
    base = f"http://127.0.0.1:{port}/cancu"
    return _wait(SparqlServer("fuseki", f"{base}/data", f"{base}/sparql", FUSEKI_USER, FUSEKI_PASSWORD, proc),
                 timeout)


def oxigraph_binary() -> str:
    """The server binary as `cancu serve` finds it (beside this Python, else on PATH)."""
    from cancu.serve import oxigraph_binary as found

    try:
        return found()
    except CancuError as exc:
        raise SparqlServerError(str(exc)) from None


def start_oxigraph(timeout: float = 30.0) -> SparqlServer:
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="cancu-oxigraph-"))
    argv = [oxigraph_binary(), "serve", "--location", str(workdir / "store"), "--bind", f"127.0.0.1:{port}",
            "--union-default-graph"]
    proc = _Process("oxigraph", argv, workdir, workdir / "oxigraph.log", stdin_pipe=False)
    base = f"http://127.0.0.1:{port}"
    return _wait(SparqlServer("oxigraph", f"{base}/store", f"{base}/query", None, None, proc), timeout)
