"""Open exports (the CLI's ``export`` and the Données page): GeoJSON, CSV, Open311
GeoReport v2 (:mod:`cartoparti.io.export`) and a GeoPackage with one layer per table.

The GeoPackage's layers come from :data:`LAYERS`, a registry of ``name → builder``;
a builder takes the store and the settings and returns a (Geo)DataFrame of public
data only (the layer ``name``), or a mapping ``layer name → frame`` (several layers).
Today: ``contributions``, written as one layer per geometry type
(:func:`cartoparti.io.export.contribution_layers`: ``contributions_points``,
``contributions_lignes``, ``contributions_zones``, each declaring Point, LineString or
Polygon, empty ones left out; public fields and their French labels, published and
visible ones only, times as ``DATETIME``), ``zones`` (the primary layer's zones with their representation figures), ``places``
(the places that come back, with their footprint) and ``plan_items`` (the action
plan, public). Other parts add theirs with :func:`register_layer`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd

from cartoparti.analysis.representation.counts import count
from cartoparti.analysis.representation.zones import zone_table
from cartoparti.commands import clusters, plan
from cartoparti.io import export as io_export
from cartoparti.present.representation import STATUS_LABELS
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = [
    "FORMATS",
    "LAYERS",
    "ZONE_LAYER_COLUMNS",
    "export_bytes",
    "geopackage_layers",
    "places_layer",
    "register_layer",
    "write_export",
    "zones_layer",
]

FORMATS = io_export.FORMATS

LayerBuilder = Callable[[Storage, Settings], "gpd.GeoDataFrame | pd.DataFrame | Mapping[str, gpd.GeoDataFrame]"]

ZONE_LAYER_COLUMNS = [
    "code", "name", "contributions", "contributors", "population", "share",
    "population_share", "expected", "ratio", "ci_low", "ci_high", "status", "status_label",
]
"""Columns of the ``zones`` layer (and its geometry): ``contributions`` published in
the zone, ``contributors`` (distinct people, by the place of their contributions),
``share`` of all contributors, ``population_share`` of the population, ``ratio`` of
contributors to those expected from the population (``ci_low``/``ci_high``: its
interval), ``status`` ``under`` / ``expected`` / ``over`` (see
:mod:`cartoparti.analysis.representation.zones`)."""


def _contributions_layers(store: Storage, settings: Settings) -> dict[str, gpd.GeoDataFrame]:
    return io_export.contribution_layers(io_export.contributions_layer(store))


def zones_layer(store: Storage, settings: Settings) -> gpd.GeoDataFrame:
    """The zones of the primary layer with their representation figures
    (:data:`ZONE_LAYER_COLUMNS`), WGS84, sorted by code."""
    layer = store.primary_layer()
    zones = store.zones(layer)[["code", "name", "geometry"]].set_index("code")
    table = zone_table(count(store, parts=["zones"], layer=layer, neighbours=False))
    published = store.export_frame()
    contributions = published.groupby("zone_code").size().reindex(zones.index, fill_value=0)
    out = zones.join(table.drop(columns=["zone_name"], errors="ignore"), how="left")
    out["contributions"] = contributions.astype("int64")
    out["contributors"] = out["contributors"].fillna(0).astype("int64")
    total = int(out["contributors"].sum())
    out["share"] = out["contributors"] / total if total else 0.0
    population = out["population"].sum(min_count=1)
    out["population_share"] = out["population"] / population if population else pd.NA
    out["status_label"] = out["status"].map(STATUS_LABELS)
    out = out.reset_index().sort_values("code", kind="stable")
    return gpd.GeoDataFrame(out[[*ZONE_LAYER_COLUMNS, "geometry"]], geometry="geometry", crs="EPSG:4326")


def places_layer(store: Storage, settings: Settings) -> gpd.GeoDataFrame:
    """The places that come back (default radius and contributors), one row per place
    with its figures (:meth:`Clusters.export_frame`, without the publics) and its
    footprint, WGS84, found from the public positions."""
    found = clusters.places(store, settings, public=True)
    # the publics of a place stay on the agents' side (page, CLI): an open file never
    # carries profile breakdowns, however suppressed
    rows = found.export_frame().drop(columns=["publics"])
    return gpd.GeoDataFrame(rows, geometry=list(found.places.geometry), crs="EPSG:4326")


LAYERS: dict[str, LayerBuilder] = {
    "contributions": _contributions_layers,
    "zones": zones_layer,
    "places": places_layer,
    "plan_items": lambda store, _settings: plan.plan_frame(store),
}
"""The GeoPackage's layers, in order: name → builder (``contributions``: the layers
:data:`cartoparti.io.export.CONTRIBUTION_LAYERS` that have rows)."""


def register_layer(name: str, builder: LayerBuilder) -> None:
    """Add (or replace) a layer of the GeoPackage: ``builder(store, settings)`` returns
    its rows (public data only; a geometry column in WGS84, or none), or a mapping of
    layer names to rows."""
    LAYERS[name] = builder


def geopackage_layers(store: Storage, settings: Settings) -> dict[str, gpd.GeoDataFrame | pd.DataFrame]:
    """Every registered layer, built (a builder's several layers in its place)."""
    layers: dict[str, gpd.GeoDataFrame | pd.DataFrame] = {}
    for name, build in LAYERS.items():
        built = build(store, settings)
        layers.update(built if isinstance(built, Mapping) else {name: built})
    return layers


def write_export(store: Storage, settings: Settings, fmt: str, path: Path | str) -> int:
    """Write the export ``fmt`` (:data:`FORMATS`) to ``path``; return the number of
    contributions written."""
    if fmt == "gpkg":
        layers = geopackage_layers(store, settings)
        io_export.write_geopackage(layers, path)
        return sum(len(layers[name]) for name in io_export.CONTRIBUTION_LAYERS if name in layers)
    return io_export.export_contributions(store, path, fmt, themes=settings.themes)


def export_bytes(store: Storage, settings: Settings, fmt: str) -> bytes:
    """The export ``fmt`` as bytes (downloads, standard output)."""
    if fmt != "gpkg":
        return io_export.export_bytes(store, fmt, themes=settings.themes)
    with tempfile.TemporaryDirectory(prefix="cartoparti-") as tmp:
        target = Path(tmp) / "cartoparti.gpkg"
        write_export(store, settings, fmt, target)
        return target.read_bytes()
