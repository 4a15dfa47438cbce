"""Saved queries: every one parses, binds its parameters, runs on both engines, and answers what the
gold file says (not what the code happens to print)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from cancu.queries.catalogue import SavedQuery, catalogue, find
from cancu.queries.run import run_sparql

from cancu.errors import QueryError

SPARQL = sorted(catalogue()["sparql"])


def norm(s: str) -> str:
    return unicodedata.normalize("NFC", s or "")


def test_at_least_fifteen_saved_sparql_queries() -> None:
    assert len(SPARQL) >= 15


@pytest.mark.parametrize("name", SPARQL)
def test_header_matches_query(name: str) -> None:
    q = find(name, "sparql")
    body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
    for p in q.params:
        assert f"?{p.name}" in body, f"{name}: parameter {p.name} is not used"
        assert p.example, f"{name}: parameter {p.name} has no example"
    select = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\nWHERE", body, re.S)
    assert select, name
    assert q.example.startswith(f"cancu query run {name}")


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", SPARQL)
def test_every_query_runs(seeds_build, name: str, engine: str) -> None:
    q = find(name, "sparql")
    df = run_sparql(q, seeds_build.out, q.examples, engine=engine)
    assert list(df.columns) == list(q.returns)
    json.loads(df.to_json(orient="records", force_ascii=False))


def test_cli_query_run_gives_json(seeds_build) -> None:
    res = subprocess.run([sys.executable, "-m", "cancu.cli", "query", "run", "plans-standing-on",
                          "--param", "number=251/QĐ-BNV", "--out-dir", str(seeds_build.out), "--format", "json"],
                         capture_output=True, text=True, check=True)
    rows = json.loads(res.stdout)
    assert {r["province"] for r in rows} == {"Tây Ninh", "Bình Phước"}


def test_cli_query_list_names_first() -> None:
    res = subprocess.run([sys.executable, "-m", "cancu.cli", "query", "list"], capture_output=True, text=True,
                         check=True)
    names = [line.split("\t")[0] for line in res.stdout.splitlines()]
    assert set(SPARQL) <= set(names)


def _gold_plans_with_basis(gold: list[dict], number: str) -> set[str]:
    return {g["plan"]["province"] for g in gold if any(norm(b["number"]) == norm(number) for b in g["legal_bases"])}


@pytest.mark.parametrize("number", ["76/NQ-CP", "251/QĐ-BNV", "35/QĐ-BNV", "3223/QĐ-UBND"])
def test_plans_standing_on_matches_gold(seeds_build, gold, number: str) -> None:
    df = run_sparql(find("plans-standing-on"), seeds_build.out, {"number": number})
    assert set(df["province"]) == _gold_plans_with_basis(gold, number)


def test_shared_central_bases_match_gold(seeds_build, gold) -> None:
    """251/QĐ-BNV is a legal basis in two provinces; the query ranks it first."""
    df = run_sparql(find("central-documents-most-cited"), seeds_build.out)
    counts = {}
    for g in gold:
        for b in g["legal_bases"]:
            if b["issuer"] in ("Chính phủ", "Bộ Nội vụ", "Thủ tướng Chính phủ"):
                counts.setdefault(norm(b["number"]), set()).add(g["plan"]["province"])
    got = {norm(r.number): r.provinces for r in df.itertuples()}
    assert got == {k: len(v) for k, v in counts.items()}
    assert norm(df.iloc[0]["number"]) == "251/QĐ-BNV"


@pytest.mark.parametrize("province", ["Tây Ninh", "Bình Phước", "Bắc Kạn", "Gia Lai"])
def test_local_legal_bases_match_gold(seeds_build, gold, province: str) -> None:
    df = run_sparql(find("local-legal-bases"), seeds_build.out, {"province": province})
    want = {norm(b["number"]) for g in gold if g["plan"]["province"] == province
            for b in g["legal_bases"] if province in b["issuer"]}
    assert {norm(n) for n in df["number"]} == want
    if province == "Tây Ninh":
        assert "3506/QĐ-UBND" in want


def test_chain_reaches_national_programme(seeds_build, gold) -> None:
    df = run_sparql(find("chain-to-document"), seeds_build.out, {"number": "76/NQ-CP"})
    citing = {g["plan"]["province"] for g in gold
              if any(norm(c["number"]) == "76/NQ-CP" for c in g["legal_bases"] + g["mentions"])}
    assert set(df["province"]) == citing


def test_provinces_following_the_ministry(seeds_build, gold) -> None:
    df = run_sparql(find("provinces-following-agency"), seeds_build.out, {"agency": "bo-noi-vu", "year": "2022"})
    want = {g["plan"]["province"] for g in gold if g["plan"]["year"] == 2022
            and any(b["issuer"] == "Bộ Nội vụ" for b in g["legal_bases"])}
    assert set(df["province"]) == want


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', "76/NQ-CP> } UNION { ?s ?p ?o", "' OR 1=1 --"])
def test_hostile_parameters_are_data(seeds_build, value: str) -> None:
    for engine in ("oxigraph", "rdflib"):
        df = run_sparql(find("plans-standing-on"), seeds_build.out, {"number": value}, engine=engine)
        assert df.empty
    # and the store is intact afterwards
    assert not run_sparql(find("plan-overview"), seeds_build.out, {"province": "Tây Ninh"}).empty


def test_unknown_query_and_parameter_are_clear_errors(seeds_build) -> None:
    with pytest.raises(QueryError, match="no saved query"):
        find("no-such-query")
    with pytest.raises(QueryError, match="has no parameter"):
        run_sparql(find("plans-standing-on"), seeds_build.out, {"nope": "1"})


# --- legal-basis-changes on a graph small enough to work out by hand, on both engines ----------------

LEGAL_BASIS_YEARS = """@prefix cancu: <https://w3id.org/cancu/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix : <https://example.org/> .
:a a cancu:Province ; skos:prefLabel "Cao Bằng"@vi .
:b a cancu:Province ; skos:prefLabel "Điện Biên"@vi .
:p21 a cancu:Plan ; cancu:province :a ; cancu:year 2021 ; cancu:legalBasis :d1, :d2 .
:p22 a cancu:Plan ; cancu:province :a ; cancu:year 2022 ; cancu:legalBasis :d2, :d3 .
:q22 a cancu:Plan ; cancu:province :a ; cancu:year 2022 .
:p23 a cancu:Plan ; cancu:province :a ; cancu:year 2023 .
:p25 a cancu:Plan ; cancu:province :a ; cancu:year 2025 ; cancu:legalBasis :d1 .
:b22 a cancu:Plan ; cancu:province :b ; cancu:year 2022 ; cancu:legalBasis :d1 .
:b21 a cancu:Plan ; cancu:province :b ; cancu:year 2021 .
:d1 cancu:number "1/QĐ-UBND" ; dcterms:title "một"@vi .
:d2 cancu:number "2/QĐ-UBND" .
:d3 cancu:number "3/QĐ-UBND" ; dcterms:title "ba"@vi .
"""


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_legal_basis_changes_year_to_year(tmp_path: Path, engine: str) -> None:
    """Added: on it this year, not the year before, which has plans; dropped the other way round. A year
    without plans (2024) compares with nothing; another province's plans do not count."""
    store = _store(LEGAL_BASIS_YEARS, engine)
    q = find("legal-basis-changes")
    df = run_sparql(q, tmp_path, {"province": "Cao Bằng"}, engine=engine, store=store)
    assert [tuple(None if pd.isna(v) else v for v in r) for r in df.itertuples(index=False)] == [
        ("Cao Bằng", 2022, "added", "3/QĐ-UBND", "ba"), ("Cao Bằng", 2022, "dropped", "1/QĐ-UBND", "một"),
        ("Cao Bằng", 2023, "dropped", "2/QĐ-UBND", None), ("Cao Bằng", 2023, "dropped", "3/QĐ-UBND", "ba")]
    df = run_sparql(q, tmp_path, {"province": "Điện Biên"}, engine=engine, store=store)
    assert list(zip(df["year"], df["change"], df["number"], strict=True)) == [(2022, "added", "1/QĐ-UBND")]


def _store(turtle: str, engine: str):
    if engine == "rdflib":
        from rdflib import Graph

        return Graph().parse(data=turtle, format="turtle")
    import pyoxigraph as ox

    store = ox.Store()
    store.load(turtle.encode(), format=ox.RdfFormat.TURTLE)
    return store


# --- Top-N queries: the first N rows of the whole ranking they cut, on both engines ---------------------

PREFIXES = """PREFIX cancu: <https://w3id.org/cancu/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def adhoc(text: str) -> SavedQuery:
    return SavedQuery("adhoc", "sparql", "", (), (), "", PREFIXES + text, Path("adhoc.rq"))


def rows(df: pd.DataFrame) -> list[tuple]:
    return sorted(tuple(None if pd.isna(v) else v for v in r) for r in df.itertuples(index=False))


def _ranked_graph() -> str:
    """Agencies and documents enough for a top 100 / top 50, with ties across the cut: names repeat,
    counts and scores repeat, and plans (excluded from the documents' ranking) score highest."""
    double = "^^<http://www.w3.org/2001/XMLSchema#double>"
    lines = ["@prefix cancu: <https://w3id.org/cancu/ontology#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix : <https://example.org/> .", ':pa a cancu:Province ; skos:prefLabel "Cao Bằng"@vi .']
    for i in range(150):
        led = 1 + (i * 7) % 9
        lines.append(f':g{i} a cancu:Agency ; skos:prefLabel "Sở {i % 40}"@vi ; cancu:activitiesLed {led} ; '
                     f'cancu:betweenness "{(i * 5) % 11 / 1e6:.6f}"{double} ; cancu:community {i % 4}'
                     + (" ; cancu:province :pa ." if i % 3 else " ."))
        for j in range(led):
            cooperating = f" ; cancu:cooperating :g{(i + j) % 150}" if j % 2 else ""
            lines.append(f":a{i}_{j} cancu:lead :g{i}{cooperating} .")
    for i in range(80):
        kind = "cancu:Plan, cancu:Document" if i % 10 == 0 else "cancu:Document"
        rank = (80 - i) // 3 / 1000 + (0.5 if i % 10 == 0 else 0)
        lines.append(f':d{i} a {kind} ; cancu:number "{i % 30}/QĐ-UBND" ; cancu:pagerank "{rank:.6f}"{double} ; '
                     f"cancu:legalBasisCount {i % 5} .")
    return "\n".join(lines)


RANKINGS = {
    "agencies-by-activities-led": ("""SELECT ?agency ?name ?province ?led ?cooperated WHERE {
      { SELECT ?agency (COUNT(DISTINCT ?a) AS ?led) WHERE { ?a cancu:lead ?agency } GROUP BY ?agency }
      ?agency a cancu:Agency ; skos:prefLabel ?name .
      OPTIONAL { SELECT ?agency (COUNT(DISTINCT ?b) AS ?c) WHERE { ?b cancu:cooperating ?agency } GROUP BY ?agency }
      BIND(COALESCE(?c, 0) AS ?cooperated)
      OPTIONAL { ?agency cancu:province/skos:prefLabel ?province } }""", ["led", "name", "agency"], 100),
    "bridging-agencies": ("""SELECT ?agency ?name ?province ?betweenness ?community WHERE {
      ?agency a cancu:Agency ; skos:prefLabel ?name ; cancu:betweenness ?betweenness . FILTER(?betweenness > 0)
      OPTIONAL { ?agency cancu:province/skos:prefLabel ?province }
      OPTIONAL { ?agency cancu:community ?community } }""", ["betweenness", "name", "agency"], 100),
    "most-influential-documents": ("""SELECT ?document ?number ?title ?pagerank ?legal_basis_count WHERE {
      ?document a cancu:Document ; cancu:pagerank ?pagerank . FILTER NOT EXISTS { ?document a cancu:Plan }
      OPTIONAL { ?document cancu:number ?number }
      OPTIONAL { ?document dcterms:title ?title }
      OPTIONAL { ?document cancu:legalBasisCount ?legal_basis_count } }""", ["pagerank", "number", "document"], 50),
}


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", sorted(RANKINGS))
def test_top_n_is_the_head_of_the_whole_ranking(tmp_path: Path, name: str, engine: str) -> None:
    """The saved query cuts at the Nth value before naming and sorting; the answer is still the first N
    rows of the whole ranking (counts live, not the build's), ties at the cut broken by name, then IRI."""
    whole, keys, n = RANKINGS[name]
    store = _store(_ranked_graph(), engine)
    got = run_sparql(find(name, "sparql"), tmp_path, engine=engine, store=store)
    everything = run_sparql(adhoc(whole), tmp_path, engine=engine, store=store)
    want = everything.sort_values(keys, ascending=[False, True, True], kind="stable").head(n).reset_index(drop=True)
    assert len(everything) > n
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_top_agencies_counts_match_the_graph(seeds_build) -> None:
    """led comes from the build's activitiesLed: it must be the number of activities the agency leads."""
    got = run_sparql(find("agencies-by-activities-led"), seeds_build.out)
    live = run_sparql(adhoc(RANKINGS["agencies-by-activities-led"][0]), seeds_build.out)
    assert not got.empty
    assert rows(got) == rows(live[live["agency"].isin(got["agency"])])


LIVE_NAMED = """SELECT ?unit (COUNT(DISTINCT ?plan) AS ?named_by_plans) WHERE {
  ?unit cancu:succeededBy ?any . ?plan a cancu:Plan .
  { ?plan cancu:recipient ?unit } UNION { ?a cancu:lead|cancu:cooperating ?unit . ?plan cancu:hasActivity ?a }
  UNION { ?plan cancu:province ?unit } } GROUP BY ?unit"""


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_units_affected_by_2025_count_the_plans_naming_them(seeds_build, engine: str) -> None:
    """named_by_plans comes from the build's namedByPlans: the plans that name the unit as a recipient,
    a lead or a partner, or as their province, counted in the graph itself."""
    got = run_sparql(find("agencies-affected-by-2025"), seeds_build.out, engine=engine)
    live = run_sparql(adhoc(LIVE_NAMED), seeds_build.out, engine=engine)
    named = {u: int(n) for u, n in zip(got["unit"], got["named_by_plans"], strict=True) if n}
    assert len(named) >= 5  # provinces merged in 2025 and the Sở that were merged, named by the seeds
    assert named == {u: int(n) for u, n in zip(live["unit"], live["named_by_plans"], strict=True)}
    assert set(got["unit"]) > set(named)  # units no plan names are listed too, with 0


# --- Queries that answer for one province: together, the whole country's rows (less plans with no
# province), on both engines ------------------------------------------------------------------------

def provinces(out: Path) -> list[str]:
    df = run_sparql(adhoc("SELECT ?name WHERE { ?p a cancu:Province ; skos:prefLabel ?name }"), out)
    return sorted(df["name"])


ALL_PAIRS = """SELECT ?lead ?lead_name ?cooperating ?cooperating_name ?province ?activities WHERE {
  { SELECT ?lead ?cooperating (COUNT(DISTINCT ?a) AS ?activities)
    WHERE { ?a cancu:lead ?lead ; cancu:cooperating ?cooperating . FILTER(?lead != ?cooperating) }
    GROUP BY ?lead ?cooperating }
  ?lead skos:prefLabel ?lead_name ; cancu:province/skos:prefLabel ?province .
  ?cooperating skos:prefLabel ?cooperating_name . }"""

ALL_CORRECTED = """SELECT ?province ?document ?number ?written_as ?date ?file ?line ?text WHERE {
  ?document cancu:corrected true ; cancu:number ?number ; cancu:writtenAs ?written_as .
  ?c cancu:citedDocument ?document ; cancu:sourceFile ?file ; cancu:sourceLine ?line ; cancu:sourceText ?text .
  ?plan cancu:citation ?c ; cancu:province/skos:prefLabel ?province .
  OPTIONAL { ?document dcterms:date ?date } }"""


ALL_PLANS = """SELECT ?plan ?number ?province ?year ?date
  (COALESCE(?nb, 0) AS ?legal_bases) (COALESCE(?nm, 0) AS ?mentions)
  (COALESCE(?na, 0) AS ?activities) (COALESCE(?nr, 0) AS ?recipients) WHERE {
  ?plan a cancu:Plan ; cancu:province/skos:prefLabel ?province .
  OPTIONAL { ?plan cancu:number ?number } OPTIONAL { ?plan cancu:year ?year } OPTIONAL { ?plan dcterms:date ?date }
  OPTIONAL { SELECT ?plan (COUNT(DISTINCT ?b) AS ?nb)
             WHERE { ?plan cancu:legalBasis|cancu:proposal ?b } GROUP BY ?plan }
  OPTIONAL { SELECT ?plan (COUNT(DISTINCT ?x) AS ?nm) WHERE { ?plan cancu:mentions ?x } GROUP BY ?plan }
  OPTIONAL { SELECT ?plan (COUNT(DISTINCT ?x) AS ?na) WHERE { ?plan cancu:hasActivity ?x } GROUP BY ?plan }
  OPTIONAL { SELECT ?plan (COUNT(DISTINCT ?x) AS ?nr) WHERE { ?plan cancu:recipient ?x } GROUP BY ?plan } }"""


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(("name", "whole"), [("cooperation-pairs", ALL_PAIRS), ("corrected-citations", ALL_CORRECTED),
                                             ("plan-overview", ALL_PLANS)])
def test_province_answers_add_up_to_the_whole_country(seeds_build, name: str, whole: str, engine: str) -> None:
    q = find(name, "sparql")
    got = []
    for province in provinces(seeds_build.out):
        df = run_sparql(q, seeds_build.out, {"province": province}, engine=engine)
        assert set(df["province"]) <= {province}
        got += rows(df)
    want = rows(run_sparql(adhoc(whole), seeds_build.out, engine=engine)[list(q.returns)])
    assert want and sorted(got) == want


def test_cooperation_pairs_strongest_first(seeds_build) -> None:
    df = run_sparql(find("cooperation-pairs"), seeds_build.out, {"province": "Tây Ninh"})
    assert len(df) > 1
    assert list(df["activities"]) == sorted(df["activities"], reverse=True)


def test_corrected_citations_include_the_gold_slips(seeds_build, gold) -> None:
    q = find("corrected-citations")
    found = set()
    for province in {g["plan"]["province"] for g in gold}:
        found |= {norm(n) for n in run_sparql(q, seeds_build.out, {"province": province})["number"]}
    slips = {norm(c["number"]) for g in gold for c in g["legal_bases"] + g["mentions"]
             if c.get("written_as") or c.get("written_as_date")}
    assert slips and slips <= found
