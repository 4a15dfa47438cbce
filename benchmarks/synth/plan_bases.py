"""The legal bases of a plan: Căn cứ paragraphs, a Căn cứ pháp lý section, laws by name."""

from __future__ import annotations

import dataclasses
from datetime import date

from cancu.ontology.knowledge import knowledge

from benchmarks.synth.documents import Doc
from benchmarks.synth.names import _kindify
from benchmarks.synth.plan_state import ROMAN, PlanState
from benchmarks.synth.vocabulary import TEMPLATES, synth_data


class BasesPart(PlanState):
    """The legal bases and the preamble of a plan."""

    def laws(self) -> list[str]:
        """Laws cited by name and date, without a number (law_by_name); their answers go first."""
        if "law_by_name" not in self.vary:
            return []
        known = [d for d in knowledge().catalogue if d.type == "Luật" and d.title and d.date
                 and date.fromisoformat(d.date) < self.issued]
        out: list[str] = []
        dates: set[str] = set()
        for law in self.vrng.sample(known, min(len(known), 1 + int(self.vr() * 3))):
            if law.date in dates or not law.date or not law.title:
                continue  # two laws of one day would be one answer: the scorer keys them by type and date
            dates.add(law.date)
            d = date.fromisoformat(law.date)
            when = (f"ngày {d.day} tháng {d.month} năm {d.year}" if self.vr() < 0.6 else
                    f"ngày {d.day:02d}/{d.month:02d}/{d.year}")
            out.append(f"{law.title} {when}")
            self.bases.append({"type": "Luật", "number": None, "date": law.date, "issuer": "Quốc hội",
                               "name": law.title})
        return out

    def basis_docs(self) -> tuple[Doc | None, list[Doc]]:
        """The documents the plan stands on: its Sở's proposal (or None), then the others in order."""
        proposal = None
        if self.issuer == "ubnd" and self.rand() < 0.3 and not self.post:
            snv = [d for d in self.world.docs if d.number.endswith(("TTr-SNV", "SNV-CCHC")) and d.date
                   and d.date < self.issued and d.date.year >= self.year - 1]
            proposal = snv[-1] if snv else None
            if proposal is not None:
                self.seen_numbers.add(proposal.number)  # cited once, in its own paragraph
        central = self.available(True, self.ch((0, 1, 1, 1, 2, 2, 3)))
        local = self.available(False, self.ch((1, 1, 2, 2, 3)))
        if self.issuer == "huyen":  # a district cites the province's UBND, by its full name
            local = [dataclasses.replace(d, issuer_texts=(f"UBND {self.full}", f"Ủy ban nhân dân {self.full}"))
                     for d in local if d.number.endswith("-UBND")] or [
                dataclasses.replace(d, issuer_texts=(f"UBND {self.full}",))
                for d in self._loc if d.number.endswith("-UBND")][-1:]
        if self.issuer in ("snv", "stttt") and not local:
            local = self.available(False, 1)
        docs = sorted(central, key=lambda d: d.date or date.min) + sorted(local, key=lambda d: d.date or date.min)
        if not docs:
            docs = self.available(True, 1)
        if proposal is not None:
            self.seen_numbers.discard(proposal.number)
        self._grouped = (central, local)
        return proposal, docs

    def basis_section(self, docs: list[Doc], laws: list[str], numbered: bool) -> None:
        """The bases under a heading of their own: '- ' items, or (basis_list) a numbered list without
        opener words under any of synth.yaml's headings."""
        if numbered:
            heading = self.vch(synth_data()["basis_headings"])
            self.paras.append(self.heading(heading))
            for i, text in enumerate([*laws, *(self.cite(d, "basis") for d in docs)]):
                self.paras.append(f"{i + 1}. {text};")
            self.sections_start = 1 if heading.startswith("I.") else 0
            return
        self.paras.append(self.heading("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" if self.rand() < 0.5 else
                                       "I. CĂN CỨ PHÁP LÝ"))
        for text in laws:
            self.paras.append(f"- {text};")
        for d in docs:
            self.paras.append("- " + self.cite(d, "basis") + ";")
        self.sections_start = 1

    def basis_paragraphs(self, style: float, docs: list[Doc], laws: list[str], may_close: bool) -> bool:
        """'Căn cứ …' paragraphs in one of three styles; whether the last one closes with the enacting words."""
        central, local = self._grouped
        if laws:  # the laws open the bases, in one sentence, as real plans write them
            self.paras.append("Căn cứ " + "; ".join(laws) + ";")
        if style < 0.55:  # one paragraph per document
            opener = "Thực hiện" if self.rand() < 0.2 else "Căn cứ"
            for i, d in enumerate(docs):
                end = "." if i == len(docs) - 1 and may_close else ";"
                self.paras.append(f"{opener} {self.cite(d, 'basis')}{end}")
            return False
        if style < 0.8:  # one paragraph, the documents in a row
            opener = self.ch(("Căn cứ", "Thực hiện"))
            cites = "; ".join(self.cite(d, "basis") for d in docs)
            closed = may_close and self.rand() < 0.5  # 'Theo đề nghị …' comes before 'ban hành'
            closing = (f", {self.issuer_name_text()} ban hành Kế hoạch tuyên truyền cải cách hành chính năm "
                       f"{self.year} như sau:") if closed else ";"
            self.paras.append(f"{opener} {cites}{closing}")
            return closed
        # grouped by issuer: 'Căn cứ các Kế hoạch của Ủy ban nhân dân tỉnh: Kế hoạch số …; Kế hoạch số …'
        for d in central:
            self.paras.append(f"Căn cứ {self.cite(d, 'basis')};")
        if len(local) >= 2 and len({d.issuer for d in local}) == 1 and len({d.type for d in local}) == 1:
            plural = {"Kế hoạch": "các Kế hoạch", "Quyết định": "các Quyết định", "Văn bản": "các Văn bản"}.get(
                local[0].type, f"các {local[0].type}")
            issuer = self.ch(local[0].issuer_texts)
            items = "; ".join(self.cite(d, "basis", with_issuer=False) for d in local)
            self.paras.append(f"Căn cứ {plural} của {issuer}: {items};")
        else:
            for d in local:
                self.paras.append(f"Căn cứ {self.cite(d, 'basis')};")
        return False

    def preamble(self) -> None:
        proposal, docs = self.basis_docs()
        style = self.rand()
        listed = "basis_list" in self.vary
        basis_section = style < 0.1 or listed
        laws = self.laws()
        closed = False
        if basis_section:
            self.basis_section(docs, laws, listed)
        else:
            closed = self.basis_paragraphs(style, docs, laws, proposal is None)
        if proposal is not None:
            how = self.ch(TEMPLATES["proposal_openers"])
            self.paras.append(f"{how} {self.cite(proposal, 'basis')}.")
        if not basis_section and not closed:
            self.paras.append(f"{self.issuer_name_text()} ban hành Kế hoạch tuyên truyền cải cách hành chính năm "
                              f"{self.year} {self.ch(TEMPLATES['issuing_endings'])}")
            self.sections_start = 0

    def issuer_name_text(self) -> str:
        return {"ubnd": self.ch((_kindify("Ủy ban nhân dân tỉnh", self.p), f"UBND {self.full}")),
                "snv": f"Sở Nội vụ {self.full}",
                "stttt": self.ch((f"Sở Thông tin và Truyền thông {self.full}", "Sở Thông tin và Truyền thông")),
                "huyen": f"UBND {self.district}",
                "bo": self.ministry.name if self.ministry else ""}[self.issuer]

    def section(self, title: str) -> str:
        self.section_no += 1
        roman = ROMAN[self.section_no - 1]
        self.paras.append(self.heading(f"{roman}. {title}"))
        return roman
