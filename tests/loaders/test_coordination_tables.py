"""Coordination layout: tables whose columns are lead and cooperating.
One small plan per case."""

from __future__ import annotations

import pytest
from coordination_plans import Pair, layout_cases, pairs

CASES: dict[str, tuple[str, list[Pair]]] = {
    "pipe-table": (
        "I. NỘI DUNG\n| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n|---|---|---|---|---|\n"
        "| 1 | Tin bài | Sở Nội vụ | Sở Tư pháp; Báo Ninh Bình | Quý I |\n"
        "| 2 | Tập huấn | Văn phòng UBND tỉnh | Các cơ quan, đơn vị có liên quan | Quý II |\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp", "Báo Ninh Bình"]), (["Văn phòng UBND tỉnh"], [])]),
    "table-header-with-comma": (
        "I. NỘI DUNG\nSTT\tNội dung\tCơ quan, đơn vị chủ trì\tCơ quan, đơn vị phối hợp\tThời gian\n"
        "1\tTin bài\tSở Nội vụ\tSở Tư pháp\tQuý I\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    "table-header-with-slash": (
        "I. NỘI DUNG\n| TT | Nhiệm vụ | Cơ quan/đơn vị chủ trì | Cơ quan/đơn vị phối hợp | Thời gian |\n"
        "|--|--|--|--|--|\n| 1 | Tin bài | Sở Nội vụ | Sở Tư pháp | Quý I |\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    "table-header-not-in-the-labels": (
        "I. NỘI DUNG\n| TT | Nhiệm vụ | Chủ trì tham mưu | Đơn vị tham gia phối hợp | Thời gian |\n"
        "|--|--|--|--|--|\n| 1 | Tin bài | Sở Nội vụ | Sở Tư pháp | Quý I |\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    "table-one-column-both-roles": (
        "I. NỘI DUNG\n| TT | Nội dung | Cơ quan thực hiện | Thời gian |\n|--|--|--|--|\n"
        "| 1 | Tin bài | Sở Nội vụ chủ trì; Sở Tư pháp phối hợp | Quý I |\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    "table-header-on-two-rows": (
        "I. NỘI DUNG\n| TT | Nội dung | Cơ quan thực hiện | | Thời gian |\n| | | Chủ trì | Phối hợp | |\n"
        "|--|--|--|--|--|\n| 1 | Tin bài | Sở Nội vụ | Sở Tư pháp | Quý I |\n"
        "| 2 | Hội thi | Sở Tư pháp | Tỉnh đoàn | Quý II |\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"]), (["Sở Tư pháp"], ["Tỉnh đoàn"])]),
    "table-cell-that-says-chu-tri-is-no-header": (
        "I. NỘI DUNG\n| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |\n|--|--|--|--|\n"
        "| 1 | Tin bài | Sở Nội vụ (chủ trì) | Sở Tư pháp |\n"
        "| 2 | Hội thi | các Sở: Nội vụ, Tư pháp | UBND cấp huyện, cấp xã |\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"]), (["Sở Nội vụ", "Sở Tư pháp"], ["UBND cấp huyện", "UBND cấp xã"])]),
    "tab-table-across-pages": (
        "I. NỘI DUNG\nTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
        "1\tTuyên truyền cơ chế một cửa\tVăn phòng UBND tỉnh\tSở Nội vụ;\tQuý II\n\f\n"
        "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
        "\ttại Bộ phận một cửa các cấp\t\tSở Tư pháp\t\n"
        "2\tĐối thoại với doanh nghiệp\tSở Kế hoạch và Đầu tư\tHiệp hội Doanh nghiệp tỉnh\tQuý III\n",
        [(["Văn phòng UBND tỉnh"], ["Sở Nội vụ", "Sở Tư pháp"]), (["Sở Kế hoạch và Đầu tư"],
                                                                 ["Hiệp hội Doanh nghiệp tỉnh"])]),
    # a web page's table: each cell on its own lines between lines holding a lone '|', two such lines
    # end a row; group rows ('II | Hạ tầng số') stand between task rows
    "web-table-cell-per-line": (
        "I. NỘI DUNG\n\n|\nSTT\n|\nTên nhiệm\nvụ\n|\nCơ quan chủ trì\n|\nCơ quan phối\nhợp\n|\nThời gian hoàn\n"
        "thành\n|\n|\nII\n|\nHẠ TẦNG SỐ\n|\n|\n2.1\n|\nNâng cấp mạng truyền dẫn\ncho các xã vùng sâu\n|\n"
        "Sở Khoa học và Công\nnghệ\n|\nSở Tài chính; Sở Xây dựng\n|\n2026\n|\n|\n2.2\n|\nSố hóa hồ sơ đất đai\n|\n"
        "Sở Nông nghiệp và Môi trường\n|\nSở Tư pháp\n|\n2027\n|\n\n",
        [(["Sở Khoa học và Công nghệ"], ["Sở Tài chính", "Sở Xây dựng"]),
         (["Sở Nông nghiệp và Môi trường"], ["Sở Tư pháp"])]),
    # a task that starts with a column's words is a row of data, not the table's header
    "web-table-task-starting-with-a-label": (
        "I. NỘI DUNG\n\n|\nTT\n|\nNhiệm vụ\n|\nĐơn vị thực hiện\n|\nĐơn vị phối hợp\n|\n|\n1\n|\n"
        "Chủ trì xây dựng chuyên trang\nvề chuyển đổi số trên báo điện tử của tỉnh\n|\nBáo Ninh Bình\n|\n"
        "Sở Văn hóa, Thể thao và Du lịch\n|\n|\n2\n|\nTập huấn kỹ năng số\n|\nSở Nội vụ\n|\nSở Tư pháp\n|\n\n",
        [(["Báo Ninh Bình"], ["Sở Văn hóa, Thể thao và Du lịch"]), (["Sở Nội vụ"], ["Sở Tư pháp"])]),
    # the table's second part repeats its header without the number column; its rows still start with it
    "table-part-header-without-number-column": (
        "I. NỘI DUNG\n| STT | Nhiệm vụ | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian |\n"
        "| 1 | Tin bài | Sở Nội vụ | Sở Tư pháp | 2026 |\n| B | NHIỆM VỤ NGÀNH |\n"
        "| Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian |\n"
        "| 1.1 | Số hóa hồ sơ y tế | Sở Y tế | Bảo hiểm xã hội tỉnh | 2027 |\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"]), (["Sở Y tế"], ["Bảo hiểm xã hội tỉnh"])]),
}
OCR_CASES: dict[str, tuple[str, list[Pair]]] = {
    # the header's 'phối hợp' as OCR spells it: the column is still the partners'
    "ocr-table-header": (
        "I1. NOI DUNG\nSTT\tNoi dung\tCo quan chu tri\tCo quan phdi hop\tThoi gian\n"
        "1\tTin bai\tS& Noi vu\tS& Tu phap; Bao Ninh Binh\tQuy I\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp", "Báo Ninh Bình"])]),
}


@pytest.mark.parametrize(("header", "text", "expected"), layout_cases(CASES, OCR_CASES))
def test_layout(header: str, text: str, expected: list[Pair]) -> None:
    assert sorted(pairs(header + text)) == sorted(expected)
