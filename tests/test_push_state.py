"""The record a push keeps (graph/stores/push_state.py): of a rebuilt OUT, only the plans' sections and
the shared lines that changed are parsed, and the record is the one a full read of the build gives."""

from __future__ import annotations

from pathlib import Path

from cancu.graph.stores import bolt, push_state

from benchmarks.synth import generate
from cancu.api import build
from cancu.testing import correct_plan


def built(tmp_path: Path, n: int, seed: int) -> tuple[Path, Path]:
    """A build of n synthetic plans: the plans' folder and OUT."""
    plans, out = tmp_path / "plans", tmp_path / "out"
    generate(n, seed, plans, jobs=1)
    (plans / "answers.json").unlink()
    build([str(plans)], out, pages=False)
    return plans, out


def rows(groups: dict) -> set[str]:
    return {r["key"] if "key" in r else r["props"]["id"] for rows in groups.values() for r in rows}


def test_rows_of_a_rebuild_are_its_changes_and_its_record_a_full_reads(tmp_path: Path) -> None:
    plans, out = built(tmp_path, 8, 11)
    _, _, before = bolt.read_rows(out)
    assert len(before.chunks) == 8  # one record per plan's sections
    nodes, edges, same = bolt.read_rows(out, before)
    assert (nodes, edges) == ({}, {}) and same.digest() == before.digest()

    files = sorted(plans.rglob("*.txt"))
    correct_plan(files[0])
    files[3].unlink()
    build([str(plans)], out, pages=False)
    full_nodes, full_edges, after = bolt.read_rows(out)
    nodes, edges, followed = bolt.read_rows(out, before)
    assert followed.digest() == after.digest() and followed.flat() == after.flat()
    assert len(set(after.chunks) - set(before.chunks)) == 1 and len(set(before.chunks) - set(after.chunks)) == 2
    change = push_state.diff(before, after)
    assert change.delete_edges and change.send_edges and change.delete_nodes  # the correction and the deletion
    assert not change.remade
    assert change.send_nodes <= rows(nodes) and change.send_edges <= rows(edges)
    assert len(rows(edges)) < len(rows(full_edges)) // 2  # the rest was not parsed
    assert len(rows(nodes)) < len(rows(full_nodes))
    # the same difference as the whole records' (every node and relationship opened)
    flat = push_state.diff(before.flat(), after.flat())
    assert (flat.delete_nodes, flat.send_nodes, flat.send_edges) == (change.delete_nodes, change.send_nodes,
                                                                      change.send_edges)
    assert {k: sorted(v, key=str) for k, v in flat.delete_edges.items()} == {
        k: sorted(v, key=str) for k, v in change.delete_edges.items()}


def test_the_analytics_are_not_pushed_and_their_change_sends_nothing(tmp_path: Path) -> None:
    """A shared node whose line changed only in its analytics (PageRank moved) is not sent again."""
    _, out = built(tmp_path, 4, 7)
    nodes, _, before = bolt.read_rows(out)
    assert not any("pagerank" in r["props"] or "community" in r["props"] for rs in nodes.values() for r in rs)
    text = (out / "nodes.jsonl").read_text(encoding="utf-8")
    assert '"pagerank": ' in text
    (out / "nodes.jsonl").write_text(text.replace('"pagerank": 0.', '"pagerank": 0.9'), encoding="utf-8")
    _, _, after = bolt.read_rows(out, before)  # the file no longer fits its sections: all shared
    assert push_state.diff(before, after).empty


def test_a_record_survives_a_rebuild_and_an_unreadable_one_is_none(tmp_path: Path) -> None:
    plans, out = built(tmp_path, 3, 2)
    _, _, state = bolt.read_rows(out)
    record = push_state.state_path(out, "bolt://example:7687", None)
    push_state.save(state, record)
    build([str(plans)], out, pages=False)  # the swap must carry .cache/push over
    loaded = push_state.load(push_state.state_path(out, "bolt://example:7687", None))
    assert loaded is not None and loaded.digest() == state.digest()
    assert push_state.load(push_state.state_path(out, "bolt://other:7687", None)) is None
    record.write_bytes(b"garbage")
    assert push_state.load(record) is None
