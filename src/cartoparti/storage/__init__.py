"""Storage: the only place where SQL is written.

:class:`Storage` gathers the query families (one module each) over one DuckDB
connection. A PostGIS backend would provide the same class interface.
"""

from __future__ import annotations

from cartoparti.storage.core import AddResult, CoreStore, connect, to_geodataframe
from cartoparti.storage.representation import RepresentationQueries
from cartoparti.storage.workflow import WorkflowQueries

__all__ = ["AddResult", "Storage", "connect", "open_storage", "to_geodataframe"]


class Storage(CoreStore, WorkflowQueries, RepresentationQueries):
    """The DuckDB store of cartoparti."""


def open_storage(path, *, read_only: bool = False) -> Storage:
    """Open (and create or upgrade) the database at ``path``."""
    url = str(path)
    if url.startswith(("postgresql:/", "postgres:/")):  # PostGIS: psycopg imported only here
        from cartoparti.storage.postgis import open_postgis

        if not url.startswith(("postgresql://", "postgres://")):
            url = url.replace(":/", "://", 1)  # went through Path (--db, CARTOPARTI_DB): one slash lost
        return open_postgis(url, read_only=read_only)  # type: ignore[return-value]
    store = Storage(path, read_only=read_only)
    if not read_only:
        store.migrate()
    return store
