"""The backup file: every table of the database, whatever the backend, in one ZIP.

Layout: ``manifest.json`` (format, cartoparti's schema version, when, and each
table's columns, geometry columns and row count) and one Parquet file per table
(geometries as WKB). A backup taken from DuckDB restores into PostgreSQL/PostGIS and
the other way round: the file knows nothing of either.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from cartoparti import i18n
from cartoparti._errors import CartopartiError

__all__ = ["FORMAT", "BackupError", "Table", "read_backup", "write_backup"]

FORMAT = "cartoparti-backup/1"


class BackupError(CartopartiError):
    """A backup file that cannot be read or does not fit this version."""


@dataclass
class Table:
    name: str
    frame: pd.DataFrame
    geometry: list[str]
    """Columns holding WKB geometries."""


def write_backup(target: Path | io.BytesIO, tables: Iterable[Table], *, schema_version: int) -> dict[str, Any]:
    """Write the tables to ``target``; return the manifest."""
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": schema_version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": {},
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            buffer = io.BytesIO()
            table.frame.to_parquet(buffer, index=False)
            archive.writestr(f"{table.name}.parquet", buffer.getvalue())
            manifest["tables"][table.name] = {
                "columns": [str(c) for c in table.frame.columns],
                "geometry": table.geometry,
                "rows": len(table.frame),
            }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def read_backup(source: Path | io.BytesIO) -> tuple[dict[str, Any], Iterator[Table]]:
    """The manifest of a backup and its tables (read one by one)."""
    try:
        archive = zipfile.ZipFile(source)
        manifest = json.loads(archive.read("manifest.json"))
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise BackupError(i18n.message("backup.unreadable", error=exc)) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(i18n.message("backup.format", value=manifest.get("format")))

    def tables() -> Iterator[Table]:
        with archive:
            for name, info in manifest["tables"].items():
                frame = pd.read_parquet(io.BytesIO(archive.read(f"{name}.parquet")))
                if len(frame) != info["rows"]:
                    raise BackupError(i18n.message("backup.truncated", table=name))
                yield Table(name, frame, list(info["geometry"]))

    return manifest, tables()
