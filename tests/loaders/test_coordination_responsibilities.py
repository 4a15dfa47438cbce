"""Coordination layout: responsibilities under 'Tổ chức thực hiện' and sections that assign work agency by agency.
One small plan per case."""

from __future__ import annotations

import pytest
from cancu.loaders.extract import extract_text
from coordination_plans import HEADER, Pair, layout_cases, pairs

CASES: dict[str, tuple[str, list[Pair]]] = {
    "responsibility-cung-voi": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ: Tổ chức hội nghị tập huấn cùng với Sở Tài chính.\n",
        [(["Sở Nội vụ"], ["Sở Tài chính"])]),
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
    # coordination.yaml's between / between_and
    "responsibility-phoi-hop-giua-a-voi-b": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Tăng cường phối hợp giữa Sở Nội vụ với Sở Tư pháp và Báo Ninh Bình trong "
        "tuyên truyền cải cách hành chính.\n",
        [(["Sở Nội vụ"], ["Sở Tư pháp", "Báo Ninh Bình"])]),
    "responsibility-agency-heading-then-bullets": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Thông tin và Truyền thông:\n- Chủ trì, phối hợp với Sở Nội vụ xây dựng "
        "chuyên mục.\n- Hướng dẫn các cơ quan báo chí.\n2. Sở Tài chính: Bố trí kinh phí.\n",
        [(["Sở Thông tin và Truyền thông"], ["Sở Nội vụ"]), (["Sở Tài chính"], [])]),
    "responsibility-trach-nhiem-cua": (
        "I. TỔ CHỨC THỰC HIỆN\n1. Trách nhiệm của Sở Nội vụ\nChủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi.\n",
        [(["Sở Nội vụ"], ["Văn phòng UBND tỉnh"])]),
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
    # a distributive list among the addressees ('các sở: Y tế, Nội vụ') stays in the list
    "responsibility-distributive-addressees": (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Thanh tra tỉnh; các sở: Y tế, Nội vụ: Theo dõi, kiểm tra việc thực hiện. Phối hợp "
        "với Sở Tài chính bố trí kinh phí.\n",
        [(["Thanh tra tỉnh", "Sở Y tế", "Sở Nội vụ"], ["Sở Tài chính"])]),
}
OCR_CASES: dict[str, tuple[str, list[Pair]]] = {
    "ocr-responsibility": (
        "IV. TO CHU'C THU'C HIEN\n1. S& Noi vu chu tri, phéi hop voi S& Thong tin va Truyén thong theo dai.\n"
        "2. Dé nghi Ban Tuyén gido Tinh uy phéi hop voi S& Tu phap dinh huéng bao chi.\n",
        [(["Sở Nội vụ"], ["Sở Thông tin và Truyền thông"]), (["Ban Tuyên giáo Tỉnh ủy"], ["Sở Tư pháp"])]),
}


@pytest.mark.parametrize(("header", "text", "expected"), layout_cases(CASES, OCR_CASES))
def test_layout(header: str, text: str, expected: list[Pair]) -> None:
    assert sorted(pairs(header + text)) == sorted(expected)


def test_dotted_ids_hold_their_parent_number() -> None:
    rec = extract_text(HEADER + CASES["responsibility-agency-paragraph-over-lettered-tasks"][0])
    assert [a.id for a in rec.activities] == ["II.1.2"]


def test_an_agency_heading_keeps_its_tasks() -> None:
    rec = extract_text(HEADER + CASES["responsibility-heading-over-a-task-naming-its-chairman"][0])
    assert [a.id for a in rec.activities] == ["I.17"]
