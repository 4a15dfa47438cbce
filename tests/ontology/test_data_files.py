"""Checks of the hand-written domain data in ontology/data: provinces, agencies, catalogue."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parents[2] / "ontology" / "data"


def load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


PROVINCES = load("provinces.yaml")
AGENCIES = load("agencies.yaml")
CATALOGUE = load("catalogue.yaml")

MERGER_DAY = date(2025, 7, 1)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NUMBER = re.compile(r"^\d+[a-z]?(/\d{4})?/[A-ZĐ][A-Za-zĐ0-9]*(-[A-ZĐ][A-Za-zĐ0-9]*)*$|^\d+-[A-Z]+/[A-Z]+$")
# Old-style tone placement on an open syllable: "hoá", "Hoà", "Uỷ", "Thuỷ" (not "quý": qu- is a consonant)
OLD_TONE = re.compile(r"(?<![qQ])(o[áàảãạéèẻẽẹ]|[uU][ýỳỷỹỵ])(?!\w)", re.IGNORECASE)
AGENCY_KEYS = {"id", "name", "aliases", "level"}, {"code", "parent", "successor", "note"}
NATIONAL_LEVELS = {"government", "party", "ministry", "ministry_unit", "legislature", "judiciary", "mass_org",
                   "media", "enterprise"}
LOCAL_LEVELS = {"province", "department", "department_unit", "party", "mass_org", "media", "education",
                "district", "commune", "judiciary", "enterprise"}
DOC_TYPES = {"Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Thông tư", "Luật", "Bộ luật", "Hiến pháp", "Kết luận",
             "Kế hoạch", "Công điện"}

# (section, its entries, required keys, optional keys)
SECTIONS = [
    ("provinces", PROVINCES["provinces"], {"id", "name", "kind"},
     {"aliases", "code", "exists_until", "exists_from", "note"}),
    ("mergers", PROVINCES["mergers"], {"date", "basis", "into", "from"}, {"note"}),
    ("national", AGENCIES["national"], *AGENCY_KEYS),
    ("provincial", AGENCIES["provincial"], AGENCY_KEYS[0], AGENCY_KEYS[1] | {"name_with_province"}),
    ("collectives", AGENCIES["collectives"], AGENCY_KEYS[0], {"note", "successor"}),
    ("documents", CATALOGUE["documents"], {"number", "type", "date", "issuer"},
     {"title", "names", "written_as", "note"}),
]
AGENCY_IDS = {a["id"] for s in ("national", "provincial", "collectives") for a in AGENCIES[s]}
PROVINCE_BY_ID = {p["id"]: p for p in PROVINCES["provinces"]}


def fold(text: str) -> str:
    """Case-, diacritic- and dash-spacing-insensitive form, as the loader compares names."""
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    return re.sub(r"\s+", " ", text).strip()


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def alive(p: dict, day: date) -> bool:
    return (p.get("exists_from") or date.min) <= day and day <= (p.get("exists_until") or date.max)


@pytest.mark.parametrize(("section", "entries", "required", "optional"), SECTIONS,
                         ids=[s[0] for s in SECTIONS])
def test_keys(section, entries, required, optional):
    assert entries, f"{section} is empty"
    for e in entries:
        label = e.get("id") or e.get("number") or e.get("into")
        assert required <= e.keys(), f"{section} {label}: missing {sorted(required - e.keys())}"
        unknown = e.keys() - required - optional
        assert not unknown, f"{section} {label}: unknown {sorted(unknown)}"


@pytest.mark.parametrize("name", ["provinces", "agencies"])
def test_ids_unique_ascii_slugs(name):
    entries = (PROVINCES["provinces"] if name == "provinces"
               else [a for s in ("national", "provincial", "collectives") for a in AGENCIES[s]])
    ids = [e["id"] for e in entries]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert [i for i in ids if not SLUG.match(i)] == []


@pytest.mark.parametrize("name", ["provinces.yaml", "agencies.yaml", "catalogue.yaml"])
def test_text_is_nfc_with_new_style_tones(name):
    text = list(strings(load(name)))
    assert [s for s in text if unicodedata.normalize("NFC", s) != s] == []
    assert [s for s in text if OLD_TONE.search(s)] == []


def test_agency_fields():
    for section, levels in (("national", NATIONAL_LEVELS), ("provincial", LOCAL_LEVELS),
                            ("collectives", LOCAL_LEVELS | {"ministry"})):
        for a in AGENCIES[section]:
            assert a["level"] in levels, a["id"]
            assert isinstance(a["aliases"], list), a["id"]
            assert a.get("parent") in AGENCY_IDS | {None}, f"{a['id']}: parent {a.get('parent')}"
            if "successor" in a:
                s = a["successor"]
                assert s.keys() <= {"id", "date", "note"} and s["id"] in AGENCY_IDS, a["id"]
                assert isinstance(s.get("date", date.min), date), a["id"]
            if "name_with_province" in a:
                assert "{province}" in a["name_with_province"], a["id"]


def test_agency_codes_unique():
    codes = [fold(a["code"]) for s in ("national", "provincial") for a in AGENCIES[s] if a.get("code")]
    assert [c for c, n in Counter(codes).items() if n > 1] == []


SURFACE_FORMS = {
    "provinces": PROVINCES["provinces"],
    "national": AGENCIES["national"],
    "provincial": AGENCIES["provincial"],
    "collectives": AGENCIES["collectives"],
    "catalogue": [{"id": f"{d['number']} {d['date']}", "names": d.get("names", [])}
                  for d in CATALOGUE["documents"]],
}


@pytest.mark.parametrize("section", SURFACE_FORMS)
def test_no_alias_claimed_twice(section):
    owner: dict[str, str] = {}
    clashes = []
    for e in SURFACE_FORMS[section]:
        forms = [e["name"]] if "name" in e else []
        for form in {fold(f) for f in forms + e.get("aliases", []) + e.get("names", [])}:
            if owner.setdefault(form, e["id"]) != e["id"]:
                clashes.append((form, owner[form], e["id"]))
    assert clashes == []


def test_generic_parties():
    generic = [fold(g) for g in AGENCIES["generic"]]
    assert len(generic) == len(set(generic))
    named = {fold(f) for s in ("national", "provincial", "collectives") for a in AGENCIES[s]
             for f in [a["name"], *a["aliases"]]}
    assert named.isdisjoint(generic)


def test_province_counts():
    provinces = PROVINCES["provinces"]
    assert sum(alive(p, date(2025, 6, 30)) for p in provinces) == 63
    assert sum(alive(p, MERGER_DAY) for p in provinces) == 34
    for p in provinces:
        assert p["kind"] in {"tỉnh", "thành phố"}, p["id"]
        assert p.get("exists_until") in (None, date(2025, 6, 30)), p["id"]
        assert p.get("exists_from") in (None, MERGER_DAY), p["id"]
    codes = [p["code"] for p in provinces if "code" in p]
    assert all(re.fullmatch(r"\d\d", c) for c in codes) and len(codes) == len(set(codes))


def test_mergers():
    reached: Counter[str] = Counter()
    for m in PROVINCES["mergers"]:
        assert m["date"] == MERGER_DAY and m["basis"] == "202/2025/QH15"
        assert m["into"] in PROVINCE_BY_ID and alive(PROVINCE_BY_ID[m["into"]], MERGER_DAY), m["into"]
        assert set(m["from"]) <= PROVINCE_BY_ID.keys(), m["into"]
        assert len(m["from"]) >= 2 and len(set(m["from"])) == len(m["from"]), m["into"]
        # a unit that kept its name lists itself; a new name (exists_from) cannot
        assert (m["into"] in m["from"]) == ("exists_from" not in PROVINCE_BY_ID[m["into"]]), m["into"]
        reached.update(m["from"])
    ceased = {i for i, p in PROVINCE_BY_ID.items() if "exists_until" in p}
    assert ceased <= reached.keys(), f"merged units with no merger: {sorted(ceased - reached.keys())}"
    assert [i for i, n in reached.items() if n > 1] == [], "a unit merged into two units"
    assert len(PROVINCES["mergers"]) == len({m["into"] for m in PROVINCES["mergers"]})
    unchanged = [p for i, p in PROVINCE_BY_ID.items() if i not in reached]
    assert len(unchanged) == 11 and all(alive(p, MERGER_DAY) for p in unchanged)


def test_catalogue():
    national = {a["id"] for a in AGENCIES["national"]}
    for d in CATALOGUE["documents"]:
        label = d["number"] or d.get("title")
        assert d["type"] in DOC_TYPES, label
        assert isinstance(d["date"], date), f"{label}: date must be an unquoted ISO date"
        assert d["issuer"] in national, f"{label}: issuer {d['issuer']}"
        if d["number"] is None:
            assert d["type"] == "Hiến pháp", "only the Hiến pháp has no number"
        else:
            assert NUMBER.match(d["number"]), d["number"]
        assert all(NUMBER.match(w) for w in d.get("written_as", [])), label
        assert d.get("title") or d.get("note"), f"{label}: no title and no note saying why"
    keys = [(d["number"], d["date"]) for d in CATALOGUE["documents"]]
    assert [k for k, n in Counter(keys).items() if n > 1] == []


def test_every_type_a_plan_may_take_is_a_document_type():
    """A decision's attached document gives the plan its type ('Quy chế', 'Phương án'): each must be a
    document type, or the graph names a type the shapes do not know."""
    doc_types = load("doc_types.yaml")
    types = {t["name"] for t in doc_types["types"]}
    header = doc_types["header"]
    attached = load("coordination.yaml")["attached_documents"]["titles"]
    for name in [*header["attached_types"], *header["issuing_types"], *header["letter_type"], *attached]:
        assert name in types, name


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_the_fast_yaml_reader_reads_what_the_python_one_does(path: Path) -> None:
    """The extractor reads the data with libyaml when PyYAML has it (knowledge.load_yaml): the data it
    gets must be what the reference reader gives, value for value and type for type."""
    from cancu.ontology.knowledge import load_yaml

    text = path.read_text(encoding="utf-8")
    assert repr(load_yaml(text)) == repr(yaml.safe_load(text))
