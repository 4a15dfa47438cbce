"""The record a push keeps (graph/stores/push_state.py): a rebuilt OUT's changed lines are found without
parsing the others, and give the record a full read of the build gives."""

from __future__ import annotations

from pathlib import Path

from cancu.graph.stores import bolt, push_state
from cancu.graph.stores.property_graph import read

from benchmarks.synth import generate
from cancu.api import build
from cancu.testing import correct_plan


def test_changed_rows_of_a_rebuild_are_its_changes_and_its_record_a_full_reads(tmp_path: Path) -> None:
    plans, out = tmp_path / "plans", tmp_path / "out"
    generate(8, 11, plans, jobs=1)
    (plans / "answers.json").unlink()
    build([str(plans)], out, pages=False)
    _, _, before = bolt.rows_and_state(read(out))
    nodes, edges, same = bolt.changed_rows(out, before)
    assert (nodes, edges) == ({}, {}) and same.digest() == before.digest()

    files = sorted(plans.rglob("*.txt"))
    correct_plan(files[0])
    files[3].unlink()
    build([str(plans)], out, pages=False)
    full_nodes, full_edges, after = bolt.rows_and_state(read(out))
    nodes, edges, followed = bolt.changed_rows(out, before)
    assert followed.nodes == after.nodes and followed.edges == after.edges
    change = push_state.diff(before, after)
    assert change.delete_edges and change.send_edges  # the correction and the deletion are there
    sent_nodes = {r["key"] for rows in nodes.values() for r in rows}
    sent_edges = {r["props"]["id"] for rows in edges.values() for r in rows}
    assert change.send_nodes <= sent_nodes and change.send_edges <= sent_edges
    assert len(sent_edges) < sum(len(r) for r in full_edges.values()) // 2  # the rest was not parsed
    assert len(sent_nodes) < sum(len(r) for r in full_nodes.values())


def test_a_record_survives_a_rebuild_and_an_unreadable_one_is_none(tmp_path: Path) -> None:
    plans, out = tmp_path / "plans", tmp_path / "out"
    generate(3, 2, plans, jobs=1)
    (plans / "answers.json").unlink()
    build([str(plans)], out, pages=False)
    _, _, state = bolt.rows_and_state(read(out))
    record = push_state.state_path(out, "bolt://example:7687", None)
    push_state.save(state, record)
    build([str(plans)], out, pages=False)  # the swap must carry .cache/push over
    loaded = push_state.load(push_state.state_path(out, "bolt://example:7687", None))
    assert loaded is not None and loaded.digest() == state.digest()
    assert push_state.load(push_state.state_path(out, "bolt://other:7687", None)) is None
    record.write_bytes(b"garbage")
    assert push_state.load(record) is None
