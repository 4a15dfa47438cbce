"""The one registry of a build's outputs (cancu/outputs.py): a new format is a writer and one registration."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cancu.graph.model import Model

from cancu import outputs
from cancu.api import build
from cancu.errors import CancuError
from cancu.testing import PLAN_TEXT


@pytest.fixture
def restored() -> Iterator[None]:
    saved = dict(outputs.OUTPUTS)
    yield
    outputs.OUTPUTS.clear()
    outputs.OUTPUTS.update(saved)


def _count_plans(model: Model, out: Path) -> list[Path]:
    path = out / "plans.count"
    path.write_text(f"{len(model.sources)}\n", encoding="utf-8")
    return [path]


def test_a_registered_output_is_written_listed_in_the_manifest_and_skippable(tmp_path: Path, restored: None) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN_TEXT, encoding="utf-8")
    outputs.register_output("count", "plans.count", _count_plans, optional=True)
    assert "count" in outputs.optional_outputs()

    built = build([str(plan)], tmp_path / "out", pages=False, jobs=1)
    assert (built.out / "plans.count").read_text(encoding="utf-8") == "1\n"
    listed = {f["path"] for f in json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))["files"]}
    assert "plans.count" in listed

    skipped = build([str(plan)], tmp_path / "out2", pages=False, jobs=1, skip=["count"])
    assert not (skipped.out / "plans.count").exists()


def test_skip_names_only_optional_outputs_in_registration_order() -> None:
    assert list(outputs.optional_outputs()) == ["ttl", "jsonld", "exchange", "pages"]
    with pytest.raises(CancuError, match=r"cannot skip rdf \(optional: ttl, jsonld, exchange, pages\)"):
        outputs.check_skip({"rdf"})


def test_a_part_names_a_registered_output(restored: None) -> None:
    with pytest.raises(CancuError, match="part of unknown output nt"):
        outputs.register_output("nq", "graph.nq", None, part_of="nt")
    with pytest.raises(CancuError, match="either a writer or the output it is part_of"):
        outputs.register_output("nq", "graph.nq", None)


def test_parts_are_handed_to_their_writer() -> None:
    bound = outputs.writers({"jsonld", "exchange", "pages"}, None)
    assert list(bound) == ["rdf", "property_graph"]
    assert bound["rdf"].keywords == {"derived": ("ttl",)}  # type: ignore[attr-defined]


def test_slow_writers_start_first() -> None:
    assert outputs.slow_first(["rdf", "exchange", "pages", "property_graph"]) == [
        "pages", "rdf", "exchange", "property_graph"]
