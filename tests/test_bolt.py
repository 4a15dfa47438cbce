"""The property graph in real Bolt servers: Neo4j 5 (harness from Maven Central) and FalkorDB.

Checked against the gold answers, for idempotence, and for hostile strings arriving as data."""

from __future__ import annotations

import logging
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from cancu.graph.stores import bolt
from cancu.graph.stores.property_graph import read
from cancu.queries.catalogue import catalogue, find
from cancu.queries.cypher import run_cypher
from cancu.queries.run import run_sparql

from cancu.api import build

pytestmark = pytest.mark.bolt
CYPHER = sorted(catalogue()["cypher"])


def norm(s: str | None) -> str:
    return unicodedata.normalize("NFC", s or "")


def reset(driver) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="session")
def seeds_model(seeds_build):
    return read(seeds_build.out)


@pytest.fixture()
def pushed(bolt_target, seeds_model):
    server, driver = bolt_target
    reset(driver)
    result = bolt.push_model(seeds_model, driver)
    return server, driver, result


def tay_ninh(gold: list[dict]) -> dict:
    return next(g for g in gold if g["plan"]["province"] == "Tây Ninh")


def test_neo4j_cypher_legal_bases_of_tay_ninh_match_gold(pushed, gold) -> None:
    _, driver, _ = pushed
    records, _, _ = driver.execute_query(
        "MATCH (p:Plan {number: $number})-[:LEGAL_BASIS]->(d:Document) RETURN d.number AS number, d.date AS date",
        parameters_=bolt.encode({"number": "1183/KH-UBND"}, bolt.DIALECTS[bolt.dialect_of(driver)]))
    want = {(norm(b["number"]), b["date"]) for b in tay_ninh(gold)["legal_bases"]}
    assert {(norm(r["number"]), r["date"]) for r in records} == want


def test_neo4j_cypher_lead_agencies_of_tay_ninh_match_gold(pushed, gold) -> None:
    _, driver, _ = pushed
    records, _, _ = driver.execute_query(
        "MATCH (p:Plan {number: $number})-[:HAS_ACTIVITY]->(a:Activity)-[:LEAD]->(g:Agency) "
        "RETURN DISTINCT g.name AS name", parameters_={"number": "1183/KH-UBND"})
    def short(name: str) -> str:  # 'Ủy ban nhân dân' and 'UBND' are one word, whichever a side writes
        return norm(name).lower().replace("ủy ban nhân dân", "ubnd")

    got = {short(r["name"]) for r in records}
    for item in tay_ninh(gold)["coordination"]:
        for lead in item["lead"]:
            lead = short(lead)
            assert any(lead in g or g in lead for g in got), (lead, got)


def test_neo4j_cypher_push_twice_is_idempotent(pushed, seeds_model) -> None:
    _, driver, _ = pushed
    before = bolt.counts(driver)
    assert before == (len(seeds_model.nodes), len(seeds_model.edges))
    bolt.push_model(seeds_model, driver, batch_size=7)
    assert bolt.counts(driver) == before


def test_neo4j_cypher_overlapping_build_merges(bolt_target, seeds_dir: Path, tmp_path: Path) -> None:
    """Two builds that share plans: pushing both gives the graph of their union."""
    _, driver = bolt_target
    files = sorted(seeds_dir.glob("*.txt"))
    a, b, union = tmp_path / "a", tmp_path / "b", tmp_path / "u"
    build([str(f) for f in files[:3]], a, pages=False)
    build([str(f) for f in files[2:]], b, pages=False)
    build([str(f) for f in files], union, pages=False)
    reset(driver)
    bolt.push_model(read(a), driver)
    bolt.push_model(read(b), driver)
    merged = bolt.counts(driver)
    reset(driver)
    bolt.push_model(read(union), driver)
    # analytics differ between the builds (properties), never the nodes and relationships
    assert merged[0] == bolt.counts(driver)[0]


HOSTILE = ["x'}) DETACH DELETE n //", "' OR 1=1 MATCH (c) DETACH DELETE c //", 'quote " and back\\slash \\n',
           "<script>window.__pwned=1</script>", "$param {brace}", "line\nbreak"]


@pytest.mark.parametrize("value", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_neo4j_cypher_hostile_strings_are_data(bolt_target, value: str) -> None:
    from cancu.graph import model as m

    _, driver = bolt_target
    reset(driver)
    model = m.Model()
    model.add_node("doc/vn/2020/1-qd-ttg", m.DOCUMENT, {"file": value, "line": 1, "text": value},
                   number="1/QĐ-TTg", title=value, resolved=True)
    model.add_node("agency/vn/x", m.AGENCY, name=value)
    model.add_edge("doc/vn/2020/1-qd-ttg", "agency/vn/x", m.ISSUED_BY, text=value)
    bolt.push_model(model, driver)
    assert bolt.counts(driver) == (2, 1)
    records, _, _ = driver.execute_query("MATCH (d:Document)-[r:ISSUED_BY]->(a:Agency) RETURN d.title AS t, "
                                         "a.name AS n, r.text AS r, d.source_texts AS s")
    [row] = records
    assert row["t"] == value and row["n"] == value and row["r"] == value and row["s"] == [value]


@pytest.mark.parametrize("name", CYPHER)
def test_cypher_saved_query_runs(pushed, name: str) -> None:
    _, driver, _ = pushed
    q = find(name, "cypher")
    df = run_cypher(q, driver, q.examples)
    assert list(df.columns) == list(q.returns)


@pytest.mark.parametrize("number", ["251/QĐ-BNV", "76/NQ-CP", "3223/QĐ-UBND"])
def test_cypher_and_sparql_agree(pushed, seeds_build, number: str) -> None:
    _, driver, _ = pushed
    cy = run_cypher(find("plans-standing-on", "cypher"), driver, {"number": number})
    sp = run_sparql(find("plans-standing-on", "sparql"), seeds_build.out, {"number": number})
    assert sorted(cy["province"]) == sorted(sp["province"])


def test_neo4j_cypher_cli_push_and_errors(bolt_target, seeds_build) -> None:
    server, driver = bolt_target
    reset(driver)
    cmd = [sys.executable, "-m", "cancu.cli", "push", str(seeds_build.out), "--uri", server.uri]
    ok = subprocess.run(cmd, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "pushed" in ok.stderr and "Traceback" not in ok.stderr
    # unreachable server: one line, no traceback, exit 1
    bad = subprocess.run([*cmd[:-1], "bolt://127.0.0.1:9"], capture_output=True, text=True)
    assert bad.returncode == 1 and "cannot reach" in bad.stderr and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_neo4j_wrong_database_is_one_clear_line(bolt_target, seeds_build) -> None:
    server, _ = bolt_target
    if server.name == "falkordb":
        # FalkorDB ignores database names (tests/servers/README.md): the check is Neo4j's
        res = subprocess.run([sys.executable, "-m", "cancu.cli", "push", str(seeds_build.out), "--uri",
                              server.uri, "--user", "neo4j", "--password", "wrong"], capture_output=True, text=True)
        assert res.returncode == 1 and "check the user and password" in res.stderr, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
        return
    res = subprocess.run([sys.executable, "-m", "cancu.cli", "push", str(seeds_build.out), "--uri", server.uri,
                          "--database", "nosuchdb"], capture_output=True, text=True)
    assert res.returncode == 1 and "no database 'nosuchdb'" in res.stderr, res.stderr
    assert "Traceback" not in res.stderr


def test_cypher_query_without_server_uses_private_falkordb(seeds_build) -> None:
    res = subprocess.run([sys.executable, "-m", "cancu.cli", "query", "run", "plans-standing-on", "--language",
                          "cypher", "--param", "number=251/QĐ-BNV", "--out-dir", str(seeds_build.out), "--format",
                          "csv"], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "Tây Ninh" in res.stdout and "Bình Phước" in res.stdout


def plain_client(server):
    """A connected neo4j driver, not cancu's: one that may itself land on a socket FalkorDB wedged
    before (then it tries again after 1 s)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import ServiceUnavailable

    auth = (server.user, server.password) if server.user or server.password else None
    for _ in range(5):
        driver = GraphDatabase.driver(server.uri, auth=auth, connection_acquisition_timeout=1)
        try:
            driver.verify_connectivity()
            return driver
        except ServiceUnavailable:
            driver.close()
    pytest.fail(f"a plain driver could not connect to {server.uri}")


@pytest.mark.parametrize("clients", [1, 3], ids=["one-left", "three-left"])
def test_a_connection_after_another_client_left_is_answered_first_time(bolt_target, caplog, clients) -> None:
    """Every driver says GOODBYE on close, after which FalkorDB left the next socket it accepted unread:
    each `cancu push` or Cypher query waited out the 10 s handshake deadline, then retried. Clients that
    were connected at once and left together leave one such socket each; we connect the moment they
    are gone."""
    server, _ = bolt_target
    others = [plain_client(server) for _ in range(clients)]
    for other in others:
        other.close()
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        bolt.connect(server.uri, server.user or None, server.password or None).close()
    failed = [r.getMessage() for r in caplog.records if "CONNECTION FAILED" in r.getMessage()]
    assert not failed, failed[0]


def test_each_goodbye_leaves_falkordb_one_socket_it_never_reads(bolt_target) -> None:
    """What connect works around, as the server does it today: three clients say GOODBYE, three
    handshakes go unanswered before one is (none on Neo4j). Fails the day FalkorDB fixes it."""
    from cancu.graph.stores.bolt_wedge import take_wedged_sockets

    server, _ = bolt_target
    _, host, port = bolt.check_uri(server.uri)
    take_wedged_sockets(host, port)  # what earlier tests left
    others = [plain_client(server) for _ in range(3)]
    for other in others:
        other.close()
    assert take_wedged_sockets(host, port) == (3 if server.name == "falkordb" else 0)


def test_the_bolt_store_pushes_and_answers_as_the_driver_does(bolt_target, seeds_build) -> None:
    from cancu.graph.stores.store import get_store

    server, driver = bolt_target
    reset(driver)
    q = find("plans-standing-on", "cypher")
    with get_store("bolt", uri=server.uri) as store:
        pushed = store.push(seeds_build.out)
        got = store.query(q, {"number": "76/NQ-CP"})
    assert pushed.summary.startswith(f"pushed {pushed.detail.nodes} nodes") and pushed.detail.nodes > 0
    assert len(got) > 0 and got.equals(run_cypher(q, driver, {"number": "76/NQ-CP"}))
