"""cancu.synth: synthetic plans with answers in the gold format, deterministic, extracted well."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest
from cancu.ontology.knowledge import knowledge

from cancu.synth import PER_FOLDER, RATES, generate, plan_texts

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
GOLD = SHARED / "gold" / "seeds.json"


def _scorer():
    if not SCORER.exists():
        pytest.skip(f"{SCORER} not here (shared/ sits beside the repo)")
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(100, seed=11, out=out, jobs=1)
    return out


def test_same_seed_same_files_whatever_the_processes(tmp_path: Path) -> None:
    generate(40, seed=3, out=tmp_path / "a", jobs=1)
    generate(40, seed=3, out=tmp_path / "b", jobs=2)
    generate(40, seed=4, out=tmp_path / "c", jobs=1)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_plans_are_spread_in_folders_and_named_once(corpus: Path) -> None:
    files = sorted(corpus.rglob("*.txt"))
    assert len(files) == 100
    assert {f.parent.name for f in files} == {"000"}
    assert len({f.name for f in files}) == 100  # the scorer matches answers by file name alone
    names = [name for name, _, _ in plan_texts(PER_FOLDER + 2, seed=5)]
    assert len(set(names)) == len(names)


def test_answers_follow_the_gold_format(corpus: Path) -> None:
    data = json.loads((corpus / "answers.json").read_text(encoding="utf-8"))
    gold = json.loads(GOLD.read_text(encoding="utf-8")) if GOLD.exists() else None
    assert "about" in data and len(data["plans"]) == 100
    files = {f.name for f in corpus.rglob("*.txt")}
    kb = knowledge()
    pre = {p.name for p in kb.provinces}
    post = {p.name for p in kb.provinces if p.exists_until is None}
    scorer = _scorer()
    for entry in data["plans"]:
        assert entry["file"] in files
        plan = entry["plan"]
        if gold:  # the gold's keys, no fewer
            assert set(gold["plans"][1]) - {"named_references"} <= set(entry)
        assert plan["type"] == "Kế hoạch"
        assert plan["number"] is None or re.fullmatch(r"\d+/KH-[A-ZĐ]+", plan["number"])
        assert plan["number"] is not None or plan["number_suffix"]
        assert plan["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", plan["date"])
        assert (2019 <= plan["year"] <= 2025 and plan["province"] in pre) or (
            plan["year"] in (2025, 2026) and plan["province"] in post)
        for cite in entry["legal_bases"] + entry["mentions"]:
            assert set(cite) >= {"type", "number", "date", "issuer"}
            assert cite["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", cite["date"])
            assert not re.search(r"/(?:QD|QP|ND|NP)-|-TT$", cite["number"]), cite  # the corrected number
            if "written_as" in cite:
                assert cite["written_as"] != cite["number"]
        keys = [scorer.cite_key(c) for c in entry["legal_bases"] + entry["mentions"]]
        assert len(keys) == len(set(keys)), "each document once"
        assert entry["legal_bases"] or entry["mentions"]
        for act in entry["coordination"]:
            assert set(act) >= {"activity", "lead", "cooperating"} and act["lead"]
            for name in act["lead"] + act["cooperating"]:
                assert not scorer.generic(name), name
                assert name[:1].isupper()


def test_ocr_plans_have_answers_with_diacritics() -> None:
    ocr = [(text, ans) for _, text, ans in plan_texts(400, seed=2) if "ocr" in ans["noise"]]
    assert ocr
    for text, ans in ocr:
        assert "Số:" not in text and "của" not in text
        names = [n for a in ans["coordination"] for n in a["lead"] + a["cooperating"]]
        assert any(re.search(r"[ởộạếđ]", n) for n in [*names, ans["plan"]["province"]])


def test_noise_comes_at_its_rates() -> None:
    answers = [ans for _, _, ans in plan_texts(2000, seed=8)]
    for kind, rate in RATES.items():
        share = sum(kind in a["noise"] for a in answers) / len(answers)
        assert abs(share - rate) < max(0.02, rate / 2), (kind, share)
    cites = [c for a in answers for c in a["legal_bases"] + a["mentions"]]
    slips = [c for c in cites if "written_as" in c or "written_as_date" in c]
    assert any(c.get("written_as", "").endswith("-TT") for c in slips)
    assert any(re.search(r"/20\d{4}$", c.get("written_as_date", "")) for c in slips)


def test_local_numbers_repeat_across_provinces_and_years() -> None:
    seen: dict[str, set[tuple[str, str]]] = {}
    for _, _, ans in plan_texts(600, seed=9):
        for c in ans["legal_bases"] + ans["mentions"]:
            if c["number"].endswith("QĐ-UBND") and c["date"]:
                seen.setdefault(c["number"], set()).add((c["issuer"], c["date"][:4]))
    assert any(len({i for i, _ in v}) >= 3 for v in seen.values()), "one number, several provinces"
    assert any(len({y for _, y in v}) >= 2 for v in seen.values()), "one number, several years"


def test_hundred_plans_extract_well(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cancu.api import extract_paths

    scorer = _scorer()
    out = tmp_path / "extract.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for rec in extract_paths([str(corpus)]):
            f.write(json.dumps(rec.to_json(), ensure_ascii=False) + "\n")
    monkeypatch.setattr(sys, "argv", ["score", str(corpus / "answers.json"), str(out), "--min-basis", "0.95",
                                      "--min-coord", "0.85"])
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = scorer.main()
    summary = printed.getvalue().strip().splitlines()[-1]
    assert status == 0, summary


def test_an_agency_written_two_ways_is_one_party_of_an_activity() -> None:
    """'Các sở, ban, ngành' and 'Các sở, ban, ngành của tỉnh' in one activity are one partner, as the
    extraction resolves them: the answers name each agency of an activity once."""
    scorer = _scorer()
    for _, _, ans in plan_texts(1000, seed=1):
        for act in ans["coordination"]:
            names = [scorer.agency_norm(n) for n in act["lead"] + act["cooperating"]]
            same = [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if a in b or b in a]
            assert not same, (act, same)
