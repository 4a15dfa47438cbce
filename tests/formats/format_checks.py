"""What the format tests share besides fixtures: the scorer's F1 for one plan, and why OCR tests may not
run here. (A module of its own: test modules cannot import a conftest reliably.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import format_makers as mk

REPO = Path(__file__).resolve().parents[2]
SCORER = REPO.parent / "shared" / "tools" / "score_extraction.py"

# why an OCR test cannot run here, or None
NO_OCR = None if shutil.which("tesseract") else ("Tesseract is not installed "
                                                 "(apt-get install tesseract-ocr tesseract-ocr-vie)")
NO_FONT = None if mk.font_path() else "DejaVu Sans is not installed (apt-get install fonts-dejavu-core)"


def f1(scorer: ModuleType, record: dict[str, Any], gold: dict[str, Any]) -> tuple[float, float]:
    """(legal-basis F1, coordination F1) of one extracted plan against its gold, as the scorer counts."""
    predicted = {scorer.cite_key(c) for c in record["citations"] if c["role"] == "legal_basis"} - {None}
    expected = {scorer.cite_key(c) for c in gold["legal_bases"]} - {None}
    basis = scorer.prf(predicted, expected)[2]
    gold_pairs, pairs = scorer.pairs(gold["coordination"]), scorer.pairs(record["activities"])
    used: set[int] = set()
    tp = 0
    for g in gold_pairs:
        for i, p in enumerate(pairs):
            if i not in used and scorer.same_pair(p, g):
                used.add(i)
                tp += 1
                break
    coord = 2 * tp / (len(pairs) + len(gold_pairs)) if pairs or gold_pairs else 1.0
    return round(basis, 3), round(coord, 3)


def dump(record: dict[str, Any]) -> str:
    """What a failing comparison prints: the legal bases and pairs that were found."""
    return json.dumps({"basis": [c["number"] for c in record["citations"] if c["role"] == "legal_basis"],
                       "activities": [(a["lead"], a["cooperating"]) for a in record["activities"]]},
                      ensure_ascii=False)
