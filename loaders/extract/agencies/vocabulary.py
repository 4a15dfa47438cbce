"""coordination.yaml's agency vocabulary (from knowledge.py), folded for matching: the rules,
abbreviations written out, OCR's spellings put right, a name as a pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cancu.ontology.knowledge import fold, knowledge


@dataclass(frozen=True)
class Rules:
    """coordination.yaml, folded for matching."""

    lead_labels: tuple[str, ...]
    cooperating_labels: tuple[str, ...]
    time_labels: tuple[str, ...]
    funding_labels: tuple[str, ...]
    content_labels: tuple[str, ...]
    id_labels: tuple[str, ...]
    inline_lead: tuple[str, ...]
    inline_cooperating: tuple[str, ...]
    between: tuple[str, ...]
    between_and: tuple[str, ...]
    invited: tuple[str, ...]
    responsibility_sections: tuple[str, ...]
    addressing: tuple[str, ...]
    instructing: tuple[str, ...]
    head_titles: tuple[str, ...]
    phrase_ends: tuple[str, ...]
    agency_heads: tuple[str, ...]
    distributive_heads: tuple[str, ...]
    district_kinds: tuple[str, ...]
    district_committee: tuple[str, ...]
    qualifiers: tuple[str, ...]
    list_separators: tuple[str, ...]
    closing_phrases: tuple[str, ...]
    lead_carried_out: tuple[str, ...] = ()
    agent_words: tuple[str, ...] = ()
    # (OCR spelling, the word it stands for), both folded and of the same length
    ocr_spellings: tuple[tuple[str, str], ...] = ()


@cache
def coordination_data() -> dict[str, Any]:
    """ontology/data/coordination.yaml, read once for the rules, the abbreviations and the capitals."""
    return knowledge().coordination


@cache
def rules() -> Rules:
    data = dict(coordination_data())
    spellings = data.pop("ocr_spellings", None) or {}
    data.pop("abbreviations", None)  # see expand_abbreviations
    data.pop("standard_capitals", None)  # see is_abbreviated
    data.pop("city_forms", None)  # see as_city
    for key in ("attached_documents", "advising", "lead_ins", "article_heads", "execution_clauses",
                "addressing_after_subject"):
        data.pop(key, None)  # read by loaders.coordination and loaders.outline themselves
    folded = {k: tuple(sorted({fold(v) for v in vals}, key=len, reverse=True)) for k, vals in data.items()}
    pairs = {(fold(v), fold(word)) for word, variants in spellings.items() for v in variants}
    # only same-length spellings can be put right in place: offsets into the text must not move
    ocr = tuple(sorted((p for p in pairs if len(p[0]) == len(p[1]) and p[0] != p[1]), key=lambda p: -len(p[0])))
    return Rules(**folded, ocr_spellings=ocr)


@cache
def abbreviation_table() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """coordination.yaml's abbreviations (as one pattern and a table) and its standard capitals."""
    data = coordination_data()
    table = {str(k): str(v) for k, v in (data.get("abbreviations") or {}).items()}
    alts = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w&-])(?:" + (alts or r"(?!)") + r")(?![\w&-])")
    return pattern, table, frozenset(str(c) for c in data.get("standard_capitals") or ())


def expand_abbreviations(name: str) -> str:
    """'UBND các huyện, TX, TP' → 'UBND các huyện, thị xã, thành phố': the abbreviations of
    coordination.yaml written out."""
    pattern, table, _ = abbreviation_table()
    return pattern.sub(lambda m: table[m.group(0)], name)


def repair_ocr(folded: str) -> str:
    """The folded text of an OCR'd plan with the spellings of coordination.yaml `ocr_spellings` put
    right ('phéi hop' → 'phoi hop', 'S& Noi vu' → 'so noi vu'), character for character."""
    pairs = rules().ocr_spellings
    if not pairs:
        return folded
    table = dict(pairs)
    alt = "|".join(re.escape(v) for v, _ in pairs)
    return re.sub(r"(?<![\w&])(?:" + alt + r")(?![\w&])", lambda m: table[m.group(0)], folded)


def name_regex(folded_name: str) -> str:
    """A folded name as a pattern that tolerates line breaks, the spacing around dashes, and a dash or
    a comma between words left out ('tổ chức chính trị xã hội', 'Sở Văn hóa Thể thao và Du lịch')."""
    return (re.escape(folded_name).replace(r"\ \-\ ", r"(?:\s*[-–]\s*|\s+)").replace(r",\ ", r",?\s+")
            .replace(r"\ ", r"\s+"))


def either_of(words: tuple[str, ...]) -> str:
    return "|".join(name_regex(w) for w in words)


def alt_by_first(words: tuple[str, ...]) -> str:
    """either_of with the words grouped under their first character, each group in the words' order: the
    same matches (two words that start differently never match at one place), but a pattern searched
    for through a whole text tries one branch per letter at each place instead of every word."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(re.escape(w[:1]), []).append(name_regex(w))
    assert all(r.startswith(k) for k, rs in groups.items() for r in rs)
    return "|".join(k + "(?:" + "|".join(r[len(k):] for r in rs) + ")" for k, rs in groups.items())


def without_marks(folded_name: str) -> str:
    """A folded name without the commas and dashes name_regex lets the text leave out."""
    return " ".join(folded_name.replace(",", " ").replace(" - ", " ").split())


def fold_all(words: tuple[str, ...]) -> tuple[str, ...]:
    """Folded, longest first (an alternation tries them in order)."""
    return tuple(sorted({fold(w) for w in words}, key=len, reverse=True))
