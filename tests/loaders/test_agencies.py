"""Agency lists split into agencies, and each agency's identity (one per province)."""

from __future__ import annotations

import pytest
from cancu.loaders.extract import extract_text
from cancu.loaders.extract.agencies import display_name, split_agencies
from cancu.loaders.read.text import fold
from cancu.ontology.knowledge import knowledge

SPLITS: dict[str, tuple[str, list[str]]] = {
    "levels": ("UBND cấp huyện, cấp xã", ["UBND cấp huyện", "UBND cấp xã"]),
    "distributive": ("các Sở: Nội vụ, Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    "distributive-with-va-inside-a-name": ("các Sở: Nội vụ, Tài chính, Thông tin và Truyền thông",
                                           ["Sở Nội vụ", "Sở Tài chính", "Sở Thông tin và Truyền thông"]),
    "distributive-with-va-between": ("các Sở: Nội vụ và Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    "distributive-name-with-a-verb-word": ("các Sở: Xây dựng, Tài chính", ["Sở Xây dựng", "Sở Tài chính"]),
    "distributive-then-more": ("các Sở: Nội vụ, Tư pháp; UBND cấp huyện",
                               ["Sở Nội vụ", "Sở Tư pháp", "UBND cấp huyện"]),
    "distributive-ends-at-verb": ("Các Sở: Tư pháp, Khoa học và Công nghệ căn cứ chức năng, nhiệm vụ",
                                  ["Sở Tư pháp", "Sở Khoa học và Công nghệ"]),
    # PDF text: a blank line between the halves of a name, or after a comma, is inside the list
    "distributive-across-a-blank-line": ("các sở: Khoa học và Công nghệ, Tư \n\npháp, Công Thương,\n\nTài chính.",
                                         ["Sở Khoa học và Công nghệ", "Sở Tư pháp", "Sở Công Thương", "Sở Tài chính"]),
    # coordination.yaml's list_separators: words as whole words, marks as they are
    "separators": ("Sở Nội vụ cùng với Sở Tư pháp + Công an tỉnh & Báo Ninh Bình; Tỉnh đoàn với Sở Y tế",
                   ["Sở Nội vụ", "Sở Tư pháp", "Công an tỉnh", "Báo Ninh Bình", "Tỉnh đoàn", "Sở Y tế"]),
    # without the colon only known names share the head, and at least two of them
    "distributive-without-colon": ("các Sở Nội vụ, Xây dựng", ["Sở Nội vụ", "Sở Xây dựng"]),
    "distributive-without-colon-name-with-comma": ("các sở Tư pháp, Văn hóa, Thể thao và Du lịch và Tài chính",
                                                   ["Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính"]),
    "distributive-without-colon-then-full-name": ("các Sở Nội vụ, Tư pháp, Sở Tài chính",
                                                  ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính"]),
    "distributive-without-colon-then-other-agency": ("các Sở Nội vụ, Tư pháp và Công an tỉnh",
                                                     ["Sở Nội vụ", "Sở Tư pháp", "Công an tỉnh"]),
    "distributive-ends-at-unspecified-party": ("các Sở: Nội vụ, Khoa học và Công nghệ và các đơn vị có liên quan",
                                               ["Sở Nội vụ", "Sở Khoa học và Công nghệ"]),
    "distributive-then-unspecified-after-comma": ("các Sở: Giao thông vận tải, Nội vụ, các cơ quan, đơn vị liên quan",
                                                  ["Sở Giao thông vận tải", "Sở Nội vụ"]),
    # the sentence goes on after the last name: 'ngoại' folds as the verb 'ngoài', 'xây dựng' is a verb
    "distributive-then-predicate": ("các sở: Tài chính, Ngoại vụ tổ chức tuyên truyền",
                                    ["Sở Tài chính", "Sở Ngoại vụ"]),
    "distributive-name-with-a-verb-then-predicate": ("các Sở: Nội vụ, Xây dựng cung cấp thông tin",
                                                     ["Sở Nội vụ", "Sở Xây dựng"]),
    "va-inside-a-name": ("Phòng Văn hóa và Thông tin", ["Phòng Văn hóa và Thông tin"]),
    "va-between-names": ("Sở Tư pháp và Đài Phát thanh và Truyền hình tỉnh",
                         ["Sở Tư pháp", "Đài Phát thanh và Truyền hình tỉnh"]),
    "semicolons": ("Văn phòng UBND tỉnh; Sở Nội vụ; Báo Bắc Kạn", ["Văn phòng UBND tỉnh", "Sở Nội vụ", "Báo Bắc Kạn"]),
    "comma-inside-a-name": ("Báo và Phát thanh, Truyền hình Hà Nội, Sở Nội vụ",
                            ["Báo và Phát thanh, Truyền hình Hà Nội", "Sở Nội vụ"]),
    "collective-qualifier-with-commas": ("UBND các huyện, thị xã, thành phố và Sở Tài chính",
                                         ["UBND các huyện, thị xã, thành phố", "Sở Tài chính"]),
    "abbreviation": ("Sở TT&TT, Phòng TT-BC-XB",
                     ["Sở Thông tin và Truyền thông", "Phòng Thông tin - Báo chí - Xuất bản"]),
    "generic-left-out": ("Sở Nội vụ và các cơ quan, đơn vị có liên quan", ["Sở Nội vụ"]),
    "generic-tail": ("Ủy ban MTTQ tỉnh và các hội, đoàn thể liên quan", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]),
    "unknown-agency-kept": ("Trung tâm Truyền thông tỉnh, Ban Tôn giáo",
                            ["Trung tâm Truyền thông tỉnh", "Ban Tôn giáo"]),
    "ocr-name": ("S& Thong tin va Truyén thong", ["Sở Thông tin và Truyền thông"]),
    "no-diacritics": ("So Noi vu, So Tu phap", ["Sở Nội vụ", "Sở Tư pháp"]),
    "district-office": ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
    # names are given in full: abbreviations written out (coordination.yaml), or the entry's own spelling
    "mixed-case-abbreviation": ("Sở NgV, Sở KHĐT", ["Sở Ngoại vụ", "Sở Kế hoạch và Đầu tư"]),
    "ampersand": ("Sở Thông tin & Truyền thông", ["Sở Thông tin và Truyền thông"]),
    "abbreviation-inside-a-name": ("Trung tâm CNTT và Truyền thông",
                                   ["Trung tâm Công nghệ thông tin và Truyền thông"]),
    "abbreviated-group-as-written-in-full": ("UBND các huyện, TX, TP; các tổ chức CT-XH",
                                             ["UBND các huyện, thị xã, thành phố", "Các tổ chức chính trị - xã hội"]),
    "full-alias-kept-as-written": ("Hội Phụ nữ tỉnh, Đoàn Thanh niên tỉnh",
                                   ["Hội Phụ nữ tỉnh", "Đoàn Thanh niên tỉnh"]),
    "standard-capitals-kept": ("Ban Chỉ đạo CCHC tỉnh", ["Ban Chỉ đạo CCHC tỉnh"]),
    # a thành phố trực thuộc trung ương writes its provincial bodies with 'thành phố' and 'Thành ủy'
    "city-forms-of-provincial-names": ("CĐVC thành phố, BDV Thành ủy, Hội LHPN Việt Nam thành phố",
                                       ["Công đoàn Viên chức thành phố", "Ban Dân vận Thành ủy",
                                        "Hội Liên hiệp Phụ nữ thành phố"]),
    # an abbreviation inside a name is written out, the rest kept ('TNCS': Thanh niên Cộng sản)
    "city-youth-union": ("Đoàn TNCS Hồ Chí Minh thành phố", ["Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố"]),
    # a collective is the province's own too: 'Ban Chỉ đạo … thành phố' as well as '… tỉnh'
    "city-form-of-a-collective": ("các thành viên Ban Chỉ đạo cải cách hành chính thành phố, Bưu điện thành phố",
                                  ["Các thành viên Ban Chỉ đạo cải cách hành chính thành phố", "Bưu điện thành phố"]),
    # --- names as 2025 plans write them: central bodies, post-merger bodies, communes, regions
    "national-press": ("Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam và các cơ quan báo chí",
                       ["Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam",
                        "Các cơ quan báo chí"]),
    # a head's title before a group of bodies names the bodies
    "heads-of-ministries-and-provinces": (
        "Bộ trưởng, Thủ trưởng các cơ quan ngang bộ, cơ quan thuộc Chính phủ và Chủ tịch Ủy ban nhân dân các tỉnh, "
        "thành phố", ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "UBND các tỉnh, thành phố"]),
    "courts-procuracy-tax": ("Tòa án nhân dân tỉnh, Viện kiểm sát nhân dân tỉnh, Thuế tỉnh và Bảo hiểm xã hội tỉnh",
                             ["Tòa án nhân dân tỉnh", "Viện kiểm sát nhân dân tỉnh", "Thuế tỉnh",
                              "Bảo hiểm xã hội tỉnh"]),
    "regional-offices": ("Kho bạc Nhà nước khu vực VII, Chi cục Hải quan khu vực IV và Ngân hàng Nhà nước - Chi "
                         "nhánh khu vực 5", ["Kho bạc Nhà nước khu vực VII", "Chi cục Hải quan khu vực IV",
                                             "Ngân hàng Nhà nước - Chi nhánh khu vực 5"]),
    "telecom-branches": ("Viettel Lâm Đồng, VNPT Lâm Đồng và MobiFone Lâm Đồng",
                         ["Viettel Lâm Đồng", "VNPT Lâm Đồng", "MobiFone Lâm Đồng"]),
    "party-and-council-offices": ("Văn phòng Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
                                  ["Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
                                   "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh"]),
    "border-guard-and-cooperatives": ("Bộ Chỉ huy BĐBP tỉnh, Liên minh HTX tỉnh",
                                      ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Liên minh Hợp tác xã tỉnh"]),
    # 'Ủy ban nhân dân' is written 'UBND' inside names; old tone placement is put in the new place
    "people's-committee-written-short": ("Văn phòng Uỷ ban nhân dân tỉnh và Uỷ ban nhân dân các xã, phường, đặc khu",
                                         ["Văn phòng UBND tỉnh", "UBND các xã, phường, đặc khu"]),
    # a comma or a dash left out inside a known name
    "comma-left-out": ("Sở Văn hóa Thể thao và Du lịch; UBND các phường xã",
                       ["Sở Văn hóa Thể thao và Du lịch", "UBND các phường xã"]),
    # members of the agency named just before
    "member-organisations": ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức thành viên, Hội Chữ thập đỏ tỉnh",
                             ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                              "Các tổ chức thành viên Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Chữ thập đỏ tỉnh"]),
    # one UBND per unit after a colon; the names are the capitalised words
    "communes-one-by-one": ("UBND 03 phường: Tân An, Phú Lợi và Hòa Bình triển khai",
                            ["UBND phường Tân An", "UBND phường Phú Lợi", "UBND phường Hòa Bình"]),
    "provinces-one-by-one": ("Ủy ban nhân dân tỉnh Lào Cai, tỉnh Tuyên Quang và thành phố Huế",
                             ["UBND tỉnh Lào Cai", "UBND tỉnh Tuyên Quang", "UBND thành phố Huế"]),
    # more groups after a collective belong to it; a group the data names stays apart
    "collective-with-more-groups": ("Các bộ, ngành, địa phương; các sở, ban ngành, cơ quan thuộc tỉnh",
                                    ["Các bộ, ngành, địa phương", "Các sở, ban ngành, cơ quan thuộc tỉnh"]),
    "collective-with-a-mass-organisation-group": ("Các sở, ban, ngành, đoàn thể cấp tỉnh và UBND các xã, phường",
                                                  ["Các sở, ban, ngành, đoàn thể cấp tỉnh", "UBND các xã, phường"]),
    # precision: a phrase that only starts like an agency names none
    "verb-phrases-are-no-agencies": ("Tổ chức tập huấn cho cán bộ; Báo cáo kết quả; Sở Tư pháp",
                                     ["Sở Tư pháp"]),
    "things-after-các-are-no-parties": ("Các khoản thu, các vụ án ma túy và các đối tượng chính sách; các doanh "
                                        "nghiệp viễn thông", ["Các doanh nghiệp viễn thông"]),
    "functional-agencies-are-unspecified": ("Công an tỉnh và các cơ quan, đơn vị chức năng", ["Công an tỉnh"]),
    # a bracket after a group written 'các …' names its members
    "members-of-an-unknown-group-in-brackets": ("Phối hợp với các nhà mạng (Viettel Quảng Trị, VNPT Quảng Trị) để "
                                                "triển khai", ["Viettel Quảng Trị", "VNPT Quảng Trị"]),
    "unspecified-enterprises": ("Sở Công Thương, tổ chức, doanh nghiệp; các doanh nghiệp", ["Sở Công Thương"]),
    "a-head-typed-twice": ("Sở Tài chính; Sở Sở Xây dựng", ["Sở Tài chính", "Sở Xây dựng"]),
    # places and levels are no parties; the communes as a group are their UBNDs
    "places-and-levels-are-no-parties": ("các cấp và các tỉnh Quảng Trị, Gia Lai; các xã, phường",
                                         ["Các xã, phường"]),
    "two-groups-of-one-kind": ("Các doanh nghiệp viễn thông, doanh nghiệp bưu chính",
                               ["Các doanh nghiệp viễn thông", "Các doanh nghiệp bưu chính"]),
}


@pytest.mark.parametrize("case", list(SPLITS))
def test_split(case: str) -> None:
    text, expected = SPLITS[case]
    from cancu.loaders.extract.agencies import repair_ocr

    found = split_agencies(text, repair_ocr(fold(text)), knowledge(), ocr=True)
    assert [display_name(f) for f in found if not f.generic] == expected


def _plan(province: str, kind: str, lead: str, coop: str) -> str:
    return (f"ỦY BAN NHÂN DÂN\n{kind.upper()} {province.upper()}\nSố: 10/KH-UBND\n"
            f"{province}, ngày 10 tháng 3 năm 2022\n\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2022\n\n"
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\nI. NỘI DUNG\n"
            f"1. Tuyên truyền trên báo, đài\n- Đơn vị chủ trì: {lead}.\n- Đơn vị phối hợp: {coop}.\n")


def _keys(text: str) -> tuple[str, str]:
    a = extract_text(text).activities[0]
    return a.lead[0].key, a.cooperating[0].key


@pytest.mark.parametrize(("written", "coop"), [
    (["Sở Thông tin và Truyền thông", "Sở TT&TT", "STTTT"], ["Ủy ban nhân dân cấp huyện", "UBND cấp huyện",
                                                            "UBND các huyện, thị xã, thành phố"]),
    (["Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh"],
     ["Sở LĐTB&XH", "Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"]),
], ids=["department-and-collective", "office-and-department"])
def test_one_agency_written_three_ways_in_one_province_is_one_key(written: list[str], coop: list[str]) -> None:
    keys = {_keys(_plan("Tây Ninh", "tỉnh", lead, c)) for lead, c in zip(written, coop, strict=True)}
    assert len(keys) == 1, keys
    lead_key, coop_key = keys.pop()
    assert lead_key.startswith("tay-ninh/") and coop_key.startswith("tay-ninh/")


def test_a_city_writes_a_provincial_body_as_the_provinces_do() -> None:
    keys = {_keys(_plan("Cần Thơ", "thành phố", lead, coop)) for lead, coop in [
        ("Hội Liên hiệp Phụ nữ thành phố", "Ban Dân vận Thành ủy"), ("Hội LHPN tỉnh", "BDV Tỉnh ủy"),
        ("Hội LHPN Việt Nam thành phố", "Ban Dân vận Tỉnh ủy")]}
    assert keys == {("can-tho/hoi-lien-hiep-phu-nu-tinh", "can-tho/ban-dan-van-tinh-uy")}


def test_the_same_name_in_two_provinces_is_two_keys() -> None:
    a = _keys(_plan("Tây Ninh", "tỉnh", "Sở Nội vụ", "Ban Tôn giáo"))
    b = _keys(_plan("Cần Thơ", "thành phố", "Sở Nội vụ", "Ban Tôn giáo"))
    assert a[0] != b[0] and a[1] != b[1]
    assert a[0].startswith("tay-ninh/") and b[0].startswith("can-tho/")


def test_a_national_agency_is_one_key_everywhere() -> None:
    a = _keys(_plan("Tây Ninh", "tỉnh", "Sở Nội vụ", "Bộ Nội vụ"))
    b = _keys(_plan("Cần Thơ", "thành phố", "Sở Nội vụ", "Bộ Nội vụ"))
    assert a[1] == b[1] == "vn/bo-noi-vu"


def test_the_office_of_a_so_belongs_to_the_so_that_wrote_the_plan() -> None:
    text = ("UBND TỈNH GIA LAI\nSỞ NỘI VỤ\nSố: 5/KH-SNV\nGia Lai, ngày 10 tháng 3 năm 2022\n\nKẾ HOẠCH\n"
            "Tuyên truyền năm 2022\n\nCăn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\nI. NỘI DUNG\n"
            "1. Tin bài\n- Đơn vị chủ trì: Văn phòng Sở.\n")
    ref = extract_text(text).activities[0].lead[0]
    assert ref.key == "gia-lai/so-noi-vu/van-phong-so"


def test_name_alternation_matches_as_the_whole_alternation() -> None:
    """NameAlternation only tries the names that start with the text's two first words: at every
    position it finds what one regex over every name, in the same order, finds."""
    import re

    from cancu.loaders.extract.agencies import NameAlternation, name_regex

    names = sorted(["so noi vu", "so noi vu tinh", "ubnd", "ubnd tinh", "uy ban nhan dan tinh",
                    "dai phat thanh - truyen hinh tinh", "so tt&tt", "(ban) chi dao", "ban chi dao"],
                   key=len, reverse=True)
    whole = re.compile(r"(?<![\w])(?:" + "|".join(name_regex(n) for n in names) + r")(?![\w])")
    alternation = NameAlternation(names)
    text = fold("Sở Nội vụ tỉnh, UBND\ntỉnh, Đài Phát thanh–Truyền hình tỉnh; Sở TT&TT, (Ban) chỉ đạo, "
                "Ban  Chỉ đạo; ubnds, so noi vu, xso noi vu, Ủy ban nhân dân tỉnh")
    for pos in range(len(text) + 1):
        expected, got = whole.match(text, pos), alternation.match(text, pos)
        assert (expected and expected.span()) == (got and got.span()), (pos, text[pos:pos + 20])


# (written, the plan's province or None for a central plan, the identities the gold gives them)
IDENTITIES: dict[str, tuple[str, str | None, list[str]]] = {
    "commune-level-in-any-order": ("UBND các phường, xã; Ủy ban nhân dân xã, phường; UBND cấp xã", "Đồng Nai",
                                   ["dong-nai/ubnd-cap-xa"] * 3),
    # a central plan names one province's department: it is that province's
    "a-provinces-department-in-a-central-plan": ("Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng, Sở NN&MT", None,
                                                 ["lam-dong/so-nong-nghiep-va-moi-truong",
                                                  "vn/so-nong-nghiep-va-moi-truong"]),
    "provinces-of-a-central-plan": ("Ủy ban nhân dân thành phố Hà Nội, thành phố Đà Nẵng và tỉnh Quảng Ninh", None,
                                    ["ha-noi/ubnd-tinh", "da-nang/ubnd-tinh", "quang-ninh/ubnd-tinh"]),
    "every-province-of-a-central-plan": ("UBND các tỉnh, thành phố trực thuộc trung ương", None,
                                         ["vn/ubnd-cac-tinh"]),
    "a-region-is-its-own-office": ("Kho bạc Nhà nước khu vực XI, Kho bạc Nhà nước", "Nghệ An",
                                   ["vn/kho-bac-nha-nuoc/khu-vuc-xi", "vn/kho-bac-nha-nuoc"]),
    "national-press": ("Thông tấn xã Việt Nam", "Cần Thơ", ["vn/thong-tan-xa-viet-nam"]),
    "provincial-committee-by-level": ("UBND cấp tỉnh", "Cà Mau", ["ca-mau/ubnd-tinh"]),
    "communes-as-a-group": ("Các phường, xã", "Huế", ["hue/ubnd-cap-xa"]),
    # a phrase cut where the sentence goes on keeps no dangling 'các'
    "dangling-word-after-a-cut": ("Các cơ quan, đơn vị thuộc khối Đảng, các tổ chức triển khai", "Cần Thơ",
                                  ["can-tho/cac-co-quan-don-vi-thuoc-khoi-dang"]),
    "military-command-of-the-capital": ("Bộ Tư lệnh Thủ đô Hà Nội", "Hà Nội", ["ha-noi/bo-chi-huy-quan-su-tinh"]),
}


@pytest.mark.parametrize("case", list(IDENTITIES))
def test_identity(case: str) -> None:
    from cancu.loaders.extract.agencies import resolve

    text, province, expected = IDENTITIES[case]
    kb = knowledge()
    found = [f for f in split_agencies(text, fold(text), kb) if not f.generic]
    assert [resolve(f, kb, kb.province(province), None, 0).key for f in found] == expected


def test_gold_names_resolve() -> None:
    """Every lead and cooperating name of ../shared/gold/real.json, read from the source's wording where
    the gold keeps it, is found as the gold's agency (benchmarks/agency_names.py)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "agency_names.py"
    spec = importlib.util.spec_from_file_location("agency_names", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold = module.SHARED / "gold" / "real.json"
    if not gold.exists():
        pytest.fail(f"{gold} is missing: check out shared/ next to the repository", pytrace=False)
    outcomes = module.measure(gold)
    resolved, total = sum(o.resolved for o in outcomes), sum(len(o.case.expected) for o in outcomes)
    assert resolved / total >= 0.95, [o for o in outcomes if o.resolved < len(o.case.expected)]


def _fuzzy_every_window(folded: str, idx: object) -> tuple[float, int, str, int] | None:
    """The OCR matcher's choice by brute force: every long name against every window _EXTRAS allows."""
    from cancu.loaders.extract.agencies import _EXTRAS
    from rapidfuzz import fuzz

    best = None
    for order, name in enumerate(idx.long_names):  # type: ignore[attr-defined]
        for k, extra in enumerate(_EXTRAS):
            end = len(name) + extra
            score = fuzz.ratio(folded[:end], name) if end <= len(folded) else 0.0
            if score >= 85:
                cand = (score * len(name), -(order * len(_EXTRAS) + k), name, end)
                best = cand if best is None or cand[:2] > best[:2] else best
    return best


@pytest.mark.parametrize("text", [
    "sé& thong tin va truyén thong tinh chu tri",  # an OCR'd name, text after it
    "so thong tin va truyen thong",  # the text ends inside the longer windows
    "so thong tin va truyen thon",  # … and inside the name itself
    "uy ban nhan dan tinh ninh binh, so noi vu",
    "dai phat thanh va truyén hinh tinh: phoi hop",
    "phoi hop cung so tu phap cung cap thong tin",  # no name: nothing found
])
def test_fuzzy_prefilter_keeps_every_match(text: str) -> None:
    """The OCR matcher compares a name with the window of its own length first, at a lower score, and
    only the names that pass with the windows around it: it must choose what comparing all would."""
    from cancu.loaders.extract.agencies import _fuzzy_from, index

    idx = index(knowledge())
    want = _fuzzy_every_window(fold(text), idx)
    got = _fuzzy_from(fold(text), idx)
    assert (got is None) == (want is None)
    if want is not None and got is not None:
        assert got.entry is idx.by_name[want[2]]
        assert got.surface.startswith(idx.by_name[want[2]].name if idx.by_name[want[2]] else want[2])


@pytest.mark.parametrize(("text", "opens"), [
    ("Theo dõi, đôn đốc; Sở Tư pháp, Sở Nội vụ", False),  # names, but further in
    ("Tuyen truyen, Cong an tinh, So Noi vu", False),  # no diacritics: the OCR matcher is asked too
    ("- Sở Nội vụ chủ trì", True),
    ("Sở Tài chính, Văn phòng UBND tỉnh", True),
])
def test_names_from_is_certain_when_it_says_no(text: str, opens: bool) -> None:
    """The coordination reader skips an item's addressee when names_from says no name starts near its
    start: the full split must then find none there either."""
    from cancu.loaders.extract.agencies import names_from

    kb = knowledge()
    full = split_agencies(text, fold(text), kb)
    assert names_from(text, fold(text), kb, 2) is opens
    if not opens:
        assert all(f.start > 2 for f in full)
        assert full  # the far name is still found by the full reading
