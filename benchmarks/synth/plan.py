"""A whole plan: its parts in order, the signature, and its answer."""

from __future__ import annotations

from typing import Any

from benchmarks.synth.names import _kindify, _person
from benchmarks.synth.noise import _break_lines, _ocr
from benchmarks.synth.plan_bases import BasesPart
from benchmarks.synth.plan_body import BodyPart
from benchmarks.synth.plan_header import HeaderPart
from benchmarks.synth.vocabulary import CLOSINGS, FUNDING, old_tones


class Plan(HeaderPart, BasesPart, BodyPart):
    """A plan, written top to bottom by write()."""

    def signature(self) -> None:
        rng = self.rng
        w = self.world
        vice = self.rand() < 0.6
        if self.issuer in ("ubnd", "huyen"):
            chair, vchair = w.chairs[self.year if self.year in w.chairs else 2026]
            name = vchair if vice else chair
            if self.issuer == "huyen":
                name = _person(rng)
            pos = "Phó Chủ tịch" if vice else "Chủ tịch"
            block = "TM. ỦY BAN NHÂN DÂN\n" + ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" if vice else "CHỦ TỊCH")
        elif self.ministry is not None:
            name = _person(self.vrng)
            pos = "Thứ trưởng" if vice else "Bộ trưởng"
            block = "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG" if vice else "BỘ TRƯỞNG"
        else:
            name = w.directors[(self.issuer if self.issuer == "snv" else "stttt", self.year)]
            pos = "Phó Giám đốc" if vice else "Giám đốc"
            block = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" if vice else "GIÁM ĐỐC"
        recipients = ["Bộ Nội vụ;", "TT. Tỉnh ủy, TT. HĐND tỉnh;", "CT, các PCT UBND tỉnh;", "Các sở, ban, ngành;",
                      "UBND các huyện, thị xã, thành phố;" if not self.post else "UBND các xã, phường;",
                      "Báo, Đài PT-TH tỉnh;", "Lưu: VT, NC."]
        if self.ministry is not None:
            recipients = ["Thủ tướng Chính phủ (để b/c);", "Các Phó Thủ tướng Chính phủ;", "Các Bộ, cơ quan ngang Bộ;",
                          "UBND các tỉnh, thành phố trực thuộc TW;", "Các đơn vị thuộc Bộ;", "Lưu: VT, VP."]
        rows = rng.sample(recipients[:-1], rng.randint(3, min(6, len(recipients) - 1))) + recipients[-1:]
        self.paras.append("Nơi nhận:\n" + "\n".join("- " + r for r in rows))
        self.paras.append(block + ("\n\n(Đã ký)" if self.rand() < 0.2 else "") + "\n\n" + name)
        self.signer = {"name": name, "position": pos}

    def write(self) -> tuple[str, dict[str, Any]]:
        """(text, answer): the answer is what the text was written from, kept as it was written."""
        text = self.text()
        return text, self.answer()

    def text(self) -> str:
        rng = self.rng
        self.markdown = self.rand() < 0.12
        self.section_no = 0
        self.header()
        if "decision_wrapped" in self.vary:
            self.decision()
        else:
            self.preamble()
        self.section_no = self.sections_start
        self.purposes()
        roman = self.contents()
        layout = self.rand()
        if "labelled_tasks" in self.vary:
            layout = 0.0  # the labelled activity list
        elif "table_cells" in self.vary:
            layout = 0.5  # the appendix table
        table = None
        if layout < 0.3:
            self.paras.append(self.heading("3. Một số hoạt động tuyên truyền trọng tâm", 2))
            self.activities_labelled(f"{roman}.3")
        elif layout < 0.45:
            self.paras.append(self.heading("3. Các hoạt động cụ thể", 2))
            self.activities_prose(f"{roman}.3")
        elif layout < 0.75:
            self.paras.append("(Chi tiết tại Phụ lục kèm theo Kế hoạch này)")
            table = True
        # else: no activity list; the responsibilities carry the work
        if layout >= 0.75 and self.rand() < 0.5:
            roman2 = self.section("CÁC HOẠT ĐỘNG TUYÊN TRUYỀN")
            self.activities_labelled(roman2)
        self.section("KINH PHÍ THỰC HIỆN")
        self.paras.append(self.ch(FUNDING).format(year=self.year))
        roman = self.section("TỔ CHỨC THỰC HIỆN")
        self.responsibilities(roman)
        snv = "Sở Nội vụ" if self.issuer != "huyen" else "Phòng Nội vụ"
        self.paras.append(self.ch(CLOSINGS).format(year=self.year, snv=f"{_kindify('UBND tỉnh', self.p)} (qua "
                                                      f"{snv})", issuer_short=self.issuer_name_text()))
        if "decision_wrapped" not in self.vary:  # a decision's plan is signed with the decision
            self.signature()
        if table:
            self.paras.append("Phụ lục\nCÁC NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM "
                              f"{self.year}\n(Kèm theo Kế hoạch của {self.issuer_name_text()})")
            self.paras.append(self.activities_table())
        text = ("\n\n" if self.rand() < 0.75 else "\n").join(self.paras) + "\n"
        if "old_tones" in self.vary:
            text = old_tones(text)
        if self.ocr:
            text = _ocr(text, rng)
        if self.broken:
            text = _break_lines(text, rng)
        return text

    def answer(self) -> dict[str, Any]:
        plan: dict[str, Any] = {"type": "Kế hoạch", "number": self.number}
        if self.number is None:
            plan["number_suffix"] = self.suffix
        plan["date"] = self.date_iso
        plan["year"] = self.year
        if self.date_iso is None and self.month:
            plan["month"] = self.month
        plan["province"] = None if self.ministry is not None else self.p.name
        plan["issuer"] = self.issuer_answer()
        plan["signer"] = self.signer
        if "decision_wrapped" in self.vary:
            plan["issued_by"] = {"type": "Quyết định", "title": f"Ban hành Kế hoạch {self.title[:1].lower()}"
                                                              f"{self.title[1:]}"}
        answer = {"plan": plan, "legal_bases": self.bases, "nested_in_bases": self.nested,
                  "mentions": self.mentions, "named_references": self.named, "coordination": self.coordination,
                  "noise": [k for k, on in (("ocr", self.ocr), ("broken_lines", self.broken), ("typo", self.typo),
                                            ("blank", self.blank)) if on],
                  "variations": sorted(self.vary)}
        return answer

    def issuer_answer(self) -> str:
        return {"ubnd": f"{self.ubnd} {self.p.name}", "snv": f"Sở Nội vụ {self.full}",
                "stttt": f"Sở Thông tin và Truyền thông {self.full}", "huyen": f"UBND {self.district}",
                "bo": self.ministry.name if self.ministry else ""}[self.issuer]


# --- the corpus ---------------------------------------------------------------------------------------------
