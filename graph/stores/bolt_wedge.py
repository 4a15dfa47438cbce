"""Sockets FalkorDB would leave unanswered, taken before the driver connects.

FalkorDB 4.16's Bolt listener (a module inside redis-server) frees a client that says GOODBYE by
closing its socket without removing it from redis's event loop first. The loop still believes that
file descriptor is watched, so the next socket the server accepts on that number (the lowest free one)
is registered with EPOLL_CTL_MOD instead of EPOLL_CTL_ADD, the kernel refuses (ENOENT), the module
ignores the error, and nothing on that socket is ever read: a Bolt handshake, or even a redis PING on
the other port, waits forever, and the descriptor stays taken (CLOSE-WAIT) once the client gives up.
Every driver says GOODBYE on close, so every client that leaves sets such a trap for the next one.
(Seen with strace: `close(N)` with no `EPOLL_CTL_DEL`, then `accept = N`, `EPOLL_CTL_MOD N = ENOENT`.
tests/servers/falkordb_goodbye.py replays it in raw Bolt.)

A client cannot clear the trap; it can only spring it. `take_wedged_sockets` does so with throwaway
handshakes until one is answered, and closes that one cleanly (it half-closes and waits for the server
to close), so the lowest free descriptor is a healthy one when the driver's own connection arrives.
Neo4j answers every handshake: there this costs two round trips.
"""

from __future__ import annotations

import socket
import time

# the Bolt magic and four version proposals: 5.7 down to 5.0, then nothing
HANDSHAKE = b"\x60\x60\xb0\x17" + bytes([0, 7, 7, 5]) + bytes(12)
# seconds to wait for an answer, plus 3 round trips (below): a healthy FalkorDB answers a handshake in
# 0.06 ms (0.5 ms at most in 300, on a loaded machine); one that is only slower than this costs one more
# handshake, never a wedged connection
ANSWER_WITHIN = 0.01
MOST = 32  # wedged sockets taken before leaving the rest to the driver's retry


def take_wedged_sockets(host: str, port: int, answer_within: float = ANSWER_WITHIN, most: int = MOST) -> int:
    """How many handshakes went unanswered (each took one wedged socket) before the driver may connect.

    Two rounds, each until a handshake is answered: a GOODBYE that reached the server before our first
    handshake is processed before that handshake is answered (one event loop), but the socket it frees
    may be lower than the one we were given; the second round takes it."""
    taken = 0
    for _round in range(2):
        while True:
            answered = _handshake(host, port, answer_within)
            if answered is None:
                return taken  # unreachable: the driver's own attempt says so in its words
            if answered:
                break
            taken += 1
            if taken >= most:
                return taken
    return taken


def _handshake(host: str, port: int, answer_within: float) -> bool | None:
    """True: answered, and closed so that the server frees it cleanly; False: not read in time (it now
    holds a wedged socket, or the server was only slow); None: no connection."""
    started = time.monotonic()
    try:
        sock = socket.create_connection((host, port), timeout=2)
    except OSError:
        return None
    with sock:
        sock.settimeout(answer_within + 3 * (time.monotonic() - started))  # a slow link is not a wedge
        try:
            sock.sendall(HANDSHAKE)
            sock.recv(4)  # the version, or nothing if the server closed: either way it read us
        except TimeoutError:
            return False
        except OSError:
            return None
        _close_cleanly(sock)
        return True


def _close_cleanly(sock: socket.socket) -> None:
    """Half-close and wait for the server's close: the server frees the descriptor through its
    disconnect path (which leaves no trap) before the driver connects."""
    try:
        sock.shutdown(socket.SHUT_WR)
        while sock.recv(64):
            pass
    except OSError:
        pass
