"""What reaches a Bolt server does not depend on the path the plans were given by: the same plans built
from a relative path, an absolute one and a copy, pushed one after the other, are the graph one push
makes (relationships are MERGEd on an id that hashes their properties, provenance among them)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cancu.graph.stores import bolt
from cancu.graph.stores.property_graph import read

from cancu.api import build

pytestmark = pytest.mark.bolt


def test_one_corpus_given_by_three_paths_pushes_as_one_graph(
        bolt_target, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, driver = bolt_target
    copy = shutil.copytree(seeds_dir, tmp_path / "elsewhere" / "seeds")
    monkeypatch.chdir(tmp_path)
    given = [os.path.relpath(seeds_dir, tmp_path), str(seeds_dir.resolve()), str(copy)]
    models = [read(build([corpus], tmp_path / f"out-{i}", pages=False, skip=["exchange", "ttl", "jsonld"]).out)
              for i, corpus in enumerate(given)]
    driver.execute_query("MATCH (n) DETACH DELETE n")
    bolt.push_model(models[0], driver)
    once = bolt.counts(driver)
    assert once == (len(models[0].nodes), len(models[0].edges))
    for model in models[1:]:
        bolt.push_model(model, driver)
    assert bolt.counts(driver) == once
