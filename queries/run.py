"""Run saved SPARQL queries on a build (OUT/graph.nt) and return pandas DataFrames.

Parameters are bound as RDF terms (pyoxigraph substitutions, rdflib initBindings), never written
into the query text. The default engine is pyoxigraph, whose store is kept in OUT/.oxigraph so
only the first query of a build pays for loading.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
from cancu.queries.catalogue import SavedQuery
from rdflib.query import ResultRow

from cancu.errors import QueryError

ENGINES = ("oxigraph", "rdflib")
XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_TYPES = {"integer": "integer", "decimal": "decimal", "boolean": "boolean", "date": "date"}


def graph_file(out: Path) -> Path:
    nt = out / "graph.nt"
    if not nt.exists():
        raise QueryError(f"{out}: no graph.nt here; run `cancu build PLANS --out {out}` first")
    return nt


def oxigraph_store(out: Path) -> Any:
    """The build's persistent pyoxigraph store, (re)loaded when graph.nt is newer."""
    import pyoxigraph as ox

    nt = graph_file(out)
    folder = out / ".oxigraph"
    stamp = folder / "loaded-from"
    want = f"{nt.stat().st_mtime_ns}:{nt.stat().st_size}"
    if folder.exists() and (not stamp.exists() or stamp.read_text() != want):
        shutil.rmtree(folder)
    fresh = not folder.exists()
    store = ox.Store(str(folder))
    if fresh:
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        stamp.write_text(want)
    return store


def _lexical(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _ox_term(value: Any, type_: str) -> Any:
    import pyoxigraph as ox

    if type_ == "iri":
        return ox.NamedNode(value)
    if type_ == "string":
        return ox.Literal(value)
    if type_ in ("text", "province"):
        return ox.Literal(value, language="vi")
    return ox.Literal(_lexical(value), datatype=ox.NamedNode(XSD + _XSD_TYPES[type_]))


def _rdflib_term(value: Any, type_: str) -> Any:
    from rdflib import Literal, URIRef

    if type_ == "iri":
        return URIRef(value)
    if type_ == "string":
        return Literal(value)
    if type_ in ("text", "province"):
        return Literal(value, lang="vi")
    return Literal(_lexical(value), datatype=URIRef(XSD + _XSD_TYPES[type_]))


# datatype → Python value, for the DataFrame; other literals and IRIs keep their text
_CONVERT: dict[str, Any] = {**dict.fromkeys((XSD + "integer", XSD + "int", XSD + "long"), int),
                            **dict.fromkeys((XSD + "double", XSD + "decimal", XSD + "float"), float),
                            XSD + "boolean": lambda v: v in ("true", "1", True)}


def _plain(term: Any) -> Any:
    """An RDF term as a Python value for the DataFrame."""
    if term is None:
        return None
    value = getattr(term, "value", None)
    if value is None:
        value = str(term)
    datatype = getattr(term, "datatype", None)
    convert = _CONVERT.get(str(getattr(datatype, "value", datatype) or ""))
    return convert(value) if convert is not None else value


def _ox_column(terms: tuple[Any, ...]) -> list[Any]:
    """One result column of pyoxigraph terms as Python values, typed once per column when the whole
    column has one datatype, else term by term (as _plain does)."""
    kinds = {getattr(t, "datatype", None) for t in terms if t is not None}
    if len(kinds) != 1:
        return [_plain(t) for t in terms]
    (kind,) = kinds
    convert = _CONVERT.get(kind.value) if kind is not None else None
    values = [None if t is None else t.value for t in terms]
    return values if convert is None else [None if v is None else convert(v) for v in values]


def run_sparql(query: SavedQuery, out: str | Path, params: dict[str, str] | None = None, *,
               engine: str = "oxigraph", store: Any = None) -> pd.DataFrame:
    """Run a saved SPARQL query on the build in OUT; columns are the query's variables."""
    out = Path(out)
    values = query.bind(params or {})
    types = {p.name: p.type for p in query.params}
    if engine == "oxigraph":
        import pyoxigraph as ox

        store = store or oxigraph_store(out)
        subs = {ox.Variable(k): _ox_term(v, types[k]) for k, v in values.items()}
        try:
            result = store.query(query.text, substitutions=subs)
        except SyntaxError as exc:
            raise QueryError(f"{query.path}: {exc}") from None
        columns = [v.value for v in result.variables]
        cells = list(zip(*map(tuple, result), strict=True))  # column by column
        if not cells:
            return pd.DataFrame([], columns=columns)
        return pd.DataFrame({c: _ox_column(col) for c, col in zip(columns, cells, strict=True)}, columns=columns)
    if engine == "rdflib":
        from rdflib import Graph

        g = store if store is not None else Graph().parse(graph_file(out), format="nt")
        res = g.query(query.text, initBindings={k: _rdflib_term(v, types[k]) for k, v in values.items()})
        columns = [str(v) for v in res.vars or []]
        rows = []
        for r in res:
            assert isinstance(r, ResultRow), "saved SPARQL queries are SELECT queries"
            rows.append([_plain(r[i]) for i in range(len(columns))])
        return pd.DataFrame(rows, columns=columns)
    raise QueryError(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
