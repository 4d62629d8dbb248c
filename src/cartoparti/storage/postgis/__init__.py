"""PostgreSQL + PostGIS backend: the interface of :class:`cartoparti.storage.Storage`
over psycopg 3, for several app servers and the command line writing at once.

``open_storage("postgresql://…")`` returns one (see :func:`open_postgis`).
"""

from __future__ import annotations

from cartoparti.storage.postgis.core import PostgisStorage

__all__ = ["PostgisStorage", "compact_postgis", "open_postgis"]


def open_postgis(url: str, *, read_only: bool = False) -> PostgisStorage:
    """Connect to ``url`` (``postgresql://…``), create or upgrade the schema (unless
    ``read_only``) and return the store."""
    store = PostgisStorage(url, read_only=read_only)
    if not read_only:
        store.migrate()
    return store


def compact_postgis(url: str) -> tuple[int, int]:
    """Rewrite every table (``VACUUM FULL``) so that nothing deleted survives in them,
    the PostgreSQL counterpart of :func:`cartoparti.storage.duckdb.core.compact_database`
    (after an erasure, RGPD). Deleted rows otherwise stay in the table files until
    their space is reused. Takes exclusive locks: run it when the app is quiet.
    The write-ahead log and backups keep older pages until they are recycled.
    Returns the database size in bytes before and after."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as con:
        before = con.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        tables = [r[0] for r in con.execute(
            """SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
               AND tablename <> 'spatial_ref_sys'"""
        ).fetchall()]
        for table in tables:
            con.execute(sql.SQL("VACUUM (FULL, ANALYZE) {}").format(sql.Identifier(table)))
        if _is_superuser(con):  # flush the rewritten files now
            con.execute("CHECKPOINT")
        after = con.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return int(before), int(after)


def _is_superuser(con) -> bool:
    return bool(con.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0])
