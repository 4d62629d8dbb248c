"""What people read of the places that come back: French tables, and the places as a
map layer (one footprint polygon per place, popups escaped by :class:`SafeGeoJson`)."""

from __future__ import annotations

from urllib.parse import urlencode

import folium
import geopandas as gpd
import pandas as pd

from cartoparti import i18n
from cartoparti.analysis.clusters import DEFAULT_EPS_M, DEFAULT_MIN_CONTRIBUTORS, Clusters
from cartoparti.analysis.stories import CLUSTER_PREFIX
from cartoparti.i18n import formats
from cartoparti.model import AGE_BANDS, CSP, KINDS
from cartoparti.present.maps import add_zone_layer

__all__ = ["STYLE", "add_clusters", "kinds_text", "place_name", "publics_table", "story_link", "table"]

STYLE = {"color": "#b5651d", "weight": 2, "fillColor": "#f0a04b", "fillOpacity": 0.35}
"""The footprints of the places that come back."""


def place_name(number: int) -> str:
    return i18n.message("clusters.name", number=int(number))


def kinds_text(counts: dict[str, int]) -> str:
    """``besoin (4), souvenir (1)``."""
    return ", ".join(f"{KINDS.get(k, k)} ({n})" for k, n in counts.items())


def _themes_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} ({n})" for k, n in counts.items())


def story_link(found: Clusters, key: str) -> str | None:
    """The relative address of the story of a place that comes back (``pages/histoire.py``),
    or ``None`` when ``found`` was not computed with the default parameters: the public
    story page only knows the places of the defaults."""
    if (found.eps_m, found.min_contributors) != (DEFAULT_EPS_M, DEFAULT_MIN_CONTRIBUTORS):
        return None
    return "histoire?" + urlencode({"lieu": CLUSTER_PREFIX + key})


def table(found: Clusters) -> pd.DataFrame:
    """One row per place, French headings, dates in French."""
    rows = [
        {
            i18n.message("page.lieux.col.name"): place_name(p.cluster),
            i18n.message("page.lieux.col.contributors"): int(p.contributors),
            i18n.message("page.lieux.col.contributions"): int(p.contributions),
            i18n.message("page.lieux.col.kinds"): kinds_text(p.kinds),
            i18n.message("page.lieux.col.themes"): _themes_text(p.themes),
            i18n.message("page.lieux.col.first"): formats.date(p.first_at),
            i18n.message("page.lieux.col.last"): formats.date(p.last_at),
            i18n.message("page.lieux.story"): story_link(found, p.key),
        }
        for p in found.places.itertuples()
    ]
    return pd.DataFrame(rows)


def publics_table(found: Clusters) -> pd.DataFrame:
    """The publics of each place, in contributors; cells under 5 people read « moins de 5 »."""
    labels = {"age_band": AGE_BANDS, "csp": CSP}
    dimensions = i18n.labels("dimensions")
    rows = [
        {
            i18n.message("page.lieux.col.name"): place_name(p.cluster),
            i18n.message("page.lieux.col.dimension"): dimensions.get(p.dimension, p.dimension),
            i18n.message("page.lieux.col.group"): labels.get(p.dimension, {}).get(p.grp, p.grp),
            i18n.message("page.lieux.col.contributors"): (
                i18n.message("page.lieux.suppressed") if p.suppressed else formats.number(p.contributors)),
        }
        for p in found.publics.itertuples()
    ]
    return pd.DataFrame(rows)


def add_clusters(fmap: folium.Map, found: Clusters) -> None:
    """The footprints of the places as one layer, with their figures in the popups."""
    if found.places.empty:
        return
    frame = gpd.GeoDataFrame(
        {
            "name": [place_name(n) for n in found.places["cluster"]],
            "contributors": [str(int(n)) for n in found.places["contributors"]],
            "kinds": [kinds_text(k) for k in found.places["kinds"]],
            "themes": [_themes_text(k) for k in found.places["themes"]],
            "dates": [f"{formats.date(a)} – {formats.date(b)}"
                      for a, b in zip(found.places["first_at"], found.places["last_at"], strict=True)],
        },
        geometry=found.places.geometry.values,
        crs="EPSG:4326",
    )
    add_zone_layer(
        fmap,
        frame,
        name=i18n.message("page.lieux.layer"),
        columns=["name", "contributors", "kinds", "themes", "dates"],
        style=STYLE,
        tooltip_field="name",
        popup_fields=[
            ("name", ""),
            ("contributors", i18n.message("page.lieux.popup.contributors")),
            ("kinds", i18n.message("page.lieux.popup.kinds")),
            ("themes", i18n.message("page.lieux.popup.themes")),
            ("dates", i18n.message("page.lieux.popup.dates")),
        ],
    )
