"""Stories of places (« Histoire d'un lieu »): around a landmark (a cité minière, a
terril, a puits…) or a place that comes back, what people told and what was done.

Pure: given the place's geometry, the published contributions and the landmarks, it
keeps those within ``radius_m`` metres of the place (distances in Lambert-93), nearest
first. Never any profile field: the contributions given are the public ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from cartoparti.analysis.clusters import L93

__all__ = ["CLUSTER_PREFIX", "DONE_STATUSES", "NEARBY_KINDS", "STORY_RADIUS_M", "Story", "gather"]

STORY_RADIUS_M = 500.0
"""How far around a place its story reaches, in metres."""
CLUSTER_PREFIX = "lieu-"
"""How a story's id (``?lieu=``) names a place that comes back: ``lieu-<key>``
(landmark ids are ``layer:number``)."""
MEMORY = "memory"
NEARBY_KINDS = ("need", "proposal")
"""Kinds shown as the needs and proposals nearby."""
DONE_STATUSES = ("done",)
"""Statuses of what was done (:data:`cartoparti.lifecycle.STATUSES`)."""


@dataclass(frozen=True)
class Story:
    """The story of one place. Frames in WGS84 with a ``distance_m`` column, nearest first."""

    id: str
    name: str
    kind_label: str
    """What the place is (the landmark's layer, or « lieu qui revient »)."""
    geometry: shapely.Geometry
    radius_m: float
    memories: gpd.GeoDataFrame
    heritage: gpd.GeoDataFrame
    """The other landmarks around."""
    nearby: gpd.GeoDataFrame
    """Needs and proposals around (whatever their status)."""
    done: gpd.GeoDataFrame
    """Contributions around that were carried out (status ``done``), any kind."""
    plan: list[dict[str, Any]] = field(default_factory=list)
    """The action plan's items here: placed within the radius, or fed by one of the
    story's contributions (as :func:`cartoparti.commands.plan.public_plan` gives them)."""

    @property
    def contributions(self) -> gpd.GeoDataFrame:
        """Every contribution of the story, once (for its map)."""
        frames = [f for f in (self.memories, self.nearby, self.done) if len(f)]
        if not frames:
            return self.memories
        joined = pd.concat(frames, ignore_index=True).drop_duplicates("id")
        return gpd.GeoDataFrame(joined, geometry="geometry", crs="EPSG:4326")


def _around(frame: gpd.GeoDataFrame, place_l93: shapely.Geometry, radius_m: float) -> gpd.GeoDataFrame:
    if frame.empty:
        return frame.assign(distance_m=[])
    distance = frame.geometry.to_crs(L93).distance(place_l93)
    out = frame.assign(distance_m=distance.round(0).values)
    out = out[out["distance_m"] <= radius_m]
    return out.sort_values(["distance_m", *(["id"] if "id" in out.columns else [])], kind="stable")


def gather(
    *,
    story_id: str,
    name: str,
    kind_label: str,
    geometry: shapely.Geometry,
    contributions: gpd.GeoDataFrame,
    landmarks: gpd.GeoDataFrame,
    radius_m: float = STORY_RADIUS_M,
    exclude_landmark: str | None = None,
) -> Story:
    """The story of the place ``geometry`` (WGS84) from the published ``contributions``
    and the territory's ``landmarks``."""
    place = gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(L93).iloc[0]
    around = _around(contributions, place, radius_m)
    others = landmarks[landmarks["id"] != exclude_landmark] if exclude_landmark else landmarks
    return Story(
        id=story_id,
        name=name,
        kind_label=kind_label,
        geometry=geometry,
        radius_m=float(radius_m),
        memories=around[around["kind"] == MEMORY],
        heritage=_around(others, place, radius_m),
        nearby=around[around["kind"].isin(NEARBY_KINDS)],
        done=around[around["status"].isin(DONE_STATUSES)],
    )
