"""The body of a plan: purposes, contents, activities (labelled, prose, tables) and responsibilities."""

from __future__ import annotations

from typing import Any

from benchmarks.synth.documents import Doc
from benchmarks.synth.names import Form, _lower_les, knowledge_names
from benchmarks.synth.plan_state import LETTERS, PlanState
from benchmarks.synth.vocabulary import (
    _DISTRICT_SUFFIX,
    ACTIVITIES,
    ADDRESSED,
    AUDIENCE,
    CONTENTS,
    DUTIES_PARTNER,
    DUTIES_SOLO,
    FORMS,
    PURPOSES,
    REQUIREMENTS,
    TEMPLATES,
    TIMES,
    synth_data,
)


class BodyPart(PlanState):
    """The sections of a plan after its preamble."""

    def purposes(self) -> None:
        rng = self.rng
        fmt = {"place": self.full, "year": self.year, "prev": self.year - 1}
        self.section(self.ch(TEMPLATES["purposes_headings"]))
        for sub, pool in (("1. Mục đích", PURPOSES), ("2. Yêu cầu", REQUIREMENTS)):
            self.paras.append(self.heading(sub, 2))
            bullet = self.ch(("letters", "dash"))
            for i, s in enumerate(rng.sample(pool, rng.randint(2, 4))):
                self.paras.append((f"{LETTERS[i]}) " if bullet == "letters" else "- ") + s.format(**fmt))
        if self.rand() < 0.4:
            self.paras.append(self.heading("3. Đối tượng", 2))
            self.paras.append(AUDIENCE[0].format(**fmt))

    def contents(self) -> str:
        """Section II: contents with the documents they mention, forms, and (maybe) the activities."""
        rng = self.rng
        fmt = {"place": self.full, "year": self.year, "prev": self.year - 1}
        roman = self.section(self.ch(TEMPLATES["contents_headings"]))
        self.paras.append(self.heading("1. Nội dung tuyên truyền", 2))
        items = [s.format(**fmt) for s in rng.sample(CONTENTS, rng.randint(3, 5))]
        docs = self.available(True, self.ch((1, 2, 2, 3, 4))) + self.available(False, self.ch((0, 1, 1, 2)))
        where: dict[int, list[Doc]] = {}
        for d in docs:
            where.setdefault(rng.randrange(len(items)), []).append(d)
        for i, text in enumerate(items):
            if i in where:
                lead_in = self.ch(TEMPLATES["mention_lead_ins"])
                text = text[:-1] + "; " + lead_in + "; ".join(self.cite(d, "mention") for d in where[i]) + "."
            self.paras.append(f"{LETTERS[i]}) {text}")
        numbered = [b for b in self.bases if b["number"]]
        if numbered and self.rand() < 0.25:  # a legal basis cited again in the body, by its number alone
            b = numbered[0]
            self.paras.append(f"{LETTERS[len(items)]}) Tuyên truyền, quán triệt việc triển khai thực hiện "
                              f"{b['type']} số {b.get('written_as') or b['number']} trong toàn tỉnh.")
        if "short_forms" in self.vary and numbered:
            self.paras.append(f"- Tiếp tục quán triệt, triển khai {self.short_form(self.vch(numbered))} trong các "
                              "cơ quan, đơn vị.")
        if not self.ocr and self.rand() < 0.4:
            named = [d for d in self.central_named() if d.date and d.date < self.issued]
            if named:
                d = self.ch(named)
                name = knowledge_names()[d.number]
                self.paras.append(f"- Tình hình, kết quả triển khai {name} trên địa bàn tỉnh.")
                self.named.append({"name": name, "document": d.number})
        if self.rand() < 0.15:  # a local decision named by number only: no date, its issuer inferred
            local_u = [d for d in self.world.docs if d.number.endswith("QĐ-UBND") and d.date and d.date < self.issued
                       and d.number not in self.seen_numbers and d.number.count("/") == 1 and not self.ministry]
            if local_u:
                d = self.ch(local_u[-6:])
                cited = self.cite(d, "mention", dated=False, with_issuer=False, with_title=False)
                self.paras.append(f"- Hướng dẫn cách thực hiện đánh giá theo {cited}.")
        self.paras.append(self.heading("2. Hình thức tuyên truyền", 2))
        for i, s in enumerate(rng.sample(FORMS, rng.randint(2, 4))):
            self.paras.append(f"{LETTERS[i]}) {s}")
        return roman

    def short_form(self, basis: dict[str, Any]) -> str:
        """A legal basis as the body refers back to it: 'Nghị quyết 76/NQ-CP', 'Chỉ thị số 23/CTTg',
        'Nghị quyết 76' (a number of the year's series alone only where it has no year in it)."""
        number = basis.get("written_as") or basis["number"]
        n, _, code = number.partition("/")
        forms = [f"{basis['type']} {number}", f"{basis['type']} số {n}/{code.replace('-', '')}"]
        if "/" not in code:
            forms.append(f"{basis['type']} {n}")
        return self.vch(forms)

    def central_named(self) -> list[Doc]:
        names = knowledge_names()
        return [d for d in self.central if d.number in names]

    # -- activities: the layouts
    def activities_labelled(self, prefix: str) -> None:
        rng = self.rng
        style = self.ch(("dash", "dash", "letters", "oneline", "inline"))
        lead_label = self.ch(TEMPLATES["lead_labels"])
        coop_label = self.ch(TEMPLATES["cooperating_labels"])
        wrapped = "labelled_tasks" in self.vary
        if wrapped:  # '- Đơn vị chủ trì: Sở Văn hóa, Thể' / 'thao và Du lịch.' under each task
            labels = synth_data()["task_labels"]
            style, lead_label, coop_label = "dash", self.vch(labels["lead"]), self.vch(labels["cooperating"])
        numbered = style == "letters" or self.rand() < 0.5
        for i, title in enumerate(rng.sample(ACTIVITIES, rng.randint(3, 7))):
            aid = f"{prefix}.{i + 1}" if numbered else f"{prefix}.{LETTERS[i]}"
            label = f"{i + 1}. " if numbered else f"{LETTERS[i]}) "
            if numbered and prefix.count(".") == 1:
                label = f"{prefix.split('.', 1)[1]}.{i + 1}. "
            self.paras.append(label + title.format(year=self.year))
            lead = self.pick(self.ch((1, 1, 1, 2, 3)))
            coop = self.pick(self.ch((0, 1, 2, 3)), exclude={f.id for f in lead})
            lt, la = self.join(lead, generic=False)
            ct, ca = self.join(coop) if coop else (self.ch(("Các cơ quan, đơn vị có liên quan", "")), [])
            invited = None
            time = self.ch(TIMES).format(year=self.year)
            if style == "inline" and coop and len(lead) == 1:
                # mid-sentence, a group is 'các sở, ban, ngành'
                self.paras.append(f"- {self.ch(('Đơn vị thực hiện', 'Cơ quan thực hiện'))}: {lt} chủ trì, "
                                  f"{_lower_les(ct)} phối hợp.")
            elif style == "oneline":
                self.paras.append(f"- {lead_label}: {lt}; {coop_label}: {ct or 'Các đơn vị liên quan'}.")
            elif style == "letters":
                self.paras.append(f"a) {lead_label}: {lt}.")
                if ct:
                    self.paras.append(f"b) {coop_label}: {ct}.")
                what = self.ch(CONTENTS).format(place=self.full, year=self.year, prev=self.year - 1)
                self.paras.append(f"{'c' if ct else 'b'}) Nội dung: {what}")
            else:
                if self.rand() < 0.4:
                    self.paras.append(f"- Nội dung: {self.ch(FORMS)}")
                if wrapped and self.vr() < 0.5:
                    self.paras.append(self.vch(("c) Cơ quan thực hiện:", "Cơ quan thực hiện:")))
                self.paras.append(self.wrap_inside(f"- {lead_label}: {lt}.", wrapped))
                if ct:
                    self.paras.append(self.wrap_inside(f"- {coop_label}: {ct}.", wrapped))
                if self.rand() < 0.08 and self.issuer == "ubnd" and not self.post:
                    self.paras.append("- Mời Vụ Cải cách hành chính - Bộ Nội vụ tham gia.")
                    invited = ["Vụ Cải cách hành chính - Bộ Nội vụ"]
            if self.rand() < 0.5:
                self.paras.append(f"- Thời gian thực hiện: {time}.")
            if self.rand() < 0.2:
                self.paras.append(f"- Kinh phí thực hiện: Từ nguồn kinh phí cải cách hành chính năm {self.year} "
                                  f"của {lead[0].text}.")
            self.assign(aid, la, ca, invited)

    def wrap_inside(self, line: str, wrap: bool, width: int = 40) -> str:
        """A line broken at a space past `width` characters, where a page of narrow columns breaks it:
        often inside an agency's name."""
        if not wrap or len(line) <= width:
            return line
        cut = line.find(" ", width - int(self.vr() * 12))
        return line if cut < 0 else line[:cut] + "\n" + line[cut + 1:]

    def activities_prose(self, prefix: str) -> None:
        rng = self.rng
        for i, title in enumerate(rng.sample(ACTIVITIES, rng.randint(2, 5))):
            lead = self.pick(1)
            coop = self.pick(self.ch((1, 1, 2, 3)), exclude={lead[0].id})
            ct, ca = self.join(coop, start=False)
            title = title.format(year=self.year)
            t = title[:1].lower() + title[1:]
            form = self.rand()
            if form < 0.4:
                sentence = f"{lead[0].text} chủ trì, phối hợp với {ct} {t}."
            elif form < 0.7:
                sentence = f"{title}: {lead[0].text} chủ trì, phối hợp với {ct} thực hiện."
            else:
                sentence = f"{lead[0].text} phối hợp với {ct} {t}."
            self.paras.append(f"{LETTERS[i]}) {sentence}")
            self.assign(f"{prefix}.{LETTERS[i]}", [lead[0].answer], ca)

    def activities_table(self) -> str:
        """The appendix: a tab-separated table, continued on the next page under its header again."""
        rng = self.rng
        cols: list[str] = self.ch(TEMPLATES["table_columns"])
        head = "\t".join(cols)
        rows = [head]
        n = rng.randint(4, 12)
        per_page = rng.randint(3, 6)
        docs = self.available(True, self.ch((0, 0, 1, 2)))
        for i, title in enumerate(rng.sample(ACTIVITIES, min(n, len(ACTIVITIES)))):
            if i and i % per_page == 0:
                if self.rand() < 0.5:  # the row before the break goes on under the header again
                    rows.append("")
                    rows.append(head)
                    rows.append("\t" + "\t".join(["tiếp tục thực hiện theo kế hoạch."] + [""] * (len(cols) - 2)))
                else:
                    rows += ["", head]
            lead = self.pick(self.ch((1, 1, 2, 3, 4)))
            coop = self.pick(self.ch((0, 1, 1, 2, 3)), exclude={f.id for f in lead})
            lt, la = self.join(lead, generic=False, sep="; ")
            ct, ca = self.join(coop, sep=self.ch(("; ", ", "))) if coop else \
                (self.ch(("Các cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị, địa phương", "")), [])
            content = title.format(year=self.year)
            if docs and self.rand() < 0.5:
                content += ": " + self.cite(docs.pop(), "mention")
            cells = {"STT": str(i + 1), "TT": str(i + 1), "Hình thức tuyên truyền": self.ch(FORMS)[:-1],
                     "Sản phẩm": self.ch(("Tin, bài", "Phóng sự", "Báo cáo", "Tài liệu tập huấn"))}
            row = []
            for c in cols:
                if c in cells:
                    row.append(cells[c])
                elif c.startswith(("Nội dung", "Nhiệm vụ")):
                    row.append(content)
                elif "chủ trì" in c:
                    row.append(lt)
                elif "phối hợp" in c:
                    row.append(ct)
                else:
                    row.append(self.ch(TIMES).format(year=self.year))
            rows.append("\t".join(row))
            self.assign(f"PL.{i + 1}", la, ca)
        if "table_cells" in self.vary:
            return self.web_table([r.split("\t") for r in rows if r])
        return "\n".join(rows)

    def web_table(self, rows: list[list[str]]) -> str:
        """A table as a page of a legal-text site writes it: each cell after a '|' line, its text wrapped
        over lines, the header bold; two '|' lines between rows."""
        out = []
        for row in rows:
            header = row[0] in ("STT", "TT")
            for cell in row:
                out.append("|")
                if cell:
                    text = f"**{cell}**" if header else cell
                    out.append(self.wrap_inside(text, True, 30 + int(self.vr() * 20)))
            out.append("|")
        return "\n".join(out)

    def duties(self, heads: list[Form], snv: str) -> tuple[list[str], list[str]]:
        """One to three duties of the heads, some with partners: (the sentences, the partners' answers)."""
        partners: list[str] = []
        duties = []
        for _ in range(self.rng.randint(1, 3)):
            if self.rand() < 0.45:
                coop = self.pick(self.ch((1, 1, 2)), exclude={f.id for f in heads})
                ct, ca = self.join(coop, start=False)
                partners += ca
                duties.append(self.ch(DUTIES_PARTNER).format(P=ct, year=self.year))
            else:
                duties.append(self.ch(DUTIES_SOLO).format(ubnd=self.ubnd if self.issuer != "huyen" else
                                                             f"UBND {self.district}", snv=snv, year=self.year))
        return duties, partners

    def responsibilities(self, roman: str) -> None:
        rng = self.rng
        n = rng.randint(3, 8)
        used: set[str] = set()
        snv = ("Văn phòng Bộ" if self.ministry is not None else self.form("so-noi-vu").text if self.issuer != "huyen"
               else self.form("phong-noi-vu-cap-huyen").text)
        # grouped_duties: one way of heading an agency's bullets through the section, as a plan keeps it
        group_heading = self.vch(("{no}{ht}:", "**{no}{ht}**", "{letter}) {ht}", "**{ht}**"))
        for i in range(n):
            k = self.ch((1, 1, 1, 1, 2, 2, 3))
            heads = self.pick(k, exclude=used)
            if not heads:
                break
            used |= {f.id for f in heads}
            ht, ha = self.join(heads, generic=False)
            duties, partners = self.duties(heads, snv)
            pair = None
            if self.issuer != "stttt" and heads[0].id in ("ubnd-cap-huyen",) and self.rand() < 0.5:
                a, b = self.form("phong-noi-vu-cap-huyen"), self.form("phong-van-hoa-va-thong-tin")
                duties.append(f"Chỉ đạo {a.text} phối hợp với {b.text} tổ chức công tác tuyên truyền cải cách hành "
                              "chính trên địa bàn.")
                pair = ([a.answer + _DISTRICT_SUFFIX], [b.answer + _DISTRICT_SUFFIX])
            no = f"{i + 1}. "
            form = self.rand()
            grouped = "grouped_duties" in self.vary and len(heads) == 1
            if grouped:  # the agency heads its bullets: '2. Sở Y tế:', '**2. Sở Y tế**', 'b) Sở Y tế'
                form = 0.0
            addressed = heads[0].id in ADDRESSED
            lead_in = ("Đề nghị " if addressed or self.rand() < 0.1 else
                       "Giao " if self.rand() < 0.08 else "")
            if grouped:
                self.paras.append(group_heading.format(no=no, ht=ht, letter=LETTERS[i]))
                bullets = "dash"
            if form < 0.4 and not grouped:
                self.paras.append(f"{no}{lead_in}{ht}" + (" có trách nhiệm" if not lead_in and self.rand() < 0.3
                                                           else (":" if self.rand() < 0.3 else "")))
                bullets = "letters" if self.rand() < 0.4 else "dash"
            if form < 0.4:
                for j, d in enumerate(duties):
                    self.paras.append((f"{LETTERS[j]}) " if bullets == "letters" else "- ") + d)
            elif form < 0.8:
                self.paras.append(f"{no}{lead_in}{ht}: " + " ".join(duties))
            else:
                first = duties[0]
                self.paras.append(f"{no}{lead_in}{ht} {first[:1].lower()}{first[1:]}" +
                                  ("" if len(duties) == 1 else " " + " ".join(duties[1:])))
            self.assign(f"{roman}.{i + 1}", ha, partners)
            if pair:
                self.assign(f"{roman}.{i + 1}.a", *pair)
