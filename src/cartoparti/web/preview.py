"""Where a contribution is and what it shows, for the agents who handle it (answers,
moderation): the place in words (the zone of each layer), a small map centred on its
exact position, and its photo if it has one."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import shapely
import streamlit as st

from cartoparti import i18n
from cartoparti._errors import CartopartiError
from cartoparti.present import maps
from cartoparti.storage import Storage

__all__ = ["MAP_HEIGHT", "contribution_preview", "place_in_words"]

MAP_HEIGHT = 300
"""Height of the small map, in pixels."""
_AROUND_DEGREES = 0.004
"""Half the side of the area the small map frames around the position (about 300 m)."""
PLACE_STYLE = {"color": "#ffffff", "weight": 3, "fillColor": "#d35400", "fillOpacity": 0.95, "radius": 9}


def _position(row: Mapping[str, Any]) -> shapely.Point | None:
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except (KeyError, TypeError, ValueError):
        return None
    return None if math.isnan(lon) or math.isnan(lat) else shapely.Point(lon, lat)


def place_in_words(store: Storage, row: Mapping[str, Any]) -> list[str]:
    """The zones the contribution lies in, one « layer : name » each (the primary
    layer first, from the row's ``zone_name``; the other layers found by the store).
    Plain text: the names come from the territory's files."""
    layers = store.zone_layers()
    labels = dict(zip(layers["layer"], layers["label"], strict=True))
    primary = store.primary_layer()
    found: dict[str, str] = {}
    point = _position(row)
    if point is not None:
        try:
            found = store.locate(point)
        except CartopartiError:  # outside the territory: only what the row says
            found = {}
    words = []
    zone_name = row.get("zone_name")
    if isinstance(zone_name, str) and zone_name:
        words.append(i18n.message("preview.place", layer=labels.get(primary, primary), name=zone_name))
    for layer, code in found.items():
        if layer == primary:
            continue
        name = store.zone_name(code, layer)
        if name:
            words.append(i18n.message("preview.place", layer=labels.get(layer, layer), name=name))
    return words


def _small_map(point: shapely.Point, title: str, *, key: str) -> None:
    from cartoparti import web

    fmap = web.base_map(show_landmarks=True, height=MAP_HEIGHT)
    place = gpd.GeoDataFrame({"title": [title]}, geometry=[point], crs="EPSG:4326")
    maps.add_zone_layer(fmap, place, name=i18n.message("preview.map_layer"), columns=["title"],
                        style=PLACE_STYLE, tooltip_field="title")
    d = _AROUND_DEGREES
    maps.frame(fmap, [[point.y - d, point.x - d * 1.5], [point.y + d, point.x + d * 1.5]])
    web.show_map(fmap, key=key, height=MAP_HEIGHT)


def contribution_preview(store: Storage, row: Mapping[str, Any], *, key: str) -> None:
    """The place of the contribution ``row`` (an agents' row: ``id, title, zone_name``
    and its exact ``lon`` / ``lat``) in words and on a small map, and its photo if it
    has one. ``key``: a prefix for the map's widget key (one per page and tab)."""
    from cartoparti import web

    contribution_id = str(row["id"])
    words = place_in_words(store, row)
    point = _position(row)
    lines = [web.md(w) for w in words]
    if point is not None:
        lines.append(i18n.message("privacy.exact_position", lat=f"{point.y:.6f}", lon=f"{point.x:.6f}"))
    st.caption("  \n".join(lines) if lines else i18n.message("preview.no_place"))
    photo = store.photo(contribution_id)
    map_column, photo_column = st.columns(2)
    with map_column:
        if point is not None:
            _small_map(point, str(row.get("title") or ""), key=f"{key}_map_{contribution_id}")
    with photo_column:
        if photo is None:
            st.caption(i18n.message("preview.no_photo"))
        else:
            title = str(row.get("title") or "")
            # the caption is markdown (the resident's title made inert); the alt, plain text
            st.image(photo[1], caption=i18n.message("preview.photo", title=web.md(title)),
                     alt=i18n.message("preview.photo_alt", title=title), width="stretch")
