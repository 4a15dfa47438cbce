"""Province scoping: each agency found given its identity in the plan's province."""

from __future__ import annotations

from typing import Any

from cancu.loaders.extract import keys
from cancu.loaders.extract.agencies.display import display_name
from cancu.loaders.extract.agencies.fuzzy import FUZZY_REVIEW_BELOW
from cancu.loaders.extract.agencies.names_index import Found, index
from cancu.loaders.extract.records import AgencyRef
from cancu.ontology.knowledge import Agency, Knowledge, Province, fold


def _named_province(found: Found, kb: Knowledge) -> Province | None:
    """The province a provincial body's name ends with, written with its kind ('UBND tỉnh Quảng
    Ninh', 'Sở Y tế thành phố Hà Nội'): a central plan names bodies of several provinces. The kind
    must be the province's: 'UBND thành phố Hà Tĩnh' is a city of the tỉnh Hà Tĩnh."""
    if found.entry is None or found.entry.scope != "provincial":
        return None
    m = index(kb).province_at_end.search(fold(found.surface))
    named = kb.province(m.group("p")) if m else None
    return named if named is not None and fold(named.kind) == " ".join(m.group("kind").split()) else None  # type: ignore[union-attr]


def resolve(found: Found, kb: Knowledge, province: Province | None, issuer: Agency | None,
            line: int) -> AgencyRef:
    """The identity of a found agency: a known entry scoped to its province, else its own name."""
    # the same names are resolved in the same province plan after plan, and many times in one plan:
    # kept by what the answer depends on, the objects by identity (held in the value, so ids stay theirs)
    qualifiers = None if found.name_end is None else found.end - found.name_end
    key = (found.surface, found.restored, qualifiers, found.score, id(found.entry), id(province), id(issuer), id(kb))
    known = _RESOLVED.get(key)
    if known is None or not (known[0] is found.entry and known[1] is province and known[2] is issuer
                             and known[3] is kb):
        if len(_RESOLVED) >= 1 << 15:
            _RESOLVED.clear()
        known = _RESOLVED[key] = (found.entry, province, issuer, kb, _resolve(found, kb, province, issuer))
    name, agency_key, agency_id, kind, province_name, flags = known[4]
    return AgencyRef(name, agency_key, agency_id, kind, province_name, found.surface, line, flags)


_RESOLVED: dict[tuple[object, ...], tuple[Any, ...]] = {}


def _resolve(found: Found, kb: Knowledge, province: Province | None,
             issuer: Agency | None) -> tuple[str, str, str | None, str, str | None, tuple[str, ...]]:
    """resolve's answer but the line: (name, key, agencies.yaml id, kind, province name, flags)."""
    name = display_name(found)
    prov_id = province.id if province else None
    entry = found.entry
    flags: tuple[str, ...] = ()
    if found.score is not None and found.score < FUZZY_REVIEW_BELOW:  # a guess worth a look (loaders/extract/flags.py)
        flags = (f"read as '{name}' by a fuzzy match ({found.score:.0f}% alike): check the line as written",)
    if entry is not None:
        province = _named_province(found, kb) or province
        prov_id = province.id if province else None
        scope_prov = None if entry.scope == "national" else prov_id
        agency_id = entry.id
        if entry.parent is None and entry.level == "department_unit" and issuer is not None:
            agency_id = f"{issuer.id}/{entry.id}"  # "Văn phòng Sở" is the issuing Sở's own office
        branch = index(kb).branch_at_end.search(fold(found.surface)) if entry.scope == "national" else None
        if branch is not None:  # 'Kho bạc Nhà nước khu vực XI': the region's own office
            agency_id = f"{entry.id}/khu-vuc-{branch.group('n')}"
        kind = "collective" if entry.scope == "collective" else "agency"
        return (name, keys.agency_key(agency_id, scope_prov), entry.id, kind,
                province.name if province and scope_prov else None, flags)
    kind = "collective" if fold(name).startswith("cac ") else "agency"
    return (name, keys.agency_key(keys.slug(name), prov_id), None, kind, province.name if province else None, flags)
