"""DuckDB storage: the connection and the hooks of :class:`cartoparti.storage.sql.SqlStore`.

One connection per process; every call takes its own cursor; writes are serialised
by a lock (DuckDB allows one writer process, many threads through cursors). Frames
are loaded by registering them (no copy); temporary tables belong to a cursor.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import shapely

from cartoparti import i18n
from cartoparti._errors import DatabaseBusyError
from cartoparti.storage.common import is_geometry_column
from cartoparti.storage.duckdb.schema import MIGRATIONS
from cartoparti.storage.sql import DUCKDB, SqlStore

__all__ = ["DuckDBStorage", "compact_database", "connect", "quote_identifier", "quote_literal"]


def _spatial_extension_path() -> Path:
    import duckdb_extension_spatial

    base = Path(duckdb_extension_spatial.__file__).parent / "extensions"
    return base / f"v{duckdb.__version__}" / "spatial.duckdb_extension"


def quote_literal(text: object) -> str:
    """``text`` as a SQL string literal (DuckDB takes no parameter in ``ATTACH`` or
    ``INSTALL``): quotes doubled, so a path such as ``Communauté d'agglo/`` is one
    string and never SQL."""
    return "'" + str(text).replace("'", "''") + "'"


def quote_identifier(name: object) -> str:
    """``name`` as a quoted SQL identifier (double quotes doubled)."""
    return '"' + str(name).replace('"', '""') + '"'


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB database with the spatial extension, with no network access."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusyError(i18n.message("storage.busy", path=path)) from exc
        raise
    try:
        con.execute("LOAD spatial")
    except duckdb.Error:
        con.execute(f"INSTALL {quote_literal(_spatial_extension_path())}")
        con.execute("LOAD spatial")
    return con


def compact_database(path: Path | str) -> tuple[int, int]:
    """Rewrite a database file so that nothing deleted survives in it.

    DuckDB marks deleted rows and reuses their blocks but never zeroes them: after an
    erasure (RGPD), the bytes of a deleted text can remain in the file. This copies
    every table into a fresh file, then swaps it in. The file must not be open
    elsewhere (stop the app). Returns the sizes in bytes before and after.
    """
    path = Path(path)
    fresh = path.with_name(path.name + ".compact")
    for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
        leftover.unlink(missing_ok=True)
    before = path.stat().st_size
    con = connect(path)
    try:
        con.execute("CHECKPOINT")
        con.execute(f"ATTACH {quote_literal(fresh)} AS fresh")
        source = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"COPY FROM DATABASE {quote_identifier(source)} TO fresh")
        con.execute("DETACH fresh")
    finally:
        con.close()
    fresh.replace(path)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    return before, path.stat().st_size



COMPACT_WAIT_S = 30.0
"""How long :meth:`DuckDBStorage.compact` waits for the reads in flight to end."""


def _sql_string(text: str) -> str:
    """A SQL string literal (for the statements that take no parameter, as ``ATTACH``)."""
    return "'" + text.replace("'", "''") + "'"


def _released(path: Path) -> bool:
    """Whether no connection of this process holds ``path`` open any more: a read-only
    connection opens only when no read-write one shares the database instance."""
    try:
        probe = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    probe.close()
    return True


def _sql_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DuckDBStorage(SqlStore[duckdb.DuckDBPyConnection]):
    """The DuckDB store of cartoparti (implements :class:`cartoparti.storage.base.Store`)."""

    dialect = DUCKDB
    migrations = MIGRATIONS

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._con = connect(self.path, read_only=read_only)
        self._lock = threading.RLock()
        self._local = threading.local()  # .tx: the cursor of this thread's open transaction
        # readers in flight, so that compact() swaps the file only when none is
        self._gate = threading.Condition()
        self._readers = 0
        self._compacting = False

    def close(self) -> None:
        self._con.close()

    @contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            yield tx
            return
        with self._gate:
            while self._compacting:
                self._gate.wait()
            self._readers += 1
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()
            with self._gate:
                self._readers -= 1
                self._gate.notify_all()

    def compact(self) -> tuple[int, int]:
        """Rewrite the database file while the app runs, so that nothing deleted
        survives in it (after an erasure, RGPD): under the write lock, with no read in
        flight (new ones wait a moment), every table is copied into a fresh file that
        replaces this one, and the store reopens it. Return the file's sizes in bytes
        before and after. Raise :class:`DatabaseBusyError` if reads did not end within
        :data:`COMPACT_WAIT_S` seconds (nothing changed), ``RuntimeError`` inside a
        transaction."""
        if getattr(self._local, "tx", None) is not None:
            raise RuntimeError("compact() inside a transaction")
        with self._lock, self._gate:
            self._compacting = True
            try:
                if not self._gate.wait_for(lambda: self._readers == 0, timeout=COMPACT_WAIT_S):
                    raise DatabaseBusyError(i18n.message("storage.busy", path=self.path))
                return self._swap_compacted()
            finally:
                self._compacting = False
                self._gate.notify_all()

    def _swap_compacted(self) -> tuple[int, int]:
        path = self.path
        fresh = path.with_name(path.name + ".compact")
        for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
            leftover.unlink(missing_ok=True)
        self._con.execute("CHECKPOINT")
        before = path.stat().st_size
        source = self._con.execute("SELECT current_database()").fetchone()[0]
        try:
            self._con.execute(f"ATTACH {_sql_string(str(fresh))} AS cartoparti_compact")
            try:
                self._con.execute(f"COPY FROM DATABASE {_sql_identifier(source)} TO cartoparti_compact")
            finally:
                self._con.execute("DETACH cartoparti_compact")
        except BaseException:
            fresh.unlink(missing_ok=True)
            raise
        self._con.close()  # no cursor is open: the database is closed, its file free
        if not _released(path):  # another connection of this process still holds it
            fresh.unlink(missing_ok=True)
            self._con = connect(path)
            raise DatabaseBusyError(i18n.message("storage.busy", path=path))
        try:
            fresh.replace(path)
            path.with_name(path.name + ".wal").unlink(missing_ok=True)
        finally:
            self._con = connect(path)
        return before, path.stat().st_size

    @contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            tx = getattr(self._local, "tx", None)
            if tx is not None:
                yield tx
                return
            cur = self._con.cursor()
            cur.execute("BEGIN TRANSACTION")
            self._local.tx = cur
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            finally:
                self._local.tx = None
                cur.close()

    @contextmanager
    def _scratch(self, *, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if write:
            with self._write() as cur:
                yield cur
            return
        with self._read() as cur:
            cur.execute("SET enable_progress_bar = false")
            yield cur

    def _temp(
        self, cur: duckdb.DuckDBPyConnection, name: str, select: str, params: Sequence[object] = ()
    ) -> None:
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {select}", list(params))

    def _insert_frame(self, cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        columns = list(frame.columns)
        shapes = [c for c in columns if is_geometry_column(c)]
        frame = frame.assign(**{c: shapely.to_wkb(frame[c].values) for c in shapes})
        values = ", ".join(f"ST_GeomFromWKB({c})" if c in shapes else c for c in columns)
        cur.register("_frame", frame)
        try:
            cur.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM _frame")
        finally:
            cur.unregister("_frame")

    def _stage_incoming(self, cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
        shapes = [c for c in frame.columns if is_geometry_column(c)]
        cur.register("incoming", frame.assign(**{c: shapely.to_wkb(frame[c].values) for c in shapes}))
        try:
            self._temp(cur, "_in", f"""SELECT * EXCLUDE ({", ".join(shapes)}),
                                      {", ".join(f"ST_GeomFromWKB({c}) AS {c}" for c in shapes)}
                                      FROM incoming""")
        finally:
            cur.unregister("incoming")

    def _has_table(self, name: str) -> bool:
        return bool(
            self._scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name])
        )
