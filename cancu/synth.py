"""Synthetic plans with their answers: a corpus of any size to measure extraction and scale on.

    >>> from pathlib import Path
    >>> import tempfile
    >>> answers = generate(3, seed=1, out=Path(tempfile.mkdtemp()))
    >>> import json; [p["plan"]["year"] > 2018 for p in json.loads(answers.read_text())["plans"]]
    [True, True, True]

`generate(plans, seed, out)` writes `plans` Kế hoạch tuyên truyền cải cách hành chính as .txt files in
subfolders of 1,000 (OUT/000/, OUT/001/, …) and OUT/answers.json, the answers in the format of
../shared/gold/seeds.json, so `score_extraction.py OUT/answers.json EXTRACT.jsonl` scores an extraction.

Everything a plan names comes from ontology/data: the 63 provinces before the 2025 merger (plans for
2019-2025) and the 34 after it (plans for 2025-2026), the agencies with their aliases, the central
documents of catalogue.yaml with their real dates. Each province gets its own local documents
("3223/QĐ-UBND ngày 27/12/2021 của UBND tỉnh"), numbered in its own series, so the same local number
names different documents in different provinces and years. The generator's own data is in cancu/data:
synth_plans.yaml (the words of a plan, real districts, names, the parties a plan gives work to) and
synth.yaml (how it spells out short forms, and the variations). The answers are what the generator
wrote, spelled out by these tables: it imports nothing from the extractor (cancu.loaders).

Layouts are those of real plans: labelled lines ("- Cơ quan chủ trì: …"), "Đơn vị thực hiện: A chủ trì,
B phối hợp", prose ("Sở Nội vụ chủ trì, phối hợp với …"), numbered responsibilities under "Tổ chức thực
hiện" ("Đề nghị Ban Tuyên giáo Tỉnh ủy …"), tab-separated appendix tables continued across pages with
the header repeated, distributive lists ("các Sở: Nội vụ, Tư pháp"). Noise comes at fixed rates (RATES):
OCR without diacritics, PDF line breaks, typos in dates and issuer codes, blank numbers and dates.
The answers follow the gold file's rules: a corrected slip keeps the text's form in `written_as…`,
OCR plans' answers have their diacritics, generic parties are left out.

Variations (synth.yaml, `variations=` / `--variations`) are the ways real plans differ from this layout,
one per failure class of issues 16 and 17, each on for a share of the plans and drawn from a stream of
its own (so a plan without one is written as it would be without any): web-page headers and tables,
laws by name and date, numbered CĂN CỨ PHÁP LÝ lists, ministries' plans (province null), plans issued by
a decision, the old tone placement, documents nested in a basis line (answered in nested_in_bases),
short forms of a basis in the body, wrapped task labels, duties grouped under an agency, post-2025
merged bodies. The default set is the one the extractor reads as well as plain plans today;
benchmarks/synth_variations.py scores each class alone.

Same seed, same files, byte for byte. One process writes about 5,000 plans a second; answers are
streamed to disk, so memory does not grow with the number of plans.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cancu.ontology.knowledge import Agency, Knowledge, Province, knowledge

__all__ = ["PER_FOLDER", "RATES", "generate", "plan_texts"]

PER_FOLDER = 1000
# share of plans with each kind of noise (independent draws)
RATES = {"ocr": 0.05, "broken_lines": 0.20, "typo": 0.03, "blank": 0.05}
MERGER = date(2025, 7, 1)
REORG = date(2025, 3, 1)  # the Sở mergers (Nghị định 45/2025/NĐ-CP)

ABOUT = (
    "Synthetic plans written by cancu.synth (seed {seed}), with their answers in the format of the hand-checked "
    "gold file ../shared/gold/seeds.json and under the same rules: 'plan.year' is the year the title covers, "
    "'date' the date of issue (null where the text leaves it blank, with 'number_suffix' for a blank number); "
    "'legal_bases' are the numbered documents of the opening Căn cứ / Thực hiện / Theo đề nghị paragraphs (or "
    "the Căn cứ pháp lý section) in order, 'mentions' the other numbered documents of the body, each once; a "
    "slip the key corrects keeps the text's form in 'written_as' (263/QĐ-TT, OCR 749/QP-TTg), "
    "'written_as_date' (06/12/202021) or 'written_as_issuer'; numbers and names are written with their "
    "diacritics, also for the OCR plans. 'coordination' has one entry per assignment of work (activity items "
    "with labels, appendix table rows, prose 'A chủ trì, phối hợp với B', numbered responsibilities of 'Tổ "
    "chức thực hiện'); 'lead' is the agency addressed or chủ trì, 'cooperating' the partners named; "
    "distributive lists are expanded; generic parties ('các cơ quan, đơn vị có liên quan') are left out; "
    "invited parties go in 'invited'. Province, agency and document names come from ontology/data; district "
    "names from a short list in cancu/data/synth_plans.yaml. With variations on (generator.variations, and "
    "each plan's 'variations'): a law cited by name and date has number null, type Luật, the date and its "
    "'name'; a document named inside a basis line is in 'nested_in_bases', not a basis; a ministry's plan "
    "has province null; a plan issued by a decision has the decision's number, date and Căn cứ, and "
    "'issued_by'; agencies written in short forms or the old tone placement are answered in full, in the "
    "new one."
)

# --- data that ontology/data does not hold ----------------------------------------------------------------

DATA = Path(__file__).with_name("data") / "synth.yaml"


@cache
def synth_data() -> dict[str, Any]:
    """cancu/data/synth.yaml: the generator's own tables (short forms, variations, their words)."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@cache
def _short_forms() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {str(k): str(v) for k, v in synth_data()["abbreviations"].items()}
    alts = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w&-])(?:" + alts + r")(?![\w&-])"), table


def spell_out(name: str) -> str:
    """'UBND các huyện, TX, TP' → 'UBND các huyện, thị xã, thành phố', by the generator's own table."""
    pattern, table = _short_forms()
    return pattern.sub(lambda m: table[m.group(0)], name)


def answer_form(name: str) -> str:
    """A name as the answers write it: 'Ủy ban nhân dân' is 'UBND' inside agency names, the gold's rule
    (synth.yaml answer_forms)."""
    for written, answer in synth_data()["answer_forms"].items():
        name = name.replace(written, answer)
    return name


_CAPITALS = re.compile(r"\b[A-ZĐ][A-ZĐ&\-]+\b")  # 'SNV', 'TT&TT', 'BTG'
_MIXED = re.compile(r"\b\w*[a-zđ][A-ZĐ]\w*\b")  # 'NgV'


def has_short_forms(name: str) -> bool:
    """Whether a name still has capitals standing for words ('Sở TN&MT', 'Hội LHPN tỉnh', 'Sở NgV')."""
    standard = set(synth_data()["standard_capitals"])
    return ("&" in name or _MIXED.search(name) is not None
            or any(t not in standard for t in _CAPITALS.findall(name)))


# --- variations: the ways real plans differ from the plain layout --------------------------------------------

@cache
def variation_rates() -> dict[str, float]:
    """Every variation the generator can write, with its rate, in synth.yaml's order."""
    return {str(name): float(v["rate"]) for name, v in synth_data()["variations"].items()}


def default_variations() -> dict[str, float]:
    """The variations a plain `cancu synth` writes: those the extractor reads well today."""
    marked = synth_data()["variations"]
    return {n: r for n, r in variation_rates().items() if marked[n].get("default")}


def parse_variations(spec: str | Iterable[str] | Mapping[str, float] | None) -> dict[str, float]:
    """'all', 'none', 'default', or names with an optional rate ('web_header,law_by_name=1') → {name: rate}.
    None is the default set."""
    if spec is None:
        return default_variations()
    if isinstance(spec, Mapping):
        items = [f"{k}={v}" for k, v in spec.items()]
    elif isinstance(spec, str):
        items = [t.strip() for t in spec.split(",") if t.strip()]
    else:
        items = list(spec)
    known = variation_rates()
    out: dict[str, float] = {}
    for item in items:
        name, _, rate = item.partition("=")
        if name in ("all", "default"):
            out.update(known if name == "all" else default_variations())
            continue
        if name == "none":
            continue
        if name not in known:
            raise ValueError(f"unknown variation '{name}': one of {', '.join(known)}, all, default, none")
        out[name] = float(rate) if rate else known[name]
        if not 0.0 <= out[name] <= 1.0:
            raise ValueError(f"the rate of '{name}' must be between 0 and 1, got {rate}")
    return {n: out[n] for n in known if n in out}  # synth.yaml's order, whatever the spec's


def _drawn_variations(seed: int, index: int, rates: Mapping[str, float]) -> frozenset[str]:
    """The variations of one plan, from a stream of their own: one draw per known variation, so a plan's
    draw for one does not depend on which others are on, and with none on, plans are as before."""
    vr = random.Random(f"{seed}:variations:{index}")
    return frozenset(n for n in variation_rates() if vr.random() < rates.get(n, 0.0))


@cache
def _old_tones() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {str(k): str(v) for k, v in synth_data()["old_tones"].items()}
    return re.compile("(?:" + "|".join(table) + r")(?!\w)"), table


def old_tones(text: str) -> str:
    """'Hòa', 'Ủy ban', 'thủy' → 'Hoà', 'Uỷ ban', 'thuỷ': the old tone placement, where a syllable ends."""
    pattern, table = _old_tones()
    return pattern.sub(lambda m: table[m.group(0)], text)


PLANS_DATA = DATA.with_name("synth_plans.yaml")


@cache
def plan_words() -> dict[str, Any]:
    """cancu/data/synth_plans.yaml: the words, districts, names and parties of a plan."""
    return yaml.safe_load(PLANS_DATA.read_text(encoding="utf-8"))


_W = plan_words()
DISTRICTS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _W["districts"].items()}
SURNAMES, MIDDLES, GIVEN = (tuple(_W["people"][k]) for k in ("surnames", "middle_names", "given_names"))
PURPOSES, REQUIREMENTS, AUDIENCE, CONTENTS, FORMS, ACTIVITIES, TIMES = (tuple(_W[k]) for k in (
    "purposes", "requirements", "audience", "contents", "forms", "activities", "times"))
# duties of a numbered responsibility; {P} is a partner list, the sentence names it as a partner
DUTIES_PARTNER, DUTIES_SOLO = tuple(_W["duties_with_partners"]), tuple(_W["duties_alone"])
FUNDING, CLOSINGS = tuple(_W["funding"]), tuple(_W["closings"])
# agencies a provincial plan gives work to, by id in agencies.yaml; (pre-2025, post-2025)
_DEPTS_PRE, _DEPTS_POST, _OTHERS_PRE, _OTHERS_POST, _GROUPS_PRE, _GROUPS_POST, _STTTT_UNITS, _DISTRICT_UNITS = (
    tuple(_W["agencies"][k]) for k in ("departments_before_2025", "departments_after_2025", "others_before_2025",
                                       "others_after_2025", "groups_before_2025", "groups_after_2025",
                                       "units_of_the_sttt", "units_of_a_district"))
_DISTRICT_SUFFIX = " các huyện, thị xã, thành phố"
# central documents a plan stands on more often than the others (weights for choosing)
_CORE: dict[str, int] = dict(_W["core_documents"])


# --- documents ---------------------------------------------------------------------------------------------

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


@cache
def knowledge_names() -> dict[str, str]:
    """Central documents plans name without a number: number -> the name."""
    return {d.number: d.names[0] for d in knowledge().catalogue if d.number and d.names and d.type != "Luật"}


def _prov_name(p: Province) -> str:
    return f"{p.kind} {p.name}"


def _kindify(name: str, p: Province) -> str:
    """'UBND tỉnh' in a thành phố trực thuộc trung ương is 'UBND thành phố'."""
    return name if p.kind != "thành phố" else _city_form(name)


@cache
def _city_form(name: str) -> str:
    name = name.replace("Tỉnh ủy", "Thành ủy").replace("Tỉnh đoàn", "Thành đoàn")
    return re.sub(r"\btỉnh\b", "thành phố", name)


def _lower_les(name: str) -> str:
    """'Các sở, ban, ngành' reads 'các sở, ban, ngành' inside a sentence."""
    return "c" + name[1:] if name.startswith("Các ") else name


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _date_in(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


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
    first = 2018
    for y in range(first, 2027):
        if y >= 2026 and not post:
            break
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


# --- agencies as a plan writes them -------------------------------------------------------------------------

@dataclass(frozen=True)
class Form:
    text: str
    answer: str
    id: str
    so_name: str | None = None  # "Nội vụ" for "Sở Nội vụ": usable in "các Sở: Nội vụ, Tư pháp"


def _forms(a: Agency, p: Province, post: bool) -> list[Form]:
    """The ways a plan writes this agency, each with the name the answers give (canonical, full)."""
    city = p.kind == "thành phố"
    base = _kindify(a.name, p)
    forms = [Form(_lower_les(base), _cap(base), a.id)]
    if a.name.startswith("Sở ") and "," not in a.name:
        forms[0] = Form(base, base, a.id, a.name[3:])
    if a.name_with_province:  # 'Báo Tây Ninh' more often than 'Báo tỉnh'
        with_p = a.name_with_province.format(province=p.name)
        forms.insert(0, Form(with_p, with_p, a.id))
    if a.scope == "collective":
        for al in a.aliases:
            if ("quận" in al and not city) or ("thị trấn" in al and post) or ("đặc khu" in al and not post):
                continue
            if al.startswith(("Sở,", "Tổ chức", "Cơ quan", "Thành viên")):
                continue
            if not city and al.endswith(" thành phố") and "huyện" not in al:
                continue  # 'Các sở, ban, ngành thành phố' is a city's, not a province's
            al = _kindify(al, p) if "huyện" not in al else al
            # a group is answered as written, in full ('Các tổ chức CT-XH' → '… chính trị - xã hội')
            forms.append(Form(_lower_les(al), _cap(answer_form(spell_out(al))), a.id))
        if a.id == "ubnd-cap-xa" and post:
            forms = [f for f in forms if "thị trấn" not in f.text]
        return forms
    for al in a.aliases:
        if " " not in al or "{" in al:
            continue
        if ("thành phố" in al or "Thành" in al) and not city:
            continue
        if al.startswith(("Ban Chấp hành", "Bưu điện thành phố")):
            continue
        # answered as written when written in full ('Hội Phụ nữ tỉnh'), else by its full name
        written = spell_out(_kindify(al, p))
        forms.append(Form(_kindify(al, p), _cap(base) if has_short_forms(written) else _cap(answer_form(written)),
                          a.id))
    return forms


_DISTRICT_LEVEL = frozenset(("phong-van-hoa-va-thong-tin", "trung-tam-van-hoa-thong-tin-the-thao",
                             "phong-noi-vu-cap-huyen"))


@cache
def _pool(issuer: str, post: bool) -> tuple[str, ...]:
    """The agencies a plan of this issuer gives work to; the ones named more often appear twice."""
    if issuer == "huyen":
        return (*_DISTRICT_UNITS, "ubnd-cap-xa")
    if issuer == "stttt":
        return (*_STTTT_UNITS, *_STTTT_UNITS, "so-noi-vu", "bao-tinh", "dai-phat-thanh-va-truyen-hinh-tinh",
                "ban-tuyen-giao-tinh-uy", "so-tai-chinh", "cac-so-ban-nganh", "phong-van-hoa-va-thong-tin",
                "trung-tam-van-hoa-thong-tin-the-thao", "uy-ban-mttq-tinh", "ubnd-cap-huyen", "ubnd-cap-xa")
    depts, others, groups = (_DEPTS_POST, _OTHERS_POST, _GROUPS_POST) if post else (_DEPTS_PRE, _OTHERS_PRE,
                                                                                     _GROUPS_PRE)
    return depts + depts[:6] + others + groups + groups[:3]


@cache
def _cast(p: Province, post: bool) -> dict[str, tuple[Form, ...]]:
    kb = knowledge()
    ids = set(_DEPTS_POST + _OTHERS_POST + _GROUPS_POST) if post else set(_DEPTS_PRE + _OTHERS_PRE + _GROUPS_PRE)
    ids |= set(_STTTT_UNITS) | set(_DISTRICT_UNITS) | {"ubnd-tinh", "ubnd-cap-xa", "cac-so-nganh-khac",
                                                          "cac-phong-don-vi-thuoc-so"}
    return {i: tuple(_forms(kb.agency_by_id[i], p, post)) for i in sorted(ids) if i in kb.agency_by_id}


# --- noise --------------------------------------------------------------------------------------------------

def _strip_table() -> dict[int, str]:
    table = {}
    for cp in range(0xC0, 0x1EFA):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    return table


_STRIP = _strip_table()
_STRIP_E = {**_STRIP, **{ord(c): "é" for c in "ếềểễệ"}, ord("ơ"): "o", ord("ộ"): "ô"}
_OCR_WORDS = [
    (re.compile(r"\bsố\b"), ("s6", "sé", "s0", "sd", "so", "s6")),
    (re.compile(r"\bcủa\b"), ("ciia", "cua", "cta", "ctia", "cia", "cua")),
    (re.compile(r"\bCăn cứ\b"), ("Cin cir", "Can cir", "Cin ctr", "Căn cứ")),
    (re.compile(r"\bKế hoạch\b"), ("K& hoach", "Ké hoach", "Kế hoạch", "Kế hoạch")),
    (re.compile(r"\bQuyết định\b"), ("Quyét dinh", "Quyét định", "Quyết định")),
    (re.compile(r"\bNghị quyết\b"), ("Nghi quyét", "Nghị quyết")),
    (re.compile(r"\bĐảng\b"), ("Pang", "Đảng")),
    (re.compile(r"\bnăm\b"), ("nam", "nim", "ndm", "năm", "năm")),
    (re.compile(r"\bphối hợp\b"), ("phéi hop", "phối hợp", "phối hợp", "phdi hop")),
    (re.compile(r"\bSở\b"), ("S&", "Sở", "Sở", "Sé")),
    (re.compile(r"\bĐài\b"), ("Pai", "Đài", "Đài")),
]


def _ocr(text: str, rng: random.Random) -> str:
    for pattern, choices in _OCR_WORDS:  # one misreading per word and plan: a scan's errors repeat
        text = pattern.sub(choices[int(rng.random() * len(choices))], text)
    return text.translate(_STRIP_E if rng.random() < 0.5 else _STRIP)


@cache
def _wrap_re(width: int) -> re.Pattern[str]:
    return re.compile(r"(.{1,%s}|\S+)(?:[ ]+|$)" % str(width))  # noqa: UP031


def _break_lines(text: str, rng: random.Random) -> str:
    """PDF text: paragraphs cut at a width, optionally a blank line after every line (trailing space)."""
    width = rng.randint(68, 92)
    airy = rng.random() < 0.4
    pattern = _wrap_re(width)
    out = []
    for line in text.split("\n"):
        if len(line) <= width or "\t" in line:
            out.append(line)
            continue
        parts = [m.group(1) for m in pattern.finditer(line) if m.group(1)]
        out.append((" \n\n" if airy else "\n").join(parts))
    return "\n".join(out)


# --- one plan -----------------------------------------------------------------------------------------------

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k")


@dataclass
class _Plan:
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

    def header(self) -> None:
        rng, p = self.rng, self.p
        y = self.year
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
        scope = f"trên địa bàn {self.full}" if self.issuer != "huyen" else f"trên địa bàn {self.district}"
        period = f"năm {y}" if not (self.post and y == 2025) else "6 tháng cuối năm 2025"
        title = self.ch((
            f"Tuyên truyền cải cách hành chính {period}",
            f"Thông tin, tuyên truyền cải cách hành chính {period} {scope}",
            f"Tuyên truyền cải cách hành chính nhà nước {scope} {period}",
            f"Truyền thông về cải cách hành chính nhà nước {scope} {period}",
            f"Tuyên truyền công tác cải cách hành chính {self.full} {period}",
        ))
        if self.issuer in ("snv", "stttt") and self.rand() < 0.5:
            branch = "Nội vụ" if self.issuer == "snv" else "Thông tin và Truyền thông"
            title = f"Tuyên truyền công tác cải cách hành chính {period} của ngành {branch} {self.full}"
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
            how = self.ch(("Theo đề nghị của Giám đốc Sở Nội vụ tại", "Theo đề nghị của Sở Nội vụ tại",
                              "Xét đề nghị của Sở Nội vụ tại"))
            self.paras.append(f"{how} {self.cite(proposal, 'basis')}.")
        if not basis_section and not closed:
            self.paras.append(f"{self.issuer_name_text()} ban hành Kế hoạch tuyên truyền cải cách hành chính năm "
                              f"{self.year} {self.ch(('như sau:', 'với các nội dung sau:', 'cụ thể như sau:'))}")
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

    def purposes(self) -> None:
        rng = self.rng
        fmt = {"place": self.full, "year": self.year, "prev": self.year - 1}
        self.section(self.ch(("MỤC ĐÍCH, YÊU CẦU", "MỤC ĐÍCH, YÊU CẦU VÀ ĐỐI TƯỢNG", "MỤC TIÊU, YÊU CẦU")))
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
        roman = self.section(self.ch(("NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN", "NỘI DUNG TUYÊN TRUYỀN",
                                         "NỘI DUNG, HÌNH THỨC VÀ MỘT SỐ HOẠT ĐỘNG TUYÊN TRUYỀN TRỌNG TÂM")))
        self.paras.append(self.heading("1. Nội dung tuyên truyền", 2))
        items = [s.format(**fmt) for s in rng.sample(CONTENTS, rng.randint(3, 5))]
        docs = self.available(True, self.ch((1, 2, 2, 3, 4))) + self.available(False, self.ch((0, 1, 1, 2)))
        where: dict[int, list[Doc]] = {}
        for d in docs:
            where.setdefault(rng.randrange(len(items)), []).append(d)
        for i, text in enumerate(items):
            if i in where:
                lead_in = self.ch(("tuyên truyền việc thực hiện ", "theo ", "kết quả triển khai "))
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
        lead_label = self.ch(("Cơ quan chủ trì", "Đơn vị chủ trì", "Cơ quan thực hiện", "Đơn vị thực hiện",
                                 "Cơ quan chủ trì thực hiện"))
        coop_label = self.ch(("Cơ quan phối hợp", "Đơn vị phối hợp", "Cơ quan phối hợp thực hiện"))
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
        cols = self.ch((
            ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
            ["STT", "Nội dung tuyên truyền", "Hình thức tuyên truyền", "Cơ quan chủ trì", "Cơ quan phối hợp",
             "Thời gian thực hiện"],
            ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"],
            ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm"],
        ))
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
            partners: list[str] = []
            duties = []
            for _ in range(rng.randint(1, 3)):
                if self.rand() < 0.45:
                    coop = self.pick(self.ch((1, 1, 2)), exclude={f.id for f in heads})
                    ct, ca = self.join(coop, start=False)
                    partners += ca
                    duties.append(self.ch(DUTIES_PARTNER).format(P=ct, year=self.year))
                else:
                    duties.append(self.ch(DUTIES_SOLO).format(ubnd=self.ubnd if self.issuer != "huyen" else
                                                                 f"UBND {self.district}", snv=snv, year=self.year))
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
            addressed = heads[0].id in ("ban-tuyen-giao-tinh-uy", "uy-ban-mttq-tinh", "bao-tinh", "tinh-doan",
                                        "dai-phat-thanh-va-truyen-hinh-tinh", "ban-tuyen-giao-va-dan-van-tinh-uy",
                                        "hoi-lien-hiep-phu-nu-tinh", "lien-doan-lao-dong-tinh", "hoi-nong-dan-tinh",
                                        "bao-va-phat-thanh-truyen-hinh-tinh", "cac-to-chuc-chinh-tri-xa-hoi")
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
        return text, answer

    def issuer_answer(self) -> str:
        return {"ubnd": f"{self.ubnd} {self.p.name}", "snv": f"Sở Nội vụ {self.full}",
                "stttt": f"Sở Thông tin và Truyền thông {self.full}", "huyen": f"UBND {self.district}",
                "bo": self.ministry.name if self.ministry else ""}[self.issuer]


# --- the corpus ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Sketch:
    """What the corpus decides about a plan before it is written: drawn in order from the seed, so
    that plans can then be written in any order, by any number of processes, with the same result."""

    index: int
    province: str
    post: bool
    year: int
    issuer: str
    district: str | None
    issued: date
    own_number: str
    noise: tuple[bool, bool, bool, bool]  # ocr, typo, blank, broken lines
    vary: frozenset[str] = frozenset()  # the variations this plan is written with
    ministry: str | None = None  # a ministry's plan (central_issuer): the ministry's id


_CODES = {"ubnd": "KH-UBND", "snv": "KH-SNV", "stttt": "KH-STTTT", "huyen": "KH-UBND"}


@cache
def _ministries() -> tuple[dict[str, str], ...]:
    return tuple(synth_data()["ministries"])


def _code(issuer: str, ministry: str | None, decision: bool) -> str:
    """The code of a plan's own number: KH-UBND, KH-BNV; QĐ-UBND when a decision issues it."""
    if issuer == "bo":
        own = next(m["code"] for m in _ministries() if m["id"] == ministry)
        return f"{'QĐ' if decision else 'KH'}-{own}"
    return "QĐ-UBND" if decision else _CODES[issuer]


class _Corpus:
    def __init__(self, seed: int, rates: Mapping[str, float] | None = None):
        self.seed = seed
        self.rates = dict(rates or {})
        self.rng = random.Random(seed)
        kb = knowledge()
        self.kb = kb
        self.pre = [p for p in kb.provinces if p.exists_from is None]
        self.post = [p for p in kb.provinces if p.exists_until is None]
        self.central = _central_docs(kb)
        wr = random.Random(f"{seed}:numbers")
        self.shared = [wr.randint(10, 3600) for _ in range(80)]
        self.worlds: dict[str, ProvinceWorld] = {}
        self.numbers: dict[tuple[str, int, str], set[int]] = {}

    def world(self, pid: str) -> ProvinceWorld:
        w = self.worlds.get(pid)
        if w is None:
            w = self.worlds[pid] = _world(self.kb, self.kb.province_by_id[pid], self.seed, self.shared)
        return w

    def own_number(self, p: Province, issued: date, code: str, year: int, issuer: str,
                   series: str | None = None) -> str:
        used = self.numbers.setdefault((series or p.id, issued.year, code), set())
        # the province's own tuyên truyền plan of the year, when it is this one, keeps its number
        if issuer == "ubnd" and code == "KH-UBND":
            for d in self.world(p.id).docs:
                if d.number.endswith("KH-UBND") and d.title == f"tuyên truyền cải cách hành chính năm {year}":
                    n = int(d.number.split("/")[0])
                    if n not in used and d.date and d.date.year == issued.year:
                        used.add(n)
                        return d.number
        vol = {"KH-UBND": 4000, "KH-SNV": 900, "KH-STTTT": 300}.get(code, 1000)
        n = max(1, int(vol * issued.timetuple().tm_yday / 366))
        while n in used:
            n += self.rng.randint(1, 7)
        used.add(n)
        return f"{n}/{code}"

    def sketch(self, i: int) -> _Sketch:
        rng = self.rng
        post = rng.random() < 0.2
        if post:
            p = rng.choice(self.post)
            year = rng.choice((2025, 2026, 2026))
        else:
            p = rng.choice(self.pre)
            year = rng.randint(2019, 2025)
        r = rng.random()
        district = None
        if not post and r < 0.08 and p.id in DISTRICTS:
            issuer = "huyen"
            district = rng.choice(DISTRICTS[p.id])
        elif r < 0.55:
            issuer = "ubnd"
        elif r < 0.8 or post:
            issuer = "snv"
        else:
            issuer = "stttt"
        if year == 2025 and not post:
            issued = _date_in(rng, date(2024, 11, 20), date(2025, 2, 27))
        elif post and year == 2025:
            issued = _date_in(rng, date(2025, 7, 15), date(2025, 9, 30))
        elif post:
            issued = _date_in(rng, date(2025, 11, 1), date(2026, 3, 31))
        elif issuer == "ubnd":
            issued = _date_in(rng, date(year, 1, 5), date(year, 4, 30))
        else:
            issued = _date_in(rng, date(year - 1, 12, 1), date(year, 3, 31))
        noise = (rng.random() < RATES["ocr"], rng.random() < RATES["typo"], rng.random() < RATES["blank"],
                 rng.random() < RATES["broken_lines"])
        vary = _drawn_variations(self.seed, i, self.rates)
        ministry = None
        if vary:  # drawn apart from the corpus stream: with no variation on, the plans are as before
            vr = random.Random(f"{self.seed}:variation-plan:{i}")
            if "merged_names" in vary and not post:  # a plan after the mergers
                post, p, year = True, vr.choice(self.post), vr.choice((2025, 2026))
                issued = (_date_in(vr, date(2025, 7, 15), date(2025, 9, 30)) if year == 2025 else
                          _date_in(vr, date(2025, 11, 1), date(2026, 3, 31)))
                issuer, district = ("snv" if issuer == "stttt" else "ubnd" if issuer == "huyen" else issuer), None
            if "central_issuer" in vary:
                ministry, issuer, district = vr.choice(_ministries())["id"], "bo", None
            if issuer not in ("ubnd", "bo"):  # decisions issuing a plan are the committee's or the minister's
                vary -= {"decision_wrapped"}
        code = _code(issuer, ministry, "decision_wrapped" in vary)
        own = (self.own_number(p, issued, code, year, issuer, ministry) if issuer != "huyen" else
               f"{rng.randint(20, 400)}/{code}")
        return _Sketch(i, p.id, post, year, issuer, district, issued, own, noise, vary, ministry)

    def write(self, sk: _Sketch) -> tuple[str, str, dict[str, Any]]:
        """(file name, text, answer) of a sketched plan; its own random stream, from the seed and its index."""
        rng = random.Random(self.seed * 1_000_003 + sk.index)
        world = self.world(sk.province)
        ocr, typo, blank, broken = sk.noise
        plan = _Plan(rng, world, self.central, sk.year, sk.issued, sk.issuer, sk.post, sk.district,
                     ocr=ocr, typo=typo, blank=blank, vary=sk.vary,
                     vrng=random.Random(f"{self.seed}:variation-text:{sk.index}"),
                     ministry=self.kb.agency_by_id[sk.ministry] if sk.ministry else None)
        plan.broken = broken
        plan.own_number = sk.own_number
        plan.seen_numbers.add(sk.own_number)  # it does not cite itself, nor a namesake of another year
        text, answer = plan.write()
        code = _code(sk.issuer, sk.ministry, "decision_wrapped" in sk.vary)
        where = plan.ministry.name if plan.ministry else world.province.name
        name = (f"{sk.index:06d}-{_slug(where)}-{sk.year}-{_slug(code)}"
                f"{'-' + _slug(sk.district) if sk.district else ''}.txt")
        return name, text, answer


def _ascii(s: str) -> str:
    return s.translate(_STRIP)


@cache
def _slug(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(s or "").lower()).strip("-")


def plan_texts(plans: int, seed: int, variations: str | Iterable[str] | Mapping[str, float] | None = None
               ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(file name, text, answer) for each plan, in order, without writing anything."""
    corpus = _Corpus(seed, parse_variations(variations))
    for i in range(plans):
        yield corpus.write(corpus.sketch(i))


_WORKER: dict[tuple[int, tuple[tuple[str, float], ...]], _Corpus] = {}


def _write_chunk(seed: int, rates: tuple[tuple[str, float], ...], out: str, sketches: list[_Sketch]) -> list[str]:
    """Write a run of plans (in a worker process); return their answers as JSON, in order."""
    corpus = _WORKER.get((seed, rates))
    if corpus is None:
        corpus = _WORKER[(seed, rates)] = _Corpus(seed, dict(rates))
    answers = []
    made: set[Path] = set()
    for sk in sketches:
        name, text, answer = corpus.write(sk)
        folder = Path(out) / f"{sk.index // PER_FOLDER:03d}"
        if folder not in made:
            folder.mkdir(exist_ok=True)
            made.add(folder)
        with open(folder / name, "w", encoding="utf-8") as f:
            f.write(text)
        answers.append(json.dumps({"file": name, **answer}, ensure_ascii=False))
    return answers


def generate(plans: int, seed: int, out: Path, jobs: int = 0,
             variations: str | Iterable[str] | Mapping[str, float] | None = None) -> Path:
    """Write `plans` synthetic plans under OUT (subfolders of PER_FOLDER files) and OUT/answers.json;
    return the path of answers.json. The same seed and variations give the same files, whatever `jobs`
    (processes to write with; 0: one per core once there are enough plans). `variations`: see
    parse_variations (None: the default set)."""
    import os

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    answers_path = out / "answers.json"
    rates = parse_variations(variations)
    key = tuple(rates.items())
    corpus = _Corpus(seed, rates)
    chunk = 500
    jobs = jobs or (min(os.cpu_count() or 1, 8) if plans >= 4 * chunk else 1)
    sketches = (corpus.sketch(i) for i in range(plans))

    def chunks() -> Iterator[list[_Sketch]]:
        run: list[_Sketch] = []
        for sk in sketches:
            run.append(sk)
            if len(run) == chunk:
                yield run
                run = []
        if run:
            yield run

    with answers_path.open("w", encoding="utf-8") as answers:
        answers.write('{"about": ' + json.dumps(ABOUT.format(seed=seed), ensure_ascii=False) + ',\n')
        answers.write(f'"generator": {{"module": "cancu.synth", "seed": {seed}, "plans": {plans}, '
                      f'"rates": {json.dumps(RATES)}, "variations": {json.dumps(rates)}}},\n"plans": [\n')
        first = True

        def emit(rows: list[str]) -> None:
            nonlocal first
            for row in rows:
                answers.write(row if first else ",\n" + row)
                first = False

        if jobs <= 1:
            _WORKER[(seed, key)] = corpus
            for run in chunks():
                emit(_write_chunk(seed, key, str(out), run))
        else:
            from collections import deque
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                pending: deque[Any] = deque()
                for run in chunks():  # a bounded window of chunks in flight: memory stays flat
                    pending.append(pool.submit(_write_chunk, seed, key, str(out), run))
                    if len(pending) >= 2 * jobs:
                        emit(pending.popleft().result())
                while pending:
                    emit(pending.popleft().result())
        answers.write("\n]}\n")
    return answers_path


def main(argv: list[str] | None = None) -> int:
    import argparse
    import time

    ap = argparse.ArgumentParser(prog="python -m cancu.synth", description=__doc__.split("\n\n")[0])
    ap.add_argument("plans", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--variations", default=None, help="all, none, default, or NAME[=RATE],… (synth.yaml)")
    a = ap.parse_args(argv)
    t = time.perf_counter()
    path = generate(a.plans, a.seed, a.out, a.jobs, a.variations)
    dt = time.perf_counter() - t
    print(f"{a.plans} plans in {dt:.1f} s ({a.plans / dt:,.0f}/s); answers in {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
