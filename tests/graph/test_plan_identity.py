"""A plan's identity and its facts' provenance come from what it says, never from how it was given:
file names alike stay two plans, one plan under two names stays one, and a build is the same from a
relative path, an absolute one or a copy."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from cancu.graph import model as m

from cancu.api import build, load_model
from cancu.testing import PLAN_TEXT

UNNUMBERED = PLAN_TEXT.replace("Số: 12/KH-UBND", "Số:      /KH-UBND")


def unnumbered(topic: str) -> str:
    return UNNUMBERED.replace("Tuyên truyền cải cách hành chính", f"Tuyên truyền {topic}")


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def plan_keys(paths: list[str]) -> list[str]:
    return sorted(n.key for n in load_model(paths).nodes_of(m.PLAN))


def test_unnumbered_plans_named_alike_in_two_folders_are_two_plans(tmp_path: Path) -> None:
    a = write(tmp_path / "huyen-a" / "ke-hoach.txt", unnumbered("cải cách hành chính"))
    b = write(tmp_path / "huyen-b" / "ke-hoach.txt", unnumbered("chuyển đổi số"))
    keys = plan_keys([a, b])
    assert len(keys) == 2, keys


def test_unnumbered_plans_whose_names_differ_only_in_composition_are_two_plans(tmp_path: Path) -> None:
    """'Hòa' composed (NFC) and decomposed (NFD) are two file names on disk, one slug."""
    nfc, nfd = unicodedata.normalize("NFC", "Hòa"), unicodedata.normalize("NFD", "Hòa")
    assert nfc != nfd
    a = write(tmp_path / f"ke-hoach-{nfc}.txt", unnumbered("cải cách hành chính"))
    b = write(tmp_path / f"ke-hoach-{nfd}.txt", unnumbered("chuyển đổi số"))
    assert len(plan_keys([a, b])) == 2


def test_one_unnumbered_plan_given_by_two_names_is_one_plan(tmp_path: Path) -> None:
    a = write(tmp_path / "ban-goc.txt", UNNUMBERED)
    b = write(tmp_path / "ban-sao" / "ke-hoach-tuyen-truyen.txt", UNNUMBERED)
    keys = plan_keys([a, b])
    assert len(keys) == 1 and "/unnumbered-" in keys[0], keys


def test_provenance_names_a_file_relative_to_the_folder_given(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "an-giang" / "ke-hoach.txt", PLAN_TEXT)
    single = write(tmp_path / "elsewhere" / "mot-ke-hoach.txt", unnumbered("chuyển đổi số"))
    model = load_model([str(corpus), single])
    files = sorted(s["file"] for s in model.sources)
    assert files == ["an-giang/ke-hoach.txt", "mot-ke-hoach.txt"]
    assert {p["file"] for n in model.nodes.values() for p in n.provenance} <= set(files)


def test_files_named_alike_in_folders_given_side_by_side_keep_their_folders_name(tmp_path: Path) -> None:
    """Else the two plans' warnings and pages would be told apart by nothing."""
    write(tmp_path / "huyen-a" / "ke-hoach.txt", unnumbered("cải cách hành chính"))
    write(tmp_path / "huyen-b" / "ke-hoach.txt", unnumbered("chuyển đổi số"))
    write(tmp_path / "huyen-b" / "rieng.txt", PLAN_TEXT)
    model = load_model([str(tmp_path / "huyen-a"), str(tmp_path / "huyen-b")])
    assert sorted(s["file"] for s in model.sources) == ["huyen-a/ke-hoach.txt", "huyen-b/ke-hoach.txt", "rieng.txt"]


def test_a_build_does_not_depend_on_the_path_its_plans_were_given_by(
        tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The property graph (what `cancu push` loads), the RDF and the manifest are byte for byte the same
    from a relative path, an absolute one and a copy in another folder."""
    copy = shutil.copytree(seeds_dir, tmp_path / "copy" / "seeds")
    monkeypatch.chdir(tmp_path)
    given = {"relative": os.path.relpath(seeds_dir, tmp_path), "absolute": str(seeds_dir.resolve()),
             "copy": str(copy)}
    outs = {how: build([corpus], tmp_path / f"out-{how}", pages=False, skip=["exchange", "ttl", "jsonld"]).out
            for how, corpus in given.items()}
    for name in ("nodes.jsonl", "edges.jsonl", "graph.nt", "manifest.json"):
        first = (outs["relative"] / name).read_bytes()
        assert all((out / name).read_bytes() == first for out in outs.values()), name
