"""Issue 18, section 2: a build onto a full disk or into a read-only folder is one line naming the path,
exit 1, no traceback, and the previous OUT whole (no truncated file, nothing left beside it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import SEEDS, beside, cancu, snapshot


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of its own, so it can be filled or made read-only without touching anything else."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; run as root to test a full or read-only disk")
    disk = tmp_path / "disk"
    disk.mkdir()
    done = _mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk))
    if done.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {done.stderr.strip()}")
    yield disk
    _mount("-o", "remount,rw", str(disk))
    subprocess.run(["umount", str(disk)], check=True)


def _size_kb(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) // 1024


def _one_line(stderr: str, disk: Path, reason: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"cancu: error: {disk}/"), lines[0]  # names the path it could not write
    assert reason in lines[0], lines[0]
    return lines[0]


def test_a_build_onto_a_full_disk_leaves_the_old_out_whole(small_disk: Path, seeds_out: Path) -> None:
    out = small_disk / "out"
    shutil.copytree(seeds_out, out)
    # room for the old build and less than half a new one beside it
    room = _size_kb(out) + _size_kb(out) // 3
    assert _mount("-o", f"remount,size={room}k", str(small_disk)).returncode == 0
    before = snapshot(out)
    run = cancu("build", str(SEEDS), "--out", str(out), "--skip", "pages", "-j", "1")
    assert run.returncode == 1
    line = _one_line(run.stderr, small_disk, "No space left on device")
    assert line.endswith(f"{out} left as it was"), line
    assert snapshot(out) == before  # every file whole: same bytes as before
    assert beside(out) == [f".{out.name}.cancu-lock"]  # the half-written build is gone
    assert cancu("validate", str(out)).returncode == 0


def test_a_build_into_a_read_only_folder_leaves_the_old_out_whole(small_disk: Path, seeds_out: Path) -> None:
    out = small_disk / "out"
    shutil.copytree(seeds_out, out)
    before = snapshot(out)
    assert _mount("-o", "remount,ro", str(small_disk)).returncode == 0
    run = cancu("build", str(SEEDS), "--out", str(out), "--skip", "pages", "-j", "1")
    assert run.returncode == 1
    _one_line(run.stderr, small_disk, "Read-only file system")
    assert snapshot(out) == before
    assert beside(out) == []


def test_a_first_build_onto_a_full_disk_leaves_nothing(small_disk: Path) -> None:
    assert _mount("-o", "remount,size=256k", str(small_disk)).returncode == 0
    out = small_disk / "out"
    run = cancu("build", str(SEEDS), "--out", str(out), "--skip", "pages", "-j", "1")
    assert run.returncode == 1
    _one_line(run.stderr, small_disk, "No space left on device")
    assert not out.exists()
    assert beside(out) == [f".{out.name}.cancu-lock"]
