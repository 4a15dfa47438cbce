"""Issue 18, section 1: `cancu validate OUT` checks the build is whole, one line per problem."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import SEEDS, cancu


@pytest.fixture(scope="module")
def paged_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("paged") / "out"
    run = cancu("build", str(SEEDS), "--out", str(out), "--skip", "exchange", "-j", "1")
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture()
def copy(paged_out: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(paged_out, out, symlinks=True)
    return out


def test_the_manifest_lists_every_file_with_its_size_and_hash(paged_out: Path) -> None:
    manifest = json.loads((paged_out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {p.relative_to(paged_out).as_posix() for p in paged_out.rglob("*")
               if p.is_file() and ".cache" not in p.relative_to(paged_out).parts}  # what a rebuild reuses
    assert set(listed) == on_disk - {"manifest.json"}
    nt = listed["graph.nt"]
    assert nt["size"] == (paged_out / "graph.nt").stat().st_size and re.fullmatch(r"[0-9a-f]{64}", nt["sha256"])
    assert str(paged_out) not in (paged_out / "manifest.json").read_text(encoding="utf-8")


def test_a_whole_build_validates(paged_out: Path) -> None:
    run = cancu("validate", str(paged_out))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout == ""


def test_each_damage_is_one_line_and_exit_1(copy: Path) -> None:
    ttl = copy / "graph.ttl"
    data = bytearray(ttl.read_bytes())
    data[-2] = ord("#") if data[-2] != ord("#") else ord(" ")  # same size, other bytes
    ttl.write_bytes(bytes(data))
    nodes = copy / "nodes.jsonl"
    nodes.write_text("".join(nodes.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    page = sorted((copy / "plans").iterdir())[0]
    page.unlink()
    (copy / "stray.txt").write_text("not from the build\n", encoding="utf-8")
    run = cancu("validate", str(copy))
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    counts, sizes = manifest["counts"], {f["path"]: f["size"] for f in manifest["files"]}
    assert f"{ttl}: sha256 differs from the manifest's" in lines
    assert f"{nodes}: {nodes.stat().st_size} bytes, the manifest records {sizes['nodes.jsonl']}" in lines
    assert f"{nodes}: {counts['nodes'] - 1} nodes, the manifest counts {counts['nodes']}" in lines
    assert f"{page}: listed in the manifest but missing" in lines
    assert f"{page}: linked from index.html but missing" in lines
    assert f"{copy / 'stray.txt'}: a file the manifest does not list (not written by this build)" in lines
    assert run.stderr.splitlines()[-1].startswith("cancu: error: 6 problem(s) with the files")
    assert "Traceback" not in run.stderr


def test_a_missing_manifest_is_one_line(copy: Path) -> None:
    (copy / "manifest.json").unlink()
    run = cancu("validate", str(copy))
    assert run.returncode == 1
    assert f"{copy}/manifest.json: missing; not a whole cancu build" in run.stdout.splitlines()
