"""Distributive lists: 'các Sở: Nội vụ, Tư pháp' spelt out as 'Sở Nội vụ', 'Sở Tư pháp'."""

from __future__ import annotations

import re
from typing import NamedTuple

from cancu.loaders.extract.agencies.names_index import AgencyIndex, Found, extend_qualifiers, index
from cancu.ontology.knowledge import Knowledge, fold


class Distributive(NamedTuple):
    """A head word written once for a list of names: 'các Sở: Nội vụ, Tư pháp', 'các Sở Nội vụ, Tư pháp'."""

    head: tuple[int, int]  # where the head word ('Sở') is
    pieces: list[tuple[int, int]]  # each name after it, written without the head
    end: int  # where the list ends


def distributive(folded: str, pos: int, kb: Knowledge) -> Distributive | None:
    """The distributive list that starts at `pos`, if one does."""
    if not folded.startswith("cac", pos):
        return None
    idx = index(kb)
    m = idx.distributive.match(folded, pos)
    if m:
        return _colon_list(folded, m, idx)
    m = idx.distributive_bare.match(folded, pos)
    return _bare_pieces(folded, m, idx) if m else None


def _colon_list(folded: str, dist: re.Match[str], idx: AgencyIndex) -> Distributive:
    """After 'các Sở:' the list ends at a semicolon, a sentence end, the words after its last name
    ('căn cứ', 'tổ chức'; not a verb inside a name: 'Sở Xây dựng'), or an unspecified party ('…, Tư
    pháp và các đơn vị có liên quan'); not at a blank line, which PDF text puts inside names ('các
    sở: Khoa học và Công nghệ, Tư' / '' / 'pháp.'). Its comma-separated parts are read as names: known
    ones with the head before them ('Khoa học và Công nghệ và Tư pháp' is two), anything else as
    written."""
    head = " ".join(fold(dist.group("head")).split()) + " "
    rest_start = dist.end()
    stop = len(folded)
    for sep in (";", ":", ". ", ".\n"):
        k = folded.find(sep, rest_start)
        if k != -1:
            stop = min(stop, k)
    pieces: list[tuple[int, int]] = []
    for m in re.finditer(r"[^,]+", folded[rest_start:stop]):
        names, ends_at = _names(folded, rest_start + m.start(), rest_start + m.end(), head, idx)
        pieces += names
        if ends_at is not None:
            return Distributive(dist.span("head"), pieces, ends_at)
    return Distributive(dist.span("head"), pieces, stop)


_AND = re.compile(r"\s*\bva\b\s*")


def _names(folded: str, a: int, b: int, head: str, idx: AgencyIndex) -> tuple[list[tuple[int, int]], int | None]:
    """The names in one part of a distributive list, and where the list ends inside it, if it does:
    at an unspecified party, or at the words after a known name."""
    out: list[tuple[int, int]] = []
    p = a
    while True:
        while p < b and folded[p].isspace():
            p += 1
        rest = folded[p:b].strip(" .")
        if not rest:
            return out, None
        if rest.startswith("cac ") or idx.generic_re.match(folded, p):
            return out, p
        k = idx.known.match(head + folded[p:b])
        if k is None:
            # an unknown name, up to a verb that ends the list ('… căn cứ chức năng'), cut where the
            # folded text says 'và' ('các Ban: Tôn giáo và Thi đua')
            verb = idx.ends.search(folded, p, b)
            end = verb.start() if verb is not None else b
            cuts = [p] + [x for m in re.finditer(r"\s+va\s+", folded[p:end]) for x in (p + m.start(), p + m.end())]
            out += [(x, y) for x, y in zip(cuts[0::2], [*cuts[1::2], end], strict=False) if folded[x:y].strip()]
            return out, (end if verb is not None else None)
        end = extend_qualifiers(folded, p + k.end() - len(head), idx)  # 'Nội vụ tỉnh'
        out.append((p, end))
        and_ = _AND.match(folded, end, b)
        if and_ is None:
            # anything else after a known name is the sentence going on: 'Ngoại vụ tổ chức …'
            return out, (end if folded[end:b].strip(" .") else None)
        p = and_.end()


_BARE_SEP = re.compile(r"\s*(?:,|\bva\b)\s*")


def _bare_pieces(folded: str, dist: re.Match[str], idx: AgencyIndex) -> Distributive | None:
    """Without the colon only known names are read, the head put before each ('Sở' + 'Xây dựng'), and
    at least two of them: 'các Sở Nội vụ' alone, or 'các Sở Nội vụ và Công an tỉnh', is no such list.
    A name written whole after a separator ('…, Sở Tư pháp') ends it."""
    head = " ".join(fold(dist.group("head")).split()) + " "
    pieces: list[tuple[int, int]] = []
    p = dist.end()
    while True:
        k = idx.known.match(head + folded[p:p + 120])
        if k is None:
            break
        pieces.append((p, p + k.end() - len(head)))
        sep = _BARE_SEP.match(folded, pieces[-1][1])
        if sep is None or sep.end() == pieces[-1][1] or idx.known.match(folded, sep.end()):
            break
        p = sep.end()
    if len(pieces) < 2:
        return None
    return Distributive(dist.span("head"), pieces, pieces[-1][1])


def spelt_out_list(text: str, folded: str, dist: Distributive, kb: Knowledge) -> list[Found]:
    """'các Sở: Nội vụ, Tư pháp, Thông tin và Truyền thông' → Sở Nội vụ, Sở Tư pháp, Sở Thông tin…"""
    idx = index(kb)
    head_word = text[dist.head[0]:dist.head[1]]
    head_word = head_word[:1].upper() + head_word[1:]
    out = []
    for a, b in dist.pieces:
        written = " ".join(text[a:b].split()).strip(" .")
        if written:
            name = f"{head_word} {written}"
            known = idx.known.match(fold(name))  # 'Sở Nội vụ tỉnh': the name, then its qualifiers
            entry = idx.by_name.get(" ".join(known.group(0).split())) if known else None
            out.append(Found(a, b, name, entry, restored=True))
    return out
