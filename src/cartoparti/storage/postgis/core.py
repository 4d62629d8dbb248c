"""PostGIS storage: the connections and the hooks of :class:`cartoparti.storage.sql.SqlStore`.

Over psycopg 3. Several threads share one store (a small pool of connections, one per
call); several processes (app servers, the command line) may write at once:
inserts are idempotent by ``source_key`` (unique constraint, ``ON CONFLICT DO
NOTHING``), migrations are serialised by an advisory lock. Frames come back with the
columns and dtypes of the DuckDB side; timestamps are naive UTC. Frames are loaded
with ``COPY``; temporary tables are dropped at commit (or rolled back with the
scratch transaction that made them).
"""

from __future__ import annotations

import functools
import math
import queue
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
import psycopg
import psycopg.sql
import shapely

from cartoparti.storage.common import is_geometry_column
from cartoparti.storage.postgis.schema import MIGRATIONS
from cartoparti.storage.sql import POSTGIS, SqlStore

__all__ = ["PostgisStorage", "frame_of"]

_POOL_SIZE = 8
# postgres type oids
_BOOL, _INT8, _INT2, _INT4, _FLOAT4, _FLOAT8, _NUMERIC = 16, 20, 21, 23, 700, 701, 1700
_DATE, _TIMESTAMP, _TIMESTAMPTZ = 1082, 1114, 1184


def frame_of(cur: psycopg.Cursor) -> pd.DataFrame:
    """The result of ``cur`` as a frame with the dtypes DuckDB's ``.df()`` gives."""
    if cur.description is None:
        return pd.DataFrame()
    names = [d.name for d in cur.description]
    rows = cur.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
    data = {}
    for desc, name, values in zip(cur.description, names, columns, strict=True):
        values = list(values)
        oid = desc.type_code
        has_null = any(v is None for v in values)
        if oid == _BOOL:
            series = pd.Series(values, dtype="boolean" if has_null else bool)
        elif oid in (_INT2, _INT4):
            series = pd.Series(values, dtype="Int32" if has_null else "int32")
        elif oid == _INT8:
            series = pd.Series(values, dtype="Int64" if has_null else "int64")
        elif oid in (_FLOAT4, _FLOAT8, _NUMERIC):
            series = pd.Series([math.nan if v is None else float(v) for v in values], dtype="float64")
        elif oid in (_TIMESTAMP, _DATE, _TIMESTAMPTZ):
            series = pd.Series(pd.to_datetime(values), dtype="datetime64[us]") if values else pd.Series(
                [], dtype="datetime64[us]")
        elif oid == 17:  # bytea
            series = pd.Series(values, dtype=object)
        else:
            series = pd.Series(values, dtype=object if not values else None)  # as DuckDB: str, or object when empty / all null
        data[name] = series
    return pd.DataFrame(data, columns=names)


class _Pool:
    """A few connections (autocommit), lent one per call; thread safe."""

    def __init__(self, url: str, size: int = _POOL_SIZE) -> None:
        self.url = url
        self.size = size
        self._idle: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        try:
            con = self._idle.get_nowait()
        except queue.Empty:
            con = psycopg.connect(self.url, autocommit=True)
            con.execute("SET TimeZone TO 'UTC'")  # timestamps are UTC without zone, whatever the server's
        try:
            yield con
        finally:
            if con.closed or con.broken or self._closed or self._idle.qsize() >= self.size:
                con.close()
            else:
                self._idle.put(con)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def _hexewkb(geom: shapely.Geometry) -> str:
    return shapely.to_wkb(shapely.set_srid(geom, 4326), hex=True, include_srid=True)


def _none_if_nan(value: object) -> object:
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


class PgCursor:
    """A psycopg cursor as the shared queries see it: ``?`` placeholders,
    ``execute(...)`` chained with ``fetchone``, ``fetchall`` or ``df`` (DuckDB's dtypes)."""

    def __init__(self, raw: psycopg.Cursor) -> None:
        self.raw = raw

    def execute(self, query: str, parameters: Sequence[object] | None = None) -> PgCursor:
        if parameters:
            self.raw.execute(_pyformat(query), list(parameters))
        else:
            self.raw.execute(query)
        return self

    def fetchone(self) -> Any:
        return self.raw.fetchone()

    def fetchall(self) -> list[Any]:
        return self.raw.fetchall()

    def df(self) -> pd.DataFrame:
        return frame_of(self.raw)


@functools.lru_cache(maxsize=512)
def _pyformat(query: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (and a literal ``%`` doubled)."""
    return query.replace("%", "%%").replace("?", "%s")


def _copy_column(series: pd.Series, geometry: bool) -> list[object]:
    if geometry:
        return [None if g is None else _hexewkb(g) for g in series.values]
    return [_none_if_nan(v) for v in series.astype(object).tolist()]


class PostgisStorage(SqlStore[PgCursor]):
    """The PostGIS store of cartoparti (implements :class:`cartoparti.storage.base.Store`)."""

    dialect = POSTGIS
    migrations = MIGRATIONS

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.path = url  # what the DuckDB store calls its location
        self.read_only = read_only
        self._pool = _Pool(url)
        self._local = threading.local()  # .tx: this thread's connection inside a transaction
        with self._pool.connection():  # fail early on a wrong url
            pass

    def close(self) -> None:
        self._pool.close()

    @contextmanager
    def _read(self) -> Iterator[PgCursor]:
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            with tx.cursor() as cur:
                yield PgCursor(cur)
            return
        with self._pool.connection() as con, con.cursor() as cur:
            yield PgCursor(cur)

    @contextmanager
    def _write(self) -> Iterator[PgCursor]:
        if self.read_only:
            raise PermissionError("store opened read-only")
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            with tx.cursor() as cur:
                yield PgCursor(cur)
            return
        with self._pool.connection() as con:
            try:
                with con.transaction():
                    self._local.tx = con
                    with con.cursor() as cur:
                        yield PgCursor(cur)
            finally:
                self._local.tx = None

    @contextmanager
    def _scratch(self, *, write: bool = False) -> Iterator[PgCursor]:
        with self._read() as cur, cur.raw.connection.transaction(force_rollback=True):
            yield cur

    def _temp(self, cur: PgCursor, name: str, select: str, params: Sequence[object] = ()) -> None:
        cur.execute(f"DROP TABLE IF EXISTS pg_temp.{name}")
        cur.execute(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS {select}", list(params))

    def _insert_frame(self, cur: PgCursor, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        columns = [_copy_column(frame[c], is_geometry_column(c)) for c in frame.columns]
        with cur.raw.copy(f"COPY {table} ({', '.join(frame.columns)}) FROM STDIN") as copy:
            for row in zip(*columns, strict=True):
                copy.write_row(row)

    def _stage_incoming(self, cur: PgCursor, frame: pd.DataFrame) -> None:
        cur.execute("DROP TABLE IF EXISTS pg_temp._in")
        cur.execute(
            """CREATE TEMP TABLE _in (
                   pos integer, id text COLLATE "C", source_key text COLLATE "C",
                   kind text COLLATE "C", title text COLLATE "C", text text COLLATE "C",
                   theme text COLLATE "C", channel text COLLATE "C", created_at timestamp,
                   published boolean, personal_data text COLLATE "C", geom geometry(Geometry, 4326),
                   lon double precision, lat double precision,
                   public_geom geometry(Geometry, 4326), public_lon double precision,
                   public_lat double precision,
                   contributor_id text COLLATE "C", age_band text COLLATE "C", csp text COLLATE "C",
                   home_commune text COLLATE "C", first_time boolean, has_profile boolean
               ) ON COMMIT DROP"""
        )
        self._insert_frame(cur, "_in", frame)

    def _has_table(self, name: str) -> bool:
        return bool(self._scalar("SELECT to_regclass(?) IS NOT NULL", [name]))

    def _lock_territory(self, cur: PgCursor) -> None:
        cur.execute("LOCK TABLE zones, zone_layers, zone_population, landmarks IN EXCLUSIVE MODE")

    def _analyze(self, cur: PgCursor, table: str) -> None:
        cur.execute(f"ANALYZE {table}")

    def _index_points(self, cur: PgCursor) -> None:
        cur.execute("CREATE INDEX ON _pts USING gist (pt)")
        cur.execute("ANALYZE _pts")

    def compact(self) -> tuple[int, int]:
        """Rewrite every table (``VACUUM FULL``, one table at a time, while the app
        runs: each is locked only while it is rewritten) so that nothing deleted
        survives in the table files (after an erasure, RGPD). Return the database size
        in bytes before and after. Raise ``RuntimeError`` inside a transaction."""
        if getattr(self._local, "tx", None) is not None:
            raise RuntimeError("compact() inside a transaction")
        with self._pool.connection() as con:  # autocommit: VACUUM runs outside a transaction
            size = "SELECT pg_database_size(current_database())"
            before = con.execute(size).fetchone()[0]
            tables = [r[0] for r in con.execute(
                """SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
                   AND tablename <> 'spatial_ref_sys'"""
            ).fetchall()]
            for table in tables:
                con.execute(
                    psycopg.sql.SQL("VACUUM (FULL, ANALYZE) {}").format(psycopg.sql.Identifier(table))
                )
            after = con.execute(size).fetchone()[0]
        return int(before), int(after)

    def migrate(self) -> int:
        """Create or upgrade the schema; return the schema version. Several processes
        may call it at once (an advisory lock serialises them, in one transaction)."""
        with self._write() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('cartoparti.migrate'))")
            return super().migrate()
