"""What both storage backends share and that is not SQL: results of a bulk add,
stable identifiers and content keys, UTC handling, WKB → geometries, selections."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from cartoparti.model import Draft

if TYPE_CHECKING:  # geopandas and pandas are imported where used (light start-up)
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "BASES",
    "NEIGHBOUR_TOLERANCE_DEG",
    "SNAP_TOLERANCE_M",
    "AddResult",
    "Filters",
    "content_key",
    "is_geometry_column",
    "to_geodataframe",
    "totals_for",
    "utc_naive",
]


SNAP_TOLERANCE_M = 50.0
"""A contribution that misses every zone by less than this, in metres (slivers between
polygons), goes to the nearest zone; farther, it is outside the territory."""


def is_geometry_column(name: str) -> bool:
    """Whether a column of a frame to insert holds shapely geometries (``geom``, or a
    name ending in ``_geom`` such as ``public_geom``)."""
    return name == "geom" or name.endswith("_geom")


def to_geodataframe(frame: pd.DataFrame, wkb_column: str = "wkb") -> gpd.GeoDataFrame:
    """Turn a frame with a WKB column into a WGS84 GeoDataFrame (the one place we do it;
    a missing WKB gives a missing geometry)."""
    import geopandas as gpd

    wkb = [None if v is None else bytes(v) for v in frame[wkb_column]]  # None: no geometry
    geometry = gpd.GeoSeries.from_wkb(wkb, crs=4326)
    return gpd.GeoDataFrame(frame.drop(columns=[wkb_column]), geometry=geometry.values, crs=4326)


def content_key(draft: Draft) -> str:
    """Content hash of a draft, used when no stable id is given (idempotent imports)."""
    parts = [
        draft.kind or "",
        draft.title or "",
        draft.text or "",
        draft.theme or "",
        draft.created_at.isoformat() if draft.created_at else "",
        draft.channel or "",
        draft.contributor_id or "",
        draft.geometry.wkt if draft.geometry is not None else "",
    ]
    return "sha256:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def utc_naive(value: datetime | str) -> datetime:
    """A timestamp as stored: UTC without zone (naive values are taken as UTC)."""
    import pandas as pd

    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp.to_pydatetime()


def _new_id(source_key: str) -> str:
    return hashlib.sha256(source_key.encode()).hexdigest()[:16]


@dataclass
class AddResult:
    """Outcome of a bulk add: positions refer to the input sequence."""

    inserted: list[str] = field(default_factory=list)
    """Ids of the new contributions, in input order."""
    duplicates: list[int] = field(default_factory=list)
    """Positions already stored (same stable id or content)."""
    outside: list[int] = field(default_factory=list)
    """Positions outside the territory: not stored."""
    ids: dict[int, str] = field(default_factory=dict)
    """Position → id, for inserted rows and duplicates."""


BASES: tuple[str, ...] = ("place", "home")
"""Counting bases: where contributors pinned, or their declared commune of residence."""


NEIGHBOUR_TOLERANCE_DEG = 0.0005


Filters = Mapping[str, object]
"""Keyword arguments of ``CoreQueries._filters``: kinds, themes, channels, since, until."""


def _basis(basis: str) -> str:
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}; expected one of {BASES}")
    return basis


def totals_for(totals: pd.DataFrame, basis: str) -> dict[str, int]:
    """The totals of one basis from the one-row frame of both (see ``representation_counts``)."""
    row = totals.iloc[0]
    return {
        "contributors": int(row["contributors"]),
        "placed": int(row[f"placed_{basis}"]),
        "no_home": int(row["no_home"]),
        "home_outside": int(row["home_outside"]),
    }
