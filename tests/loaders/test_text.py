"""Reading bytes as a plan's text: encodings, Unicode normalisation, markup, and the map back to the
lines of the original file."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import pytest
from cancu.loaders.extract import extract_path, extract_text
from cancu.loaders.read.text import SourceText, decode, fold, tone_canonical

from cancu.errors import InputError

PLANS = Path(__file__).parent / "fixtures" / "plans"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"

TEXT = ("UBND TỈNH QUẢNG NINH\nSố: 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\n"
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
        "Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Tư pháp và Đài Phát thanh và Truyền hình tỉnh.\n")


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Word and old web pages wrote it: base letters (ê, ơ, ư, â, ă) with the
    tone as a separate combining mark, which is what `encode("cp1258")` of decomposed text gives."""
    out = bytearray()
    for ch in unicodedata.normalize("NFD", text):
        out += unicodedata.normalize("NFC", ch).encode("cp1258") if not unicodedata.combining(ch) else b""
        if unicodedata.combining(ch):
            try:
                out += ch.encode("cp1258")
            except UnicodeEncodeError:  # a vowel mark (circumflex, breve, horn): joined to the base letter
                last = out[-1:].decode("cp1258")
                out[-1:] = unicodedata.normalize("NFC", last + ch).encode("cp1258")
    return bytes(out)


ENCODINGS = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8-bom": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-8-nfd": unicodedata.normalize("NFD", TEXT).encode("utf-8"),
    "utf-16-bom": TEXT.encode("utf-16"),
    "utf-16-le-no-bom": TEXT.encode("utf-16-le"),
    "utf-16-be-no-bom": TEXT.encode("utf-16-be"),
    "utf-16-le-nfd-no-bom": unicodedata.normalize("NFD", TEXT).encode("utf-16-le"),
    "utf-32-bom": TEXT.encode("utf-32"),
    "windows-1258": to_cp1258(TEXT * 4),
    "crlf": TEXT.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_decode_gives_the_same_text(name: str) -> None:
    raw, enc = decode(ENCODINGS[name])
    src = SourceText.from_string(raw)
    assert src.text.startswith(TEXT.rstrip("\n")), (enc, src.text[:120])
    assert unicodedata.is_normalized("NFC", src.text)


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_every_encoding_extracts_alike(name: str) -> None:
    raw, _ = decode(ENCODINGS[name])
    rec = extract_text(raw)
    assert [c.number for c in rec.citations] == ["76/NQ-CP"]
    assert rec.plan.number == "52/KH-UBND" and rec.plan.province == "Quảng Ninh"
    assert [a.name for a in rec.activities[0].cooperating] == ["Sở Tư pháp", "Đài Phát thanh và Truyền hình tỉnh"]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b" \n\t\r\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (bytes(range(256)) * 4, "binary"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "UTF-16"),  # a lone surrogate after the BOM
    (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "UTF-8"),
], ids=["empty", "white-space", "png", "all-bytes", "bad-utf-16", "bad-utf-8-after-bom"])
def test_decode_refuses_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        text, _ = decode(data, "x.txt")
        if not text.strip():
            raise InputError("x.txt", "empty file")


@pytest.mark.parametrize(("written", "clean"), [
    ("hê ̣thống", "hệ thống"),  # dot below cut off by a space
    ("xa,̃ phường", "xã, phường"),  # tilde after the comma
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("Quye\u0302\u0301t đi\u0323nh", "Quyết định"),  # decomposed (NFD) text
    ("<p>Căn cứ</p> <i>Nghị định</i>", "Căn cứ Nghị định"),
    ("**Nơi nhận:**", "Nơi nhận:"),
    ("## II. NỘI DUNG", "II. NỘI DUNG"),
    ("Bộ&nbsp;Nội&nbsp;vụ &amp; Sở", "Bộ Nội vụ & Sở"),
    ("a\u00a0b\u200b\x07c", "a bc"),
], ids=["dot-below-detached", "tilde-after-comma", "plain", "nfd", "html", "md-bold", "md-heading", "entities",
        "controls"])
def test_normalisation(written: str, clean: str) -> None:
    assert re.sub(r"\s+", " ", SourceText.from_string(written).text).strip() == clean


@pytest.mark.parametrize(("old", "new"), [
    ("Thanh Hoá", "Thanh Hóa"),
    ("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
    ("Khoá XIV", "Khóa XIV"),
    ("nuôi trồng thuỷ sản", "nuôi trồng thủy sản"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("Thanh Hóa", "Thanh Hóa"),  # already in the one placement
    ("quý, quỹ", "quý, quỹ"),  # the u of qu is no vowel of the pair
    ("Hoàng, huỳnh", "Hoàng, huỳnh"),  # a closed syllable keeps its tone where it is
], ids=["hoa", "uy-capitals", "khoa", "thuy", "khoe", "unchanged", "qu", "closed"])
def test_one_tone_placement(old: str, new: str) -> None:
    assert tone_canonical(old) == new


@pytest.mark.parametrize("text", ["Quyết định số 749/QĐ-TTg", "ĐỒNG THÁP Ǆ ﬁ ẞ İstanbul", "ǅ\u0130\u1e9e"])
def test_fold_is_one_character_for_one(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_lines_are_kept_one_for_one() -> None:
    raw = "a\r\nb\rc\n\n<p>d</p>\n\u2028e\fz\n"
    src = SourceText.from_string(raw)
    assert len(src.lines()) == len(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert src.line_of(src.text.index("d")) == 5


def _original_lines(path: Path) -> list[str]:
    raw, _ = decode(path.read_bytes())
    return raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", fold(unicodedata.normalize("NFC", s)))


PLAN_FILES = sorted(PLANS.iterdir()) + (sorted(SEEDS.iterdir()) if SEEDS.exists() else [])


@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.name for p in PLAN_FILES])
def test_every_citation_line_holds_its_number(path: Path) -> None:
    """`line` points at the line of the original file where the number starts; a number broken over
    lines ('2631/QĐ-⏎UBND', '18-⏎NQ/TW') goes on in the next lines."""
    lines = _original_lines(path)
    rec = extract_path(path)
    assert rec.citations
    for c in rec.citations:
        for span in (c.span, *c.occurrences):
            assert 1 <= span.line <= len(lines)
        first = lines[c.span.line - 1]
        head = re.match(r"\d+[a-zđ]?", c.written_as)
        assert head and head.group(0) in first, (c.number, c.span.line, first)
        following = _squash(" ".join(lines[c.span.line - 1:c.span.line + 3]))
        assert _squash(c.written_as) in following, (c.written_as, c.span.line)


@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.name for p in PLAN_FILES])
def test_every_activity_line_is_in_the_file(path: Path) -> None:
    lines = _original_lines(path)
    rec = extract_path(path)
    for a in rec.activities:
        assert 1 <= a.span.line <= len(lines)
        for ref in (*a.lead, *a.cooperating):
            assert 1 <= ref.line <= len(lines)


# --- normalize() runs over whole texts for speed; this per-line version is what it must equal
def _normalize_line_by_line(text: str) -> str:
    import html

    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufeff", "")
    text = unicodedata.normalize("NFD", text)
    text = re.sub(r"([^\W\d_][\u0300-\u036f]*)([ ,.;:]?)([\u0300-\u036f]+)",
                  lambda m: m.group(1) + m.group(3) + m.group(2), text)
    text = unicodedata.normalize("NFC", text)
    out = []
    for line in text.split("\n"):
        line = re.sub(r"</?(?:p|ul|ol|li|i|b|em|strong|span|br|div|u|sup|sub|td|tr|th|table|tbody|thead)\b[^>]*>",
                      " ", line, flags=re.I)
        line = html.unescape(line) if "&" in line and ";" in line else line
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
        line = re.sub(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))", "", line)
        line = "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch)[0] != "C")
        out.append(line.rstrip())
    return "\n".join(out)


_PIECES = ["a", "ă", "ê", "ệ", "Ệ", "đ", " ", "\n", "\t", "\r", "*", "**", "_", "__", "#", "# ", "<b>", "</td>",
           "&amp;", "&#10;", "&lt;b&gt;", ";", ".", ",", ":", "-", "\u0301", "\u0323", "e\u0302\u0323", "\u00ad",
           "\u200b", "\x0b", "\x07", "\x1c", "\ue000", "\U0001F600", "\u2028", "\u3000", "\xa0", "\ufeff"]


def test_normalize_equals_the_line_by_line_definition() -> None:
    from cancu.loaders.read.text import normalize
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
    def check(text: str) -> None:
        assert normalize(text) == _normalize_line_by_line(text)

    check()


def test_normalize_equals_the_line_by_line_definition_on_the_seeds(seeds_dir: Path) -> None:
    from cancu.loaders.read.text import normalize

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*")) if p.suffix in (".txt", ".md")]
    assert texts
    for text in texts:
        assert normalize(text) == _normalize_line_by_line(text)
