"""The OCR name matcher: a known name restored from an OCR'd spelling by similarity."""

from __future__ import annotations

from functools import cache, lru_cache

from cancu.loaders.extract.agencies.names_index import AgencyIndex, Found
from cancu.loaders.extract.agencies.vocabulary import coordination_data
from cancu.ontology.knowledge import fold

# a fuzzy match to a known agency name (OCR) less alike than this, in percent, is flagged for review
FUZZY_REVIEW_BELOW = 95


_EXTRAS = (0, -1, 1, -2, 2)  # window lengths tried around each name's length, in order of preference


@cache
def _long_names_by_length(idx: AgencyIndex) -> dict[int, tuple[tuple[str, ...], tuple[int, ...]]]:
    """The long names grouped by their length, each with its place in idx.long_names."""
    groups: dict[int, list[tuple[str, int]]] = {}
    for order, name in enumerate(idx.long_names):
        groups.setdefault(len(name), []).append((name, order))
    return {n: (tuple(x for x, _ in g), tuple(r for _, r in g)) for n, g in groups.items()}


def _near_cutoff(length: int) -> float:
    """The score a name of `length` characters must reach against the window of its own length for
    any window _EXTRAS allows to reach 85 (a window e characters longer matches at most e more of the
    name's characters: LCS ≥ 0.425·(2L+e) − max(e, 0) ≥ 0.85·L − 1.15), one point lower for rounding."""
    return 85 - 115 / length - 1


def fuzzy_match(folded: str, pos: int, idx: AgencyIndex) -> Found | None:
    """OCR names ('Sé& Thong tin va Truyén thong') against the known names, by edit similarity."""
    found = _fuzzy_from(folded[pos:], idx)
    return None if found is None else found._replace(start=pos, end=found.end + pos)


@lru_cache(maxsize=1 << 14)
def _fuzzy_from(folded: str, idx: AgencyIndex) -> Found | None:
    """fuzzy_match at the start of `folded`: a function of the text from there on, cached, because the
    coordination reader asks again for the same place in overlapping spans of an OCR'd plan."""
    from rapidfuzz import fuzz, process

    pos = 0

    # short aliases ('phong nv') match anything at edit distance 1: only full names are tried, and
    # among the close ones the longest wins (then the earliest name, then the closest window length)
    best: tuple[float, int, str, int, float] | None = None  # (score x length, -rank, name, end, score)
    # each name is first compared with the one window of its own length, at a lower score that every
    # window around it needs (_near_cutoff): a fifth of the comparisons, and most positions end there
    for length, (names, orders) in _long_names_by_length(idx).items():
        if pos + length > len(folded):  # the text ends inside the window: only shorter ones fit
            for k, extra in enumerate(_EXTRAS):
                end = pos + length + extra
                if end > len(folded):
                    continue
                for name, score, j in process.extract(folded[pos:end], names, scorer=fuzz.ratio,
                                                      score_cutoff=85, limit=None):
                    cand = (score * len(name), -(orders[j] * len(_EXTRAS) + k), name, end, score)
                    if best is None or cand[:2] > best[:2]:
                        best = cand
            continue
        for _, _, j in process.extract(folded[pos:pos + length], names, scorer=fuzz.ratio,
                                       score_cutoff=_near_cutoff(length), limit=None):
            for k, extra in enumerate(_EXTRAS):
                end = pos + length + extra
                if end > len(folded):
                    continue
                score = fuzz.ratio(folded[pos:end], names[j], score_cutoff=85)
                if score >= 85:
                    cand = (score * length, -(orders[j] * len(_EXTRAS) + k), names[j], end, score)
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
    data = coordination_data()
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
