"""A tiny offline vector basemap for the tests: a PMTiles v3 file of Mapbox vector
tiles in the Protomaps basemap layout (layers ``earth``, ``roads``, ``places``), over
a bounding box, written with the ``pmtiles`` and ``mapbox-vector-tile`` packages.

Each tile holds land over its whole square, one road across it and a named place at
its centre: enough for protomaps-leaflet to draw something, and small (a few KB)."""

from __future__ import annotations

import math
from pathlib import Path

import mapbox_vector_tile
import shapely
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

EXTENT = 4096


def _tile_range(bounds: tuple[float, float, float, float], z: int) -> tuple[range, range]:
    minx, miny, maxx, maxy = bounds

    def tile(lon: float, lat: float) -> tuple[int, int]:
        n = 2**z
        x = int((lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        return min(max(x, 0), n - 1), min(max(y, 0), n - 1)

    x0, y0 = tile(minx, maxy)
    x1, y1 = tile(maxx, miny)
    return range(x0, x1 + 1), range(y0, y1 + 1)


def _tile(z: int, x: int, y: int) -> bytes:
    square = shapely.box(0, 0, EXTENT, EXTENT)
    road = shapely.LineString([(0, EXTENT * 0.4), (EXTENT, EXTENT * 0.6)])
    centre = shapely.Point(EXTENT / 2, EXTENT / 2)
    return mapbox_vector_tile.encode(
        [
            {"name": "earth", "features": [{"geometry": square.wkt, "properties": {"kind": "earth"}}]},
            {"name": "roads", "features": [{"geometry": road.wkt, "properties": {
                "kind": "major_road", "kind_detail": "primary", "name": f"Rue d'essai {z}/{x}/{y}"}}]},
            {"name": "places", "features": [{"geometry": centre.wkt, "properties": {
                "kind": "locality", "name": "Essai", "min_zoom": 0, "population_rank": 10}}]},
        ],
        default_options={"extents": EXTENT, "y_coord_down": True},
    )


def write_pmtiles(path: Path, bounds: tuple[float, float, float, float], max_zoom: int = 12) -> Path:
    """Write the test basemap over ``bounds`` (lon/lat) for zooms 0 to ``max_zoom``."""
    tiles = {}
    for z in range(max_zoom + 1):
        xs, ys = _tile_range(bounds, z)
        for x in xs:
            for y in ys:
                tiles[zxy_to_tileid(z, x, y)] = _tile(z, x, y)
    minx, miny, maxx, maxy = bounds
    with path.open("wb") as f:
        writer = Writer(f)
        for tile_id in sorted(tiles):
            writer.write_tile(tile_id, tiles[tile_id])
        writer.finalize(
            {
                "tile_type": TileType.MVT,
                "tile_compression": Compression.NONE,
                "min_lon_e7": int(minx * 1e7), "min_lat_e7": int(miny * 1e7),
                "max_lon_e7": int(maxx * 1e7), "max_lat_e7": int(maxy * 1e7),
                "center_zoom": 10,
                "center_lon_e7": int((minx + maxx) / 2 * 1e7), "center_lat_e7": int((miny + maxy) / 2 * 1e7),
            },
            {
                "name": "cartoparti test basemap",
                "vector_layers": [{"id": name, "fields": {}} for name in ("earth", "roads", "places")],
            },
        )
    return path
