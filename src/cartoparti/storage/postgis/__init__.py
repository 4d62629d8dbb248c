"""PostgreSQL + PostGIS backend: the interface of :class:`cartoparti.storage.Storage`
over psycopg 3, for several app servers and the command line writing at once.

``open_storage("postgresql://…")`` returns one (see :func:`open_postgis`).
"""

from __future__ import annotations

from cartoparti.storage.postgis.core import PostgisCore
from cartoparti.storage.postgis.representation import PostgisRepresentation
from cartoparti.storage.postgis.workflow import PostgisWorkflow

__all__ = ["PostgisStorage", "open_postgis"]


class PostgisStorage(PostgisCore, PostgisWorkflow, PostgisRepresentation):
    """The PostGIS store of cartoparti (same public methods as the DuckDB ``Storage``)."""


def open_postgis(url: str, *, read_only: bool = False) -> PostgisStorage:
    """Connect to ``url`` (``postgresql://…``), create or upgrade the schema (unless
    ``read_only``) and return the store."""
    store = PostgisStorage(url, read_only=read_only)
    if not read_only:
        store.migrate()
    return store
