"""OCR output put right with the vocabulary of plans, word by word, one line at a time.

Tesseract, above all without its Vietnamese model, reads "Quyết định số 602/QĐ-UBND" as "Quyét dinh
s6 602/QD-UBND" and "Căn cứ" as "Cin cir". The extractors match folded text and so survive lost
diacritics, but not "s6", "ciia" or "QD"; and the text a person checks should read right. This module
repairs what is close to the vocabulary of plans and leaves every other word alone:

* phrases (type names, openers, agency and province names, labels; from ontology/data/*.yaml) match
  when their words equal the OCR words without diacritics, are listed damaged forms, or — with at least
  one other word of the phrase matching exactly — are one or two letters off;
* single words with several readings ("so": số, sở, sổ) only in their context (ocr.yaml `words`);
* document numbers: the type code put right ("QD" → "QĐ", from doc_types.yaml codes) and letters read
  for digits ("l7/9/2021" → "17/9/2021").

A line stays one line and keeps its place, so a page/line reference to the raw OCR holds for the
repaired text. Abbreviations (UBND, TT&TT, CCHC) are never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from cancu.loaders.read.text import fold
from cancu.ontology.knowledge import knowledge
from rapidfuzz.distance import Levenshtein

_TOKEN = re.compile(r"\S+")
# a word's core between the punctuation around it (OCR leaves specks before words too: ".Cơ quan")
_EDGES = re.compile(r"^(?P<pre>[\"'“‘(\[.,:;·•*]*)(?P<core>.*?)(?P<post>[\"'”’)\].,;:!?…]*)$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class _Word:
    """A word of a vocabulary phrase."""

    text: str
    key: str  # folded: lower case, no diacritics
    post: str  # punctuation written after it inside the phrase ("mục đích, yêu cầu")
    forms: frozenset[str] = frozenset()  # damaged forms accepted for it, lower case
    exact: bool = False  # an abbreviation or a code: matched as written, never changed


@dataclass(frozen=True)
class _Phrase:
    words: tuple[_Word, ...]
    proper: bool  # a name: the text must capitalise its first word too


@dataclass(frozen=True)
class _Single:
    """A word that stands alone (ocr.yaml `words`), with the context its plain form needs."""

    word: str
    next: str  # number | capital | any | never
    forms: frozenset[str]
    guarded: bool = False  # its damaged forms need the context too ("Sd" is số before a number, else Sở)


@dataclass
class _Token:
    start: int  # of the core, in the line
    core: str
    pre: str
    post: str
    tab_before: bool
    key: str = ""
    loose: str = ""  # key with the OCR letter confusions undone, for the distance

    @property
    def has_letter(self) -> bool:
        return bool(_HAS_LETTER.search(self.core))


@dataclass
class Repairer:
    """The vocabulary, indexed for matching; built once from the data files (`repairer()`)."""

    phrases: dict[str, list[_Phrase]] = field(default_factory=dict)  # by first word key and its 1-deletions
    singles: dict[str, _Single] = field(default_factory=dict)  # by plain key and by damaged form
    letters: dict[int, str] = field(default_factory=dict)
    digits: dict[int, str] = field(default_factory=dict)
    roman: dict[int, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)  # a type code as OCR writes it -> as it should be
    # (bucket, words) of every phrase kept: a set, since comparing each with its whole bucket was quadratic
    _kept: set[tuple[str, tuple[_Word, ...]]] = field(default_factory=set, repr=False, compare=False)

    # --- building --------------------------------------------------------------------------------

    def add_phrase(self, text: str, proper: bool, spellings: list[str] | tuple[str, ...] = ()) -> None:
        words = _phrase_words(text)
        if len(words) < 2:  # single words have too many readings: only ocr.yaml `words` handles them
            return
        forms: list[set[str]] = [set() for _ in words]
        for spelling in spellings:
            damaged = _phrase_words(spelling)
            if len(damaged) == len(words):
                for i, (w, d) in enumerate(zip(words, damaged, strict=True)):
                    if d.key != w.key:
                        forms[i].add(d.text.lower())
        phrase = _Phrase(tuple(_Word(w.text, w.key, w.post, frozenset(f), w.exact)
                               for w, f in zip(words, forms, strict=True)), proper)
        first = phrase.words[0]
        for k in {first.key, *_deletions(first.key), *first.forms}:
            # the same phrase from two files (an agency name that is also a label) is kept once
            if (k, phrase.words) not in self._kept:
                self._kept.add((k, phrase.words))
                self.phrases.setdefault(k, []).append(phrase)

    # --- repairing -------------------------------------------------------------------------------

    def repair_line(self, line: str) -> tuple[str, list[tuple[int, str, str]]]:
        """(the repaired line, [(column in `line`, before, after)]). Never adds or removes a line break."""
        spans = self._number_spans(line)  # (start, end, replacement) in `line`
        taken = [(a, b) for a, b, _ in spans]
        tokens = self._tokens(line)
        i = 0
        while i < len(tokens):
            matched = self._best_phrase(tokens, i)
            if matched is not None:
                phrase, n = matched
                spans += [(tok.start, tok.start + len(tok.core), _cased(word.text, tok.core))
                          for tok, word in zip(tokens[i:i + n], phrase.words, strict=False) if not word.exact]
                i += n
                continue
            single = self._single(tokens, i)
            if single is not None:
                tok = tokens[i]
                spans.append((tok.start, tok.start + len(tok.core), _cased(single, tok.core)))
            i += 1
        edits = []
        out = line
        for start, stop, new in sorted(spans, reverse=True):  # from the right: earlier columns stay valid
            old = line[start:stop]
            overlaps = any(a < stop and start < b and (a, b) != (start, stop) for a, b in taken)
            if new != old and not overlaps:
                out = out[:start] + new + out[stop:]
                edits.append((start, old, new))
        return out, sorted(edits)

    def _tokens(self, line: str) -> list[_Token]:
        out = []
        prev_end = 0
        for m in _TOKEN.finditer(line):
            e = _EDGES.match(m.group())
            assert e is not None  # the pattern matches any string
            core = e.group("core")
            tok = _Token(m.start() + len(e.group("pre")), core, e.group("pre"), e.group("post"),
                         "\t" in line[prev_end:m.start()])
            tok.key = fold(core) if core else e.group("pre") + e.group("post")
            tok.loose = tok.key.translate(self.letters) if tok.has_letter else tok.key
            out.append(tok)
            prev_end = m.end()
        return out

    def _best_phrase(self, tokens: list[_Token], i: int) -> tuple[_Phrase, int] | None:
        tok = tokens[i]
        if "/" in tok.core or not tok.core:
            return None
        candidates: dict[int, _Phrase] = {}
        for k in (tok.key, tok.core.lower(), tok.loose, *_deletions(tok.loose)):
            for p in self.phrases.get(k, ()):
                candidates[id(p)] = p
        best: tuple[int, _Phrase, int] | None = None
        for p in candidates.values():
            got = _match(tokens, i, p, self.letters)
            if got is None:
                continue
            n, distance = got
            score = n - 2 * distance  # an exact shorter phrase beats a longer one that needs a guess
            if best is None or score > best[0]:
                best = (score, p, n)
        return (best[1], best[2]) if best else None

    def _single(self, tokens: list[_Token], i: int) -> str | None:
        tok = tokens[i]
        if not tok.has_letter:
            return None
        low = tok.core.lower()
        entry = self.singles.get("~" + low)  # a damaged form
        damaged = entry is not None
        if entry is None:
            entry = self.singles.get(tok.key)
        if entry is None:
            return None
        letters = [c for c in tok.core if c.isalpha()]
        shouting = len(letters) >= 2 and all(c.isupper() for c in letters)
        if damaged and not shouting and not entry.guarded:
            return entry.word
        if entry.next == "never" and not damaged:
            return None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if entry.next == "any":
            return entry.word
        if entry.next == "number":
            return entry.word if nxt is not None and (nxt.pre + nxt.core)[:1].isdigit() else None
        if entry.next == "capital":
            return entry.word if nxt is not None and nxt.core[:1].isupper() else None
        return None

    def _number_spans(self, line: str) -> list[tuple[int, int, str]]:
        """Document numbers, dates and section numbers put right, as (start, end, replacement)."""
        spans = []
        for m in _CODE.finditer(line):
            written = m.group(2)
            fixed = self.codes.get(written.upper()) or self.codes.get(_single_letters(written.upper()))
            if fixed is not None and fixed != written:
                spans.append((m.start(2), m.end(2), fixed))
        for m in (*_DATE.finditer(line), *_NUMBER.finditer(line)):
            written = m.group(0)
            if any(c.isdigit() for c in written) and not written.isdigit():
                spans.append((m.start(), m.end(), written.translate(self.digits)))
        h = _HEADING.match(line)
        if h:
            written = h.group(2)
            fixed = written.translate(self.roman)
            # "lll." alone could be anything; before a heading in capitals it is the section number III.
            heading = [c for c in line[h.end():] if c.isalpha()]
            shouting = bool(heading) and sum(c.isupper() for c in heading) >= 0.8 * len(heading)
            if fixed != written and _ROMAN.match(fixed) and (any(c in "IVX" for c in written) or shouting):
                spans.append((h.start(2), h.end(2), fixed))
        return spans


# a type code right after a number: 602/QD-UBND, 61/2018/ND-CP, 18-NQ/TW
_CODE = re.compile(r"(?<=\d)([/-])([A-Za-zĐđÐƉ]{1,6})(?=[-/])")
# a date or a document number with letters read for digits: l7/9/2021, 6O2/QĐ-UBND
_DATE = re.compile(r"(?<![\w/])[\dOolI|]{1,2}/[\dOolI|]{1,2}/[\dOolI|]{4}(?!\w)")
_NUMBER = re.compile(r"(?<![\w/])[\dOolI|]{1,5}(?=/(?:\d{4}/)?[A-ZĐ])")
# a section number at a line start with l, 1 or | read for I: "Ill. TỔ CHỨC THỰC HIỆN", "I1. NỘI DUNG"
_HEADING = re.compile(r"^(\s*)([IVXl1|]{2,5})(?=\s*[.)]\s)")
_ROMAN = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")


def _single_letters(code: str) -> str:
    """A code with a letter read twice ("QĐÐ" → "QĐĐ" → "QĐ"): each run of one letter kept once."""
    return re.sub(r"(.)\1+", r"\1", code.replace("Ð", "Đ").replace("Ɖ", "Đ"))


def _match(tokens: list[_Token], i: int, phrase: _Phrase, letters: dict[int, str]) -> tuple[int, int] | None:
    """(tokens matched, total distance) of the phrase at token i, or None. A phrase cut by the line
    end matches its first two or more words."""
    words = phrase.words
    n = min(len(words), len(tokens) - i)
    if n < 2:
        return None
    if phrase.proper and not tokens[i].core[:1].isupper():
        return None
    distance = exact = 0
    for j in range(n):
        tok, word = tokens[i + j], words[j]
        if j > 0 and (tok.tab_before or tok.pre):
            return None  # a phrase never runs into the next table cell or a bracket
        if j < n - 1 and tok.post != word.post:
            return None
        d = _distance(tok, word, n)
        if d is None:
            return None
        distance += d
        exact += d == 0 and (tok.key == word.key or tok.core.lower() in word.forms)
    if exact == 0 or distance > 1 + sum(len(w.key) for w in words[:n]) // 12:
        return None
    if n < len(words) and distance:
        return None  # the start of a phrase cut by the line end: too little context for a guess
    return n, distance


def _distance(tok: _Token, word: _Word, words: int) -> int | None:
    """0 for the same word without diacritics or a listed damaged form, 1-2 for a near miss, None.

    Short words are guessed only inside phrases of three words or more: in two ("dan cu", "chu truong",
    "nhan van") one letter off is another phrase (dân cư, not căn cứ; chủ trương, not thứ trưởng)."""
    if tok.key == word.key or tok.core.lower() in word.forms:
        return 0
    if word.exact or not tok.has_letter or not _HAS_LETTER.search(word.key):
        return None
    if tok.loose == word.key:
        return 0  # only known confusions ("S6" for Sở, "c0ng" for công); not an anchor, though (see _match)
    size = len(word.key)
    # two letters ("Sd Tai chinh", "thi xi, thanh phé") and four ("dan cu") only in a longer phrase
    short = 1 if words >= 3 else 0
    limit = short if size <= 4 else 1 if size <= 6 else 2
    if limit == 0 or abs(len(tok.loose) - len(word.key)) > limit:
        return None
    d = Levenshtein.distance(tok.loose, word.key, score_cutoff=limit)
    return max(d, 1) if d <= limit else None  # a near miss never counts as exact, even once undone


def _deletions(key: str) -> set[str]:
    """The key with one letter left out: near misses meet their vocabulary word here."""
    return {key[:k] + key[k + 1:] for k in range(len(key))} if len(key) >= 2 else set()


def _phrase_words(text: str) -> list[_Word]:
    out = []
    for m in _TOKEN.finditer(text):
        e = _EDGES.match(m.group())
        assert e is not None
        core, post = e.group("core"), e.group("post")
        if not core:
            core, post = m.group(), ""  # a dash between words is a word of its own
        # an abbreviation or code (UBND, TT&TT, TTg, KH&ĐT): capitals after the first letter, digits, &
        exact = any(c.isupper() for c in core[1:]) or any(c.isdigit() or c == "&" for c in core)
        out.append(_Word(core, fold(core), post, exact=exact))
    return out


def _cased(word: str, written: str) -> str:
    """The vocabulary word in the case the OCR wrote: KẾ HOẠCH, Kế hoạch, kế hoạch."""
    letters = [c for c in written if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if capitals >= 2 and (capitals == len(letters) or (len(letters) >= 4 and capitals == len(letters) - 1)):
        # all capitals, or all but one of a longer word ("PiCH": OCR lost a capital of ĐÍCH; "NGi" is Nội)
        return word.upper()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word[:1].lower() + word[1:]


@cache
def repairer() -> Repairer:
    """The repairer built from ontology/data (doc_types, agencies, provinces, coordination, ocr)."""
    kb = knowledge()
    ocr, coord = kb.ocr, kb.coordination
    r = Repairer(letters=str.maketrans({k: v for k, v in (ocr.get("letters") or {}).items() if len(k) == 1}),
                 digits=str.maketrans(ocr.get("digits") or {}), roman=str.maketrans(ocr.get("roman") or {}))
    look_alikes = ocr.get("code_letters") or {}  # {"Ð": "Đ"}: QÐ with an Icelandic Eth is QĐ
    for t in kb.doc_types:
        r.add_phrase(t.name, proper=False, spellings=t.spellings)
        for c in t.codes:
            variants = {c.upper(), *(c.upper().replace(letter, alike) for alike, letter in look_alikes.items())}
            for v in variants:  # the canonical code too: a doubled letter ("QĐÐ") collapses to it
                r.codes.setdefault(v, t.codes[0])
    extra = ocr.get("spellings") or {}
    for forms in kb.openers.values():
        r.add_phrase(forms[0], proper=False, spellings=[*forms[1:], *(extra.get(forms[0]) or [])])
    for text in kb.basis_headings:
        r.add_phrase(text, proper=False)
    for text in kb.signer_positions:
        # capitalised, as plans write titles: "trong ban hành" is no Trưởng ban
        r.add_phrase(text, proper=True)
    for a in kb.agencies:
        for text in (a.name, *a.aliases):
            r.add_phrase(text, proper=True)
    for p in kb.provinces:
        for text in (p.name, *p.aliases):
            r.add_phrase(text, proper=True)
    spellings = coord.get("ocr_spellings") or {}
    for key in ("lead_labels", "cooperating_labels", "time_labels", "funding_labels", "content_labels", "qualifiers"):
        for text in coord.get(key) or []:
            r.add_phrase(text, proper=False)
    for text, damaged in spellings.items():
        if len(_phrase_words(text)) == 1:  # "Sở: [S&, Sé]" stands before a name: "S& Noi vu"
            single = _Single(text, "capital", frozenset(d.lower() for d in damaged), guarded=True)
            for f in single.forms:
                r.singles.setdefault("~" + f, single)
        r.add_phrase(text, proper=False, spellings=damaged)
    for text in ocr.get("phrases") or []:
        r.add_phrase(text, proper=False, spellings=extra.get(text) or [])
    for w in ocr.get("words") or []:
        single = _Single(w["word"], w.get("next", "never"), frozenset(f.lower() for f in w.get("ocr") or []),
                         guarded=bool(w.get("guard")))
        r.singles.setdefault(fold(single.word), single)
        for f in single.forms:
            r.singles.setdefault("~" + f, single)
    return r


def repair_lines(lines: list[str]) -> tuple[list[str], list[tuple[int, int, str, str]]]:
    """Repaired lines (as many as given) and [(line index, column, before, after)]."""
    r = repairer()
    out, edits = [], []
    for k, line in enumerate(lines):
        fixed, changes = r.repair_line(line)
        out.append(fixed)
        edits += [(k, col, before, after) for col, before, after in changes]
    return out, edits


def repair_text(text: str) -> str:
    """The whole text repaired, line for line."""
    return "\n".join(repair_lines(text.split("\n"))[0])


@lru_cache(maxsize=4096)  # the same titles come back plan after plan, and a repair costs milliseconds
def repair_shown(text: str) -> str:
    """A text read off an OCR'd plan that people will see (a title), repaired as the body's lines are."""
    return repairer().repair_line(" ".join(text.split()))[0]
