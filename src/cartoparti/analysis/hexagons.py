"""Contributors per metric hexagon: where, inside a commune, nobody takes part.

Hexagons are pointy-top in Lambert-93 (EPSG:2154); the store counts contributions
per hexagon (:meth:`hexagon_contributors`), :func:`hexagons_of` lays the grid over
the zones. A hexagon's population is unknown: counts, not ratios. What the map
shows of them is :func:`cartoparti.present.representation.hexagon_map_frame`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.analysis.representation.counts import Selection
from cartoparti.storage import Storage

__all__ = ["HEX_SIZES_M", "hexagon_counts", "hexagons_of"]

HEX_SIZES_M: tuple[int, ...] = (250, 500, 1000, 2000)
"""Hexagon sides offered to users, in metres (Lambert-93)."""
MAX_HEXAGONS = 20_000


def _check_hexagon_size(bounds: Sequence[float], size_m: float) -> None:
    """Raise :class:`ValidationError` if hexagons of side ``size_m`` would be too many
    over ``bounds`` (Lambert-93: minx, miny, maxx, maxy)."""
    minx, miny, maxx, maxy = bounds
    estimate = (maxx - minx) * (maxy - miny) / (1.5 * math.sqrt(3) * size_m * size_m)
    if estimate > MAX_HEXAGONS:
        raise ValidationError(
            {"size": i18n.message("hexagons.too_small", estimate=int(estimate), max=MAX_HEXAGONS)}
        )


def _hexagon_grid(area_l93: shapely.Geometry, size_m: float) -> pd.DataFrame:
    """Pointy-top hexagons of side ``size_m`` (Lambert-93) that touch ``area_l93``:
    columns ``q, r`` and ``geometry`` (shapely, EPSG:2154)."""
    minx, miny, maxx, maxy = area_l93.bounds
    _check_hexagon_size(area_l93.bounds, size_m)
    width = math.sqrt(3) * size_m
    r_min, r_max = math.floor(miny / (1.5 * size_m)) - 1, math.ceil(maxy / (1.5 * size_m)) + 1
    r = np.arange(r_min, r_max + 1)
    q_min = math.floor(minx / width - r_max / 2) - 1
    q_max = math.ceil(maxx / width - r_min / 2) + 1
    qq, rr = np.meshgrid(np.arange(q_min, q_max + 1), r)
    qq, rr = qq.ravel(), rr.ravel()
    cx = width * (qq + rr / 2)
    cy = 1.5 * size_m * rr
    keep = (cx >= minx - width) & (cx <= maxx + width) & (cy >= miny - 2 * size_m) & (cy <= maxy + 2 * size_m)
    qq, rr, cx, cy = qq[keep], rr[keep], cx[keep], cy[keep]
    angles = np.radians(30 + 60 * np.arange(7))
    ring = np.stack(
        [cx[:, None] + size_m * np.cos(angles)[None, :], cy[:, None] + size_m * np.sin(angles)[None, :]],
        axis=-1,
    )
    polygons = shapely.polygons(ring)
    shapely.prepare(area_l93)
    touching = shapely.intersects(area_l93, polygons)
    return pd.DataFrame({"q": qq[touching], "r": rr[touching], "geometry": polygons[touching]})


def hexagon_counts(
    store: Storage, *, size_m: float = 500, selection: Selection | None = None
) -> gpd.GeoDataFrame:
    """Contributors and contributions per metric hexagon (place basis) of the
    primary layer; see :func:`hexagons_of`."""
    filters = (selection or Selection()).filters()
    zones = store.zones()
    _check_hexagon_size(zones.to_crs(2154).total_bounds, float(size_m))
    return hexagons_of(zones, store.hexagon_contributors(float(size_m), filters=filters), size_m=size_m)


def hexagons_of(zones: gpd.GeoDataFrame, counts: pd.DataFrame, *, size_m: float) -> gpd.GeoDataFrame:
    """Hexagons covering ``zones`` (``name`` and a geometry, any CRS) with their
    ``counts`` (``q, r, contributors, contributions``, see
    :meth:`hexagon_contributors`).

    Hexagons are pointy-top, of side ``size_m`` metres in Lambert-93 (EPSG:2154);
    the population of a hexagon is unknown, so these are counts only (hexagons
    without any contribution included, with 0). Columns ``hex_id, zone_name``
    (zone holding the centre; missing outside them), ``contributors,
    contributions`` and the hexagon geometry in WGS84.
    """
    zones = zones.to_crs(2154)
    grid = _hexagon_grid(zones.union_all(), float(size_m))
    frame = grid.merge(counts, on=["q", "r"], how="outer")
    missing = frame["geometry"].isna()
    if missing.any():  # contributions snapped just outside the zones
        extra = _hexagon_polygons(frame.loc[missing, "q"], frame.loc[missing, "r"], float(size_m))
        frame.loc[missing, "geometry"] = extra
    frame[["contributors", "contributions"]] = frame[["contributors", "contributions"]].fillna(0).astype("int64")
    hexes = gpd.GeoDataFrame(frame, geometry="geometry", crs=2154)
    centres = gpd.GeoDataFrame(geometry=hexes.centroid, crs=2154)
    names = gpd.sjoin(centres, zones[["name", "geometry"]], how="left", predicate="within")
    names = names[~names.index.duplicated()]
    hexes["zone_name"] = names["name"].to_numpy()
    hexes["hex_id"] = hexes["q"].astype(str) + "," + hexes["r"].astype(str)
    hexes = hexes.to_crs(4326)
    return hexes[["hex_id", "zone_name", "contributors", "contributions", "geometry"]].reset_index(drop=True)


def _hexagon_polygons(q: pd.Series, r: pd.Series, size_m: float) -> np.ndarray:
    q, r = q.to_numpy(float), r.to_numpy(float)
    cx = math.sqrt(3) * size_m * (q + r / 2)
    cy = 1.5 * size_m * r
    angles = np.radians(30 + 60 * np.arange(7))
    ring = np.stack(
        [cx[:, None] + size_m * np.cos(angles)[None, :], cy[:, None] + size_m * np.sin(angles)[None, :]],
        axis=-1,
    )
    return shapely.polygons(ring)
