"""Who leads and who cooperates, in each layout plans use: one small plan per case."""

from __future__ import annotations

import pytest
from cancu.loaders.extract import extract_text

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSố: 30/KH-UBND\nNinh Bình, ngày 10 tháng 3 năm 2023\n\n"
          "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2023\n\n"
          "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
          "UBND tỉnh ban hành Kế hoạch như sau:\n\n")

Pair = tuple[list[str], list[str]]
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
    "responsibility-cung-voi": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ: Tổ chức hội nghị tập huấn cùng với Sở Tài chính.\n",
        [(["Sở Nội vụ"], ["Sở Tài chính"])]),
    "prose-phoi-hop-without-a-subject": (
        "II. NỘI DUNG\n1. Tuyên truyền phối hợp với Sở Tư pháp trên Cổng thông tin điện tử của tỉnh.\n",
        []),
    "prose-not-a-subject": (
        "I. KINH PHÍ\n1. Kinh phí: Các sở, ban, ngành được giao chủ trì thực hiện lập dự toán gửi Sở Tài chính.\n",
        []),
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
    "responsibility-giao": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Nội vụ chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi, đôn đốc.\n",
        [(["Sở Nội vụ"], ["Văn phòng UBND tỉnh"])]),
    "responsibility-de-nghi": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Đề nghị Ban Tuyên giáo Tỉnh ủy phối hợp với Sở Thông tin và Truyền thông định "
        "hướng báo chí.\n",
        [(["Ban Tuyên giáo Tỉnh ủy"], ["Sở Thông tin và Truyền thông"])]),
    "responsibility-bare-phoi-hop-voi": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Đài Phát thanh và Truyền hình tỉnh phối hợp với Sở Nội vụ mở chuyên mục.\n",
        [(["Đài Phát thanh và Truyền hình tỉnh"], ["Sở Nội vụ"])]),
    "responsibility-distributive": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Các Sở: Nội vụ, Tư pháp, Tài chính căn cứ chức năng, nhiệm vụ triển khai Kế "
        "hoạch.\n",
        [(["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính"], [])]),
    "responsibility-distributive-without-colon-partners": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở GD&ĐT: Phối hợp cùng các Sở Nội vụ, Xây dựng cung cấp thông tin, tài liệu.\n",
        [(["Sở Giáo dục và Đào tạo"], ["Sở Nội vụ", "Sở Xây dựng"])]),
    # 'Giáo dục' holds 'giao', and 'hội thảo' starts like 'Hội': neither names who is told to cooperate
    "responsibility-partners-in-a-later-sentence": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Giáo dục và Đào tạo: Tham mưu UBND tỉnh tổ chức các hội nghị, hội thảo về cải "
        "cách hành chính. Phối hợp cùng Sở Tư pháp, UBND cấp xã cung cấp thông tin.\n",
        [(["Sở Giáo dục và Đào tạo"], ["Sở Tư pháp", "UBND cấp xã"])]),
    # blank lines between the halves of wrapped lines, and the item's first sentence written again later
    "responsibility-double-spaced-with-a-repeated-sentence": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Đề nghị Ban Tuyên giáo Tỉnh ủy: Phối hợp với các cơ quan, đơn vị có liên\n\n"
        "quan triển khai tuyên truyền. Chủ trì, phối hợp với Sở Tư pháp và\n\nCông an tỉnh xây dựng chuyên mục. "
        "Phối hợp với các cơ quan, đơn vị có liên quan\n\ntriển khai tuyên truyền.\n",
        [(["Ban Tuyên giáo Tỉnh ủy"], ["Sở Tư pháp", "Công an tỉnh"])]),
    # folded, 'sổ tay' reads as 'sở tay': an unknown name's head word must be written as one
    "prose-sổ-tay-is-no-agency": (
        "I. NỘI DUNG\n1. Tờ gấp\na) Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ và các sở, ban ngành phát hành tờ "
        "gấp, sổ tay hướng dẫn sử dụng dịch vụ công trực tuyến.\n",
        [(["Sở Tư pháp"], ["Sở Nội vụ", "Các sở, ban ngành"])]),
    # the heading names who the lettered tasks under it are for: it is no group heading, even when a
    # task's later clause starts with an agency ('…; Bưu điện tỉnh bố trí …')
    "responsibility-agencies-heading-over-lettered-tasks": (
        "I. TỔ CHỨC THỰC HIỆN\n3. Sở Nội vụ, Sở Tài chính:\n\na) Chủ trì, phối hợp với Sở Y tế tổ chức tuyên "
        "truyền.\n\nb) Phối hợp với các sở, ban, ngành; Bưu điện tỉnh bố trí kinh phí thực hiện Kế hoạch này.\n",
        [(["Sở Nội vụ", "Sở Tài chính"], ["Sở Y tế", "Các sở, ban, ngành", "Bưu điện tỉnh"])]),
    "responsibility-addressee-heading-without-colon": (
        "I. TỔ CHỨC THỰC HIỆN\n5. Đề nghị Ban Tuyên giáo Tỉnh ủy\na) Chủ trì, phối hợp với Sở Tư pháp tổ chức hội "
        "thi.\nb) Phối hợp với Hội Cựu chiến binh tỉnh; các sở, ban, ngành, các cơ quan, đơn vị liên quan đưa nội "
        "dung cải cách hành chính vào định hướng tuyên truyền.\n",
        [(["Ban Tuyên giáo Tỉnh ủy"], ["Sở Tư pháp", "Hội Cựu chiến binh tỉnh", "Các sở, ban, ngành"])]),
    "responsibility-distributive-partners-then-predicate": (
        "I. TỔ CHỨC THỰC HIỆN\n4. Đề nghị Sở Công Thương chủ trì, phối hợp với các sở: Tài chính, Ngoại vụ tổ chức "
        "các hoạt động tuyên truyền.\n",
        [(["Sở Công Thương"], ["Sở Tài chính", "Sở Ngoại vụ"])]),
    # the full stop of an abbreviation inside a name ends no sentence
    "partner-abbreviated-with-a-full-stop": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\na) Phối hợp với TT. VHTT&TT các huyện, thị xã, thành phố, các cơ quan "
        "liên quan đưa nội dung cải cách hành chính vào định hướng tuyên truyền.\n",
        [(["Sở Nội vụ"], ["Trung tâm Văn hóa - Thông tin - Thể thao các huyện, thị xã, thành phố"])]),
    # PDF text wrapped at the dash inside a name: '- xã hội' starts a line but is no bullet
    "dash-of-a-name-wrapped-to-a-line-start": (
        "I. TỔ CHỨC THỰC HIỆN\n2. Sở Tài chính tham mưu UBND tỉnh tổ chức hội nghị. Phối hợp với Sở Tư pháp và các "
        "tổ chức chính trị\n\n- xã hội tỉnh bố trí kinh phí thực hiện Kế hoạch này.\n",
        [(["Sở Tài chính"], ["Sở Tư pháp", "Các tổ chức chính trị - xã hội tỉnh"])]),
    # a wrapped line between the words of a verb
    "verbs-across-line-breaks": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Các thành viên Ban Chỉ đạo CCHC, Sở Kế hoạch và Đầu tư chủ trì, phối\n"
        "hợp với Sở Tư pháp tổ chức các hoạt động tuyên truyền.\n2. Đề nghị Báo tỉnh: Chủ\n\ntrì, phối\n\nhợp "
        "với Sở Nội vụ xây dựng chuyên mục.\nII. NỘI DUNG\n1. Phóng sự: Sở Xây dựng chủ trì, Ban Dân tộc phối\n"
        "hợp.\n",
        [(["Các thành viên Ban Chỉ đạo CCHC", "Sở Kế hoạch và Đầu tư"], ["Sở Tư pháp"]), (["Báo tỉnh"], ["Sở Nội vụ"]),
         (["Sở Xây dựng"], ["Ban Dân tộc"])]),
    "responsibility-chi-dao": (
        "I. TỔ CHỨC THỰC HIỆN\n1. UBND cấp huyện chỉ đạo Phòng Văn hóa và Thông tin phối hợp với Phòng Nội vụ "
        "tuyên truyền trên hệ thống truyền thanh cơ sở.\n",
        [(["UBND cấp huyện"], []), (["Phòng Văn hóa và Thông tin"], ["Phòng Nội vụ"])]),
    "responsibility-heads": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thị xã, thành phố "
        "chịu trách nhiệm triển khai Kế hoạch.\n",
        [(["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"], [])]),
    "responsibility-lettered": (
        "I. TỔ CHỨC THỰC HIỆN\na) Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp theo dõi.\nb) Sở Tài chính bố trí "
        "kinh phí.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"]), (["Sở Tài chính"], [])]),
    "responsibility-bulleted": (
        "I. TỔ CHỨC THỰC HIỆN\n- Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp theo dõi.\n- Sở Tài chính bố trí "
        "kinh phí.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"]), (["Sở Tài chính"], [])]),
    "responsibility-group-heading": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Các cơ quan cấp tỉnh\na) Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp theo dõi.\n"
        "b) Sở Tài chính bố trí kinh phí.\n2. UBND cấp huyện triển khai Kế hoạch.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"]), (["Sở Tài chính"], []), (["UBND cấp huyện"], [])]),
    "responsibility-agency-then-lettered-tasks": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ:\na) Chủ trì, phối hợp với Sở Tư pháp theo dõi.\nb) Tổng hợp báo cáo.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    "closing-paragraph-is-no-task": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính bố trí kinh phí.\nTrong quá trình thực hiện, nếu có khó khăn, "
        "các cơ quan, đơn vị phản ánh về Sở Nội vụ để tổng hợp, báo cáo UBND tỉnh./.\n",
        [(["Sở Tài chính"], [])]),
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
    # 'giáo' in 'Ban Tuyên giáo' folds to the instructing word 'giao': it tells nobody anything
    "instructing-word-inside-a-name": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. UBND các huyện, thị xã, thành phố, Ban Tuyên giáo Tỉnh ủy phối hợp với Sở Tư "
        "pháp bố trí kinh phí thực hiện Kế hoạch này.\n",
        [(["UBND các huyện, thị xã, thành phố", "Ban Tuyên giáo Tỉnh ủy"], ["Sở Tư pháp"])]),
    # a wrapped line inside an item is no clause start: 'Chỉ đạo Phòng' / 'Nội vụ phối hợp với …'
    "instructed-agency-across-a-wrapped-line": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. UBND cấp huyện: Bố trí kinh phí thực hiện Kế hoạch theo quy định. Chỉ đạo Phòng\n"
        "Nội vụ phối hợp với Phòng Văn hóa và Thông tin tổ chức công tác tuyên truyền.\n",
        [(["UBND cấp huyện"], []), (["Phòng Nội vụ"], ["Phòng Văn hóa và Thông tin"])]),
    # PDF text: a partner list ending in ';' goes on after a blank line, in a paragraph of names
    "partners-after-a-semicolon-at-a-line-end": (
        "II. NỘI DUNG\n3. Các hoạt động cụ thể\na) Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp; \n\n"
        "UBND các huyện, thị xã, thành phố; Báo Ninh Bình \n\nxây dựng phóng sự về cải cách hành chính.\n"
        "b) Sở Tài chính chủ trì, phối hợp với Sở Nội vụ;\n\nTổ chức hội nghị tập huấn.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp", "UBND các huyện, thị xã, thành phố", "Báo Ninh Bình"]),
         (["Sở Tài chính"], ["Sở Nội vụ"])]),
    # coordination.yaml's between / between_and
    "responsibility-phoi-hop-giua-a-voi-b": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Tăng cường phối hợp giữa Sở Nội vụ với Sở Tư pháp và Báo Ninh Bình trong "
        "tuyên truyền cải cách hành chính.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp", "Báo Ninh Bình"])]),
    "table-header-not-in-the-labels": (
        "I. NỘI DUNG\n| TT | Nhiệm vụ | Chủ trì tham mưu | Đơn vị tham gia phối hợp | Thời gian |\n"
        "|--|--|--|--|--|\n| 1 | Tin bài | Sở Nội vụ | Sở Tư pháp | Quý I |\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    "labels-with-comma": (
        "I. NỘI DUNG\n1. Tin bài\n- Cơ quan, đơn vị chủ trì: Sở Nội vụ.\n- Cơ quan, đơn vị phối hợp: Sở Tư pháp.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    "responsibility-agency-heading-then-bullets": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Thông tin và Truyền thông:\n- Chủ trì, phối hợp với Sở Nội vụ xây dựng "
        "chuyên mục.\n- Hướng dẫn các cơ quan báo chí.\n2. Sở Tài chính: Bố trí kinh phí.\n",
        [(["Sở Thông tin và Truyền thông"], ["Sở Nội vụ"]), (["Sở Tài chính"], [])]),
    "responsibility-trach-nhiem-cua": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của Sở Nội vụ\nChủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi.\n",
        [(["Sở Nội vụ"], ["Văn phòng UBND tỉnh"])]),
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
    # the number alone on a line and the agency on the next, as web pages bold them ('**7.' / 'Sở Nội vụ**')
    "responsibility-number-on-a-line-of-its-own": (
        "IV.\nTỔ CHỨC THỰC HIỆN\n\n7.\nSở Nội vụ\n\n- Chủ trì, phối hợp với Sở Tư pháp rà soát thủ tục.\n\n"
        "8.\nSở Y tế\n\nPhối hợp với Bảo hiểm xã hội tỉnh triển khai cấp thẻ bảo hiểm y tế.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"]), (["Sở Y tế"], ["Bảo hiểm xã hội tỉnh"])]),
    # 'Nhiệm vụ cụ thể' lists the tasks agency by agency, as 'Tổ chức thực hiện' does
    "responsibility-section-nhiem-vu-cu-the": (
        "III. NHIỆM VỤ CỤ THỂ\n1. Sở Công Thương\n- Chủ trì, phối hợp với Sở Tài chính hỗ trợ doanh nghiệp.\n"
        "2. Sở Xây dựng\n- Rà soát quy hoạch giao thông ven biển.\n",
        [(["Sở Công Thương"], ["Sở Tài chính"]), (["Sở Xây dựng"], [])]),
    # 'tham mưu UBND tỉnh phối hợp với …': the partners of the province, not of the agency that advises
    "responsibility-advising-the-province": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\n- Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ, ngành Trung ương "
        "xây dựng dự án giao thông.\n- Phối hợp với Sở Tài chính bố trí vốn.\n",
        [(["Sở Xây dựng"], ["Sở Tài chính"])]),
    # an adverb between the verb and its 'với': the partners still follow
    "responsibility-phoi-hop-chat-che-voi": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Bộ Chỉ huy Quân sự tỉnh\n- Phối hợp chặt chẽ với Công an tỉnh và các cơ quan, "
        "đơn vị có liên quan triển khai diễn tập.\n",
        [(["Bộ Chỉ huy Quân sự tỉnh"], ["Công an tỉnh"])]),
    # 'Căn cứ Kế hoạch này,' before the addressee of a responsibility
    "responsibility-after-a-lead-in": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Căn cứ nội dung Kế hoạch này, Sở Y tế, Sở Tài chính xây dựng kế hoạch cụ thể "
        "để triển khai thực hiện.\n",
        [(["Sở Y tế", "Sở Tài chính"], [])]),
    # tasks assigned agency by agency under a section of another title: read as responsibilities
    "responsibilities-in-a-section-of-another-title": (
        "II. NỘI DUNG THỰC HIỆN\n1. Sở Y tế\na) Chủ trì, phối hợp với Sở Tư pháp phổ biến chính sách dân số.\n"
        "b) Phối hợp với Sở Nội vụ kiện toàn bộ máy làm công tác dân số.\n2. Sở Tài chính\n"
        "Bố trí kinh phí thực hiện các nhiệm vụ.\n",
        [(["Sở Y tế"], ["Sở Tư pháp", "Sở Nội vụ"]), (["Sở Tài chính"], [])]),
    "responsibilities-addressee-first-in-lettered-items": (
        "II. CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM\n1. Hỗ trợ lương thực\na) Bộ Tài chính tiếp tục xuất cấp hàng dự trữ "
        "quốc gia.\nb) Bộ Quốc phòng, Bộ Công an chỉ đạo lực lượng tại chỗ hỗ trợ vận chuyển.\n",
        [(["Bộ Tài chính"], []), (["Bộ Quốc phòng", "Bộ Công an"], [])]),
    # headings that start with 'Các …' are no parties: the section is not read as responsibilities
    "steps-are-no-addressees": (
        "IV. PHƯƠNG PHÁP\n1. Các bước giám sát\n- Thông báo kế hoạch giám sát.\n2. Các bước đánh giá\n"
        "- Tổng hợp kết quả.\n",
        []),
    "responsibility-khuyen-khich": (
        "IV. TỔ CHỨC THỰC HIỆN\n5. Khuyến khích Hội Nông dân tỉnh xây dựng kế hoạch hỗ trợ nông dân chuyển đổi số.\n",
        [(["Hội Nông dân tỉnh"], [])]),
    # a lettered task that opens with a verb ('Tổ chức tập huấn …') is the heading agency's, not a body's
    "responsibility-task-opening-with-to-chuc": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ:\na) Tổ chức tập huấn cho công chức Bộ phận Một cửa.\n"
        "b) Chủ trì, phối hợp với Sở Tư pháp rà soát quy trình.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp"])]),
    # units told by no name work for the item's addressee: their partners are its partners
    "responsibility-unnamed-units-told-to-cooperate": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Bộ Chỉ huy Quân sự tỉnh chỉ đạo các đơn vị đóng quân trên địa bàn phối hợp với "
        "UBND các xã, phường tổ chức dọn dẹp vệ sinh môi trường.\n",
        [(["Bộ Chỉ huy Quân sự tỉnh"], ["UBND các xã, phường"])]),
    # 'Chính phủ trân trọng đề nghị X': X is addressed, not the issuer that asks
    "responsibility-issuer-asks": (
        "III. TỔ CHỨC THỰC HIỆN\n5. UBND tỉnh trân trọng đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh vận động "
        "ủng hộ người dân vùng lũ.\n",
        [(["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], [])]),
    # the addressees end where the words stop naming agencies
    "responsibility-addressees-end-at-the-task": (
        "II. CÁC NHIỆM VỤ\n1. Phòng dịch\na) Sở Y tế, Sở Nông nghiệp và Môi trường xuất cấp hóa chất để xử lý môi "
        "trường, phòng chống dịch bệnh cho gia súc.\nb) Sở Tài chính bố trí kinh phí.\n",
        [(["Sở Y tế", "Sở Nông nghiệp và Môi trường"], []), (["Sở Tài chính"], [])]),
    # an agency named on a line of its own, no number, over the tasks it is given
    "responsibility-agency-paragraph-over-lettered-tasks": (
        "II. CÁC NHIỆM VỤ\n1. Về du lịch\n1.2. Khôi phục hoạt động du lịch\n\nSở Văn hóa, Thể thao và Du\nlịch:\n\n"
        "a) Rà soát thiệt hại các khu du lịch.\n\nb) Phối hợp với Sở Xây dựng sửa chữa hạ tầng du lịch.\n",
        [(["Sở Văn hóa, Thể thao và Du lịch"], ["Sở Xây dựng"])]),
    # an agency's heading over its tasks, one of which names the agency's head: still one agency's tasks
    "responsibility-heading-over-a-task-naming-its-chairman": (
        "I. TỔ CHỨC THỰC HIỆN\n17. UBND các xã, phường\na) Lồng ghép nhiệm vụ vào kế hoạch hằng năm.\n"
        "b) Bố trí kinh phí thực hiện.\nc) Chủ tịch UBND các xã, phường chịu trách nhiệm trước Chủ tịch UBND tỉnh.\n",
        [(["UBND các xã, phường"], [])]),
    # a web page's bold heading, a blank line, then the paragraph that asks its addressees
    "asked-in-a-paragraph-under-a-bold-heading": (
        "**III. NHIỆM VỤ TRỌNG TÂM**\n\n**1. Công tác tham mưu, chỉ đạo**\n\nĐề nghị Hội Nông dân tỉnh và Hội Cựu "
        "chiến binh tỉnh tổ chức quán triệt Chương trình.\n",
        [(["Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh"], [])]),
    # a collective's heading among topic headings: it leads its lettered tasks
    "collective-heading-among-topics": (
        "II. NHIỆM VỤ, GIẢI PHÁP\n3. Về thị trường\na) Theo dõi giá cả hàng hóa.\n4. Các sở, ban, ngành tỉnh:\n"
        "a) Khẩn trương triển khai các giải pháp.\nb) Rà soát nhu cầu vốn.\n5. Các chỉ tiêu cụ thể\n"
        "a) Giảm 10% số vụ vi phạm.\n",
        [(["Các sở, ban, ngành tỉnh"], [])]),
    # one item of two naming an agency is a rule of the plan, not work assigned agency by agency
    "award-rules-are-no-responsibilities": (
        "IV. KHEN THƯỞNG\n1. Cấp tỉnh\na) Chủ tịch UBND tỉnh xem xét tặng Bằng khen cho tập thể xuất sắc.\n"
        "b) Kinh phí khen thưởng từ ngân sách tỉnh.\n",
        []),
    # the partners are the names right after the verb, not names further on in the sentence
    "partners-end-where-the-names-stop": (
        "IV. TỔ CHỨC THỰC HIỆN\n2. Ban Quản lý Khu kinh tế tỉnh\n- Phối hợp chặt chẽ Sở Khoa học và Công nghệ để hỗ "
        "trợ doanh nghiệp làm việc với Công an tỉnh, Sở Tư pháp về thủ tục.\n",
        [(["Ban Quản lý Khu kinh tế tỉnh"], ["Sở Khoa học và Công nghệ"])]),
    # 'X phối hợp các đơn vị liên quan': X is addressed by no one, and its partners name no agency
    "bare-partners-all-generic": (
        "I. YÊU CẦU\n2. Yêu cầu\n- Sở Nội vụ phối hợp các đơn vị liên quan triển khai kế hoạch.\n",
        []),
    # after 'các' a verb's word is a noun: 'các tổ chức thành viên' goes on the list, which goes on after it
    "addressees-after-cac-to-chuc": (
        "III. NHIỆM VỤ TRỌNG TÂM\n1. Công tác chỉ đạo.\nĐề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức "
        "thành viên, Sở Tư pháp tổ chức quán triệt Chương trình.\n",
        [(["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Các tổ chức thành viên Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
           "Sở Tư pháp"], [])]),
    # inside an agency's responsibility, '… do Sở, ngành chủ trì' names that agency again: no second task
    "responsibility-restated-in-a-bullet": (
        "VI. TỔ CHỨC THỰC HIỆN\n2. Các sở, ngành chủ trì dự án thành phần\n- Báo cáo kết quả các dự án do Sở, ngành "
        "chủ trì, gửi Sở Tài chính tổng hợp.\n",
        [(["Các sở, ngành"], [])]),
    # 'cơ quan chủ trì' names a role, not a subject and its verb
    "co-quan-chu-tri-is-a-role": (
        "II. ĐỐI TƯỢNG\n1. Đối tượng thực hiện\n- Sở Tài chính, cơ quan chủ trì Chương trình, chủ đầu tư.\n",
        []),
    # a distributive list among the addressees ('các sở: Y tế, Nội vụ') stays in the list
    "responsibility-distributive-addressees": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Thanh tra tỉnh; các sở: Y tế, Nội vụ: Theo dõi, kiểm tra việc thực hiện. Phối hợp "
        "với Sở Tài chính bố trí kinh phí.\n",
        [(["Thanh tra tỉnh", "Sở Y tế", "Sở Nội vụ"], ["Sở Tài chính"])]),
}


def _pairs(text: str) -> list[Pair]:
    rec = extract_text(HEADER + text)
    return [([r.name for r in a.lead], [r.name for r in a.cooperating]) for a in rec.activities]


@pytest.mark.parametrize("case", list(CASES))
def test_layout(case: str) -> None:
    text, expected = CASES[case]
    assert sorted(_pairs(text)) == sorted(expected)


def test_recipients_are_not_activities() -> None:
    text = ("I. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ theo dõi, đôn đốc.\n\nNơi nhận:\n- Bộ Nội vụ;\n"
            "- Sở Tư pháp phối hợp;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n")
    rec = extract_text(HEADER + text)
    got = [([r.name for r in a.lead], [r.name for r in a.cooperating]) for a in rec.activities]
    assert got == [(["Sở Nội vụ"], [])]
    assert {r.name for r in rec.recipients} >= {"Bộ Nội vụ", "Sở Tư pháp"}


OCR_HEADER = ("UY BAN NHAN DAN CONG HOA XA HQI CHU NGHIA VIET NAM\nTINH NINH BINH Déc 1ap — Tu do — Hanh phic\n"
              "Sb: 30/KH-UBND Ninh Binh, ngay 10 thang 3 nim 2023\nKE HOACH\n"
              "Tuyén truyén cai cach hanh chinh nam 2023\n"
              "Cin cir Nghi quyét s6 76/NQ-CP ngay 15/7/2021 ciia Chinh phu ban hanh Chuong trinh tong thé cai cach "
              "hanh chinh nha nudc giai doan 2021 - 2030;\n")
OCR_CASES: dict[str, tuple[str, list[Pair]]] = {
    "ocr-labels": (
        "I1. NOI DUNG\n1. Tuyén truyén trén bao, dai\na) Co quan chu tri: S& Noi vu.\n"
        "b) Co quan phéi hop: Van phong UBND tinh; UBND céc huyén, thi x4, thanh pho.\n",
        [(["Sở Nội vụ"], ["Văn phòng UBND tỉnh", "UBND các huyện, thị xã, thành phố"])]),
    "ocr-responsibility": (
        "IV. TO CHU'C THU'C HIEN\n1. S& Noi vu chu tri, phéi hop voi S& Thong tin va Truyén thong theo dai.\n"
        "2. Dé nghi Ban Tuyén gido Tinh uy phéi hop voi S& Tu phap dinh huéng bao chi.\n",
        [(["Sở Nội vụ"], ["Sở Thông tin và Truyền thông"]), (["Ban Tuyên giáo Tỉnh ủy"], ["Sở Tư pháp"])]),
    # 'phát hành' ends the partners; OCR'd 'sổ tay' after it is no Sở ('so tay')
    "ocr-verb-ends-the-partners": (
        "I1. NOI DUNG\n1. Tuyén truyén\nd) Doan the chu tri, phoi hop voi Truong Chinh tri tinh va cac don vi co "
        "lien quan phat hanh to gap, so tay huong dan su dung dich vu cong truc tuyen.\n",
        [(["Đoàn thể"], ["Trường Chính trị tỉnh"])]),
    # the header's 'phối hợp' as OCR spells it: the column is still the partners'
    "ocr-table-header": (
        "I1. NOI DUNG\nSTT\tNoi dung\tCo quan chu tri\tCo quan phdi hop\tThoi gian\n"
        "1\tTin bai\tS& Noi vu\tS& Tu phap; Bao Ninh Binh\tQuy I\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp", "Báo Ninh Bình"])]),
}


@pytest.mark.parametrize("case", list(OCR_CASES))
def test_ocr_layout(case: str) -> None:
    text, expected = OCR_CASES[case]
    rec = extract_text(OCR_HEADER + text)
    got = [([r.name for r in a.lead], [r.name for r in a.cooperating]) for a in rec.activities]
    assert sorted(got) == sorted(expected)


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


def test_dotted_ids_hold_their_parent_number() -> None:
    rec = extract_text(HEADER + CASES["responsibility-agency-paragraph-over-lettered-tasks"][0])
    assert [a.id for a in rec.activities] == ["II.1.2"]


def test_an_agency_heading_keeps_its_tasks() -> None:
    rec = extract_text(HEADER + CASES["responsibility-heading-over-a-task-naming-its-chairman"][0])
    assert [a.id for a in rec.activities] == ["I.17"]


def test_article_ids() -> None:
    rec = extract_text(DECISION_HEADER + DECISION_CASES["decision-articles"][0])
    assert sorted(a.id for a in rec.activities) == ["Điều 2.1", "Điều 2.2", "Điều 3"]


@pytest.mark.parametrize("case", list(DECISION_CASES))
def test_decision_layout(case: str) -> None:
    text, expected = DECISION_CASES[case]
    rec = extract_text(DECISION_HEADER + text)
    got = [([r.name for r in a.lead], [r.name for r in a.cooperating]) for a in rec.activities]
    assert sorted(got) == sorted(expected)
