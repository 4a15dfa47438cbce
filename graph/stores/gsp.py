"""Push a build into any SPARQL 1.1 Graph Store (Fuseki, Oxigraph server, GraphDB …) over the Graph
Store HTTP Protocol: one PUT per named graph (graph/stores/named_graphs.py), so a push replaces each
plan's graph and the shared one whole, and pushing twice gives the same store.

Plain urllib: the protocol is one request a graph, and the tool gains no dependency for it.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from cancu.graph.stores.named_graphs import GRAPHS, split

from cancu.errors import StoreError

NTRIPLES = "application/n-triples; charset=utf-8"
TIMEOUT_S = 300.0  # one graph's PUT: the shared graph of a national build is the big one


@dataclass(frozen=True)
class GraphStore:
    """A Graph Store endpoint, e.g. http://localhost:3030/DATASET/data (Fuseki) or
    http://localhost:7878/store (Oxigraph server), with optional basic-auth credentials."""

    url: str
    user: str | None = None
    password: str | None = None

    def graph_url(self, graph: str) -> str:
        return self.url + ("&" if "?" in self.url else "?") + urllib.parse.urlencode({"graph": graph})

    def headers(self) -> dict[str, str]:
        headers = {"Content-Type": NTRIPLES}
        if self.user is not None:
            token = f"{self.user}:{self.password or ''}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(token).decode("ascii")
        return headers


@dataclass(frozen=True)
class PushResult:
    graphs: int
    triples: int
    seconds: float
    dropped: int = 0  # graphs of plans no longer in the build, dropped from the server


def check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"--sparql takes the Graph Store's http(s) URL, e.g. http://localhost:3030/DATASET/data; "
                         f"got '{url}'")


def put_graph(store: GraphStore, graph: str, body: bytes) -> None:
    """Replace one named graph; a failure is a StoreError that says what to do."""
    _send(store, urllib.request.Request(store.graph_url(graph), data=body, method="PUT", headers=store.headers()))


def drop_graph(store: GraphStore, graph: str) -> None:
    req = urllib.request.Request(store.graph_url(graph), method="DELETE", headers=store.headers())
    _send(store, req, missing_ok=True)


def _send(store: GraphStore, req: urllib.request.Request, missing_ok: bool = False) -> bytes:
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
            return resp.read()
    except urllib.error.HTTPError as exc:
        if missing_ok and exc.code == 404:
            return b""
        raise StoreError(_http_message(store, exc)) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise StoreError(f"{store.url}: connection refused; is the SPARQL server running there?") from None
        raise StoreError(f"{store.url}: cannot reach the server ({reason})") from None
    except (TimeoutError, OSError) as exc:
        raise StoreError(f"{store.url}: the server stopped answering ({exc})") from None


def _http_message(store: GraphStore, exc: urllib.error.HTTPError) -> str:
    if exc.code == 401:
        given = "were refused" if store.user is not None else "are needed"
        return (f"{store.url}: credentials {given} (401); give --sparql-user and --sparql-password "
                "(or set CANCU_SPARQL_USER and CANCU_SPARQL_PASSWORD)")
    if exc.code == 403:
        return f"{store.url}: this user may not write there (403)"
    if exc.code in (404, 405):
        return (f"{store.url}: no Graph Store that takes writes there ({exc.code}); give the Graph Store "
                "endpoint, e.g. http://HOST:3030/DATASET/data (Fuseki, started with updates allowed) or "
                "http://HOST:7878/store (Oxigraph server)")
    detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
    return f"{store.url}: the server answered {exc.code} {exc.reason}" + (f": {detail[0]}" if detail else "")


def cancu_graphs(store: GraphStore, query_url: str) -> set[str]:
    """The named graphs under cancu's graph namespace on the server, asked of its SPARQL query endpoint
    (the Graph Store Protocol cannot list graphs)."""
    import pyoxigraph as ox

    check_url(query_url)
    # the namespace goes in as a bound literal, as every value does
    text = ("SELECT DISTINCT ?g WHERE { VALUES ?prefix { " + str(ox.Literal(GRAPHS)) + " } "
            "GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }")
    headers = {**store.headers(), "Content-Type": "application/x-www-form-urlencoded",
               "Accept": "application/sparql-results+json"}
    body = urllib.parse.urlencode({"query": text}).encode()
    answer = _send(GraphStore(query_url, store.user, store.password),
                   urllib.request.Request(query_url, data=body, method="POST", headers=headers))
    try:
        return {b["g"]["value"] for b in json.loads(answer)["results"]["bindings"]}
    except (ValueError, KeyError, TypeError):
        raise StoreError(f"{query_url}: not a SPARQL query endpoint (no JSON results came back)") from None


def push(out: str | Path, store: GraphStore, query_url: str | None = None) -> PushResult:
    """PUT every named graph of the build in OUT; the shared graph first, so each plan's links land beside
    the documents and agencies they point to. With the server's query endpoint, the graphs of plans that
    are no longer in the build are dropped too, so the server holds what the build holds."""
    check_url(store.url)
    start = time.perf_counter()
    graphs = split(Path(out))
    stale = cancu_graphs(store, query_url) - {g.iri for g in graphs} if query_url else set()
    triples = 0
    for g in graphs:
        put_graph(store, g.iri, "".join(g.lines).encode("utf-8"))
        triples += len(g.lines)
    for iri in sorted(stale):
        drop_graph(store, iri)
    return PushResult(len(graphs), triples, time.perf_counter() - start, len(stale))
