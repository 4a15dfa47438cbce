"""Domain knowledge from ontology/data/*.yaml, loaded once and indexed for the extractors.

The YAML files are the one place document types, issuer codes, agencies, provinces and well-known
central documents are written down; nothing here hard-codes them. This module is the only code that
opens them: every rule set is an attribute of the Knowledge that knowledge() returns (the tables of
coordination.yaml and ocr.yaml as written, for the loaders that index them their own way).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from cancu.errors import DataError

DATA_DIR = Path(__file__).parent / "data"
MERGER_DATE = date(2025, 7, 1)


def fold(text: str) -> str:
    """Lower case, no diacritics, white space collapsed: the form names are compared in."""
    # the same few hundred names are folded again and again: short strings are cached
    return _fold_cached(text) if len(text) <= 200 else _fold(text)


def _fold(text: str) -> str:
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")
    text = text.lower().replace("–", "-").replace("—", "-")
    text = _DASH.sub(" - ", text)
    return _SPACE.sub(" ", text).strip()


_fold_cached = lru_cache(maxsize=1 << 16)(_fold)
# what unicodedata.combining() is true of (every canonical combining class above 0; none lies beyond
# the first two planes), as one character class
_COMBINING = re.compile("[" + "".join(chr(c) for c in range(0x300, 0x20000)
                                      if unicodedata.combining(chr(c)) and not 0xD800 <= c <= 0xDFFF) + "]")
_DASH = re.compile(r"\s*-\s*")
_SPACE = re.compile(r"\s+")


def code_key(code: str) -> str:
    """Codes compare without case or diacritics: 'QĐ', 'QD' and 'qd' are one key."""
    return fold(code).upper()


@dataclass(frozen=True)
class DocType:
    name: str
    codes: tuple[str, ...]
    spellings: tuple[str, ...]

    @property
    def code(self) -> str | None:
        return self.codes[0] if self.codes else None


@dataclass(frozen=True)
class Province:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    exists_until: date | None
    exists_from: date | None
    successor: str | None = None  # the post-2025 unit this one merged into

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class Agency:
    """An agency entry: national (one node) or provincial/collective (one node per province)."""

    id: str
    name: str
    scope: str  # national | provincial | collective
    aliases: tuple[str, ...] = ()
    code: str | None = None
    parent: str | None = None
    level: str = "unknown"
    successor: dict[str, Any] | None = None
    name_with_province: str | None = None

    def display_name(self, province: Province | None) -> str:
        """The name a node carries: 'Sở Nội vụ tỉnh Bình Định', 'Báo Tây Ninh', 'Bộ Nội vụ'."""
        if self.scope == "national" or province is None:
            return self.name
        if self.name_with_province:
            return self.name_with_province.format(province=province.name)
        base = re.sub(r"\s+(tỉnh|thành phố)$", "", self.name)
        return f"{base} {province.full_name}"


@dataclass(frozen=True)
class NameWords:
    """agencies.yaml's words about how agency names are written (see its comments)."""

    short_forms: tuple[tuple[str, str], ...] = ()  # (short, long): ('UBND', 'Ủy ban nhân dân')
    shown_short: tuple[str, ...] = ()  # the short forms names are shown with: 'UBND'
    group_words: tuple[str, ...] = ()  # 'đoàn thể', 'địa phương': what a collective is a list of
    member_groups: tuple[str, ...] = ()  # 'các tổ chức thành viên': of the agency named before
    regional_branches: tuple[str, ...] = ()  # 'chi nhánh khu vực', 'khu vực': then the region's number
    unit_kinds: tuple[str, ...] = ()  # 'xã', 'phường': local units whose UBNDs a list names one by one
    titles: tuple[str, ...] = ()  # 'Bộ trưởng': an alias starting with one is shown as the entry's name
    not_agencies: tuple[str, ...] = ()  # 'Tổ chức', 'Báo cáo': an unknown phrase starting so is no agency
    collective_nouns: tuple[str, ...] = ()  # 'doanh nghiệp': what may follow 'Các' in a party's name
    unspecified_words: tuple[str, ...] = ()  # 'cơ quan', 'đơn vị': a list of these alone names no agency
    unspecified_tails: tuple[str, ...] = ()  # 'được giao', 'liên quan': what may follow such a list
    generic_tails: tuple[str, ...] = ()  # 'liên quan': a party whose name holds one is unspecified


@dataclass(frozen=True)
class CatalogueDoc:
    number: str | None
    type: str
    date: str | None
    issuer: str | None
    title: str | None
    names: tuple[str, ...]

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass(eq=False)  # compared and hashed by identity: one per process, used as a cache key
class Knowledge:
    doc_types: list[DocType]
    default_type: str
    issuer_code_slips: dict[str, str]
    openers: dict[str, list[str]]
    basis_headings: list[str]
    signer_positions: list[str]
    signer_authorities: list[str]
    provinces: list[Province]
    agencies: list[Agency]
    generic_parties: list[str]
    catalogue: list[CatalogueDoc]
    names: NameWords = field(default_factory=lambda: NameWords())
    nesting_words: list[str] = field(default_factory=list)
    type_by_code: dict[str, DocType] = field(default_factory=dict)
    type_by_name: dict[str, DocType] = field(default_factory=dict)
    issuer_by_code: dict[str, Agency] = field(default_factory=dict)
    agency_by_id: dict[str, Agency] = field(default_factory=dict)
    province_by_id: dict[str, Province] = field(default_factory=dict)
    province_by_name: dict[str, Province] = field(default_factory=dict)
    catalogue_by_number: dict[str, list[CatalogueDoc]] = field(default_factory=dict)
    header: dict[str, list[str]] = field(default_factory=dict)  # doc_types.yaml `header`: how headers are written
    issuer_default_types: dict[str, str] = field(default_factory=dict)  # doc_types.yaml: issuer code → type name
    cited_by_name: list[str] = field(default_factory=list)  # doc_types.yaml: types cited by name and date alone
    title_openers: list[str] = field(default_factory=list)  # doc_types.yaml: words a cited document's title opens with
    coordination: dict[str, Any] = field(default_factory=dict)  # coordination.yaml as written (loaders.agencies)
    ocr: dict[str, Any] = field(default_factory=dict)  # ocr.yaml as written (loaders.repair)

    def __post_init__(self) -> None:
        for t in self.doc_types:
            for c in t.codes:
                self.type_by_code.setdefault(code_key(c), t)
            for n in (t.name, *t.spellings):
                self.type_by_name.setdefault(fold(n), t)
        for a in self.agencies:
            self.agency_by_id[a.id] = a
            if a.code:
                self.issuer_by_code.setdefault(code_key(a.code), a)
        for p in self.provinces:
            self.province_by_id[p.id] = p
            for n in (p.name, *p.aliases):
                self.province_by_name.setdefault(fold(n), p)
        for d in self.catalogue:
            if d.number:
                self.catalogue_by_number.setdefault(number_key(d.number), []).append(d)

    def province(self, name: str | None) -> Province | None:
        return self.province_by_name.get(fold(name)) if name else None

    def catalogue_entry(self, number: str, year: int | None) -> CatalogueDoc | None:
        """The well-known document with this number (and year, where the citation gives one)."""
        candidates = self.catalogue_by_number.get(number_key(number), [])
        if year is not None:
            candidates = [d for d in candidates if d.year in (None, year)]
        return candidates[0] if len(candidates) == 1 else None

    def catalogue_completion(self, number: str) -> CatalogueDoc | None:
        """The one catalogued document a number cut short stands for: '72/2025/QH' without the
        legislature's term is 72/2025/QH15 (numbers with a year only: the year makes it one)."""
        if "/" not in number.split("/", 1)[1]:
            return None
        candidates = _completions(self).get(number_key(number), [])
        return candidates[0] if len(candidates) == 1 else None


@cache
def _completions(kb: Knowledge) -> dict[str, list[CatalogueDoc]]:
    """Catalogue numbers with a year, by their key without the digits that end their code."""
    out: dict[str, list[CatalogueDoc]] = {}
    for d in kb.catalogue:
        if d.number and d.number.count("/") == 2:
            short = re.sub(r"\d+$", "", number_key(d.number))
            if short != number_key(d.number):
                out.setdefault(short, []).append(d)
    return out


@lru_cache(maxsize=1 << 14)
def number_key(number: str) -> str:
    """'06/QĐ-TTg', '6/QD-TTG' → '6/QD-TTG': one key for the ways a number is written. Cached: a plan
    keys each number it cites several times, and the same numbers recur plan after plan."""
    n = code_key(number).replace(" ", "")
    return _LEADING_ZEROS.sub("", n)


_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


# libyaml's parser when PyYAML was built with it: the same data, read ten times faster (the data files
# were a third of a worker's start-up); the pure-Python one otherwise
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """yaml.safe_load, with libyaml when it is there."""
    return yaml.load(text, Loader=_LOADER)


def read_data_file(name: str) -> dict[str, Any]:
    """One file of ontology/data as written (a mapping), or a DataError saying what is wrong with it."""
    path = DATA_DIR / name
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: missing data file") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping at the top")
    return data


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@cache
def knowledge() -> Knowledge:
    """All domain data, loaded once per process."""
    dt = read_data_file("doc_types.yaml")
    doc_types = [DocType(t["name"], tuple(t.get("codes") or ()), tuple(t.get("spellings") or ()))
                 for t in dt["types"]]
    pv = read_data_file("provinces.yaml")
    successor: dict[str, str] = {}
    for m in pv.get("mergers") or []:
        for src in m["from"]:
            if src != m["into"]:
                successor[src] = m["into"]
    provinces = [Province(p["id"], p["name"], p.get("kind", "tỉnh"), tuple(p.get("aliases") or ()),
                          _date(p.get("exists_until")), _date(p.get("exists_from")), successor.get(p["id"]))
                 for p in pv["provinces"]]
    ag = read_data_file("agencies.yaml")
    agencies = []
    for scope in ("national", "provincial", "collectives"):
        for a in ag.get(scope) or []:
            agencies.append(Agency(
                id=a["id"], name=a["name"], scope="collective" if scope == "collectives" else scope,
                aliases=tuple(a.get("aliases") or ()), code=a.get("code"), parent=a.get("parent"),
                level=a.get("level", "unknown"), successor=a.get("successor"),
                name_with_province=a.get("name_with_province")))
    cat = read_data_file("catalogue.yaml")
    catalogue = [CatalogueDoc(d.get("number"), d["type"], str(d["date"]) if d.get("date") else None,
                              d.get("issuer"), d.get("title"), tuple(d.get("names") or ()))
                 for d in cat["documents"]]
    return Knowledge(
        doc_types=doc_types,
        default_type=dt.get("default_type", "Văn bản"),
        issuer_code_slips={code_key(k): v for k, v in (dt.get("issuer_code_slips") or {}).items()},
        openers=dt.get("openers") or {},
        basis_headings=dt.get("basis_headings") or [],
        signer_positions=dt.get("signer_positions") or [],
        signer_authorities=dt.get("signer_authorities") or [],
        provinces=provinces,
        agencies=agencies,
        generic_parties=list(ag.get("generic") or []),
        catalogue=catalogue,
        header={k: list(v or []) for k, v in (dt.get("header") or {}).items()},
        names=_name_words(ag),
        nesting_words=list(dt.get("nesting_words") or []),
        issuer_default_types={str(k): str(v) for k, v in (dt.get("issuer_default_types") or {}).items()},
        cited_by_name=[str(n) for n in dt.get("cited_by_name") or []],
        title_openers=[str(w) for w in dt.get("title_openers") or []],
        coordination=read_data_file("coordination.yaml"),
        ocr=read_data_file("ocr.yaml"),
    )


def _name_words(ag: dict[str, Any]) -> NameWords:
    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w) for w in ag.get(key) or ())

    keys = ("group_words", "member_groups", "regional_branches", "unit_kinds", "titles", "not_agencies",
            "collective_nouns", "unspecified_words", "unspecified_tails", "shown_short", "generic_tails")
    return NameWords(short_forms=tuple((str(k), str(v)) for k, v in (ag.get("short_forms") or {}).items()),
                     **{k: words(k) for k in keys})
