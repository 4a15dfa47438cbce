"""corrections.yaml survives rebuilds: a seed corrected by hand (a legal basis removed, a cooperating
agency added, a date fixed) is found corrected, with its provenance, in every output of the build; and
once the plan changes so a correction no longer applies, it is reported stale and not applied.

What is expected comes from the gold (../shared/gold/seeds.json) and the seed's own text, never from
what the code prints."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from cancu.loaders.extract import extract_path
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef

from cancu.api import build
from cancu.cli import main
from cancu.corrections import apply, read_corrections

CANCU = Namespace("https://w3id.org/cancu/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
SEED = "tay-ninh-2022-1183-kh-ubnd.txt"
REMOVED = "251/QĐ-BNV"
ADDED_AGENCY = "Sở Tư pháp"
NEW_DATE = "2022-04-09"

CORRECTIONS = f"""\
# a reviewer's corrections to the Tây Ninh seed
- plan: {{number: 1183/KH-UBND, date: 2022-04-08}}
  set:
    date: {NEW_DATE}
  legal_bases:
    remove: [{REMOVED}]
  activities:
    - id: II.3
      add_cooperating: {ADDED_AGENCY}
"""


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


LINE_DATE = _line_of(CORRECTIONS, "date: " + NEW_DATE)
LINE_REMOVE = _line_of(CORRECTIONS, "remove:")
LINE_ADD = _line_of(CORRECTIONS, "add_cooperating")


def _gold_plan(gold: list[dict[str, Any]]) -> dict[str, Any]:
    return next(g for g in gold if g["file"] == SEED)


@pytest.fixture(scope="module")
def corrected(seeds_dir: Path, gold: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    g = _gold_plan(gold)
    # what the corrections are written against: the gold reads the plan so
    assert REMOVED in [b["number"] for b in g["legal_bases"]]
    assert g["plan"]["date"] != NEW_DATE
    assert ADDED_AGENCY not in next(c for c in g["coordination"] if c.get("activity") == "II.3")["cooperating"]
    corpus = tmp_path_factory.mktemp("corpus")
    for f in seeds_dir.iterdir():
        shutil.copy(f, corpus / f.name)
    (corpus / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "out"
    result = build([str(corpus)], out, jobs=1)
    assert result.corrections is not None
    assert result.corrections["applied"] == sorted([LINE_DATE, LINE_REMOVE, LINE_ADD])
    assert result.corrections["stale"] == []
    return out


def _plan_iri(graph: Graph) -> URIRef:
    plans = [s for s, o in graph.subject_objects(CANCU.sourceFile) if str(o).endswith(SEED)
             and (s, None, CANCU.Plan) in graph]
    assert len(plans) == 1
    return plans[0]


def _where(line: int) -> str:
    return f"corrections.yaml line {line}"


def test_rdf_has_the_corrections_with_provenance(corrected: Path) -> None:
    g = Graph().parse(corrected / "graph.nt", format="nt")
    plan = _plan_iri(g)
    assert str(g.value(plan, DCT.date)) == NEW_DATE
    bases = {str(g.value(d, CANCU.number)) for d in g.objects(plan, CANCU.legalBasis)}
    assert REMOVED not in bases
    notes = [str(n) for n in g.objects(plan, CANCU.correction)]
    assert any(REMOVED in n and n.endswith(_where(LINE_REMOVE)) for n in notes)
    assert any(NEW_DATE in n and n.endswith(_where(LINE_DATE)) for n in notes)
    # the added cooperating agency: a qualified association citing the plan's line and the correction's
    rows = [(q, act) for act in g.objects(plan, CANCU.hasActivity) for q in g.objects(act, PROV.qualifiedAssociation)
            if g.value(q, CANCU.correctedBy) == Literal(_where(LINE_ADD))]
    assert len(rows) == 1
    q, act = rows[0]
    assert str(g.value(act, CANCU.activityId)) == "II.3"
    assert g.value(q, PROV.hadRole) == CANCU.CooperatingRole
    assert str(g.value(g.value(q, PROV.agent), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))) == ADDED_AGENCY
    assert g.value(q, CANCU.sourceLine) == g.value(act, CANCU.sourceLine)
    assert str(g.value(q, CANCU.sourceFile)).endswith(SEED)


def test_property_graph_has_the_corrections(corrected: Path) -> None:
    nodes = [json.loads(x) for x in (corrected / "nodes.jsonl").read_text(encoding="utf-8").splitlines()]
    edges = [json.loads(x) for x in (corrected / "edges.jsonl").read_text(encoding="utf-8").splitlines()]
    plan = next(n for n in nodes if "Plan" in n["labels"] and n["props"].get("source", "").endswith(SEED))
    assert plan["props"]["date"] == NEW_DATE
    assert any(_where(LINE_REMOVE) in n for n in plan["props"]["corrections"])
    assert not [e for e in edges if e["source"] == plan["key"] and e["type"] == "LEGAL_BASIS"
                and REMOVED.split("/")[0] in e["target"] and "bnv" in e["target"]]
    coop = [e for e in edges if e["type"] == "COOPERATING" and e["props"].get("corrected") == _where(LINE_ADD)]
    assert len(coop) == 1 and coop[0]["props"]["text"] == ADDED_AGENCY and coop[0]["props"]["file"].endswith(SEED)


def test_plan_page_shows_the_corrections(corrected: Path) -> None:
    page = (corrected / "plans" / SEED.replace(".txt", ".html")).read_text(encoding="utf-8")
    bases = page.split('id="legal-bases"')[1].split("</section>")[0]
    assert REMOVED not in bases
    for line in (LINE_DATE, LINE_REMOVE, LINE_ADD):
        assert _where(line) in page
    assert NEW_DATE in page


def test_review_page_offers_snippets_naming_the_plan_as_read(corrected: Path, gold: list[dict[str, Any]]) -> None:
    """Its date corrected, the plan is still named by the date extraction reads (the gold's), or the
    snippet copied from the page would be stale."""
    import html

    import yaml

    page = (corrected / "review" / SEED.replace(".txt", ".html")).read_text(encoding="utf-8")
    snippets = [yaml.safe_load(html.unescape(x.split("</pre>")[0])) for x in page.split('<pre class="yaml">')[1:]]
    want = {k: _gold_plan(gold)["plan"][k] for k in ("number", "date")}
    assert snippets and all(s[0]["plan"] == want for s in snippets)
    assert REMOVED not in page.split('class="facts-pane"')[1].split("Hoạt động")[0]


def _query(out: Path, name: str, *params: str) -> list[dict[str, Any]]:
    args = ["query", "run", name, "--out-dir", str(out), "--format", "json"]
    for p in params:
        args += ["--param", p]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_saved_queries_answer_with_the_corrections(corrected: Path) -> None:
    standing = _query(corrected, "plans-standing-on", f"number={REMOVED}")
    assert not [r for r in standing if str(r["file"]).endswith(SEED)]
    rows = _query(corrected, "human-corrections")
    added = [r for r in rows if r["corrected_by"] == _where(LINE_ADD) and r["fact"] == "CooperatingRole"]
    assert len(added) == 1 and added[0]["target"] == ADDED_AGENCY and added[0]["file"].endswith(SEED)
    assert any(r["fact"] == "plan" and r["corrected_by"].endswith(_where(LINE_DATE)) for r in rows)


def test_a_correction_the_plan_no_longer_fits_is_stale(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (seeds_dir / SEED).read_text(encoding="utf-8")
    line = _line_of(text, REMOVED)
    lines = text.splitlines(keepends=True)
    lines[line - 1] = "Căn cứ tình hình thực tế của tỉnh;\n"  # the plan no longer cites it
    (corpus / SEED).write_text("".join(lines), encoding="utf-8")
    (corpus / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    out = tmp_path / "out"
    result = build([str(corpus)], out, jobs=1, pages=False)
    assert result.corrections is not None
    assert [s["line"] for s in result.corrections["stale"]] == [LINE_REMOVE]
    assert sorted(result.corrections["applied"]) == sorted([LINE_DATE, LINE_ADD])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [s["line"] for s in manifest["corrections"]["stale"]] == [LINE_REMOVE]
    nodes = (out / "nodes.jsonl").read_text(encoding="utf-8")
    assert _where(LINE_REMOVE) not in nodes  # not silently applied
    res = CliRunner().invoke(main, ["validate", str(out)])
    assert f"corrections.yaml line {LINE_REMOVE}: stale correction" in res.output


def test_a_plan_no_longer_in_the_corpus_makes_its_entry_stale(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seeds_dir / "bac-kan-2024-kh-ubnd.txt", corpus)
    corr = tmp_path / "elsewhere.yaml"
    corr.write_text(CORRECTIONS, encoding="utf-8")
    result = build([str(corpus)], tmp_path / "out", jobs=1, pages=False, skip=("exchange",), corrections=corr)
    assert result.corrections is not None
    assert [s["line"] for s in result.corrections["stale"]] == sorted([LINE_DATE, LINE_REMOVE, LINE_ADD])
    assert all("no plan with number 1183/KH-UBND" in s["message"] for s in result.corrections["stale"])


def test_a_malformed_file_is_one_line_naming_its_line(tmp_path: Path) -> None:
    from cancu.corrections_file import read
    from cancu.errors import CancuError

    bad = tmp_path / "corrections.yaml"
    bad.write_text("- plan: {number: 1/KH-UBND}\n  set:\n    date: 8/4/2022\n", encoding="utf-8")
    with pytest.raises(CancuError, match=r"corrections.yaml line 3: a date is written YYYY-MM-DD"):
        read(bad)


def test_an_unnumbered_plan_is_named_by_its_files_sha256(seeds_dir: Path, tmp_path: Path) -> None:
    seed = "bac-kan-2024-kh-ubnd.txt"
    g = next(p for p in json.loads((seeds_dir.parent.parent / "gold" / "seeds.json").read_text(encoding="utf-8"))
             ["plans"] if p["file"] == seed)
    assert g["plan"]["number"] is None  # the gold says it is unnumbered
    digest = hashlib.sha256((seeds_dir / seed).read_bytes()).hexdigest()
    corr = tmp_path / "corrections.yaml"
    corr.write_text(f"- plan: {{sha256: {digest[:16]}}}\n  set:\n    number: 99/KH-UBND\n", encoding="utf-8")
    rec = apply(extract_path(seeds_dir / seed), read_corrections(corr))
    assert rec.plan.number == "99/KH-UBND"
    assert rec.plan.corrections == ("number '' → '99/KH-UBND': corrections.yaml line 3",)
    assert rec.loader["corrections"]["applied"] == [3]
    other = apply(extract_path(seeds_dir / SEED), read_corrections(corr))  # another file: untouched
    assert "corrections" not in other.loader


def test_replacing_a_list_keeps_the_agencies_already_read(seeds_dir: Path, tmp_path: Path,
                                                         gold: list[dict[str, Any]]) -> None:
    coop = next(c for c in _gold_plan(gold)["coordination"] if c.get("activity") == "II.3")["cooperating"]
    names = [*coop[:-1], ADDED_AGENCY]  # the last one swapped for another
    corr = tmp_path / "corrections.yaml"
    text = ("- plan: {number: 1183/KH-UBND}\n  activities:\n    - id: II.3\n"
            f"      cooperating: [{', '.join(repr(n) for n in names)}]\n")
    corr.write_text(text, encoding="utf-8")
    before = extract_path(seeds_dir / SEED)
    after = apply(before, read_corrections(corr))
    (old,) = [a for a in before.activities if a.id == "II.3"]
    (new,) = [a for a in after.activities if a.id == "II.3"]
    assert [r.name for r in new.cooperating] == names
    kept = {r.name: r for r in old.cooperating}
    for r in new.cooperating[:-1]:
        assert r == kept[r.name] and r.corrected is None
    assert new.cooperating[-1].corrected == _where(_line_of(text, "cooperating:"))


def test_cli_build_warns_of_stale_corrections_and_refuses_a_missing_file(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seeds_dir / "bac-kan-2024-kh-ubnd.txt", corpus)
    corr = tmp_path / "mine.yaml"
    corr.write_text(CORRECTIONS, encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--skip", "pages", "-j", "1",
                                    "--corrections", str(corr)])
    assert res.exit_code == 0, res.output
    stale = [line for line in res.stderr.splitlines() if "stale correction" in line]
    assert [f"line {n}:" in line for n, line in zip(sorted([LINE_DATE, LINE_REMOVE, LINE_ADD]), stale,
                                                      strict=True)] == [True] * 3
    missing = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "--corrections",
                                        str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1
    assert missing.stderr.strip().splitlines() == [f"cancu: error: {tmp_path / 'nope.yaml'}: cannot read: "
                                                   "No such file or directory"]
    assert (out / "manifest.json").is_file()  # the previous build is left as it was
