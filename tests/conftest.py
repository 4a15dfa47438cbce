"""Shared fixtures: the seed corpus and gold answers from ../shared, and a build of the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():  # the gold answers are what the suite measures against: never skip
        pytest.fail(f"{path} is missing: the tests need ../shared (seed plans and gold answers) beside the checkout")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("corpus", "seeds")


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))["plans"]


@pytest.fixture(scope="session")
def seeds_build(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The seeds built once per session, without pages (the page tests build their own)."""
    from cancu.api import build

    out = tmp_path_factory.mktemp("seeds-build")
    return build([str(seeds_dir)], out, pages=False)
