"""The documents a plan may cite: the central ones of the catalogue and each province's own series."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from cancu.ontology.knowledge import Knowledge, Province

from benchmarks.synth.names import _date_in, _kindify, _person, _prov_name
from benchmarks.synth.vocabulary import _CORE, MERGER


@dataclass(frozen=True)
class Doc:
    type: str
    number: str            # canonical: 3223/QĐ-UBND, 61/2018/NĐ-CP
    date: date | None
    issuer: str            # as the answers write it: "UBND tỉnh Bình Phước", "Chính phủ"
    issuer_texts: tuple[str, ...]  # as a citation writes it after "của"
    title: str | None
    national: bool = False
    bo_truong: str | None = None  # "Bộ trưởng Bộ Nội vụ": the signer's form of a ministry issuer


_CITABLE: dict[tuple[int, date, int, bool], tuple[list[Doc], tuple[list[Doc], list[int]]]] = {}


def _citable(docs: list[Doc], issued: date, year: int, post: bool, national: bool) -> tuple[list[Doc], list[int]]:
    """The documents a plan issued on `issued` for `year` may cite, with how likely each is."""
    key = (id(docs), issued, year, post)
    hit = _CITABLE.get(key)
    # the entry keeps its list alive and is checked against it: the id of a list freed with an earlier
    # corpus may be given to another province's list
    if hit is None or hit[0] is not docs:
        if len(_CITABLE) > 20000:
            _CITABLE.clear()
        hit = _CITABLE[key] = (docs, _citable_now(docs, issued, year, post, national))
    return hit[1]


def _citable_now(docs: list[Doc], issued: date, year: int, post: bool, national: bool
                 ) -> tuple[list[Doc], list[int]]:
    if national:
        out = [d for d in docs if d.date and d.date < issued]
        if year < 2025 or not post:
            out = [d for d in out if d.number not in ("202/2025/QH15", "72/2025/QH15")]
        return out, [_CORE.get(d.number, 1) * (3 if d.date and d.date.year >= year - 1 else 1) for d in out]
    lo = max(date(year - 2, 1, 1), MERGER) if post else date(year - 2, 1, 1)
    out = [d for d in docs if d.date and lo <= d.date < issued and not d.number.endswith("TTr-SNV")]
    return out, [3 if d.date and d.date.year >= year - 1 else 1 for d in out]


@dataclass
class ProvinceWorld:
    """One province's own documents, people and agencies' written forms, made once per generation."""

    province: Province
    docs: list[Doc]
    chairs: dict[int, tuple[str, str]]   # year -> (chair, vice chair) names
    directors: dict[tuple[str, int], str]


def _central_docs(kb: Knowledge) -> list[Doc]:
    out = []
    for d in kb.catalogue:
        if not d.number or not d.date or d.type == "Luật":
            continue  # laws are cited by name and date ('Luật Tổ chức chính quyền địa phương ngày …')
        ag = kb.agency_by_id.get(d.issuer or "")
        name = ag.name if ag else "Chính phủ"
        texts = (name,)
        if ag and ag.id == "thu-tuong-chinh-phu":
            texts = ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "Thủ tướng")
        title = d.title
        if title and re.search(r"\d+/|\d+-[A-Z]", title):
            title = None  # a title citing another document would cite it too
        out.append(Doc(d.type, d.number, date.fromisoformat(d.date), name, texts, title, True,
                       f"Bộ trưởng {name}" if ag and ag.level == "ministry" and name.startswith("Bộ ") else None))
    return out


class _Numbers:
    """A province's document series: numbers grow through the year, some come from a pool every
    province shares (so 3223/QĐ-UBND is a different document in each province that has one)."""

    def __init__(self, rng: random.Random, shared: list[int]):
        self.rng = rng
        self.shared = shared
        self.volume = rng.randint(900, 4200)
        self.used: set[tuple[int, str, int]] = set()

    def take(self, d: date, code: str, volume: int | None = None) -> int:
        vol = volume or self.volume
        for _ in range(50):
            if self.rng.random() < 0.35:
                n = self.rng.choice(self.shared) % vol + 1
            else:
                n = max(1, int(vol * d.timetuple().tm_yday / 366 * self.rng.uniform(0.8, 1.1)))
            if (d.year, code, n) not in self.used:
                self.used.add((d.year, code, n))
                return n
        n = max(k for y, c, k in self.used if (y, c) == (d.year, code)) + 1
        self.used.add((d.year, code, n))
        return n


# add(type, code, date, issuer, issuer_texts, title, volume=None): one document of the series
_Add = Callable[..., None]


def _world(kb: Knowledge, p: Province, seed: int, shared: list[int]) -> ProvinceWorld:
    rng = random.Random(f"{seed}:{p.id}")
    num = _Numbers(rng, shared)
    full = _prov_name(p)
    u_issuer = _kindify("UBND tỉnh", p) + " " + p.name
    u_texts = (_kindify("UBND tỉnh", p), _kindify("Ủy ban nhân dân tỉnh", p), f"UBND {full}",
               _kindify("Chủ tịch UBND tỉnh", p))
    snv_issuer = f"Sở Nội vụ {full}"
    docs: list[Doc] = []

    def add(type_: str, code: str, d: date, issuer: str, texts: tuple[str, ...], title: str,
            volume: int | None = None) -> None:
        docs.append(Doc(type_, f"{num.take(d, code, volume)}/{code}", d, issuer, texts, title))

    post = p.exists_until is None
    for y in range(2018, 2027):
        if y >= 2026 and not post:
            break
        _documents_of_the_year(add, rng, y, post, full, u_issuer, u_texts, snv_issuer)
    d21 = _date_in(rng, date(2021, 8, 1), date(2021, 11, 30))
    add("Quyết định", "QĐ-UBND", d21, u_issuer, u_texts,
        "ban hành Kế hoạch cải cách hành chính nhà nước giai đoạn 2021 - 2025 trên địa bàn tỉnh")
    d22 = _date_in(rng, date(2021, 10, 1), date(2022, 6, 30))
    docs.append(Doc("Nghị quyết", f"{rng.randint(1, 12):02d}-NQ/TU", d22, f"Ban Chấp hành Đảng bộ {full}",
                    ("Ban Chấp hành Đảng bộ tỉnh", f"Ban Chấp hành Đảng bộ {full}", _kindify("Tỉnh ủy", p)),
                    "về chuyển đổi số đến năm 2025, định hướng đến năm 2030"))
    d_old = _date_in(rng, date(2015, 3, 1), date(2018, 12, 31))
    docs.append(Doc("Quyết định", f"{rng.randint(5, 60)}/{d_old.year}/QĐ-UBND", d_old, u_issuer, u_texts,
                    "ban hành Quy định trách nhiệm của cán bộ, công chức, viên chức trong thực hiện nhiệm vụ"))
    docs.sort(key=lambda d: d.date or date.min)
    chairs = {y: (_person(rng), _person(rng)) for y in range(2018, 2027)}
    directors = {(k, y): _person(rng) for k in ("snv", "stttt") for y in range(2018, 2027)}
    return ProvinceWorld(p, docs, chairs, directors)


def _documents_of_the_year(add: _Add, rng: random.Random, y: int, post: bool, full: str, u_issuer: str,
                           u_texts: tuple[str, ...], snv_issuer: str) -> None:
    """The documents a province issues every year for its administrative reform, in their draw order."""
    pre_span = (date(y - 1, 10, 15), date(y - 1, 12, 31)) if y <= 2025 else (date(2025, 10, 1), date(2025, 12, 31))
    if y <= 2025:
        add("Quyết định", "QĐ-UBND", _date_in(rng, *pre_span), u_issuer, u_texts,
            f"ban hành Kế hoạch cải cách hành chính nhà nước năm {y} trên địa bàn tỉnh")
        add("Kế hoạch", "KH-UBND", _date_in(rng, date(y - 1, 12, 1), date(y, 3, 31)), u_issuer, u_texts,
            f"tuyên truyền cải cách hành chính năm {y}")
        add("Kế hoạch", "KH-SNV", _date_in(rng, date(y - 1, 12, 10), date(y, 1, 31)), snv_issuer,
            ("Sở Nội vụ", "Sở Nội vụ"), f"triển khai công tác cải cách hành chính năm {y}", 900)
        add("Văn bản", "SNV-CCHC", _date_in(rng, date(y, 1, 2), date(y, 4, 30)), snv_issuer,
            ("Sở Nội vụ",), f"về việc hướng dẫn triển khai nhiệm vụ cải cách hành chính năm {y}", 2600)
        add("Tờ trình", "TTr-SNV", _date_in(rng, date(y, 1, 2), date(y, 3, 20)), snv_issuer, ("Sở Nội vụ",),
            f"về việc ban hành Kế hoạch tuyên truyền cải cách hành chính năm {y}", 600)
        add("Kế hoạch", "KH-STTTT", _date_in(rng, date(y - 1, 12, 1), date(y, 1, 31)),
            f"Sở Thông tin và Truyền thông {full}", ("Sở Thông tin và Truyền thông", "Sở TT&TT"),
            f"thực hiện công tác cải cách hành chính năm {y}", 300)
        add("Kế hoạch", "KH-UBND", _date_in(rng, date(y, 1, 5), date(y, 4, 30)), u_issuer, u_texts,
            f"chuyển đổi số tỉnh năm {y}")
        add("Quyết định", "QĐ-UBND", _date_in(rng, date(y, 2, 1), date(y, 10, 30)), u_issuer, u_texts,
            "ban hành Bộ chỉ số đánh giá, xếp hạng kết quả thực hiện cải cách hành chính của các cơ quan, đơn "
            "vị, địa phương")
    if post and y >= 2025:
        lo = max(MERGER, date(y - 1, 10, 1))
        add("Quyết định", "QĐ-UBND", _date_in(rng, lo, date(y, 12, 31) if y == 2025 else date(y, 2, 28)),
            u_issuer, u_texts, f"ban hành Kế hoạch cải cách hành chính nhà nước năm {y}" if y > 2025 else
            "ban hành Kế hoạch cải cách hành chính nhà nước 6 tháng cuối năm 2025")
        if y == 2025:
            add("Kế hoạch", "KH-UBND", _date_in(rng, date(2025, 7, 10), date(2025, 9, 30)), u_issuer, u_texts,
                "triển khai mô hình chính quyền địa phương hai cấp trên địa bàn tỉnh")
        add("Văn bản", "SNV-CCHC", _date_in(rng, lo, date(y, 12, 31) if y == 2025 else date(y, 3, 31)),
            snv_issuer, ("Sở Nội vụ",), f"về việc triển khai nhiệm vụ cải cách hành chính năm {y}", 2600)


# --- agencies as a plan writes them -------------------------------------------------------------------------
