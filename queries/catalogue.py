"""Saved queries are files: queries/sparql/NAME.rq and queries/cypher/NAME.cypher, each opening
with a comment header (name, title, params, returns, example) that this module reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cancu.errors import QueryError

QUERY_DIR = Path(__file__).parent
LANGUAGES = {"sparql": ".rq", "cypher": ".cypher"}
# text: a Vietnamese name, matched as a literal tagged @vi (how names are stored)
_TYPES = {"string", "text", "integer", "decimal", "boolean", "date", "iri"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: str | None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    language: str  # sparql | cypher
    title: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    example: str
    text: str
    path: Path

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise QueryError(f"query '{self.name}' has no parameter '{name}' "
                         f"(it takes: {', '.join(p.name for p in self.params) or 'none'})")


def parse(path: Path, language: str) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = re.match(r"^(?:#|//)\s*(\w+):\s*(.*)$", line)
        if not m:
            if line.strip() and not line.startswith(("#", "//")):
                break
            continue
        header[m.group(1)] = m.group(2).strip()
    missing = {"name", "title", "returns", "example"} - header.keys()
    if missing:
        raise QueryError(f"{path}: header lacks {', '.join(sorted(missing))}")
    if header["name"] != path.stem:
        raise QueryError(f"{path}: header name '{header['name']}' differs from the file name")
    params = []
    for spec in filter(None, (s.strip() for s in header.get("params", "").split(","))):
        m = re.match(r"^(\w+)\s*:\s*(\w+)\s*(?:=\s*(.+))?$", spec)
        if not m or m.group(2) not in _TYPES:
            raise QueryError(f"{path}: bad parameter '{spec}' (write 'name: type = example', type one of "
                             f"{', '.join(sorted(_TYPES))})")
        params.append(Param(m.group(1), m.group(2), m.group(3)))
    returns = tuple(r.strip() for r in header["returns"].split(",") if r.strip())
    return SavedQuery(header["name"], language, header["title"], tuple(params), returns, header["example"],
                      text, path)


@cache
def catalogue() -> dict[str, dict[str, SavedQuery]]:
    """{'sparql': {name: query}, 'cypher': {name: query}}"""
    out: dict[str, dict[str, SavedQuery]] = {}
    for language, suffix in LANGUAGES.items():
        folder = QUERY_DIR / language
        out[language] = {p.stem: parse(p, language) for p in sorted(folder.glob(f"*{suffix}"))}
    return out


def find(name: str, language: str | None = None) -> SavedQuery:
    cat = catalogue()
    for lang in ([language] if language else ["sparql", "cypher"]):
        if name in cat.get(lang, {}):
            return cat[lang][name]
    known = sorted({n for lang in cat.values() for n in lang})
    close = [n for n in known if name in n or n in name]
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see `cancu query list`)"
    raise QueryError(f"no saved query named '{name}'{hint}")
