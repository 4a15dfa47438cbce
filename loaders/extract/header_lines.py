"""What a line of a plan's header is: how much of it is in capitals, whether it opens the body ('Căn cứ …',
'I. MỤC ĐÍCH'), carries on the sentence above it, or ends the title (an enacting authority's line).
Shared by metadata.py's header and title reading and signature.py's signature block."""

from __future__ import annotations

import re
from functools import cache

from cancu.ontology.knowledge import Knowledge, fold


def _upper_share(line: str) -> float:
    letters = list(filter(str.isalpha, line))  # filter and map: no Python-level loop per character
    return sum(map(str.isupper, letters)) / len(letters) if letters else 0.0


def _goes_on(line: str) -> bool:
    """A line opening in lower case carries on the sentence above it, across a blank line too ('… nhằm' /
    '' / 'thực hiện Nghị quyết …'): the body's paragraphs and openers start with a capital."""
    first = line.strip(" *")[:1]
    return first.isalpha() and first.islower()


def _ends_title(line: str, folded_line: str, title_lines: list[str], kb: Knowledge) -> bool:
    """A paragraph after a blank line that is no longer the title: the enacting authority a decision
    names under its title ('BỘ TRƯỞNG BỘ …', 'ỦY BAN NHÂN DÂN TỈNH …'), or, under a title in capitals,
    one that is not ('Kính gửi: …', 'Triển khai thực hiện …')."""
    if _upper_share(line) <= 0.7:
        return all(_upper_share(t) > 0.7 for t in title_lines)
    return folded_line.startswith(_enacting_starts(kb))


@cache
def _enacting_starts(kb: Knowledge) -> tuple[str, ...]:
    """How an enacting authority's line starts: a signer's position ('Bộ trưởng', 'Chủ tịch') or an
    agency's name ('Ủy ban nhân dân', 'Chính phủ')."""
    positions = (fold(p) + " " for p in kb.signer_positions)
    names = (fold(n) for a in kb.agencies if a.scope != "collective" for n in (a.name, *a.aliases)
             if len(fold(n)) > 5)
    return (*positions, *names)


def _looks_like_body(folded_line: str, line: str, kb: Knowledge) -> bool:
    """A line that opens the body: a numbered heading, or an opener word ('Căn cứ', 'Thực hiện') in a
    line not in capitals (a title may start with one: 'THỰC HIỆN CHỈ THỊ …')."""
    s = folded_line.strip(" -*+•\t")
    if re.match(r"^(?:[ivx]{1,4}|\d{1,2})\s*[.)]\s", s) or s.startswith(_basis_headings(kb)):
        return True
    return s.startswith(_opener_starts(kb)) and _upper_share(line) <= 0.7


@cache
def _opener_starts(kb: Knowledge) -> tuple[str, ...]:
    return tuple(fold(w) for words in kb.openers.values() for w in words)


@cache
def _basis_opener(kb: Knowledge) -> tuple[str, ...]:
    return tuple(fold(w) for w in kb.openers.get("can_cu", ()))


@cache
def _basis_headings(kb: Knowledge) -> tuple[str, ...]:
    """'CĂN CỨ PHÁP LÝ' under a title opens the body, in capitals too."""
    return tuple(fold(h) for h in kb.basis_headings)
