"""Where a build is written: a staging folder beside OUT, put in OUT's place whole at the end.

OUT is only ever replaced by renames, so a build killed at any moment (SIGKILL included) leaves the
previous build whole. Beside OUT, on the same filesystem so that renames are atomic:

    .NAME.cancu-lock        locked (flock) by the build running, and holding its process id
    .NAME.cancu-build-PID/  that build's work folder, removed when it ends:
        out/                what becomes OUT
        tmp/                the spool (graph/spool.py): it goes with the folder, even after a SIGKILL
        old/                the old OUT moved aside, where the filesystem cannot exchange two names

A work folder left by a killed build is removed by the next build of OUT, which holds the lock, so no
build is using it; an old/ found there while OUT is missing (killed between the two renames) is put back.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from cancu.errors import CancuError

MANIFEST = "manifest.json"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class BuildLocked(CancuError):
    """Another build is writing the same OUT."""


class OutRefused(CancuError):
    """OUT is something a build must not replace (a file, or a folder that is not a build)."""


@dataclass
class Staging:
    out: Path  # the OUT being replaced
    work: Path  # this build's work folder beside it
    lock_fd: int
    committed: bool = False

    @property
    def staged(self) -> Path:
        return self.work / "out"

    @property
    def tmp(self) -> Path:
        return self.work / "tmp"


def _beside(out: Path, what: str) -> Path:
    return out.parent / f".{out.name}.cancu-{what}"


def begin(out: Path, force: bool = False) -> Staging:
    """Lock OUT, mend what a killed build left, check OUT may be replaced, and make a work folder."""
    if out.is_symlink():  # OUT itself may be a link the user made; what it points to is replaced
        out = Path(os.path.realpath(out))
    out = out.absolute()
    if os.path.lexists(out.parent) and not out.parent.is_dir():
        raise OutRefused(f"{out.parent} is not a folder; give OUT inside a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = _lock(out)
    try:
        _recover(out)
        _check_replaceable(out, force)
        work = _beside(out, f"build-{os.getpid()}")
        (work / "out").mkdir(parents=True)
        (work / "tmp").mkdir()
    except BaseException:
        os.close(fd)
        raise
    return Staging(out, work, fd)


def commit(stage: Staging) -> None:
    """Put the staged build in OUT's place: one exchange of names, or two renames where that is not
    possible (a crash between them is mended by the next build)."""
    if not os.path.lexists(stage.out):
        os.rename(stage.staged, stage.out)
    elif not _exchange(stage.staged, stage.out):  # the old build is now at stage.staged
        os.rename(stage.out, stage.work / "old")
        os.rename(stage.staged, stage.out)
    _fsync_dir(stage.out.parent)
    stage.committed = True


def end(stage: Staging) -> None:
    """Remove the work folder (the staged build if not committed, else the old one) and unlock."""
    try:
        shutil.rmtree(stage.work, ignore_errors=True)
    finally:
        os.close(stage.lock_fd)


def _lock(out: Path) -> int:
    fd = os.open(_beside(out, "lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode("ascii", "replace").strip()
        os.close(fd)
        raise BuildLocked(f"{out} is being built by process {holder or '(starting)'}; "
                          "wait for it to finish") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd


def _recover(out: Path) -> None:
    """Under the lock every work folder of OUT is a killed build's: put a moved-aside OUT back, then
    remove them."""
    prefix = f".{out.name}.cancu-build-"
    stale = sorted(p for p in out.parent.iterdir() if p.name.startswith(prefix) and p.is_dir()
                   and not p.is_symlink())
    for work in stale:
        if (work / "old").is_dir() and not os.path.lexists(out):
            os.rename(work / "old", out)
    for work in stale:
        shutil.rmtree(work, ignore_errors=True)


def _check_replaceable(out: Path, force: bool) -> None:
    if not os.path.lexists(out):
        return
    if not out.is_dir():
        raise OutRefused(f"{out} is not a folder; give a folder to build into")
    if force or (out / MANIFEST).is_file() or not any(out.iterdir()):
        return
    raise OutRefused(f"{out} is not a cancu build (no {MANIFEST}) and not empty; give a new or empty "
                     "folder, or --force to replace it")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    """The renames reach the disk before OUT is reported built."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
