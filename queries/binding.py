"""Parameters bound into a saved query's text as a VALUES block, for SPARQL servers reached over HTTP
(Fuseki, Oxigraph server), which have no parameter API like pyoxigraph's substitutions.

The values are RDF terms written by pyoxigraph (its N-Triples form escapes quotes, backslashes and
newlines), so a value is always one literal, whatever it holds. The block goes at the top of the
outer WHERE, where it joins like a bound variable: every saved query projects its parameters in each
scope that uses them, which tests/test_sparql_push.py checks against pyoxigraph's substitutions.
"""

from __future__ import annotations

import re

from cancu.queries.catalogue import SavedQuery
from cancu.queries.run import _ox_term

from cancu.errors import QueryError

# IRIs, strings and comments are skipped so that a WHERE or { inside them is not taken for the query's
_TOKENS = re.compile(r'<[^>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'
                     r"|(?P<where>\bWHERE\s*\{)|(?P<brace>\{)", re.IGNORECASE)


def insertion_point(text: str) -> int:
    """Where the outer group pattern opens: just after the first `WHERE {` (or the first `{`)."""
    first_brace = None
    for m in _TOKENS.finditer(text):
        if m.group("where"):
            return m.end()
        if m.group("brace") and first_brace is None:
            first_brace = m.end()
    if first_brace is None:
        raise QueryError("the query has no group pattern to bind parameters in")
    return first_brace


def values_block(values: dict[str, str], types: dict[str, str]) -> str:
    if not values:
        return ""
    names = " ".join(f"?{k}" for k in values)
    terms = " ".join(str(_ox_term(v, types[k])) for k, v in values.items())
    return f"\n  VALUES ({names}) {{ ({terms}) }}\n"


def bound_text(query: SavedQuery, params: dict[str, str] | None = None) -> str:
    """The query's text with its parameters bound by VALUES (every parameter is required, checked by
    its declared type: SavedQuery.bind)."""
    values = query.bind(params or {})
    at = insertion_point(query.text)
    return query.text[:at] + values_block(values, {p.name: p.type for p in query.params}) + query.text[at:]
