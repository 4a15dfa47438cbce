"""Party lists: a stretch of text split into the agencies it names, one after another."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from cancu.loaders.extract.agencies.display import display_name, new_tones
from cancu.loaders.extract.agencies.distributive import distributive, spelt_out_list
from cancu.loaders.extract.agencies.fuzzy import fuzzy_match
from cancu.loaders.extract.agencies.names_index import AgencyIndex, Found, extend_qualifiers, index
from cancu.loaders.extract.agencies.ocr_text import diacritic_count, looks_undiacritised
from cancu.loaders.extract.agencies.vocabulary import either_of, fold_all, name_regex, rules
from cancu.ontology.knowledge import Knowledge, fold, knowledge


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
    word = "(?:" + (either_of(fold_all(kb.names.unspecified_words)) or "(?!)") + ")"
    tail = either_of(fold_all(kb.names.unspecified_tails)) or "(?!)"
    return re.compile(rf"^(?:cac\s+)?{word}(?:\s*,?\s*(?:va\s+)?(?:cac\s+)?{word})*(?:\s+(?:{tail}))?$")


@lru_cache(maxsize=1 << 14)
@lru_cache(maxsize=1 << 12)
def is_generic(folded: str, kb: Knowledge) -> bool:
    """An unspecified party ('các cơ quan, đơn vị có liên quan'): left out of lead and cooperating.
    Cached: asked of every name found, and the same names come back."""
    f = re.sub(r"\s+", " ", folded).strip(" .,;:()")
    return bool(index(kb).generic_re.match(f) or _generic_tail_res()[0].search(f) or _unspecified(kb).match(f))


def _generic_tails(folded: str) -> list[tuple[int, int]]:
    """Stretches that end in 'liên quan' back to the list separator before them: 'các hội, đoàn thể
    liên quan' in 'Ủy ban MTTQ tỉnh và các hội, đoàn thể liên quan' is one unspecified party."""
    out: list[tuple[int, int]] = []
    # every match holds a shortest tail ('lien quan'), which a pattern starting with a literal finds
    # fast; the full pattern, with its optional start, is tried at every position
    shortest, tails = _generic_tail_res()
    if not shortest.search(folded):
        return out
    for m in tails.finditer(folded):
        head = 0
        for sep in _TAIL_HEAD.finditer(folded, 0, m.start()):
            head = sep.end()
        out.append((head, m.end()))
    return out


@cache
def _generic_tail_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """agencies.yaml generic_tails, folded: (those no other one holds, of which every match holds one; all
    of them, longest first)."""
    tails = sorted({fold(t) for t in knowledge().names.generic_tails}, key=len, reverse=True)
    shortest = [t for t in tails if not any(o != t and o in t for o in tails)]

    def alternation(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(r"\s+".join(map(re.escape, w.split())) for w in words))

    return alternation(shortest), alternation(tails)


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


def names_from(text: str, folded: str, kb: Knowledge, within: int, *, ocr: bool = False,
               stop_at_verbs: bool = True) -> bool:
    """Can split_agencies(text, folded, …) find anything that starts at most `within` characters in?
    False is certain: the reader stopped at a later place with nothing found yet, and every agency
    it finds starts where it stands or after. True means only that it did not stop early."""
    return bool(_split_agencies(text, folded, kb, ocr=ocr, stop_at_verbs=stop_at_verbs, until=within))


# over 60 lines: one scan whose steps share its position and list; a call a step would slow extraction's hottest loop
def _split_agencies(text: str, folded: str, kb: Knowledge, *, ocr: bool = False,
                    stop_at_verbs: bool = True, until: int | None = None) -> list[Found]:
    """The agencies a list names, in order.

    Known names (longest first) and phrases that start with an agency head word are taken; an
    unspecified party is marked generic; anything else is skipped. `stop_at_verbs` ends an unknown
    name at a verb ('Sở X tham mưu …'); labelled values and table cells hold names only. With
    `until`, nothing is returned once the reader is past that place with nothing found (names_from).
    """
    idx = index(kb)
    out: list[Found] = []
    pos, n = 0, len(folded)
    tails = _generic_tails(folded)
    while pos < n:
        if until is not None and pos > until and not out:
            return []
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
            out.extend(spelt_out_list(text, folded, dist, kb))
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
            if diacritic_count(text[pos:known.end()]) < diacritic_count(spelt):
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
        if ocr or looks_undiacritised(text[pos:pos + 30]):
            fuzzy = fuzzy_match(folded, pos, idx)
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
    if looks_undiacritised(written):
        return idx.collective_noun.match(folded, pos) is not None
    return idx.collective_noun_written.match(new_tones(unicodedata.normalize("NFC", written).lower())) is not None


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
    return w in idx.heads_written or not diacritic_count(w)


def _a_group(f: Found) -> bool:
    """A collective, known or written 'các …' ('các nhà mạng (Viettel Nghệ An, VNPT Nghệ An)')."""
    if f.generic:
        return False
    return f.entry.scope == "collective" if f.entry is not None else fold(f.surface).startswith("cac ")


def _shift(f: Found, by: int) -> Found:
    return Found(f.start + by, f.end + by, f.surface, f.entry, f.generic,
                 None if f.name_end is None else f.name_end + by, f.restored)


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
