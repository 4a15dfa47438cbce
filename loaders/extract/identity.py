"""Identities as typed values: the one place a key string is taken apart.

A document is (scope, year, number): 'vn/2021/76-nq-cp', 'tay-ninh/nd/800-qd-ubnd' (undated), a
district's own 'lam-dong.huyen-lam-ha/2024/189-kh-ubnd'. An agency is (scope, id): 'tay-ninh/so-noi-vu',
'vn/bo-noi-vu', an id that may hold a slash itself ('tay-ninh/so-noi-vu/van-phong-so'). A graph node
key is a kind and one of these: 'doc/vn/2021/76-nq-cp', 'agency/vn/bo-noi-vu', 'activity/<plan>/<id>'.
Each parses its string and prints it back unchanged, so the strings can travel (JSON, marshal, IRIs)
and the values are what code reasons with. Built by loaders.keys, read by the graph and its views.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

NATIONAL = "vn"  # the scope of national documents and agencies
UNDATED = "nd"  # the year of a document cited without a date
DOC_NODE, PLAN_NODE, AGENCY_NODE, ACTIVITY_NODE = "doc", "plan", "agency", "activity"  # node kinds keyed here

_SEGMENT = re.compile(r"[^/]+")
_DOCUMENT = re.compile(rf"(?P<scope>[^/]+)/(?P<year>{UNDATED}|[1-9][0-9]*)/(?P<number>[^/]+)")


def _slug(key: str) -> str:
    """A key as one file-name-safe word: 'vn/2021/76-nq-cp' → 'vn-2021-76-nq-cp'."""
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class DocumentKey:
    """A document's identity: numbers restart each year, and a local number belongs to its scope."""

    scope: str  # 'vn', a province id, or a province id '.' a district slug
    year: int | None  # None: cited without a date
    number: str  # the number as a slug, '76-nq-cp'; 'unnumbered-<hash>' for a plan without one

    @classmethod
    def of(cls, scope: str, year: int | None, number: str) -> DocumentKey:
        return cls(scope, year or None, number)  # no year 0: a year left blank

    @classmethod
    def parse(cls, text: str) -> DocumentKey:
        m = _DOCUMENT.fullmatch(text)
        if m is None:
            raise ValueError(f"not a document key: {text!r}")
        year = m["year"]
        return cls(m["scope"], None if year == UNDATED else int(year), m["number"])

    def __str__(self) -> str:
        return f"{self.scope}/{UNDATED if self.year is None else self.year}/{self.number}"

    @property
    def dated(self) -> bool:
        return self.year is not None

    @property
    def undated(self) -> DocumentKey:
        """The key the same number has when cited without its date."""
        return replace(self, year=None)

    @property
    def slug(self) -> str:
        return _slug(str(self))


@dataclass(frozen=True, slots=True)
class AgencyKey:
    """An agency's identity: one per province ('tay-ninh/so-noi-vu'); national ones once ('vn/bo-noi-vu')."""

    scope: str  # 'vn' or a province id
    id: str  # an agencies.yaml id, an issuer's own unit ('so-noi-vu/van-phong-so'), or a name's slug

    @classmethod
    def of(cls, agency_id: str, province_id: str | None) -> AgencyKey:
        return cls(province_id or NATIONAL, agency_id)

    @classmethod
    def parse(cls, text: str) -> AgencyKey:
        scope, _, agency_id = text.partition("/")
        if not (_SEGMENT.fullmatch(scope) and agency_id):
            raise ValueError(f"not an agency key: {text!r}")
        return cls(scope, agency_id)

    def __str__(self) -> str:
        return f"{self.scope}/{self.id}"

    @property
    def province(self) -> str | None:
        return None if self.scope == NATIONAL else self.scope

    @property
    def slug(self) -> str:
        return _slug(str(self))


@dataclass(frozen=True, slots=True)
class ActivityKey:
    """An activity of a plan: the plan's key (its spool chunk) and the activity's id without slashes."""

    plan: str
    id: str

    @classmethod
    def parse(cls, text: str) -> ActivityKey:
        plan, _, activity = text.rpartition("/")
        if not (plan and activity):
            raise ValueError(f"not an activity key: {text!r}")
        return cls(plan, activity)

    def __str__(self) -> str:
        return f"{self.plan}/{self.id}"


@dataclass(frozen=True, slots=True)
class NodeKey:
    """A graph node's key: its kind and the identity within it ('doc' + 'vn/2021/76-nq-cp')."""

    kind: str
    key: str

    @classmethod
    def parse(cls, text: str) -> NodeKey:
        kind, _, key = text.partition("/")
        if not (kind and key):
            raise ValueError(f"not a node key: {text!r}")
        return cls(kind, key)

    def __str__(self) -> str:
        return f"{self.kind}/{self.key}"

    @property
    def document(self) -> DocumentKey | None:
        """The document (or unnumbered plan) this node is, None for any other node ('doc/named/…' too)."""
        if self.kind not in (DOC_NODE, PLAN_NODE):
            return None
        try:
            return DocumentKey.parse(self.key)
        except ValueError:
            return None

    @property
    def activity(self) -> ActivityKey | None:
        return ActivityKey.parse(self.key) if self.kind == ACTIVITY_NODE else None


def undated_twins(keys: Iterable[DocumentKey]) -> dict[DocumentKey, DocumentKey]:
    """The one rule joining an undated citation to its dated twin: an undated key becomes the dated key
    of the same scope and number when `keys` hold exactly one such; with none or several it stays
    apart. In the order the undated keys come."""
    dated: dict[tuple[str, str], list[DocumentKey]] = defaultdict(list)
    undated: list[DocumentKey] = []
    for key in keys:
        if key.dated:
            dated[(key.scope, key.number)].append(key)
        else:
            undated.append(key)
    out = {}
    for key in undated:
        twins = dated.get((key.scope, key.number), [])
        if len(twins) == 1:
            out[key] = twins[0]
    return out
