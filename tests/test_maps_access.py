"""The map frame can be read and used without a mouse: its language and title, French
names for Leaflet's controls, a metric scale, features reachable with Tab (up to
``MAX_ICONS``) and a keyboard crosshair on the map where residents place a point."""

import json
import re
from datetime import datetime

import geopandas as gpd

from cartoparti.present import maps
from tests.test_maps_templates import _LITERAL


def _frame(n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"id": [str(i) for i in range(n)], "kind": "need", "title": [f"titre {i}" for i in range(n)], "text": "",
         "theme": "nature", "created_at": [datetime(2024, 1, 1)] * n, "zone_name": "Lens", "status": "received"},
        geometry=gpd.points_from_xy([2.8 + i / 10_000 for i in range(n)], [50.43] * n), crs=4326)


def _literals(html: str, name: str) -> list:
    return [json.loads(json.loads(m)) for m in re.findall(rf"var {name} = " + _LITERAL.pattern, html)]


def _words(html: str, marker: str) -> dict:
    """The words object passed to one of our map scripts (``…})(map_x, JSON.parse("…"));``)."""
    block = html[html.index(marker):]
    literal = re.search(r"\}\)\(map_\w+, " + _LITERAL.pattern + r"\);", block).group(1)
    return json.loads(json.loads(literal))


def test_the_map_frame_speaks_french_and_names_its_controls(store):
    html = maps.territory_map(store.zones()).get_root().render()
    words = _words(html, "document.documentElement.lang = words.lang")
    assert words["lang"] == "fr"
    assert words["title"] == "Carte du territoire"
    assert (words["zoomIn"], words["zoomOut"], words["close"]) == ("Zoomer", "Dézoomer", "Fermer la fiche")
    assert "Tabulation" in words["label"]
    # a metric scale only (folium's own would add miles and feet)
    assert "L.control.scale({imperial: false})" in html
    assert "L.control.scale()" not in html
    # a visible outline for the keyboard focus
    assert ".leaflet-container:focus-visible { outline: 3px solid" in html


def test_contributions_are_reachable_with_tab_up_to_max_icons(store):
    few, many = (maps.territory_map(store.zones()) for _ in range(2))
    maps.add_contributions(few, _frame(maps.MAX_ICONS))
    maps.add_contributions(many, _frame(maps.MAX_ICONS + 1))
    # the zones (first layer) are not focusable; the contributions (last layer) are
    assert _literals(few.get_root().render(), "keyboard")[0] is None
    spec = _literals(few.get_root().render(), "keyboard")[-1]
    assert spec == {"template": "{kind} : {title}", "kindField": "kind_label"}
    # beyond, the page's list is the way without a mouse
    assert _literals(many.get_root().render(), "keyboard")[-1] is None


def test_done_and_plan_layers_are_reachable_too(store):
    import shapely

    fmap = maps.territory_map(store.zones())
    done = _frame(2).assign(status="done")
    maps.add_done(fmap, done)
    items = gpd.GeoDataFrame(
        {"id": ["p1"], "title": ["Un abri"], "description": [""], "status": ["planned"], "service": ["voirie"],
         "start_date": [datetime(2025, 1, 1)], "made_with_residents": [True], "public_reason": [None]},
        geometry=[shapely.Point(2.8, 50.43)], crs=4326)
    maps.add_plan_items(fmap, items)
    specs = _literals(fmap.get_root().render(), "keyboard")
    assert [s is not None for s in specs] == [False, True, True]


def test_the_pick_map_has_a_keyboard_crosshair(store):
    fmap = maps.territory_map(store.zones())
    maps.add_keyboard_picker(fmap)
    html = fmap.get_root().render()
    words = _words(html, 'container.setAttribute("role", "application")')
    assert words["label"] == "Carte pour placer votre contribution"
    assert "Entrée place le point" in words["help"]
    assert words["placed"] == "Point placé au centre de la carte : latitude {lat}, longitude {lon}."
    assert 'fire("click", {latlng: at})' in html  # reported to the app as a click is
    assert ".cp-crosshair" in html
