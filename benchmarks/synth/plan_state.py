"""One plan being written: its random streams, the agencies and documents it may name, and the
answers it keeps as it writes (the parts of the text are in plan_header, plan_bases, plan_body)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cancu.ontology.knowledge import Agency, Province

from benchmarks.synth.documents import Doc, ProvinceWorld, _citable
from benchmarks.synth.names import _DISTRICT_LEVEL, Form, _cap, _cast, _kindify, _pool, _prov_name
from benchmarks.synth.vocabulary import _DISTRICT_SUFFIX, synth_data

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k")


@dataclass
class PlanState:
    """What a plan knows while it is written; the parts that write it subclass this."""

    rng: random.Random
    world: ProvinceWorld
    central: list[Doc]
    year: int
    issued: date
    issuer: str          # ubnd | snv | stttt | huyen
    post: bool
    district: str | None
    ocr: bool
    typo: bool
    blank: bool
    paras: list[str] = field(default_factory=list)
    bases: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    named: list[dict[str, Any]] = field(default_factory=list)
    coordination: list[dict[str, Any]] = field(default_factory=list)
    _identity: dict[str, str] = field(default_factory=dict)  # answer name → agency id
    seen: set[tuple[str, date | None]] = field(default_factory=set)
    seen_numbers: set[str] = field(default_factory=set)
    typo_left: int = 1
    broken: bool = False
    markdown: bool = False
    own_number: str = ""
    number: str | None = None
    suffix: str = ""
    date_iso: str | None = None
    month: int | None = None
    sections_start: int = 0
    section_no: int = 0
    signer: dict[str, str] | None = None
    vary: frozenset[str] = frozenset()  # the variations it is written with (synth.yaml)
    vrng: random.Random = field(default_factory=random.Random)  # their choices: apart from the plan's stream
    ministry: Agency | None = None  # the issuer of a ministry's plan
    nested: list[dict[str, Any]] = field(default_factory=list)  # documents named inside a basis line
    title: str = ""
    _grouped: tuple[list[Doc], list[Doc]] = field(default_factory=lambda: ([], []))
    p: Province = field(init=False)
    full: str = field(init=False)
    ubnd: str = field(init=False)
    cast: dict[str, tuple[Form, ...]] = field(init=False)
    rand: Any = field(init=False)
    ch: Any = field(init=False)

    def __post_init__(self) -> None:
        p = self.world.province
        self.p = p
        self.full = _prov_name(p)
        self.ubnd = _kindify("UBND tỉnh", p)
        self.cast = _cast(p, self.post)
        self._pool = _pool(self.issuer, self.post)
        self._distinct = len(set(self._pool))
        rand = self.rng.random
        self.rand = rand

        def ch(seq: Any) -> Any:  # rng.choice, five times as fast, as deterministic
            return seq[int(rand() * len(seq))]

        self.ch = ch
        # the documents this plan can cite: issued before it (local ones from the last two years)
        self._nat, self._nat_w = _citable(self.central, self.issued, self.year, self.post, True)
        self._loc, self._loc_w = _citable(self.world.docs, self.issued, self.year, self.post, False)
        self.vr = self.vrng.random
        if self.ministry is not None:  # a ministry's plan: the whole country, national parties, no local documents
            self.full, self.ubnd = "cả nước", f"Lãnh đạo {self.ministry.name}"
            names = tuple(synth_data()["central_units"]) + tuple(synth_data()["central_partners"])
            self.cast = {n: (Form(n, n, n),) for n in names}
            self._pool, self._distinct = names, len(names)
            self._loc, self._loc_w = [], []
        elif "merged_names" in self.vary:  # the merged bodies named more often
            merged = tuple(a for a in synth_data()["merged_bodies"] if a in self.cast)
            self._pool = merged + merged + self._pool

    def vch(self, seq: Any) -> Any:
        """A variation's choice, from its own stream."""
        return seq[int(self.vr() * len(seq))]

    # -- agencies
    def form(self, aid: str) -> Form:
        forms = self.cast[aid]
        r = self.rand()
        if r < 0.7 or len(forms) == 1:
            return forms[0]
        return forms[1 + int((r - 0.7) / 0.3 * (len(forms) - 1)) % (len(forms) - 1)]

    def pick(self, k: int, exclude: set[str] | frozenset[str] = frozenset()) -> list[Form]:
        pool, rand = self._pool, self.rand
        n = len(pool)
        k = min(k, self._distinct - len(exclude))
        chosen: list[str] = []
        tries = 0
        while len(chosen) < k and tries < 60:
            tries += 1
            a = pool[int(rand() * n)]
            if a not in chosen and a not in exclude:
                chosen.append(a)
        out = []
        for a in chosen:
            f = self.form(a)
            if a in _DISTRICT_LEVEL and self.issuer != "huyen":
                f = Form(f.text + _DISTRICT_SUFFIX, f.answer + _DISTRICT_SUFFIX, f.id)
            self._identity.setdefault(f.answer, f.id)
            out.append(f)
        return out

    def join(self, forms: list[Form], generic: bool = True, distribute: bool = True,
             sep: str | None = None, start: bool = True) -> tuple[str, list[str]]:
        """A written list of agencies and the names the answers give them."""
        answers = [f.answer for f in forms]
        texts = [f.text for f in forms]
        sos = [i for i, f in enumerate(forms) if f.so_name]
        if distribute and len(sos) >= 2 and self.rand() < 0.3:
            head = self.ch(("các Sở: ", "các sở: ", "các Sở "))
            dist = head + ", ".join(forms[i].so_name or "" for i in sos)
            texts = [t for i, t in enumerate(texts) if i not in sos]
            if texts:
                sep = "; "  # the distributive list goes last, after a semicolon: 'Văn phòng UBND tỉnh; các Sở: …'
            texts.append(dist)
        if sep is None:
            commas = any("," in t for t in texts)
            sep = "; " if commas and self.rand() < 0.6 else ", "
        if len(texts) > 1 and sep == ", " and self.rand() < 0.5:
            text = ", ".join(texts[:-1]) + " và " + texts[-1]
        else:
            text = sep.join(texts)
        if generic and self.rand() < 0.35:
            text += self.ch((" và các cơ quan, đơn vị có liên quan", ", các cơ quan, đơn vị liên quan",
                                     " và các đơn vị có liên quan"))
        return (_cap(text) if start else text), answers

    def assign(self, activity: str, lead: list[str], coop: list[str], invited: list[str] | None = None) -> None:
        # one agency written two ways ('Các sở, ban, ngành' and '… của tỉnh') is one party
        seen: set[str] = set()
        lead, coop = self._one_each(lead, seen), self._one_each(coop, seen)
        entry: dict[str, Any] = {"activity": activity, "lead": lead, "cooperating": coop}
        if invited:
            entry["invited"] = invited
        if lead:
            self.coordination.append(entry)

    def _one_each(self, names: list[str], seen: set[str]) -> list[str]:
        out = []
        for n in names:
            key = self._identity.get(n, n)
            if key not in seen:
                seen.add(key)
                out.append(n)
        return out

    # -- citations
    def date_text(self, d: date, slip: bool = False) -> tuple[str, str | None]:
        y = f"20{d.year}" if slip else str(d.year)  # '06/12/202021'
        r = self.rand()
        if r < 0.15:
            text = f"ngày {d.day:02d} tháng {d.month:02d} năm {y}"
        elif r < 0.55:
            text = f"ngày {d.day:02d}/{d.month:02d}/{y}"
        else:
            text = f"ngày {d.day}/{d.month}/{y}"
        return text, (text[5:] if slip else None)

    def cite(self, doc: Doc, role: str, with_type: bool = True, with_issuer: bool = True,
             with_title: bool | None = None, dated: bool = True) -> str:
        """'Quyết định số 3223/QĐ-UBND ngày 27/12/2021 của UBND tỉnh ban hành …' and its answer."""
        number = doc.number
        written = None
        if self.ocr and "Đ" in number:
            number = number.replace("Đ", self.ch("DDDP"))
            if "QP-" in number or "NP-" in number:
                written = number
        ans: dict[str, Any] = {"type": doc.type, "number": doc.number,
                               "date": doc.date.isoformat() if doc.date and dated else None, "issuer": doc.issuer}
        slip_date = slip_code = False
        if self.typo and self.typo_left and doc.date and dated and doc.number not in self.seen_numbers:
            self.typo_left = 0
            if doc.number.endswith("QĐ-TTg"):
                slip_code = True  # 263/QĐ-TT for 263/QĐ-TTg
            else:
                slip_date = True  # 06/12/202021
        if slip_code:
            number = number.replace("-TTg", "-TT")
            written = number
        if written:
            ans["written_as"] = written
        text = f"{doc.type} số {number}" if with_type else f"số {number}"
        if doc.date and dated:
            dt, w = self.date_text(doc.date, slip_date)
            text += " " + dt
            if slip_date:
                ans["written_as_date"] = w
        if with_issuer:
            issuer = self.ch(doc.issuer_texts)
            if doc.bo_truong and self.rand() < 0.3:
                issuer = doc.bo_truong
                ans["written_as_issuer"] = issuer
            text += f" của {issuer}"
        inner = self.nested_doc(doc) if role == "basis" else None
        if inner is not None:  # 'Quyết định số X … sửa đổi, bổ sung một số điều của Quyết định số Y …'
            text += f" {self.vch(synth_data()['nesting_phrases'])} {inner}"
        elif doc.title and (with_title if with_title is not None else self.rand() < 0.75):
            text += " " + doc.title if doc.title.startswith(("về", "ban hành", "phê duyệt", "quy định", "sửa đổi",
                                                                  "hướng dẫn")) else f" về {doc.title}"
        key = (doc.number, doc.date if dated else None)
        if key not in self.seen:
            self.seen.add(key)
            self.seen_numbers.add(doc.number)
            if not dated:
                ans["issuer_inferred"] = True
            (self.bases if role == "basis" else self.mentions).append(ans)
        return text

    def nested_doc(self, doc: Doc) -> str | None:
        """An older document named inside `doc`'s basis line (nested_bases), answered in nested_in_bases
        and never cited again in the plan; None when this line names none."""
        if "nested_bases" not in self.vary or len(self.nested) >= 2 or not doc.date or self.vr() < 0.5:
            return None
        pool = self._nat if doc.national else self._loc
        older = [d for d in pool if d.date and d.date < doc.date and d.number not in self.seen_numbers
                 and d.number != doc.number]
        if not older:
            return None
        inner = self.vch(older)
        assert inner.date is not None
        self.seen.add((inner.number, inner.date))
        self.seen_numbers.add(inner.number)
        self.nested.append({"type": inner.type, "number": inner.number, "date": inner.date.isoformat(),
                            "issuer": inner.issuer})
        return (f"{inner.type} số {inner.number} ngày {inner.date.day:02d}/{inner.date.month:02d}/"
                f"{inner.date.year} của {self.vch(inner.issuer_texts)}")

    def available(self, national: bool, k: int) -> list[Doc]:
        docs, w = (self._nat, self._nat_w) if national else (self._loc, self._loc_w)
        if not docs:
            return []
        out: list[Doc] = []
        picks = self.rng.choices(docs, w, k=k * 3)
        for d in picks:
            if d not in out and d.number not in self.seen_numbers and all(d.number != o.number for o in out):
                out.append(d)
                if len(out) == k:
                    break
        return out

    # -- sections
    def heading(self, text: str, level: int = 1) -> str:
        if self.markdown:
            return ("## **" if level == 1 else "### **") + text + "**"
        return text
