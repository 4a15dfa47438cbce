"""Stores chosen by name (graph/stores/store.py): each answers a saved query as the engine it wraps does."""

from __future__ import annotations

from typing import Any

import pytest
from cancu.graph.stores.store import Store, get_store, register, store_names
from cancu.queries.catalogue import find
from cancu.queries.run import run_sparql

from cancu.errors import StoreError


def test_the_built_in_stores_are_registered() -> None:
    assert store_names()[:4] == ["bolt", "oxigraph", "rdflib", "gsp"]


def test_an_unknown_store_is_one_line() -> None:
    with pytest.raises(StoreError, match=r"unknown store 'nope' \(choose from bolt, oxigraph, rdflib, gsp"):
        get_store("nope")


def test_a_registered_class_must_be_a_store() -> None:
    register("not-a-store", "cancu.errors", "StoreError")
    with pytest.raises(StoreError, match="is not a Store"):
        get_store("not-a-store")


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_local_stores_answer_as_their_engine(engine: str, seeds_build: Any) -> None:
    q = find("plans-standing-on", "sparql")
    want = run_sparql(q, seeds_build.out, {"number": "76/NQ-CP"}, engine=engine)
    with get_store(engine, out=seeds_build.out) as store:
        assert isinstance(store, Store)
        got = store.query(q, {"number": "76/NQ-CP"})
    assert len(got) > 0
    assert got.equals(want)


def test_a_graph_store_is_not_queried(seeds_build: Any) -> None:
    with get_store("gsp", url="http://127.0.0.1:9/store") as store, pytest.raises(StoreError, match="not queried"):
        store.query(find("plans-standing-on", "sparql"), {"number": "76/NQ-CP"})


def test_bolt_push_needs_a_server(seeds_build: Any) -> None:
    with get_store("bolt") as store, pytest.raises(StoreError, match="no server: give --uri"):
        store.push(seeds_build.out)
