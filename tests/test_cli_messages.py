"""Messages a user can act on (issue 18 §4): what is wrong, in one line, with what to do instead."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def cancu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cancu.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO, timeout=300)


def one_error_line(res: subprocess.CompletedProcess[str]) -> str:
    assert res.returncode != 0, res.stdout
    assert "Traceback" not in res.stderr, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cancu: error: "), res.stderr
    return lines[0]


# --- --uri: only the schemes cancu speaks (Bolt), said before any driver is loaded -----------------

BAD_URIS = {
    "http": ("http://localhost:7474", "scheme 'http' is not supported"),
    "https": ("https://example.org:7473", "scheme 'https' is not supported"),
    "redis": ("redis://localhost:6379", "scheme 'redis' is not supported"),
    "no-scheme": ("localhost:7687", "no scheme"),
    "no-host": ("bolt://", "no host"),
}


@pytest.mark.parametrize("command", ["push", "query"])
@pytest.mark.parametrize("case", list(BAD_URIS))
def test_unsupported_uri_scheme_says_so(seeds_build, command: str, case: str) -> None:
    uri, says = BAD_URIS[case]
    if command == "push":
        res = cancu("push", str(seeds_build.out), "--uri", uri)
    else:
        res = cancu("query", "run", "plan-overview", "--language", "cypher", "-p", "province=Tây Ninh",
                    "--out-dir", str(seeds_build.out), "--uri", uri)
    line = one_error_line(res)
    assert says in line, line
    assert "bolt://" in line, line  # what to write instead
