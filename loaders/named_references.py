"""Documents referred to by name only ('Chương trình tổng thể cải cách hành chính nhà nước giai đoạn
2021 – 2030'), resolved to a number through the catalogue of well-known documents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from cancu.loaders import keys
from cancu.loaders.records import NamedReference, Span
from cancu.loaders.text import SourceText
from cancu.ontology.knowledge import CatalogueDoc, Knowledge, fold

# abbreviations plans use inside names; each side may stand for the other
_ABBREVIATIONS = {"cai cach hanh chinh": "cchc", "thu tuc hanh chinh": "tthc"}


def _name_pattern(name: str) -> str:
    words = fold(name)
    for full, short in _ABBREVIATIONS.items():
        words = words.replace(full, f"\x00{full}|{short}\x01")
    parts = []
    for token in re.split(r"(\x00[^\x01]*\x01)", words):
        if token.startswith("\x00"):
            alts = token.strip("\x00\x01").split("|")
            parts.append("(?:" + "|".join(r"\s+".join(map(re.escape, a.split())) for a in alts) + ")")
        elif token.strip():
            # dashes in ranges ('2021 – 2030') and white space are written every which way
            parts.append(r"\s*-\s*".join(r"\s+".join(map(re.escape, seg.split()))
                                         for seg in token.strip().split(" - ")))
    return r"\s+".join(parts)


def _literal_head(name: str) -> str:
    """The words every match of the name's pattern starts with, one space between them (the text's
    white space squeezed): what comes before its first abbreviation or dash."""
    words = fold(name)
    for full in _ABBREVIATIONS:
        words = words.split(full, 1)[0]
    return " ".join(words.split(" - ", 1)[0].split())


@cache
def _catalogue_patterns(kb: Knowledge) -> list[tuple[re.Pattern[str], CatalogueDoc, str]]:
    """(pattern, document, the words every match starts with) for each catalogue name, longest first."""
    pats = []
    for doc in kb.catalogue:
        for name in doc.names:
            # no leading look-behind: a pattern that starts with a literal is searched for by its
            # prefix, some thirty times faster; _matches checks the word start instead
            pats.append((re.compile(_name_pattern(name) + r"(?![a-z])"), doc, _literal_head(name)))
    pats.sort(key=lambda p: len(p[0].pattern), reverse=True)
    return pats


def _matches(pat: re.Pattern[str], folded: str, pos: int) -> Iterator[re.Match[str]]:
    """`pat.finditer(folded, pos)` for matches that start a word."""
    while (m := pat.search(folded, pos)) is not None:
        if m.start() > 0 and "a" <= folded[m.start() - 1] <= "z":
            pos = m.start() + 1
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


def find_named_references(src: SourceText, kb: Knowledge, cited: list[tuple[int, int]],
                          body_start: int) -> list[NamedReference]:
    """Catalogue names found in the body, except where they only repeat a numbered citation's title."""
    taken: list[tuple[int, int]] = []
    out: list[NamedReference] = []
    seen: set[str] = set()
    # a name whose first words are nowhere in the body is not searched for (most names, most plans)
    squeezed = " ".join(src.folded[body_start:].split())
    for pat, doc, head in _catalogue_patterns(kb):
        if head not in squeezed:
            continue
        for m in _matches(pat, src.folded, body_start):
            if any(s <= m.start() < e for s, e in taken):
                continue
            if any(0 <= m.start() - e < 80 and not re.search(r"[;.]\s", src.folded[e:m.start()])
                   for _, e in cited):
                continue  # the title of the citation just before it
            taken.append((m.start(), m.end()))
            text = re.sub(r"\s+", " ", src.text[m.start():m.end()])
            if fold(text) in seen:
                continue
            seen.add(fold(text))
            key = (keys.document_key(doc.number, doc.year, keys.NATIONAL) if doc.number else None)
            out.append(NamedReference(text, doc.number, key, Span(src.path, src.line_of(m.start()), text)))
    out.sort(key=lambda n: n.span.line)
    return out
