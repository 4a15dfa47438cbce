"""The `cancu` command as a user runs it: bad input is one clear line on stderr, never a traceback,
and never stops the other files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOOD = REPO / "tests" / "loaders" / "fixtures" / "plans" / "ha-noi-2025-kh-ubnd.txt"


def cancu(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cancu.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd or REPO, timeout=300)


def _missing(d: Path) -> Path:
    return d / "missing.txt"


def _empty(d: Path) -> Path:
    p = d / "empty.txt"
    p.write_bytes(b"")
    return p


def _blank(d: Path) -> Path:
    p = d / "blank.txt"
    p.write_text("  \n\t\n\n", encoding="utf-8")
    return p


def _binary(d: Path) -> Path:
    p = d / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return p


def _high_bytes(d: Path) -> Path:
    """No NUL bytes, not UTF-8: bytes that decode to nothing a plan is made of."""
    p = d / "noise.txt"
    p.write_bytes(bytes((37 * i + 129) % 126 + 129 for i in range(4000)))
    return p


def _folder_without_plans(d: Path) -> Path:
    p = d / "nothing-here"
    p.mkdir()
    (p / "notes.rst").write_text("not a plan", encoding="utf-8")
    return p


def _not_a_plan(d: Path) -> Path:
    p = d / "letter.txt"
    p.write_text("Hôm nay trời đẹp.\nChúng tôi đi dạo ở công viên và ăn kem.\n", encoding="utf-8")
    return p


def _unsupported(d: Path) -> Path:
    p = d / "plan.xlsx"
    p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    return p


BAD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing-file": (_missing, "no such file"),
    "empty-file": (_empty, "empty"),
    "blank-file": (_blank, "empty"),
    "binary-file": (_binary, "binary"),
    "undecodable-bytes": (_high_bytes, ""),
    "folder-without-plans": (_folder_without_plans, "no plan files"),
    "text-that-is-not-a-plan": (_not_a_plan, "not a plan"),
    "unsupported-suffix": (_unsupported, "unsupported file type"),
}


def assert_one_clear_line(stderr: str, bad: Path, reason: str) -> None:
    assert "Traceback" not in stderr, stderr
    naming = [line for line in stderr.splitlines() if str(bad) in line]
    assert len(naming) == 1, f"expected one line naming {bad}:\n{stderr}"
    assert naming[0].startswith("cancu: error: "), naming[0]
    assert reason in naming[0], naming[0]


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_and_the_rest_is_processed(tmp_path: Path, case: str) -> None:
    make, reason = BAD[case]
    bad = make(tmp_path)
    proc = cancu("extract", str(bad), str(GOOD), "--json")
    assert proc.returncode == 1, proc.stderr
    assert_one_clear_line(proc.stderr, bad, reason)
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert [r["source"] for r in records] == [GOOD.name]  # the good file after the bad one still comes out


def test_all_bad_inputs_in_one_batch(tmp_path: Path) -> None:
    bads = [make(tmp_path) for make, _ in BAD.values()]
    proc = cancu("extract", *map(str, bads), str(GOOD), "--json")
    assert proc.returncode == 1
    for bad, (_, reason) in zip(bads, BAD.values(), strict=True):
        assert_one_clear_line(proc.stderr, bad, reason)
    assert len([line for line in proc.stdout.splitlines() if line.strip()]) == 1
    assert f"{len(bads)} of {len(bads) + 1}" in proc.stderr


def test_a_good_folder_exits_zero_without_stderr() -> None:
    proc = cancu("extract", str(GOOD.parent), "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert len(proc.stdout.splitlines()) == len(list(GOOD.parent.iterdir()))


def test_human_readable_output() -> None:
    proc = cancu("extract", str(GOOD))
    assert proc.returncode == 0, proc.stderr
    assert "215/KH-UBND" in proc.stdout and "Hà Nội" in proc.stdout


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["extract", "--help"], ["export", "--help"]],
                         ids=["cancu", "cancu-short", "extract", "export"])
def test_help(args: list[str]) -> None:
    proc = cancu(*args)
    assert proc.returncode == 0, proc.stderr
    assert "Usage:" in proc.stdout
    if args[0] == "extract":
        assert "--json" in proc.stdout and "FILE_OR_DIR" in proc.stdout
    if args[0] == "export":
        assert "--xlsx" in proc.stdout and "lead–cooperating pair" in proc.stdout


def test_extract_without_arguments_is_a_usage_error() -> None:
    proc = cancu("extract")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "Usage:" in proc.stderr


def test_an_internal_error_is_one_line_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A bug in a loader on one file is reported on that file's line; the other files still come out."""
    from click.testing import CliRunner

    import cancu.api
    from cancu.cli import main

    real = cancu.api.extract_path
    broken = tmp_path / "breaks-the-loader.txt"
    broken.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")

    def flaky(path: str, name: str | None = None):  # type: ignore[no-untyped-def]
        if str(path) == str(broken):
            raise RuntimeError("boom")
        return real(path, name=name)

    monkeypatch.setattr(cancu.api, "extract_path", flaky)
    monkeypatch.delenv("CANCU_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["extract", str(broken), str(GOOD), "--json"])
    assert result.exit_code == 1
    assert_one_clear_line(result.stderr, broken, "internal error (RuntimeError: boom)")
    assert [json.loads(line)["source"] for line in result.stdout.splitlines() if line.strip()] == [GOOD.name]
