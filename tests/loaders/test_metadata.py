"""A plan's own number, date, province, year and issuer, from headers written every which way."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from cancu.loaders.extract import extract_text

BODY = "\nCăn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\nI. NỘI DUNG\n1. Sở Nội vụ chủ trì.\n"
QN = "UBND TỈNH QUẢNG NINH\n"


class Meta(NamedTuple):
    number: str | None
    date: str | None
    year: int | None
    province: str | None
    issuer: str | None


CASES: dict[str, tuple[str, Meta]] = {
    "plain": (QN + "Số: 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền CCHC năm 2023\n",
              Meta("52/KH-UBND", "2023-03-06", 2023, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "space-before-slash": (QN + "Số: 52 /KH-UBND\nQuảng Ninh, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền\n",
                           Meta("52/KH-UBND", "2023-03-06", 2023, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "no-colon": (QN + "Số 52/KH-UBND\nQuảng Ninh, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền\n",
                 Meta("52/KH-UBND", "2023-03-06", 2023, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "three-part-number": (QN + "SỞ NỘI VỤ\nSố: 52/KH-SNV-CCHC\nHạ Long, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên\n",
                          Meta("52/KH-SNV-CCHC", "2023-03-06", 2023, "Quảng Ninh", "Sở Nội vụ tỉnh Quảng Ninh")),
    "place-is-a-city": (QN + "SỞ NỘI VỤ\nSố: 52/KH-SNV\nHạ Long, ngày 06 tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền\n",
                        Meta("52/KH-SNV", "2023-03-06", 2023, "Quảng Ninh", "Sở Nội vụ tỉnh Quảng Ninh")),
    "header-on-two-columns": (QN.strip() + "\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 52/KH-UBND\tQuảng Ninh, ngày 06 "
                              "tháng 3 năm 2023\nKẾ HOẠCH\nTuyên truyền\n",
                              Meta("52/KH-UBND", "2023-03-06", 2023, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "date-before-number": (QN + "Quảng Ninh, ngày 06 tháng 3 năm 2023\nSố: 52/KH-UBND\nKẾ HOẠCH\nTuyên truyền\n",
                           Meta("52/KH-UBND", "2023-03-06", 2023, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
    "numeric-date": (QN + "Số: 52/KH-UBND\nQuảng Ninh, ngày 06/3/2023\nKẾ HOẠCH\nTuyên truyền\n",
                     Meta("52/KH-UBND", "2023-03-06", 2023, "Quảng Ninh", "UBND tỉnh Quảng Ninh")),
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
                  Meta("52/KH-UBND", "2023-03-06", 2023, "Hồ Chí Minh", "UBND thành phố Hồ Chí Minh")),
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
