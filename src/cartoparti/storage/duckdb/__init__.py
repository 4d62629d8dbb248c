"""The embedded DuckDB backend (with its spatial extension, loaded offline): one file,
one process; the default (``CARTOPARTI_DB`` a file path)."""

from __future__ import annotations

from pathlib import Path

from cartoparti.storage.duckdb.core import DuckDBStorage, compact_database, connect

__all__ = ["DuckDBStorage", "compact_database", "connect", "open_duckdb"]


def open_duckdb(path: Path | str, *, read_only: bool = False) -> DuckDBStorage:
    """Open (and create or upgrade) the DuckDB database file at ``path``."""
    store = DuckDBStorage(path, read_only=read_only)
    if not read_only:
        store.migrate()
    return store
