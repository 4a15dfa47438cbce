"""FalkorDB's GOODBYE wedge replayed in raw Bolt, without the driver: which sequences leave the next
connection unanswered, and on which server file descriptor.

    .venv/bin/python tests/servers/falkordb_goodbye.py

Starts a FalkorDB as the tests do (tests/bolt_servers.py) and prints one line per case. The cause (see
graph/stores/bolt_wedge.py): on GOODBYE the module closes the client's socket without taking it out of
redis's event loop, so the next socket accepted on that descriptor number is never read.
"""

from __future__ import annotations

import re
import shutil
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MAGIC = b"\x60\x60\xb0\x17"
BOLT_5_0_TO_5_7 = bytes([0, 7, 7, 5]) + bytes(12)
BOLT_5_4 = bytes([0, 0, 4, 5]) + bytes(12)


def chunk(payload: bytes) -> bytes:
    return struct.pack(">H", len(payload)) + payload + b"\x00\x00"


def text(s: str) -> bytes:  # a PackStream string under 16 bytes
    return bytes([0x80 + len(s)]) + s.encode()


HELLO = chunk(b"\xb1\x01\xa1" + text("user_agent") + text("raw/1"))  # as the driver sends it, shorter
LOGON = chunk(b"\xb1\x6a\xa0")  # no auth
GOODBYE = chunk(b"\xb0\x02")


class Server:
    def __init__(self, bolt_port: int, redis_port: int) -> None:
        self.bolt_port, self.redis_port = bolt_port, redis_port

    def handshake(self, versions: bytes = BOLT_5_0_TO_5_7) -> tuple[socket.socket, bytes | None]:
        sock = socket.create_connection(("127.0.0.1", self.bolt_port), timeout=1.0)
        sock.sendall(MAGIC + versions)
        try:
            return sock, sock.recv(4)
        except TimeoutError:
            return sock, None

    def session(self, versions: bytes = BOLT_5_0_TO_5_7) -> socket.socket:
        """Handshake, HELLO, LOGON: a connection as the driver leaves it in its pool."""
        sock, answer = self.handshake(versions)
        if not answer:
            raise RuntimeError("the session's own handshake was not answered")
        for message in (HELLO, LOGON):
            sock.sendall(message)
            read_message(sock)
        return sock

    def clear(self) -> None:
        """Take every wedged descriptor left by earlier cases, so that each case starts clean."""
        while True:
            sock, answer = self.handshake()
            sock.close()
            if answer:
                time.sleep(0.05)
                return

    def redis_ping(self) -> bytes | None:
        with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1.0) as sock:
            sock.sendall(b"*1\r\n$4\r\nPING\r\n")
            try:
                return sock.recv(16)
            except TimeoutError:
                return None


def read_message(sock: socket.socket) -> bytes:
    data = b""
    while size := struct.unpack(">H", sock.recv(2, socket.MSG_WAITALL))[0]:
        data += sock.recv(size, socket.MSG_WAITALL)
    return data


def server_fd(sock: socket.socket) -> str:
    """The server's descriptor for our socket (from `ss -p`), or '?'."""
    if shutil.which("ss") is None:
        return "?"
    out = subprocess.run(["ss", "-tnp", f"dport = :{sock.getsockname()[1]}"], capture_output=True,
                         text=True, check=False).stdout
    match = re.search(r"fd=(\d+)", out)
    return match.group(1) if match else "?"


def answered(answer: bytes | None) -> str:
    return f"answered {answer.hex()}" if answer else "NOT ANSWERED (wedged)"


def session_then_next(s: Server, goodbye: bool) -> str:
    first = s.session()
    fd = server_fd(first)
    if goodbye:
        first.sendall(GOODBYE)
    first.close()
    time.sleep(0.1)
    nxt, answer = s.handshake()
    return f"session on fd {fd}; next handshake on fd {server_fd(nxt)}: {answered(answer)}"


def goodbye_then_close(s: Server) -> str:
    return session_then_next(s, goodbye=True)


def close_without_goodbye(s: Server) -> str:
    return session_then_next(s, goodbye=False)


def goodbye_socket_kept_open(s: Server) -> str:
    first = s.session()
    fd = server_fd(first)
    first.sendall(GOODBYE)
    closed_by_server = first.recv(1) == b""
    nxt, answer = s.handshake()
    return (f"session on fd {fd}, server closed it: {closed_by_server}; next handshake on fd "
            f"{server_fd(nxt)}: {answered(answer)}")


def say_goodbye(s: Server, versions: bytes = BOLT_5_0_TO_5_7, pause: float = 0.1) -> None:
    first = s.session(versions)
    first.sendall(GOODBYE)
    first.close()
    time.sleep(pause)


def goodbye_bolt_5_4(s: Server) -> str:
    say_goodbye(s, BOLT_5_4)
    _, answer = s.handshake(BOLT_5_4)
    return f"Bolt 5.4 instead of 5.7: next handshake {answered(answer)}"


def goodbye_then_redis_ping(s: Server) -> str:
    say_goodbye(s)
    pong = s.redis_ping()
    _, answer = s.handshake()
    return f"redis PING on the other port: {pong!r}; then a Bolt handshake: {answered(answer)}"


def goodbye_then_two_handshakes(s: Server) -> str:
    say_goodbye(s)
    one, a1 = s.handshake()
    two, a2 = s.handshake()
    return f"first on fd {server_fd(one)}: {answered(a1)}; second on fd {server_fd(two)}: {answered(a2)}"


def goodbye_then_next_at_once(s: Server) -> str:
    say_goodbye(s, pause=0)
    _, answer = s.handshake()
    return f"next handshake with no pause: {answered(answer)}"


CASES: list[Callable[[Server], str]] = [
    close_without_goodbye, goodbye_then_close, goodbye_socket_kept_open, goodbye_bolt_5_4,
    goodbye_then_next_at_once, goodbye_then_two_handshakes, goodbye_then_redis_ping,
]


def main() -> int:
    from bolt_servers import start_falkordb

    server = start_falkordb()
    try:
        port = int(server.uri.rsplit(":", 1)[1])
        s = Server(port, server.redis_port or 0)
        print(f"FalkorDB {server.version}, Bolt port {port}, redis port {server.redis_port}")
        for case in CASES:
            s.clear()
            print(f"{case.__name__:28} {case(s)}")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
