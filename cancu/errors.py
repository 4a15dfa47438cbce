"""One exception tree for the whole tool: the CLI prints these as one line, never a traceback."""

from __future__ import annotations


class CancuError(Exception):
    """Anything cancu reports to the user as a one-line error."""


class InputError(CancuError):
    """A file that cannot be read as a plan (missing, empty, binary, undecodable, not a plan)."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path, self.reason, self.line = path, reason, line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class DataError(CancuError):
    """A domain data file (ontology/data/*.yaml) that breaks its schema."""


class StoreError(CancuError):
    """A store (RDF files, Bolt server) that could not be written or reached."""


class QueryError(CancuError):
    """A saved query that does not exist, lacks a parameter or fails to run."""
