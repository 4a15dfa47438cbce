"""Issue 18, section 1: a build killed at any moment leaves the old OUT whole; its workers die with it;
one build at a time per OUT."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from .conftest import alive, beside, build_snapshot, cancu, children, snapshot, start, wait_until

# a few seconds of build, killed at moments spread over extraction, the graph and the writers
KILLS = 4


@pytest.fixture(scope="module")
def synth_out(synth_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """A good build of the synthetic corpus, and how long it took."""
    out = tmp_path_factory.mktemp("synth-build") / "out"
    t0 = time.monotonic()
    run = cancu("build", str(synth_corpus), "--out", str(out), "-j", "2")
    assert run.returncode == 0, run.stderr
    return out, time.monotonic() - t0


def _kill(proc, whole_group: bool) -> set[int]:  # type: ignore[no-untyped-def]
    """SIGKILL the build (or its whole group); the processes it had started, for the caller to check.
    Only the build itself is waited for: an orphan may hold its pipes open."""
    kids = children(proc.pid)
    if whole_group:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    return kids


def _no_orphans(kids: set[int]) -> list[int]:
    """The processes that outlived the build, killed so that a failing run leaves none behind."""
    wait_until(lambda: not any(alive(c) for c in kids), 10)
    orphans = sorted(c for c in kids if alive(c))
    for c in orphans:
        os.kill(c, signal.SIGKILL)
    return orphans


def test_a_build_killed_at_any_moment_leaves_the_old_out_byte_identical(synth_corpus: Path,
                                                                        synth_out: tuple[Path, float]) -> None:
    out, seconds = synth_out
    before = snapshot(out)
    built = build_snapshot(out)
    assert "manifest.json" in before and any(k.startswith("plans/") for k in before)
    rng = random.Random(18)
    for i in range(KILLS):
        moment = rng.uniform(0.05, 0.95) * seconds
        # --no-cache: every plan read again, as long as the first build took, so the kill lands inside it
        proc = start("build", str(synth_corpus), "--out", str(out), "-j", "2", "--no-cache")
        time.sleep(moment)
        orphans = _no_orphans(_kill(proc, whole_group=i % 2 == 1))
        assert snapshot(out) == before, f"OUT changed by a build killed after {moment:.1f}s"
        assert orphans == [], f"workers outlived a build killed after {moment:.1f}s"
    # the next build cleans what the killed ones left beside OUT, and gives the same files
    run = cancu("build", str(synth_corpus), "--out", str(out), "-j", "2")
    assert run.returncode == 0, run.stderr
    assert beside(out) == [f".{out.name}.cancu-lock"]
    assert build_snapshot(out) == built  # the same files (this build reused OUT's cache: its counts differ)


def test_killing_the_main_process_kills_its_workers_and_leaves_no_spool(synth_corpus: Path, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    proc = start("build", str(synth_corpus), "--out", str(out), "-j", "2", env={**os.environ, "TMPDIR": str(tmp)})
    assert wait_until(lambda: len(children(proc.pid)) >= 2, 60), "the build never started its workers"
    time.sleep(0.5)  # into the extraction, with the spool being written
    kids = _kill(proc, whole_group=False)
    assert kids
    assert _no_orphans(kids) == [], "workers outlived the build"
    assert list(tmp.iterdir()) == []
    assert not out.exists()


def test_a_second_build_of_the_same_out_is_refused_naming_the_first(synth_corpus: Path, good_out: Path) -> None:
    first = start("build", str(synth_corpus), "--out", str(good_out), "-j", "1", "--skip", "pages")
    lock = good_out.parent / f".{good_out.name}.cancu-lock"
    try:
        assert wait_until(lambda: lock.exists() and lock.read_text().strip() == str(first.pid), 60)
        second = cancu("build", str(synth_corpus), "--out", str(good_out))
        assert second.returncode == 75, second.stderr
        assert second.stderr == (f"cancu: error: {good_out} is being built by process {first.pid}; "
                                 "wait for it to finish\n")
    finally:
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err  # the refused build took nothing from the first
    assert beside(good_out) == [lock.name]
