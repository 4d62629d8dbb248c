"""The base of both backends: cursors, transactions, schema and metadata.

:class:`SqlSession` declares what a backend provides (cursors for reading and writing,
temporary tables, bulk loads from a frame: the abstract *hooks*) and writes, once,
everything that is the same SQL on both. The query classes of this package extend it;
a backend is one class that fills in the hooks and names its :class:`Dialect`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Generic, Protocol, Self, TypeVar

import pandas as pd

from cartoparti.storage.sql.dialect import Dialect

__all__ = ["Cursor", "SqlSession"]


class Cursor(Protocol):
    """What the shared queries use of a cursor (a DuckDB one, or psycopg's wrapped)."""

    def execute(self, query: str, parameters: Any = None) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def df(self) -> pd.DataFrame: ...


C = TypeVar("C", bound=Cursor)


class SqlSession(ABC, Generic[C]):
    """Plumbing and schema over the hooks of a backend."""

    dialect: Dialect
    migrations: Sequence[tuple[str, str]]

    # -- hooks ------------------------------------------------------------------------
    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _read(self) -> AbstractContextManager[C]:
        """A cursor; inside a transaction of this thread, the transaction's (it sees its writes)."""

    @abstractmethod
    def _write(self) -> AbstractContextManager[C]:
        """A cursor inside a transaction; nested in another ``_write`` (or
        :meth:`transaction`) of the same thread, it joins that transaction: a command
        made of several writes is all or nothing."""

    @abstractmethod
    def _scratch(self, *, write: bool = False) -> AbstractContextManager[C]:
        """A cursor for temporary tables that vanish with it (``write``: one that may
        also write, serialised with the other writes)."""

    @abstractmethod
    def _temp(self, cur: C, name: str, select: str, params: Sequence[object] = ()) -> None:
        """Create (or replace) temporary table ``name`` as the rows of ``select``."""

    @abstractmethod
    def _insert_frame(self, cur: C, table: str, frame: pd.DataFrame) -> None:
        """Insert the rows of ``frame`` in ``table`` (its columns by name; a ``geom``
        column holds shapely geometries, WGS84)."""

    @abstractmethod
    def _has_table(self, name: str) -> bool: ...

    # -- plumbing ---------------------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several storage commands in one transaction: all written, or none."""
        with self._write():
            yield

    def _df(self, sql: str, params: Sequence[object] | None = None) -> pd.DataFrame:
        with self._read() as cur:
            return cur.execute(sql, list(params or [])).df()

    def _scalar(self, sql: str, params: Sequence[object] | None = None) -> Any:
        with self._read() as cur:
            row = cur.execute(sql, list(params or [])).fetchone()
        return row[0] if row else None

    def explain(self, sql: str) -> str:
        """The plan of a query (used to check that spatial joins use an index: DuckDB's
        R-tree ``SPATIAL_JOIN``, PostGIS' GiST)."""
        with self._read() as cur:
            rows = cur.execute("EXPLAIN " + sql).fetchall()
        return "\n".join(str(r[self.dialect.explain_column]) for r in rows)

    # -- schema and metadata ----------------------------------------------------------
    def schema_version(self) -> int:
        if not self._has_table("meta"):
            return 0
        value = self.get_meta("schema_version")
        return int(value) if value is not None else 0

    def migrate(self) -> int:
        """Create or upgrade the schema; return the schema version."""
        version = self.schema_version()
        for number, (_name, sql) in enumerate(self.migrations, start=1):
            if number <= version:
                continue
            with self._write() as cur:
                cur.execute(sql)
                self._set_meta(cur, "schema_version", str(number))
        return len(self.migrations)

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        value = self._scalar("SELECT value FROM meta WHERE key = ?", [key])
        return default if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as cur:
            self._set_meta(cur, key, value)

    @staticmethod
    def _set_meta(cur: Cursor, key: str, value: str) -> None:
        cur.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    @staticmethod
    def _get_meta(cur: Cursor, key: str) -> str | None:
        row = cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None
