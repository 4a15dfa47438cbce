"""Document numbers: find them in a plan's text ('76/NQ-CP', '61/2018/NĐ-CP', '18-NQ/TW') and take
them apart into a canonical number, its type and its issuer. The grammar of a number alone, apart from
the citations.py reading of the words around it; metadata.py parses the plan's own number with it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from cancu.ontology.knowledge import Agency, DocType, Knowledge, code_key

# State numbering: number[/year]/CODE[-CODE…]; spaces around '/' appear in typed and OCR'd text.
# Both patterns start with a digit and then look behind it ('\d(?<![\w/.-]\d)' is '(?<![\w/.-])\d'):
# a pattern that starts with a character class lets the engine skip straight to the digits.
# A code's letters include the Cyrillic capitals that look like Latin ones ('66/NQ-СР' pasted from a
# PDF); parse_number reads them as the Latin letters. A dash may have a space on one side ('71/NQ -CP',
# '223/KH- UBND'), or a line break after it.
_LOOKALIKE_CYRILLIC = "АВСЕНКМОРТХ"
_LOOKALIKES = str.maketrans(_LOOKALIKE_CYRILLIC, "ABCEHKMOPTX")
_CODE_START = f"[A-ZĐ{_LOOKALIKE_CYRILLIC}]"
_CODE_REST = f"[A-Za-zĐđ&{_LOOKALIKE_CYRILLIC}]*"
STATE_NUMBER = re.compile(
    r"(?P<num>\d(?<![\w/.-]\d)\d{0,4}[a-zđ]?)[ \t]?(?:/[ \t]?(?P<year>(?:19|20)\d{2}))?[ \t]?/[ \t]?"
    rf"(?P<code>{_CODE_START}{_CODE_REST}\d*(?:(?:-(?:[ \t]*\n\s*|[ \t])?|[ \t]-){_CODE_START}{_CODE_REST}\d*){{0,4}})"
    r"(?![\w/&])")
# Party numbering: number-TYPE/ISSUER ('18-NQ/TW'), often broken over a line after the hyphen
PARTY_NUMBER = re.compile(
    r"(?P<num>\d(?<![\w/.-]\d)\d{0,3})[ \t]?-\s*(?P<type>[A-ZĐ][A-Za-zĐ]{0,3})[ \t]?/[ \t]?"
    r"(?P<code>[A-ZĐ][A-Za-zĐ]*(?:-[A-ZĐ][A-Za-zĐ]*)?)(?![\w/])")

_TRAILING_DIGITS = re.compile(r"\d+$")


@dataclass
class NumberParts:
    """A document number taken apart and put back together canonically."""

    written: str
    number: str  # canonical
    num: str
    year: int | None
    doc_type: DocType | None
    issuer: Agency | None
    corrections: list[str] = field(default_factory=list)
    party: bool = False


def parse_number(m: re.Match[str], kb: Knowledge) -> NumberParts:
    """Canonical number from a STATE_NUMBER or PARTY_NUMBER match ('749/QP-TTg' → '749/QĐ-TTg')."""
    # plans cite the same numbers over and over: the parse is kept by what it reads (the pattern and
    # the groups), and a fresh NumberParts made each time, since a citation's year may be mended in place
    assert m.re is STATE_NUMBER or m.re is PARTY_NUMBER, m.re.pattern
    p = _parsed(m.re is PARTY_NUMBER, m.group(0), m.groups(), kb)
    return NumberParts(p.written, p.number, p.num, p.year, p.doc_type, p.issuer, list(p.corrections), p.party)


@lru_cache(maxsize=1 << 12)
def _parsed(party: bool, whole: str, groups: tuple[str | None, ...], kb: Knowledge) -> NumberParts:
    pattern = PARTY_NUMBER if party else STATE_NUMBER
    named = {name: groups[i - 1] for name, i in pattern.groupindex.items()}
    return _parse(party, whole, named, kb)


def _parse(party: bool, whole: str, m: dict[str, str | None], kb: Knowledge) -> NumberParts:
    """parse_number of a match: whether it is a PARTY_NUMBER, its text, its named groups."""
    written = "".join(whole.split())  # white space out
    corrections: list[str] = []
    num, code_written = str(m["num"]), str(m["code"])
    if party:
        type_written = str(m["type"])
        dtype = kb.type_by_code.get(code_key(type_written))
        type_code = dtype.code if dtype and dtype.code else type_written
        issuer = kb.issuer_by_code.get(code_key(code_written))
        code = issuer.code if issuer and issuer.code else code_written
        number = f"{num}-{type_code}/{code}"
        return NumberParts(written, number, num, None, dtype, issuer, corrections, party=True)
    code = "".join(code_written.split())  # '2631/QĐ-⏎UBND': broken after the dash
    if code != code.translate(_LOOKALIKES):
        corrections.append(f"Cyrillic letters in '{code}' read as Latin")
        code = code.translate(_LOOKALIKES)
    parts = code.split("-")
    parts[:1] = _type_code_repaired(parts[0], kb, corrections)
    dtype = kb.type_by_code.get(code_key(parts[0]))
    if dtype is not None and dtype.code:
        if parts[0] != dtype.code:
            corrections.append(f"type code '{parts[0]}' read as '{dtype.code}'")
        parts[0] = dtype.code
    issuer = None
    for i in range(1 if dtype else 0, len(parts)):
        found = kb.issuer_by_code.get(code_key(_TRAILING_DIGITS.sub("", parts[i]) or parts[i]))
        if found is None and i == (1 if dtype else 0):
            slip = kb.issuer_code_slips.get(code_key(parts[i]))
            if slip and slip != parts[i]:
                found = kb.issuer_by_code.get(code_key(slip))
                if found:
                    corrections.append(f"issuer code '{parts[i]}' read as '{found.code}'")
        if found is not None:
            if found.code and code_key(found.code) == code_key(parts[i]) and parts[i] != found.code:
                parts[i] = found.code  # case and diacritics as the data writes it: TTG → TTg
            elif found.code and code_key(found.code) != code_key(_TRAILING_DIGITS.sub("", parts[i])):
                parts[i] = found.code
            issuer = found
            break
    year = int(m["year"]) if m["year"] else None
    middle = f"/{year}" if year else ""
    number = f"{num}{middle}/{'-'.join(parts)}"
    if issuer is not None and issuer.scope == "national" and kb.catalogue_entry(number, year) is None:
        entry = kb.catalogue_completion(number)
        if entry is not None and entry.number:  # '72/2025/QH' for '72/2025/QH15'
            corrections.append(f"number '{number}' completed as '{entry.number}' from the catalogue")
            number = entry.number
    return NumberParts(written, number, num, year, dtype, issuer, corrections)


def _type_code_repaired(code: str, kb: Knowledge, corrections: list[str]) -> list[str]:
    """A type code the data does not know, read as one it does: a key struck twice ('CTT' for 'CT',
    'TTTLT' for 'TTLT'), or a type and an issuer code run together ('CTTTg', or 'CTTg' with the letter
    at the seam written once, for 'CT-TTg')."""
    if code_key(code) in kb.type_by_code or code_key(code) in kb.issuer_by_code:
        return [code]
    for i in range(1, len(code)):
        if code[i] == code[i - 1]:
            fewer = code[:i] + code[i + 1:]
            if code_key(fewer) in kb.type_by_code:
                corrections.append(f"type code '{code}' read as '{fewer}'")
                return [fewer]
    for seam in (0, 1):
        for i in range(len(code) - 1, 1, -1):
            head, tail = code[:i], code[i - seam:]
            if code_key(head) in kb.type_by_code and code_key(tail) in kb.issuer_by_code:
                corrections.append(f"code '{code}' read as '{head}-{tail}'")
                return [head, tail]
    return [code]


def find_numbers(text: str) -> list[re.Match[str]]:
    """Every document number in the text, in order, State and Party numbering alike."""
    hits = _finditer_before(STATE_NUMBER, text, "/", 6, 2) + _finditer_before(PARTY_NUMBER, text, "-", 4, 1)
    hits.sort(key=lambda m: m.start())
    out: list[re.Match[str]] = []
    for m in hits:
        if out and m.start() < out[-1].end():
            continue
        out.append(m)
    return out


def _finditer_before(pattern: re.Pattern[str], text: str, mark: str, longest: int,
                     gap: int) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))` for STATE_NUMBER (mark '/', numbers of at most 6 characters,
    up to 2 spaces or tabs before the mark) and PARTY_NUMBER ('-', 4, 1): a match starts with a number
    that is a whole run of word characters, followed by the gap and the mark. A plan has a few dozen
    marks and some thousands of characters, and the regex engine tests each character for a digit:
    only the starts of the runs before a mark are tried, in order, each from where the last match ended.
    The runs are read in the reversed text, where each follows its mark."""
    size = len(text)
    starts = [size - m.end(1) for m in _run_before(mark, longest, gap).finditer(text[::-1])]
    out: list[re.Match[str]] = []
    last_end = 0
    for start in reversed(starts):  # the reversed text's last runs are the text's first
        if start >= last_end and (m := pattern.match(text, start)) is not None:
            out.append(m)
            last_end = m.end()
    return out


@cache
def _run_before(mark: str, longest: int, gap: int) -> re.Pattern[str]:
    """In the reversed text: the mark, the gap, and a whole run of at most `longest` word characters."""
    return re.compile(re.escape(mark) + rf"[ \t]{{0,{gap}}}(\w{{1,{longest}}})(?!\w)")
