"""Issue 18, section 1: OUT holds only what this build wrote, and a build that reads nothing writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import SEEDS, beside, build_snapshot, cancu, snapshot

ONE_SEED = SEEDS / "bac-kan-2024-kh-ubnd.txt"


def test_a_run_that_reads_nothing_leaves_out_as_it_was(good_out: Path, tmp_path: Path) -> None:
    before = snapshot(good_out)
    typo = tmp_path / "seesd"
    run = cancu("build", str(typo), "--out", str(good_out))
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert lines[-1] == f"cancu: error: no input could be read; {good_out} left as it was"
    assert len(lines) == 2 and lines[0].startswith(f"cancu: error: {typo}")
    assert "Traceback" not in run.stderr
    assert snapshot(good_out) == before
    assert beside(good_out) == [f".{good_out.name}.cancu-lock"]


def test_a_run_that_reads_nothing_does_not_make_out(tmp_path: Path) -> None:
    out = tmp_path / "new"
    run = cancu("build", str(tmp_path / "missing"), "--out", str(out))
    assert run.returncode == 1 and "no input could be read" in run.stderr
    assert not out.exists()


def test_outputs_left_out_with_skip_are_removed_not_kept_from_the_earlier_build(good_out: Path) -> None:
    assert (good_out / "graph.ttl").is_file() and (good_out / "graph.graphml").is_file()
    run = cancu("build", str(ONE_SEED), "--out", str(good_out), "--skip", "pages", "--skip", "ttl",
                "--skip", "exchange", "-j", "1")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in good_out.iterdir()) == [".cache", "edges.jsonl", "graph.jsonld", "graph.nt",
                                                          "manifest.json", "nodes.jsonl"]


def test_a_folder_that_is_not_a_build_is_refused_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.txt").write_text("mine\n", encoding="utf-8")
    run = cancu("build", str(ONE_SEED), "--out", str(out), "--skip", "pages")
    assert run.returncode == 2
    assert run.stderr == (f"cancu: error: {out} is not a cancu build (no manifest.json) and not empty; give a new "
                          "or empty folder, or --force to replace it\n")
    assert [p.name for p in out.iterdir()] == ["chapter1.txt"]
    forced = cancu("build", str(ONE_SEED), "--out", str(out), "--skip", "pages", "--force")
    assert forced.returncode == 0, forced.stderr
    assert not (out / "chapter1.txt").exists() and (out / "manifest.json").is_file()


def test_an_empty_folder_is_built_into(tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    run = cancu("build", str(ONE_SEED), "--out", str(out), "--skip", "pages")
    assert run.returncode == 0, run.stderr
    assert (out / "manifest.json").is_file()


def test_symlinks_inside_out_are_never_written_through(good_out: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    victims = tmp_path / "victims"
    victims.mkdir()
    (good_out / "graph.nt").unlink()
    (good_out / "graph.nt").symlink_to(victim)
    (good_out / "plans").symlink_to(victims, target_is_directory=True)
    run = cancu("build", str(ONE_SEED), "--out", str(good_out), "-j", "1")
    assert run.returncode == 0, run.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n" and list(victims.iterdir()) == []
    assert not (good_out / "graph.nt").is_symlink() and (good_out / "graph.nt").stat().st_size > 0
    assert not (good_out / "plans").is_symlink() and any((good_out / "plans").iterdir())


def test_stale_work_folders_of_a_killed_build_are_removed_by_the_next(good_out: Path) -> None:
    stale = good_out.parent / f".{good_out.name}.cancu-build-999999"
    (stale / "out").mkdir(parents=True)
    (stale / "tmp" / "cancu-spool-x.marshal").parent.mkdir()
    (stale / "tmp" / "cancu-spool-x.marshal").write_bytes(b"\0" * 100)
    run = cancu("build", str(ONE_SEED), "--out", str(good_out), "--skip", "pages", "-j", "1")
    assert run.returncode == 0, run.stderr
    assert beside(good_out) == [f".{good_out.name}.cancu-lock"]


def test_a_build_killed_between_its_two_renames_is_mended_by_the_next_run(good_out: Path, tmp_path: Path) -> None:
    """Where names cannot be exchanged, OUT is moved aside, then the new build moved in: killed in between,
    OUT is missing and the next run puts the old one back, even a run that reads nothing."""
    before = snapshot(good_out)
    work = good_out.parent / f".{good_out.name}.cancu-build-999999"
    work.mkdir()
    good_out.rename(work / "old")
    run = cancu("build", str(tmp_path / "typo"), "--out", str(good_out))
    assert run.returncode == 1
    assert snapshot(good_out) == before
    assert beside(good_out) == [f".{good_out.name}.cancu-lock"]


def test_the_same_input_gives_the_same_files_byte_for_byte(good_out: Path, tmp_path: Path) -> None:
    """Nothing of the staging folder (its path, the process id) reaches the files."""
    other = tmp_path / "elsewhere" / "again"
    for out in (good_out, other):
        run = cancu("build", str(SEEDS), "--out", str(out), "-j", "1")
        assert run.returncode == 0, run.stderr
    first = build_snapshot(good_out)
    run = cancu("build", str(SEEDS), "--out", str(good_out), "-j", "2")
    assert run.returncode == 0, run.stderr
    assert build_snapshot(good_out) == first == build_snapshot(other)
    shutil.rmtree(other)


def test_an_out_inside_a_file_is_refused_in_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    run = cancu("build", str(ONE_SEED), "--out", str(blocker / "out"), "--skip", "pages")
    assert run.returncode == 2
    assert run.stderr == f"cancu: error: {blocker} is not a folder; give OUT inside a folder\n"


def test_an_out_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / ("a" * 250)  # a legal name, but the lock file's beside it is too long
    run = cancu("build", str(ONE_SEED), "--out", str(out), "--skip", "pages")
    assert run.returncode == 1
    assert run.stderr == (f"cancu: error: {tmp_path / ('.' + out.name + '.cancu-lock')}: File name too long; "
                          f"{out} left as it was\n")
    assert list(tmp_path.iterdir()) == []
