"""The verbs on a build that the command line offers besides extract and build: validate, score, export,
push (Bolt or a SPARQL Graph Store), query, serve. Re-exported by cancu/api.py, the one public surface;
the CLI only parses arguments and prints what these return, with the exit status their errors name."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cancu.errors import CancuError, QueryError

if TYPE_CHECKING:
    import pandas as pd

    from cancu.api import FileError
    from cancu.graph.stores.store import Pushed
    from cancu.queries.catalogue import SavedQuery
    from cancu.scoring import Score


class UsageError(CancuError):
    """A call that cannot start as given (no build there, no server named): exit status 2 on the CLI."""


@dataclass
class Validation:
    lines: list[str] = field(default_factory=list)  # one per problem, stale correction or violation, in order
    problems: int = 0  # with the files
    violations: int = 0  # of the SHACL shapes
    error: str | None = None  # the shapes could not be checked: the CLI exits 2 after the lines

    @property
    def ok(self) -> bool:
        return not (self.problems or self.violations)


def validate(out: str | Path) -> Validation:
    """Is the build whole (every file the manifest lists, with its size and sha256, nothing more), and does
    its graph conform to ontology/shapes.ttl?"""
    from cancu.graph.validate import check_whole, stale_corrections, validate_build

    if not Path(out, "manifest.json").exists() and not Path(out, "graph.nt").exists():
        raise UsageError(f"{out}: no build here; run `cancu build PLANS --out {out}` first")
    problems = check_whole(out)
    result = Validation([*problems, *stale_corrections(out)], problems=len(problems))
    if Path(out, "graph.nt").is_file():
        try:
            report = validate_build(out)
        except CancuError as exc:
            result.error = str(exc)
            return result
        result.violations = 0 if report.conforms else len(report.violations)
        result.lines += report.violations
    return result


def score(paths: Iterable[str], gold_path: str | Path, minimums: tuple[float, float, float, float] = (0, 0, 0, 0),
          on_error: Callable[[FileError], None] | None = None, jobs: int = 0) -> Score:
    """Extract the plans and score them against gold answers (a shared-format JSON or a corrections.yaml);
    a gold file that cannot be read raises UsageError."""
    from cancu.api import extract_paths
    from cancu.gold import read_gold
    from cancu.scoring import Minimums, by_file
    from cancu.scoring import score as run_score

    records = list(extract_paths(list(paths), on_error, jobs=jobs))
    try:
        gold = read_gold(gold_path, records)
    except CancuError as exc:
        raise UsageError(str(exc)) from None
    return run_score(gold, by_file([r.to_json() for r in records]), Minimums(*minimums))


def export(out: str | Path, xlsx: str | Path) -> Path:
    """The build's nodes.jsonl and edges.jsonl as an Excel workbook for analysts."""
    from cancu import workbook
    from cancu.graph.stores.property_graph import read

    return workbook.write(read(out), xlsx)


def push_bolt(out: str | Path, uri: str | None, user: str | None = None, password: str | None = None,
              database: str | None = None, batch_size: int | None = None) -> Pushed:
    """The build into a Bolt server; a driver error mid-push is one CancuError line (pushing again mends it:
    every write is a MERGE)."""
    from cancu.graph.stores.store import get_store

    if not uri:
        raise UsageError("no server: give --uri bolt://HOST:PORT (or set NEO4J_URI)")
    try:
        with get_store("bolt", uri=uri, user=user, password=password, database=database,
                       batch_size=batch_size) as store:
            return store.push(out)
    except CancuError:
        raise
    except Exception as exc:
        if os.environ.get("CANCU_DEBUG"):
            raise
        raise CancuError(f"push to {uri} stopped: {type(exc).__name__}: {getattr(exc, 'message', None) or exc}; "
                         "run it again to complete it (pushing is idempotent)") from None


def push_sparql(out: str | Path, url: str, query_url: str | None = None, user: str | None = None,
                password: str | None = None) -> Pushed:
    """The build into a SPARQL 1.1 Graph Store, one named graph a plan; with the query endpoint, the graphs
    of plans no longer built are dropped."""
    from cancu.graph.stores.store import get_store

    with get_store("gsp", url=url, user=user, password=password, query_url=query_url) as store:
        return store.push(out)


def saved_queries() -> list[tuple[str, SavedQuery]]:
    """Every saved query with its language, SPARQL first."""
    from cancu.queries.catalogue import catalogue

    return [(language, q) for language, queries in catalogue().items() for q in queries.values()]


def split_param(spec: str) -> tuple[str, str]:
    if "=" not in spec:
        raise QueryError(f"--param takes NAME=VALUE, got '{spec}'")
    k, v = spec.split("=", 1)
    return k.strip(), v


def query(name: str, out: str | Path, params: Iterable[str] | dict[str, str] = (), *, engine: str = "oxigraph",
          language: str | None = None, uri: str | None = None, user: str | None = None, password: str | None = None,
          database: str | None = None) -> tuple[SavedQuery, pd.DataFrame]:
    """Run saved query NAME on the build in OUT: SPARQL on its RDF with `engine`; Cypher on the Bolt server
    at `uri`, or without one on a private local FalkorDB loaded with the build. `params` as NAME=VALUE
    strings or a dict; checked before a server is reached or started."""
    from cancu.graph.stores.store import get_store
    from cancu.queries.catalogue import find

    values = dict(params) if isinstance(params, dict) else dict(split_param(p) for p in params)
    q = find(name, language)
    q.bind(values)
    options: dict[str, object] = {"out": out}
    if q.language == "cypher":
        options |= {"uri": uri, "user": user, "password": password, "database": database}
    with get_store("bolt" if q.language == "cypher" else engine, **options) as store:
        return q, store.query(q, values)


def iri_compactor() -> Callable[[str], str]:
    """For tables people read: an IRI in one of the graph's namespaces as prefix:name (id:doc/…), as in
    graph.ttl; csv and json keep the whole IRI for programs."""
    from cancu.graph.stores.rdf import PREFIXES

    spaces = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda x: -len(x[0]))

    def compact(value: str) -> str:
        if value.startswith(("http://", "https://")):
            for ns, prefix in spaces:
                if value.startswith(ns) and len(value) > len(ns):
                    return f"{prefix}:{value[len(ns):]}"
        return value

    return compact


def serve(out: str | Path, host: str = "127.0.0.1", port: int = 8000,
          ready: Callable[[str], None] = print) -> None:
    """The build's pages and a read-only SPARQL endpoint over its graph, until interrupted."""
    from cancu.serve import serve as run

    run(out, host, port, ready=ready)
