"""Districts (cấp huyện) as plans name them: a district's plan and the documents its UBND issues are
numbered in the district, apart from the province's ('lam-dong.huyen-lam-ha/2024/189-kh-ubnd').

The kinds of district are written here; which agency stands for a district's UBND is agencies.yaml's
(`ubnd-cap-huyen`: one node per province for its districts' UBNDs).
"""

from __future__ import annotations

import re

from cancu.loaders.text import fold
from cancu.ontology.knowledge import Agency, Knowledge

KINDS = {"huyen": "huyện", "thi xa": "thị xã", "thanh pho": "thành phố", "quan": "quận"}  # folded → written
_KIND = "|".join(KINDS)
# a header line (its left column): 'ỦY BAN NHÂN DÂN / HUYỆN LÂM HÀ', 'UBND THỊ XÃ NGHI SƠN', 'UBND QUẬN 1'
_HEADER = re.compile(rf"^\W*(?:(?:ubnd|uy ban nhan dan)\s+)?(?P<kind>{_KIND})\s+(?P<name>\w[\w ]*?)\s*$")
# an issuer phrase: 'Ủy ban nhân dân huyện Lâm Hà', 'UBND huyện'
_BODY = re.compile(rf"\b(?:ubnd|uy ban nhan dan)\s+(?P<kind>{_KIND})\b")
PROVINCIAL_UBND, DISTRICT_UBND = "ubnd-tinh", "ubnd-cap-huyen"  # agencies.yaml ids


def _named(kind: str, written: str, kb: Knowledge) -> str | None:
    written = " ".join(written.split())
    if not written or kb.province(written) is not None:  # 'thành phố Cần Thơ' is a province
        return None
    return f"{KINDS[kind]} {written.title() if written.isupper() else written}"


def in_header(lines: list[str], kb: Knowledge) -> str | None:
    """The district a plan's header names as its issuer ('huyện Lâm Hà'), if any, from the header's
    lines in capitals."""
    for line in lines:
        left = re.split(r"\t|\s{3,}", line.strip())[0]
        m = _HEADER.match(fold(left))  # one character for one: the name is cut from `left`
        if m:
            return _named(m.group("kind"), left[m.start("name"):m.end("name")], kb)
    return None


def of_issuer(issuer_text: str, kb: Knowledge, own: str | None) -> str | None:
    """The district whose UBND an issuer phrase names: 'Ủy ban nhân dân huyện Lâm Hà' → 'huyện Lâm Hà';
    'UBND huyện' alone, in a district's own plan (`own`), is that district."""
    m = _BODY.search(fold(issuer_text))
    if m is None:
        return None
    words = issuer_text[m.end():].split()
    name = []
    for w in words:  # the name: the capitalised words after the kind ('Quận 1', 'huyện Lâm Hà')
        if not (w[:1].isupper() or w[:1].isdigit()):
            break
        name.append(w)
    if not name:
        return own if own and own.startswith(KINDS[m.group("kind")] + " ") else None
    return _named(m.group("kind"), " ".join(name), kb)


def district_ubnd(issuer: Agency | None, kb: Knowledge) -> Agency | None:
    """A UBND's number code names the province's UBND; in a district it is the district's."""
    if issuer is None or issuer.id == PROVINCIAL_UBND:
        return kb.agency_by_id[DISTRICT_UBND]
    return issuer
