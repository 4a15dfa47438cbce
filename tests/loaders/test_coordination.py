"""What every coordination layout stands on: the recipients and signature blocks that hold no task, a
decision's articles and the plan it issues. Each layout has its own table: test_coordination_*.py."""

from __future__ import annotations

import pytest
from cancu.loaders.extract import extract_text
from coordination_plans import HEADER, Pair, pairs


def test_recipients_are_not_activities() -> None:
    text = ("I. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ theo dõi, đôn đốc.\n\nNơi nhận:\n- Bộ Nội vụ;\n"
            "- Sở Tư pháp phối hợp;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n")
    rec = extract_text(HEADER + text)
    assert pairs(HEADER + text) == [(["Sở Nội vụ"], [])]
    assert {r.name for r in rec.recipients} >= {"Bộ Nội vụ", "Sở Tư pháp"}


DECISION_HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 812/QĐ-UBND\nNinh Bình, ngày 10 tháng 3 năm 2026\n\n"
                   "QUYẾT ĐỊNH\nBan hành Kế hoạch phát triển thương mại điện tử năm 2026\n\n"
                   "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\nQUYẾT ĐỊNH:\n\n")
SIGNATURE = ("\n|\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Văn Bình\n|\n\n")
DECISION_CASES: dict[str, tuple[str, list[Pair]]] = {
    # a decision that issues a plan: the plan after its signature holds the tasks; the decision's own
    # 'Giao … chủ trì' article and its execution clause do not
    "decision-issuing-a-plan": (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển thương mại điện tử năm 2026.\n\n"
        "Điều 2. Giao Sở Công Thương chủ trì, phối hợp với các sở, ban, ngành tỉnh triển khai Kế hoạch này.\n\n"
        "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Công Thương, Giám đốc Sở Tài chính chịu trách nhiệm "
        "thi hành Quyết định này./." + SIGNATURE +
        "KẾ HOẠCH\nPhát triển thương mại điện tử năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Công Thương: Chủ trì, phối hợp với Sở Khoa học và Công nghệ xây dựng sàn giao dịch.\n"
        "2. Sở Tài chính: Bố trí kinh phí thực hiện.\n",
        [(["Sở Công Thương"], ["Sở Khoa học và Công nghệ"]), (["Sở Tài chính"], [])]),
    # a decision that assigns the work in its own articles, its list in an appendix: read there
    "decision-assigning-in-its-articles": (
        "Điều 1. Công bố danh mục thủ tục hành chính tại Phụ lục kèm theo Quyết định này.\n\n"
        "Điều 2. Sở Y tế chủ trì, phối hợp với Sở Khoa học và Công nghệ cập nhật thủ tục trên Cổng dịch vụ công.\n\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." + SIGNATURE +
        "PHỤ LỤC\nDANH MỤC THỦ TỤC HÀNH CHÍNH\n\n| TT | Tên thủ tục | Mã số |\n| 1 | Cấp giấy phép | 1.001 |\n",
        [(["Sở Y tế"], ["Sở Khoa học và Công nghệ"])]),
    # a decision that assigns the work in its articles: 'Điều 2' by clauses, 'Điều 3' by its addressee; the
    # execution article is not coordination; the ids follow the articles
    "decision-articles": (
        "Điều 1. Thông qua phương án đơn giản hóa thủ tục hành chính.\n\nĐiều 2. Trách nhiệm của các cơ quan:\n\n"
        "1. Sở Y tế:\n\na) Chủ trì, phối hợp với Sở Tư pháp rà soát thủ tục.\n\n2. UBND các xã, phường:\n\n"
        "a) Phối hợp với Sở Y tế tiếp nhận hồ sơ.\n\nĐiều 3. Văn phòng UBND tỉnh có trách nhiệm theo dõi, đôn "
        "đốc việc thực hiện.\n\nĐiều 4. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế, Giám đốc Sở Tư pháp chịu "
        "trách nhiệm thi hành Quyết định này./." + SIGNATURE,
        [(["Sở Y tế"], ["Sở Tư pháp"]), (["UBND các xã, phường"], ["Sở Y tế"]), (["Văn phòng UBND tỉnh"], [])]),
}


def test_article_ids() -> None:
    rec = extract_text(DECISION_HEADER + DECISION_CASES["decision-articles"][0])
    assert sorted(a.id for a in rec.activities) == ["Điều 2.1", "Điều 2.2", "Điều 3"]


@pytest.mark.parametrize("case", list(DECISION_CASES))
def test_decision_layout(case: str) -> None:
    text, expected = DECISION_CASES[case]
    assert sorted(pairs(DECISION_HEADER + text)) == sorted(expected)
