"""The extraction worker pool: each file in a worker process that can be stopped on its own.

A process pool from the standard library cannot stop one task: a file that runs past its time would
hold its worker forever, and a worker killed by the system breaks the whole pool. Here each worker
is a process on one end of a pipe; the parent hands it one file at a time, kills it when the file
runs past `Limits.timeout_s` (the file is reported, a new worker takes the next one), and reports a
worker that died (a C library's crash, the kernel's out-of-memory killer) the same way. Each file's
extraction may grow the worker by `Limits.memory_mb` at most (RLIMIT_AS): past that, allocations
fail and the file is reported instead of the machine swapping. Results come out in the files' order.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from typing import Any

from cancu.loaders.read import limits
from cancu.loaders.read.limits import MB, Limits

WINDOW = 64  # files handed out ahead of the first one not yet returned, per worker: bounds the parent
WARM_UP_S = 60  # a new worker's start (the domain knowledge loaded), not counted in a file's time
_PR_SET_PDEATHSIG = 1  # prctl option: the signal this process gets when its parent dies
_READY = "cancu-worker-ready"  # what a worker says once started, before its first answer


class WorkerLost(Exception):
    """A worker that stopped without answering: the message says why, for the file it was reading."""


def supervised_map(work: Callable[[str], Any], items: Iterable[str], jobs: int,
                   on_lost: Callable[[str, str], Any], initializer: Callable[[], None] | None = None,
                   lim: Limits | None = None) -> Iterator[Any]:
    """`work(item)` for each item, in `jobs` worker processes, in the items' order; an item whose
    worker ran out of time or died gives `on_lost(item, reason)` instead."""
    lim = lim or limits.current()
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pool = _Pool(ctx, work, lim, initializer, max(jobs, 1))
    try:
        yield from pool.run(iter(items), on_lost)
    finally:
        pool.close()


class _Worker:
    def __init__(self, ctx: Any, work: Callable[[str], Any], lim: Limits,
                 initializer: Callable[[], None] | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, work, lim, initializer, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.task: tuple[int, str, float] | None = None  # index, item, deadline
        self.ready = False

    def give(self, index: int, item: str, timeout_s: float) -> None:
        self.conn.send(item)
        self.task = (index, item, time.monotonic() + timeout_s + (0 if self.ready else WARM_UP_S))

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()

    def why_dead(self) -> str:
        self.proc.join(1)
        code = self.proc.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = " (out of memory?)" if name == "SIGKILL" else ""
            return f"its worker process was killed by {name}{hint}"
        return f"its worker process stopped (exit status {code})"


class _Pool:
    def __init__(self, ctx: Any, work: Callable[[str], Any], lim: Limits,
                 initializer: Callable[[], None] | None, jobs: int) -> None:
        self.ctx, self.work, self.lim, self.initializer, self.jobs = ctx, work, lim, initializer, jobs
        self.workers: list[_Worker] = []

    def spawn(self) -> _Worker:
        w = _Worker(self.ctx, self.work, self.lim, self.initializer)
        self.workers.append(w)
        return w

    def close(self) -> None:
        for w in self.workers:
            if w.task is None and w.proc.is_alive():
                with suppress(OSError):
                    w.conn.send(None)  # a clean exit: its atexit handlers (LibreOffice profile) run
        for w in self.workers:
            w.proc.join(0.5 if w.task is None else 0)
            w.kill()
        self.workers = []

    def run(self, items: Iterator[str], on_lost: Callable[[str, str], Any]) -> Iterator[Any]:
        done: dict[int, Any] = {}
        given = returned = 0
        exhausted = False
        while True:
            # hand out files to idle workers, a bounded stretch ahead of the first one not yet returned
            while not exhausted and given - returned < WINDOW * self.jobs:
                idle = next((w for w in self.workers if w.task is None), None)
                if idle is None and len(self.workers) < self.jobs:
                    idle = self.spawn()
                if idle is None:
                    break
                item = next(items, None)
                if item is None:
                    exhausted = True
                    break
                idle.give(given, item, self.lim.timeout_s)
                given += 1
            while returned in done:
                yield done.pop(returned)
                returned += 1
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                if exhausted:
                    return
                continue
            self.collect(busy, done, on_lost)

    def collect(self, busy: list[_Worker], done: dict[int, Any], on_lost: Callable[[str, str], Any]) -> None:
        """Wait for the first answer or deadline, and record what came."""
        first = min(w.task[2] for w in busy if w.task)
        ready = wait([w.conn for w in busy], timeout=max(first - time.monotonic(), 0))
        for w in busy:
            assert w.task is not None
            index, item, deadline = w.task
            if w.conn in ready:
                try:
                    answer = w.conn.recv()
                except (EOFError, OSError):
                    reason = w.why_dead()
                else:
                    if answer == _READY:  # started: the file's own time begins now
                        w.ready = True
                        w.task = (index, item, time.monotonic() + self.lim.timeout_s)
                    else:
                        done[index] = answer
                        w.task = None
                    continue
            elif time.monotonic() >= deadline:
                reason = (f"stopped after {self.lim.timeout_s:g} s, the time limit for one file "
                          "(raise it with --timeout-per-file)")
            else:
                continue
            w.kill()
            self.workers.remove(w)
            done[index] = on_lost(item, reason)


def _serve(conn: Connection, work: Callable[[str], Any], lim: Limits,
           initializer: Callable[[], None] | None, parent: int) -> None:
    die_with_parent(parent)
    limits.use(lim)
    if initializer:
        initializer()
    conn.send(_READY)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        _bound_memory(lim.memory_mb)
        conn.send(work(item))
        _settle()


def _settle() -> None:
    """After each file: the garbage it left collected, and what survives it (entries of the readers'
    caches, mostly) set apart from the collector for good. Otherwise every full collection walks every
    cache entry made so far: at 1,000 plans those walks were a third more misses of the processor's
    cache than the extraction itself made, though few instructions. Once the file's cycles are gone,
    what survives lives as long as the worker or is freed by its reference count (a cache's eviction)."""
    gc.collect()
    gc.freeze()


def die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this process (an extraction worker, a build's writer) when the process
    that started it dies (PR_SET_PDEATHSIG), so a killed build leaves no orphan reading or writing."""
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)


def _bound_memory(memory_mb: int) -> None:
    """This file's extraction may bring the worker to `memory_mb` in all: the address space may grow by
    what the worker does not hold yet. Past that, allocations fail with MemoryError, reported for the
    file. Set again before each file, from the worker's size then."""
    try:
        import resource
    except ImportError:  # not on this system
        return
    sizes = _sizes()
    if sizes is None:
        return
    mapped, resident = sizes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = mapped + max(memory_mb * MB - resident, 64 * MB)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _sizes() -> tuple[int, int] | None:
    """The process's mapped and resident sizes now, None where /proc does not say."""
    try:
        with open("/proc/self/statm") as f:
            mapped, resident = f.read().split()[:2]
        page = os.sysconf("SC_PAGE_SIZE")
        return int(mapped) * page, int(resident) * page
    except (OSError, ValueError):
        return None
