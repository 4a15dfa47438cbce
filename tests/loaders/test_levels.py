"""Each cited document gets the level of its issuer: central bodies apart from the province's own."""

from __future__ import annotations

import pytest

from cancu.api import extract_text

HEAD = "UBND TỈNH BẮC KẠN\nSố: 5/KH-UBND\nBắc Kạn, ngày 10 tháng 3 năm 2024\n\nKẾ HOẠCH\nTuyên truyền năm 2024\n\n"


@pytest.mark.parametrize(("citation", "level"), [
    ("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ", "national"),
    ("Chỉ thị số 26/CT-TTg ngày 20/10/2023 của Thủ tướng Chính phủ", "national"),
    ("Quyết định số 35/QĐ-BNV ngày 22/01/2024 của Bộ Nội vụ", "ministry"),
    ("Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương", "party_central"),
    ("Nghị quyết số 08-NQ/TU ngày 22/4/2021 của Ban Chấp hành Đảng bộ tỉnh", "party_local"),
    ("Quyết định số 2448/QĐ-UBND ngày 25/12/2023 của UBND tỉnh", "province"),
    ("Văn bản số 21/SNV-CCHC ngày 06/01/2024 của Sở Nội vụ", "department"),
], ids=["government", "prime-minister", "ministry", "party-central", "party-local", "province", "department"])
def test_level_of_issuer(citation: str, level: str) -> None:
    [c] = extract_text(HEAD + f"Căn cứ {citation};\n\nI. NỘI DUNG\n").citations
    assert c.level == level
