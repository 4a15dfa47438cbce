"""A corpus: plans sketched in order from the seed, written by any number of processes, and
answers.json streamed beside them."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from cancu.ontology.knowledge import Province, knowledge

from benchmarks.synth.documents import ProvinceWorld, _central_docs, _world
from benchmarks.synth.names import _date_in
from benchmarks.synth.noise import _STRIP
from benchmarks.synth.plan import Plan
from benchmarks.synth.variations import _drawn_variations, parse_variations
from benchmarks.synth.vocabulary import DISTRICTS, PER_FOLDER, RATES, synth_data

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
        plan = Plan(rng, world, self.central, sk.year, sk.issued, sk.issuer, sk.post, sk.district,
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
        # the answers still name cancu.synth (ABOUT its old data path): corpora stay byte-identical across the move
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

    ap = argparse.ArgumentParser(prog="python -m benchmarks.synth", description=__doc__.split("\n\n")[0])
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
