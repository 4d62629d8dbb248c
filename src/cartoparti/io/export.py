"""Public exports of published contributions: GeoJSON, CSV and GeoPackage.

Exports carry each contribution's stable ``id``, public fields, geometry (WGS84) and
the code of its zone in the primary layer; never a profile field.
"""

from __future__ import annotations

import io
from pathlib import Path

import geopandas as gpd

from cartoparti import i18n
from cartoparti.io.csvsafe import safe_frame
from cartoparti.storage import Storage

__all__ = ["FORMATS", "export_bytes", "export_contributions"]

FORMATS = ("geojson", "csv", "gpkg")
PUBLIC_COLUMNS = [
    "id",
    "kind",
    "title",
    "text",
    "theme",
    "channel",
    "created_at",
    "status",
    "answer",
    "zone_code",
    "zone_name",
]


def _frame(store: Storage) -> gpd.GeoDataFrame:
    frame = store.export_frame()
    if "answer" not in frame.columns:
        frame["answer"] = None
    return frame


def _csv(frame: gpd.GeoDataFrame, target: Path | io.StringIO) -> None:
    """CSV with lon/lat (centroid) and WKT; text cells safe to open in a spreadsheet."""
    safe_frame(frame[[*PUBLIC_COLUMNS, "lon", "lat", "wkt"]]).to_csv(target, index=False)


def export_contributions(store: Storage, path: Path | str, fmt: str = "geojson") -> int:
    """Write the export to ``path``; return the number of contributions written."""
    frame = _frame(store)
    path = Path(path)
    if fmt == "csv":
        _csv(frame, path)
    elif fmt == "geojson":
        frame[[*PUBLIC_COLUMNS, "geometry"]].to_file(path, driver="GeoJSON")
    elif fmt == "gpkg":
        if path.exists():
            path.unlink()
        frame[[*PUBLIC_COLUMNS, "geometry"]].to_file(path, driver="GPKG", layer="contributions")
    else:
        raise ValueError(i18n.message("export.format_unknown", fmt=fmt, formats=", ".join(FORMATS)))
    return len(frame)


def export_bytes(store: Storage, fmt: str = "geojson") -> bytes:
    """The export as bytes (for downloads and standard output)."""
    if fmt == "csv":
        buffer = io.StringIO()
        _csv(_frame(store), buffer)
        return buffer.getvalue().encode("utf-8")
    if fmt == "geojson":
        return _frame(store)[[*PUBLIC_COLUMNS, "geometry"]].to_json(drop_id=True, ensure_ascii=False).encode("utf-8")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"contributions.{fmt}"
        export_contributions(store, target, fmt)
        return target.read_bytes()
