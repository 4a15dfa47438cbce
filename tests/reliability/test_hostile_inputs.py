"""A bad file is one clear line, in bounded time and memory, and never blocks the others (issue 18, 2).

Each hostile input is made here, put beside a good plan and given to `cancu extract` as a user would
run it; the test checks the exit status, the one line naming the bad file, that the good plan came
out, and the time and peak memory of the whole run (cancu and its workers, measured by a wrapper
process that waits for them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from . import hostile_makers as mk

GB_MB = 1024  # the default memory limit of one file's extraction
# runs cancu and reports the peak resident size of it and its workers (KB) on the last stderr line
_WRAP = ("import resource, subprocess, sys\n"
         "code = subprocess.run(sys.argv[1:]).returncode\n"
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
         "sys.exit(code)\n")


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float

    def records(self) -> dict[str, dict]:
        return {Path(r["source"]).name: r for r in map(json.loads, self.out.splitlines())}

    def lines_naming(self, path: Path) -> list[str]:
        return [line for line in self.err.splitlines() if str(path) in line]


def extract(*args: str | Path, timeout: float = 120) -> Run:
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _WRAP, sys.executable, "-m", "cancu.cli", "extract",
                           *map(str, args), "--json"], capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, cwd=mk.REPO)
    *err, peak = proc.stderr.rstrip("\n").split("\n")
    return Run(proc.returncode, proc.stdout, "\n".join(err), time.monotonic() - t0, int(peak) / 1024)


def assert_reported(run: Run, bad: Path, reason: str, seconds: float = 60, peak_mb: float = GB_MB) -> None:
    """Exit 1, one line naming the bad file with the reason, the good plan extracted, within bounds."""
    assert "Traceback" not in run.err, run.err
    assert run.code == 1, run.err
    naming = run.lines_naming(bad)
    assert len(naming) == 1, run.err
    assert naming[0].startswith("cancu: error: ") and reason in naming[0], naming[0]
    assert list(run.records()) == ["good-plan.txt"], run.err
    assert run.seconds < seconds, f"{run.seconds:.1f} s"
    assert run.peak_mb < peak_mb, f"{run.peak_mb:.0f} MB"


def test_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    bomb = mk.zip_bomb(tmp_path)
    assert_reported(extract(bomb, mk.good(tmp_path)), bomb, "--max-unzipped-mb", seconds=30, peak_mb=300)


def test_docx_of_a_million_tiny_paragraphs_is_refused(tmp_path: Path) -> None:
    tiny = mk.tiny_paragraphs(tmp_path)
    assert_reported(extract(tiny, mk.good(tmp_path)), tiny, "--max-zip-ratio", seconds=30, peak_mb=300)


def test_pdf_of_blank_pages_is_refused_before_its_pages_are_read(tmp_path: Path) -> None:
    blank = mk.blank_pages(tmp_path)
    assert_reported(extract(blank, mk.good(tmp_path)), blank, "2000 pages", seconds=30, peak_mb=300)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = mk.long_line(tmp_path, size=3 << 20)
    assert_reported(extract(big, mk.good(tmp_path), "--max-file-mb", "2"), big, "over the 2 MB limit",
                    seconds=30, peak_mb=300)


def test_a_long_single_line_is_read_in_linear_time(tmp_path: Path) -> None:
    """1 MB in one line, thousands of citations: minutes on a quadratic scan, seconds on a linear one."""
    line = mk.long_line(tmp_path, size=1 << 20)
    run = extract(line, mk.good(tmp_path))
    assert run.code == 0, run.err
    records = run.records()
    assert list(records) == ["long-line.txt", "good-plan.txt"]
    assert len(records["long-line.txt"]["citations"]) > 0
    assert run.seconds < 60, f"{run.seconds:.1f} s"
    assert run.peak_mb < GB_MB, f"{run.peak_mb:.0f} MB"


def test_a_file_past_its_time_is_stopped_and_the_next_goes_on(tmp_path: Path) -> None:
    # 4 MB on one line takes seconds even on an idle machine (linear, but long): 0.5 s stops it
    slow = mk.long_line(tmp_path, size=4 << 20)
    run = extract(slow, mk.good(tmp_path), "--timeout-per-file", "0.5", "--jobs", "1")
    assert_reported(run, slow, "stopped after 0.5 s", seconds=30)


def test_a_whitespace_bomb_stays_within_the_memory_limit(tmp_path: Path) -> None:
    """Millions of blank lines, under the size limit: the file fails at the memory limit, alone (a
    lower limit than the default, to keep the test small)."""
    bomb = mk.whitespace_bomb(tmp_path, mb=6)
    run = extract(bomb, mk.good(tmp_path), "--max-memory-mb", "250")
    assert_reported(run, bomb, "needs more than 250 MB of memory", seconds=60, peak_mb=250)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_is_skipped_never_opened(tmp_path: Path) -> None:
    pipe = mk.fifo(tmp_path)
    assert_reported(extract(pipe, mk.good(tmp_path), timeout=60), pipe, "named pipe", seconds=30)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_in_a_folder_is_reported_and_the_folder_read(tmp_path: Path) -> None:
    pipe, good = mk.fifo(tmp_path), mk.good(tmp_path)
    run = extract(tmp_path, timeout=60)
    assert_reported(run, pipe, "named pipe", seconds=30)
    assert good.exists()


def test_a_stray_invalid_byte_is_replaced_with_a_warning(tmp_path: Path) -> None:
    stray, line = mk.stray_byte(tmp_path)
    run = extract(stray, mk.good(tmp_path))
    _assert_mended(run, stray, line, "invalid UTF-8 byte")


def test_nul_bytes_are_removed_with_a_warning(tmp_path: Path) -> None:
    nul, line = mk.nul_bytes(tmp_path)
    run = extract(nul, mk.good(tmp_path))
    _assert_mended(run, nul, line, "NUL byte")


def _assert_mended(run: Run, path: Path, line: int, what: str) -> None:
    """The plan is read as the good one is, with one warning naming the line that was mended."""
    assert run.code == 0, run.err
    records = run.records()
    mended, good = records[path.name], records["good-plan.txt"]
    assert mended["plan"]["number"] == good["plan"]["number"] and mended["plan"]["number"]
    assert [c["number"] for c in mended["citations"]] == [c["number"] for c in good["citations"]]
    warned = [w for w in mended["warnings"] if w["code"] == "encoding"]
    assert len(warned) == 1 and warned[0]["line"] == line and what in warned[0]["message"], warned


@pytest.mark.parametrize("make, reason", [(mk.unreadable, "cannot read"), (mk.name_too_long, "too long")],
                         ids=["unreadable", "name-too-long"])
def test_filesystem_errors_are_one_line_naming_the_path(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    bad = make(tmp_path)
    assert_reported(extract(bad, mk.good(tmp_path)), bad, reason, seconds=30)
