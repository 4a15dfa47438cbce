"""Files that cannot be read fail alone, in one clear line each, and the others load: a corrupt PDF,
a password-protected PDF, empty images, and scans where no OCR engine is installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import format_makers as mk
import pytest
from cancu.loaders.read import FORMAT_READERS, ocr
from cancu.loaders.read.base import report_of
from format_checks import NO_OCR

from cancu.errors import InputError


@pytest.fixture
def wired(monkeypatch: pytest.MonkeyPatch) -> None:
    """loaders/read (the package) as the lead will wire it: the text readers and FORMAT_READERS."""
    from cancu.loaders import read

    monkeypatch.setattr(read, "READERS", {**read.READERS, **FORMAT_READERS})


def test_a_folder_with_broken_files_reports_each_and_loads_the_rest(made: Path, tmp_path: Path, wired: None) -> None:
    from cancu.api import FileError, extract_paths

    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("plan.txt", "plan.docx", "plan.pdf"):
        shutil.copy(made / name, folder / name)
    mk.make_corrupt_pdf(folder / "cut-short.pdf", made / "plan.pdf")
    mk.make_encrypted_pdf(folder / "locked.pdf", made / "plan.pdf")
    (folder / "empty.png").write_bytes(b"")
    mk.make_blank_image(folder / "blank.png")
    errors: list[FileError] = []
    records = list(extract_paths([str(folder)], errors.append))
    assert sorted(Path(r.source).name for r in records) == ["plan.docx", "plan.pdf", "plan.txt"]
    by_file = {Path(e.path).name: e.message for e in errors}
    assert set(by_file) == {"cut-short.pdf", "locked.pdf", "empty.png", "blank.png"}
    assert "not a readable PDF" in by_file["cut-short.pdf"]
    assert "password-protected PDF" in by_file["locked.pdf"]
    assert "empty file" in by_file["empty.png"]
    expected_blank = "no text found in the image" if NO_OCR is None else "Tesseract OCR is not installed"
    assert expected_blank in by_file["blank.png"]
    for e in errors:
        assert e.message.startswith(e.path) and "\n" not in e.message and "Traceback" not in e.message


def test_a_pdf_with_an_empty_user_password_just_opens(made: Path, tmp_path: Path) -> None:
    """Owner-password PDFs (printing or copying restricted) are common and readable."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(made / "plan.pdf")))
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="AES-256")
    writer.write(str(tmp_path / "restricted.pdf"))
    assert "Căn cứ Nghị quyết số 76/NQ-CP" in FORMAT_READERS[".pdf"](tmp_path / "restricted.pdf").text


def test_an_image_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    path.write_bytes(b"%PDF-1.4 this is no JPEG")
    with pytest.raises(InputError, match="not a readable image"):
        FORMAT_READERS[".jpg"](path)


class TestWithoutTesseract:
    """No OCR engine: scans fail with how to install it; text pages of a mixed PDF still load."""

    @pytest.fixture(autouse=True)
    def no_engine(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(ocr, "engine", lambda: None)

    def test_an_image_says_how_to_install_tesseract(self, scans: Path) -> None:
        with pytest.raises(InputError, match=r"apt-get install tesseract-ocr tesseract-ocr-vie") as err:
            FORMAT_READERS[".png"](scans / "plan.png")
        assert str(err.value).startswith(str(scans / "plan.png")) and "\n" not in str(err.value)

    def test_a_scanned_pdf_says_how_to_install_tesseract(self, scans: Path) -> None:
        with pytest.raises(InputError, match="Tesseract OCR is not installed"):
            FORMAT_READERS[".pdf"](scans / "scan.pdf")

    def test_a_mixed_pdf_loads_its_text_pages_and_warns(self, scans: Path) -> None:
        src = FORMAT_READERS[".pdf"](scans / "mixed.pdf")
        report = report_of(src)
        assert report is not None
        assert [(p.number, p.method) for p in report.pages] == [(1, "text"), (2, "skipped")]
        assert any("page 2 needs OCR" in w and "apt-get install" in w for w in report.warnings)
        assert "Căn cứ Nghị quyết số 76/NQ-CP" in src.text
