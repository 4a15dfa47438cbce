"""Noise real plans show: OCR without diacritics and PDF line breaks."""

from __future__ import annotations

import random
import re
import unicodedata
from functools import cache

from benchmarks.synth.vocabulary import synth_data


def _strip_table() -> dict[int, str]:
    table = {}
    for cp in range(0xC0, 0x1EFA):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    return table


_STRIP = _strip_table()
_STRIP_E = {**_STRIP, **{ord(c): "é" for c in "ếềểễệ"}, ord("ơ"): "o", ord("ộ"): "ô"}
# synth.yaml ocr_misreadings: (the word as a whole word, its readings)
_OCR_WORDS = [(re.compile(rf"\b{re.escape(word)}\b"), tuple(readings))
              for word, readings in synth_data()["ocr_misreadings"].items()]


def _ocr(text: str, rng: random.Random) -> str:
    for pattern, choices in _OCR_WORDS:  # one misreading per word and plan: a scan's errors repeat
        text = pattern.sub(choices[int(rng.random() * len(choices))], text)
    return text.translate(_STRIP_E if rng.random() < 0.5 else _STRIP)


@cache
def _wrap_re(width: int) -> re.Pattern[str]:
    return re.compile(r"(.{1,%s}|\S+)(?:[ ]+|$)" % str(width))  # noqa: UP031


def _break_lines(text: str, rng: random.Random) -> str:
    """PDF text: paragraphs cut at a width, optionally a blank line after every line (trailing space)."""
    width = rng.randint(68, 92)
    airy = rng.random() < 0.4
    pattern = _wrap_re(width)
    out = []
    for line in text.split("\n"):
        if len(line) <= width or "\t" in line:
            out.append(line)
            continue
        parts = [m.group(1) for m in pattern.finditer(line) if m.group(1)]
        out.append((" \n\n" if airy else "\n").join(parts))
    return "\n".join(out)
