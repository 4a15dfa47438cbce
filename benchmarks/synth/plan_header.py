"""The top of a plan: the header, or a web page's, and the decision that issues a plan."""

from __future__ import annotations

import re

from benchmarks.synth.names import _kindify
from benchmarks.synth.plan_state import PlanState
from benchmarks.synth.vocabulary import TEMPLATES


class HeaderPart(PlanState):
    """The header and the decision of a plan."""

    def header(self) -> None:
        rng, p = self.rng, self.p
        code = self.own_number.split("/", 1)[1]
        blank_number = self.blank and self.rand() < 0.7
        blank_date = self.blank and (not blank_number or self.rand() < 0.7)
        self.number = None if blank_number else self.own_number
        self.suffix = code
        place = p.name if self.issuer != "huyen" else re.sub(r"^(huyện|thị xã|thành phố) ", "", self.district or "")
        if p.kind == "thành phố" and self.issuer != "huyen" and self.rand() < 0.5:
            place = f"Thành phố {p.name}" if p.name != "Hà Nội" else "Hà Nội"
        top = {"ubnd": f"ỦY BAN NHÂN DÂN\n{self.full.upper()}" if self.rand() < 0.5 else self.ubnd.upper() + " "
               + p.name.upper(),
               "snv": f"{self.ubnd.upper()} {p.name.upper()}\nSỞ NỘI VỤ",
               "stttt": f"{self.ubnd.upper()} {p.name.upper()}\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
               "huyen": f"ỦY BAN NHÂN DÂN\n{(self.district or '').upper()}",
               "bo": (self.ministry.name if self.ministry else "").upper()}[self.issuer]
        if self.ministry is not None:
            place = "Hà Nội"  # where a ministry signs, not the plan's scope
        number = f"Số: {self.number.split('/')[0] if self.number else ' ' * rng.randint(3, 12)}/{code}"
        if blank_date:
            month = self.rand() < 0.4
            self.date_iso = None
            self.month = self.issued.month if month else None
            when = f"ngày      tháng {self.issued.month:02d} năm {self.issued.year}" if month else \
                f"ngày      tháng      năm {self.issued.year}"
        else:
            self.date_iso = self.issued.isoformat()
            self.month = None
            d = self.issued
            when = f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}" if self.rand() < 0.6 else \
                f"ngày {d.day} tháng {d.month} năm {d.year}"
        motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        r = self.rand()
        if "web_header" in self.vary:
            self.paras.append(self.web_header(top, motto, number, f"{place}, {when}"))
        elif r < 0.55:
            self.paras.append(f"{top}\n{motto}\n{number}\n{place}, {when}")
        elif r < 0.8:  # two columns read row by row
            t1, t2 = ([*top.split("\n"), ""])[:2]
            m1, m2 = motto.split("\n")
            self.paras.append(f"{t1}    {m1}\n{t2}    {m2}\n{number}    {place}, {when}")
        else:  # header lost in conversion: number and place only
            self.paras.append(f"{number}\n\n{place}, {when}")
        self.title_block()

    def title_block(self) -> None:
        """KẾ HOẠCH and the plan's title (or, for a plan a decision issues, the decision's title)."""
        y = self.year
        scope = f"trên địa bàn {self.full}" if self.issuer != "huyen" else f"trên địa bàn {self.district}"
        period = f"năm {y}" if not (self.post and y == 2025) else "6 tháng cuối năm 2025"
        title = self.ch(TEMPLATES["titles"]).format(period=period, scope=scope, place=self.full)
        if self.issuer in ("snv", "stttt") and self.rand() < 0.5:
            branch = "Nội vụ" if self.issuer == "snv" else "Thông tin và Truyền thông"
            title = TEMPLATES["branch_title"].format(period=period, branch=branch, place=self.full)
        words = title.split(" ")
        cut = len(words) // 2 if self.rand() < 0.5 and len(words) > 8 else len(words)
        title_text = " ".join(words[:cut]) + ("\n" + " ".join(words[cut:]) if cut < len(words) else "")
        kh = "KẾ HOẠCH" if self.rand() < 0.9 else "K Ế  H O Ạ C H"
        self.title = title
        if "decision_wrapped" in self.vary:
            self.paras.append(self.decision_title())
            return  # the plan's own title comes after the decision
        if "web_header" in self.vary:
            self.paras.append(f"**{kh}**\n{title_text.upper()}")
        elif self.markdown:
            self.paras.append(f"**{kh}**\n**{title_text}**".replace("\n", "**\n**"))
        else:
            self.paras.append(f"{kh}\n{title_text}")

    def web_header(self, top: str, motto: str, number: str, where: str) -> str:
        """The header as a page of a legal-text site has it: a table, each cell on its own lines between
        '|' lines, bold names, 'Số:' apart from the number, the date split before 'tháng'."""
        t1, *t2 = top.split("\n")
        m1, m2 = motto.split("\n")
        half = m1.index(" CHỦ NGHĨA")
        left = [f"**{t1}**", *t2, "-------"]
        right = [f"**{m1[:half]}", f"{m1[half + 1:]}**", m2, "---------------"]
        sign, _, rest = number.partition(" ")
        num = [sign, rest.strip()] if self.vr() < 0.6 else [number]
        place, _, when = where.partition(" tháng ")
        date_cell = [f"*{place}", f"tháng {when}*"] if when else [f"*{where}*"]
        cells = ["|", *left, "|", *right, "|", "|", *num, "|", *date_cell, "|"]
        return "\n".join(cells) + ("\n\n* *" if self.vr() < 0.5 else "")

    def decision_title(self) -> str:
        """'QUYẾT ĐỊNH / Về việc ban hành Kế hoạch …' and who enacts it."""
        what = f"{self.vch(('Về việc ban hành', 'Ban hành'))} Kế hoạch {self.title[:1].lower()}{self.title[1:]}"
        if self.ministry is not None:
            enactor = f"BỘ TRƯỞNG {self.ministry.name.upper()}"
        else:
            enactor = (self.vch(("", "CHỦ TỊCH ")) + _kindify("Ủy ban nhân dân tỉnh", self.p).upper() + " "
                       + self.p.name.upper())
        bold = "web_header" in self.vary or self.markdown
        return ("**QUYẾT ĐỊNH**" if bold else "QUYẾT ĐỊNH") + f"\n{what}\n\n" + (f"**{enactor}**" if bold else enactor)

    def decision(self) -> None:
        """The decision that issues the plan: its Căn cứ (the plan's legal bases), its articles and signature;
        then the plan's own title, 'Kèm theo' the decision."""
        proposal, docs = self.basis_docs()
        laws = self.laws()
        if laws:
            self.paras.append("Căn cứ " + "; ".join(laws) + ";")
        for d in docs:
            self.paras.append(f"Căn cứ {self.cite(d, 'basis')};")
        if proposal is not None:
            self.paras.append(f"Theo đề nghị của Giám đốc Sở Nội vụ tại {self.cite(proposal, 'basis')}.")
        else:
            who = "Chánh Văn phòng Bộ" if self.ministry is not None else "Giám đốc Sở Nội vụ"
            self.paras.append(f"Theo đề nghị của {who}.")
        self.paras.append("**QUYẾT ĐỊNH:**" if self.markdown else "QUYẾT ĐỊNH:")
        self.paras.append(f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch {self.title[:1].lower()}"
                          f"{self.title[1:]}.")
        self.paras.append("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.")
        executors = ("Chánh Văn phòng Bộ, Thủ trưởng các đơn vị thuộc Bộ" if self.ministry is not None else
                     f"Chánh Văn phòng {self.ubnd}, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành")
        self.paras.append(f"Điều 3. {executors} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành "
                          "Quyết định này./.")
        self.signature()
        number = self.number or f"{' ' * 6}/{self.suffix}"
        when = f" ngày {self.issued.day:02d}/{self.issued.month:02d}/{self.issued.year}" if self.date_iso else ""
        self.paras.append(f"KẾ HOẠCH\n{self.title}\n(Kèm theo Quyết định số {number}{when} của "
                          f"{self.issuer_name_text()})")
        self.sections_start = 0
