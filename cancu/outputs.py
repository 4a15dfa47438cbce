"""The one registry of what a build writes: each output's name, whether `cancu build --skip` may leave it
out, the files it writes and its writer. The build, `--skip` and its help, and the manifest all read it.

A new output format is one module with a `write(model, out) -> [files written]` and one
`register_output(...)` line below. Writers are named "module:function" and imported only when a build
writes them, so the command line's help does not pay for their heavy imports (rdflib, networkx, jinja).
graph.nt, nodes/edges.jsonl and manifest.json are always written: the queries, `cancu push` and
`cancu validate` read them; the manifest is the build's own (cancu/api.py), listing every file the
writers return.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cancu.errors import CancuError

if TYPE_CHECKING:
    from cancu.graph.model import Model

Writer = Callable[["Model", Path], list[Path]]


@dataclass(frozen=True)
class Output:
    name: str
    files: str  # what it writes, for people: "graph.ttl", "the HTML pages"
    # "module:function" (imported when used) or the function; None when `part_of` another output's writer
    writer: str | Writer | None
    optional: bool = False  # may be left out with `cancu build --skip NAME`
    # written by that output's writer from its own files (graph.ttl from graph.nt): the writer is told
    # which of its parts to write with `derived=(names…)`
    part_of: str | None = None
    # the writer takes `kept=`: the folder of each plan's source lines the build kept (the review pages)
    source_lines: bool = False
    slow: bool = False  # started first when writers run side by side, so the others fill in beside it

    def load(self) -> Writer:
        """The writer itself, imported on first use."""
        if self.writer is None:
            raise CancuError(f"output {self.name} has no writer of its own (it is part of {self.part_of})")
        if not isinstance(self.writer, str):
            return self.writer
        module, _, attr = self.writer.partition(":")
        writer: Writer = getattr(importlib.import_module(module), attr)
        return writer


OUTPUTS: dict[str, Output] = {}
"""Every output by name, in registration order: the order the build starts their writers in."""


def register_output(name: str, files: str, writer: str | Writer | None, *, optional: bool = False,
                    part_of: str | None = None, source_lines: bool = False, slow: bool = False) -> Output:
    """Add (or replace) an output of the build. A writer returns the paths it wrote under OUT."""
    if (writer is None) == (part_of is None):
        raise CancuError(f"output {name}: give either a writer or the output it is part_of")
    if part_of is not None and part_of not in OUTPUTS:
        raise CancuError(f"output {name}: part of unknown output {part_of}")
    output = Output(name, files, writer, optional, part_of, source_lines, slow)
    OUTPUTS[name] = output
    return output


def optional_outputs() -> dict[str, str]:
    """What `--skip` may name, with the files each leaves out."""
    return {o.name: o.files for o in OUTPUTS.values() if o.optional}


def check_skip(skip: set[str]) -> None:
    unknown = skip - optional_outputs().keys()
    if unknown:
        raise CancuError(f"cannot skip {', '.join(sorted(unknown))} (optional: {', '.join(optional_outputs())})")


def writers(skip: set[str], kept: Path | None) -> dict[str, Writer]:
    """The writers a build runs with `skip` left out, by output name, each bound to its options."""
    from functools import partial

    chosen: dict[str, Writer] = {}
    for o in OUTPUTS.values():
        if o.name in skip or o.writer is None:
            continue
        options: dict[str, Any] = {}
        parts = [p.name for p in OUTPUTS.values() if p.part_of == o.name]
        if parts:
            options["derived"] = tuple(p for p in parts if p not in skip)
        if o.source_lines:
            options["kept"] = kept
        chosen[o.name] = partial(o.load(), **options) if options else o.load()
    return chosen


def slow_first(names: list[str]) -> list[str]:
    """The writers in the order to start them side by side: the slow ones first."""
    return sorted(names, key=lambda n: not (n in OUTPUTS and OUTPUTS[n].slow))


def wants_source_lines(skip: set[str]) -> bool:
    """Whether a writer the build runs needs each plan's source lines kept while it is read."""
    return any(o.source_lines and o.name not in skip for o in OUTPUTS.values())


# The built-in outputs. The order of the optional ones is the order `--skip`'s error lists them in.
register_output("rdf", "graph.nt", "cancu.graph.stores.rdf:write")
register_output("ttl", "graph.ttl", None, optional=True, part_of="rdf")
register_output("jsonld", "graph.jsonld", None, optional=True, part_of="rdf")
register_output("exchange", "graph.graphml and graph.gexf", "cancu.graph.stores.exchange:write", optional=True)
register_output("property_graph", "nodes.jsonl and edges.jsonl", "cancu.graph.stores.property_graph:write")
register_output("pages", "the HTML pages", "cancu.viz.pages:write_pages", optional=True, source_lines=True,
                slow=True)

# Kept for callers of the old name (benchmarks): the optional outputs as the registry has them now.
OPTIONAL_OUTPUTS = optional_outputs()
