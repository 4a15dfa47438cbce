"""Check a build against the SHACL shapes of ontology/shapes.ttl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cancu.errors import CancuError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@dataclass
class Report:
    conforms: bool
    violations: list[str]


def validate_build(out: str | Path) -> Report:
    """Run pyshacl on OUT/graph.nt with the cancu ontology; each violation as one readable line."""
    import pyshacl
    from cancu.ontology import knowledge
    from rdflib import Graph
    from rdflib.namespace import SH

    nt = Path(out) / "graph.nt"
    if not nt.exists():
        raise CancuError(f"{out}: no graph.nt here; run `cancu build PLANS --out {out}` first")
    here = Path(knowledge.__file__).parent
    data = Graph().parse(nt, format="nt")
    shapes = Graph().parse(here / "shapes.ttl")
    ont = Graph().parse(here / "cancu.ttl")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none",
                                            advanced=True, allow_warnings=True)
    lines = []
    for r in results.subjects(SH.resultSeverity, None):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        msg = results.value(r, SH.resultMessage)
        value = results.value(r, SH.value)
        lines.append(f"{focus} {path or ''}: {msg}" + (f" (value: {value})" if value is not None else ""))
    return Report(bool(conforms), sorted(lines))
