"""Plan-local facts on disk: the model reads the same whether a fact is in memory or in the spool."""

from __future__ import annotations

import multiprocessing as mp
import os
from pathlib import Path

import pytest
from cancu.graph import model as m
from cancu.graph.build import build_model_from_parts, plan_part
from cancu.loaders.extract import extract_path
from test_build import plan  # a sibling test module, on the path as pytest runs it

from cancu.api import load_model

BASIS = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"


def test_activities_and_their_edges_are_spooled_and_read_back(tmp_path: Path) -> None:
    model = load_model([str(plan(tmp_path, "a.txt", "An Giang", 2022, BASIS))])
    assert model.spool is not None and model.spool.n_nodes == 1
    [act] = [n for n in model.nodes.values() if m.ACTIVITY in n.labels]
    assert act.key not in model.nodes.shared  # on disk, not in memory …
    assert model.nodes[act.key].props == act.props  # … and found by key all the same
    assert act.key in model.nodes
    roles = {(e.type, e.target) for e in model.edges_of(m.LEAD, m.COOPERATING)}
    assert roles == {(m.LEAD, "agency/an-giang/so-noi-vu"), (m.COOPERATING, "agency/an-giang/so-tu-phap")}
    assert len(model.edges) == sum(1 for _ in model.edges.values())
    assert len(model.nodes) == sum(1 for _ in model.nodes.values())


def test_a_plan_read_from_two_files_is_one_plan(tmp_path: Path) -> None:
    """The same plan twice (as .txt and again under another name): one chunk, nothing counted twice."""
    a = plan(tmp_path, "a.txt", "An Giang", 2022, BASIS)
    b = tmp_path / "b.txt"
    b.write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    once, twice = load_model([str(a)]), load_model([str(a), str(b)])
    assert twice.spool is not None and len(twice.spool) == 1
    assert twice.counts()["by_label"] == once.counts()["by_label"]
    # the two readings differ only by file: each edge is there once per file, never merged away
    assert twice.counts()["by_edge"][m.LEAD] == 2 * once.counts()["by_edge"][m.LEAD]
    assert len({e for e in twice.edges.values()}) == len(twice.edges)


def test_an_undated_citation_renamed_after_the_fact_reaches_spooled_edges(tmp_path: Path) -> None:
    dated = plan(tmp_path, "a.txt", "An Giang", 2022, "Căn cứ Quyết định số 800/QĐ-UBND ngày 2/3/2021 của UBND tỉnh;\n")
    undated = plan(tmp_path, "b.txt", "An Giang", 2022, "Căn cứ Quyết định số 800/QĐ-UBND của UBND tỉnh;\n", num=13)
    model = load_model([str(undated), str(dated)])
    targets = {e.target for e in model.edges_of(m.LEGAL_BASIS)}
    assert targets == {"doc/an-giang/2021/800-qd-ubnd"}
    assert all("/nd/" not in n.key for n in model.nodes.values())


def _count_in_child(model: m.Model, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    queue.put(sum(1 for _ in model.edges.values()))


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="forked writers need fork")
def test_a_forked_reader_neither_rewrites_nor_deletes_the_spool(tmp_path: Path) -> None:
    parts = [plan_part(extract_path(str(plan(tmp_path, f"{i}.txt", "An Giang", 2022, BASIS, num=i))))
             for i in range(1, 4)]
    model = build_model_from_parts(parts)
    assert model.spool is not None
    model.spool.flush()  # as cancu.api does before it forks the writers
    before = os.path.getsize(model.spool.path)
    queue: mp.Queue = mp.get_context("fork").Queue()  # type: ignore[type-arg]
    child = mp.get_context("fork").Process(target=_count_in_child, args=(model, queue))
    child.start()
    child.join()
    assert queue.get() == len(model.edges)
    assert os.path.getsize(model.spool.path) == before
    path = model.spool.path
    del model, parts
    import gc

    gc.collect()
    assert not os.path.exists(path)  # the parent's model gone, its spool with it
