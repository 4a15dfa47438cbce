"""Coordination layout: labelled lines under an item ('a) Cơ quan chủ trì: …', '- Đơn vị phối hợp: …').
One small plan per case."""

from __future__ import annotations

import pytest
from coordination_plans import Pair, layout_cases, pairs

CASES: dict[str, tuple[str, list[Pair]]] = {
    "labels-on-separate-lines": (
        "I. NỘI DUNG\n1. Tuyên truyền trên báo, đài\n- Đơn vị thực hiện: Sở Thông tin và Truyền thông.\n"
        "- Đơn vị phối hợp: Báo Ninh Bình, Đài Phát thanh và Truyền hình tỉnh.\n- Thời gian: Thường xuyên.\n",
        [(["Sở Thông tin và Truyền thông"], ["Báo Ninh Bình", "Đài Phát thanh và Truyền hình tỉnh"])]),
    # PDF text: a label's value on the line after it, or a list going on after ';'
    "label-values-wrapped-onto-lines-of-their-own": (
        "I. NỘI DUNG\n1. Tuyên truyền trên báo, đài\n- Đơn vị chủ trì: Sở Tư pháp; Cơ quan phối hợp:\n\n"
        "Văn phòng UBND tỉnh, Sở Nội vụ.\n2. Tin bài\n- Đơn vị thực hiện: Văn phòng Sở.\n- Cơ quan phối hợp: Sở Tài "
        "chính;\n\nBan biên tập Trang thông tin điện tử của Sở, các cơ quan, đơn vị liên quan.\n",
        [(["Sở Tư pháp"], ["Văn phòng UBND tỉnh", "Sở Nội vụ"]),
         (["Văn phòng Sở"], ["Sở Tài chính", "Ban biên tập Trang thông tin điện tử của Sở"])]),
    "two-labels-on-one-line": (
        "I. NỘI DUNG\n1. Tuyên truyền trên Cổng thông tin điện tử\n"
        "Đơn vị chủ trì: Văn phòng UBND tỉnh; Đơn vị phối hợp: Sở Nội vụ, Sở Tư pháp; Thời gian: Quý II.\n",
        [(["Văn phòng UBND tỉnh"], ["Sở Nội vụ", "Sở Tư pháp"])]),
    "label-with-inline-roles": (
        "I. NỘI DUNG\n1. Chuyên mục\na) Cơ quan thực hiện: Báo Ninh Bình chủ trì, Sở Văn hóa, Thể thao và Du lịch "
        "phối hợp.\n",
        [(["Báo Ninh Bình"], ["Sở Văn hóa, Thể thao và Du lịch"])]),
    "label-with-distributive-list": (
        "I. NỘI DUNG\n1. Chuyển đổi số\n- Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n"
        "- Cơ quan phối hợp: các Sở: Nội vụ, Tài chính, Giáo dục và Đào tạo; UBND cấp huyện, cấp xã.\n",
        [(["Sở Khoa học và Công nghệ"], ["Sở Nội vụ", "Sở Tài chính", "Sở Giáo dục và Đào tạo", "UBND cấp huyện",
                                         "UBND cấp xã"])]),
    "labels-with-comma": (
        "I. NỘI DUNG\n1. Tin bài\n- Cơ quan, đơn vị chủ trì: Sở Nội vụ.\n- Cơ quan, đơn vị phối hợp: Sở Tư pháp.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
}
OCR_CASES: dict[str, tuple[str, list[Pair]]] = {
    "ocr-labels": (
        "I1. NOI DUNG\n1. Tuyén truyén trén bao, dai\na) Co quan chu tri: S& Noi vu.\n"
        "b) Co quan phéi hop: Van phong UBND tinh; UBND céc huyén, thi x4, thanh pho.\n",
        [(["Sở Nội vụ"], ["Văn phòng UBND tỉnh", "UBND các huyện, thị xã, thành phố"])]),
}


@pytest.mark.parametrize(("header", "text", "expected"), layout_cases(CASES, OCR_CASES))
def test_layout(header: str, text: str, expected: list[Pair]) -> None:
    assert sorted(pairs(header + text)) == sorted(expected)
