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
names different documents in different provinces and years. The generator's own data is in benchmarks/synth/data:
synth_plans.yaml (the words of a plan, real districts, names, the parties a plan gives work to) and
synth.yaml (how it spells out short forms, and the variations). The answers are what the generator
wrote, spelled out by these tables: it imports nothing from the extractor (cancu.loaders), only the
domain data of cancu.ontology.knowledge.

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


from benchmarks.synth.corpus import generate, main, plan_texts
from benchmarks.synth.variations import default_variations, parse_variations, variation_rates
from benchmarks.synth.vocabulary import PER_FOLDER, RATES, has_short_forms, spell_out

__all__ = ["PER_FOLDER", "RATES", "default_variations", "generate", "has_short_forms", "main", "parse_variations",
           "plan_texts", "spell_out", "variation_rates"]
