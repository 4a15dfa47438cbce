"""Property tests: whatever text comes in, extraction does not crash and what it returns holds together.

10,000 inputs in all: arbitrary Unicode text, token soup made of the pieces plans are made of
(numbers, 'số', '/', type names, dates, labels, pipes, tabs, NULs, combining marks, huge numbers),
and the fixture plans cut into windows and mutated (deletions, insertions of that soup).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cancu.loaders.extract import extract_text
from cancu.loaders.extract.records import LEGAL_BASIS, MENTION, NESTED
from cancu.loaders.read.text import SourceText
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

PLANS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "fixtures" / "plans").iterdir())]
SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
if SEEDS_DIR.exists():
    PLANS += [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.iterdir())]
LINES = [p.split("\n") for p in PLANS]

SOUP = ["số", "Số:", "s6", "/", " / ", "-", "–", "\n", "\n\n", "\t", "|", " | ", "\x00", "\r", "\r\n", "\f", "\u2028",
        "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", " ̣", ",̃", "\ufeff", "\u200b", "\u00a0", "*", "**", "#", "<p>",
        "</p>", "&amp;", "&#x0;", "ngày", "ngày 15/7/2021", "ngày 31 tháng 2 năm 2021", "15-7-2021", "06/12/202021",
        "tháng", "năm 2024", "ngày   tháng   năm 2024", "76/NQ-CP", "18-", "NQ/TW", "61/2018/NĐ-CP", "749/QP-TTg",
        "263/QĐ-TT", "99999/QĐ-UBND", "0/0", "9" * 40, "12345678901234567890/2021/NĐ-CP", "1/2000/X-Y-Z-W-V-U",
        "Căn cứ", "Cin cir", "Thực hiện", "Theo đề nghị của", "Quyết định", "Nghị quyết", "Kế hoạch", "K& hoach",
        "của", "ciia", "Chính phủ", "Thủ tướng Chính phủ", "UBND tỉnh", "Sở Nội vụ", "S& Noi vu", "các Sở:",
        "các Sở: Nội vụ, Tư pháp", "chủ trì", "phối hợp với", "phéi hop", "Đề nghị", "Giao", "chỉ đạo",
        "Đơn vị chủ trì:", "Đơn vị phối hợp:", "Cơ quan thực hiện:", "Thời gian:", "STT\tCơ quan chủ trì\t"
        "Cơ quan phối hợp", "| STT | Cơ quan chủ trì | Cơ quan phối hợp |", "I.", "II.", "1.", "a)", "- ", "(", ")",
        "I. CĂN CỨ PHÁP LÝ", "V. TỔ CHỨC THỰC HIỆN", "KẾ HOẠCH", "Nơi nhận:", "Lưu: VT", "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH", "Phụ lục", "Trên đây là", "tỉnh Gia Lai", "thành phố Hà Nội", "UBND cấp huyện, cấp xã",
        "các cơ quan, đơn vị liên quan", "\U0001f600", "ǅ", "İ", "ẞ", "ﬁ", "\ud7ff", "\U0010ffff"]
soup = st.lists(st.sampled_from(SOUP) | st.text(max_size=6), max_size=60).map("".join)


@st.composite
def mutated_plan(draw: st.DrawFn) -> str:
    """A window of a fixture or seed plan, with a few edits: deletions, insertions, replacements."""
    lines = draw(st.sampled_from(LINES))
    start = draw(st.integers(0, max(len(lines) - 1, 0)))
    size = draw(st.integers(1, 30))
    text = "\n".join(lines[start:start + size])
    if draw(st.booleans()):  # keep the header: most of what follows leans on it
        text = "\n".join(lines[:12]) + "\n" + text
    for _ in range(draw(st.integers(0, 8))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 40)))
        edit = draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = "" if edit == "delete" else draw(soup)
        text = text[:i] + piece + (text[i:] if edit == "insert" else text[j:])
    return text


def check(text: str) -> None:
    """Extraction of any text returns a record whose parts point into the text."""
    rec = extract_text(text)
    src = SourceText.from_string(text)
    n = len(src.raw_lines)
    assert rec.loader["lines"] == n
    clean = src.lines()
    assert len(clean) == n
    for c in rec.citations:
        assert c.key and c.written_as
        assert c.role in (LEGAL_BASIS, MENTION, NESTED)
        for span in (c.span, *c.occurrences):
            assert 1 <= span.line <= n, (c.number, span.line, n)
        if c.name is not None:  # a law cited by name and date: its name starts on the line cited
            assert c.name.strip() == c.name and c.name.split()[0] in clean[c.span.line - 1], (c.name, c.span.line)
            assert c.number is None or re.match(r"\d", c.number)
            continue
        assert c.number and c.number.strip() == c.number
        assert re.match(r"\d", c.number)
        digits = re.match(r"\d+", c.written_as)
        assert digits and digits.group(0) in clean[c.span.line - 1], (c.written_as, c.span.line)
        if c.date is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.date)
    for a in rec.activities:
        assert 1 <= a.span.line <= n
        assert a.lead, a
        for ref in (*a.lead, *a.cooperating, *a.invited):
            assert ref.name.strip() and ref.key
            assert 1 <= ref.line <= n
    for r in rec.recipients:
        assert r.name.strip() and 1 <= r.line <= n
    p = rec.plan
    if p.date is not None:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.date)
    json.dumps(rec.to_json(), ensure_ascii=False)


SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                                         HealthCheck.filter_too_much]}


@settings(max_examples=3_500, **SETTINGS)
@given(st.text())
def test_any_text(text: str) -> None:
    check(text)


@settings(max_examples=3_500, **SETTINGS)
@given(soup)
def test_token_soup(text: str) -> None:
    check(text)


@settings(max_examples=3_000, **SETTINGS)
@given(mutated_plan())
def test_mutated_plans(text: str) -> None:
    check(text)


@pytest.mark.parametrize("i", range(len(PLANS)))
def test_whole_plans_hold_the_invariants(i: int) -> None:
    check(PLANS[i])
