"""Storage: the only place where SQL is written.

One contract (:mod:`cartoparti.storage.base`: typed Protocols by concept, gathered in
:class:`Store`), two backends: :mod:`cartoparti.storage.duckdb` (embedded, the default)
and :mod:`cartoparti.storage.postgis` (PostgreSQL + PostGIS, several app servers and the
command line at once). :func:`open_storage` picks one from the location: a file path,
or a ``postgresql://`` URL. The rest of cartoparti sees only the contract.
"""

from __future__ import annotations

from pathlib import Path

from cartoparti.storage.base import Store
from cartoparti.storage.common import AddResult, content_key, to_geodataframe, utc_naive

__all__ = ["AddResult", "Storage", "Store", "content_key", "is_postgres", "open_storage", "to_geodataframe",
           "utc_naive"]

Storage = Store
"""The storage contract, as the rest of the library names it in signatures."""

_POSTGRES = ("postgresql:/", "postgres:/")


def is_postgres(location: Path | str) -> bool:
    """Whether ``location`` names a PostgreSQL database (else a DuckDB file)."""
    return str(location).startswith(_POSTGRES)


def open_storage(location: Path | str, *, read_only: bool = False) -> Store:
    """Open (and create or upgrade) the database at ``location``: a DuckDB file path, or a
    ``postgresql://user@host/db`` URL (psycopg is imported only then)."""
    url = str(location)
    if is_postgres(url):
        from cartoparti.storage.postgis import open_postgis

        if not url.startswith(("postgresql://", "postgres://")):
            url = url.replace(":/", "://", 1)  # went through Path: one slash lost
        return open_postgis(url, read_only=read_only)
    from cartoparti.storage.duckdb import open_duckdb

    return open_duckdb(location, read_only=read_only)
