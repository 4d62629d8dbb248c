"""Maps render with local assets only, and user text can never become HTML or script."""

import json
import re
from datetime import datetime

import shapely

from cartoparti.model import Draft, validate_draft
from cartoparti.present import maps
from cartoparti.settings import DEFAULT_THEMES, Basemap, Settings

EVIL_TITLE = '</script><img src=x onerror="alert(1)">'
EVIL_TEXT = "<b>gras</b> & \u2028 <script>alert(2)</script>"


def _map_html(store, monkeypatch, tiles=None):
    basemap = Settings.from_env({"CARTOPARTI_TILES_URL": tiles} if tiles else {}).basemap
    store.add_contribution(validate_draft(
        Draft(kind="memory", title=EVIL_TITLE, text=EVIL_TEXT, theme="nature",
              geometry=shapely.Point(2.79, 50.46), created_at=datetime(2024, 5, 1)), themes=DEFAULT_THEMES))
    fmap = maps.territory_map(
        store.zones(), landmarks=store.landmarks(), attribution="Données <ouvertes>", basemap=basemap
    )
    maps.add_contributions(fmap, store.contributions())
    maps.add_draw(fmap)
    maps.layer_control(fmap)
    return fmap.get_root().render()


def test_no_resource_from_outside_without_tile_url(store, monkeypatch):
    html = _map_html(store, monkeypatch)
    urls = set(re.findall(r"""(?:src|href)=["']([^"']+)["']""", html))
    assert urls, "the map must load its scripts"
    assert all(u.startswith("/app/static/vendor/") for u in urls), urls
    assert not re.search(r"https?://", html.replace("http://www.w3.org", ""))


def test_folium_defaults_point_at_local_assets():
    import folium.plugins

    for cls in (maps.folium.Map, folium.plugins.Draw):
        for _, url in [*cls.default_js, *cls.default_css]:
            assert url.startswith("/app/static/vendor/")


def test_tile_url_is_a_setting(store, monkeypatch):
    html = _map_html(store, monkeypatch, tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    assert "tiles.example.org" in html


def test_plan_ign_is_one_setting(store):
    basemap = Settings.from_env({"CARTOPARTI_BASEMAP": "plan-ign"}).basemap
    assert basemap.kind == "plan-ign" and basemap.remote
    html = maps.territory_map(store.zones(), basemap=basemap).get_root().render()
    assert "https://data.geopf.fr/wmts?" in html and "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in html
    assert "TILEMATRIX={z}" in html and "Plan IGN v2" in html and "Licence Ouverte" in html


def test_a_pmtiles_basemap_is_read_from_our_server(store, tmp_path):
    (tmp_path / "fond.pmtiles").write_bytes(b"PMTiles")
    basemap = Settings.from_env({"CARTOPARTI_BASEMAP": "pmtiles", "CARTOPARTI_TERRITORY": str(tmp_path)}).basemap
    assert basemap == Basemap("pmtiles", file=(tmp_path / "fond.pmtiles").resolve(),
                              attribution=basemap.attribution) and not basemap.remote
    assert "OpenStreetMap" in basemap.attribution
    html = maps.territory_map(store.zones(), basemap=basemap).get_root().render()
    assert '<script src="/app/static/vendor/protomaps-leaflet/protomaps-leaflet.js">' in html
    assert '"/app/static/basemap/fond.pmtiles"' in html
    assert not re.search(r"https?://", html.replace("http://www.w3.org", ""))


def test_user_text_is_never_markup(store, monkeypatch):
    html = _map_html(store, monkeypatch)
    # the raw strings never appear: they could close the script or inject markup
    assert EVIL_TITLE not in html and "<script>alert(2)" not in html and "<b>gras</b>" not in html
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=" in html
    assert "\u2028" not in html
    # popups and tooltips are filled with textContent, never innerHTML
    assert "textContent" in html and "innerHTML" not in html
    # the attribution is escaped too
    assert "Données &lt;ouvertes&gt;" in html or "Donn\\u00e9es \\u0026lt;ouvertes\\u0026gt;" in html or "Données \\u0026lt;ouvertes\\u0026gt;" in html


def test_kinds_have_distinct_colours_and_icons():
    from cartoparti.model import KIND_STYLE, KINDS

    assert set(KIND_STYLE) == set(KINDS)
    assert len({v["color"] for v in KIND_STYLE.values()}) == len(KINDS)
    assert len({v["icon"] for v in KIND_STYLE.values()}) == len(KINDS)


def test_many_points_are_light_circles_not_icons(store):
    import geopandas as gpd
    import numpy as np

    rng = np.random.default_rng(0)
    n = maps.MAX_ICONS + 1
    frame = gpd.GeoDataFrame(
        {"id": [str(i) for i in range(n)], "kind": "need", "title": "t", "text": "", "theme": "nature",
         "created_at": [datetime(2024, 1, 1)] * n, "zone_name": "Lens", "status": "received"},
        geometry=gpd.points_from_xy(2.8 + rng.random(n) / 100, 50.43 + rng.random(n) / 100), crs=4326)
    few, many = (maps.territory_map(store.zones()) for _ in range(2))
    maps.add_contributions(few, frame.head(maps.MAX_ICONS))
    maps.add_contributions(many, frame)
    assert _icons(few.get_root().render())["need"] == "\u271a"
    assert _icons(many.get_root().render()) == {}


def _icons(html):
    from tests.test_maps_templates import _LITERAL

    # the last layer added: the contributions (the territory's layers come first)
    literal = re.findall(r"var icons = " + _LITERAL.pattern, html)[-1]
    return json.loads(json.loads(literal))


def test_a_map_framed_on_a_place_stays_framed_when_its_frame_is_resized(store):
    fmap = maps.territory_map(store.zones(), attribution="Données ouvertes", basemap=Settings().basemap)
    place = [[50.43, 2.82], [50.44, 2.84]]
    maps.frame(fmap, place)
    html = fmap.get_root().render()
    # the resize handler of our stylesheet element re-frames on the place, not the territory
    resize = html[html.index("keep the top clear of the layer control"):]
    framed = re.search(r"\}\)\(map_\w+, JSON\.parse\((\"[^)]*\")\)\);", resize)
    assert json.loads(json.loads(framed.group(1))) == place
