"""Province scoping: each agency found given its identity in the plan's province."""

from __future__ import annotations

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
        return AgencyRef(name, keys.agency_key(agency_id, scope_prov), entry.id, kind, province.name if province and
                         scope_prov else None, found.surface, line, flags)
    kind = "collective" if fold(name).startswith("cac ") else "agency"
    return AgencyRef(name, keys.agency_key(keys.slug(name), prov_id), None, kind,
                     province.name if province else None, found.surface, line, flags)
