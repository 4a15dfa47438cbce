"""The coordination phrasing (coordination.yaml) as the patterns the layouts search with."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from cancu.loaders.extract.agencies import (
    coordination_data,
    name_regex,
    rules,
)
from cancu.loaders.extract.metadata import RECIPIENTS_HEAD
from cancu.loaders.read.text import fold


class _LineStart:
    """A pattern that must start a line: `.start(text, pos)` is where re.compile('^' + body, re.M)
    .search(text, pos) matches. Searched for as a newline followed by the body, which the regex engine
    finds by scanning for newlines instead of trying '^' at every character."""

    def __init__(self, body: str) -> None:
        self.body = re.compile(body)
        self.after_newline = re.compile("\n(?:" + body + ")")

    def start(self, text: str, pos: int = 0) -> int | None:
        if pos == 0 and self.body.match(text):
            return 0
        m = self.after_newline.search(text, max(pos - 1, 0))
        return m.start() + 1 if m else None


RECIPIENTS = _LineStart(RECIPIENTS_HEAD + ":?")  # "Nơi nhận:", OCR "Noi nhdn:"


LIST_GLUE = re.compile(r"[\s,;]+|\bva\b|\([^)]*\)")  # between the names of a list


class Verb:
    """A pattern whose matches all start with one of a few words: tried only where those words are.
    The regex engine tries a pattern that starts with \\b at every position; a bare alternation of the
    words is found by its first characters, in C; \\b at a found position still looks at the character
    before it."""

    def __init__(self, words: tuple[str, ...], pattern: str) -> None:
        self.words, self.pattern = words, re.compile(pattern)
        self._first = re.compile("|".join(map(re.escape, words)) or "(?!)")  # where any word is next

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """What `pattern.finditer(text, pos, endpos)` yields (its matches are never empty)."""
        end = len(text) if endpos is None else endpos
        first, pattern = self._first, self.pattern
        while (word := first.search(text, pos, end)) is not None:
            m = pattern.match(text, word.start(), end)
            if m is None:
                pos = word.start() + 1
            else:
                yield m
                pos = m.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)


@dataclass(frozen=True)
class _Verbs:
    """coordination.yaml's inline_lead ('chủ trì') and inline_cooperating ('phối hợp với', 'cùng với' …)
    as the patterns the layouts need. A wrapped line may fall between a verb's words ('phối\\nhợp'):
    white space between them, never a plain space."""

    lead: Verb  # 'chủ trì'
    cooperating: Verb  # 'phối hợp (với|cùng)', 'cùng với', as words
    partners: Verb  # the same, the partners after it
    partners_after_lead: re.Pattern[str]  # after 'chủ trì': '(thực hiện), (và) phối hợp với Y'
    comma_after_lead: re.Pattern[str]  # after 'chủ trì': '(thực hiện),', then 'Y phối hợp'
    starts_cooperating: re.Pattern[str]  # at the start of a text: 'Phối hợp với X …'
    told: re.Pattern[str]  # 'chỉ đạo' in 'chỉ đạo Phòng Nội vụ phối hợp': who is told follows it
    between: re.Pattern[str]  # 'phối hợp giữa' A …
    between_and: re.Pattern[str]  # … 'với' B


@cache
def verb_patterns() -> _Verbs:
    r = rules()

    def alternation(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], str]:  # longest first, as rules() sorts
        return tuple(sorted({p.split()[0] for p in phrases})), "|".join(r"\s+".join(map(re.escape, p.split()))
                                                                          for p in phrases)

    lead_words, lead = alternation(r.inline_lead)
    coop_words, coop = alternation(r.inline_cooperating)
    _, told = alternation(r.instructing)
    _, between = alternation(r.between)
    _, between_and = alternation(r.between_and)
    _, carried = alternation(r.lead_carried_out)
    carried_out = rf"\s*(?:(?:{carried})\s*)"  # 'chủ trì thực hiện': the lead, then the rest of its clause
    return _Verbs(lead=Verb(lead_words, rf"\b(?:{lead})\b"), cooperating=Verb(coop_words, rf"\b(?:{coop})\b"),
                  partners=Verb(coop_words, rf"\b(?:{coop})\s+"),
                  partners_after_lead=re.compile(rf"{carried_out}?,?\s*(?:va\s+)?(?:{coop})\s+"),
                  comma_after_lead=re.compile(rf"{carried_out}?,\s*"),
                  starts_cooperating=re.compile(rf"\W*(?:{coop})\s+"),
                  told=re.compile(rf"\b(?:{told})\s+"),
                  between=re.compile(rf"\b(?:{between})\s+"), between_and=re.compile(rf"\s(?:{between_and})\s+"))


@cache
def clause_starts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a clause starts: after ':', ';', a full stop or coordination.yaml's agent_words ('do Sở Nội
    vụ chủ trì'); inside one item (the first pattern) a line end without a full stop is a wrapped line
    ('Chỉ đạo Phòng\nNội vụ phối hợp'), elsewhere (the second) a start."""
    agents = "|".join(r"\s+".join(map(re.escape, w.split())) for w in rules().agent_words)
    marks = rf"[:;]|\.\s|\b(?:{agents})\s"
    return re.compile(marks), re.compile(marks + r"|\n")


WORD_START = re.compile(r"(?<!\w)\w")


APPENDIX = _LineStart(r"\W*ph\S{1,2}\s+l\S{1,2}c\b")  # "Phụ lục"


@cache
def attached_document_patterns() -> tuple[_LineStart, re.Pattern[str]]:
    """coordination.yaml's attached_documents: (a title line that starts one, the words that attach one)."""
    data = coordination_data().get("attached_documents") or {}

    def alternation(words: list[str]) -> str:
        return "|".join(name_regex(fold(w)) for w in sorted(words, key=len, reverse=True)) or "(?!)"

    return (_LineStart(r"\W*(?:" + alternation(data.get("titles") or []) + r")\b"),
            re.compile(r"\b(?:" + alternation(data.get("issued_with") or []) + r")\b"))


@cache
def asking_words() -> re.Pattern[str]:
    """coordination.yaml's addressing_after_subject ('Đề nghị', 'Giao') opening a text."""
    words = sorted({fold(w) for w in coordination_data().get("addressing_after_subject") or []}, key=len,
                   reverse=True)
    return re.compile(r"\W*(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\s+")


@cache
def addressed_after() -> re.Pattern[str]:
    """coordination.yaml's addressing_after_subject ('đề nghị', 'giao') right after a subject, an adverb
    or two between ('trân trọng đề nghị')."""
    words = sorted({fold(w) for w in coordination_data().get("addressing_after_subject") or []}, key=len,
                   reverse=True)
    alts = "|".join(name_regex(w) for w in words) or "(?!)"
    return re.compile(r"\s+(?:\w+\s+){0,2}?(?:" + alts + r")\s+")


@cache
def addressing_word() -> re.Pattern[str]:
    """Any of addressed_after's words, between white space: where none is, that pattern cannot match."""
    words = sorted({fold(w) for w in coordination_data().get("addressing_after_subject") or []}, key=len,
                   reverse=True)
    return re.compile(r"\s(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\s")


@cache
def verbs_stop_at_stops() -> bool:
    """Do the verbs that end a list (phrase_ends) hold no colon and no full stop? Then a match of
    AgencyIndex.ends never spans one, and _phrase_stop may search for it only up to the first."""
    return not any(c in w for w in rules().phrase_ends for c in ":.")


@cache
def task_verbs() -> re.Pattern[str]:
    words = sorted(rules().phrase_ends, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(name_regex(w) for w in words) + r")\b")


@cache
def execution_pattern() -> re.Pattern[str]:
    """coordination.yaml's execution_clauses ('chịu trách nhiệm thi hành'), folded."""
    words = sorted({fold(w) for w in coordination_data().get("execution_clauses") or []}, key=len, reverse=True)
    return re.compile(r"\b(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\b")


@cache
def lead_in_words() -> re.Pattern[str]:
    words = sorted({fold(w) for w in coordination_data().get("lead_ins") or []}, key=len, reverse=True)
    return re.compile(r"\W*(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\s")


@cache
def advising_words() -> re.Pattern[str]:
    """coordination.yaml's advising words ('tham mưu'), as words followed by white space."""
    words = sorted({fold(w) for w in coordination_data().get("advising") or []}, key=len, reverse=True)
    return re.compile(r"\b(?:" + ("|".join(name_regex(w) for w in words) or "(?!)") + r")\s+")


def label_value_start(folded: str, labels: tuple[str, ...], pos: int = 0) -> int | None:
    """If the text at `pos` starts with one of the labels and a colon, where its value starts."""
    m = _label_pattern(labels).match(folded, pos)
    return m.end() if m else None


@cache
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(lab).replace(r"\ ", r"\s+") for lab in labels)  # longest first, as rules() sorts them
    return re.compile(r"\W*(?:" + alts + r")\s*:\s*")


@cache
def phrase_at_start(phrases: tuple[str, ...], spaced: bool = True) -> re.Pattern[str]:
    """One of the phrases at the start (after punctuation), followed by white space; `spaced` lets a
    line break stand for each space inside a phrase."""
    alts = "|".join(re.escape(a).replace(r"\ ", r"\s+") if spaced else re.escape(a) for a in phrases)
    return re.compile(r"\W*(?:" + alts + r")\s+")


@cache
def label_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a label at a line start, a second label after a separator on the same line: '…; Đơn vị phối hợp: …')."""
    r = rules()
    every = sorted({*r.lead_labels, *r.cooperating_labels, *r.time_labels, *r.funding_labels}, key=len, reverse=True)
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in every)
    return re.compile(r"\W*(?:" + alts + r")\s*:"), re.compile(r"\s*[;,.]\s*(?=(?:" + alts + r")\s*:)")
