"""`cancu push --sparql` into real SPARQL servers (Fuseki 5.6, Oxigraph server) and every saved SPARQL
query asked of each over the SPARQL protocol, answering what pyoxigraph answers on the same build."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from bolt_servers import free_port
from cancu.graph.stores import gsp
from cancu.graph.stores.named_graphs import SHARED, split
from cancu.queries.binding import bound_text
from cancu.queries.catalogue import SavedQuery, catalogue
from cancu.queries.run import _CONVERT, _ox_term, oxigraph_store, run_sparql
from sparql_servers import SparqlServer, start_fuseki, start_oxigraph

SPARQL = sorted(catalogue()["sparql"])
SERVERS = ("fuseki", "oxigraph")


def cancu(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "cancu.cli", *args], capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def servers(seeds_build: Any) -> Iterator[dict[str, SparqlServer]]:
    """Both servers, each loaded with the seeds by the CLI, once for the module."""
    started: dict[str, SparqlServer] = {}
    try:
        started["fuseki"] = start_fuseki()
        started["oxigraph"] = start_oxigraph()
        for s in started.values():
            res = cancu("push", str(seeds_build.out), "--sparql", s.store_url,
                        env={"CANCU_SPARQL_USER": s.user or "", "CANCU_SPARQL_PASSWORD": s.password or ""}
                        if s.user else None)
            assert res.returncode == 0, res.stderr
            assert "named graphs" in res.stderr
        yield started
    finally:
        for s in started.values():
            s.stop()


def ask(server: SparqlServer, text: str) -> pd.DataFrame:
    """A SELECT over the SPARQL protocol, its rows typed as run_sparql types pyoxigraph's."""
    body = urllib.parse.urlencode({"query": text}).encode()
    req = urllib.request.Request(server.query_url, data=body, headers={
        **server.auth_header(), "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        result = json.load(resp)
    columns = result["head"]["vars"]

    def plain(term: dict[str, str] | None) -> Any:
        if term is None:
            return None
        convert = _CONVERT.get(term.get("datatype", ""))
        return convert(term["value"]) if convert else term["value"]

    rows = result["results"]["bindings"]
    return pd.DataFrame({c: [plain(r.get(c)) for r in rows] for c in columns}, columns=columns)


def normalised(df: pd.DataFrame) -> list[tuple]:
    """The rows as a sorted multiset: engines order ties differently and sum doubles in other orders."""
    def cell(v: Any) -> Any:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return None
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return float(f"{float(v):.9g}")
        return v

    return sorted((tuple(cell(v) for v in row) for row in df.itertuples(index=False)), key=repr)


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize("name", SPARQL)
def test_saved_query_gives_pyoxigraph_rows(name: str, server: str, servers: dict[str, SparqlServer],
                                           seeds_build: Any) -> None:
    q: SavedQuery = catalogue()["sparql"][name]
    want = run_sparql(q, seeds_build.out, q.examples)  # parameters: the header's examples, as substitutions
    got = ask(servers[server], bound_text(q, q.examples))
    assert list(got.columns) == list(want.columns)
    assert normalised(got) == normalised(want)


@pytest.mark.parametrize("server", SERVERS)
def test_province_queries_for_every_province(server: str, servers: dict[str, SparqlServer], seeds_build: Any) -> None:
    """The one-province queries for each province of the build, not only the header's example."""
    provinces = run_sparql(_adhoc(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT DISTINCT ?name WHERE { ?p a cancu:Plan ; cancu:province/skos:prefLabel ?name }"),
        seeds_build.out)["name"]
    assert len(provinces) >= 4
    rows = 0
    for q in catalogue()["sparql"].values():
        if [p.name for p in q.params] != ["province"]:
            continue
        for province in provinces:
            want = run_sparql(q, seeds_build.out, {"province": province})
            got = ask(servers[server], bound_text(q, {"province": province}))
            assert normalised(got) == normalised(want), (q.name, province)
            rows += len(want)
    assert rows > 50


def test_the_examples_give_rows_somewhere(seeds_build: Any) -> None:
    """The comparison above means little if the queries answer nothing on the seeds."""
    empty = [n for n in SPARQL if run_sparql(q := catalogue()["sparql"][n], seeds_build.out, q.examples).empty]
    assert len(empty) <= 4, empty  # human-corrections is empty on a build without corrections.yaml


@pytest.mark.parametrize("server", SERVERS)
def test_default_graph_is_the_union_without_duplicates(server: str, servers: dict[str, SparqlServer],
                                                       seeds_build: Any) -> None:
    nt = Path(seeds_build.out) / "graph.nt"
    lines = sum(1 for line in nt.open(encoding="utf-8") if line.strip())
    s = servers[server]
    assert ask(s, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"][0] == lines
    graphs = ask(s, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    plans = len(run_sparql(_adhoc("SELECT ?p WHERE { ?p a cancu:Plan }"), seeds_build.out))
    assert len(graphs) == plans + 1
    assert SHARED in set(graphs["g"])
    assert graphs["n"].sum() == lines  # each triple in one graph only


def _adhoc(where: str) -> SavedQuery:
    text = "PREFIX cancu: <https://w3id.org/cancu/ontology#>\n" + where
    return SavedQuery("adhoc", "sparql", "", (), (), "", text, Path("adhoc.rq"))


def test_a_plan_graph_holds_the_plan_its_activities_and_citations(seeds_build: Any) -> None:
    graphs = {g.iri: g.lines for g in split(Path(seeds_build.out))}
    plan = next(iri for iri in graphs if iri != SHARED)
    text = "".join(graphs[plan])
    assert "ontology#Plan>" in text and "ontology#hasActivity>" in text and "ontology#citation>" in text
    assert "/activity/" in text and "/citation/" in text and "/association/" in text
    shared = "".join(graphs[SHARED])
    assert "ontology#Province>" in shared and "ontology#Agency>" in shared
    assert "ontology#hasActivity>" not in shared and "ontology#citation>" not in shared


def test_pushing_again_replaces_rather_than_adds(servers: dict[str, SparqlServer], seeds_build: Any) -> None:
    s = servers["oxigraph"]
    before = ask(s, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["n"][0]
    result = gsp.push(seeds_build.out, gsp.GraphStore(s.store_url))
    assert result.triples == before
    assert ask(s, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")["n"][0] == before


@pytest.mark.parametrize("value", ['76/NQ-CP" } ; DROP ALL ; #', "a\\\"b'c\n} UNION { ?x ?y ?z }", "<script>"])
def test_hostile_values_stay_one_literal(value: str, servers: dict[str, SparqlServer], seeds_build: Any) -> None:
    q = catalogue()["sparql"]["plans-standing-on"]
    assert run_sparql(q, seeds_build.out, {"number": value}).empty
    for s in servers.values():
        assert ask(s, bound_text(q, {"number": value})).empty
    assert not ask(servers["fuseki"], bound_text(q, {"number": "76/NQ-CP"})).empty  # the server still has it


def test_bound_text_is_what_substitution_gives(seeds_build: Any) -> None:
    """The VALUES binding the servers get, asked of pyoxigraph too: the same rows as its substitutions,
    for every query with parameters (a query whose parameter does not reach a subquery would differ)."""
    import pyoxigraph as ox

    store = oxigraph_store(Path(seeds_build.out))
    checked = 0
    for q in catalogue()["sparql"].values():
        if not q.params:
            continue
        subs = {ox.Variable(p.name): _ox_term(p.example or "", p.type) for p in q.params}
        want = sorted(tuple(map(str, row)) for row in store.query(q.text, substitutions=subs))
        got = sorted(tuple(map(str, row)) for row in store.query(bound_text(q, q.examples)))
        assert got == want, q.name
        checked += bool(want)
    assert checked >= 8


def test_missing_credentials_are_a_401_line(servers: dict[str, SparqlServer], seeds_build: Any) -> None:
    s = servers["fuseki"]
    res = cancu("push", str(seeds_build.out), "--sparql", s.store_url)
    assert res.returncode == 1
    assert "401" in res.stderr and "CANCU_SPARQL_USER" in res.stderr and "Traceback" not in res.stderr
    res = cancu("push", str(seeds_build.out), "--sparql", s.store_url, "--sparql-user", "cancu",
                "--sparql-password", "wrong")
    assert res.returncode == 1 and "credentials were refused (401)" in res.stderr


def test_wrong_path_is_a_404_line(servers: dict[str, SparqlServer], seeds_build: Any) -> None:
    url = servers["oxigraph"].store_url.replace("/store", "/nope")
    res = cancu("push", str(seeds_build.out), "--sparql", url)
    assert res.returncode == 1 and "(404)" in res.stderr and "Traceback" not in res.stderr


def test_nobody_listening_is_a_refused_line(seeds_build: Any) -> None:
    res = cancu("push", str(seeds_build.out), "--sparql", f"http://127.0.0.1:{free_port()}/ds/data")
    assert res.returncode == 1
    assert "connection refused" in res.stderr and res.stderr.count("\n") == 1


def test_a_plan_gone_from_the_build_is_dropped_with_the_query_endpoint(seeds_dir: Path, seeds_build: Any,
                                                                      tmp_path: Path) -> None:
    from cancu.api import build

    fewer = tmp_path / "plans"
    fewer.mkdir()
    kept = sorted(seeds_dir.iterdir())[1:]
    for f in kept:
        (fewer / f.name).write_bytes(f.read_bytes())
    smaller = build([str(fewer)], tmp_path / "out", pages=False)
    s = start_oxigraph()
    try:
        gsp.push(seeds_build.out, gsp.GraphStore(s.store_url))
        res = cancu("push", str(smaller.out), "--sparql", s.store_url)  # without it, the old graph stays
        assert res.returncode == 0, res.stderr
        assert len(ask(s, "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")) == 1 + len(list(seeds_dir.iterdir()))
        res = cancu("push", str(smaller.out), "--sparql", s.store_url, "--sparql-query", s.query_url)
        assert res.returncode == 0 and "dropped 1 graph(s)" in res.stderr, res.stderr
        assert len(ask(s, "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")) == 1 + len(kept)
        lines = sum(1 for line in (Path(smaller.out) / "graph.nt").open(encoding="utf-8") if line.strip())
        assert ask(s, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"][0] == lines
    finally:
        s.stop()
