"""Citations: a sentence as plans write it → the number, type, date, issuer and role read from it."""

from __future__ import annotations

from dataclasses import fields
from typing import NamedTuple

import pytest
from cancu.loaders.extract import extract, extract_text
from cancu.loaders.extract.records import LEGAL_BASIS, MENTION, NESTED
from cancu.loaders.read.base import LoadedText, LoaderReport, PageReport
from cancu.loaders.read.text import SourceText

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 9/KH-UBND\nBình Thuận, ngày 02 tháng 01 năm 2024\n\n"
          "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n\n")


def plan(basis: str = "", body: str = "", *, heading: bool = False) -> str:
    """A small plan around the text under test: in the opening paragraphs (basis) or in its body."""
    opening = f"I. CĂN CỨ PHÁP LÝ\n{basis}\n" if heading else f"{basis}\n"
    return (HEADER + opening + "UBND tỉnh ban hành Kế hoạch như sau:\n\n"
            f"{'II' if heading else 'I'}. NỘI DUNG TUYÊN TRUYỀN\n1. Nội dung chung\n{body}\n")


class Cite(NamedTuple):
    number: str | None
    type: str
    date: str | None
    issuer: str | None
    role: str = LEGAL_BASIS


P = "Bình Thuận"
CASES: dict[str, tuple[str, list[Cite]]] = {
    "state-short-date": ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình;",
                         [Cite("76/NQ-CP", "Nghị quyết", "2021-07-15", "Chính phủ")]),
    "long-form-date": ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ;",
                       [Cite("76/NQ-CP", "Nghị quyết", "2021-07-15", "Chính phủ")]),
    "dashed-date": ("Căn cứ Quyết định số 1847/QĐ-TTg ngày 27-12-2018 của Thủ tướng Chính phủ;",
                    [Cite("1847/QĐ-TTg", "Quyết định", "2018-12-27", "Thủ tướng Chính phủ")]),
    "year-in-number": ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;",
                       [Cite("61/2018/NĐ-CP", "Nghị định", "2018-04-23", "Chính phủ")]),
    "ocr-quyet-dinh": ("Cin cir Quyét dinh s6 602/QD-UBND ngay 17/9/2021 ciia Uy ban nhan dan tinh;",
                       [Cite("602/QĐ-UBND", "Quyết định", "2021-09-17", f"UBND tỉnh {P}")]),
    "ocr-ke-hoach": ("Cin ctr K& hoach s0 3640/KH-UBND ngay 26/12/2023 cua Uy ban nhan dén tinh;",
                     [Cite("3640/KH-UBND", "Kế hoạch", "2023-12-26", f"UBND tỉnh {P}")]),
    "ocr-nghi-dinh": ("Căn cứ Nghi dinh sb 61/2018/ND-CP ngay 23/4/2018 ciia Chinh phu;",
                      [Cite("61/2018/NĐ-CP", "Nghị định", "2018-04-23", "Chính phủ")]),
    "ocr-qp-for-qd": ("Thực hiện Quyét dinh s6 749/QP-TTg ngay 03/6/2020 ctia Thil tuéng Chinh phu;",
                      [Cite("749/QĐ-TTg", "Quyết định", "2020-06-03", "Thủ tướng Chính phủ")]),
    "ttg-slip": ("Căn cứ Quyết định số 263/QĐ-TT ngày 22/02/2022 của Thủ tướng Chính phủ;",
                 [Cite("263/QĐ-TTg", "Quyết định", "2022-02-22", "Thủ tướng Chính phủ")]),
    "mistyped-year": ("Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06/12/202021 của Chính phủ;",
                      [Cite("107/2021/NĐ-CP", "Nghị định", "2021-12-06", "Chính phủ")]),
    "no-date-from-catalogue": ("Căn cứ Quyết định số 06/QĐ-TTg của Thủ tướng Chính phủ;",
                               [Cite("06/QĐ-TTg", "Quyết định", "2022-01-06", "Thủ tướng Chính phủ")]),
    "same-number-older-year": ("Căn cứ Nghị quyết số 76/NQ-CP ngày 13/6/2013 của Chính phủ;",
                               [Cite("76/NQ-CP", "Nghị quyết", "2013-06-13", "Chính phủ")]),
    "spaces-around-slash": ("Căn cứ Quyết định số 1364 / QĐ-UBND ngày 25/6/2021 của UBND tỉnh;",
                            [Cite("1364/QĐ-UBND", "Quyết định", "2021-06-25", f"UBND tỉnh {P}")]),
    "number-broken-after-dash": ("Căn cứ Quyết định số 2631/QĐ-\nUBND ngày 14/10/2021 của UBND tỉnh;",
                                 [Cite("2631/QĐ-UBND", "Quyết định", "2021-10-14", f"UBND tỉnh {P}")]),
    "number-broken-pdf": ("Căn cứ Quyết định số 2631/QĐ-\n\nUBND ngày 14/10/2021 của UBND tỉnh;",
                          [Cite("2631/QĐ-UBND", "Quyết định", "2021-10-14", f"UBND tỉnh {P}")]),
    "type-and-number-split": ("Căn cứ Quyết định\nsố 3506/QĐ-UBND ngày 17/12/2021 của UBND tỉnh;",
                              [Cite("3506/QĐ-UBND", "Quyết định", "2021-12-17", f"UBND tỉnh {P}")]),
    "party": ("Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng;",
              [Cite("18-NQ/TW", "Nghị quyết", "2017-10-25", "Ban Chấp hành Trung ương Đảng")]),
    "party-broken": ("Thực hiện Nghị quyết số 18-\nNQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng;",
                     [Cite("18-NQ/TW", "Nghị quyết", "2017-10-25", "Ban Chấp hành Trung ương Đảng")]),
    "party-politburo": ("Thực hiện Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị;",
                        [Cite("14-KL/TW", "Kết luận", "2021-09-22", "Bộ Chính trị")]),
    "provincial-party": ("Thực hiện Nghị quyết số 04-NQ/TU ngày 20/01/2022 của Ban Chấp hành Đảng bộ tỉnh;",
                         [Cite("04-NQ/TU", "Nghị quyết", "2022-01-20", f"Tỉnh ủy {P}")]),
    "law-named-before-number": ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;",
                                [Cite("72/2025/QH15", "Luật", "2025-06-16", "Quốc hội")]),
    "to-trinh": ("Theo đề nghị của Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 20/02/2024.",
                 [Cite("45/TTr-SNV", "Tờ trình", "2024-02-20", f"Sở Nội vụ tỉnh {P}")]),
    "xet-de-nghi": ("Xét đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 12/TTr-STP ngày 01/3/2024,",
                    [Cite("12/TTr-STP", "Tờ trình", "2024-03-01", f"Sở Tư pháp tỉnh {P}")]),
    "grouped-list": ("Căn cứ các Quyết định của Thủ tướng Chính phủ: số 749/QĐ-TTg ngày 03/6/2020; "
                     "số 06/QĐ-TTg ngày 06/01/2022;",
                     [Cite("749/QĐ-TTg", "Quyết định", "2020-06-03", "Thủ tướng Chính phủ"),
                      Cite("06/QĐ-TTg", "Quyết định", "2022-01-06", "Thủ tướng Chính phủ")]),
    "grouped-type-from-header": ("Căn cứ các Kế hoạch của Ủy ban nhân dân tỉnh: số 285/UBND ngày 26/12/2022; "
                                 "số 17/UBND ngày 10/01/2023;",
                                 [Cite("285/UBND", "Kế hoạch", "2022-12-26", f"UBND tỉnh {P}"),
                                  Cite("17/UBND", "Kế hoạch", "2023-01-10", f"UBND tỉnh {P}")]),
    "programme-number-without-type-code": (
        "Căn cứ Chương trình hành động số 921/UBND ngày 12/5/2023 của UBND tỉnh;",
        [Cite("921/UBND", "Chương trình hành động", "2023-05-12", f"UBND tỉnh {P}")]),
    "van-ban": ("Căn cứ Văn bản số 2406/SNV-CCHCVTLT ngày 05/9/2023 của Sở Nội vụ;",
                [Cite("2406/SNV-CCHCVTLT", "Văn bản", "2023-09-05", f"Sở Nội vụ tỉnh {P}")]),
    "two-in-one-paragraph": (
        "Thực hiện Quyết định số 251/QĐ-BNV ngày 29/3/2022 của Bộ Nội vụ; Quyết định số 3223/QĐ-UBND ngày "
        "27/12/2021 của Ủy ban nhân dân tỉnh;",
        [Cite("251/QĐ-BNV", "Quyết định", "2022-03-29", "Bộ Nội vụ"),
         Cite("3223/QĐ-UBND", "Quyết định", "2021-12-27", f"UBND tỉnh {P}")]),
}

BODY_CASES: dict[str, tuple[str, list[Cite]]] = {
    "mention-in-body": ("Tuyên truyền Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ.",
                        [Cite("45/2020/NĐ-CP", "Nghị định", "2020-04-08", "Chính phủ", MENTION)]),
    "mention-without-date": ("Cách thực hiện đánh giá theo Quyết định số 800/QĐ-UBND.",
                             [Cite("800/QĐ-UBND", "Quyết định", None, f"UBND tỉnh {P}", MENTION)]),
    "party-and-state-same-digits": (
        "Bám sát Nghị quyết số 60-NQ/TW ngày 12/4/2025 và Nghị quyết số 60/NQ-CP ngày 19/4/2025 của Chính phủ.",
        [Cite("60-NQ/TW", "Nghị quyết", "2025-04-12", "Ban Chấp hành Trung ương Đảng", MENTION),
         Cite("60/NQ-CP", "Nghị quyết", "2025-04-19", "Chính phủ", MENTION)]),
    "same-number-two-years": (
        "Nghị quyết số 76/NQ-CP ngày 13/6/2013 và Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.",
        [Cite("76/NQ-CP", "Nghị quyết", "2013-06-13", "Chính phủ", MENTION),
         Cite("76/NQ-CP", "Nghị quyết", "2021-07-15", "Chính phủ", MENTION)]),
}


def _read(text: str) -> list[Cite]:
    rec = extract_text(text)
    return [Cite(c.number, c.doc_type, c.date, c.issuer, c.role) for c in rec.citations]


@pytest.mark.parametrize("case", list(CASES))
def test_legal_basis(case: str) -> None:
    text, expected = CASES[case]
    assert _read(plan(basis=text)) == expected


@pytest.mark.parametrize("case", list(CASES))
def test_under_a_legal_basis_heading(case: str) -> None:
    text, expected = CASES[case]
    assert _read(plan(basis=f"- {text}", heading=True)) == expected


@pytest.mark.parametrize("case", list(CASES))
def test_same_text_in_the_body_is_a_mention(case: str) -> None:
    text, expected = CASES[case]
    body = text.replace("Căn cứ ", "Tuyên truyền ").replace("Thực hiện ", "Tuyên truyền ")
    got = _read(plan(basis="Căn cứ Luật Ban hành văn bản quy phạm pháp luật năm 2015;", body=body))
    assert [c.role for c in got] == [MENTION] * len(expected)
    assert [c.number for c in got] == [c.number for c in expected]


@pytest.mark.parametrize("case", list(BODY_CASES))
def test_mention(case: str) -> None:
    text, expected = BODY_CASES[case]
    assert _read(plan(basis="Căn cứ Quyết định số 251/QĐ-BNV ngày 29/3/2022 của Bộ Nội vụ;", body=text))[1:] == expected


def test_the_plans_own_number_is_not_a_citation() -> None:
    got = _read(plan(basis="Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;"))
    assert "9/KH-UBND" not in [c.number for c in got]


def test_a_date_alone_is_not_a_number() -> None:
    got = _read(plan(basis="Căn cứ tình hình thực tế;", body="Hoàn thành trước ngày 15/12/2024, tỷ lệ 1/2."))
    assert got == []


@pytest.mark.parametrize("heading", ["A. MỤC ĐÍCH, YÊU CẦU", "MỤC ĐÍCH, YÊU CẦU", "1. MỤC ĐÍCH", "1. Mục đích:"],
                         ids=["lettered", "capitals-unnumbered", "numbered-capitals", "numbered-item"])
def test_the_opening_ends_where_the_body_begins(heading: str) -> None:
    """After 'UBND tỉnh ban hành Kế hoạch … như sau:' the body begins, whatever its first heading looks like."""
    text = (HEADER + "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
            "UBND tỉnh ban hành Kế hoạch như sau:\n" + heading + "\n"
            "Triển khai Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ.\n")
    assert [(c.number, c.role) for c in extract_text(text).citations] == [("76/NQ-CP", LEGAL_BASIS),
                                                                         ("61/2018/NĐ-CP", MENTION)]


def test_a_list_of_bases_after_a_colon_stays_in_the_opening() -> None:
    text = (HEADER + "Căn cứ các văn bản sau:\n- Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
            "- Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\nUBND tỉnh ban hành Kế hoạch như sau:\n"
            "I. NỘI DUNG\n1. Tuyên truyền Quyết định số 06/QĐ-TTg.\n")
    assert [(c.number, c.role) for c in extract_text(text).citations] == [
        ("76/NQ-CP", LEGAL_BASIS), ("61/2018/NĐ-CP", LEGAL_BASIS), ("06/QĐ-TTg", MENTION)]


def test_a_wrapped_line_starting_with_an_opener_word_opens_nothing() -> None:
    """A plan whose bases stand under 'CĂN CỨ PHÁP LÝ' has no opening paragraphs: a body line wrapped
    before 'thực hiện Nghị định …' is no 'Thực hiện' clause."""
    text = (HEADER + "I. CĂN CỨ PHÁP LÝ\n- Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\nII. NỘI DUNG\n"
            "a) Kết quả chỉ số cải cách hành chính; tuyên truyền việc\n\nthực hiện Nghị định số 47/2020/NĐ-CP "
            "ngày 9/4/2020 của Chính phủ.\n")
    assert [(c.number, c.role) for c in extract_text(text).citations] == [("76/NQ-CP", LEGAL_BASIS),
                                                                         ("47/2020/NĐ-CP", MENTION)]


def test_a_districts_documents_are_numbered_in_the_district() -> None:
    """'của UBND huyện Lâm Hà', or 'của UBND huyện' in the district's own plan: the district's own series,
    apart from the province's (and another district's) documents of the same number."""
    text = ("UBND TỈNH LÂM ĐỒNG\nỦY BAN NHÂN DÂN\nHUYỆN LÂM HÀ\nSố: 189/KH-UBND\nLâm Hà, ngày 17 tháng 12 năm 2024\n"
            "KẾ HOẠCH\nTuyên truyền năm 2025\n"
            "Căn cứ Quyết định số 12/QĐ-UBND ngày 22/9/2023 của Ủy ban nhân dân tỉnh Lâm Đồng;\n"
            "Căn cứ Quyết định số 12/QĐ-UBND ngày 10/1/2024 của UBND huyện về việc ban hành kế hoạch;\n"
            "Căn cứ Quyết định số 12/QĐ-UBND ngày 10/2/2024 của UBND thành phố Bảo Lộc;\n"
            "Căn cứ Kế hoạch số 3/KH-UBND ngày 10/2/2024 của UBND thành phố Hồ Chí Minh;\nI. NỘI DUNG\n")
    got = [(c.key, c.issuer) for c in extract_text(text).citations]
    assert got == [("lam-dong/2023/12-qd-ubnd", "UBND tỉnh Lâm Đồng"),
                   ("lam-dong.huyen-lam-ha/2024/12-qd-ubnd", "UBND huyện Lâm Hà"),
                   ("lam-dong.thanh-pho-bao-loc/2024/12-qd-ubnd", "UBND thành phố Bảo Lộc"),
                   ("ho-chi-minh/2024/3-kh-ubnd", "UBND thành phố Hồ Chí Minh")]


def test_number_search_from_marks_finds_what_finditer_finds() -> None:
    """find_numbers tries the patterns only before '/' and '-': on texts built of the characters that
    matter (digits, gaps, marks, word characters), it finds exactly what finditer finds."""
    import random

    from cancu.loaders.extract.citations import PARTY_NUMBER, STATE_NUMBER, _finditer_before

    rng = random.Random(7)
    alphabet = "0123 \t\t  \n//--.aĐđKH_x٣"
    texts = ["Số: 601/KH-UBND", "Nghị quyết số 18-NQ/TW", "45 / 2025 /NĐ-CP", "12a \t/QĐ", "7 -\n NQ/TU"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(20000)]
    for text in texts:
        for pattern, mark, longest, gap in ((STATE_NUMBER, "/", 6, 2), (PARTY_NUMBER, "-", 4, 1)):
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            got = [(m.span(), m.groups()) for m in _finditer_before(pattern, text, mark, longest, gap)]
            assert got == expected, text


# Openers as issuers and scanners write them: other words of the data's list, and letters one edit
# off in each word (after a first basis: the plan's title ends at an opener the data lists).
OPENER_CASES: dict[str, tuple[str, str]] = {
    "trien-khai": ("Triển khai Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;", "thuc_hien"),
    "trien-khai-thuc-hien": ("Triển khai thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;",
                             "thuc_hien"),
    "one-letter-off": ("Thuc hiem Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;", "thuc_hien"),
    "letter-misread": ("Tbực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;", "thuc_hien"),
    "proposal-misread": ("Theo đề ngbị của Sở Nội vụ tại Tờ trình số 06/TTr-SNV ngày 06/01/2022.", "theo_de_nghi"),
}


@pytest.mark.parametrize("case", list(OPENER_CASES))
def test_opener_variants(case: str) -> None:
    line, clause = OPENER_CASES[case]
    rec = extract_text(plan(basis="Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.\n" + line))
    assert [(c.number[:2], c.role, c.clause) for c in rec.citations] == [("76", LEGAL_BASIS, "can_cu"),
                                                                          ("06", LEGAL_BASIS, clause)]


@pytest.mark.parametrize("line", ["Các cơ quan Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;",
                                  "Cán bộ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;"],
                         ids=["cac-co", "can-bo"])
def test_words_near_an_opener_in_shape_open_nothing_without_a_document(line: str) -> None:
    """'Các cơ', 'Cán bộ' are one letter from 'Căn cứ' in a word or two, but no document follows them."""
    assert [c.role for c in _read(plan(body=line))] == [MENTION]


def test_a_title_in_capitals_that_starts_with_an_opener_word_opens_nothing() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 9/KH-UBND\nBình Thuận, ngày 02 tháng 01 năm 2024\n\nKẾ HOẠCH\n"
            "THỰC HIỆN CHỈ THỊ SỐ 23/CT-TTG NGÀY 02/9/2021 CỦA\nTHỦ TƯỚNG CHÍNH PHỦ VỀ CẢI CÁCH HÀNH CHÍNH\n\n"
            "Thực hiện Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ; Công văn số 12/BNV-CCHC "
            "ngày 05/10/2021 của Bộ Nội vụ về việc hướng dẫn.\n\nNhững năm qua, việc thực hiện Nghị quyết số "
            "30c/NQ-CP ngày 08/11/2011 của Chính phủ đạt kết quả.\nUBND tỉnh ban hành Kế hoạch như sau:\n"
            "I. MỤC ĐÍCH\n")
    assert [(c.number, c.role) for c in extract_text(text).citations] == [
        ("23/CT-TTg", LEGAL_BASIS), ("12/BNV-CCHC", LEGAL_BASIS), ("30c/NQ-CP", MENTION)]


def test_a_capitalised_opener_word_in_the_body_opens_nothing() -> None:
    """Without an opening paragraph, a task in the body that starts 'Thực hiện …' is no basis."""
    text = (HEADER + "I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nII. NHIỆM VỤ\n"
            "- Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;\n")
    assert [c.role for c in extract_text(text).citations] == [MENTION]


def test_bases_listed_under_a_numbered_heading_in_sentence_case() -> None:
    text = (HEADER + "I. MỤC ĐÍCH, YÊU CẦU\n1. Căn cứ pháp lý\n"
            "1. Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
            "2. Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ.\n"
            "II. NHIỆM VỤ\n1. Tuyên truyền Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ.\n")
    assert [(c.number, c.role) for c in extract_text(text).citations] == [
        ("76/NQ-CP", LEGAL_BASIS), ("06/QĐ-TTg", LEGAL_BASIS), ("61/2018/NĐ-CP", MENTION)]


# Laws cited by name and date, without a number: resolved through the catalogue (same type, date and
# name), or kept by name and date.
QH = "Quốc hội"
LAW_CASES: dict[str, tuple[str, list[Cite]]] = {
    "long-date": ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                  [Cite("77/2015/QH13", "Luật", "2015-06-19", QH)]),
    "same-day-other-law": ("Căn cứ Luật Tổ chức Chính phủ ngày 19/6/2015;",
                           [Cite("76/2015/QH13", "Luật", "2015-06-19", QH)]),
    "amending-law-naming-two": (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
        "địa phương ngày 22 tháng 11 năm 2019;", [Cite("47/2019/QH14", "Luật", "2019-11-22", QH)]),
    "two-in-one-sentence": (
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22/6/2015; Luật Tiếp cận thông tin "
        "ngày 06/4/2016;", [Cite("80/2015/QH13", "Luật", "2015-06-22", QH),
                            Cite("104/2016/QH13", "Luật", "2016-04-06", QH)]),
    "name-over-a-line-break": ("Căn cứ Luật\nBáo chí ngày 05 tháng 4\nnăm 2016;",
                               [Cite("103/2016/QH13", "Luật", "2016-04-05", QH)]),
    "not-in-the-catalogue": ("Căn cứ Luật Thủy lợi ngày 19/6/2017;", [Cite(None, "Luật", "2017-06-19", QH)]),
}


@pytest.mark.parametrize("case", list(LAW_CASES))
def test_law_cited_by_name(case: str) -> None:
    text, expected = LAW_CASES[case]
    assert _read(plan(basis=text)) == expected


def test_a_law_by_name_and_by_number_is_one_document() -> None:
    by_name = extract_text(plan(basis="Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;")).citations
    by_number = extract_text(plan(basis="Căn cứ Luật số 77/2015/QH13 ngày 19/6/2015;")).citations
    assert [c.key for c in by_name] == [c.key for c in by_number] == ["vn/2015/77-2015-qh13"]


def test_an_unknown_law_is_keyed_by_type_name_and_date() -> None:
    one = extract_text(plan(basis="Căn cứ Luật Thủy lợi ngày 19/6/2017;")).citations
    two = extract_text(plan(basis="Thực hiện Luật Thuỷ lợi ngày 19 tháng 6 năm 2017.")).citations
    assert [c.key for c in one] == [c.key for c in two] == ["vn/2017/luat-thuy-loi-2017-06-19"]
    assert one[0].name == "Luật Thủy lợi"


def test_a_law_by_name_is_read_in_the_bases_only() -> None:
    """'Luật này có hiệu lực từ ngày …', 'theo Luật Bảo hiểm xã hội đã đóng trước ngày …' are no citations."""
    got = _read(plan(basis="Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;",
                     body="Người đã tham gia theo Luật Bảo hiểm xã hội đã đóng trước ngày 01/7/2016. Luật này có "
                          "hiệu lực từ ngày 01/7/2025."))
    assert [(c.number, c.role) for c in got] == [("06/QĐ-TTg", LEGAL_BASIS)]


def test_the_word_luat_inside_a_phrase_is_no_law() -> None:
    got = _read(plan(basis="Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;",
                     body="Phổ biến văn bản quy phạm pháp luật ngày 15/3/2024 tại hội trường."))
    assert [c.number for c in got] == ["06/QĐ-TTg"]


# Numbers as they are mistyped or pasted: spaces beside a dash, Cyrillic look-alike letters, a key
# struck twice, a type and an issuer code run together, a legislature's term left off.
NUMBER_SHAPE_CASES: dict[str, tuple[str, list[Cite]]] = {
    "space-before-dash": ("Căn cứ Nghị quyết số 93/NQ -CP ngày 05/7/2023 của Chính phủ;",
                          [Cite("93/NQ-CP", "Nghị quyết", "2023-07-05", "Chính phủ")]),
    "space-after-dash": ("Căn cứ Kế hoạch số 118/KH- UBND ngày 03/3/2024 của UBND tỉnh;",
                         [Cite("118/KH-UBND", "Kế hoạch", "2024-03-03", f"UBND tỉnh {P}")]),
    "cyrillic-letters": ("Căn cứ Nghị quyết số 12/NQ-\u0421\u0420 ngày 02/02/2024 của Chính phủ;",
                         [Cite("12/NQ-CP", "Nghị quyết", "2024-02-02", "Chính phủ")]),
    "type-code-struck-twice": ("Căn cứ Chỉ thị số 08/CTT-TTg ngày 11/3/2024 của Thủ tướng Chính phủ;",
                               [Cite("08/CT-TTg", "Chỉ thị", "2024-03-11", "Thủ tướng Chính phủ")]),
    "joint-circular-struck-twice": (
        "Căn cứ Thông tư liên tịch số 03/2014/TTTLT-BNV-BTC ngày 10/4/2014 của Bộ Nội vụ và Bộ Tài chính;",
        [Cite("03/2014/TTLT-BNV-BTC", "Thông tư liên tịch", "2014-04-10", "Bộ Nội vụ")]),
    "codes-run-together": ("Căn cứ Chỉ thị số 08/CTTg ngày 11/3/2024 của Thủ tướng Chính phủ;",
                           [Cite("08/CT-TTg", "Chỉ thị", "2024-03-11", "Thủ tướng Chính phủ")]),
    "legislature-term-left-off": ("Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH ngày 19/6/2015;",
                                  [Cite("77/2015/QH13", "Luật", "2015-06-19", QH)]),
}


@pytest.mark.parametrize("case", list(NUMBER_SHAPE_CASES))
def test_number_shapes(case: str) -> None:
    text, expected = NUMBER_SHAPE_CASES[case]
    assert _read(plan(basis=text)) == expected


def test_a_spaced_dash_between_two_words_joins_nothing() -> None:
    """'… 12/QĐ-UBND - Sở Nội vụ' (a dash with spaces on both sides) does not take the next word in."""
    got = _read(plan(basis="Căn cứ Quyết định số 12/QĐ-UBND - UBND tỉnh ngày 02/02/2024;"))
    assert [c.number for c in got] == ["12/QĐ-UBND"]


# OCR and typing slips of one digit in years, read against the plan's own date (02/01/2024) and the
# year inside the number.
YEAR_SLIP_CASES: dict[str, tuple[str, list[Cite]]] = {
    "date-after-the-plan-number-has-year": ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2918 của Chính phủ;",
                                            [Cite("61/2018/NĐ-CP", "Nghị định", "2018-04-23", "Chính phủ")]),
    "date-after-the-plan-no-year-in-number": (
        "Căn cứ Quyết định số 3506/QĐ-UBND ngày 17/12/2921 của UBND tỉnh;",
        [Cite("3506/QĐ-UBND", "Quyết định", "2021-12-17", f"UBND tỉnh {P}")]),
    "number-year-one-digit-off-its-date": (
        "Căn cứ Quyết định số 46/2003/QĐ-UBND ngày 12/09/2023 của UBND tỉnh;",
        [Cite("46/2023/QĐ-UBND", "Quyết định", "2023-09-12", f"UBND tỉnh {P}")]),
}


@pytest.mark.parametrize("case", list(YEAR_SLIP_CASES))
def test_year_slips(case: str) -> None:
    text, expected = YEAR_SLIP_CASES[case]
    rec = extract_text(plan(basis=text))
    assert [Cite(c.number, c.doc_type, c.date, c.issuer, c.role) for c in rec.citations] == expected
    assert rec.citations[0].corrections  # repaired, and said so


def _ocred(text: str) -> SourceText:
    """The text as a scanned file's: its loader report says its page was OCRed."""
    src = SourceText.from_string(text, "scan.pdf")
    values = {f.name: getattr(src, f.name) for f in fields(SourceText)}
    return LoadedText(**values, report=LoaderReport("scan.pdf", "pdf", "tesseract", [PageReport(1, "ocr")]))


MISREAD = plan(basis="Căn cứ Quyết định số 3506/QĐ-UBND ngày 17/12/2021 của UBND tỉnh;",
               body="Theo Quyết định số 3596/QĐ-UBND ngày 17/12/2021 của UBND tỉnh; Quyết định "
                    "số 3506/QĐ-UBND ngày 17/12/2021 của UBND tỉnh.")


def test_one_document_ocred_with_one_digit_misread_is_one() -> None:
    rec = extract(_ocred(MISREAD))
    assert [(c.number, c.role, len(c.occurrences)) for c in rec.citations] == [("3506/QĐ-UBND", LEGAL_BASIS, 3)]


def test_typed_numbers_one_digit_apart_stay_two() -> None:
    """Typing does not confuse 0 with 9: in a text file 3506 and 3596 of one day are two decisions."""
    assert [c.number for c in extract_text(MISREAD).citations] == ["3506/QĐ-UBND", "3596/QĐ-UBND"]


def test_two_numbers_of_one_day_one_apart_stay_two() -> None:
    """01 and 02 of one day and one issuer are two documents: 1 and 2 are not digits OCR confuses."""
    got = _read(plan(basis="Căn cứ Thông tư số 01/2021/TT-BYT ngày 25/01/2021 của Bộ Y tế; Thông tư số "
                           "02/2021/TT-BYT ngày 25/01/2021 của Bộ Y tế;"))
    assert [c.number for c in got] == ["01/2021/TT-BYT", "02/2021/TT-BYT"]


def test_a_short_form_takes_the_year_the_plan_gave_its_number() -> None:
    """'Chỉ thị số 27/CT-TTg' in the body, after 'Chỉ thị số 27/CT-TTg ngày 15/8/2024': the 2024 one, not
    the catalogue's 27/CT-TTg of 2023."""
    rec = extract_text(plan(basis="Thực hiện Chỉ thị số 27/CT-TTg ngày 15/8/2024 của Thủ tướng Chính phủ;",
                            body="Quán triệt Chỉ thị số 27/CT-TTg đến cán bộ."))
    assert [(c.number, c.date, len(c.occurrences)) for c in rec.citations] == [("27/CT-TTg", "2024-08-15", 2)]


# Documents named inside a basis line: the main document is the basis, the one it implements, amends,
# details or repeats is related to it (nested_in), not a basis of the plan. Each case: the basis text,
# then (number, role, numbers of the bases it is nested in).
NESTED_CASES: dict[str, tuple[str, list[tuple[str, str, list[str]]]]] = {
    "implements": (
        "Thực hiện Kế hoạch số 41/KH-UBND ngày 02/3/2023 của UBND tỉnh về triển khai thực hiện Nghị quyết "
        "số 19/NQ-CP ngày 10/02/2023 của Chính phủ;",
        [("41/KH-UBND", LEGAL_BASIS, []), ("19/NQ-CP", NESTED, ["41/KH-UBND"])]),
    "amends": (
        "Căn cứ Quyết định số 88/QĐ-UBND ngày 05/4/2023 của UBND tỉnh sửa đổi, bổ sung Quyết định số "
        "12/QĐ-UBND ngày 10/01/2022 của UBND tỉnh;",
        [("88/QĐ-UBND", LEGAL_BASIS, []), ("12/QĐ-UBND", NESTED, ["88/QĐ-UBND"])]),
    "and-after-a-nested-one": (
        "Thực hiện Kế hoạch số 41/KH-UBND ngày 02/3/2023 của UBND tỉnh về thực hiện Nghị quyết số 19/NQ-CP "
        "ngày 10/02/2023 của Chính phủ và Kế hoạch số 7-KH/TU ngày 20/02/2023 của Tỉnh ủy;",
        [("41/KH-UBND", LEGAL_BASIS, []), ("19/NQ-CP", NESTED, ["41/KH-UBND"]),
         ("7-KH/TU", NESTED, ["41/KH-UBND"])]),
    "and-after-a-title": (
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính và "
        "Nghị định số 92/2017/NĐ-CP ngày 07/8/2017 của Chính phủ;",
        [("63/2010/NĐ-CP", LEGAL_BASIS, []), ("92/2017/NĐ-CP", LEGAL_BASIS, [])]),
    "a-list-goes-on-after-a-nested-one": (
        "Căn cứ các Nghị định của Chính phủ (số 15/2021/NĐ-CP ngày 03/3/2021, số 35/2023/NĐ-CP ngày "
        "20/6/2023 sửa đổi Nghị định số 15/2021/NĐ-CP và số 10/2024/NĐ-CP ngày 01/02/2024);",
        [("15/2021/NĐ-CP", LEGAL_BASIS, ["35/2023/NĐ-CP"]), ("35/2023/NĐ-CP", LEGAL_BASIS, []),
         ("10/2024/NĐ-CP", LEGAL_BASIS, [])]),
}


@pytest.mark.parametrize("case", list(NESTED_CASES))
def test_documents_nested_in_a_basis_line(case: str) -> None:
    text, expected = NESTED_CASES[case]
    rec = extract_text(plan(basis=text))
    number = {c.key: c.number for c in rec.citations}
    assert [(c.number, c.role, [number[k] for k in c.nested_in]) for c in rec.citations] == expected


def test_a_nested_document_cited_again_in_the_body_is_a_mention() -> None:
    rec = extract_text(plan(basis="Thực hiện Kế hoạch số 41/KH-UBND ngày 02/3/2023 của UBND tỉnh về thực hiện "
                                  "Nghị quyết số 19/NQ-CP ngày 10/02/2023 của Chính phủ;",
                            body="Quán triệt Nghị quyết số 19/NQ-CP ngày 10/02/2023 của Chính phủ."))
    assert [(c.number, c.role, len(c.nested_in)) for c in rec.citations] == [("41/KH-UBND", LEGAL_BASIS, 0),
                                                                            ("19/NQ-CP", MENTION, 1)]


@pytest.mark.parametrize("short", ["Nghị quyết 19", "Nghị quyết số 19", "nghị quyết 19"], ids=["bare", "so", "lower"])
def test_a_short_form_in_the_body_is_one_more_place_of_the_full_citation(short: str) -> None:
    rec = extract_text(plan(basis="Thực hiện Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương;",
                            body=f"Quán triệt {short} của Trung ương đến đảng viên."))
    assert [(c.number, c.role, len(c.occurrences)) for c in rec.citations] == [("19-NQ/TW", LEGAL_BASIS, 2)]


def test_a_short_form_that_two_documents_could_be_stays_unread() -> None:
    rec = extract_text(plan(basis="Thực hiện Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương; "
                                  "Nghị quyết số 19/NQ-CP ngày 10/02/2023 của Chính phủ;",
                            body="Quán triệt Nghị quyết 19 đến đảng viên."))
    assert [len(c.occurrences) for c in rec.citations] == [1, 1]


def test_bases_without_an_opener_word() -> None:
    """The opening paragraph cites its documents with no 'Căn cứ' before them and ends by enacting."""
    text = (HEADER + "Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương; Quyết định số "
            "06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ; UBND tỉnh ban hành Kế hoạch như sau:\n"
            "I. MỤC ĐÍCH\n1. Tuyên truyền Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ.\n")
    assert [(c.number, c.role) for c in extract_text(text).citations] == [
        ("19-NQ/TW", LEGAL_BASIS), ("06/QĐ-TTg", LEGAL_BASIS), ("61/2018/NĐ-CP", MENTION)]


def test_a_narrative_opening_that_enacts_nothing_holds_no_bases() -> None:
    text = (HEADER + "Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương đã đạt kết quả.\n"
            "I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n")
    assert [c.role for c in extract_text(text).citations] == [MENTION]


@pytest.mark.parametrize("numbers", [{"57"}, {"5", "57"}, {"5", "123"}, {""}, {"30c", "12345"}, set()])
def test_short_forms_found_before_cited_numbers_only_are_all_of_them(numbers: set[str]) -> None:
    """short_forms_of looks only before the numbers the plan cites: it must give what the pattern over
    the whole text gives for those numbers, across line breaks, 'số', zeros, and numbers run together."""
    from cancu.loaders.extract.citations import short_forms, short_forms_of
    from cancu.loaders.read.text import fold
    from cancu.ontology.knowledge import knowledge

    kb = knowledge()
    text = fold("Nghị quyết   \n\n số   057 và Chỉ thị 57, Nghị quyết số 0057/NQ, Kế hoạch 57; (Chương trình\n"
                "hành động 5) Thông tư liên tịch 05 Luật 5, Quyết định 123456, Quyết định 12345, Văn bản 0, "
                "Văn bản 00, Công văn 1577 và 157 và 5.7")
    want = [(m.span(), m.group("t"), m.group("n")) for m in short_forms(kb).finditer(text, 3)
            if m.group("n").lstrip("0") in numbers]
    got = [(m.span(), m.group("t"), m.group("n")) for m in short_forms_of(kb, text, 3, numbers)]
    assert got == want
    assert want or not numbers & {"57", "5", ""}  # the text cites these: the test compares something
