"""`cancu serve OUT`: the build's pages and a SPARQL 1.1 endpoint over its graph, from one address.

The endpoint is the real Oxigraph server (`oxigraph serve-read-only`, from the `oxigraph` package) on
the build's store (OUT/.oxigraph, the one `cancu query run` loads), listening on a private loopback
port. A small Python server serves the pages and passes /sparql through to it, so the queries page
calls its own origin: no CORS, and nothing else of Oxigraph's is exposed.
"""

from __future__ import annotations

import errno
import functools
import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cancu.errors import CancuError
from cancu.graph.stores.embedded import free_ports
from cancu.workers import die_with_parent

ENDPOINT_PATH = "/sparql"
_FORWARDED = ("Content-Type", "Accept")


def oxigraph_binary() -> str:
    """The server binary the `oxigraph` package puts beside this Python, else one on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise CancuError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return found


def _store(out: Path) -> Path:
    """OUT/.oxigraph, loaded (or reloaded) from graph.nt and closed again: the server opens it next."""
    from cancu.queries.run import oxigraph_store

    store = oxigraph_store(out)
    del store
    gc.collect()  # releases pyoxigraph's handle before the server opens the folder
    return out / ".oxigraph"


def start_oxigraph(location: Path, timeout: float = 30.0) -> tuple[subprocess.Popen[bytes], str]:
    """The read-only Oxigraph server on the store, on a free loopback port; returns it and its /query URL."""
    (port,) = free_ports(1)
    parent = os.getpid()
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=functools.partial(die_with_parent, parent))  # no orphan server if cancu is killed
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = (proc.stderr.read() if proc.stderr else b"").decode("utf-8", "replace").strip().splitlines()
            raise CancuError(f"the Oxigraph server stopped: {err[-1] if err else f'exit {proc.returncode}'}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as resp:
                resp.read()
            return proc, url
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    proc.kill()
    raise CancuError(f"the Oxigraph server did not answer within {timeout:.0f} s")


class _Handler(SimpleHTTPRequestHandler):
    """The pages from OUT (never its hidden folders) and /sparql passed through to Oxigraph."""

    endpoint = ""

    def log_message(self, format: str, *args: Any) -> None:  # quiet: one line per request is noise here
        pass

    def _hidden(self) -> bool:
        # unquoted as the file lookup unquotes it: /%2Eoxigraph is .oxigraph too
        path = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        return any(part.startswith(".") for part in path.replace("\\", "/").split("/"))

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == ENDPOINT_PATH:
            self._forward(None)
        elif self._hidden():
            self.send_error(404)
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._hidden():
            self.send_error(404)
        else:
            super().do_HEAD()

    def do_POST(self) -> None:
        if self.path.split("?", 1)[0] != ENDPOINT_PATH:
            self.send_error(405)
            return
        length = int(self.headers.get("Content-Length") or 0)
        self._forward(self.rfile.read(length))

    def _forward(self, body: bytes | None) -> None:
        query = self.path.partition("?")[2]
        headers = {h: self.headers[h] for h in _FORWARDED if self.headers.get(h)}
        req = urllib.request.Request(self.endpoint + (f"?{query}" if query else ""), data=body, headers=headers,
                                     method="POST" if body is not None else "GET")
        try:
            with urllib.request.urlopen(req, timeout=300) as resp:
                status, ctype, payload = resp.status, resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:  # a bad query: Oxigraph's message, for the page to show
            status, ctype, payload = exc.code, exc.headers.get("Content-Type", "text/plain"), exc.read()
        except (urllib.error.URLError, OSError) as exc:
            status, ctype, payload = 502, "text/plain; charset=utf-8", f"the SPARQL server failed: {exc}".encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(payload)


class _ServerV6(ThreadingHTTPServer):
    address_family = socket.AF_INET6  # --host ::1


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def bind(out: Path, host: str, port: int) -> ThreadingHTTPServer:
    """The page server, bound (a port in use is a CancuError) but not started."""
    handler = functools.partial(_Handler, directory=str(out))
    server_class = _ServerV6 if ":" in host else ThreadingHTTPServer
    try:
        return server_class((host, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CancuError(f"port {port} on {host} is in use; choose another with --port") from None
        raise CancuError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(out: str | Path, host: str = "127.0.0.1", port: int = 8000, ready: Any = print) -> None:
    """Serve OUT until Ctrl-C (or SIGTERM), then stop both servers."""
    out = Path(out)
    if not (out / "graph.nt").exists():
        raise CancuError(f"{out}: no graph.nt here; run `cancu build PLANS --out {out}` first")
    server = bind(out, host, port)  # first: a port in use fails before anything is loaded or started
    proc = None
    try:
        try:
            location = _store(out)
        except OSError as exc:  # pyoxigraph's store: a full disk, a folder we may not write
            raise CancuError(f"{out}/.oxigraph: cannot load the store: {exc}") from None
        proc, endpoint = start_oxigraph(location)
        _Handler.endpoint = endpoint
        # Ctrl-C, or `kill`, stops both servers (SIGINT too: a shell may have started us ignoring it)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, _interrupt)
        shown = f"[{host}]" if ":" in host else host
        base = f"http://{shown}:{server.server_address[1]}"
        pages = "" if (out / "queries.html").exists() else " (no queries.html: rebuild OUT with pages)"
        ready(f"serving {out} at {base}/ — queries: {base}/queries.html{pages}, "
              f"SPARQL endpoint: {base}{ENDPOINT_PATH}; Ctrl-C stops")
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
