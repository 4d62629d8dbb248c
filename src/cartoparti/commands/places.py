"""Finding a place by its name, as a resident types it: a commune, a landmark (cités,
terrils, puits…) or, when the territory has a Base Adresse Nationale file, an address.
Results are limited to the territory (only its places are indexed, at ``init``)."""

from __future__ import annotations

from dataclasses import dataclass

from cartoparti import textsearch
from cartoparti.storage import Storage

__all__ = ["ZOOM", "Place", "search"]

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
