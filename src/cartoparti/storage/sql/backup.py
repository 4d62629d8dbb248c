"""Every table, out and back in: the storage side of backups
(:mod:`cartoparti.commands.backup`). Tables and columns are read from the database's
own ``information_schema``, so a new table is in the backups without a word here;
geometries travel as WKB."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas as pd
import shapely

from cartoparti.storage.sql.core import CoreQueries
from cartoparti.storage.sql.session import C

__all__ = ["BackupQueries", "TableRows"]

TableRows = tuple[str, pd.DataFrame, list[str]]
"""A table's name, its rows, and which of its columns are geometries (as WKB)."""

SEQUENCES = {"audit_log": "audit_seq", "status_history": "status_seq"}
"""Tables whose ``id`` comes from a sequence, and the sequence's name in DuckDB."""
SKIPPED = frozenset({"spatial_ref_sys"})
"""Tables of extensions, not ours (PostGIS)."""


class BackupQueries(CoreQueries[C]):
    """Dump and restore of the whole database."""

    def _tables(self, cur: C) -> list[tuple[str, list[tuple[str, bool]]]]:
        rows = cur.execute(
            """SELECT c.table_name, c.column_name, c.data_type, c.udt_name
               FROM information_schema.columns c
               JOIN information_schema.tables t
                 ON t.table_name = c.table_name AND t.table_schema = c.table_schema
               WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE'
               ORDER BY c.table_name, c.ordinal_position""",
            [self.dialect.schema],
        ).fetchall()
        tables: dict[str, list[tuple[str, bool]]] = {}
        for table, column, data_type, udt in rows:
            if table in SKIPPED:
                continue
            geometry = str(data_type).upper() == "GEOMETRY" or str(udt).lower() == "geometry"
            tables.setdefault(str(table), []).append((str(column), geometry))
        return sorted(tables.items())

    @contextmanager
    def snapshot(self) -> Iterator[Iterator[TableRows]]:
        """Every table of the database (name, rows, geometry columns), read in one
        transaction: a consistent copy while the app keeps writing."""
        with self._write() as cur:
            if self.dialect.consistent_reads:
                cur.execute(self.dialect.consistent_reads)
            tables = self._tables(cur)

            def rows() -> Iterator[TableRows]:
                for table, columns in tables:
                    select = ", ".join(
                        f"{self.dialect.as_wkb}({name}) AS {name}" if geometry else name
                        for name, geometry in columns
                    )
                    frame = cur.execute(f"SELECT {select} FROM {table}").df()
                    geometries = [name for name, geometry in columns if geometry]
                    for name in geometries:
                        frame[name] = frame[name].map(lambda v: None if v is None else bytes(v))
                    yield table, frame, geometries

            yield rows()

    def restore_tables(self, tables: Iterable[TableRows]) -> None:
        """Replace the rows of each table by the given ones, in one transaction (all or
        nothing); this database's own schema version is kept."""
        with self._write() as cur:
            known = dict(self._tables(cur))
            for table, frame, geometries in tables:
                if table not in known:
                    continue  # a table this version no longer has
                ours = {name for name, _ in known[table]}
                frame = frame[[c for c in frame.columns if c in ours]]
                if table == "meta":
                    frame = frame[frame["key"] != "schema_version"]
                    cur.execute("DELETE FROM meta WHERE key <> 'schema_version'")
                else:
                    cur.execute(f"DELETE FROM {table}")
                for name in geometries:
                    if name in frame.columns:
                        frame = frame.assign(**{name: shapely.from_wkb(frame[name].values)})
                self._insert_frame(cur, table, frame)
                if table in SEQUENCES and len(frame):
                    cur.execute(
                        self.dialect.advance_id.format(table=table, sequence=SEQUENCES[table]),
                        [int(frame["id"].max())],
                    )
            # a backup made before public positions existed: computed now, with this grid
            self._fill_public_positions(cur, only_missing=True)
