"""Finding a place by its name, as a resident types it: a commune, a landmark (cités,
terrils, puits…) or, when the territory has a Base Adresse Nationale file, an address.
Results are limited to the territory (only its places are indexed, at ``init``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely

from cartoparti import i18n, textsearch
from cartoparti._errors import OutsideTerritoryError
from cartoparti.i18n import formats
from cartoparti.storage import Storage

__all__ = ["LANDMARK_NEAR_M", "ZOOM", "Place", "Whereabouts", "search", "whereabouts"]

CANDIDATES = 60
"""Places fetched from the database for :func:`cartoparti.textsearch.rank` to order."""
ZOOM = {"commune": 14, "landmark": 16, "address": 18}
"""The map zoom that shows a place of each kind."""


@dataclass(frozen=True)
class Place:
    kind: str
    """``commune``, ``landmark`` or ``address``."""
    label: str
    lon: float
    lat: float

    @property
    def zoom(self) -> int:
        return ZOOM.get(self.kind, 16)


def search(store: Storage, query: str, *, limit: int = 8) -> list[Place]:
    """The places that best answer ``query`` (accents, case and a typo forgiven),
    best first; none for fewer than two letters."""
    if len(textsearch.normalise(query).replace(" ", "")) < 2:
        return []
    candidates = store.place_candidates(sorted(textsearch.trigrams(query)), limit=CANDIDATES)
    ranked = textsearch.rank(query, candidates.to_dict("records"), limit=limit)
    return [Place(str(p["kind"]), str(p["label"]), float(p["lon"]), float(p["lat"])) for p in ranked]


LANDMARK_NEAR_M = 800
"""Farthest a landmark may be to be named beside a chosen place (in metres)."""
_METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class Whereabouts:
    """Where a chosen place lies, in words a resident reads: its shape, its zone of the
    primary layer (the commune), the nearest landmark and how far it is."""

    shape: str
    """``Point``, ``LineString``, ``Polygon`` (the geometry's type)."""
    inside: bool
    """Within the territory (a contribution can be sent from there)."""
    zone: str | None = None
    landmark: str | None = None
    distance_m: float | None = None
    """From the chosen place to :attr:`landmark` (0: on or in it)."""
    whole_zone: bool = False
    """The resident chose the whole zone (« toute la commune »), not a spot in it."""

    def sentence(self) -> str:
        """« Lieu choisi : un point à Loos-en-Gohelle, à environ 120 m de « Base 11/19 ». »"""
        what = i18n.labels("shapes").get(self.shape) or i18n.message("web.shape.other")
        if not self.inside:
            return i18n.message("whereabouts.outside", what=what)
        if self.whole_zone:
            return i18n.message("whereabouts.whole_zone", zone=self.zone or "")
        if not self.zone:
            return i18n.message("whereabouts.inside", what=what)
        if self.landmark is None or self.distance_m is None:
            return i18n.message("whereabouts.zone", what=what, zone=self.zone or "")
        if self.distance_m < 30:
            return i18n.message("whereabouts.at_landmark", what=what, zone=self.zone or "", landmark=self.landmark)
        return i18n.message(
            "whereabouts.near_landmark", what=what, zone=self.zone or "", landmark=self.landmark,
            distance=formats.number(_rounded(self.distance_m)),
        )


def _rounded(metres: float) -> float:
    """A distance as a person says it: to 10 m under 300 m, to 50 m beyond."""
    step = 10 if metres < 300 else 50
    return max(step, round(metres / step) * step)


def _metric(geometry: shapely.Geometry, lat0: float) -> shapely.Geometry:
    """``geometry`` in local metres (an equirectangular projection at ``lat0``: within a
    commune, off by well under 1 %)."""
    scale_x = _METRES_PER_DEGREE * math.cos(math.radians(lat0))
    return shapely.transform(geometry, lambda xy: xy * [scale_x, _METRES_PER_DEGREE])


def whereabouts(
    store: Storage, geometry: shapely.Geometry | None, *, whole_zone: bool = False, landmark: str | None = None
) -> Whereabouts | None:
    """Where ``geometry`` (WGS84) lies: inside the territory or not, its commune and its
    nearest landmark within :data:`LANDMARK_NEAR_M` (``None``: nothing chosen).
    ``whole_zone``: ``geometry`` stands for its whole commune (no landmark is named);
    ``landmark``: the name of the landmark the resident chose (it is the place)."""
    if geometry is None or geometry.is_empty:
        return None
    shape = geometry.geom_type
    try:
        zones = store.locate(geometry)
    except OutsideTerritoryError:
        return Whereabouts(shape, inside=False)
    code = zones.get(store.primary_layer())
    zone = store.zone_name(code) if code else None
    if whole_zone:
        return Whereabouts(shape, inside=True, zone=zone, whole_zone=True)
    if landmark:
        return Whereabouts(shape, inside=True, zone=zone, landmark=landmark, distance_m=0.0)
    if not code:
        return Whereabouts(shape, inside=True, zone=zone)
    landmarks = store.landmarks(code)
    if landmarks.empty:
        return Whereabouts(shape, inside=True, zone=zone)
    lat0 = geometry.centroid.y
    here = _metric(geometry, lat0)
    distances = [here.distance(_metric(g, lat0)) for g in landmarks.geometry]
    best = min(range(len(distances)), key=distances.__getitem__)
    if distances[best] > LANDMARK_NEAR_M:
        return Whereabouts(shape, inside=True, zone=zone)
    return Whereabouts(shape, inside=True, zone=zone, landmark=str(landmarks["name"].iloc[best]),
                       distance_m=float(distances[best]))
