"""A push of a rebuilt OUT follows the build on real Neo4j 5 and FalkorDB: what a corrected or deleted plan
stated goes, unchanged facts are not sent again, and the server ends as a fresh push of the new build."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from cancu.graph.stores import bolt
from click.testing import CliRunner

from benchmarks.synth import generate
from cancu.api import build
from cancu.cli import main
from cancu.testing import correct_plan

pytestmark = pytest.mark.bolt


def reset(driver: Any) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")


def dump(driver: Any) -> tuple[Counter[str], Counter[str]]:
    """Every node with its labels and properties, every relationship with its ends, type and properties."""
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels, _, _ = driver.execute_query("MATCH (a)-[r]->(b) RETURN a.key AS s, type(r) AS type, b.key AS t, "
                                      "properties(r) AS props")

    def canon(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    return (Counter(canon([sorted(r["labels"]), r["props"]]) for r in nodes),
            Counter(canon([r["s"], r["type"], r["t"], r["props"]]) for r in rels))


def push(out: Path, server: Any) -> str:
    args = ["push", str(out), "--uri", server.uri]
    if server.user or server.password:
        args += ["--user", server.user, "--password", server.password]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    generate(10, 5, folder, jobs=1)
    (folder / "answers.json").unlink()
    return folder


def test_push_after_a_rebuild_equals_a_fresh_push_of_the_new_build(bolt_target, corpus: Path, tmp_path: Path) -> None:
    server, driver = bolt_target
    plans, out, fresh = tmp_path / "plans", tmp_path / "out", tmp_path / "fresh"
    shutil.copytree(corpus, plans)
    build([str(plans)], out, pages=False)
    reset(driver)
    first = push(out, server)
    assert "only what changed" not in first
    before = dump(driver)

    files = sorted(plans.rglob("*.txt"))
    correct_plan(files[1])
    files[4].unlink()
    build([str(plans)], out, pages=False)
    followed = push(out, server)
    assert "only what changed" in followed, followed
    after = dump(driver)
    assert after != before  # the correction and the deletion reached the server

    build([str(plans)], fresh, pages=False, use_cache=False)
    reset(driver)
    push(fresh, server)
    assert dump(driver) == after

    # a server that lost what the last push left (wiped here) gets the whole build again
    reset(driver)
    again = push(out, server)
    assert "only what changed" not in again
    assert dump(driver) == after


def test_a_second_push_of_the_same_build_sends_nothing(bolt_target, corpus: Path, tmp_path: Path) -> None:
    from cancu.graph.stores import push_state
    from cancu.graph.stores.property_graph import read

    _, driver = bolt_target
    out = tmp_path / "out"
    build([str(corpus)], out, pages=False)
    reset(driver)
    model = read(out)
    first = bolt.push_model(model, driver)
    assert not first.followed and first.state is not None
    second = bolt.push_model(model, driver, previous=first.state)
    assert second.followed
    assert (second.nodes, second.relationships, second.removed_nodes, second.removed_relationships) == (0, 0, 0, 0)
    assert second.unchanged == len(first.state.nodes) + len(first.state.edges)
    assert bolt.counts(driver) == (len(model.nodes), len(model.edges))
    # a record whose digest the server does not hold is not trusted: everything is sent
    stale = push_state.PushState(dict(first.state.nodes), {})
    third = bolt.push_model(model, driver, previous=stale)
    assert not third.followed and third.nodes == len(model.nodes)


_CITING = ("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND\nTây Ninh, ngày 1 tháng 3 năm 2022\nKẾ HOẠCH\nTuyên truyền năm 2022\n"
           "Căn cứ Kế hoạch số 5/KH-UBND ngày 1/2/2022 của UBND tỉnh Tây Ninh;\nI. TỔ CHỨC THỰC HIỆN\n"
           "1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp theo dõi.\n")
_CITED = ("UBND TỈNH TÂY NINH\nSố: 5/KH-UBND\nTây Ninh, ngày 1 tháng 2 năm 2022\nKẾ HOẠCH\n"
          "Phổ biến pháp luật năm 2022\nI. TỔ CHỨC THỰC HIỆN\n"
          "1. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ theo dõi.\n")


def test_a_document_that_becomes_a_plan_keeps_the_relationships_of_unchanged_plans(bolt_target,
                                                                                   tmp_path: Path) -> None:
    """The plan a document was cited as arrives: the node gains the Plan label and is made again, and the
    unchanged citing plan's relationship to it, in a chunk the push would not send, is sent again."""
    server, driver = bolt_target
    plans, out, fresh = tmp_path / "plans", tmp_path / "out", tmp_path / "fresh"
    plans.mkdir()
    (plans / "a.txt").write_text(_CITING, encoding="utf-8")
    build([str(plans)], out, pages=False)
    reset(driver)
    push(out, server)
    (plans / "b.txt").write_text(_CITED, encoding="utf-8")
    build([str(plans)], out, pages=False)
    assert "only what changed" in push(out, server)
    after = dump(driver)
    assert any('"Plan"' in node and "5-kh-ubnd" in node for node in after[0])
    build([str(plans)], fresh, pages=False, use_cache=False)
    reset(driver)
    push(fresh, server)
    assert dump(driver) == after
