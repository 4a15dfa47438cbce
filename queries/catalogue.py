"""Saved queries are files: queries/sparql/NAME.rq and queries/cypher/NAME.cypher, each opening
with a comment header (name, title, params, returns, example) that this module reads."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from cancu.errors import QueryError

QUERY_DIR = Path(__file__).parent
LANGUAGES = {"sparql": ".rq", "cypher": ".cypher"}
# text: a Vietnamese name, matched as a literal tagged @vi (how names are stored); province: a text that
# must name a province of ontology/data/provinces.yaml (a misspelt one would just answer nothing)
_TYPES = {"string", "text", "province", "integer", "decimal", "boolean", "date", "iri"}
_WHAT = {"integer": "a whole number", "decimal": "a number", "boolean": "true or false",
         "date": "a date written YYYY-MM-DD", "iri": "an IRI (https://…)", "province": "a province"}
_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


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

    @property
    def examples(self) -> dict[str, str]:
        """Each parameter's example value from the header (what `query list` shows)."""
        return {p.name: p.example for p in self.params if p.example is not None}

    def bind(self, params: dict[str, str]) -> dict[str, Any]:
        """The values given, checked against their declared types and made Python values (int, float,
        bool, str). Every parameter is required: the header's value is an example, never a default."""
        for name in params:
            self.param(name)  # raises on an unknown parameter
        missing = [p for p in self.params if p.name not in params]
        if missing:
            needs = "; ".join(f"--param {p.name}=… ({_WHAT.get(p.type, 'text')}"
                              + (f", e.g. --param {_quoted(p.name, p.example)})" if p.example else ")")
                              for p in missing)
            raise QueryError(f"query '{self.name}' needs {needs}")
        return {p.name: _typed(p, params[p.name]) for p in self.params}


def _quoted(name: str, value: str) -> str:
    spec = f"{name}={value}"
    return f'"{spec}"' if " " in spec else spec


def _typed(p: Param, raw: str) -> Any:
    value = unicodedata.normalize("NFC", raw).strip()
    bad = f"--param {p.name}={raw}: not {_WHAT.get(p.type, p.type)}"
    example = f" (e.g. {p.name}={p.example})" if p.example else ""
    if p.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(bad + example)
        return int(value)
    if p.type == "decimal":
        try:
            return float(value)
        except ValueError:
            raise QueryError(bad + example) from None
    if p.type == "boolean":
        if value.lower() not in _BOOLEANS:
            raise QueryError(bad)
        return _BOOLEANS[value.lower()]
    if p.type == "date":
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise QueryError(bad + example) from None
    if p.type == "iri":
        if not re.fullmatch(r"(https?|urn):\S+", value):
            raise QueryError(bad)
        return value
    if p.type == "province":
        return _province(p, raw, value)
    return value


def _province(p: Param, raw: str, value: str) -> str:
    """The name as the graph writes it; anything else is refused with the name it most likely meant."""
    from cancu.ontology.knowledge import fold, knowledge

    kb = knowledge()
    if any(value == prov.name for prov in kb.provinces):
        return value
    meant = kb.province(value)  # an alias, or the name without diacritics or in other case
    if meant is None:
        folded = {fold(prov.name): prov for prov in kb.provinces}
        close = difflib.get_close_matches(fold(value), folded, n=1, cutoff=0.75)
        meant = folded[close[0]] if close else None
    if meant is None:
        raise QueryError(f"--param {p.name}={raw}: not a province cancu knows (ontology/data/provinces.yaml)")
    raise QueryError(f"--param {p.name}={raw}: the graph does not write a province so; "
                     f"did you mean {_quoted(p.name, meant.name)}?")


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
    if language is not None and language not in cat:
        raise QueryError(f"no query language '{language}' (choose from {', '.join(cat)})")
    for lang in ([language] if language else ["sparql", "cypher"]):
        if name in cat[lang]:
            return cat[lang][name]
    has = [lang for lang in cat if name in cat[lang]]
    if has:  # it exists, in the other language
        return_to = " or ".join(f"--language {lang}" for lang in has)
        raise QueryError(f"query '{name}' has no {_LANGUAGE_NAMES[language or '']} version, only "
                         f"{', '.join(_LANGUAGE_NAMES[lang] for lang in has)}: run it with {return_to}")
    known = sorted({n for lang in cat.values() for n in lang})
    close = [n for n in known if name in n or n in name] or difflib.get_close_matches(name, known, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see `cancu query list`)"
    raise QueryError(f"no saved query named '{name}'{hint}")


_LANGUAGE_NAMES = {"sparql": "SPARQL", "cypher": "Cypher", "": "such"}
