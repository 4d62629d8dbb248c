"""The embedded DuckDB backend (with its spatial extension, loaded offline): one file,
one process; the default (``CARTOPARTI_DB`` a file path)."""

from __future__ import annotations

from pathlib import Path

from cartoparti.storage.duckdb.core import CoreStore, compact_database, connect
from cartoparti.storage.duckdb.representation import RepresentationQueries
from cartoparti.storage.duckdb.workflow import WorkflowQueries

__all__ = ["DuckDBStorage", "compact_database", "connect", "open_duckdb"]


class DuckDBStorage(CoreStore, WorkflowQueries, RepresentationQueries):
    """The DuckDB store of cartoparti (implements :class:`cartoparti.storage.base.Store`)."""


def open_duckdb(path: Path | str, *, read_only: bool = False) -> DuckDBStorage:
    """Open (and create or upgrade) the DuckDB database file at ``path``."""
    store = DuckDBStorage(path, read_only=read_only)
    if not read_only:
        store.migrate()
    return store
