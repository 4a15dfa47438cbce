"""Run saved Cypher queries on a Bolt server: the one given (--uri or NEO4J_URI), or a private local
FalkorDB started for the occasion, loaded with the build, and stopped afterwards."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from cancu.queries.catalogue import SavedQuery


@dataclass
class Connection:
    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> Connection:
        """Options first, then NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE."""
        return cls(uri or os.environ.get("NEO4J_URI"), user or os.environ.get("NEO4J_USER"),
                   password or os.environ.get("NEO4J_PASSWORD"), database or os.environ.get("NEO4J_DATABASE"))


def run_cypher(query: SavedQuery, driver: Any, params: dict[str, str] | None = None,
               database: str | None = None) -> pd.DataFrame:
    """Run a saved Cypher query on an open driver, with its parameters bound ($name)."""
    from cancu.graph.stores.bolt_store import BoltStore

    return BoltStore.on(driver, database).query(query, params)


def run_cypher_cli(query: SavedQuery, out: str | Path, params: dict[str, str],
                   connection: Connection | None = None) -> pd.DataFrame:
    """On the server of `connection` (else NEO4J_URI …), or a private FalkorDB loaded with the build."""
    from cancu.graph.stores.store import get_store

    conn = connection or Connection.from_env()
    with get_store("bolt", uri=conn.uri, user=conn.user, password=conn.password, database=conn.database,
                   out=out) as store:
        return store.query(query, params)
