"""Writers of the model, one function each: `write(model, out_dir) -> [files written]`.

Registered by name so `cancu build` and its help take the list from here; the Bolt loader
(graph.stores.bolt) is not a file writer and is called by `cancu push`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cancu.graph.model import Model
from cancu.graph.stores import exchange, property_graph, rdf

Writer = Callable[[Model, Path], list[Path]]

WRITERS: dict[str, Writer] = {
    "rdf": rdf.write,
    "exchange": exchange.write,
    "property_graph": property_graph.write,
}
