"""A SPARQL 1.1 Graph Store (Fuseki, Oxigraph server, GraphDB …) as a Store: each plan one named graph,
replaced whole by an HTTP PUT (gsp.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from cancu.graph.stores import gsp
from cancu.graph.stores.store import Pushed, Store

from cancu.errors import StoreError

if TYPE_CHECKING:
    import pandas as pd
    from cancu.queries.catalogue import SavedQuery


class GraphStoreProtocol(Store):
    def __init__(self, url: str, user: str | None = None, password: str | None = None,
                 query_url: str | None = None) -> None:
        self.endpoint = gsp.GraphStore(url, user, password)
        self.query_url = query_url  # with it, the graphs of plans no longer built are dropped

    def push(self, out: str | Path) -> Pushed:
        result = gsp.push(out, self.endpoint, self.query_url)
        dropped = f", dropped {result.dropped} graph(s) of plans no longer built" if self.query_url else ""
        return Pushed(f"pushed {result.triples} triples in {result.graphs} named graphs to {self.endpoint.url}"
                      f"{dropped} in {result.seconds:.1f}s", detail=result)

    def query(self, query: SavedQuery, params: Mapping[str, str] | None = None) -> pd.DataFrame:
        # the saved queries bind RDF terms through a local engine's API; over HTTP they would have to be
        # pasted into the text, which cancu never does
        raise StoreError(f"{self.endpoint.url}: a Graph Store is pushed to, not queried by cancu; run "
                         f"`cancu query run {query.name}` on the build, or query the server's own endpoint")
