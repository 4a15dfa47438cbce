"""A seed plan as a scanner makes it: its text printed to PDF, each page rasterised at 200 dpi, slightly
blurred and turned, saved as page images with no text layer. OCR must give the same legal bases and plan
details (number, date, province) as the text file, and those are the gold file's."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import format_makers as mk
import pytest
from format_checks import NO_FONT, NO_OCR, REPO

SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
GOLD = REPO.parent / "shared" / "gold" / "seeds.json"
# the seed with a number, a date and the most legal bases (five, local and central): OCR takes ~20 s a plan
SEED = "tay-ninh-2022-1183-kh-ubnd.txt"

pytestmark = [pytest.mark.skipif(NO_OCR is not None, reason=NO_OCR or ""),
              pytest.mark.skipif(NO_FONT is not None, reason=NO_FONT or "")]


def _details(record: dict[str, Any]) -> dict[str, Any]:
    plan = record["plan"]
    return {"plan": {k: plan.get(k) for k in ("number", "date", "province", "year")},
            "bases": [(c["number"], c["date"], c["issuer"]) for c in record["citations"]
                      if c["role"] == "legal_basis"]}


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SEEDS / SEED).exists():
        pytest.fail(f"{SEEDS / SEED} is missing: the tests need ../shared beside the checkout")
    d = tmp_path_factory.mktemp("scan")
    printed = mk.make_printed_pdf((SEEDS / SEED).read_text(encoding="utf-8"), d / "printed.pdf")
    return mk.make_scan_of_pdf(printed, d / (Path(SEED).stem + ".pdf"), dpi=200, blur=0.6, angle=0.6)


def test_the_scan_has_no_text_layer(scan: Path) -> None:
    from pypdf import PdfReader

    pages = PdfReader(str(scan)).pages
    assert len(pages) >= 2
    assert all(not (page.extract_text() or "").strip() for page in pages)


def test_a_scanned_seed_gives_the_bases_and_details_of_its_text(scan: Path, scorer: ModuleType) -> None:
    from cancu.api import extract_paths

    text, scanned = (rec.to_json() for rec in extract_paths([str(SEEDS / SEED), str(scan)]))
    assert _details(scanned) == _details(text), json.dumps(_details(scanned), ensure_ascii=False)
    gold = next(p for p in json.loads(GOLD.read_text(encoding="utf-8"))["plans"] if p["file"] == SEED)
    assert {k: scanned["plan"][k] for k in ("number", "date", "province")} == {
        k: gold["plan"][k] for k in ("number", "date", "province")}
    found = [scorer.cite_key(c) for c in scanned["citations"] if c["role"] == "legal_basis"]
    assert found == [scorer.cite_key(c) for c in gold["legal_bases"]]
