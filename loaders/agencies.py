"""Agency names in running text: split lists into agencies, expand abbreviations and distributive
lists ('các Sở: Nội vụ, Tư pháp'), restore OCR'd names, and give each one identity per province.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, NamedTuple

import yaml
from cancu.loaders import keys
from cancu.loaders.records import AgencyRef
from cancu.ontology.knowledge import DATA_DIR, Agency, Knowledge, Province, fold

_DIACRITICS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
# letters OCR without the Vietnamese model almost never produces (it keeps é, á, ó but loses these)
_VIETNAMESE_ONLY = set("ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỷỹỵ")
_CAPS_TOKEN = re.compile(r"\b[A-ZĐ][A-ZĐ&\-]{1,}[A-Z]?\b")


# a fuzzy match to a known agency name (OCR) less alike than this, in percent, is flagged for review
FUZZY_REVIEW_BELOW = 95


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
    # (OCR spelling, the word it stands for), both folded and of the same length
    ocr_spellings: tuple[tuple[str, str], ...] = ()


@cache
def coordination_data() -> dict[str, Any]:
    """ontology/data/coordination.yaml, read once for the rules, the abbreviations and the capitals."""
    return yaml.safe_load((DATA_DIR / "coordination.yaml").read_text(encoding="utf-8"))


@cache
def rules() -> Rules:
    data = dict(coordination_data())
    spellings = data.pop("ocr_spellings", None) or {}
    data.pop("abbreviations", None)  # see expand_abbreviations
    data.pop("standard_capitals", None)  # see is_abbreviated
    data.pop("city_forms", None)  # see _as_city
    for key in ("attached_documents", "advising", "lead_ins", "article_heads", "execution_clauses",
                "addressing_after_subject"):
        data.pop(key, None)  # read by loaders.coordination and loaders.outline themselves
    folded = {k: tuple(sorted({fold(v) for v in vals}, key=len, reverse=True)) for k, vals in data.items()}
    pairs = {(fold(v), fold(word)) for word, variants in spellings.items() for v in variants}
    # only same-length spellings can be put right in place: offsets into the text must not move
    ocr = tuple(sorted((p for p in pairs if len(p[0]) == len(p[1]) and p[0] != p[1]), key=lambda p: -len(p[0])))
    return Rules(**folded, ocr_spellings=ocr)


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """coordination.yaml's abbreviations (as one pattern and a table) and its standard capitals."""
    data = coordination_data()
    table = {str(k): str(v) for k, v in (data.get("abbreviations") or {}).items()}
    alts = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w&-])(?:" + (alts or r"(?!)") + r")(?![\w&-])")
    return pattern, table, frozenset(str(c) for c in data.get("standard_capitals") or ())


def expand_abbreviations(name: str) -> str:
    """'UBND các huyện, TX, TP' → 'UBND các huyện, thị xã, thành phố': the abbreviations of
    coordination.yaml written out."""
    pattern, table, _ = _abbreviations()
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


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(name_regex(w) for w in words)


def _bare(folded_name: str) -> str:
    """A folded name without the commas and dashes name_regex lets the text leave out."""
    return " ".join(folded_name.replace(",", " ").replace(" - ", " ").split())


def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    """Folded, longest first (an alternation tries them in order)."""
    return tuple(sorted({fold(w) for w in words}, key=len, reverse=True))


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


class AgencyIndex:
    """Every name and alias of agencies.yaml as one folded regex, longest first."""

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb
        r = rules()
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
                    add(_as_city(n), a)
            if a.name_with_province:
                add(a.name_with_province.replace("{province}", "tỉnh"), a)
                for p in kb.provinces:
                    add(a.name_with_province.format(province=p.name), a)
        self.by_name = names
        self.written = written
        self.long_names = tuple(n for n in names if len(n) >= 12)  # the ones OCR'd text is compared with
        self.generic = tuple(sorted({fold(g) for g in kb.generic_parties}, key=len, reverse=True))
        self.known = NameAlternation(sorted(names, key=len, reverse=True))
        for key in list(names):  # matched without its commas and dashes (name_regex), looked up so too
            names.setdefault(_bare(key), names[key])
            written.setdefault(_bare(key), written[key])
        # .match(text, pos) anchors at pos; a '^' would only ever match at 0
        self.generic_re = re.compile(r"(?:" + _alt(self.generic) + r")(?![\w])")
        provs = sorted(kb.province_by_name, key=len, reverse=True)
        prov = "|".join(re.escape(p) for p in provs)
        # qualifiers follow the name directly; "…cấp huyện, cấp xã" is a second agency, not a qualifier
        self.qualifier = re.compile(r"\s*(?:" + _alt(r.qualifiers) + r"|" + prov + r")(?![\w])")
        # 'tỉnh', 'thành phố': the kinds provinces.yaml gives its units, before a province's name
        kinds = _alt(tuple(sorted({fold(p.kind) for p in kb.provinces}, key=len, reverse=True)))
        self.province_after = re.compile(r"\s+(?:(?:" + kinds + r")\s+)?(?P<p>" + prov + r")(?![\w])")
        self.head = re.compile(r"(?:" + _alt(r.agency_heads) + r")(?![\w])")
        self.heads_written = frozenset(h.lower() for h in coordination_data()["agency_heads"])
        heads = _alt(r.distributive_heads)
        self.distributive = re.compile(r"\bcac\s+(?P<head>" + heads + r")\s*:\s*")  # 'các Sở: Nội vụ, …'
        self.distributive_bare = re.compile(r"\bcac\s+(?P<head>" + heads + r")\s+(?=\w)")  # 'các Sở Nội vụ, …'
        self.ends = re.compile(r"\s(?:" + _alt(r.phrase_ends) + r")(?![\w])")
        self.head_title = re.compile(r"(?:" + _alt(r.head_titles) + r")\s+(?=\S)")
        words = kb.names
        self.branch = re.compile(r"\s*(?:-\s*)?(?:" + (_alt(_folded(words.regional_branches)) or "(?!)")
                                 + r")\s+(?P<n>[ivxlc]+|\d+)(?![\w])")
        self.group_word = re.compile(r"\s*,\s*(?:" + (_alt(_folded(words.group_words)) or "(?!)") + r")(?![\w])")
        self.member = re.compile(r"(?:" + (_alt(_folded(words.member_groups)) or "(?!)") + r")(?![\w])")
        committee = _alt(r.district_committee)
        # 'UBND 04 xã: Gia Thuận, …', 'Ủy ban nhân dân các phường: …'
        self.unit_list = re.compile(rf"(?P<c>{committee})\s+(?:cac\s+|\d+\s+)?(?P<kind>"
                                    + (_alt(_folded(words.unit_kinds)) or "(?!)") + r")\s*:\s*")
        self.committee = re.compile(rf"(?:{committee})(?![\w])")
        # '…, thành phố Hồ Chí Minh và tỉnh Quảng Ninh' after 'UBND thành phố Hà Nội'
        self.province_item = re.compile(r"\s*(?:,|\bva\b)\s*(?P<kind>" + kinds + r")\s+(?P<p>" + prov + r")(?![\w])")
        self.province_at_end = re.compile(r"(?:^|\s)(?P<kind>" + kinds + r")\s+(?P<p>" + prov + r")$")
        self.branch_at_end = re.compile(r"(?:" + (_alt(_folded(words.regional_branches)) or "(?!)")
                                        + r")\s+(?P<n>[ivxlc]+|\d+)$")
        self.titles = tuple(_folded(words.titles))
        self.not_agency = re.compile(r"(?:" + (_alt(_folded(words.not_agencies)) or "(?!)") + r")(?![\w])")
        self.collective_noun = re.compile(r"cac\s+(?:" + (_alt(_folded(words.collective_nouns)) or "(?!)")
                                          + r")(?![\w])")
        # the same, as written: folded, 'đội' (team) and 'đối' (tượng) are one word
        nouns = sorted({w.lower() for w in words.collective_nouns}, key=len, reverse=True)
        self.collective_noun_written = re.compile(r"các\s+(?:" + ("|".join(re.escape(w).replace(r"\ ", r"\s+")
                                                                           for w in nouns) or "(?!)") + r")(?![\w])")


@cache
def _city_forms() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    """coordination.yaml's city_forms: (the province's words, as a pattern; the table; the city's
    words, folded, as a pattern)."""
    table = {str(k): str(v) for k, v in (coordination_data().get("city_forms") or {}).items()}
    province_words = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)) or "(?!)"
    city_words = "|".join(name_regex(fold(v)) for v in sorted(table.values(), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{province_words})(?!\w)"), table, re.compile(rf"(?<!\w)(?:{city_words})(?!\w)")


def _as_city(name: str) -> str:
    """A provincial body as a thành phố trực thuộc trung ương writes it: 'Hội Liên hiệp Phụ nữ thành
    phố', 'Ban Dân vận Thành ủy', 'Thành đoàn' (agencies.yaml lists only the 'tỉnh' forms of most bodies)."""
    province_words, table, _ = _city_forms()
    return province_words.sub(lambda m: table[m.group(0)], name)


@cache
def index(kb: Knowledge) -> AgencyIndex:
    return AgencyIndex(kb)


_VIETNAMESE_ONLY_RE = re.compile("[" + "".join(sorted(_VIETNAMESE_ONLY)) + "]")


def is_ocr(text: str) -> bool:
    """Text that lost its diacritics (OCR without the Vietnamese model): few marked letters."""
    # a character's lower case holds at most one letter, so the text has no more letters than
    # characters: once the marked letters reach 2% of the characters the text is not OCR, and the rest
    # of it need be neither lowered nor counted (a plan's first fifth usually does)
    enough = 0.02 * len(text)
    marked = 0
    for at in range(0, len(text), 256):
        marked += len(_VIETNAMESE_ONLY_RE.findall(text[at:at + 256].lower()))
        if marked >= enough:
            return False
    letters = sum(map(str.isalpha, text.lower()))  # no Python-level loop per character
    return letters > 200 and marked < 0.02 * letters


_DIACRITICS_RE = re.compile("[" + "".join(sorted(_DIACRITICS)) + "]")


@lru_cache(maxsize=1 << 14)
def _marks(text: str) -> int:
    """How many letters carry Vietnamese diacritics."""
    return len(_DIACRITICS_RE.findall(text.lower()))


def _looks_undiacritised(text: str) -> bool:
    return _VIETNAMESE_ONLY_RE.search(text.lower()) is None


@cache
def _separators() -> re.Pattern[str]:
    """coordination.yaml's list_separators, longest first: words as whole words ('và', not the 'va' of
    'vận'), marks as they are."""
    seps = [rf"\b{name_regex(s)}\b" if s[:1].isalnum() else re.escape(s) for s in rules().list_separators]
    return re.compile(r"\s*(?:" + "|".join(seps) + r")\s*")


_LEVEL = re.compile(r"cap\s+(?:tinh|huyen|xa)\b")  # 'cấp huyện' after 'UBND …, '
_NEXT_ITEM = re.compile(r"[;,]|\bva\b|\bcac\b")  # a group starts at "các"
_DANGLING = (" cac", " va", " cua")  # words a phrase cut at a verb may be left ending with


def _without_dangling(folded: str, a: int, b: int) -> int:
    """Where folded[a:b] ends without its trailing separators and dangling words ('…, các', '… và')."""
    while True:
        end = len(folded[a:b].rstrip(" ,;\n\t")) + a
        cut = next((w for w in _DANGLING if folded.endswith(w, a, end)), None)
        if cut is None:
            return end
        b = end - len(cut)
_DOUBLED = re.compile(r"(\w+)\s+(\1)(?![\w])")


@cache
def _unspecified(kb: Knowledge) -> re.Pattern[str]:
    """agencies.yaml unspecified_words as a list alone, with its tails: 'các cơ quan, đơn vị, địa phương'."""
    word = "(?:" + (_alt(_folded(kb.names.unspecified_words)) or "(?!)") + ")"
    tail = _alt(_folded(kb.names.unspecified_tails)) or "(?!)"
    return re.compile(rf"^(?:cac\s+)?{word}(?:\s*,?\s*(?:va\s+)?(?:cac\s+)?{word})*(?:\s+(?:{tail}))?$")


@lru_cache(maxsize=1 << 14)
def is_generic(folded: str, kb: Knowledge) -> bool:
    """An unspecified party ('các cơ quan, đơn vị có liên quan'): left out of lead and cooperating.
    Cached: asked of every name found, and the same names come back."""
    f = re.sub(r"\s+", " ", folded).strip(" .,;:()")
    return bool(index(kb).generic_re.match(f) or "lien quan" in f or _unspecified(kb).match(f))


def _generic_tails(folded: str) -> list[tuple[int, int]]:
    """Stretches that end in 'liên quan' back to the list separator before them: 'các hội, đoàn thể
    liên quan' in 'Ủy ban MTTQ tỉnh và các hội, đoàn thể liên quan' is one unspecified party."""
    out: list[tuple[int, int]] = []
    # every match holds 'lien quan', which a pattern starting with a literal finds fast; the full
    # pattern, with its optional start, is tried at every position
    if not _LIEN_QUAN.search(folded):
        return out
    for m in _GENERIC_TAIL.finditer(folded):
        head = 0
        for sep in _TAIL_HEAD.finditer(folded, 0, m.start()):
            head = sep.end()
        out.append((head, m.end()))
    return out


_LIEN_QUAN = re.compile(r"lien\s+quan")
_GENERIC_TAIL = re.compile(r"(?:co\s+)?lien\s+quan")
_TAIL_HEAD = re.compile(r";|:|\bva\b|,\s*(?=cac\b)")  # the separators a generic tail starts after


def split_agencies(text: str, folded: str, kb: Knowledge, *, ocr: bool = False,
                   stop_at_verbs: bool = True) -> list[Found]:
    """The agencies a list names, in order (see _split_agencies)."""
    # plans repeat the same lists ('Sở Nội vụ', 'các sở, ban, ngành tỉnh') plan after plan: a pure
    # function of its arguments, cached; the list is copied because callers extend theirs
    return list(_split_cached(text, folded, kb, ocr, stop_at_verbs))


@lru_cache(maxsize=1 << 15)
def _split_cached(text: str, folded: str, kb: Knowledge, ocr: bool, stop_at_verbs: bool) -> tuple[Found, ...]:
    return tuple(_split_agencies(text, folded, kb, ocr=ocr, stop_at_verbs=stop_at_verbs))


def _split_agencies(text: str, folded: str, kb: Knowledge, *, ocr: bool = False,
                    stop_at_verbs: bool = True) -> list[Found]:
    """The agencies a list names, in order.

    Known names (longest first) and phrases that start with an agency head word are taken; an
    unspecified party is marked generic; anything else is skipped. `stop_at_verbs` ends an unknown
    name at a verb ('Sở X tham mưu …'); labelled values and table cells hold names only.
    """
    idx = index(kb)
    out: list[Found] = []
    pos, n = 0, len(folded)
    tails = _generic_tails(folded)
    while pos < n:
        tail = next(((a, b) for a, b in tails if a <= pos < b), None) if tails else None
        if tail is not None and folded[pos:tail[1]].strip(" ,;.:"):
            out.append(Found(pos, tail[1], text[pos:tail[1]], None, generic=True))
            pos = tail[1]
            continue
        sep = _separators().match(folded, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        if folded[pos].isspace():
            pos += 1
            continue
        if folded[pos] in "().:-*\"'“”/":
            if folded[pos] == "(":
                close = folded.find(")", pos)
                if close > 0 and out and _a_group(out[-1]):
                    # a parenthesised enumeration names the members of the group before it
                    inner = _split_agencies(text[pos + 1:close], folded[pos + 1:close], kb, ocr=ocr,
                                            stop_at_verbs=False)
                    if inner:
                        out.pop()
                        out.extend(_shift(f, pos + 1) for f in inner)
                if close > 0:
                    pos = close + 1
                    continue
            pos += 1
            continue
        member = idx.member.match(folded, pos) if out and folded.startswith("cac", pos) else None
        if member and not out[-1].generic and _item_ends(folded, member.end(), idx):
            out.append(_member_group(text, pos, member.end(), out[-1]))
            pos = member.end()
            continue
        units = idx.unit_list.match(folded, pos) if folded[pos] == "u" else None
        listed = _unit_names(text, folded, units) if units else []
        if listed:
            out.extend(listed)
            pos = listed[-1].end
            continue
        dist = distributive(folded, pos, kb) if folded.startswith("cac", pos) else None  # most positions: no call
        if dist:
            out.extend(_distribute(text, folded, dist, kb))
            pos = dist.end
            continue
        title = idx.head_title.match(folded, pos)
        if title and (idx.known.match(folded, title.end()) or idx.head.match(folded, title.end())):
            pos = title.end()
        doubled = _DOUBLED.match(folded, pos)
        if doubled and (head := idx.head.match(folded, pos)) and head.end() == doubled.end(1):
            pos = doubled.start(2)  # 'Sở Sở Công thương': a head word typed twice
        gen = idx.generic_re.match(folded, pos)
        if gen:
            out.append(Found(pos, gen.end(), text[pos:gen.end()], None, generic=True))
            pos = gen.end()
            continue
        known = idx.known.match(folded, pos)
        if known:
            end = extend_qualifiers(folded, known.end(), idx)
            branch = idx.branch.match(folded, end)  # 'Kho bạc Nhà nước khu vực XI'
            end = branch.end() if branch else end
            key = fold(folded[pos:known.end()])
            entry = idx.by_name.get(key)
            name_end = known.end()
            if entry is not None and entry.scope == "collective" and not idx.committee.match(folded, pos):
                grown = _group_tail(folded, end, idx)  # 'Các sở, ban, ngành, đoàn thể cấp tỉnh': a group of its own
                if grown > end:
                    entry, end, name_end = None, grown, grown
            spelt = idx.written.get(key, "")
            if _marks(text[pos:known.end()]) < _marks(spelt):
                # OCR or typing without diacritics: the name as the data spells it, qualifiers as written
                out.append(Found(pos, end, spelt + text[known.end():end], entry, name_end=known.end(),
                                 restored=True))
            else:
                out.append(Found(pos, end, text[pos:end], entry, name_end=name_end))
            pos = end
            if entry is not None and entry.level == "province" and idx.committee.match(folded, out[-1].start):
                more = _more_provinces(text, folded, out[-1], idx)  # '…, thành phố Hồ Chí Minh và tỉnh Quảng Ninh'
                out.extend(more)
                pos = more[-1].end if more else pos
            continue
        level = _LEVEL.match(folded, pos) if folded.startswith("cap", pos) else None
        if level and out and fold(out[-1].surface).startswith(("ubnd", "uy ban nhan dan")):
            # "UBND cấp huyện, cấp xã": the same head at another level
            surface = "UBND " + text[pos:level.end()]
            out.append(Found(pos, level.end(), surface, idx.by_name.get(fold(surface)), restored=True))
            pos = level.end()
            continue
        if ocr or _looks_undiacritised(text[pos:pos + 30]):
            fuzzy = _fuzzy(folded, pos, idx)
            if fuzzy is not None:
                out.append(fuzzy)
                pos = fuzzy.end
                continue
        head = idx.head.match(folded, pos)
        if head and (ocr or _written_head(text[pos:head.end()], idx)) and _may_name_a_party(text, folded, pos, idx):
            end = _phrase_end(text, folded, pos, idx, stop_at_verbs)
            if end > head.end():
                out.extend(_same_kind_groups(text, folded, pos, end, kb))
                pos = end
                continue
        nxt = _NEXT_ITEM.search(folded, pos + 1)
        pos = nxt.start() if nxt else n
    for k, f in enumerate(out):
        if not f.generic and is_generic(fold(f.surface), kb):
            out[k] = Found(f.start, f.end, f.surface, f.entry, True, f.name_end, f.restored)
    return [f for f in out if f.surface.strip()]


_ITEM_END = re.compile(r"\s*(?:[,;.:)]|\bva\b|$)")


def _same_kind_groups(text: str, folded: str, start: int, end: int, kb: Knowledge) -> list[Found]:
    """An unknown phrase; 'Các doanh nghiệp viễn thông, doanh nghiệp bưu chính' is two groups of one
    kind ('Các' written once), each its own party."""
    noun = index(kb).collective_noun.match(folded, start, end)
    cuts = [start]
    if noun is not None:
        kind = folded[noun.start() + 3:noun.end()].strip()
        cuts += [m.start(1) for m in re.finditer(rf",\s*({re.escape(kind)})(?![\w])", folded[:end])
                 if m.start() > noun.end()]
    out = []
    for a, b in zip(cuts, [*cuts[1:], end], strict=True):
        b = _without_dangling(folded, a, b)  # '…, các' cut at a verb
        surface = text[a:b].strip()
        if a != start:
            surface = text[start:noun.start() + 3] + " " + surface  # type: ignore[union-attr]
        out.append(Found(a, b, surface, None, generic=is_generic(fold(surface), kb), restored=a != start))
    return out


def _may_name_a_party(text: str, folded: str, pos: int, idx: AgencyIndex) -> bool:
    """Can the unknown phrase at `pos` be an agency? Not 'Tổ chức tập huấn …' nor 'Các khoản thu'
    (agencies.yaml not_agencies, collective_nouns). Text typed without diacritics is read folded."""
    if idx.not_agency.match(folded, pos):
        return False
    if not folded.startswith("cac", pos):
        return True
    written = text[pos:pos + 40]
    if _looks_undiacritised(written):
        return idx.collective_noun.match(folded, pos) is not None
    return idx.collective_noun_written.match(_new_tones(unicodedata.normalize("NFC", written).lower())) is not None


def _item_ends(folded: str, at: int, idx: AgencyIndex) -> bool:
    """Does the list item end at `at`: a separator, the end, or a verb?"""
    return bool(_ITEM_END.match(folded, at) or idx.ends.match(folded, at))


def _group_tail(folded: str, end: int, idx: AgencyIndex) -> int:
    """Where a collective ends once the groups written after it are its own (agencies.yaml
    group_words): 'Các sở, ban, ngành' + ', cơ quan thuộc tỉnh'. A group word that goes on with a name
    ('…, Sở Y tế'), or that is a party of its own ('…, đoàn thể'), is another party."""
    while True:
        m = idx.group_word.match(folded, end)
        if m is None or idx.known.match(folded, m.end() - len(m.group().lstrip(" ,"))):
            return end  # a group the data names ('…, đoàn thể') is a party of its own
        after = extend_qualifiers(folded, m.end(), idx)
        if after == m.end() and not _item_ends(folded, after, idx):
            return end
        end = after


def _member_group(text: str, start: int, end: int, owner: Found) -> Found:
    """'các tổ chức thành viên' after 'Ủy ban MTTQ tỉnh và': the members of that agency."""
    written = " ".join(text[start:end].split())
    return Found(start, end, f"{written[:1].upper()}{written[1:]} {display_name(owner)}", None, restored=True)


_UNIT_SEP = re.compile(r"\s*(?:,|\bva\b)\s*")
_WORD_AT = re.compile(r"\s*(\w+)")


def _unit_names(text: str, folded: str, units: re.Match[str]) -> list[Found]:
    """'UBND 04 xã: Gia Thuận, Tân Điền và Tân Phú Đông': one UBND per unit, each name the run of
    capitalised words after a separator."""
    committee = " ".join(text[units.start("c"):units.end("c")].split())
    kind = " ".join(text[units.start("kind"):units.end("kind")].split()).lower()
    out: list[Found] = []
    pos = units.end()
    while True:
        start = end = None
        for m in _WORD_AT.finditer(text, pos):
            if m.start() != (end if end is not None else pos) or not (m.group(1)[:1].isupper() or m.group(1).isdigit()):
                break
            start = m.start(1) if start is None else start
            end = m.end(1)
        if start is None or end is None:
            return out
        out.append(Found(start, end, f"{committee} {kind} {' '.join(text[start:end].split())}", None, restored=True))
        sep = _UNIT_SEP.match(folded, end)
        if sep is None:
            return out
        pos = sep.end()


def _more_provinces(text: str, folded: str, first: Found, idx: AgencyIndex) -> list[Found]:
    """The provinces written after a province's UBND, each with its kind: one UBND each."""
    committee = idx.committee.match(folded, first.start)
    if committee is None or not idx.province_at_end.search(folded, first.start, first.end):
        return []
    head = " ".join(text[first.start:committee.end()].split())
    out: list[Found] = []
    end = first.end
    while (m := idx.province_item.match(folded, end)) is not None:
        written = " ".join(text[m.start("kind"):m.end("p")].split())
        out.append(Found(m.start("kind"), m.end(), f"{head} {written}", first.entry, restored=True))
        end = m.end()
    return out


def _written_head(written: str, idx: AgencyIndex) -> bool:
    """Is the head word as written one of coordination.yaml's, diacritics and all? Folded, 'sổ tay'
    reads as 'Sở'. Text typed without diacritics is let through."""
    w = " ".join(written.split()).lower()
    return w in idx.heads_written or not _marks(w)


def _a_group(f: Found) -> bool:
    """A collective, known or written 'các …' ('các nhà mạng (Viettel Nghệ An, VNPT Nghệ An)')."""
    if f.generic:
        return False
    return f.entry.scope == "collective" if f.entry is not None else fold(f.surface).startswith("cac ")


def _shift(f: Found, by: int) -> Found:
    return Found(f.start + by, f.end + by, f.surface, f.entry, f.generic,
                 None if f.name_end is None else f.name_end + by, f.restored)


def extend_qualifiers(folded: str, end: int, idx: AgencyIndex) -> int:
    while True:
        q = idx.qualifier.match(folded, end)
        if not q or q.end() == end:
            return end
        # a comma then a word that starts another agency is a new item, not a qualifier
        end = q.end()


def _phrase_end(text: str, folded: str, pos: int, idx: AgencyIndex, stop_at_verbs: bool) -> int:
    """Where an unknown agency name ends: before a separator that starts another agency (a known
    name, or a capitalised head word: 'các cơ quan báo, đài của tỉnh' stays one), at a verb that
    ends the phrase, or at the end of the text."""
    limit = len(folded)
    if stop_at_verbs:
        stop = idx.ends.search(folded, pos)
        if stop:
            limit = stop.start()
    bracket = folded.find("(", pos, limit)  # what a bracket adds is not the name: 'các nhà mạng (Viettel, …)'
    limit = bracket if bracket > pos else limit
    for m in re.finditer(r"\s*(?:;|,|\bva\b)\s*", folded[pos:limit]):
        after = pos + m.end()
        if m.group(0).strip() == ";" or idx.known.match(folded, after) or idx.generic_re.match(folded, after) \
                or (idx.head.match(folded, after) and text[after:after + 1].isupper()):
            return pos + m.start()
    return limit


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


def _distribute(text: str, folded: str, dist: Distributive, kb: Knowledge) -> list[Found]:
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


_EXTRAS = (0, -1, 1, -2, 2)  # window lengths tried around each name's length, in order of preference


@cache
def _long_names_by_window(idx: AgencyIndex) -> dict[int, tuple[tuple[str, ...], tuple[int, ...]]]:
    """The long names grouped by the window widths they are compared with (their length and the
    _EXTRAS around it), each with its rank (place in idx.long_names, then the window's place in
    _EXTRAS): a window of the text is compared with a whole group in one rapidfuzz call."""
    groups: dict[int, list[tuple[str, int]]] = {}
    for order, name in enumerate(idx.long_names):
        for k, extra in enumerate(_EXTRAS):
            groups.setdefault(len(name) + extra, []).append((name, order * len(_EXTRAS) + k))
    return {w: (tuple(x for x, _ in g), tuple(r for _, r in g)) for w, g in groups.items()}


def _fuzzy(folded: str, pos: int, idx: AgencyIndex) -> Found | None:
    """OCR names ('Sé& Thong tin va Truyén thong') against the known names, by edit similarity."""
    found = _fuzzy_from(folded[pos:], idx)
    return None if found is None else found._replace(start=pos, end=found.end + pos)


@lru_cache(maxsize=1 << 14)
def _fuzzy_from(folded: str, idx: AgencyIndex) -> Found | None:
    """_fuzzy at the start of `folded`: a function of the text from there on, cached, because the
    coordination reader asks again for the same place in overlapping spans of an OCR'd plan."""
    from rapidfuzz import fuzz, process

    pos = 0

    # short aliases ('phong nv') match anything at edit distance 1: only full names are tried, and
    # among the close ones the longest wins (then the earliest name, then the closest window length)
    best: tuple[float, int, str, int, float] | None = None  # (score x length, -rank, name, end, score)
    for width, (names, ranks) in _long_names_by_window(idx).items():
        end = pos + width
        if end > len(folded):
            continue
        for name, score, j in process.extract(folded[pos:end], names, scorer=fuzz.ratio, score_cutoff=85,
                                              limit=None):
            cand = (score * len(name), -ranks[j], name, end, score)
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is None:
        return None
    _, _, found, end, similarity = best
    while end < len(folded) and folded[end].isalnum():
        end += 1
    entry = idx.by_name[found]
    end, rest = _fuzzy_qualifiers(folded, end)
    name = (entry.name if entry else found) + rest
    return Found(pos, end, name, entry, restored=True, score=similarity)


@cache
def _written_qualifiers() -> tuple[tuple[str, str], ...]:
    """(folded, as written) for the longer qualifiers of coordination.yaml, longest first."""
    data = yaml.safe_load((DATA_DIR / "coordination.yaml").read_text(encoding="utf-8"))
    pairs = {(fold(q), q) for q in data["qualifiers"] if len(q) >= 10}
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def _fuzzy_qualifiers(folded: str, end: int) -> tuple[int, str]:
    """An OCR'd qualifier after an OCR'd name ('cic huyén, thi x4, thanh pho'), restored."""
    from rapidfuzz import fuzz

    rest = folded[end:]
    lead = len(rest) - len(rest.lstrip())
    for q, written in _written_qualifiers():
        if fuzz.ratio(q, rest[lead:lead + len(q)]) >= 80:
            return end + lead + len(q), " " + written
    return end, ""


def display_name(found: Found, text: str | None = None) -> str:
    """The name as written, unless it is abbreviated or lost its diacritics and the data can spell it
    out: then the entry's full spelling closest to what was written ('Sở NgV' → 'Sở Ngoại vụ', 'UBND
    các huyện, TX, TP' → 'UBND các huyện, thị xã, thành phố'); qualifiers after the name are kept."""
    qualifiers = None if found.name_end is None else found.end - found.name_end
    # the same names come back plan after plan: kept by what they depend on, the entry by identity
    # (it is held in the value, so its id stays its own)
    key = (found.surface, id(found.entry), found.restored, qualifiers)
    known = _DISPLAY_NAMES.get(key)
    if known is not None and known[0] is found.entry:
        return known[1]
    spellings = None if found.entry is None else (found.entry.name, *found.entry.aliases)
    name = _display_name(found.surface, spellings, found.restored, qualifiers)
    surface = fold(found.surface)
    if found.entry is not None and found.entry.scope != "national" and _city_forms()[2].search(surface) \
            and not _PROVINCE_WORD.search(surface):
        name = _as_city(name)  # 'CĐVC thành phố' spelt out is 'Công đoàn Viên chức thành phố'
    if found.entry is not None and _names_a_head(surface):
        name = found.entry.name  # 'Bộ trưởng Bộ Nội vụ', 'Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …'
    name = _new_tones(_short_forms(name))
    if len(_DISPLAY_NAMES) >= 1 << 15:
        _DISPLAY_NAMES.clear()
    _DISPLAY_NAMES[key] = (found.entry, name)
    return name


_DISPLAY_NAMES: dict[tuple[str, int, bool, int | None], tuple[Agency | None, str]] = {}
_PROVINCE_WORD = re.compile(r"(?<!\w)tinh(?!\w)")  # 'UBND các tỉnh, thành phố' is no city's own name


def _names_a_head(folded_surface: str) -> bool:
    """Does the name start with the title of an agency's head (agencies.yaml titles)?"""
    from cancu.ontology.knowledge import knowledge

    return folded_surface.startswith(_titles(knowledge()))


@cache
def _titles(kb: Knowledge) -> tuple[str, ...]:
    return tuple(f"{t} " for t in index(kb).titles) + tuple(f"{t}, " for t in index(kb).titles)


def _letters(text: str) -> str:
    """Lower case without diacritics, one character for one (fold() may change the length)."""
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text).lower().replace("đ", "d")


@cache
def _short_form_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    from cancu.ontology.knowledge import knowledge

    return tuple((re.compile(rf"(?<!\w){re.escape(_letters(long))}(?!\w)"), short)
                 for short, long in knowledge().names.short_forms if short in knowledge().names.shown_short)


def _short_forms(name: str) -> str:
    """'Văn phòng Ủy ban nhân dân tỉnh' → 'Văn phòng UBND tỉnh' (agencies.yaml short_forms, shown_short)."""
    for pattern, short in _short_form_patterns():
        letters = _letters(name)
        for m in reversed(list(pattern.finditer(letters))):
            name = name[:m.start()] + short + name[m.end():]
    return name


# old-style tone placement on an open syllable ('hoá', 'Uỷ', 'Thuỷ'; not 'quý', where qu- is a consonant)
_OLD_TONE = re.compile(r"(?<![qQ])(?:([oO])([áàảãạéèẻẽẹ])|([uU])([ýỳỷỹỵ]))(?!\w)")


def _new_tones(name: str) -> str:
    """'Uỷ ban', 'Hoà' → 'Ủy ban', 'Hòa': the tone on the first vowel, as the data writes names."""
    def move(m: re.Match[str]) -> str:
        first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        base, mark = unicodedata.normalize("NFD", second)[0], unicodedata.normalize("NFD", second)[1:]
        return unicodedata.normalize("NFC", first + mark) + base

    return _OLD_TONE.sub(move, name) if not name.isascii() else name


def _display_name(surface_as_found: str, spellings: tuple[str, ...] | None, restored: bool,
                  qualifiers: int | None) -> str:
    """display_name of a Found, from what it depends on: its surface, its entry's name and aliases
    (None: no entry), whether it was restored, and how many characters of the surface are qualifiers
    (None: not known)."""
    surface = re.sub(r"\s+", " ", surface_as_found).strip(" .,;:")
    if spellings is None:
        return surface[:1].upper() + surface[1:]
    undiacritised = not restored and not any(c in _DIACRITICS for c in surface.lower())
    if not (is_abbreviated(surface) or undiacritised):
        return surface[:1].upper() + surface[1:]
    rest = ""
    if qualifiers is not None:  # the qualifiers: the surface's last (end - name_end) characters
        tail = surface_as_found[len(surface_as_found) - qualifiers:] if qualifiers > 0 else ""
        rest = re.sub(r"\s+", " ", tail).rstrip(" .,;:")
    name = surface[:len(surface) - len(rest.strip())].strip() if rest.strip() else surface
    full = _full_spelling(spellings, name)
    if full is None:
        return surface[:1].upper() + surface[1:] if not undiacritised else spellings[0] + rest
    return full + rest


def is_abbreviated(name: str) -> bool:
    """'Sở TT&TT', 'Sở NgV', 'Các tổ chức CT-XH', 'Trung tâm CNTT …': capitals standing for words."""
    standard = _abbreviations()[2]
    return ("&" in name or _MIXED_CAPS.search(name) is not None
            or any(t not in standard for t in _CAPS_TOKEN.findall(name)))


_MIXED_CAPS = re.compile(r"\b\w*[a-zđ][A-ZĐ]\w*\b")  # 'NgV', 'SNgV'


def _full_spelling(spellings: tuple[str, ...], written: str) -> str | None:
    """The entry's name or alias (`spellings`, its name first), written without abbreviations, that is
    closest to what was written."""
    from rapidfuzz import fuzz

    name = spellings[0]
    full = [n for n in spellings if "{" not in n and not is_abbreviated(n)]
    if not full:
        return None
    expanded = expand_abbreviations(written)
    if is_abbreviated(expanded):  # 'Sở NgV', 'STTTT': nothing to go by but the entry
        return name if name in full else full[0]
    target = fold(expanded.replace("&", " và "))
    best = max(full, key=lambda n: (fuzz.ratio(fold(n), target), n == name))
    return best if fuzz.ratio(fold(best), target) >= 90 else expanded  # the data's own spelling, if close


def _named_province(found: Found, kb: Knowledge) -> Province | None:
    """The province a provincial body's name ends with, written with its kind ('UBND tỉnh Quảng
    Ninh', 'Sở Y tế thành phố Hà Nội'): a central plan names bodies of several provinces. The kind
    must be the province's: 'UBND thành phố Hà Tĩnh' is a city of the tỉnh Hà Tĩnh."""
    if found.entry is None or found.entry.scope != "provincial":
        return None
    m = index(kb).province_at_end.search(fold(found.surface))
    named = kb.province(m.group("p")) if m else None
    return named if named is not None and fold(named.kind) == " ".join(m.group("kind").split()) else None  # type: ignore[union-attr]


def resolve(found: Found, kb: Knowledge, province: Province | None, issuer: Agency | None,
            line: int) -> AgencyRef:
    """The identity of a found agency: a known entry scoped to its province, else its own name."""
    name = display_name(found)
    prov_id = province.id if province else None
    entry = found.entry
    flags: tuple[str, ...] = ()
    if found.score is not None and found.score < FUZZY_REVIEW_BELOW:  # a guess worth a look (loaders/flags.py)
        flags = (f"read as '{name}' by a fuzzy match ({found.score:.0f}% alike): check the line as written",)
    if entry is not None:
        province = _named_province(found, kb) or province
        prov_id = province.id if province else None
        scope_prov = None if entry.scope == "national" else prov_id
        agency_id = entry.id
        if entry.parent is None and entry.level == "department_unit" and issuer is not None:
            agency_id = f"{issuer.id}/{entry.id}"  # "Văn phòng Sở" is the issuing Sở's own office
        branch = index(kb).branch_at_end.search(fold(found.surface)) if entry.scope == "national" else None
        if branch is not None:  # 'Kho bạc Nhà nước khu vực XI': the region's own office
            agency_id = f"{entry.id}/khu-vuc-{branch.group('n')}"
        kind = "collective" if entry.scope == "collective" else "agency"
        return AgencyRef(name, keys.agency_key(agency_id, scope_prov), entry.id, kind, province.name if province and
                         scope_prov else None, found.surface, line, flags)
    kind = "collective" if fold(name).startswith("cac ") else "agency"
    return AgencyRef(name, keys.agency_key(keys.slug(name), prov_id), None, kind,
                     province.name if province else None, found.surface, line, flags)
