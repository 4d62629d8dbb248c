"""What people read of the story of a place: its small map (the place, the heritage
around, the contributions around; every text escaped by :class:`SafeGeoJson`)."""

from __future__ import annotations

import folium
import geopandas as gpd

from cartoparti import i18n
from cartoparti.analysis.clusters import L93
from cartoparti.analysis.stories import Story
from cartoparti.present.maps import add_contributions, add_done, add_zone_layer, frame

__all__ = ["PLACE_STYLE", "add_story"]

PLACE_STYLE = {"color": "#6b4f2a", "weight": 3, "fillColor": "#a0784a", "fillOpacity": 0.35, "radius": 9}


def add_story(fmap: folium.Map, story: Story) -> None:
    """The place, the landmarks and contributions of its story, the view on its surroundings."""
    place = gpd.GeoDataFrame({"name": [story.name], "kind": [story.kind_label]},
                             geometry=[story.geometry], crs="EPSG:4326")
    add_zone_layer(fmap, place, name=story.name, columns=["name", "kind"], style=PLACE_STYLE,
                   tooltip_field="name", popup_fields=[("name", ""), ("kind", i18n.message("map.popup.kind"))])
    if len(story.heritage):
        add_zone_layer(
            fmap, story.heritage, name=i18n.message("page.histoire.heritage"), columns=["name", "layer_label"],
            style={"color": "#6b4f2a", "weight": 1, "fillColor": "#a0784a", "fillOpacity": 0.45, "radius": 5},
            tooltip_field="name", popup_fields=[("name", ""), ("layer_label", i18n.message("map.popup.kind"))],
        )
    contributions = story.contributions
    if len(contributions):
        add_contributions(fmap, contributions)
        add_done(fmap, contributions)
    around = gpd.GeoSeries([story.geometry], crs="EPSG:4326").to_crs(L93).buffer(story.radius_m).to_crs("EPSG:4326")
    minx, miny, maxx, maxy = around.total_bounds
    frame(fmap, [[float(miny), float(minx)], [float(maxy), float(maxx)]])
