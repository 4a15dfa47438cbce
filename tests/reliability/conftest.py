"""Helpers for the reliability suite (issue 18): real `cancu` processes, real signals, real files."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def cancu(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cancu.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO, timeout=300, env=env)


def start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`cancu` in its own process group (so the group can be killed), output to pipes."""
    return subprocess.Popen([sys.executable, "-m", "cancu.cli", *args], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under a folder: a file by its sha256, a link by its target, a folder as such."""
    entries = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            entries[rel] = "-> " + os.readlink(p)
        elif p.is_dir():
            entries[rel] = "dir"
        else:
            entries[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return entries


def build_snapshot(out: Path) -> dict[str, str]:
    """What a build holds: snapshot(out) without OUT/.cache (what a rebuild may reuse, not an output), the
    manifest read without its `plans` counts, which say how the build was made (parts reused or read)."""
    entries = {k: v for k, v in snapshot(out).items() if k.split("/")[0] != ".cache"}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop("plans", None)
    entries["manifest.json"] = json.dumps(manifest, sort_keys=True, ensure_ascii=False)
    return entries


def beside(out: Path) -> list[str]:
    """What a build left next to OUT (its lock file, work folders)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.cancu-"))


def children(pid: int) -> set[int]:
    """The live descendants of a process, from /proc."""
    parent_of: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if fields[0] != "Z":
                parent_of[int(d.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {c for c, p in parent_of.items() if p in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def wait_until(condition, timeout: float, step: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the seed plans (no pages), to copy: each test changes its own copy."""
    out = tmp_path_factory.mktemp("seeds") / "out"
    run = cancu("build", str(SEEDS), "--out", str(out), "--skip", "pages", "-j", "1")
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture()
def good_out(seeds_out: Path, tmp_path: Path) -> Path:
    import shutil

    out = tmp_path / "out"
    shutil.copytree(seeds_out, out, symlinks=True)
    return out


@pytest.fixture(scope="session")
def synth_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic plans: enough that a build runs for several seconds, so it can be killed midway."""
    corpus = tmp_path_factory.mktemp("synth") / "plans"
    run = cancu("synth", "--plans", os.environ.get("CANCU_KILL_PLANS", "200"), "--seed", "18", "--out", str(corpus))
    assert run.returncode == 0, run.stderr
    (corpus / "answers.json").unlink()
    return corpus
