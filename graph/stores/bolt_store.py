"""A Bolt server (Neo4j 5, Aura, FalkorDB) as a Store: the build pushed with what the last push from
the same folder recorded (push_state.py), saved Cypher queries run with their parameters bound.
Without a uri, queries run on a private local FalkorDB (embedded.py) loaded with the build in `out`
and stopped on close."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cancu.graph.stores import bolt, push_state
from cancu.graph.stores.store import Pushed, Store

from cancu.errors import QueryError, StoreError

if TYPE_CHECKING:
    import pandas as pd
    from cancu.graph.stores.embedded import EmbeddedServer
    from cancu.queries.catalogue import SavedQuery


class BoltStore(Store):
    def __init__(self, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None, out: str | Path | None = None, batch_size: int | None = None) -> None:
        self.uri, self.user, self.password, self.database = uri, user, password, database
        self.out = Path(out) if out is not None else None
        self.batch_size = batch_size or bolt.DEFAULT_BATCH
        self._driver: Any = None
        self._embedded: EmbeddedServer | None = None
        self._owns_driver = True

    @classmethod
    def on(cls, driver: Any, database: str | None = None) -> BoltStore:
        """A store over a driver the caller opened (and closes)."""
        store = cls(database=database)
        store._driver, store._owns_driver = driver, False
        return store

    def driver(self) -> Any:
        """The connection, opened on first use: to `uri`, or to a private FalkorDB loaded with `out`."""
        if self._driver is None:
            if self.uri:
                self._driver = bolt.connect(self.uri, self.user, self.password, self.database)
            else:
                self._driver = self._embedded_driver()
        return self._driver

    def _embedded_driver(self) -> Any:
        from cancu.graph.stores.embedded import start_falkordb
        from cancu.graph.stores.property_graph import read

        if self.out is None:
            raise StoreError("no Bolt server given (--uri or NEO4J_URI) and no build to load into a local one")
        model = read(self.out)
        self._embedded = start_falkordb()
        driver = bolt.connect(self._embedded.uri)
        try:
            bolt.push_model(model, driver)
        except BaseException:
            driver.close()
            raise
        return driver

    def push(self, out: str | Path) -> Pushed:
        """The build in OUT, only what changed when the server still holds the last push from OUT."""
        from cancu.graph.stores.property_graph import check_build

        if not self.uri:
            raise StoreError("no server: give --uri bolt://HOST:PORT (or set NEO4J_URI)")
        check_build(out)
        record = push_state.state_path(out, self.uri, self.database)
        driver = self.driver()
        result = bolt.push_build(out, driver, database=self.database, batch_size=self.batch_size,
                                 previous=push_state.load(record))
        nodes, rels = bolt.counts(driver, self.database)
        self.close()
        warnings = []
        if result.state is not None:
            try:
                push_state.save(result.state, record)
            except OSError as exc:  # the push is done; only the next one is slower
                warnings.append(f"could not record the push in {record} ({exc.strerror or exc}); the next push "
                                "sends the whole build again")
        changes = (f" (only what changed since the last push: {result.unchanged} unchanged, removed "
                   f"{result.removed_nodes} nodes and {result.removed_relationships} relationships)"
                   if result.followed else "")
        return Pushed(f"pushed {result.nodes} nodes and {result.relationships} relationships to {result.server}"
                      f"{changes} in {result.seconds:.1f}s; the server now holds {nodes} nodes and {rels} "
                      "relationships", warnings, result)

    def query(self, query: SavedQuery, params: Mapping[str, str] | None = None) -> pd.DataFrame:
        """A saved Cypher query with its parameters bound ($name), never formatted into the text."""
        import pandas as pd
        from neo4j.exceptions import Neo4jError

        bound = query.bind(dict(params or {}))
        driver = self.driver()
        database = self.database if self.uri or not self._owns_driver else None
        values = bolt.encode(bound, bolt.DIALECTS[bolt.dialect_of(driver, database)])
        body = "\n".join(line for line in query.text.splitlines() if not line.startswith("//"))
        try:
            records, _, keys = driver.execute_query(body, parameters_=values, database_=database)
        except Neo4jError as exc:
            raise QueryError(f"{query.name}: the server answered: {exc.message}") from None
        frame: pd.DataFrame = pd.DataFrame([list(r.values()) for r in records], columns=list(keys))
        return frame

    def close(self) -> None:
        driver, self._driver = self._driver, None
        try:
            if driver is not None and self._owns_driver:
                driver.close()
        finally:
            server, self._embedded = self._embedded, None
            if server is not None:
                server.stop()
