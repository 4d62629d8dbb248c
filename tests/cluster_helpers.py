"""Planted contributions for the places that come back, the alerts and the stories:
points placed by metres (Lambert-93) from a point of the real default territory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import shapely
from pyproj import Transformer

from cartoparti.model import Draft

_TO_L93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
_TO_WGS = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)

NOW = datetime.now(UTC)


def offset(point: shapely.Point, dx_m: float, dy_m: float) -> shapely.Point:
    """The point ``dx_m`` metres east and ``dy_m`` north of ``point`` (WGS84)."""
    x, y = _TO_L93.transform(point.x, point.y)
    return shapely.Point(*_TO_WGS.transform(x + dx_m, y + dy_m))


def draft(point: shapely.Point, *, who: str | None, kind: str = "need", title: str = "Un banc",
          text: str = "", days_ago: float = 1, age_band: str | None = None, csp: str | None = None,
          theme: str = "nature") -> Draft:
    return Draft(
        kind=kind, title=title, text=text, theme=theme, geometry=point,
        created_at=NOW - timedelta(days=days_ago), contributor_id=who, age_band=age_band, csp=csp,
    )


def plant(store, drafts: list[Draft]) -> list[str]:
    """Store the drafts (published); return their ids, in order."""
    result = store.add_contributions(drafts)
    assert not result.outside, result.outside
    return [result.ids[i] for i in range(len(drafts))]
