"""The index of known agency names a plan's text is matched against, one per Knowledge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from cancu.loaders.extract.agencies.vocabulary import (
    alt_by_first,
    coordination_data,
    either_of,
    fold_all,
    name_regex,
    rules,
    without_marks,
)
from cancu.ontology.knowledge import Agency, Knowledge, fold


class Found(NamedTuple):
    """An agency phrase found in text: where, what it says, and the entry it names (if known).
    A named tuple: lists are split into hundreds of these a plan, and a frozen dataclass is slow to make."""

    start: int
    end: int
    surface: str
    entry: Agency | None
    generic: bool = False
    name_end: int | None = None  # where the known name stops and its qualifiers begin
    restored: bool = False  # surface already spelt out (OCR repaired, distributive list expanded)
    score: float | None = None  # edit similarity (0-100) of a fuzzy match to a known name


_FIRST_WORD = re.compile(r"\w*")  # the run of word characters at a position (maybe empty)


_NEXT_WORD = re.compile(r"\W*(\w*)")  # the next run after the separators


_FIRST_TWO_WORDS = re.compile(r"(\w*)\W*(\w*)")


def _words(name: str) -> tuple[str, ...]:
    """A folded name's runs of word characters, the first one taken at its start (empty if the name
    starts with a separator), as NameAlternation reads them from the text."""
    first = _FIRST_WORD.match(name).group()  # type: ignore[union-attr]
    return (first, *re.findall(r"\w+", name[len(first):]))


@dataclass
class _WordNode:
    """The names whose first words are a given path: those that end there, and the others split by
    their next word (`children`), or kept together if they are few (`children` None)."""

    places: list[int]  # every name below, by its place in the alternation
    ended: list[int]  # the names that end here or at a node above
    children: dict[str, _WordNode] | None
    pattern: re.Pattern[str] | None = None  # what can match where the walk stops here (compiled when first asked)


class NameAlternation:
    """Folded names as one pattern, `(?<!\\w)(?:name|name|…)(?!\\w)` with the names tried in the order
    given (the first that matches wins), that only ever tries the names that can match at a position.

    A name matches only where the text's words (runs of \\w characters) are the name's words, one for
    one: the separators between them, spaces and dashes, are never word characters. One regex over
    1,400 names costs 5-9 µs per position tried, and one over the 193 'Đài Phát thanh … {province}'
    70 µs; the names are arranged in a tree by their words, followed from the text's words as far as
    it branches, and the few names that can match where the walk stops are compiled into a pattern
    of their own: at a group kept together, all of its names and those that ended on the way; at a
    word no name goes on with, the names that ended on the way.
    """

    _FEW = 12  # a group of at most this many names is not split by its next word

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self._words = [_words(n) for n in names]
        self._root = self._node(list(range(len(names))), [], 0, split=True)

    def _node(self, places: list[int], ended_above: list[int], depth: int, split: bool = False) -> _WordNode:
        ended = ended_above + [i for i in places if len(self._words[i]) <= depth]
        if not split and len(places) <= self._FEW:
            return _WordNode(places, ended, None)
        by_word: dict[str, list[int]] = {}
        for i in places:
            if len(self._words[i]) > depth:
                by_word.setdefault(self._words[i][depth], []).append(i)
        return _WordNode(places, ended, {w: self._node(p, ended, depth + 1) for w, p in by_word.items()})

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """What the whole alternation's `.match(text, pos)` gives."""
        m = _FIRST_TWO_WORDS.match(text, pos)  # most walks go two words deep: both read at once
        assert m is not None  # the word patterns may match nothing
        node = self._root.children.get(m.group(1))  # type: ignore[union-attr]
        if node is None:
            return None  # no name starts with this word
        if node.children is not None:
            child = node.children.get(m.group(2))
            end = m.end()
            while child is not None:
                node = child
                if node.children is None:
                    break
                m = _NEXT_WORD.match(text, end)
                assert m is not None
                child = node.children.get(m.group(1))
                end = m.end()
            # a missing child: only the names that ended on the way can match
        if node.pattern is None:
            places = node.ended if node.children is not None else sorted(set(node.ended + node.places))
            alts = "|".join(name_regex(self.names[i]) for i in sorted(places)) or "(?!)"
            node.pattern = re.compile(r"(?<![\w])(?:" + alts + r")(?![\w])")
        return node.pattern.match(text, pos)


def _agency_names(kb: Knowledge) -> tuple[dict[str, Agency | None], dict[str, str]]:
    """Every name and alias of agencies.yaml, folded: → its agency, and → the name as the data writes it
    (a name that takes a province is written once per province, a provincial body's also as a city's)."""
    names: dict[str, Agency | None] = {}
    written: dict[str, str] = {}  # folded name → the name as the data writes it

    short_forms = [(fold(short), long) for short, long in kb.names.short_forms]

    def add(name: str, a: Agency) -> None:
        names.setdefault(fold(name), a)
        written.setdefault(fold(name), name)
        for short, long in short_forms:  # 'UBND các xã' is also read 'Ủy ban nhân dân các xã'
            if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", fold(name)):
                longer = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", long, name, flags=re.IGNORECASE)
                names.setdefault(fold(longer), a)
                written.setdefault(fold(longer), longer)

    for a in kb.agencies:
        own = []
        for n in (a.name, *a.aliases):
            if "{province}" in n:  # 'Đài … và Báo {province}': one alias per province
                for p in kb.provinces:
                    add(n.format(province=p.name), a)
                n = n.format(province="tỉnh")
            add(n, a)
            own.append(n)
        if a.scope != "national":  # provincial bodies and collectives: each province has its own
            for n in own:
                add(as_city(n), a)
        if a.name_with_province:
            add(a.name_with_province.replace("{province}", "tỉnh"), a)
            for p in kb.provinces:
                add(a.name_with_province.format(province=p.name), a)
    return names, written


class AgencyIndex:
    """Every name and alias of agencies.yaml as one folded regex, longest first."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        r = rules()
        names, written = _agency_names(kb)
        self.by_name = names
        self.written = written
        self.long_names = tuple(n for n in names if len(n) >= 12)  # the ones OCR'd text is compared with
        self.generic = tuple(sorted({fold(g) for g in kb.generic_parties}, key=len, reverse=True))
        self.known = NameAlternation(sorted(names, key=len, reverse=True))
        for key in list(names):  # matched without its commas and dashes (name_regex), looked up so too
            names.setdefault(without_marks(key), names[key])
            written.setdefault(without_marks(key), written[key])
        # .match(text, pos) anchors at pos; a '^' would only ever match at 0
        self.generic_re = re.compile(r"(?:" + either_of(self.generic) + r")(?![\w])")
        provs = sorted(kb.province_by_name, key=len, reverse=True)
        prov = "|".join(re.escape(p) for p in provs)
        # qualifiers follow the name directly; "…cấp huyện, cấp xã" is a second agency, not a qualifier
        self.qualifier = re.compile(r"\s*(?:" + either_of(r.qualifiers) + r"|" + prov + r")(?![\w])")
        # 'tỉnh', 'thành phố': the kinds provinces.yaml gives its units, before a province's name
        kinds = either_of(tuple(sorted({fold(p.kind) for p in kb.provinces}, key=len, reverse=True)))
        self.province_after = re.compile(r"\s+(?:(?:" + kinds + r")\s+)?(?P<p>" + prov + r")(?![\w])")
        self.head = re.compile(r"(?:" + either_of(r.agency_heads) + r")(?![\w])")
        self.heads_written = frozenset(h.lower() for h in coordination_data()["agency_heads"])
        heads = either_of(r.distributive_heads)
        self.distributive = re.compile(r"\bcac\s+(?P<head>" + heads + r")\s*:\s*")  # 'các Sở: Nội vụ, …'
        self.distributive_bare = re.compile(r"\bcac\s+(?P<head>" + heads + r")\s+(?=\w)")  # 'các Sở Nội vụ, …'
        self.ends = re.compile(r"\s(?:" + alt_by_first(r.phrase_ends) + r")(?![\w])")  # searched for
        self.head_title = re.compile(r"(?:" + either_of(r.head_titles) + r")\s+(?=\S)")
        words = kb.names
        self.branch = re.compile(r"\s*(?:-\s*)?(?:" + (either_of(fold_all(words.regional_branches)) or "(?!)")
                                 + r")\s+(?P<n>[ivxlc]+|\d+)(?![\w])")
        self.group_word = re.compile(r"\s*,\s*(?:" + (either_of(fold_all(words.group_words)) or "(?!)") + r")(?![\w])")
        self.member = re.compile(r"(?:" + (either_of(fold_all(words.member_groups)) or "(?!)") + r")(?![\w])")
        committee = either_of(r.district_committee)
        # 'UBND 04 xã: Gia Thuận, …', 'Ủy ban nhân dân các phường: …'
        self.unit_list = re.compile(rf"(?P<c>{committee})\s+(?:cac\s+|\d+\s+)?(?P<kind>"
                                    + (either_of(fold_all(words.unit_kinds)) or "(?!)") + r")\s*:\s*")
        self.committee = re.compile(rf"(?:{committee})(?![\w])")
        # '…, thành phố Hồ Chí Minh và tỉnh Quảng Ninh' after 'UBND thành phố Hà Nội'
        self.province_item = re.compile(r"\s*(?:,|\bva\b)\s*(?P<kind>" + kinds + r")\s+(?P<p>" + prov + r")(?![\w])")
        self.province_at_end = re.compile(r"(?:^|\s)(?P<kind>" + kinds + r")\s+(?P<p>" + prov + r")$")
        self.branch_at_end = re.compile(r"(?:" + (either_of(fold_all(words.regional_branches)) or "(?!)")
                                        + r")\s+(?P<n>[ivxlc]+|\d+)$")
        self.titles = tuple(fold_all(words.titles))
        self.not_agency = re.compile(r"(?:" + (either_of(fold_all(words.not_agencies)) or "(?!)") + r")(?![\w])")
        self.collective_noun = re.compile(r"cac\s+(?:" + (either_of(fold_all(words.collective_nouns)) or "(?!)")
                                          + r")(?![\w])")
        # the same, as written: folded, 'đội' (team) and 'đối' (tượng) are one word
        nouns = sorted({w.lower() for w in words.collective_nouns}, key=len, reverse=True)
        self.collective_noun_written = re.compile(r"các\s+(?:" + ("|".join(re.escape(w).replace(r"\ ", r"\s+")
                                                                           for w in nouns) or "(?!)") + r")(?![\w])")


@cache
def city_form_patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    """coordination.yaml's city_forms: (the province's words, as a pattern; the table; the city's
    words, folded, as a pattern)."""
    table = {str(k): str(v) for k, v in (coordination_data().get("city_forms") or {}).items()}
    province_words = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)) or "(?!)"
    city_words = "|".join(name_regex(fold(v)) for v in sorted(table.values(), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{province_words})(?!\w)"), table, re.compile(rf"(?<!\w)(?:{city_words})(?!\w)")


def as_city(name: str) -> str:
    """A provincial body as a thành phố trực thuộc trung ương writes it: 'Hội Liên hiệp Phụ nữ thành
    phố', 'Ban Dân vận Thành ủy', 'Thành đoàn' (agencies.yaml lists only the 'tỉnh' forms of most bodies)."""
    province_words, table, _ = city_form_patterns()
    return province_words.sub(lambda m: table[m.group(0)], name)


@cache
def index(kb: Knowledge) -> AgencyIndex:
    return AgencyIndex(kb)


def extend_qualifiers(folded: str, end: int, idx: AgencyIndex) -> int:
    while True:
        q = idx.qualifier.match(folded, end)
        if not q or q.end() == end:
            return end
        # a comma then a word that starts another agency is a new item, not a qualifier
        end = q.end()
