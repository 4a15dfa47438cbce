"""The build's triples split into named graphs: one per plan, one for the shared reference data.

A plan's graph holds what the plan says: the plan node, its activities and the qualified nodes
(citations, associations) hanging off either, every triple whose subject is one of them. Everything
else (provinces, agencies, documents, document types, successions) is the shared graph. Each triple
lands in exactly one graph, so the union of the graphs is the build's graph, neither more nor less,
and replacing one plan's graph replaces exactly that plan's facts.

Read from OUT/graph.nt line by line: the writer puts one triple a line with IRI subjects and
predicates (no blank nodes), so the lines are split without parsing the literals.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cancu.ontology.namespace import ID

from cancu.errors import StoreError

GRAPHS = "https://w3id.org/cancu/graph/"
SHARED = GRAPHS + "shared"

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CANCU = "https://w3id.org/cancu/ontology#"
_PLAN = _CANCU + "Plan"
# predicates whose object belongs to the subject's plan: its activities and qualified nodes
_OWNS = {_CANCU + "hasActivity", _CANCU + "citation", "http://www.w3.org/ns/prov#qualifiedAssociation"}


@dataclass(frozen=True)
class NamedGraph:
    iri: str
    lines: list[str]  # N-Triples, newline-terminated


def plan_graph(plan_iri: str) -> str:
    """The named graph of a plan: https://w3id.org/cancu/graph/<the plan's key>."""
    return GRAPHS + plan_iri.removeprefix(str(ID))


def _split(line: str) -> tuple[str, str, str]:
    s_end = line.index("> <")
    p_end = line.index("> ", s_end + 3)
    return line[1:s_end], line[s_end + 3:p_end], line[p_end + 2:].rstrip().removesuffix(".").rstrip()


def _lines(nt: Path) -> Iterator[str]:
    if not nt.exists():
        raise StoreError(f"{nt.parent}: no graph.nt here; run `cancu build PLANS --out {nt.parent}` first")
    with nt.open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line if line.endswith("\n") else line + "\n"


def split(out: Path) -> list[NamedGraph]:
    """OUT/graph.nt as named graphs: the shared one first, then the plans' in the order they appear."""
    nt = Path(out) / "graph.nt"
    owner: dict[str, str] = {}  # node IRI → its plan's IRI
    owned: list[tuple[str, str]] = []
    for line in _lines(nt):
        s, p, o = _split(line)
        if p == _RDF_TYPE and o == f"<{_PLAN}>":
            owner[s] = s
        elif p in _OWNS:
            owned.append((s, o[1:-1]))
    # a plan owns its activities and citations; an activity its associations: two rounds settle it
    for _ in range(2):
        for s, o in owned:
            if s in owner:
                owner.setdefault(o, owner[s])
    graphs: dict[str, list[str]] = {SHARED: []}
    for line in _lines(nt):
        plan = owner.get(line[1:line.index("> <")])
        graphs.setdefault(plan_graph(plan) if plan else SHARED, []).append(line)
    return [NamedGraph(iri, lines) for iri, lines in graphs.items()]
