"""The build's RDF (OUT/graph.nt) queried on this machine: pyoxigraph, whose store persists in
OUT/.oxigraph so only the first query of a build pays for loading, or rdflib in memory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cancu.graph.stores.store import Pushed, Store

if TYPE_CHECKING:
    import pandas as pd
    from cancu.queries.catalogue import SavedQuery


class _LocalSparql(Store):
    engine = ""

    def __init__(self, out: str | Path = "out") -> None:
        self.out = Path(out)
        self._graph: Any = None

    def _load(self) -> Any:
        raise NotImplementedError

    def push(self, out: str | Path) -> Pushed:
        self.out, self._graph = Path(out), None
        self._graph = self._load()
        return Pushed(f"loaded {self.out / 'graph.nt'} into {self.engine}")

    def query(self, query: SavedQuery, params: Mapping[str, str] | None = None) -> pd.DataFrame:
        from cancu.queries.run import run_sparql

        query.bind(dict(params or {}))  # a wrong parameter is told before the build is loaded
        if self._graph is None:
            self._graph = self._load()
        return run_sparql(query, self.out, dict(params or {}), engine=self.engine, store=self._graph)


    def close(self) -> None:
        self._graph = None  # pyoxigraph locks OUT/.oxigraph while a Store object on it lives


class OxigraphStore(_LocalSparql):
    engine = "oxigraph"

    def _load(self) -> Any:
        from cancu.queries.run import oxigraph_store

        return oxigraph_store(self.out)


class RdflibStore(_LocalSparql):
    engine = "rdflib"

    def _load(self) -> Any:
        from cancu.queries.run import graph_file
        from rdflib import Graph

        return Graph().parse(graph_file(self.out), format="nt")
