"""Rebuilding an existing OUT: only changed files are read again, and the outputs are a clean build's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cancu.graph.validate import check_whole

from benchmarks.synth import generate
from cancu.api import build
from cancu.part_cache import CACHE_DIR, extractor_version
from cancu.testing import correct_plan

N_PLANS = 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    generate(N_PLANS, 3, folder, jobs=1)
    (folder / "answers.json").unlink()  # not a plan
    return folder


def plan_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.txt"))


def outputs(out: Path) -> dict[str, bytes]:
    """Every file of a build but its cache, the manifest without its `plans` counts (which say how the
    build was made, not what it holds)."""
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and CACHE_DIR not in p.relative_to(out).parts}
    manifest = json.loads(files.pop("manifest.json"))
    manifest.pop("plans")
    files["manifest.json"] = json.dumps(manifest, sort_keys=True).encode()
    return files


def plans_of(out: Path) -> dict[str, int]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["plans"]


def test_rebuild_after_a_change_a_deletion_and_an_addition_equals_a_clean_build(corpus: Path, tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(corpus, plans)
    files = plan_files(plans)
    added = files[-1].read_bytes()
    files[-1].unlink()  # added back under another name after the first build
    out = tmp_path / "out"
    build([str(plans)], out)
    assert plans_of(out) == {"reused": 0, "reread": 0, "added": N_PLANS - 1, "removed": 0}
    before = outputs(out)

    correct_plan(files[2])
    files[5].unlink()
    (plans / "new-plan.txt").write_bytes(added)
    build([str(plans)], out)
    clean = tmp_path / "clean"
    build([str(plans)], clean, use_cache=False)

    assert plans_of(out) == {"reused": N_PLANS - 3, "reread": 1, "added": 1, "removed": 1}
    rebuilt = outputs(out)
    assert rebuilt["edges.jsonl"] != before["edges.jsonl"]  # the changes reached the graph
    assert rebuilt.keys() == outputs(clean).keys()
    for name, data in outputs(clean).items():
        assert rebuilt[name] == data, f"{name} differs from a clean build's"
    assert check_whole(out) == []


def test_an_unchanged_rebuild_reads_nothing_and_no_cache_reads_everything(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([str(corpus)], out, pages=False)
    first = outputs(out)
    build([str(corpus)], out, pages=False)
    assert plans_of(out) == {"reused": N_PLANS, "reread": 0, "added": 0, "removed": 0}
    assert outputs(out) == first
    build([str(corpus)], out, pages=False, use_cache=False)
    assert plans_of(out) == {"reused": 0, "reread": N_PLANS, "added": 0, "removed": 0}
    assert outputs(out) == first


def test_a_cache_of_another_extractor_version_is_not_used(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([str(corpus)], out, pages=False)
    index = out / CACHE_DIR / "index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    assert data["version"] == extractor_version()
    data["version"] = "an older extractor"
    index.write_text(json.dumps(data), encoding="utf-8")
    build([str(corpus)], out, pages=False)
    assert plans_of(out) == {"reused": 0, "reread": N_PLANS, "added": 0, "removed": 0}


def test_the_extractor_version_covers_the_data_files_and_the_loaders() -> None:
    from cancu.part_cache import version_files

    names = {p.name for p in version_files()}
    assert {"agencies.yaml", "catalogue.yaml", "provinces.yaml", "citations.py", "plan.py", "build.py"} <= names


def test_a_renamed_file_is_read_again_under_its_new_path(corpus: Path, tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(corpus, plans)
    out = tmp_path / "out"
    build([str(plans)], out, pages=False)
    first = plan_files(plans)[0]
    first.rename(first.with_name("renamed.txt"))
    build([str(plans)], out, pages=False)
    assert plans_of(out) == {"reused": N_PLANS - 1, "reread": 0, "added": 1, "removed": 1}
    sources = {s["file"] for s in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["sources"]}
    renamed = first.with_name("renamed.txt").relative_to(plans).as_posix()  # sources are named in the folder given
    assert renamed in sources and first.relative_to(plans).as_posix() not in sources


def test_a_damaged_cache_entry_is_read_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([str(corpus)], out, pages=False)
    first = outputs(out)
    entries = sorted((out / CACHE_DIR / "parts").rglob("*"))
    victim = next(p for p in entries if p.is_file())
    victim.unlink()
    victim.write_bytes(b"not marshal")  # a new inode: the old build's hard link is not touched
    build([str(corpus)], out, pages=False)
    assert plans_of(out)["reread"] == 1
    assert outputs(out) == first


def test_a_change_to_corrections_yaml_reads_every_plan_again(corpus: Path, tmp_path: Path) -> None:
    from cancu.loaders.extract import extract_path

    plans = tmp_path / "plans"
    shutil.copytree(corpus, plans)
    plan = extract_path(str(plan_files(plans)[0])).plan
    corrections = plans / "corrections.yaml"

    def correct_title(title: str) -> None:
        corrections.write_text(f"- plan: {{number: {plan.number}, date: {plan.date}}}\n  set:\n"
                               f"    title: {title}\n", encoding="utf-8")

    out, clean = tmp_path / "out", tmp_path / "clean"
    correct_title("Tên thứ nhất")
    build([str(plans)], out, pages=False)
    correct_title("Tên thứ hai")
    build([str(plans)], out, pages=False)
    assert plans_of(out) == {"reused": 0, "reread": N_PLANS, "added": 0, "removed": 0}
    assert "Tên thứ hai" in (out / "nodes.jsonl").read_text(encoding="utf-8")
    build([str(plans)], clean, pages=False, use_cache=False)
    assert outputs(out) == outputs(clean)


def test_a_file_cited_by_another_name_is_read_again(corpus: Path, tmp_path: Path) -> None:
    """The same file, given by a folder one level up, is cited as 'sub/x.txt': its cached part, which
    cites 'x.txt', must not be reused (provenance names files relative to the folder given)."""
    sub = tmp_path / "corpus" / "sub"
    sub.mkdir(parents=True)
    for f in plan_files(corpus)[:2]:
        shutil.copy(f, sub / f.name)
    out = tmp_path / "out"
    build([str(sub)], out)
    build([str(sub.parent)], out)
    assert plans_of(out)["reused"] == 0
    sources = {json.loads(line).get("props", {}).get("source") for line in
               (out / "nodes.jsonl").read_text(encoding="utf-8").splitlines()}
    assert {s for s in sources if s} == {f"sub/{f.name}" for f in plan_files(corpus)[:2]}
    clean = tmp_path / "clean"
    build([str(sub.parent)], clean)
    assert outputs(out) == outputs(clean)


_PLAN = ("UBND TỈNH TÂY NINH\nSố: {n}/KH-UBND\nTây Ninh, ngày 1 tháng 3 năm 2022\nKẾ HOẠCH\nTuyên truyền năm 2022\n"
         "Căn cứ Quyết định số 800/QĐ-UBND{date} của UBND tỉnh Tây Ninh;\nI. TỔ CHỨC THỰC HIỆN\n"
         "1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp theo dõi.\n")


def test_an_unchanged_plan_whose_citation_another_plan_dates_is_written_again(tmp_path: Path) -> None:
    """A plan's own edges are copied from the previous build's files only while the documents they name
    are the same: a new plan giving the date of an undated citation renames it in the unchanged plan."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.txt").write_text(_PLAN.format(n=1, date=""), encoding="utf-8")
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([str(plans)], out)
    assert "doc/tay-ninh/nd/800-qd-ubnd" in (out / "edges.jsonl").read_text(encoding="utf-8")

    (plans / "b.txt").write_text(_PLAN.format(n=2, date=" ngày 5/1/2021"), encoding="utf-8")
    build([str(plans)], out)
    build([str(plans)], clean, use_cache=False)
    assert plans_of(out)["reused"] == 1
    rebuilt = outputs(out)
    assert "doc/tay-ninh/nd/800-qd-ubnd" not in rebuilt["edges.jsonl"].decode()  # a.txt's edge now names the dated one
    for name, data in outputs(clean).items():
        assert rebuilt[name] == data, f"{name} differs from a clean build's"


def test_a_previous_file_changed_since_is_not_copied_from(corpus: Path, tmp_path: Path) -> None:
    """The record of where each plan's sections are holds the file's size: a graph.nt edited since is
    not copied from, and the rebuild is still a clean build's."""
    plans = tmp_path / "plans"
    shutil.copytree(corpus, plans)
    out = tmp_path / "out"
    build([str(plans)], out, skip=["pages", "exchange", "ttl", "jsonld"])
    before = outputs(out)
    with (out / "graph.nt").open("a", encoding="utf-8") as f:
        f.write("# edited by hand\n")
    correct_plan(plan_files(plans)[0])
    build([str(plans)], out, skip=["pages", "exchange", "ttl", "jsonld"])
    clean = tmp_path / "clean"
    build([str(plans)], clean, use_cache=False, skip=["pages", "exchange", "ttl", "jsonld"])
    assert outputs(out)["graph.nt"] == outputs(clean)["graph.nt"] != before["graph.nt"]


def test_a_file_rewritten_with_the_same_size_is_read_again(corpus: Path, tmp_path: Path) -> None:
    """Its size is what it was, its modification time is not: it is hashed again, and its new bytes read."""
    import os

    plans = tmp_path / "plans"
    shutil.copytree(corpus, plans)
    out = tmp_path / "out"
    build([str(plans)], out, skip=["pages"])
    first = plan_files(plans)[0]
    text = first.read_text(encoding="utf-8")
    swapped = text.replace("Sở", "Sờ", 1)
    assert swapped != text and len(swapped.encode()) == len(text.encode())
    first.write_text(swapped, encoding="utf-8")
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 5_000_000_000))
    build([str(plans)], out, skip=["pages"])
    assert plans_of(out) == {"reused": N_PLANS - 1, "reread": 1, "added": 0, "removed": 0}
