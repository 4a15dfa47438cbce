"""The name an agency is shown by: the entry's own spelling, or the surface written out in full."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from cancu.loaders.extract.agencies.names_index import Found, as_city, city_form_patterns, index
from cancu.loaders.extract.agencies.ocr_text import DIACRITICS
from cancu.loaders.extract.agencies.vocabulary import abbreviation_table, expand_abbreviations
from cancu.ontology.knowledge import Agency, Knowledge, fold

_CAPS_TOKEN = re.compile(r"\b[A-ZĐ][A-ZĐ&\-]{1,}[A-Z]?\b")


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
    if found.entry is not None and found.entry.scope != "national" and city_form_patterns()[2].search(surface) \
            and not _PROVINCE_WORD.search(surface):
        name = as_city(name)  # 'CĐVC thành phố' spelt out is 'Công đoàn Viên chức thành phố'
    if found.entry is not None and _names_a_head(surface):
        name = found.entry.name  # 'Bộ trưởng Bộ Nội vụ', 'Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …'
    name = new_tones(_short_forms(name))
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
    letters = _letters(name)  # made again only when a short form changed the name
    for pattern, short in _short_form_patterns():
        found = list(pattern.finditer(letters))
        for m in reversed(found):
            name = name[:m.start()] + short + name[m.end():]
        if found:
            letters = _letters(name)
    return name


# old-style tone placement on an open syllable ('hoá', 'Uỷ', 'Thuỷ'; not 'quý', where qu- is a consonant)
_OLD_TONE = re.compile(r"(?<![qQ])(?:([oO])([áàảãạéèẻẽẹ])|([uU])([ýỳỷỹỵ]))(?!\w)")


def new_tones(name: str) -> str:
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
    undiacritised = not restored and not any(c in DIACRITICS for c in surface.lower())
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
    standard = abbreviation_table()[2]
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
