"""Identity as a value: the stable keys of documents, agencies and plans.

A key is what makes two mentions one node. Numbers restart every year and a local number belongs to
its province, so a document key is (scope, year, number): 'vn/2021/76-nq-cp',
'tay-ninh/2021/3506-qd-ubnd'; a district's own documents and plans are scoped to it,
'lam-dong.huyen-lam-ha/2024/189-kh-ubnd' (loaders.districts). Keys are ASCII and double as the tail of
the graph's IRIs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from cancu.loaders.extract.identity import NATIONAL, AgencyKey, DocumentKey
from cancu.ontology.knowledge import fold

__all__ = ["NATIONAL", "agency_key", "content_id", "document_key", "named_document_key", "plan_key", "slug"]


@lru_cache(maxsize=1 << 14)
def slug(text: str) -> str:
    """ASCII, lower case, dashes: 'Sở Nội vụ' → 'so-noi-vu', '749/QĐ-TTg' → '749-qd-ttg'. Cached: the
    same agencies and numbers are keyed plan after plan."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text).replace("&", " va "))
    return s.strip("-") or "x"


def document_key(number: str, year: int | None, scope: str) -> str:
    """'76/NQ-CP', 2021, 'vn' → 'vn/2021/76-nq-cp'; leading zeros do not make another document."""
    num = re.sub(r"(?<![0-9])0+(?=[0-9])", "", slug(number))
    return str(DocumentKey.of(scope, year, num))


def named_document_key(doc_type: str, name: str, date: str | None) -> str:
    """A law cited by name and date without a number, which the catalogue does not know: keyed by type,
    name and date ('vn/2017/luat-quy-hoach-2017-11-24'), so every plan that cites it so is one node."""
    name = re.sub(r"^" + re.escape(slug(doc_type)) + "-", "", slug(name))
    return str(DocumentKey.of(NATIONAL, int(date[:4]) if date else None, f"{slug(doc_type)}-{name}-{date or 'nd'}"))


def agency_key(agency_id: str, province_id: str | None) -> str:
    """One agency per province: 'tay-ninh/so-noi-vu'; national agencies: 'vn/bo-noi-vu'."""
    return str(AgencyKey.of(agency_id, province_id))


def plan_key(province_id: str | None, year: int | None, number: str | None, text: str,
             district: str | None = None) -> str:
    """A plan with a number is keyed like a document; a plan left unnumbered by its text, never by its
    file's name: two plans in files named alike (in two folders, or 'Hòa' composed and decomposed) stay
    two, and one plan given by two paths stays one. A district numbers its own documents: its plans are
    scoped to it ('lam-dong.huyen-lam-ha/2024/189-kh-ubnd'), apart from the province's 189/KH-UBND of
    the same year."""
    scope = province_id or NATIONAL
    if district:
        scope = f"{scope}.{slug(district)}"
    if number:
        return document_key(number, year, scope)
    return str(DocumentKey.of(scope, year, f"unnumbered-{content_id(text)}"))


def content_id(text: str) -> str:
    """A short hash of a text, the same however its characters are composed and its lines broken."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:12]
