"""Coordination layout: prose verbs anywhere ('Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp …').
One small plan per case."""

from __future__ import annotations

import pytest
from coordination_plans import Pair, layout_cases, pairs

CASES: dict[str, tuple[str, list[Pair]]] = {
    "prose-after-heading": (
        "I. NỘI DUNG\n1. Tổ chức Cuộc thi tìm hiểu về cải cách hành chính\n"
        "Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp và Đài Phát thanh và Truyền hình tỉnh tổ chức Cuộc thi.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp", "Đài Phát thanh và Truyền hình tỉnh"])]),
    "prose-after-lead-in": (
        "I. NỘI DUNG\n1. Tuyên truyền chuyển đổi số: Sở Thông tin và Truyền thông chủ trì thực hiện, phối hợp với "
        "Công an tỉnh tuyên truyền Đề án 06.\n",
        [(["Sở Thông tin và Truyền thông"], ["Công an tỉnh"])]),
    "prose-a-chu-tri-b-phoi-hop": (
        "I. NỘI DUNG\n1. Phóng sự: Văn phòng UBND tỉnh chủ trì, Báo Ninh Bình phối hợp xây dựng phóng sự.\n",
        [(["Văn phòng UBND tỉnh"], ["Báo Ninh Bình"])]),
    "prose-do-x-chu-tri": (
        "I. NỘI DUNG\n1. Hội nghị tập huấn do Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tổ chức.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    "prose-without-partner": (
        "I. NỘI DUNG\n1. Tập huấn nghiệp vụ\nSở Nội vụ chủ trì tổ chức 02 lớp tập huấn.\n",
        [(["Sở Nội vụ"], [])]),
    "prose-bare-a-phoi-hop-voi-b": (
        "II. NỘI DUNG\n3. Các hoạt động cụ thể\nb) Sở Văn hóa, Thể thao và Du lịch phối hợp với Thanh tra tỉnh, "
        "Trường Chính trị tỉnh, các cơ quan, đơn vị liên quan tuyên truyền trên hệ thống đài truyền thanh cấp xã.\n",
        [(["Sở Văn hóa, Thể thao và Du lịch"], ["Thanh tra tỉnh", "Trường Chính trị tỉnh"])]),
    # coordination.yaml's inline_cooperating: 'cùng với' names partners as 'phối hợp với' does
    "prose-cung-voi": (
        "II. NỘI DUNG\n3. Các hoạt động cụ thể\nb) Sở Tư pháp cùng với Đài Phát thanh và Truyền hình tỉnh xây "
        "dựng chuyên mục cải cách hành chính.\n",
        [(["Sở Tư pháp"], ["Đài Phát thanh và Truyền hình tỉnh"])]),
    "prose-phoi-hop-without-a-subject": (
        "II. NỘI DUNG\n1. Tuyên truyền phối hợp với Sở Tư pháp trên Cổng thông tin điện tử của tỉnh.\n",
        []),
    "prose-not-a-subject": (
        "I. KINH PHÍ\n1. Kinh phí: Các sở, ban, ngành được giao chủ trì thực hiện lập dự toán gửi Sở Tài chính.\n",
        []),
    # folded, 'sổ tay' reads as 'sở tay': an unknown name's head word must be written as one
    "prose-sổ-tay-is-no-agency": (
        "I. NỘI DUNG\n1. Tờ gấp\na) Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ và các sở, ban ngành phát hành tờ "
        "gấp, sổ tay hướng dẫn sử dụng dịch vụ công trực tuyến.\n",
        [(["Sở Tư pháp"], ["Sở Nội vụ", "Các sở, ban ngành"])]),
    # PDF text: a partner list ending in ';' goes on after a blank line, in a paragraph of names
    "partners-after-a-semicolon-at-a-line-end": (
        "II. NỘI DUNG\n3. Các hoạt động cụ thể\na) Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp; \n\n"
        "UBND các huyện, thị xã, thành phố; Báo Ninh Bình \n\nxây dựng phóng sự về cải cách hành chính.\n"
        "b) Sở Tài chính chủ trì, phối hợp với Sở Nội vụ;\n\nTổ chức hội nghị tập huấn.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp", "UBND các huyện, thị xã, thành phố", "Báo Ninh Bình"]),
         (["Sở Tài chính"], ["Sở Nội vụ"])]),
    # 'X phối hợp các đơn vị liên quan': X is addressed by no one, and its partners name no agency
    "bare-partners-all-generic": (
        "I. YÊU CẦU\n2. Yêu cầu\n- Sở Nội vụ phối hợp các đơn vị liên quan triển khai kế hoạch.\n",
        []),
    # 'cơ quan chủ trì' names a role, not a subject and its verb
    "co-quan-chu-tri-is-a-role": (
        "II. ĐỐI TƯỢNG\n1. Đối tượng thực hiện\n- Sở Tài chính, cơ quan chủ trì Chương trình, chủ đầu tư.\n",
        []),
}
OCR_CASES: dict[str, tuple[str, list[Pair]]] = {
    # 'phát hành' ends the partners; OCR'd 'sổ tay' after it is no Sở ('so tay')
    "ocr-verb-ends-the-partners": (
        "I1. NOI DUNG\n1. Tuyén truyén\nd) Doan the chu tri, phoi hop voi Truong Chinh tri tinh va cac don vi co "
        "lien quan phat hanh to gap, so tay huong dan su dung dich vu cong truc tuyen.\n",
        [(["Đoàn thể"], ["Trường Chính trị tỉnh"])]),
}


@pytest.mark.parametrize(("header", "text", "expected"), layout_cases(CASES, OCR_CASES))
def test_layout(header: str, text: str, expected: list[Pair]) -> None:
    assert sorted(pairs(header + text)) == sorted(expected)
