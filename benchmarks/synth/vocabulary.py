"""The generator's own words: data/synth.yaml (short forms, variations) and data/synth_plans.yaml
(the words of a plan, districts, names, parties), read once."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PER_FOLDER = 1000
# share of plans with each kind of noise (independent draws)
RATES = {"ocr": 0.05, "broken_lines": 0.20, "typo": 0.03, "blank": 0.05}
MERGER = date(2025, 7, 1)
REORG = date(2025, 3, 1)  # the Sở mergers (Nghị định 45/2025/NĐ-CP)


DATA = Path(__file__).with_name("data") / "synth.yaml"


@cache
def synth_data() -> dict[str, Any]:
    """data/synth.yaml: the generator's own tables (short forms, variations, their words)."""
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
    """data/synth_plans.yaml: the words, districts, names and parties of a plan."""
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
ADDRESSED = frozenset(_W["agencies"]["addressed"])  # responsibilities open with 'Đề nghị' for these
TEMPLATES: dict[str, Any] = _W["templates"]  # the plan's own wordings: see synth_plans.yaml
_DISTRICT_SUFFIX = " các huyện, thị xã, thành phố"
# central documents a plan stands on more often than the others (weights for choosing)
_CORE: dict[str, int] = dict(_W["core_documents"])
