"""The public map beyond MAX_FEATURES contributions: counts by zone, computed by the
storage (both backends), that add up to the true total."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cartoparti.model import Draft, validate_draft
from cartoparti.settings import DEFAULT_THEMES

LENS, LOOS, LIEVIN = "62498", "62528", "62510"


def _add(store, code: str, n: int, *, kind: str = "need", year: int = 2024, published: bool = True) -> None:
    point = store.zone_point(code)
    drafts = [
        validate_draft(Draft(kind=kind, title=f"{kind} {code} {year} {i}", text="", theme="nature",
                             geometry=point, created_at=datetime(year, 3, 1 + i)), themes=DEFAULT_THEMES)
        for i in range(n)
    ]
    for i, d in enumerate(drafts):
        d.source_key = f"test:{code}:{kind}:{year}:{published}:{i}"
    assert len(store.add_contributions(drafts, published=published).inserted) == n


def _by_code(counts: pd.DataFrame) -> dict[str | None, int]:
    return {(None if pd.isna(c) else c): int(n) for c, n in zip(counts["code"], counts["count"], strict=True)}


def test_counts_by_zone_follow_the_filters_and_add_up(backend_store):
    store = backend_store
    _add(store, LENS, 3, kind="need", year=2023)
    _add(store, LENS, 1, kind="memory", year=2025)
    _add(store, LOOS, 2, kind="memory", year=2024)
    _add(store, LIEVIN, 1, kind="need", year=2025)
    _add(store, LIEVIN, 4, kind="need", year=2025, published=False)  # never on the public map

    counts = store.contribution_zone_counts()
    assert list(counts.columns) == ["layer", "code", "name", "count", "lon", "lat"]
    assert _by_code(counts) == {LENS: 4, LOOS: 2, LIEVIN: 1}
    assert list(counts["code"]) == [LENS, LOOS, LIEVIN]  # most first
    assert set(counts["layer"]) == {store.primary_layer()}
    names = dict(zip(store.zones()["code"], store.zones()["name"], strict=True))
    assert dict(zip(counts["code"], counts["name"], strict=True)) == {c: names[c] for c in (LENS, LOOS, LIEVIN)}
    # each point lies inside its zone
    zones = store.zones().set_index("code")
    for row in counts.itertuples():
        assert zones.geometry[row.code].contains(shapely.Point(row.lon, row.lat)), row
    assert int(counts["count"].sum()) == store.count_contributions(published_only=True) == 7

    needs = store.contribution_zone_counts(kinds=["need"])
    assert _by_code(needs) == {LENS: 3, LIEVIN: 1}
    recent = store.contribution_zone_counts(since=datetime(2024, 1, 1, tzinfo=UTC))
    assert _by_code(recent) == {LENS: 1, LOOS: 2, LIEVIN: 1}
    both = store.contribution_zone_counts(kinds=["need"], since=datetime(2024, 1, 1, tzinfo=UTC),
                                          until=datetime(2026, 1, 1, tzinfo=UTC))
    assert _by_code(both) == {LIEVIN: 1}
    for filters in ({"kinds": ["need"]}, {"themes": ["nature"]}, {"themes": ["mobilite"]},
                    {"until": datetime(2024, 1, 1, tzinfo=UTC)}):
        assert int(store.contribution_zone_counts(**filters)["count"].sum()) == store.count_contributions(
            published_only=True, **filters), filters
    assert store.contribution_zone_counts(themes=["mobilite"]).empty
    with_held = store.contribution_zone_counts(published_only=False)
    assert _by_code(with_held)[LIEVIN] == 5


def _halves(communes: gpd.GeoDataFrame, first: int) -> gpd.GeoDataFrame:
    """A finer layer over the ``first`` communes only: each cut in two (west, east)."""
    rows = []
    for row in communes.head(first).itertuples():
        minx, miny, maxx, maxy = row.geometry.bounds
        mid = (minx + maxx) / 2
        for side, box in (("o", shapely.box(minx, miny, mid, maxy)), ("e", shapely.box(mid, miny, maxx, maxy))):
            rows.append({"code": f"{row.code}{side}", "name": f"{row.name} {side}", "population": 1.0,
                         "population_attribute": 1.0, "population_source": "test", "has_breakdown": False,
                         "geometry": row.geometry.intersection(box)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


@pytest.fixture
def two_layers(backend_store, loaded_territory):
    """The territory plus a finer layer of half communes covering only some of them."""
    communes = loaded_territory.layer(loaded_territory.primary)
    ordered = communes.zones.sort_values("code", key=lambda s: s.map({LENS: 0, LOOS: 1}).fillna(2))
    finer = dataclasses.replace(communes, name="demi", label="Demi-communes", zones=_halves(ordered, 20))
    territory = dataclasses.replace(loaded_territory, zone_layers=[*loaded_territory.zone_layers, finer])
    backend_store.load_territory(territory)
    return backend_store


def test_the_finest_layer_is_counted_and_contributions_in_no_zone_are_not_lost(two_layers):
    store = two_layers
    _add(store, LENS, 3)
    _add(store, LOOS, 2)
    _add(store, LIEVIN, 5)  # Liévin is not among the 20 halved communes
    counts = store.contribution_zone_counts()
    assert set(counts["layer"]) == {"demi"}
    found = _by_code(counts)
    assert found.pop(None) == 5
    # each commune's point lies in one of its halves
    assert {c[:5] for c in found} == {LENS, LOOS}
    assert sum(n for c, n in found.items() if c.startswith(LENS)) == 3
    assert sum(found.values()) + 5 == store.count_contributions(published_only=True) == 10
    unzoned = counts[counts["code"].isna()].iloc[0]
    assert pd.isna(unzoned["name"]) and pd.isna(unzoned["lon"]) and pd.isna(unzoned["lat"])
    # at most 36 zones: the communes (the halves are 40)
    coarse = store.contribution_zone_counts(max_zones=36)
    assert _by_code(coarse) == {LIEVIN: 5, LENS: 3, LOOS: 2}
    assert set(coarse["layer"]) == {store.primary_layer()}
    # none fits: the coarsest
    assert set(store.contribution_zone_counts(max_zones=3)["layer"]) == {store.primary_layer()}


# -- the public map at any size --------------------------------------------------------

def _collections(html: str) -> list[dict]:
    """The GeoJSON FeatureCollections a rendered map ships to the browser."""
    from tests.test_maps_templates import decoded_values

    return [v for v in decoded_values(html) if isinstance(v, dict) and v.get("type") == "FeatureCollection"]


def _zone_count_features(html: str) -> list[dict]:
    return [f for c in _collections(html) for f in c["features"] if "count_text" in (f.get("properties") or {})]


def _fill(path, n: int, seed: int = 1) -> None:
    from bench.bench_backends import drafts
    from cartoparti.storage import open_storage

    with open_storage(path) as store:
        zones = store.zones()
        for batch in drafts(zones, n, seed=seed):
            for d in batch:
                d.source_key = f"{seed}:{d.source_key}"
            store.add_contributions(batch)


@pytest.fixture(scope="module")
def big_db(tmp_path_factory, template_db):
    """A database of 100,000 published contributions (loaded in bulk, as the bench does)."""
    import shutil

    path = tmp_path_factory.mktemp("big") / "big.duckdb"
    shutil.copy(template_db, path)
    _fill(path, 100_000)
    return path


def _public_map(db_path, monkeypatch):
    """Run the public map page on ``db_path``: the page, and the map it ships
    (its full HTML page and what streamlit-folium sends)."""
    from streamlit.testing.v1 import AppTest
    from streamlit_folium import generate_leaflet_string

    from cartoparti import web
    from tests.conftest import ROOT, TERRITORY

    monkeypatch.setenv("CARTOPARTI_DB", str(db_path))
    monkeypatch.setenv("CARTOPARTI_TERRITORY", str(TERRITORY))
    monkeypatch.delenv("CARTOPARTI_TILES_URL", raising=False)
    shipped: list = []
    monkeypatch.setattr(web, "show_map", lambda fmap, **_kw: shipped.append(fmap))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/carte.py").run()
    assert not at.exception, at.exception
    [fmap] = shipped
    return at, fmap.get_root().render(), generate_leaflet_string(fmap)


def _texts(at) -> str:
    return "\n".join([*(c.value for c in at.caption), *(i.value for i in at.info)])


def test_a_hundred_thousand_contributions_make_a_light_map_with_the_true_count(big_db, monkeypatch):
    from cartoparti.i18n import formats
    from cartoparti.present.maps import MAX_FEATURES

    at, page, leaflet = _public_map(big_db, monkeypatch)
    for html in (page, leaflet):
        assert len(html.encode()) < 2_000_000, len(html.encode())
        assert sum(len(c["features"]) for c in _collections(html)) <= MAX_FEATURES
    texts = _texts(at)
    assert f"{formats.number(100_000)} contribution(s)" in texts, texts
    assert "la carte montre leur nombre par zone" in texts
    counts = _zone_count_features(page)
    assert len(counts) == 36  # one per commune
    assert sum(f["properties"]["count"] for f in counts) == 100_000  # every one is in a commune
    assert all(f["properties"]["count_label"].endswith(" contributions") for f in counts)
    assert "Dont" not in texts  # none left out
    # no contribution is drawn one by one
    assert not [f for c in _collections(page) for f in c["features"] if "kind_label" in f["properties"]]


def test_up_to_two_thousand_pins_then_counts_by_zone(db_path, monkeypatch):
    from cartoparti.i18n import formats

    _fill(db_path, 2000)
    at, page, _ = _public_map(db_path, monkeypatch)
    pins = [f for c in _collections(page) for f in c["features"] if "kind_label" in f["properties"]]
    assert len(pins) == 2000 and not _zone_count_features(page)
    assert "par zone" not in _texts(at)
    _fill(db_path, 1, seed=2)
    at, page, _ = _public_map(db_path, monkeypatch)
    counts = _zone_count_features(page)
    assert sum(f["properties"]["count"] for f in counts) == 2001
    assert not [f for c in _collections(page) for f in c["features"] if "kind_label" in f["properties"]]
    assert f"{formats.number(2001)} contribution(s)" in _texts(at)
    assert "la carte montre leur nombre par zone" in _texts(at)
    # the list under the map says it holds the newest only
    assert any("2" in c.value and "plus récentes" in c.value for c in at.caption)


def _counts_frame(store, counts: list[int], unzoned: int = 0) -> pd.DataFrame:
    zones = store.zones().head(len(counts))
    points = zones.geometry.representative_point()
    frame = pd.DataFrame({"layer": "communes", "code": zones["code"].to_numpy(), "name": zones["name"].to_numpy(),
                          "count": counts, "lon": points.x.to_numpy(), "lat": points.y.to_numpy()})
    if unzoned:
        frame = pd.concat([frame, pd.DataFrame([{"layer": "communes", "code": None, "name": None,
                                                 "count": unzoned, "lon": None, "lat": None}])])
    return frame


def test_zone_counts_beyond_the_cap_and_in_no_zone_are_reported_not_lost(store):
    from cartoparti.present import maps

    fmap = maps.territory_map(store.zones())
    _layer, left_out = maps.add_zone_counts(fmap, _counts_frame(store, [1, 50, 7, 400], unzoned=9), max_features=3)
    drawn = _zone_count_features(fmap.get_root().render())
    # the three largest are drawn; the smallest zone and those in no zone are said
    assert sorted(f["properties"]["count"] for f in drawn) == [7, 50, 400]
    assert left_out == 1 + 9
    sizes = {f["properties"]["count"]: f["properties"]["size"] for f in drawn}
    assert maps.ZONE_COUNT_SIZES[0] <= sizes[7] < sizes[50] < sizes[400] == maps.ZONE_COUNT_SIZES[1]
    one = maps.territory_map(store.zones())
    maps.add_zone_counts(one, _counts_frame(store, [1]))
    [single] = _zone_count_features(one.get_root().render())
    assert single["properties"]["count_label"] == "1 contribution"
    assert maps.add_zone_counts(maps.territory_map(store.zones()), _counts_frame(store, [], unzoned=4)) == (None, 4)


def test_counts_by_zone_keep_the_white_stones_within_the_feature_budget(store, monkeypatch):
    """With counts by zone, the done contributions given still show as white stones,
    as many as leave the map under MAX_FEATURES features."""
    from cartoparti import web
    from cartoparti.present import maps

    shipped: list = []
    monkeypatch.setattr(web, "base_map", lambda **_kw: maps.territory_map(store.zones()))
    monkeypatch.setattr(web, "show_map", lambda fmap, **_kw: shipped.append(fmap))
    monkeypatch.setattr(maps, "MAX_FEATURES", 5)
    n = 4
    done = gpd.GeoDataFrame(
        {"id": [f"d{i}" for i in range(n)], "kind": "need", "title": [f"fait {i}" for i in range(n)],
         "text": "", "theme": "nature", "created_at": [datetime(2024, 1, 1)] * n, "zone_name": "Lens",
         "status": ["done", "done", "received", "done"], "answer": None, "supports": 0},
        geometry=[shapely.Point(2.83, 50.43)] * n, crs=4326)
    left_out = web.contributions_map(done, key="m", zone_counts=_counts_frame(store, [3, 2, 1], unzoned=2))
    assert left_out == 2
    html = shipped[0].get_root().render()
    assert len(_zone_count_features(html)) == 3
    stones = [f["properties"]["title"] for c in _collections(html) for f in c["features"]
              if (f.get("properties") or {}).get("title", "").startswith("fait")]
    assert stones == ["fait 0", "fait 1"]  # 5 features at most: 3 counts, 2 stones
