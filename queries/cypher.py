"""Run saved Cypher queries on a Bolt server: the one given (--uri or NEO4J_URI), or a private local
FalkorDB started for the occasion, loaded with the build, and stopped afterwards."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from cancu.queries.catalogue import SavedQuery

from cancu.errors import QueryError


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


def _typed(query: SavedQuery, params: dict[str, str]) -> dict[str, Any]:
    for name in params:
        query.param(name)
    out: dict[str, Any] = {}
    for p in query.params:
        value = params.get(p.name, p.example)
        if value is None:
            raise QueryError(f"query '{query.name}' needs --param {p.name}=… ({p.type})")
        try:
            parse: dict[str, Callable[[str], Any]] = {
                "integer": int, "decimal": float, "boolean": lambda v: v.lower() in ("true", "1", "yes")}
            out[p.name] = parse.get(p.type, str)(value)
        except ValueError:
            raise QueryError(f"--param {p.name}={value}: not a {p.type}") from None
    return out


def run_cypher(query: SavedQuery, driver: Any, params: dict[str, str] | None = None,
               database: str | None = None) -> pd.DataFrame:
    """Run a saved Cypher query with its parameters bound ($name), never formatted into the text."""
    from cancu.graph.stores.bolt import DIALECTS, dialect_of, encode
    from neo4j.exceptions import Neo4jError

    values = encode(_typed(query, params or {}), DIALECTS[dialect_of(driver, database)])
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("//"))
    try:
        records, _, keys = driver.execute_query(body, parameters_=values, database_=database)
    except Neo4jError as exc:
        raise QueryError(f"{query.name}: the server answered: {exc.message}") from None
    return pd.DataFrame([list(r.values()) for r in records], columns=list(keys))


def run_cypher_cli(query: SavedQuery, out: str | Path, params: dict[str, str],
                   connection: Connection | None = None) -> pd.DataFrame:
    from cancu.graph.stores import bolt

    conn = connection or Connection.from_env()
    if conn.uri:
        driver = bolt.connect(conn.uri, conn.user, conn.password, conn.database)
        try:
            return run_cypher(query, driver, params, conn.database)
        finally:
            driver.close()
    from cancu.graph.stores.embedded import start_falkordb
    from cancu.graph.stores.property_graph import read

    model = read(out)
    server = start_falkordb()
    try:
        driver = bolt.connect(server.uri)
        try:
            bolt.push_model(model, driver)
            return run_cypher(query, driver, params)
        finally:
            driver.close()
    finally:
        server.stop()
