"""Messages a user can act on (issue 18 §4): what is wrong, in one line, with what to do instead."""

from __future__ import annotations

import json
import os
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


# --- saved queries: the other language, and parameters checked by their declared type ---------------

QUERY_ERRORS = {
    "no-cypher-version": (["legal-basis-changes", "--language", "cypher", "-p", "province=Tây Ninh"],
                          "has no Cypher version, only SPARQL: run it with --language sparql"),
    "no-such-query": (["plan-overwiev"], "no saved query named 'plan-overwiev' (did you mean plan-overview?)"),
    "year-not-integer": (["provinces-following-agency", "-p", "agency=bo-noi-vu", "-p", "year=2O22"],
                         "--param year=2O22: not a whole number (e.g. year=2022)"),
    "year-left-out": (["provinces-following-agency", "-p", "agency=bo-noi-vu"],
                      "needs --param year=… (a whole number, e.g. --param year=2022)"),
    "province-left-out": (["legal-bases-by-year"],
                          'needs --param province=… (a province, e.g. --param "province=Tây Ninh")'),
    "province-without-diacritics": (["legal-bases-by-year", "-p", "province=Ha Noi"],
                                    'did you mean "province=Hà Nội"?'),
    "province-in-lower-case": (["local-legal-bases", "-p", "province=bắc kạn"], 'did you mean "province=Bắc Kạn"?'),
    "province-by-former-name": (["plan-overview", "-p", "province=Thừa Thiên Huế"], "did you mean province=Huế?"),
    "province-misspelt": (["cooperation-pairs", "-p", "province=Tay Ninhh"], 'did you mean "province=Tây Ninh"?'),
    "province-unknown": (["plan-overview", "-p", "province=Atlantis"], "not a province cancu knows"),
    "cypher-province": (["plan-overview", "--language", "cypher", "-p", "province=Ha Noi"], "did you mean"),
}


@pytest.mark.parametrize("case", list(QUERY_ERRORS))
def test_query_errors_say_what_to_write(seeds_build, case: str) -> None:
    args, says = QUERY_ERRORS[case]
    line = one_error_line(cancu("query", "run", *args, "--out-dir", str(seeds_build.out)))
    assert says in line, line


# --- text shown to people ----------------------------------------------------------------------------

TAY_NINH_PLAN = "https://w3id.org/cancu/id/doc/tay-ninh/2022/1183-kh-ubnd"


def test_query_json_writes_iris_and_vietnamese_as_they_are(seeds_build) -> None:
    res = cancu("query", "run", "plan-overview", "-p", "province=Tây Ninh", "--out-dir", str(seeds_build.out),
                "--format", "json")
    assert res.returncode == 0, res.stderr
    assert "\\/" not in res.stdout and "\\u" not in res.stdout
    assert f'"plan": "{TAY_NINH_PLAN}"' in res.stdout and '"province": "Tây Ninh"' in res.stdout


def test_query_table_shows_prefixed_names_not_whole_iris(seeds_build) -> None:
    env = {**os.environ, "COLUMNS": "250"}
    res = subprocess.run([sys.executable, "-m", "cancu.cli", "query", "run", "plan-overview", "-p", "province=Tây Ninh",
                          "--out-dir", str(seeds_build.out)], capture_output=True, text=True, cwd=REPO, env=env)
    assert res.returncode == 0, res.stderr
    assert "id:doc/tay-ninh/2022/1183-kh-ubnd" in res.stdout and "https://" not in res.stdout, res.stdout


def test_warnings_come_in_line_order(seeds_dir: Path) -> None:
    res = cancu("extract", str(seeds_dir / "gia-lai-2024-139-kh-stttt.txt"), "--json")
    assert res.returncode == 0, res.stderr
    lines = [w["line"] or 0 for w in json.loads(res.stdout)["warnings"]]
    assert len(lines) > 3 and lines == sorted(lines)


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
def test_a_failed_file_is_counted_among_every_file_read(tmp_path: Path, seeds_dir: Path, as_json: bool) -> None:
    """The closing line counts the files of every folder walked, the failed ones included."""
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    (folder / "sub" / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.txt").write_text("không phải kế hoạch\n", encoding="utf-8")
    res = cancu("extract", str(folder), str(seed), *(["--json"] if as_json else []))
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-1] == "cancu: error: 1 of 3 file(s) could not be read", res.stderr
