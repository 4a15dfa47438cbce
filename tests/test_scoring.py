"""`cancu score` prints what ../shared/tools/score_extraction.py prints, line for line, on the seeds and
on the real plans; and a corrections.yaml scores the extractor against the plans as corrected."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cancu.loaders.extract import extract_path
from click.testing import CliRunner

from cancu.cli import main
from cancu.gold import read_gold
from cancu.scoring import by_file, score

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"


def _shared_scorer(gold: Path, jsonl: Path) -> list[str]:
    res = subprocess.run([sys.executable, str(SCORER), str(gold), str(jsonl)], capture_output=True, text=True,
                         check=True)
    return res.stdout.splitlines()


@pytest.mark.parametrize("corpus", ["seeds", "real"])
def test_same_figures_as_the_shared_scorer(corpus: str, tmp_path: Path) -> None:
    gold = SHARED / "gold" / f"{corpus}.json"
    jsonl = tmp_path / "extract.jsonl"
    out = subprocess.run([sys.executable, "-m", "cancu.cli", "extract", str(SHARED / "corpus" / corpus), "--json"],
                         capture_output=True, text=True, check=True).stdout
    jsonl.write_text(out, encoding="utf-8")
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    ours = score(json.loads(gold.read_text(encoding="utf-8"))["plans"], by_file(records)).lines
    assert ours == _shared_scorer(gold, jsonl)


def test_cli_score_on_the_seeds_equals_the_shared_scorer(tmp_path: Path) -> None:
    gold = SHARED / "gold" / "seeds.json"
    res = CliRunner().invoke(main, ["score", str(SHARED / "corpus" / "seeds"), "--gold", str(gold), "-j", "1"])
    assert res.exit_code == 0, res.output
    jsonl = tmp_path / "extract.jsonl"
    extracted = CliRunner().invoke(main, ["extract", str(SHARED / "corpus" / "seeds"), "--json", "-j", "1"])
    jsonl.write_text(extracted.output, encoding="utf-8")
    assert res.output.splitlines() == _shared_scorer(gold, jsonl)
    failing = CliRunner().invoke(main, ["score", str(SHARED / "corpus" / "seeds"), "--gold", str(gold), "-j", "1",
                                        "--min-basis", "1.01"])
    assert failing.exit_code == 1 and failing.output.splitlines()[-1].startswith("FALLS SHORT: basis F1 1.000 < 1.01")


def test_corrections_are_gold(tmp_path: Path) -> None:
    """A reviewer removed a legal basis the gold has: against the corrected plan, the raw extraction
    has one basis too many, as many as the gold says it reads."""
    seed = SHARED / "corpus" / "seeds" / "tay-ninh-2022-1183-kh-ubnd.txt"
    g = next(p for p in json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))["plans"]
             if p["file"] == seed.name)
    n_bases = len(g["legal_bases"])
    corr = tmp_path / "corrections.yaml"
    corr.write_text("- plan: {number: 1183/KH-UBND, date: 2022-04-08}\n  legal_bases:\n    remove: [251/QĐ-BNV]\n",
                    encoding="utf-8")
    records = [extract_path(seed), extract_path(SHARED / "corpus" / "seeds" / "bac-kan-2024-kh-ubnd.txt")]
    gold = read_gold(corr, records)
    assert [p["file"] for p in gold] == [seed.name]  # only the plans the file names are gold
    result = score(gold, by_file([r.to_json() for r in records]))
    assert f"({n_bases - 1} of {n_bases - 1} gold, {n_bases} predicted)" in result.lines[-5]
    assert result.lines[-5].startswith("basis: precision 0.800 recall 1.000")
