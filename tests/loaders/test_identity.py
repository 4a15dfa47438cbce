"""Typed identities print the string they were parsed from, and the undated-twin rule is one."""

from __future__ import annotations

import pytest
from cancu.loaders.extract import keys
from cancu.loaders.extract.identity import ActivityKey, AgencyKey, DocumentKey, NodeKey, undated_twins

DOCUMENTS = [  # (key, scope, year, number)
    ("vn/2021/76-nq-cp", "vn", 2021, "76-nq-cp"),
    ("tay-ninh/nd/800-qd-ubnd", "tay-ninh", None, "800-qd-ubnd"),
    ("lam-dong.huyen-lam-ha/2024/189-kh-ubnd", "lam-dong.huyen-lam-ha", 2024, "189-kh-ubnd"),
    ("vn/2017/luat-quy-hoach-2017-11-24", "vn", 2017, "luat-quy-hoach-2017-11-24"),
    ("vn/nd/luat-quy-hoach-nd", "vn", None, "luat-quy-hoach-nd"),
    ("an-giang/2022/unnumbered-a0c831afdccb", "an-giang", 2022, "unnumbered-a0c831afdccb"),
    ("unknown/2019/46-2019-qd-ubnd", "unknown", 2019, "46-2019-qd-ubnd"),
]
AGENCIES = [  # (key, scope, id, province)
    ("tay-ninh/so-noi-vu", "tay-ninh", "so-noi-vu", "tay-ninh"),
    ("vn/bo-noi-vu", "vn", "bo-noi-vu", None),
    ("tay-ninh/so-noi-vu/van-phong-so", "tay-ninh", "so-noi-vu/van-phong-so", "tay-ninh"),
    ("vn/kho-bac-nha-nuoc/khu-vuc-11", "vn", "kho-bac-nha-nuoc/khu-vuc-11", None),
    ("ca-mau/cac-so-ban-nganh", "ca-mau", "cac-so-ban-nganh", "ca-mau"),
]


@pytest.mark.parametrize(("text", "scope", "year", "number"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_document_key_round_trip(text: str, scope: str, year: int | None, number: str) -> None:
    key = DocumentKey.parse(text)
    assert (key.scope, key.year, key.number) == (scope, year, number)
    assert str(key) == text
    assert key.dated == (year is not None)
    assert str(key.undated) == f"{scope}/nd/{number}"
    assert key.slug == text.replace("/", "-").replace(".", "-")


@pytest.mark.parametrize("text", ["vn/2021", "vn/2021/76-nq-cp/x", "vn/21a/76-nq-cp", "vn/02021/76-nq-cp",
                                  "/2021/76-nq-cp", "named/luat-quy-hoach", ""])
def test_what_is_not_a_document_key_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a document key"):
        DocumentKey.parse(text)


@pytest.mark.parametrize(("text", "scope", "agency_id", "province"), AGENCIES, ids=[a[0] for a in AGENCIES])
def test_agency_key_round_trip(text: str, scope: str, agency_id: str, province: str | None) -> None:
    key = AgencyKey.parse(text)
    assert (key.scope, key.id, key.province) == (scope, agency_id, province)
    assert str(key) == text == keys.agency_key(agency_id, province)


@pytest.mark.parametrize(("text", "kind", "document", "activity"), [
    ("doc/vn/2021/76-nq-cp", "doc", "vn/2021/76-nq-cp", None),
    ("plan/an-giang/nd/unnumbered-a0c831afdccb", "plan", "an-giang/nd/unnumbered-a0c831afdccb", None),
    ("doc/named/luat-quy-hoach", "doc", None, None),
    ("agency/vn/bo-noi-vu", "agency", None, None),
    ("activity/tay-ninh/2022/1183-kh-ubnd/II.1-2", "activity", None, ("tay-ninh/2022/1183-kh-ubnd", "II.1-2")),
])
def test_node_key_round_trip(text: str, kind: str, document: str | None,
                             activity: tuple[str, str] | None) -> None:
    node = NodeKey.parse(text)
    assert str(node) == text and node.kind == kind
    assert (str(node.document) if node.document else None) == document
    assert ((node.activity.plan, node.activity.id) if node.activity else None) == activity
    if activity:
        assert str(ActivityKey(*activity)) == node.key


def test_the_keys_the_loaders_make_parse_back() -> None:
    made = [keys.document_key("076/NQ-CP", 2021, "vn"), keys.document_key("800/QĐ-UBND", None, "tay-ninh"),
            keys.named_document_key("Luật", "Luật Quy hoạch", "2017-11-24"),
            keys.plan_key("lam-dong", 2024, "189/KH-UBND", "", "huyện Lâm Hà"),
            keys.plan_key("an-giang", 0, None, "Kế hoạch")]
    assert made[:4] == ["vn/2021/76-nq-cp", "tay-ninh/nd/800-qd-ubnd", "vn/2017/luat-quy-hoach-2017-11-24",
                        "lam-dong.huyen-lam-ha/2024/189-kh-ubnd"]
    assert [str(DocumentKey.parse(k)) for k in made] == made


@pytest.mark.parametrize(("cited", "joined"), [
    (["vn/nd/76-nq-cp", "vn/2021/76-nq-cp"], {"vn/nd/76-nq-cp": "vn/2021/76-nq-cp"}),
    (["vn/nd/76-nq-cp", "vn/2013/76-nq-cp", "vn/2021/76-nq-cp"], {}),  # two twins: which is unknown
    (["vn/nd/76-nq-cp"], {}),
    (["tay-ninh/nd/1-kh-ubnd", "an-giang/2022/1-kh-ubnd"], {}),  # a local number stays in its scope
    (["a/nd/1-x", "b/nd/2-y", "b/2020/2-y", "a/2021/1-x"], {"a/nd/1-x": "a/2021/1-x", "b/nd/2-y": "b/2020/2-y"}),
], ids=["one-twin", "two-twins", "no-twin", "other-scope", "several"])
def test_an_undated_citation_joins_its_one_dated_twin(cited: list[str], joined: dict[str, str]) -> None:
    got = undated_twins(DocumentKey.parse(k) for k in cited)
    assert {str(a): str(b) for a, b in got.items()} == joined
