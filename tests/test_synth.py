"""cancu synth (benchmarks/synth): synthetic plans with answers in the gold format, deterministic, extracted well."""

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

from benchmarks.synth import PER_FOLDER, RATES, generate, plan_texts

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
        decision = "decision_wrapped" in entry["variations"]  # the decision's number is the plan's
        assert plan["number"] is None or re.fullmatch(r"\d+/QĐ-UBND" if decision else r"\d+/KH-[A-ZĐ]+",
                                                      plan["number"])
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


def test_hundred_plans_extract_well(default_scores: dict[str, float]) -> None:
    assert default_scores["legal-basis F1"] >= 0.95 and default_scores["coordination F1"] >= 0.85, default_scores


def test_an_agency_written_two_ways_is_one_party_of_an_activity() -> None:
    """'Các sở, ban, ngành' and 'Các sở, ban, ngành của tỉnh' in one activity are one partner, as the
    extraction resolves them: the answers name each agency of an activity once."""
    scorer = _scorer()
    for _, _, ans in plan_texts(1000, seed=1):
        for act in ans["coordination"]:
            names = [scorer.agency_norm(n) for n in act["lead"] + act["cooperating"]]
            same = [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if a in b or b in a]
            assert not same, (act, same)


# --- the generator's own answers ----------------------------------------------------------------------------

def test_synth_imports_nothing_from_the_extractor() -> None:
    """Answers computed with the extractor's code would only show that it agrees with itself."""
    import ast

    import benchmarks.synth

    modules = sorted(Path(benchmarks.synth.__file__).parent.glob("*.py"))
    assert len(modules) > 5  # the whole package, not one file of it
    imported = []
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    cancu_modules = {m for m in imported if m.startswith("cancu")}
    assert cancu_modules == {"cancu.ontology.knowledge"}, cancu_modules  # domain data, no extractor code


@pytest.mark.parametrize(("written", "answer"), [
    ("UBND các huyện, TX, TP", "UBND các huyện, thị xã, thành phố"),
    ("Các tổ chức CT-XH", "Các tổ chức chính trị - xã hội"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Đài PT-TH tỉnh", "Đài Phát thanh - Truyền hình tỉnh"),
    ("Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh"),  # UBND is how the answers write it
])
def test_short_forms_are_spelled_out_by_the_generators_table(written: str, answer: str) -> None:
    from benchmarks.synth import spell_out

    assert spell_out(written) == answer


@pytest.mark.parametrize(("name", "short"), [
    ("Sở TN&MT", True), ("Hội LHPN tỉnh", True), ("Sở NgV", True), ("BTG Tỉnh ủy", True),
    ("Văn phòng UBND tỉnh", False), ("Ban Chỉ đạo CCHC tỉnh", False), ("Sở Tư pháp", False),
])
def test_a_name_with_capitals_standing_for_words_is_answered_in_full(name: str, short: bool) -> None:
    from benchmarks.synth import has_short_forms

    assert has_short_forms(name) is short


def test_an_abbreviated_agency_is_answered_by_its_full_name() -> None:
    """Whatever the text writes ('Sở TN&MT', 'Hội LHPN tỉnh'), the answer is the name in full."""
    for _, _, ans in plan_texts(300, seed=4):
        for act in ans["coordination"]:
            for name in act["lead"] + act["cooperating"]:
                assert "&" not in name and not re.search(r"\b(?:LHPN|TNMT|NgV|BTG|SGDĐT)\b", name), name


# --- variations: the ways real plans differ -----------------------------------------------------------------

def _plans(spec: str, n: int = 40, seed: int = 6) -> list[tuple[str, dict]]:
    return [(text, ans) for _, text, ans in plan_texts(n, seed=seed, variations=spec)]


def _has_law_by_name(text: str, ans: dict) -> bool:
    laws = [b for b in ans["legal_bases"] if b["type"] == "Luật"]
    return bool(laws) and all(b["number"] is None and b["name"] in text and b["issuer"] == "Quốc hội"
                              and re.fullmatch(r"\d{4}-\d{2}-\d{2}", b["date"]) for b in laws)


def _has_central_issuer(text: str, ans: dict) -> bool:
    plan = ans["plan"]
    return (plan["province"] is None and plan["issuer"].startswith("Bộ ") and "Hà Nội, ngày" in text
            and plan["issuer"].upper() in text)


def _is_decision_wrapped(text: str, ans: dict) -> bool:
    number = ans["plan"]["number"] or ""
    return ("QUYẾT ĐỊNH" in text and "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch" in text
            and "/QĐ-" in (number or "/QĐ-") and ans["plan"]["issued_by"]["type"] == "Quyết định"
            and text.index("Điều 1.") < text.index("MỤC"))


def _nested_in_a_basis(text: str, ans: dict) -> bool:
    nested = ans["nested_in_bases"]
    numbers = {c["number"] for c in ans["legal_bases"] + ans["mentions"]}
    return bool(nested) and all(d["number"] not in numbers and d["number"] in text for d in nested)


# each variation: plans with it on (rate 1) show it in their text and answers; plans without it do not
VARIATIONS = [
    ("web_header", lambda t, a: bool(re.search(r"\A\|\n\*\*.+\*\*\n", t)) and "|\n|\n" in t),
    ("law_by_name", _has_law_by_name),
    ("basis_list", lambda t, a: bool(re.search(r"CĂN CỨ (?:PHÁP LÝ|XÂY DỰNG KẾ HOẠCH)\**\n+1\. ", t))),
    ("central_issuer", _has_central_issuer),
    ("decision_wrapped", _is_decision_wrapped),
    ("old_tones", lambda t, a: bool(re.search(r"\b(?:Uỷ|uỷ|oà|oá|hoá)\b|Uỷ ban", t))),
    ("nested_bases", _nested_in_a_basis),
    ("short_forms", lambda t, a: "Tiếp tục quán triệt, triển khai" in t),
    ("labelled_tasks", lambda t, a: bool(re.search(r"^- (?:Đơn vị|Cơ quan) (?:chủ trì|thực hiện): ", t, re.M))),
    ("grouped_duties", lambda t, a: bool(re.search(r"^(?:\*\*)?(?:\d+\. |[a-zđ]\) )?(?:Sở|Ban|Báo|Đài|Văn phòng|"
                                                   r"UBND|Ủy ban|Công an|Thanh tra|Các|Trung tâm|Liên đoàn|Hội|"
                                                   r"Tỉnh|Thành|Công đoàn|Trường|Bưu)[^\n.;]*(?:\*\*|:)?\n+- ",
                                                   t, re.M))),
    ("table_cells", lambda t, a: bool(re.search(r"\|\n\*\*(?:STT|TT)\*\*\n\|\n\*\*", t))),
    ("merged_names", lambda t, a: a["plan"]["year"] >= 2025 and any(
        n in ("Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo", "UBND các xã, phường", "UBND cấp xã",
              "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Xây dựng")
        for c in a["coordination"] for n in c["lead"] + c["cooperating"])),
]


@pytest.mark.parametrize(("name", "shows"), VARIATIONS, ids=[v[0] for v in VARIATIONS])
def test_each_variation_is_written_and_answered(name: str, shows) -> None:
    on = _plans(f"{name}=1")
    with_it = [(t, a) for t, a in on if name in a["variations"] and "ocr" not in a["noise"]]
    assert len(with_it) >= len(on) // 3  # decisions only for a committee or a minister
    hits = sum(bool(shows(t, a)) for t, a in with_it)
    assert hits >= 0.8 * len(with_it), f"{hits} of {len(with_it)}"
    if name not in ("merged_names", "old_tones", "grouped_duties", "labelled_tasks"):  # plain plans have some
        assert not any(shows(t, a) for t, a in _plans("none"))


def test_labelled_tasks_wrap_inside_agency_names() -> None:
    """'- Đơn vị chủ trì: Sở Văn hóa, Thể' / 'thao và Du lịch.': the answer is the whole name."""
    wrapped = 0
    for text, ans in _plans("labelled_tasks=1"):
        for m in re.finditer(r"^- Đơn vị chủ trì: (.*)\n(\S.*)", text, re.M):
            names = [n for c in ans["coordination"] for n in c["lead"]]
            wrapped += any(n in f"{m.group(1)} {m.group(2)}" and n not in m.group(1) for n in names)
    assert wrapped


def test_every_variation_has_a_test() -> None:
    from benchmarks.synth import variation_rates

    assert [v[0] for v in VARIATIONS] == list(variation_rates())


def test_variations_come_at_their_rates() -> None:
    from benchmarks.synth import variation_rates

    answers = [a for _, a in _plans("all", n=800, seed=12)]
    for name, rate in variation_rates().items():
        share = sum(name in a["variations"] for a in answers) / len(answers)
        low = rate / 2 if name == "decision_wrapped" else rate - 0.06  # decisions: committees and ministers only
        assert low <= share <= rate + 0.06, (name, share)


def test_with_no_variation_a_plan_is_written_as_before_whatever_the_others() -> None:
    """A variation's draws come from a stream of their own: switching one on changes only its plans."""
    plain = _plans("none", n=60)
    one = _plans("short_forms=0.5", n=60)
    for (t0, a0), (t1, a1) in zip(plain, one, strict=True):
        if not a1["variations"]:
            assert (t0, a0["legal_bases"]) == (t1, a1["legal_bases"])


def test_variations_are_the_same_whatever_the_processes(tmp_path: Path) -> None:
    generate(30, seed=3, out=tmp_path / "a", jobs=1, variations="all")
    generate(30, seed=3, out=tmp_path / "b", jobs=2, variations="all")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


@pytest.mark.parametrize("spec", ["web_headr", "web_header=2", "all,nope"])
def test_an_unknown_variation_or_rate_is_refused(spec: str) -> None:
    from benchmarks.synth import parse_variations

    with pytest.raises(ValueError):
        parse_variations(spec)


def test_answers_with_every_variation_follow_the_gold_format() -> None:
    scorer = _scorer()
    for _, ans in _plans("all", n=200, seed=13):
        plan = ans["plan"]
        assert plan["number"] is None or re.fullmatch(r"\d+/(?:KH|QĐ)-[A-ZĐ]+", plan["number"])
        assert (plan["province"] is None) == ("central_issuer" in ans["variations"])
        keys = [scorer.cite_key(c) or scorer.named_key(c) for c in ans["legal_bases"] + ans["mentions"]]
        assert None not in keys and len(keys) == len(set(keys)), "each document once"
        for act in ans["coordination"]:
            for name in act["lead"] + act["cooperating"]:
                assert not scorer.generic(name), name
                assert name[:1].isupper()


@pytest.fixture(scope="module")
def default_scores(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """The scorer's four figures on the module's corpus (100 plans, the default variations)."""
    from cancu.api import extract_paths

    scorer = _scorer()
    out = tmp_path_factory.mktemp("default") / "extract.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for rec in extract_paths([str(corpus)]):
            f.write(json.dumps(rec.to_json(), ensure_ascii=False) + "\n")
    argv = sys.argv
    sys.argv = ["score", str(corpus / "answers.json"), str(out)]
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            scorer.main()
    finally:
        sys.argv = argv
    summary = printed.getvalue().strip().splitlines()[-1].split("|", 1)[1]
    return {k: float(v) for k, v in (part.strip().rsplit(" ", 1) for part in summary.split(", "))}


def test_the_default_variations_are_on_in_the_corpus(corpus: Path) -> None:
    from benchmarks.synth import default_variations

    data = json.loads((corpus / "answers.json").read_text(encoding="utf-8"))
    assert data["generator"]["variations"] == default_variations()
    assert any(a["variations"] for a in data["plans"])


def test_the_default_variations_extract_citations_and_headers_perfectly(default_scores: dict[str, float]) -> None:
    """The default set is what the extractor reads today: legal bases, citations and metadata at 1.000."""
    assert {k: v for k, v in default_scores.items() if k != "coordination F1"} == {
        "legal-basis F1": 1.0, "all-citation F1": 1.0, "metadata": 1.0}


def test_the_default_variations_extract_coordination_perfectly(default_scores: dict[str, float]) -> None:
    assert default_scores["coordination F1"] == 1.0
