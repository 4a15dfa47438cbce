"""Documents referred to by name only ('Chương trình tổng thể cải cách hành chính nhà nước giai đoạn
2021 – 2030'), resolved to a number through the catalogue of well-known documents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from cancu.loaders.extract import keys
from cancu.loaders.extract.records import NamedReference, Span
from cancu.loaders.read.text import SourceText
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


@cache
def _catalogue_patterns(kb: Knowledge) -> list[tuple[re.Pattern[str], CatalogueDoc]]:
    pats = []
    for doc in kb.catalogue:
        for name in doc.names:
            # no leading look-behind: a pattern that starts with a literal is searched for by its
            # prefix, some thirty times faster; _matches checks the word start instead
            pats.append((re.compile(_name_pattern(name) + r"(?![a-z])"), doc))
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


_FIRST_LETTERS = re.compile(r"[a-z]+")


@cache
def _first_word(pattern: str) -> str | None:
    """The word of letters a catalogue pattern starts with (asked for each pattern in each plan)."""
    first = _FIRST_LETTERS.match(pattern)
    return first.group() if first else None


@cache
def _word_start(word: str) -> re.Pattern[str]:
    """The word where it starts a word (no letter before it); written to start with the word, so the
    engine looks for its letters instead of trying the look-behind everywhere."""
    return re.compile(re.escape(word) + "(?<![a-z]" + re.escape(word) + ")")


class _Matcher:
    """_matches for the catalogue patterns of one text. Most patterns start with a word of letters
    ('luat', 'chuong', 'de'); a text holds each at a word start a few times, where searching for
    each of the 56 patterns would scan the whole text: the places of each first word are found once,
    and the patterns that start with it are tried there only, in order, which is what _matches yields."""

    def __init__(self, folded: str, body_start: int) -> None:
        self.folded, self.body_start = folded, body_start
        self._starts: dict[str, list[int]] = {}

    def matches(self, pat: re.Pattern[str]) -> Iterator[re.Match[str]]:
        word = _first_word(pat.pattern)
        if word is None:
            yield from _matches(pat, self.folded, self.body_start)
            return
        starts = self._starts.get(word)
        if starts is None:
            starts = self._starts[word] = [m.start() for m in _word_start(word).finditer(self.folded, self.body_start)]
        pos = self.body_start
        for at in starts:
            if at >= pos and (m := pat.match(self.folded, at)) is not None:
                yield m
                pos = max(m.end(), at + 1)


def find_named_references(src: SourceText, kb: Knowledge, cited: list[tuple[int, int]],
                          body_start: int) -> list[NamedReference]:
    """Catalogue names found in the body, except where they only repeat a numbered citation's title."""
    taken: list[tuple[int, int]] = []
    out: list[NamedReference] = []
    seen: set[str] = set()
    matcher = _Matcher(src.folded, body_start)
    for pat, doc in _catalogue_patterns(kb):
        for m in matcher.matches(pat):
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
