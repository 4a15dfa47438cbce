"""The graph: one node per document and agency, every fact with provenance, valid and reproducible."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cancu.graph import model as m
from cancu.graph.stores import rdf
from cancu.graph.validate import validate_build
from rdflib import Graph, Literal
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.plugins.serializers.nt import _nt_row

from cancu.api import build, load_model
from cancu.errors import CancuError

HEADER = "UBND TỈNH {prov_upper}\nSố: {num}/KH-UBND\n{prov}, ngày 10 tháng 3 năm {year}\n\nKẾ HOẠCH\n" \
         "Tuyên truyền cải cách hành chính năm {year}\n\n"
BODY = "\nI. NỘI DUNG\n1. Tuyên truyền trên báo, đài\n- Cơ quan chủ trì: {lead}.\n- Cơ quan phối hợp: Sở Tư pháp.\n"


def plan(tmp: Path, name: str, prov: str, year: int, bases: str, lead: str = "Sở Nội vụ", num: int = 12) -> Path:
    path = tmp / name
    text = HEADER.format(prov=prov, prov_upper=prov.upper(), year=year, num=num) + bases + BODY.format(lead=lead)
    path.write_text(text, encoding="utf-8")
    return path


def docs_numbered(model: m.Model, number: str) -> list[m.Node]:
    return [n for n in model.nodes_of(m.DOCUMENT) if n.props.get("number") == number]


def test_two_provinces_sở_nội_vụ_are_two_nodes(tmp_path: Path) -> None:
    a = plan(tmp_path, "a.txt", "An Giang", 2022, "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n")
    b = plan(tmp_path, "b.txt", "Cà Mau", 2022, "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n")
    model = load_model([str(a), str(b)])
    snv = sorted(n.key for n in model.nodes_of(m.AGENCY) if n.props.get("agency_id") == "so-noi-vu")
    assert snv == ["agency/an-giang/so-noi-vu", "agency/ca-mau/so-noi-vu"]
    assert len(docs_numbered(model, "76/NQ-CP")) == 1  # and the central document they share is one


def test_same_number_in_two_years_is_two_documents(tmp_path: Path) -> None:
    a = plan(tmp_path, "a.txt", "An Giang", 2014, "Căn cứ Nghị quyết số 76/NQ-CP ngày 13/6/2013 của Chính phủ;\n")
    b = plan(tmp_path, "b.txt", "An Giang", 2022, "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n",
             num=13)
    model = load_model([str(a), str(b)])
    assert sorted(n.props["year"] for n in docs_numbered(model, "76/NQ-CP")) == [2013, 2021]


def test_local_numbers_stay_in_their_province(tmp_path: Path) -> None:
    basis = "Căn cứ Quyết định số 3223/QĐ-UBND ngày 27/12/2021 của UBND tỉnh;\n"
    model = load_model([str(plan(tmp_path, "a.txt", "An Giang", 2022, basis)),
                        str(plan(tmp_path, "b.txt", "Cà Mau", 2022, basis))])
    assert sorted(n.key for n in docs_numbered(model, "3223/QĐ-UBND")) == [
        "doc/an-giang/2021/3223-qd-ubnd", "doc/ca-mau/2021/3223-qd-ubnd"]


def test_a_plan_issued_for_next_year_and_its_citation_are_one_node(tmp_path: Path) -> None:
    """Numbers restart with the year of issue: a plan of 29/12/2023 for 2024 is 139/KH-UBND of 2023, as a
    later plan cites it."""
    december = tmp_path / "a.txt"
    december.write_text("UBND TỈNH AN GIANG\nSố: 139/KH-UBND\nAn Giang, ngày 29 tháng 12 năm 2023\n\nKẾ HOẠCH\n"
                        "Tuyên truyền cải cách hành chính năm 2024\n\nCăn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 "
                        "của Chính phủ;\n" + BODY.format(lead="Sở Nội vụ"), encoding="utf-8")
    citing = plan(tmp_path, "b.txt", "An Giang", 2024,
                  "Căn cứ Kế hoạch số 139/KH-UBND ngày 29/12/2023 của UBND tỉnh An Giang;\n", num=40)
    model = load_model([str(december), str(citing)])
    [node] = [n for n in model.nodes.values() if n.props.get("number") == "139/KH-UBND"]
    assert m.PLAN in node.labels and node.key == "doc/an-giang/2023/139-kh-ubnd"


def test_a_districts_plan_and_the_provinces_of_the_same_number_are_two_nodes(tmp_path: Path) -> None:
    basis = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
    province = plan(tmp_path, "a.txt", "An Giang", 2022, basis)
    district = tmp_path / "b.txt"
    district.write_text("UBND TỈNH AN GIANG\nUBND HUYỆN CHỢ MỚI\nSố: 12/KH-UBND\nChợ Mới, ngày 10 tháng 3 năm 2022\n\n"
                        "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2022\n\nCăn cứ Nghị quyết số 76/NQ-CP ngày "
                        "15/7/2021 của Chính phủ;\n" + BODY.format(lead="Phòng Nội vụ"), encoding="utf-8")
    model = load_model([str(province), str(district)])
    plans = {n.key: n for n in model.nodes_of(m.PLAN)}
    assert sorted(plans) == ["doc/an-giang.huyen-cho-moi/2022/12-kh-ubnd", "doc/an-giang/2022/12-kh-ubnd"]
    assert plans["doc/an-giang.huyen-cho-moi/2022/12-kh-ubnd"].props["issuer"] == "UBND huyện Chợ Mới"
    issued = {e.source: e.target for e in model.edges.values() if e.type == m.ISSUED_BY and e.source in plans}
    assert issued == {"doc/an-giang/2022/12-kh-ubnd": "agency/an-giang/ubnd-tinh",
                      "doc/an-giang.huyen-cho-moi/2022/12-kh-ubnd": "agency/an-giang/ubnd-cap-huyen"}


def test_typo_in_one_plan_and_correct_in_another_is_one_node(tmp_path: Path) -> None:
    a = plan(tmp_path, "a.txt", "An Giang", 2022,
             "Căn cứ Quyết định số 263/QĐ-TT ngày 22/02/2022 của Thủ tướng Chính phủ;\n")
    b = plan(tmp_path, "b.txt", "Cà Mau", 2022,
             "Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ;\n")
    c = plan(tmp_path, "c.txt", "Bạc Liêu", 2022,
             "Căn cứ Quyet dinh so 263/QD-TTg ngay 22/02/2022 cua Thu tuong Chinh phu;\n")
    model = load_model([str(a), str(b), str(c)])
    [node] = docs_numbered(model, "263/QĐ-TTg")
    assert {"263/QĐ-TT", "263/QĐ-TTg", "263/QD-TTg"} <= set(node.props["written_as"])
    assert node.props.get("corrected") is True
    assert node.props["legal_basis_count"] == 3


def test_unresolvable_citation_is_kept_and_marked(tmp_path: Path) -> None:
    a = plan(tmp_path, "a.txt", "An Giang", 2022, "Căn cứ Văn bản số 45/XYZ-ABC;\n")
    model = load_model([str(a)])
    [node] = docs_numbered(model, "45/XYZ-ABC")
    assert node.props["resolved"] is False


def test_seed_build_conforms_and_parses(seeds_build) -> None:
    out = seeds_build.out
    report = validate_build(out)
    assert report.conforms, report.violations
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        assert len(Graph().parse(out / name, format=fmt)) > 1000, name
    assert isomorphic(Graph().parse(out / "graph.ttl"), Graph().parse(out / "graph.nt", format="nt"))


def test_validation_catches_a_broken_graph(seeds_build, tmp_path: Path) -> None:
    """The shapes can fail: an activity that loses its lead is reported."""
    g = Graph().parse(seeds_build.out / "graph.nt", format="nt")
    from cancu.ontology.namespace import CANCU

    activity = next(g.subjects(CANCU.lead, None))
    g.remove((activity, CANCU.lead, None))
    g.add((activity, CANCU.sourceLine, Literal("not a line")))
    (tmp_path / "graph.nt").write_text(g.serialize(format="nt"), encoding="utf-8")
    report = validate_build(tmp_path)
    assert not report.conforms
    assert any("lead" in v for v in report.violations)


def test_build_is_reproducible_across_processes(seeds_dir: Path, tmp_path: Path) -> None:
    outs = []
    for i in range(2):
        out = tmp_path / f"o{i}"
        subprocess.run([sys.executable, "-m", "cancu.cli", "build", str(seeds_dir), "--out", str(out), "--no-pages"],
                       check=True, capture_output=True, env={"PYTHONHASHSEED": str(i + 1), "PATH": "/usr/bin"})
        outs.append(out)
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.graphml", "graph.gexf", "manifest.json"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_writers_side_by_side_write_what_one_process_writes(seeds_dir: Path, tmp_path: Path) -> None:
    """With two processes the writers run in forked children: every file, pages included, is the same."""
    serial, forked = build([str(seeds_dir)], tmp_path / "serial", jobs=1), build([str(seeds_dir)], tmp_path / "forked",
                                                                                   jobs=2)
    names = sorted(str(f.relative_to(serial.out)) for f in serial.files)
    assert names == sorted(str(f.relative_to(forked.out)) for f in forked.files)
    assert len(names) > 10
    for name in names:
        assert (serial.out / name).read_bytes() == (forked.out / name).read_bytes(), name
    assert set(forked.timings) >= {"rdf_s", "exchange_s", "property_graph_s", "pages_s"}


def test_a_failing_writer_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error inside a forked writer reaches the caller, not a silent half-written folder."""
    from dataclasses import replace

    from cancu import outputs

    def broken(model: m.Model, out: Path) -> list[Path]:
        raise OSError("disk full")

    monkeypatch.setitem(outputs.OUTPUTS, "exchange", replace(outputs.OUTPUTS["exchange"], writer=broken))
    p = plan(tmp_path, "a.txt", "An Giang", 2022, "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n")
    with pytest.raises(OSError, match="disk full"):
        build([str(p)], tmp_path / "out", jobs=2, pages=False)


def test_hostile_text_ends_up_as_literals(tmp_path: Path) -> None:
    hostile = 'Sở "Nội vụ" <script>x</script> }; DROP GRAPH <urn:x> ; INSERT DATA { <a> <b> <c> } #'
    p = plan(tmp_path, "h.txt", "An Giang", 2022,
             'Căn cứ Quyết định số 9/QĐ-UBND ngày 01/02/2022 của UBND tỉnh về việc "} ; DELETE WHERE { ?s ?p ?o } #;\n',
             lead=hostile)
    out = tmp_path / "out"
    result = build([str(p)], out, pages=False)
    g = Graph().parse(out / "graph.ttl")
    texts = {str(o) for o in g.objects() if isinstance(o, Literal)}
    # quotes, braces and tags arrive as literal text (the lead's name, the citation's title)
    assert any('"Nội vụ" <script>x</script> }' in t for t in texts)
    assert any('về việc "}' in t for t in texts)
    assert to_isomorphic(g) == to_isomorphic(Graph().parse(out / "graph.nt", format="nt"))
    assert result.model.counts()["nodes"] > 0
    # graph.nt is written without rdflib's terms, and must be what rdflib itself would write
    rows = "".join(_nt_row((s, p, o.to_rdflib() if isinstance(o, rdf.Lit) else o))
                   for s, p, o in rdf.triples(result.model))
    assert (out / "graph.nt").read_text(encoding="utf-8") == rows
    assert "\\n" in rows or '\\"' in rows  # the escapes were exercised


@pytest.mark.parametrize("label", [m.DOCUMENT, m.AGENCY, m.ACTIVITY, m.PLAN])
def test_every_fact_keeps_provenance(seeds_build, label: str) -> None:
    """Citations and roles carry file, line and text on their edges; nodes read from text carry them too."""
    model = seeds_build.model
    for e in model.edges_of(m.LEGAL_BASIS, m.MENTIONS, m.PROPOSAL, m.LEAD, m.COOPERATING):
        assert e.get("file") and e.get("line") and e.get("text"), e
    if label in (m.DOCUMENT, m.ACTIVITY):
        for n in model.nodes_of(label):
            if n.props.get("catalogued") and not n.provenance:
                continue
            assert n.provenance, n.key


def test_skipped_outputs_are_not_written_and_the_rest_is(tmp_path: Path) -> None:
    p = plan(tmp_path, "a.txt", "An Giang", 2022, "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n")
    whole, lean = tmp_path / "whole", tmp_path / "lean"
    build([str(p)], whole, pages=False)
    build([str(p)], lean, skip=["ttl", "jsonld", "exchange", "pages"])
    names = {f.name for f in lean.iterdir()} - {".cache"}  # the cache for the next build (cancu/part_cache.py)
    assert names == {"graph.nt", "nodes.jsonl", "edges.jsonl", "manifest.json"}
    for name in names - {"manifest.json"}:  # what is written is what the whole build writes
        assert (lean / name).read_bytes() == (whole / name).read_bytes(), name
    with pytest.raises(CancuError, match=r"cannot skip graph\.nt"):
        build([str(p)], lean, skip=["graph.nt"])


def test_a_document_nested_in_a_basis_line_is_linked_to_that_basis_not_to_the_plan(tmp_path: Path) -> None:
    basis = ("Thực hiện Kế hoạch số 41/KH-UBND ngày 02/3/2023 của UBND tỉnh về triển khai thực hiện Nghị quyết "
             "số 19/NQ-CP ngày 10/02/2023 của Chính phủ;\n")
    model = load_model([str(plan(tmp_path, "a.txt", "An Giang", 2023, basis))])
    [basis_doc], [nested] = docs_numbered(model, "41/KH-UBND"), docs_numbered(model, "19/NQ-CP")
    into_nested = {(e.source, e.type) for e in model.edges_of() if e.target == nested.key}
    assert into_nested == {(basis_doc.key, m.REFERS_TO)}
    assert any(e.target == basis_doc.key and e.type == m.LEGAL_BASIS for e in model.edges_of())
    triples = set(rdf.triples(model))
    assert (rdf.iri(basis_doc.key), rdf.CANCU.refersTo, rdf.iri(nested.key)) in triples


def test_real_documents_build_conforms(tmp_path: Path) -> None:
    """Twenty real documents of 2025 (decisions issuing a Quy chế, a Đề án, central issuers) build
    into a graph the shapes accept."""
    real = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
    if not real.is_dir():
        pytest.skip(f"{real} not here (shared/ sits beside the repo)")
    result = build([str(real)], tmp_path / "out", pages=False, skip=("ttl", "jsonld", "exchange", "pages"))
    report = validate_build(result.out)
    assert report.conforms, report.violations


def test_a_regulation_issued_by_a_decision_and_a_law_by_name_conform(tmp_path: Path) -> None:
    """A Quy chế attached to a decision is typed by a concept of the document types, and a law cited by
    name and date is a document like any other: the graph conforms to the shapes."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 15/2025/QĐ-UBND\nAn Giang, ngày 10 tháng 3 năm 2025\n\n"
            "QUYẾT ĐỊNH\nBan hành Quy chế quản lý cổng thông tin điện tử tỉnh\n\nỦY BAN NHÂN DÂN TỈNH AN GIANG\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nCăn cứ Luật Thủy lợi ngày "
            "19/6/2017;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cổng thông tin "
            "điện tử tỉnh.\nĐiều 2. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp thực hiện.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    build([str(tmp_path / "in" / "a.txt")], tmp_path / "out", pages=False, skip=("exchange",))
    report = validate_build(tmp_path / "out")
    assert report.conforms, report.violations


def test_the_exchange_files_carry_no_date_of_writing(seeds_build) -> None:
    """A build is a function of its input: written on another day it is the same, byte for byte (an
    incremental rebuild is compared with a clean one, the manifest hashes every file)."""
    gexf = (seeds_build.out / "graph.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in gexf and "<meta" in gexf
