"""Does a text come from OCR without the Vietnamese model (its diacritics mostly lost)?"""

from __future__ import annotations

import re
from functools import lru_cache

DIACRITICS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


# letters OCR without the Vietnamese model almost never produces (it keeps é, á, ó but loses these)
_VIETNAMESE_ONLY = set("ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỷỹỵ")


_VIETNAMESE_ONLY_RE = re.compile("[" + "".join(sorted(_VIETNAMESE_ONLY)) + "]")


@lru_cache(maxsize=8)
def is_ocr(text: str) -> bool:
    """Text that lost its diacritics (OCR without the Vietnamese model): few marked letters. Cached: the
    header, the citations and the coordination reader each ask it of the same plan's text."""
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


_DIACRITICS_RE = re.compile("[" + "".join(sorted(DIACRITICS)) + "]")


@lru_cache(maxsize=1 << 14)
def diacritic_count(text: str) -> int:
    """How many letters carry Vietnamese diacritics."""
    return len(_DIACRITICS_RE.findall(text.lower()))


def looks_undiacritised(text: str) -> bool:
    return _VIETNAMESE_ONLY_RE.search(text.lower()) is None
