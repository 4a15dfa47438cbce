"""The stores a build goes into and is queried in, behind one small interface and chosen by name, as
rdflib chooses its plugins (rdflib/plugin.py: `register(name, kind, module, class)`, loaded on first use).

    with get_store("bolt", uri="bolt://localhost:7687") as store:
        pushed = store.push("out")
    with get_store("oxigraph", out="out") as store:
        frame = store.query(find("plans-standing-on"), {"number": "76/NQ-CP"})

A new store is one module with a Store subclass and one `register(...)` line below; its module is
imported only when the store is asked for, so naming a store costs nothing until it is used.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from cancu.errors import StoreError

if TYPE_CHECKING:
    import pandas as pd
    from cancu.queries.catalogue import SavedQuery


@dataclass
class Pushed:
    """What a push did, in the words the command line prints."""

    summary: str  # one line: what was sent where
    # things that went wrong after the push was done (it stands; only the next one pays): one line each
    warnings: list[str] = field(default_factory=list)
    detail: Any = None  # the store's own result (bolt.PushResult, gsp.PushResult, …), for programs


class Store(ABC):
    """A place a build (OUT from `cancu build`) is pushed to and saved queries run in."""

    @abstractmethod
    def push(self, out: str | Path) -> Pushed:
        """Load the build in OUT into the store; pushing again gives the same store."""

    @abstractmethod
    def query(self, query: SavedQuery, params: Mapping[str, str] | None = None) -> pd.DataFrame:
        """Run a saved query with its parameters bound (never pasted into its text); one column a variable."""

    def close(self) -> None:  # noqa: B027  # most stores hold nothing to release
        """Release connections and servers the store opened."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


_PLUGINS: dict[str, tuple[str, str]] = {}


def register(name: str, module: str, class_name: str) -> None:
    """Make a store available as `get_store(name, …)`: the class `class_name` of `module`."""
    _PLUGINS[name] = (module, class_name)


def store_names() -> list[str]:
    return list(_PLUGINS)


def get_store(name: str, **options: Any) -> Store:
    """The store registered as `name`, made with `options` (each store's own: uri=, out=, url=, …)."""
    if name not in _PLUGINS:
        raise StoreError(f"unknown store '{name}' (choose from {', '.join(_PLUGINS)})")
    module, class_name = _PLUGINS[name]
    cls = getattr(importlib.import_module(module), class_name)
    if not (isinstance(cls, type) and issubclass(cls, Store)):
        raise StoreError(f"store '{name}': {module}.{class_name} is not a Store")
    return cls(**options)


register("bolt", "cancu.graph.stores.bolt_store", "BoltStore")
register("oxigraph", "cancu.graph.stores.local_sparql", "OxigraphStore")
register("rdflib", "cancu.graph.stores.local_sparql", "RdflibStore")
register("gsp", "cancu.graph.stores.gsp_store", "GraphStoreProtocol")
