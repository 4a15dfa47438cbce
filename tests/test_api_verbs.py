"""The verbs cancu.api offers besides extract and build (cancu/operations.py): what the CLI prints comes
from them, so a program gets the same answers without the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cancu import api
from cancu.errors import QueryError


def test_validate_a_whole_build(seeds_build: Any) -> None:
    result = api.validate(seeds_build.out)
    assert result.ok and result.error is None and result.problems == 0


def test_validate_counts_a_missing_file_as_a_problem(seeds_build: Any, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "copy"
    shutil.copytree(seeds_build.out, out, ignore=shutil.ignore_patterns(".oxigraph", ".cache"))
    (out / "graph.graphml").unlink()
    result = api.validate(out)
    assert not result.ok and result.problems == 1
    assert any("graph.graphml" in line for line in result.lines)


def test_validate_without_a_build_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(api.UsageError, match="no build here"):
        api.validate(tmp_path)


def test_query_takes_params_as_strings_or_a_dict(seeds_build: Any) -> None:
    q, by_spec = api.query("plans-standing-on", seeds_build.out, ["number=76/NQ-CP"])
    _, by_dict = api.query("plans-standing-on", seeds_build.out, {"number": "76/NQ-CP"}, engine="rdflib")
    assert q.language == "sparql" and len(by_spec) > 0
    assert by_spec.equals(by_dict)


def test_a_param_without_a_value_is_one_line(seeds_build: Any) -> None:
    with pytest.raises(QueryError, match="--param takes NAME=VALUE, got 'number'"):
        api.query("plans-standing-on", seeds_build.out, ["number"])


def test_push_bolt_without_a_server_is_a_usage_error(seeds_build: Any) -> None:
    with pytest.raises(api.UsageError, match="no server"):
        api.push_bolt(seeds_build.out, None)


def test_iri_compactor_uses_the_graph_prefixes() -> None:
    compact = api.iri_compactor()
    assert compact("https://w3id.org/cancu/id/doc/x") == "id:doc/x"
    assert compact("plain") == "plain"


def test_export_writes_the_workbook(seeds_build: Any, tmp_path: Path) -> None:
    path = api.export(seeds_build.out, tmp_path / "plans.xlsx")
    assert path.stat().st_size > 0
