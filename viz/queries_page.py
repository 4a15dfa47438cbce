"""OUT/queries.html, "Truy vấn (queries)": the saved SPARQL queries as forms, run against the SPARQL
endpoint that `cancu serve` puts beside the pages (same origin, /sparql), plus a free SPARQL box.

The page carries each query's text cut where its parameters go (queries/binding.py's insertion point);
its script writes the values there as a VALUES block of escaped literals, and shows every answer by
textContent. Opened from disk it cannot query anything and says how to start the server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cancu.graph import model as m
from cancu.queries.binding import insertion_point
from cancu.queries.catalogue import SavedQuery, catalogue
from cancu.viz.util import asset, environment, script_json
from markupsafe import Markup

ENDPOINT = "sparql"  # relative to the pages: the proxy path `cancu serve` answers on
FEW = 80  # parameters with at most this many values in the build get a select instead of a text box


def _choices(model: m.Model) -> dict[str, list[str]]:
    """Allowed values by parameter name, from what the build holds: the plans' provinces and years, the
    agencies that issued a document (what provinces-following-agency can find)."""
    plans = list(model.nodes_of(m.PLAN))
    provinces = sorted({str(p.props["province"]) for p in plans if p.props.get("province")})
    years = sorted({str(p.props["year"]) for p in plans if p.props.get("year")})
    issuers = sorted({str(model.nodes[e.target].props["agency_id"]) for e in model.edges_of(m.ISSUED_BY)
                      if e.target in model.nodes and model.nodes[e.target].props.get("agency_id")})
    return {"province": provinces, "year": years, "agency": issuers}


def _query(q: SavedQuery, choices: dict[str, list[str]]) -> dict[str, Any]:
    vi, _, en = q.title.partition(" | ")
    at = insertion_point(q.text)
    params = []
    for p in q.params:
        allowed = choices.get(p.name, [])
        params.append({"name": p.name, "type": p.type, "example": p.example or "",
                       "choices": allowed if 0 < len(allowed) <= FEW else []})
    return {"name": q.name, "title_vi": vi.strip(), "title_en": en.strip(), "params": params,
            "returns": list(q.returns), "head": q.text[:at], "tail": q.text[at:]}


def queries_context(model: m.Model) -> dict[str, Any]:
    choices = _choices(model)
    queries = [_query(q, choices) for q in catalogue()["sparql"].values()]
    return {"queries": queries, "data": script_json({"endpoint": ENDPOINT, "queries": queries})}


def render(model: m.Model, csp_hash: str) -> str:
    js = asset("queries.js")
    # the page's one script by hash; fetch only to its own origin (the endpoint `cancu serve` proxies)
    csp = (f"default-src 'none'; script-src {csp_hash}; connect-src 'self'; style-src 'unsafe-inline'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return environment().get_template("queries.html").render(
        root="", current="queries", title="Truy vấn (queries)", csp=csp, page_js=Markup(js),
        **queries_context(model))


def write_queries_page(model: m.Model, out: Path, sha256: Any) -> Path:
    path = Path(out) / "queries.html"
    path.write_text(render(model, sha256(str(asset("queries.js")))), encoding="utf-8", newline="\n")
    return path
