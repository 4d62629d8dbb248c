"""Open exports of published contributions: GeoJSON, CSV, GeoPackage and Open311.

Exports carry each published (hence visible) contribution's stable ``id``, public
fields, geometry (WGS84) and the code of its zone in the primary layer; never a
profile field, never a resident's address. The columns are :data:`PUBLIC_COLUMNS`:
every code stays as stored (``kind``, ``channel``, ``status``, ``level``: other tools
read them) and the columns of earlier versions keep their names and order; after them
come the labels of the codes in the active catalogue (French by default:
``kind_label``, ``channel_label``, ``status_label``, ``level_label``), the time of the
latest public answer (``answered_at``), the « moi aussi » count (``supports``), the
service in charge (``service``) and the participation level (``level``), the last two
empty until agents set them.

- **GeoJSON**, **CSV** (``lon``/``lat``: the centroid, and ``wkt``; text cells that
  look like a formula are neutralised): the contributions, one row each; times
  (``created_at``, ``answered_at``) are ISO 8601 text in UTC, ``YYYY-MM-DDTHH:MM:SSZ``.
- **GeoPackage**: one layer per table (:func:`write_geopackage`), each declaring a
  single geometry type. The contributions are split by geometry family
  (:func:`contribution_layers`, :data:`CONTRIBUTION_LAYERS`):
  ``contributions_points`` (Point), ``contributions_lignes`` (LineString) and
  ``contributions_zones`` (Polygon); a layer holding a ``Multi*`` geometry declares the
  ``Multi*`` type of its family (all its rows promoted); a layer with no row is
  left out. Times are ``DATETIME`` fields (UTC).
  :mod:`cartoparti.commands.exports` adds the zones with their representation
  figures and whatever other layer is registered there.
- **Open311 GeoReport v2** (:func:`open311_document`): *one* JSON file holding both
  documents of the specification, ``{"services": [...], "requests": [...]}``, with
  the v2 field names (``service_code``…, ``service_request_id``…) and ISO 8601
  datetimes in UTC. A service is a theme; a request is a contribution, ``open``
  until it is done, declined or redirected.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from cartoparti import i18n
from cartoparti.io import EXPORT_FORMATS
from cartoparti.io.csvsafe import safe_frame
from cartoparti.lifecycle import CLOSED_STATUSES
from cartoparti.storage import Storage

__all__ = [
    "CONTRIBUTION_LAYERS",
    "FORMATS",
    "LABEL_TABLES",
    "OPEN311_REQUEST_FIELDS",
    "OPEN311_SERVICE_FIELDS",
    "PUBLIC_COLUMNS",
    "contribution_layers",
    "contributions_layer",
    "export_bytes",
    "export_contributions",
    "open311_document",
    "service_code",
    "write_geopackage",
]

FORMATS = EXPORT_FORMATS
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
    # added after the columns above, which keep their names and order (files are read
    # by position too): the labels of the codes, the answer's time and what agents set
    "kind_label",
    "channel_label",
    "status_label",
    "answered_at",
    "supports",
    "service",
    "level",
    "level_label",
]
"""Columns of the contributions in every export but Open311 (and the geometry)."""
LABEL_TABLES = {"kind": "kinds", "channel": "channels", "status": "statuses", "level": "levels"}
"""Code column → the i18n table of its labels; the label goes in ``<column>_label``."""
TIME_COLUMNS = ("created_at", "answered_at")
CONTRIBUTION_LAYERS = {
    "contributions_points": "Point",
    "contributions_lignes": "LineString",
    "contributions_zones": "Polygon",
}
"""The GeoPackage's contribution layers, in order: name → geometry type declared
(``Multi…`` of it when one of its rows is a ``Multi…``)."""
_FAMILY = {
    "Point": "Point", "MultiPoint": "Point",
    "LineString": "LineString", "MultiLineString": "LineString",
    "Polygon": "Polygon", "MultiPolygon": "Polygon",
}
OPEN311_SERVICE_FIELDS = (
    "service_code", "service_name", "description", "metadata", "type", "keywords", "group",
)
"""Fields of a service in GeoReport v2 (``GET services``)."""
OPEN311_REQUEST_FIELDS = (
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
    "long", "media_url",
)
"""Fields of a service request in GeoReport v2 (``GET requests``)."""


def _frame(store: Storage) -> gpd.GeoDataFrame:
    """The export frame with its label columns, times as ISO 8601 text (UTC)."""
    frame = store.export_frame()
    for column in ("answer", "answered_at", "service", "level"):
        if column not in frame.columns:
            frame[column] = None
    if "supports" not in frame.columns:
        frame["supports"] = 0
    frame["supports"] = frame["supports"].fillna(0).astype("int64")
    for column, table in LABEL_TABLES.items():
        # codes without a label (none today) keep their code rather than turn blank
        frame[f"{column}_label"] = frame[column].map(i18n.labels(table)).where(
            frame[column].isna() | frame[column].isin(i18n.labels(table)), frame[column]
        )
    stamps = pd.to_datetime(frame["answered_at"], utc=True)
    frame["answered_at"] = stamps.dt.strftime("%Y-%m-%dT%H:%M:%SZ").where(stamps.notna(), None)
    return frame


def contributions_layer(store: Storage) -> gpd.GeoDataFrame:
    """The public contributions as a layer: :data:`PUBLIC_COLUMNS` and the geometry
    (times as ISO 8601 text)."""
    return _frame(store)[[*PUBLIC_COLUMNS, "geometry"]]


def contribution_layers(frame: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """The contributions (:func:`contributions_layer`) as the GeoPackage's layers
    :data:`CONTRIBUTION_LAYERS`, one per geometry family, empty ones left out; the
    times (:data:`TIME_COLUMNS`) as UTC datetimes, written as ``DATETIME`` fields."""
    frame = frame.copy()
    for column in TIME_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], utc=True)
    family = frame.geometry.geom_type.map(_FAMILY)
    return {
        name: frame[family == kind].reset_index(drop=True)
        for name, kind in CONTRIBUTION_LAYERS.items()
        if (family == kind).any()
    }


def _csv(frame: gpd.GeoDataFrame, target: Path | io.StringIO) -> None:
    """CSV with lon/lat (centroid) and WKT; text cells safe to open in a spreadsheet."""
    safe_frame(frame[[*PUBLIC_COLUMNS, "lon", "lat", "wkt"]]).to_csv(target, index=False)


def _geometry_type(frame: gpd.GeoDataFrame | pd.DataFrame) -> str | None:
    """The one geometry type a layer declares: its family's (``Multi…`` when one of
    its rows is), or ``None`` (no geometry, no row, or several families: pyogrio's)."""
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        return None
    types = set(frame.geometry.dropna().geom_type)
    families = {_FAMILY.get(t) for t in types}
    if len(families) != 1 or None in families:
        return None
    (family,) = families
    return f"Multi{family}" if any(t.startswith("Multi") for t in types) else family


def write_geopackage(layers: Mapping[str, gpd.GeoDataFrame | pd.DataFrame], path: Path | str) -> None:
    """Write each frame as one layer of a new GeoPackage at ``path`` (replaced if it
    exists), through pyogrio; frames without geometry become attribute tables. A layer
    whose geometries are of one family declares its type (:func:`_geometry_type`)."""
    import pyogrio

    path = Path(path)
    if path.exists():
        path.unlink()
    for name, frame in layers.items():
        declared = _geometry_type(frame)
        options: dict[str, Any] = {}
        if declared is not None:
            options = {"geometry_type": declared, "promote_to_multi": declared.startswith("Multi")}
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", **options)


def service_code(theme: str) -> str:
    """A theme as an Open311 ``service_code``: lower-case ASCII words joined by ``-``."""
    plain = unicodedata.normalize("NFKD", theme).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "autre"


def _iso(value: object) -> str | None:
    """A naive UTC time (or ISO text) as ISO 8601 with its offset, ``…T…+00:00``."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.to_pydatetime().replace(microsecond=0).isoformat()


def _decimals(geometry: object, most: int = 6) -> int:
    """How many decimals the coordinates of a (public, already rounded) geometry have, at
    most ``most``: a point picked on a line or an area keeps no more than they do."""
    import shapely

    found = 0
    for value in shapely.get_coordinates(geometry).ravel():
        text = repr(float(value))
        found = max(found, len(text.split(".")[1]) if "." in text and "e" not in text else most)
    return min(found, most)


def _text(value: object) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def open311_document(
    frame: gpd.GeoDataFrame,
    *,
    themes: Sequence[str],
    agency: str,
    kinds: Mapping[str, str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Contributions (``store.export_frame()``) as GeoReport v2: ``services`` (one per
    theme of ``themes`` and any other theme found) and ``requests`` (one per
    contribution), every field of the specification present (``None`` when unknown).
    ``agency``: who is responsible (the territory's name); ``kinds``: code → label."""
    kinds = kinds or i18n.labels("kinds")
    found = [t for t in dict.fromkeys(frame["theme"]) if t not in themes] if len(frame) else []
    services = [
        {
            "service_code": service_code(theme),
            "service_name": theme,
            "description": i18n.message("export.open311.service_description", theme=theme),
            "metadata": False,
            "type": "batch",
            "keywords": ", ".join(kinds.values()),
            "group": i18n.message("export.open311.group"),
        }
        for theme in [*themes, *found]
    ]
    requests = []
    for row in frame.itertuples():
        point = row.geometry.representative_point() if row.geometry.geom_type != "Point" else row.geometry
        decimals = _decimals(row.geometry)
        text = _text(row.text) or ""
        kind = kinds.get(str(row.kind), str(row.kind))
        requests.append(
            {
                "service_request_id": str(row.id),
                "status": "closed" if row.status in CLOSED_STATUSES else "open",
                "status_notes": _text(row.answer),
                "service_name": str(row.theme),
                "service_code": service_code(str(row.theme)),
                "description": i18n.message(
                    "export.open311.request_description", kind=kind, title=row.title, text=text
                ).strip(),
                "agency_responsible": agency,
                "service_notice": None,
                "requested_datetime": _iso(row.created_at),
                "updated_datetime": _iso(getattr(row, "answered_at", None)) or _iso(row.created_at),
                "expected_datetime": None,
                "address": _text(row.zone_name),
                "address_id": None,
                "zipcode": None,
                "lat": round(float(point.y), decimals),
                "long": round(float(point.x), decimals),
                "media_url": None,
            }
        )
    return {"services": services, "requests": requests}


def _open311_bytes(store: Storage, themes: Sequence[str] | None = None) -> bytes:
    info = store.territory_info()
    frame = _frame(store)
    document = open311_document(
        frame,
        themes=tuple(themes) if themes is not None else tuple(dict.fromkeys(frame["theme"])),
        agency=str(info.get("name") or ""),
    )
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def export_contributions(
    store: Storage, path: Path | str, fmt: str = "geojson", *, themes: Sequence[str] | None = None
) -> int:
    """Write the export to ``path``; return the number of contributions written."""
    frame = _frame(store)
    path = Path(path)
    if fmt == "csv":
        _csv(frame, path)
    elif fmt == "geojson":
        frame[[*PUBLIC_COLUMNS, "geometry"]].to_file(path, driver="GeoJSON")
    elif fmt == "gpkg":
        layer = frame[[*PUBLIC_COLUMNS, "geometry"]]
        # a GeoPackage needs a table: with no contribution at all, an empty points layer
        write_geopackage(contribution_layers(layer) or {"contributions_points": layer}, path)
    elif fmt == "open311":
        path.write_bytes(_open311_bytes(store, themes))
    else:
        raise ValueError(i18n.message("export.format_unknown", fmt=fmt, formats=", ".join(FORMATS)))
    return len(frame)


def export_bytes(store: Storage, fmt: str = "geojson", *, themes: Sequence[str] | None = None) -> bytes:
    """The export as bytes (for downloads and standard output)."""
    if fmt == "csv":
        buffer = io.StringIO()
        _csv(_frame(store), buffer)
        return buffer.getvalue().encode("utf-8")
    if fmt == "geojson":
        return _frame(store)[[*PUBLIC_COLUMNS, "geometry"]].to_json(drop_id=True, ensure_ascii=False).encode("utf-8")
    if fmt == "open311":
        return _open311_bytes(store, themes)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"contributions.{fmt}"
        export_contributions(store, target, fmt)
        return target.read_bytes()
