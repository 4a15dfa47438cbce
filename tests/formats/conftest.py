"""Fixtures of the format tests: the same plan made into every format once per session (format_makers.py)
and the project's scorer."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import format_makers as mk
import pytest
from format_checks import NO_FONT, SCORER


@pytest.fixture(scope="session")
def scorer() -> ModuleType:
    """../shared/tools/score_extraction.py as it is: the F1 here is the scorer's F1."""
    if not SCORER.exists():
        pytest.fail(f"{SCORER} is missing: the tests need ../shared beside the checkout")
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan as .txt, .docx and text PDF (no OCR needed to make or read them)."""
    if NO_FONT:
        pytest.skip(NO_FONT)
    d = tmp_path_factory.mktemp("plan")
    mk.make_txt(d / "plan.txt")
    mk.make_docx(d / "plan.docx")
    mk.make_pdf(d / "plan.pdf")
    return d


@pytest.fixture(scope="session")
def scans(made: Path) -> Path:
    """The plan as a scan: a PNG, a two-page TIFF, an image-only PDF and a PDF of one text page and one
    scanned page."""
    mk.make_image(made / "plan.png")
    mk.make_image(made / "plan.tif", font_size=16 * mk.SCALE)
    mk.make_scanned_pdf(made / "scan.pdf")
    mk.make_scanned_pdf(made / "scan2.pdf", font_size=16 * mk.SCALE)
    mk.make_mixed_pdf(made / "mixed.pdf", made / "plan.pdf", made / "scan2.pdf")
    return made
