"""Districts (cấp huyện) as plans name them: a district's plan and the documents its UBND issues are
numbered in the district, apart from the province's ('lam-dong.huyen-lam-ha/2024/189-kh-ubnd').

The kinds of district and the names of their people's committee are coordination.yaml's
(district_kinds, district_committee); the agency that stands for a district's UBND is agencies.yaml's
(`ubnd-cap-huyen`: one node per province for its districts' UBNDs).
"""

from __future__ import annotations

import re
from functools import cache

from cancu.loaders.extract.agencies import coordination_data, name_regex, rules
from cancu.loaders.read.text import fold
from cancu.ontology.knowledge import Agency, Knowledge

PROVINCIAL_UBND, DISTRICT_UBND = "ubnd-tinh", "ubnd-cap-huyen"  # agencies.yaml ids


@cache
def _patterns() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """(folded kind → the kind as written; a header line's left column: 'ỦY BAN NHÂN DÂN / HUYỆN LÂM HÀ',
    'UBND THỊ XÃ NGHI SƠN', 'UBND QUẬN 1'; an issuer phrase: 'Ủy ban nhân dân huyện Lâm Hà', 'UBND huyện')."""
    r = rules()
    kinds = {fold(k): k for k in coordination_data()["district_kinds"]}
    kind = "|".join(name_regex(k) for k in r.district_kinds)
    committee = "|".join(name_regex(c) for c in r.district_committee)
    return (kinds, re.compile(rf"^\W*(?:(?:{committee})\s+)?(?P<kind>{kind})\s+(?P<name>\w[\w ]*?)\s*$"),
            re.compile(rf"\b(?:{committee})\s+(?P<kind>{kind})\b"))


def _named(kind: str, written: str, kb: Knowledge) -> str | None:
    written = " ".join(written.split())
    if not written or kb.province(written) is not None:  # 'thành phố Cần Thơ' is a province
        return None
    kinds = _patterns()[0]
    return f"{kinds[' '.join(kind.split())]} {written.title() if written.isupper() else written}"


def in_header(lines: list[str], kb: Knowledge) -> str | None:
    """The district a plan's header names as its issuer ('huyện Lâm Hà'), if any, from the header's
    lines in capitals."""
    for line in lines:
        left = re.split(r"\t|\s{3,}", line.strip())[0]
        m = _patterns()[1].match(fold(left))  # one character for one: the name is cut from `left`
        if m:
            return _named(m.group("kind"), left[m.start("name"):m.end("name")], kb)
    return None


def of_issuer(issuer_text: str, kb: Knowledge, own: str | None) -> str | None:
    """The district whose UBND an issuer phrase names: 'Ủy ban nhân dân huyện Lâm Hà' → 'huyện Lâm Hà';
    'UBND huyện' alone, in a district's own plan (`own`), is that district."""
    m = _patterns()[2].search(fold(issuer_text))
    if m is None:
        return None
    words = issuer_text[m.end():].split()
    name = []
    for w in words:  # the name: the capitalised words after the kind ('Quận 1', 'huyện Lâm Hà')
        if not (w[:1].isupper() or w[:1].isdigit()):
            break
        name.append(w)
    if not name:
        return own if own and own.startswith(_patterns()[0][" ".join(m.group("kind").split())] + " ") else None
    return _named(m.group("kind"), " ".join(name), kb)


def district_ubnd(issuer: Agency | None, kb: Knowledge) -> Agency | None:
    """A UBND's number code names the province's UBND; in a district it is the district's."""
    if issuer is None or issuer.id == PROVINCIAL_UBND:
        return kb.agency_by_id[DISTRICT_UBND]
    return issuer


def issuer_name(issuer: Agency | None, district: str | None) -> str | None:
    """'UBND huyện Lâm Hà' for the district UBND of a district's plan or document, else None (the
    issuer's own display name stands)."""
    if district and issuer is not None and issuer.id == DISTRICT_UBND:
        return f"{coordination_data()['district_committee'][0]} {district}"
    return None
