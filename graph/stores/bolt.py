"""The model into a Bolt server (Neo4j 5, FalkorDB) through the official neo4j driver.

Batched and idempotent: nodes and relationships are MERGEd on stable keys with UNWIND over
parameter lists, so pushing twice, or pushing an overlapping build, gives the same graph (a node both
builds have keeps the properties of the last push). A push that follows the last one from the same
build folder sends only the difference (push_state.py). Values
always travel as parameters; only labels and relationship types, which come from the model's own
fixed vocabulary (graph.model), are written into the statements.

The statements the two servers do not share (constraints and indexes) are in DIALECTS, here and
nowhere else. The parameter rows the statements take are made in bolt_rows.py.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cancu.graph import model as m
from cancu.graph.stores.bolt_rows import (  # noqa: F401 -- re-exported: callers import the rows from bolt
    EdgeGroup,
    EdgeGroups,
    NodeGroups,
    edge_id,
    edge_row,
    edge_rows,
    node_row,
    node_rows,
    primary_label,
    read_rows,
    rows_and_state,
)
from cancu.graph.stores.bolt_wedge import take_wedged_sockets
from cancu.graph.stores.property_graph import check_build
from cancu.graph.stores.push_state import MARKER_LABEL, Diff, PushState, diff

from cancu.errors import StoreError

log = logging.getLogger(__name__)
DEFAULT_BATCH = 2000  # rows per transaction: see benchmarks/bolt_push.py for the measurement
FOLLOW_UP_IN_ONE_TRANSACTION = 50_000  # rows: a follow-up push of at most these is one transaction


@dataclass(frozen=True)
class Dialect:
    """Everything that differs between the servers, in one place.

    Neo4j 5: uniqueness constraints (which also index the key); parameters are parameters.
    FalkorDB 4.16 over Bolt: a range index (no uniqueness constraint over Bolt); it pastes string
    parameters into the query text unescaped (a quote breaks the query, a crafted one injects
    Cypher), so strings are escaped for its parser; and a request over about 4 KB crashes it, so
    batches are bounded in bytes. See tests/servers/README.md.
    """

    name: str
    key_index: str
    indexed_labels: str  # one row per index on `key`, with the list of its `labels`
    escape_strings: bool = False
    max_request_bytes: int | None = None


DIALECTS: dict[str, Dialect] = {
    "neo4j": Dialect(
        "neo4j", "CREATE CONSTRAINT cancu_{label}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE",
        "SHOW INDEXES YIELD labelsOrTypes, properties WHERE properties = ['key'] RETURN labelsOrTypes AS labels"),
    "falkordb": Dialect(
        "falkordb", "CREATE INDEX FOR (n:{label}) ON (n.key)",
        "CALL db.indexes() YIELD label, properties WITH label, properties WHERE 'key' IN properties "
        "RETURN [label] AS labels",
        escape_strings=True, max_request_bytes=3000),
}


def encode(value: Any, dialect: Dialect) -> Any:
    """A parameter value as this server needs it: unchanged for Neo4j; for FalkorDB every string
    escaped for the Cypher string literal it will be pasted into."""
    if not dialect.escape_strings:
        return value
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, list):
        return [encode(v, dialect) for v in value]
    if isinstance(value, dict):
        return {k: encode(v, dialect) for k, v in value.items()}
    return value


def _size(row: Any) -> int:
    return len(json.dumps(row, ensure_ascii=False).encode("utf-8"))


def fit(row: dict[str, Any], limit: int) -> dict[str, Any]:
    """A row cut down to `limit` bytes: long lists (provenance) and long strings are shortened and the
    row marked `truncated`. Only for servers that cannot take more; RDF and JSONL keep everything."""
    if _size(row) <= limit:
        return row
    props = dict(row["props"])
    props["truncated"] = True
    for name in sorted(props, key=lambda k: -_size(props[k])):
        if name in ("key", "id"):
            continue
        v = props[name]
        if isinstance(v, list):
            while len(v) > 1 and _size({**row, "props": {**props, name: v}}) > limit:
                v = v[: len(v) // 2]
            props[name] = v
        elif isinstance(v, str) and len(v) > 80:
            props[name] = v[:80] + "…"
        if _size({**row, "props": props}) <= limit:
            break
    return {**row, "props": props}


def _batches_bounded(rows: list[Any], size: int, dialect: Dialect, statement: str) -> Iterator[list[Any]]:
    """Batches of at most `size` rows, and at most the dialect's request bytes."""
    if dialect.max_request_bytes is None:
        yield from _batches(rows, size)
        return
    budget = dialect.max_request_bytes - len(statement.encode("utf-8")) - 64
    batch: list[Any] = []
    used = 0
    for row in rows:
        row = fit(row, budget)
        n = _size(row) + 2
        if batch and (used + n > budget or len(batch) >= size):
            yield batch
            batch, used = [], 0
        batch.append(row)
        used += n
    if batch:
        yield batch


@dataclass
class PushResult:
    server: str  # agent and version, e.g. "Neo4j/5.26.12"
    dialect: str
    nodes: int
    relationships: int
    seconds: float
    batches: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    # a push that followed the previous one (push_state.py): what it removed and what it left as it was
    removed_nodes: int = 0
    removed_relationships: int = 0
    unchanged: int = 0  # nodes and relationships not sent: the server had them already
    followed: bool = False  # True: only the difference from the previous push was sent
    state: PushState | None = None  # what the server holds now, to save for the next push


# what the driver's Bolt transport takes; its http(s) Query API is a preview needing more packages
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a Bolt address, or a StoreError naming the schemes cancu takes."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(uri)
        port = parts.port or 7687
    except ValueError as exc:
        raise StoreError(f"bad server address '{uri}': {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        what = f"scheme '{scheme}' is not supported" if scheme and "//" in uri else "no scheme"
        raise StoreError(f"bad server address '{uri}': {what}; cancu speaks Bolt: "
                         f"{', '.join(SCHEMES)} (e.g. bolt://localhost:7687)")
    if not parts.hostname:
        raise StoreError(f"bad server address '{uri}': no host (e.g. bolt://localhost:7687)")
    return scheme, parts.hostname, port


def _take_wedged_sockets(host: str, port: int) -> None:
    taken = take_wedged_sockets(host, port)
    if taken:
        log.debug("took %d socket(s) FalkorDB would have left unanswered at %s:%d", taken, host, port)


def connect(uri: str, user: str | None = None, password: str | None = None, database: str | None = None) -> Any:
    """A verified driver, or a StoreError saying in one line what is wrong."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ClientError, ConfigurationError, Neo4jError, ServiceUnavailable

    scheme, host, port = check_uri(uri)
    if "+" not in scheme:  # FalkorDB has no TLS Bolt endpoint
        _take_wedged_sockets(host, port)
    auth = (user or "neo4j", password or "") if (user or password) else None
    try:
        # one connection, reused: cancu talks to the server sequentially; the retry below is for a
        # wedge another client leaves between the sockets taken above and our connection
        driver = GraphDatabase.driver(uri, auth=auth, max_connection_pool_size=1, connection_timeout=5,
                                      connection_acquisition_timeout=10)
    except (ValueError, ConfigurationError) as exc:
        raise StoreError(f"bad server address '{uri}': {exc}") from None
    try:
        try:
            driver.verify_connectivity()
        except ServiceUnavailable:
            if "+" not in scheme:
                _take_wedged_sockets(host, port)
            driver.verify_connectivity()
        if database:
            driver.execute_query("RETURN 1", database_=database)
    except ServiceUnavailable:
        driver.close()
        raise StoreError(f"cannot reach a Bolt server at {uri} (is it running? is the port right?)") from None
    except AuthError:
        driver.close()
        raise StoreError(f"the server at {uri} refused user '{user or 'neo4j'}': wrong user or password") from None
    except ClientError as exc:
        driver.close()
        if "DatabaseNotFound" in (exc.code or "") or "database" in str(exc.message or "").lower():
            raise StoreError(f"the server at {uri} has no database '{database}'") from None
        raise StoreError(f"the server at {uri} answered: {exc.message}") from None
    except Neo4jError as exc:  # FalkorDB answers every refusal, a bad login too, with "unknown error"
        driver.close()
        hint = "; check the user and password" if auth else ""
        raise StoreError(f"the server at {uri} refused the connection ({exc.message}){hint}") from None
    return driver


def server_version(driver: Any, database: str | None = None) -> str:
    """'Neo4j/5.26.12' or 'FalkorDB/…', from dbms.components() where the server has it."""
    agent = driver.get_server_info().agent or "unknown"
    if dialect_of(driver, database) == "falkordb":
        return _falkordb_version(driver, agent)
    try:
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD name, versions RETURN name, versions",
                                             database_=database)
        if records:
            name = records[0]["name"].replace(" Kernel", "")
            return f"{name}/{records[0]['versions'][0]}"
    except Exception:  # FalkorDB has no dbms.components(): its agent string says who it is
        pass
    return agent


def _falkordb_version(driver: Any, agent: str) -> str:
    return f"FalkorDB (Bolt agent {agent})"


def dialect_of(driver: Any, database: str | None = None) -> str:
    """FalkorDB's Bolt endpoint introduces itself as 'Neo4j/5.13.0'; it is told apart by having no
    dbms.components() procedure."""
    try:
        driver.execute_query("CALL dbms.components() YIELD name RETURN name", database_=database)
        return "neo4j"
    except Exception:
        return "falkordb"


def _check_vocabulary(*names: str) -> None:
    allowed = set(m.LABELS) | set(m.EDGE_TYPES)
    for name in names:
        if name not in allowed:  # never reached with the model's own vocabulary; guards the f-strings below
            raise StoreError(f"refusing to write unknown label or type '{name}'")


def indexed_labels(driver: Any, dialect: str, database: str | None = None) -> set[str]:
    records, _, _ = driver.execute_query(DIALECTS[dialect].indexed_labels, database_=database)
    return {label for r in records for label in (r["labels"] or [])}


def ensure_schema(driver: Any, dialect: str, database: str | None = None) -> None:
    """A unique key index per label, created once (FalkorDB errors on creating one twice)."""
    from neo4j.exceptions import Neo4jError

    have = indexed_labels(driver, dialect, database)
    for label in m.LABELS:
        _check_vocabulary(label)
        if label in have:
            continue
        try:
            driver.execute_query(DIALECTS[dialect].key_index.format(label=label), database_=database)
        except Neo4jError as exc:
            raise StoreError(f"could not create the index on {label}.key: {exc.message}") from None


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def node_statement(label: str, extra: Iterable[str] = ()) -> str:
    """MERGE nodes on their key; their properties become the row's, so a changed node loses what it no
    longer has. One form for every push: a follow-up push (push_state.py) then runs statements the
    server has already planned."""
    _check_vocabulary(label, *extra)
    set_labels = "".join(f" SET n:{x}" for x in sorted(extra))
    return f"UNWIND $rows AS row MERGE (n:{label} {{key: row.key}}) SET n = row.props{set_labels}"


def edge_statement(type_: str, source_label: str, target_label: str) -> str:
    _check_vocabulary(type_, source_label, target_label)
    return (f"UNWIND $rows AS row MATCH (a:{source_label} {{key: row.s}}) MATCH (b:{target_label} {{key: row.t}}) "
            f"MERGE (a)-[r:{type_} {{id: row.props.id}}]->(b) SET r = row.props")


def delete_nodes_statement(label: str) -> str:
    _check_vocabulary(label)
    return f"UNWIND $rows AS row MATCH (n:{label} {{key: row.key}}) DETACH DELETE n"


def delete_edges_statement(source_label: str) -> str:
    """Found from their source node's key, which is indexed (relationship ids are not), among its own
    relationships, which are few (a plan's, an activity's): one statement per source label, not per
    type and end labels, so a follow-up push has few statements for the server to plan."""
    _check_vocabulary(source_label)
    return (f"UNWIND $rows AS row MATCH (a:{source_label} {{key: row.s}})-[r]->() WHERE r.id = row.id "
            "DELETE r")


MARKER_READ = f"MATCH (m:{MARKER_LABEL} {{key: 'state'}}) RETURN m.state AS state"
MARKER_WRITE = f"MERGE (m:{MARKER_LABEL} {{key: 'state'}}) SET m.state = $state"


def server_state(driver: Any, database: str | None = None) -> str | None:
    """The digest of what cancu pushed last to this database, None if it holds none."""
    records, _, _ = driver.execute_query(MARKER_READ, database_=database)
    return records[0]["state"] if records else None


def push_build(out: str | Path, driver: Any, *, database: str | None = None, batch_size: int = DEFAULT_BATCH,
               progress: Callable[[int], None] | None = None, previous: PushState | None = None) -> PushResult:
    """Push a build folder. With `previous` (push_state.py) and the server still holding what it
    recorded, only the plans' sections and the shared lines of nodes.jsonl and edges.jsonl that changed
    since are parsed and sent, and what the build no longer has is deleted; otherwise the whole build
    is read and sent."""
    out = Path(out)
    check_build(out)
    t0 = time.perf_counter()
    if previous is not None and server_state(driver, database) != previous.digest():
        previous = None
    nodes, edges, state = read_rows(out, previous)
    plan = diff(previous, state) if previous is not None else None
    if plan is not None and plan.remade:  # relabelled nodes lose every relationship: all of them are looked at
        nodes, edges, state = read_rows(out)
        plan = diff(previous.flat(), state.flat()) if previous is not None else None
    read_s = time.perf_counter() - t0
    result = _push(driver, nodes, edges, state, plan, database, batch_size, progress)
    result.timings["read_s"] = read_s
    return result


def push_model(model: m.Model, driver: Any, *, database: str | None = None, batch_size: int = DEFAULT_BATCH,
               progress: Callable[[int], None] | None = None, previous: PushState | None = None) -> PushResult:
    """Write the model: schema first, then nodes, then relationships, each in batches of `batch_size`.

    With `previous`, the record of the last push of the same model's kind (push_state.py), and the
    server still holding what it recorded: only the difference is written. Relationships and nodes the
    model no longer has are deleted, changed ones replaced, unchanged ones not sent."""
    nodes, edges, state = rows_and_state(model)
    plan: Diff | None = None
    if previous is not None and server_state(driver, database) == previous.digest():
        plan = diff(previous.flat(), state)
    return _push(driver, nodes, edges, state, plan, database, batch_size, progress)


def _push(driver: Any, nodes: NodeGroups, edges: EdgeGroups, state: PushState, plan: Diff | None,
          database: str | None, batch_size: int, progress: Callable[[int], None] | None) -> PushResult:
    """Schema, then (following a push) deletions, then nodes, then relationships, then the marker."""
    dialect = dialect_of(driver, database)
    spec = DIALECTS[dialect]
    version = server_version(driver, database)
    t0 = time.perf_counter()
    ensure_schema(driver, dialect, database)
    work: list[tuple[str, str, list[dict[str, Any]]]] = []  # (phase, statement, rows), in the order to run
    if plan is not None:  # relationships first: a node re-made loses its own with DETACH DELETE anyway
        work += [("removed_rels", delete_edges_statement(sl), gone) for sl, gone in plan.delete_edges.items()]
        work += [("removed_nodes", delete_nodes_statement(label), [{"key": k} for k in keys])
                 for label, keys in plan.delete_nodes.items()]
    for (label, extra), rows in nodes.items():
        if plan is not None:
            rows = [r for r in rows if r["key"] in plan.send_nodes]
        work.append(("nodes", node_statement(label, extra), rows))
    for (type_, sl, tl), rows in edges.items():
        if plan is not None:
            rows = [r for r in rows if r["props"]["id"] in plan.send_edges]
        work.append(("relationships", edge_statement(type_, sl, tl), rows))
    done = dict.fromkeys(("removed_rels", "removed_nodes", "nodes", "relationships"), 0)
    seconds = dict.fromkeys(done, 0.0)
    batches = [(phase, stmt, encode(chunk, spec), len(chunk)) for phase, stmt, rows in work
               for chunk in _batches_bounded(rows, batch_size, spec, stmt)]
    marker = encode(state.digest(), spec)

    def run(tx: Any, items: list[tuple[str, str, Any, int]], with_marker: bool) -> None:
        for phase, stmt, encoded, n in items:
            ts = time.perf_counter()
            tx.run(stmt, rows=encoded).consume()
            seconds[phase] += time.perf_counter() - ts
            if progress:
                progress(n)
        if with_marker:
            tx.run(MARKER_WRITE, state=marker).consume()

    # a follow-up push of a few changes is one transaction: its commit, not one per statement and batch
    # (each of which cost the server about as much as its work), and the server never holds half of it
    one = plan is not None and sum(len(rows) for _, _, rows in work) <= FOLLOW_UP_IN_ONE_TRANSACTION
    with driver.session(database=database) as session:
        if one:
            def all_at_once(tx: Any) -> None:
                seconds.update(dict.fromkeys(seconds, 0.0))  # a transaction retried counts once
                run(tx, batches, True)

            session.execute_write(all_at_once)
        else:
            for item in batches:
                session.execute_write(lambda tx, i=item: run(tx, [i], False))
            session.execute_write(lambda tx: run(tx, [], True))
    for phase, _, rows in work:
        done[phase] += len(rows)
    n_nodes, n_rels = done["nodes"], done["relationships"]
    removed_nodes, removed_rels = done["removed_nodes"], done["removed_rels"]
    t2 = time.perf_counter()
    t_removed = t0 + seconds["removed_rels"] + seconds["removed_nodes"]
    t1 = t_removed + seconds["nodes"]
    timings = {"removed_s": t_removed - t0, "nodes_s": t1 - t_removed, "relationships_s": t2 - t1}
    unchanged = state.size() - n_nodes - n_rels
    return PushResult(version, dialect, n_nodes, n_rels, t2 - t0, len(batches) + 1, timings, removed_nodes,
                      removed_rels, unchanged, plan is not None, state)


def push_naive(model: m.Model, driver: Any, *, database: str | None = None) -> PushResult:
    """One row per transaction: the baseline the benchmark compares the batched loader with."""
    return push_model(model, driver, database=database, batch_size=1)


def counts(driver: Any, database: str | None = None) -> tuple[int, int]:
    # cancu's own marker of what it pushed (push_state.py) is not part of the graph
    nodes, _, _ = driver.execute_query(f"MATCH (n) WHERE NOT n:{MARKER_LABEL} RETURN count(n) AS c",
                                       database_=database)
    rels, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c", database_=database)
    return nodes[0]["c"], rels[0]["c"]
