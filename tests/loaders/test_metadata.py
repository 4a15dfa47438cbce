"""A plan's own number, date, province, year and issuer, from headers written every which way."""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest
from cancu.loaders.extract import extract_text

BODY = "\nCăn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\nI. NỘI DUNG\n1. Sở Nội vụ chủ trì.\n"
QN = "UBND TỈNH QUẢNG NINH\n"


class Meta(NamedTuple):
    number: str | None
    date: str | None
    year: int | None  # the single year the title covers: None for a title that names none
    province: str | None
    issuer: str | None


CASES: dict[str, tuple[str, Meta]] = {
    "plain": (QN + "Số: 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền CCHC năm 2023\n",
              Meta("52/KH-UBND", "2023-03-06", 2023, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "space-before-slash": (QN + "Số: 52 /KH-UBND\nQuảng Ninh, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền\n",
                           Meta("52/KH-UBND", "2023-03-06", None, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "no-colon": (QN + "Số 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền\n",
                 Meta("52/KH-UBND", "2023-03-06", None, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "three-part-number": (QN + "SỞ NỘI VỤ\nSố: 52/KH-SNV-CCHC\nHạ Long, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên\n",
                          Meta("52/KH-SNV-CCHC", "2023-03-06", None, "Quảng Ninh", "Sở Nội vụ tỉnh Quảng Ninh")),
    "place-is-a-city": (QN + "SỞ NỘI VỤ\nSố: 52/KH-SNV\nHạ Long, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền\n",
                        Meta("52/KH-SNV", "2023-03-06", None, "Quảng Ninh", "Sở Nội vụ tỉnh Quảng Ninh")),
    "header-on-two-columns": (QN.strip() + "\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 52/KH-UBND\tQuảng Ninh, ngày 06 "
                              "tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền\n",
                              Meta("52/KH-UBND", "2023-03-06", None, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "date-before-number": (QN + "Quảng Ninh, ngày 06 tháng 3 năm 2023\nSố: 52/KH-UBND\nKẾ HOẠCH\nTuyên truyền\n",
                           Meta("52/KH-UBND", "2023-03-06", None, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "numeric-date": (QN + "Số: 52/KH-UBND\nQuảng Ninh, ngày 06/3/2023\nKẾ HOẠCH\nTuyên truyền\n",
                     Meta("52/KH-UBND", "2023-03-06", None, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "blank-number-and-date": (QN + "Số:      /KH-UBND\nQuảng Ninh, ngày     tháng     năm 2024\nKẾ HOẠCH\nTuyên "
                              "truyền năm 2024\n", Meta(None, None, 2024, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "title-on-the-heading-line": (QN + "Số: 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 12 năm 2023\nKẾ HOẠCH TUYÊN TRUYỀN "
                                  "CẢI CÁCH HÀNH CHÍNH NĂM 2024\n",
                                  Meta("52/KH-UBND", "2023-12-06", 2024, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "letter-spaced-heading": (QN + "Số: 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 12 năm 2023\nK Ế  H O Ạ C H\n"
                              "Tuyên truyền cải cách hành chính năm 2024\n",
                              Meta("52/KH-UBND", "2023-12-06", 2024, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "thanh-pho": ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 52/KH-UBND\nTP. Hồ Chí Minh, ngày 06 tháng 3 năm 2023\n"
                  "KẾ HOẠCH\nTuyên truyền\n",
                  Meta("52/KH-UBND", "2023-03-06", None, "Hồ Chí Minh", "UBND thành phố Hồ Chí Minh")),
    "ocr": ("UY BAN NHAN DAN CONG HOA XA HQI CHU NGHIA VIET NAM\nTINH PHU YEN Déc 1ap — Tu do — Hanh phic\n"
            "Sb: 215/KH-UBND Phu Yén, ngay 22 thang 3 nim 2024\nKE HOACH\nTuyén truyén nam 2024\n",
            Meta("215/KH-UBND", "2024-03-22", 2024, "Phú Yên", "UBND tỉnh Phú Yên")),
    "after-the-2025-merger": ("ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 7/KH-UBND\nTây Ninh, ngày 15 tháng 8 năm 2025\n"
                              "KẾ HOẠCH\nTuyên truyền năm 2025\n",
                              Meta("7/KH-UBND", "2025-08-15", 2025, "Tây Ninh", "UBND tỉnh Tây Ninh")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_header(case: str) -> None:
    header, expected = CASES[case]
    p = extract_text(header + BODY).plan
    assert Meta(p.number, p.date, p.year, p.province, p.issuer) == expected


@pytest.mark.parametrize(("number", "date", "month"), [
    ("Số: ……/KH-UBND", "Quảng Ninh, ngày ….. tháng ….. năm 2025", None),
    ("Số: ......../KH-UBND", "Quảng Ninh, ngày ....... tháng 10 năm 2025", 10),
], ids=["ellipses", "dots-and-a-month"])
def test_a_drafts_dotted_blanks_are_blanks(number: str, date: str, month: int | None) -> None:
    """An unsigned draft dots out its number and date: the number's code and the month still count."""
    record = extract_text(f"{QN}{number}\n{date}\nKẾ HOẠCH\nTuyên truyền năm 2025\n{BODY}")
    p = record.plan
    assert (p.number, p.number_suffix, p.date, p.month) == (None, "KH-UBND", None, month)
    assert re.fullmatch(r"quang-ninh/2025/unnumbered-[0-9a-f]{12}", p.key)  # keyed by its text
    assert {w.message for w in record.warnings} >= {"the plan's number is left blank", "the plan's date is left blank"}


def test_a_district_whose_name_folds_into_a_province_is_in_the_province_the_body_names() -> None:
    """Folded, 'Lâm Hà năm 2025' holds 'Hà Nam'; written with diacritics, it does not."""
    header = ("ỦY BAN NHÂN DÂN\nHUYỆN LÂM HÀ\nSố: 189/KH-UBND\nLâm Hà, ngày 17 tháng 12 năm 2024\nKẾ HOẠCH\n"
              "Tuyên truyền cải cách hành chính huyện Lâm Hà năm 2025\n"
              "Căn cứ Quyết định số 3087/QĐ-UBND ngày 22/9/2023 của Ủy ban nhân dân tỉnh Lâm Đồng.\n")
    assert extract_text(header + BODY).plan.province == "Lâm Đồng"


@pytest.mark.parametrize(("header", "district", "key"), [
    ("ỦY BAN NHÂN DÂN\nHUYỆN LÂM HÀ\nSố: 189/KH-UBND\nLâm Hà, ngày 17 tháng 12 năm 2024\n", "huyện Lâm Hà",
     "lam-dong.huyen-lam-ha/2024/189-kh-ubnd"),
    ("UBND THỊ XÃ NGHI SƠN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 189/KH-UBND    Nghi Sơn, ngày 17 tháng 12 "
     "năm 2024\n", "thị xã Nghi Sơn", "lam-dong.thi-xa-nghi-son/2024/189-kh-ubnd"),
    ("UBND TỈNH QUẢNG NINH\nUBND THÀNH PHỐ CẨM PHẢ\nSố: 189/KH-UBND\nCẩm Phả, ngày 17 tháng 12 năm 2024\n",
     "thành phố Cẩm Phả", "quang-ninh.thanh-pho-cam-pha/2024/189-kh-ubnd"),
    ("UBND TỈNH LÂM ĐỒNG\nỦY BAN NHÂN DÂN\nHUYỆN  LÂM  HÀ\nSố: 189/KH-UBND\nLâm Hà, ngày 17 tháng 12 năm 2024\n",
     "huyện Lâm Hà", "lam-dong.huyen-lam-ha/2024/189-kh-ubnd"),
], ids=["huyen", "thi-xa-two-columns", "thanh-pho-in-a-province", "spaces-doubled"])
def test_a_districts_plan_is_its_own(header: str, district: str, key: str) -> None:
    """A district numbers its own documents: its plan is issued by its UBND and keyed apart from the
    province's plan of the same number and year."""
    body = "\nCăn cứ Quyết định số 3087/QĐ-UBND ngày 22/9/2023 của Ủy ban nhân dân tỉnh Lâm Đồng;\n" + BODY
    p = extract_text(header + "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2025\n" + body).plan
    assert (p.district, p.issuer, p.issuer_id, p.key) == (district, f"UBND {district}", "ubnd-cap-huyen", key)


def test_a_city_that_is_a_province_is_no_district() -> None:
    p = extract_text(CASES["thanh-pho"][0] + BODY).plan
    assert p.district is None and p.key.startswith("ho-chi-minh/")


def test_signer() -> None:
    text = (CASES["plain"][0] + BODY + "\nNơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n"
            "PHÓ CHỦ TỊCH\n\n\nNguyễn Minh Sơn\n")
    s = extract_text(text).plan.signer
    assert s is not None and (s.name, s.position) == ("Nguyễn Minh Sơn", "Phó Chủ tịch")


def test_signer_name_after_blank_lines() -> None:
    """PDF text puts blank lines between the position and the name."""
    text = ("UBND TỈNH AN GIANG\nSố: 1/KH-UBND\nAn Giang, ngày 1 tháng 2 năm 2022\n\nKẾ HOẠCH\nTuyên truyền\n\n"
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\nNơi nhận:\n- Lưu: VT.\n\n"
            "KT. CHỦ TỊCH \n\nPHÓ CHỦ TỊCH \n" + " \n" * 15 + "                 Trần Văn An \n")
    signer = extract_text(text).plan.signer
    assert signer is not None and (signer.name, signer.position) == ("Trần Văn An", "Phó Chủ tịch")


def test_a_decisions_signer_comes_before_its_attached_forms() -> None:
    """A decision signs above what it attaches; a form template in the appendix has its own 'Nơi
    nhận' and a signature with no name, which is not the decision's."""
    text = (CASES["plain"][0] + BODY + "\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n"
            "Lê Thị Hồng\n\nQUY CHẾ\nMẫu số 01\nNơi nhận:\n- ……;\nTHỦ TRƯỞNG CƠ QUAN\nGIÁM ĐỐC\n(Ký, ghi rõ họ tên)\n")
    s = extract_text(text).plan.signer
    assert s is not None and (s.name, s.position) == ("Lê Thị Hồng", "Chủ tịch")


# --- headers as a web page's table writes them: each cell between '|' lines, fields broken over lines,
# bold and italic marks, names broken inside; read as from a clean header
def _web(issuer: str, number: str, place_date: str, heading: str = "**KẾ HOẠCH**") -> str:
    return (f"|\n{issuer}\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
            f"---------------\n|\n|\n{number}\n|\n{place_date}\n|\n\n** **\n\n{heading}\n\n")


WEB_TITLE = "PHÁT TRIỂN DU LỊCH NÔNG THÔN\nGẮN VỚI XÂY DỰNG NÔNG THÔN MỚI NĂM 2024\n"
# a site's navigation and metadata block, longer than a header, before the document itself
BANNER = "".join(f"Mục {i} của trang\n" for i in range(30)) + "Số hiệu | 45/KH-UBND\nNgày ban hành | 02/04/2024\n\n"

WEB_CASES: dict[str, tuple[str, Meta]] = {
    "date-broken-after-the-day": (
        _web("**ỦY BAN NHÂN DÂN\n**\nTỈNH LÀO CAI", "Số: 45/KH-UBND", "*Lào Cai, ngày 02\ntháng 4 năm 2024*")
        + WEB_TITLE, Meta("45/KH-UBND", "2024-04-02", 2024, "Lào Cai", "UBND tỉnh Lào Cai")),
    "date-broken-after-ngay": (
        _web("**ỦY BAN NHÂN DÂN**\nTỈNH LÀO CAI", "Số: 45/KH-UBND", "*Lào Cai, ngày\n2 tháng 4 năm 2024 *")
        + WEB_TITLE, Meta("45/KH-UBND", "2024-04-02", 2024, "Lào Cai", "UBND tỉnh Lào Cai")),
    "place-on-its-own-line": (
        _web("**ỦY BAN NHÂN DÂN**\nTHÀNH PHỐ ĐÀ NẴNG", "Số: 45/KH-UBND", "*Thành phố Đà Nẵng,\nngày 2 tháng 4 năm "
             "2024*") + WEB_TITLE, Meta("45/KH-UBND", "2024-04-02", 2024, "Đà Nẵng", "UBND thành phố Đà Nẵng")),
    "number-on-the-line-after-so": (
        _web("**HỘI ĐỒNG NHÂN\nDÂN **\nTỈNH LÀO CAI", "Số:\n12/2024/NQ-HĐND", "*Lào Cai, ngày 02\ntháng 4 năm "
             "2024*", "**NGHỊ QUYẾT**") + WEB_TITLE,
        Meta("12/2024/NQ-HĐND", "2024-04-02", 2024, "Lào Cai", "HĐND tỉnh Lào Cai")),
    "heading-broken-in-two": (
        _web("**ỦY BAN NHÂN DÂN**\nTỈNH LÀO CAI", "Số: 45/KH-UBND", "*Lào Cai, ngày 02\ntháng 4 năm 2024*",
             "**KẾ\nHOẠCH**") + WEB_TITLE, Meta("45/KH-UBND", "2024-04-02", 2024, "Lào Cai", "UBND tỉnh Lào Cai")),
    "bold-inside-a-word": (
        _web("**SỞ NÔNG NGHIỆP\nVÀ **\nMÔI TRƯỜNG\nTỈNH LÀO CAI", "Số: 45/KH-SNNMT", "*Lào Cai, ng**ày 02 tháng\n4 "
             "năm 2024*") + WEB_TITLE,
        Meta("45/KH-SNNMT", "2024-04-02", 2024, "Lào Cai", "Sở Nông nghiệp và Môi trường tỉnh Lào Cai")),
    "one-line-header": (
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI_______ Số: 45/KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - "
        "Hạnh phúc________ Lào Cai, ngày 2 tháng 4 năm 2024 |\n\n**KẾ HOẠCH**\n\n" + WEB_TITLE,
        Meta("45/KH-UBND", "2024-04-02", 2024, "Lào Cai", "UBND tỉnh Lào Cai")),
    "after-a-site-banner": (
        BANNER + _web("**ỦY BAN NHÂN DÂN**\nTỈNH LÀO CAI", "Số: 45/KH-UBND", "*Lào Cai, ngày 02\ntháng 4 năm "
                      "2024*") + WEB_TITLE, Meta("45/KH-UBND", "2024-04-02", 2024, "Lào Cai", "UBND tỉnh Lào Cai")),
}


@pytest.mark.parametrize("case", list(WEB_CASES))
def test_web_table_header(case: str) -> None:
    header, expected = WEB_CASES[case]
    p = extract_text(header + BODY).plan
    assert Meta(p.number, p.date, p.year, p.province, p.issuer) == expected
    assert p.title == "Phát triển du lịch nông thôn gắn với xây dựng nông thôn mới năm 2024"


# --- central issuers: 'Hà Nội, ngày …' is where they sign, not their scope; their plans are national
CENTRAL_CASES: dict[str, tuple[str, tuple[str | None, str | None, str, str]]] = {
    "ministry": (
        _web("**BỘ NÔNG NGHIỆP\nVÀ **\nMÔI TRƯỜNG", "Số: 812/KH-BNNMT", "*Hà Nội, ngày 14\ntháng 5 năm 2024*")
        + "Chuyển đổi số ngành nông nghiệp năm 2024\n",
        ("2024-05-14", None, "Bộ Nông nghiệp và Môi trường", "vn/2024/812-kh-bnnmt")),
    "prime-minister": (
        "THỦ TƯỚNG CHÍNH PHỦ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 301/QĐ-TTg\tHà Nội, ngày 6 tháng 3 năm 2024\n"
        "QUYẾT ĐỊNH\nPhê duyệt Đề án phát triển thương mại điện tử nông thôn\n",
        ("2024-03-06", None, "Thủ tướng Chính phủ", "vn/2024/301-qd-ttg")),
    "government": (
        "CHÍNH PHỦ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc------- |\nSố: 58/NQ-CP |\n"
        "Hà Nội, ngày 20 tháng 4 năm 2024 |\n\n**NGHỊ QUYẾT**\n\nVề phiên họp Chính phủ thường kỳ tháng 4\n",
        ("2024-04-20", None, "Chính phủ", "vn/2024/58-nq-cp")),
    "legislature-dated-where-it-was-passed": (
        "QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc |\nLuật số: 27/2024/QH15 |\n|\n\n"
        "**LUẬT**\n\n**THƯ VIỆN SỐ**\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\nĐiều 1. Phạm vi"
        "\n\nLuật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 7 thông qua ngày 27 "
        "tháng 6 năm 2024.\n", ("2024-06-27", None, "Quốc hội", "vn/2024/27-2024-qh15")),
}


@pytest.mark.parametrize("case", list(CENTRAL_CASES))
def test_a_central_issuers_plan_is_national(case: str) -> None:
    header, expected = CENTRAL_CASES[case]
    p = extract_text(header + BODY).plan
    assert (p.date, p.province, p.issuer, p.key) == expected


def test_the_capitals_own_plan_stays_in_the_capital() -> None:
    p = extract_text(_web("**ỦY BAN NHÂN DÂN**\nTHÀNH PHỐ HÀ NỘI", "Số: 45/KH-UBND", "*Hà Nội, ngày 02\ntháng 4 "
                          "năm 2024*") + WEB_TITLE + BODY).plan
    assert (p.date, p.province, p.key) == ("2024-04-02", "Hà Nội", "ha-noi/2024/45-kh-ubnd")


# --- a decision that issues or approves a plan: the plan is the attached document, numbered and dated
# as the decision, which is kept in `issued_by`
DECISION = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\nSố: 1520/QĐ-UBND\nQuảng Bình, ngày 3 tháng 7 năm 2024\n\nQUYẾT ĐỊNH\n"
            "{title}\n\n{enacting}\n")


@pytest.mark.parametrize(("title", "enacting", "expected"), [
    ("VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG\nTỈNH QUẢNG BÌNH NĂM 2024", "ỦY BAN NHÂN DÂN TỈNH "
     "QUẢNG BÌNH", ("Kế hoạch", "Phát triển du lịch cộng đồng tỉnh Quảng Bình năm 2024", 2024,
                    {"type": "Quyết định", "title": "Về việc ban hành kế hoạch phát triển du lịch cộng đồng tỉnh "
                                                    "Quảng Bình năm 2024"})),
    ("Ban hành Quy chế phối hợp quản lý cụm công nghiệp giai đoạn 2024 - 2030", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
     ("Quy chế", "Phối hợp quản lý cụm công nghiệp giai đoạn 2024 - 2030", None,
      {"type": "Quyết định", "title": "Ban hành Quy chế phối hợp quản lý cụm công nghiệp giai đoạn 2024 - 2030"})),
    ("PHÊ DUYỆT ĐỀ ÁN NÂNG CAO CHẤT LƯỢNG NGUỒN NHÂN LỰC Y TẾ ĐẾN NĂM 2030", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
     ("Đề án", "Nâng cao chất lượng nguồn nhân lực y tế đến năm 2030", None,
      {"type": "Quyết định", "title": "Phê duyệt đề án nâng cao chất lượng nguồn nhân lực y tế đến năm 2030"})),
    ("VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH NĂM 2024", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
     ("Quyết định", "Về việc công bố danh mục thủ tục hành chính năm 2024", 2024, None)),
], ids=["ban-hanh-ke-hoach", "ban-hanh-quy-che", "phe-duyet-de-an", "a-decision-of-its-own"])
def test_a_plan_issued_by_a_decision(title: str, enacting: str, expected: tuple[object, ...]) -> None:
    record = extract_text(DECISION.format(title=title, enacting=enacting) + BODY).to_json()
    p = record["plan"]
    assert (p["type"], p["title"], p["year"], p["issued_by"]) == expected
    assert (p["number"], p["date"], p["province"], p["issuer"]) == (
        "1520/QĐ-UBND", "2024-07-03", "Quảng Bình", "UBND tỉnh Quảng Bình")


# --- old and new tone placement in the header's names
@pytest.mark.parametrize(("header", "province"), [
    ("UỶ BAN NHÂN DÂN\nTỈNH KHÁNH HOÀ\nSố: 88/KH-UBND\nKhánh Hoà, ngày 5 tháng 9 năm 2024\n", "Khánh Hòa"),
    ("UỶ BAN NHÂN DÂN\nTỈNH THANH HOÁ\nSố: 88/KH-UBND\nThanh Hoá, ngày 5 tháng 9 năm 2024\n", "Thanh Hóa"),
], ids=["khanh-hoa", "thanh-hoa"])
def test_old_tone_placement_names_the_same_province(header: str, province: str) -> None:
    p = extract_text(header + "KẾ HOẠCH\nTuyên truyền năm 2024\n" + BODY).plan
    assert (p.province, p.issuer) == (province, f"UBND tỉnh {province}")


# --- the year a plan covers: one year its title names; none for a period (kept apart) or a cited date
@pytest.mark.parametrize(("title", "year", "period"), [
    ("Tuyên truyền phổ biến pháp luật năm 2025", 2025, None),
    ("Phát triển kinh tế số giai đoạn 2026 - 2030", None, "2026-2030"),
    ("Chuyển đổi số trong giáo dục đến năm 2030, tầm nhìn đến năm 2045", None, "đến năm 2030"),
    ("Thực hiện Chỉ thị số 15/CT-TTg ngày 3 tháng 5 năm 2024 của Thủ tướng Chính phủ", None, None),
    ("Tuyên truyền Nghị định số 45/2024/NĐ-CP ngày 12/4/2024 trên địa bàn tỉnh năm 2025", 2025, None),
], ids=["one-year", "period", "until-a-year", "a-cited-date", "a-cited-number-and-the-year"])
def test_the_year_a_title_covers(title: str, year: int | None, period: str | None) -> None:
    text = QN + "Số: 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 12 năm 2024\nKẾ HOẠCH\n" + title + "\n"
    p = extract_text(text + BODY).to_json()["plan"]
    assert (p["year"], p["period"]) == (year, period)


def test_a_chairmans_act_is_keyed_to_his_committee() -> None:
    """'QĐ-CTUBND': the chairman's title before his body's code; the header names only the chairman."""
    text = ("CHỦ TỊCH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 44/2025/QĐ-CTUBND\tGia Lai, ngày 20 tháng 11 năm 2025\n"
            "QUYẾT ĐỊNH\nPhân cấp quản lý tài sản công trên địa bàn tỉnh\n")
    p = extract_text(text + BODY).plan
    assert (p.issuer, p.province, p.key) == ("UBND tỉnh Gia Lai", "Gia Lai", "gia-lai/2025/44-2025-qd-ctubnd")


def test_the_signer_is_the_documents_not_an_appendix_forms() -> None:
    """An appendix's blank form has its own 'Nơi nhận' and an unsigned block after the document's."""
    signed = "\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Hòa\n"
    form = ("\nPHỤ LỤC\nMẪU ĐƠN ĐỀ NGHỊ CẤP TÀI KHOẢN\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
            "THỦ TRƯỞNG CƠ QUAN\n(Ký, ghi rõ họ tên)\n")
    s = extract_text(CASES["plain"][0] + BODY + signed + form).plan.signer
    assert s is not None and (s.name, s.position) == ("Lê Văn Hòa", "Phó Chủ tịch")


# what a scan's titles read as once repaired like its body (the repair fixes the vocabulary of plans
# only: 'cdng tac' and 'nganh' are no words it knows, and stay), or taken from the catalogue
OCR_TITLES = {
    "plan": (None, "Tuyên truyền cdng tac cải cách hành chính năm 2024 của nganh Thông tin và Truyền thông "
                   "tỉnh Gia Lai"),
    "legal-basis": ("602/QĐ-UBND", "ban hành Chương trình tổng thể cải cách hành chính"),
    "mention": ("2547/KH-UBND", "trên địa bàn tỉnh Gia Lai"),
    # a well-known document: the catalogue's title, not 'vé thuc hién TTHC trén méi truong dién tir'
    "catalogued": ("45/2020/NĐ-CP", "về thực hiện thủ tục hành chính trên môi trường điện tử"),
}


@pytest.mark.parametrize("case", list(OCR_TITLES))
def test_an_ocr_plans_titles_are_repaired_like_its_body(seeds_dir, case: str) -> None:
    from cancu.loaders.extract import extract_path

    number, title = OCR_TITLES[case]
    record = extract_path(str(seeds_dir / "gia-lai-2024-139-kh-stttt.txt"))
    if number is None:
        assert record.plan.title == title
        assert record.plan.year == 2024
    else:
        [c] = [c for c in record.citations if c.number == number]
        assert c.title is not None and title in c.title, c.title


# a title broken by a blank line inside its sentence: the line after opens in lower case, even with
# words a body opens with ('thực hiện')
TITLES_ACROSS_A_BLANK = {
    "after-nham": ("Tuyên truyền cải cách hành chính năm 2024 nhằm\n\nthực hiện Nghị quyết số 76/NQ-CP\n",
                   "Tuyên truyền cải cách hành chính năm 2024 nhằm thực hiện Nghị quyết số 76/NQ-CP", 2024),
    "after-trien-khai": ("Triển khai\n\nthực hiện Chỉ thị số 27/CT-TTg năm 2024\n",
                         "Triển khai thực hiện Chỉ thị số 27/CT-TTg năm 2024", 2024),
    "two-blanks": ("Tuyên truyền cải cách hành chính để\n\n\nthực hiện Quyết định số 251/QĐ-BNV năm 2024\n",
                   "Tuyên truyền cải cách hành chính để thực hiện Quyết định số 251/QĐ-BNV năm 2024", 2024),
}


@pytest.mark.parametrize("case", list(TITLES_ACROSS_A_BLANK))
def test_a_title_goes_on_across_a_blank_line_inside_its_sentence(case: str) -> None:
    written, title, year = TITLES_ACROSS_A_BLANK[case]
    head = QN + "Số: 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\n"
    p = extract_text(head + written + BODY).plan
    assert (p.title, p.year) == (title, year)
