"""The public location precision (issue 13, privacy): a memory or a need is published on
a grid of cells in Lambert-93, computed at write time and stored; agents keep the exact
position. Contract tests: each runs on both backends (fixture ``backend_store``)."""

from __future__ import annotations

import io
import json
import re

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
import shapely

from cartoparti.commands import exports
from cartoparti.model import Draft, validate_draft
from cartoparti.privacy import public_decimals, public_geometries
from cartoparti.settings import DEFAULT_THEMES, Settings, SettingsError

HOME = shapely.Point(2.8312345, 50.4321234)  # a memory at a private home, in Lens
BENCH = shapely.Point(2.7912345, 50.4621234)  # a proposal, exact kind (Loos-en-Gohelle)
GARDEN = shapely.box(2.83201, 50.43201, 2.83231, 50.43221)  # a 20 m polygon: a home's plot
STREET = shapely.LineString([(2.8201234, 50.4301234), (2.8351234, 50.4381234)])
TO_L93 = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)
SETTINGS = Settings()


def _draft(geometry, kind="memory", title="Chez ma grand-mère", **kw):
    return validate_draft(
        Draft(kind=kind, title=title, text="Le jardin", theme="culture et mémoire", geometry=geometry, **kw),
        themes=DEFAULT_THEMES,
    )


def _node_distance(point: shapely.Point, metres: float) -> float:
    """How far (m) a WGS84 point lies from the nearest node of the Lambert-93 grid."""
    x, y = TO_L93.transform(point.x, point.y)
    return max(abs(x - round(x / metres) * metres), abs(y - round(y / metres) * metres))


def _decimals(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".")[1]) if "." in text else 0


def test_public_geometries_snap_blurred_kinds_and_round_every_kind():
    memory, proposal, garden, street = public_geometries(
        [HOME, HOME, GARDEN, STREET], ["memory", "proposal", "memory", "need"], {"memory": 100, "need": 100}
    )
    assert _node_distance(memory, 100) < 8 and memory.distance(HOME) > 0  # on the grid (± rounding)
    assert max(_decimals(memory.x), _decimals(memory.y)) <= 4
    assert (proposal.x, proposal.y) == (round(HOME.x, 5), round(HOME.y, 5))  # exact kind: about 1 m
    assert garden.geom_type == "Point" and _node_distance(garden, 100) < 8  # a plot is never outlined
    assert street.geom_type == "LineString"
    assert all(_node_distance(shapely.Point(c), 100) < 8 for c in street.coords)
    assert public_decimals(100) == 4 and public_decimals(1000) == 3 and public_decimals(0) == 5


def test_public_precision_setting_is_validated():
    assert Settings().public_precisions == {"need": 100.0, "memory": 100.0}
    chosen = Settings.from_env({"CARTOPARTI_PUBLIC_PRECISION": "Souvenir=250, proposal=10"}).public_precisions
    assert chosen == {"need": 0.0, "weak_signal": 0.0, "memory": 250.0, "proposal": 10.0, "report": 0.0}
    for bad in ("souvenir=cent", "maison=100", "souvenir=1,memory=2", "souvenir=99999", "souvenir=-1",
                "souvenir", "souvenir=10.5"):
        with pytest.raises(SettingsError, match="CARTOPARTI_PUBLIC_PRECISION"):
            Settings.from_env({"CARTOPARTI_PUBLIC_PRECISION": bad})


def test_public_position_is_stored_at_write_time_and_agents_keep_the_exact_one(backend_store):
    store = backend_store
    home = store.add_contribution(_draft(HOME))
    bench = store.add_contribution(_draft(BENCH, kind="proposal", title="Un banc"))
    garden = store.add_contribution(_draft(GARDEN, title="Notre jardin"))
    public = store.contributions().set_index("id")
    assert public.loc[home].geometry.equals(public_geometries([HOME], ["memory"], {"memory": 100})[0])
    assert _node_distance(public.loc[home].geometry, 100) < 8
    assert (public.loc[home, "lon"], public.loc[home, "lat"]) == (public.loc[home].geometry.x,
                                                                  public.loc[home].geometry.y)
    assert public.loc[garden].geometry.geom_type == "Point"
    assert public.loc[bench].geometry.equals(shapely.Point(round(BENCH.x, 5), round(BENCH.y, 5)))
    one = store.contribution(home)
    assert (one["lon"], one["lat"]) == (public.loc[home, "lon"], public.loc[home, "lat"])
    agents = store.agent_contributions().set_index("id")
    assert (agents.loc[home, "lon"], agents.loc[home, "lat"]) == (HOME.x, HOME.y)
    points = store.cluster_input(public=True).set_index("id")
    assert points.loc[home, "lon"] == public.loc[home, "lon"]
    assert store.cluster_input().set_index("id").loc[home, "lon"] == HOME.x


@pytest.mark.parametrize("fmt", ["geojson", "csv", "open311", "gpkg"])
def test_open_exports_carry_only_the_public_position(backend_store, fmt, tmp_path):
    store = backend_store
    store.add_contribution(_draft(HOME))
    store.add_contribution(_draft(STREET, kind="need", title="Ma rue"))
    expected = public_geometries([HOME], ["memory"], {"memory": 100})[0]
    if fmt == "gpkg":
        path = tmp_path / "open.gpkg"
        path.write_bytes(exports.export_bytes(store, SETTINGS, fmt))
        layer = pd.concat(  # the memory is a point, the street a line: one layer each
            [gpd.read_file(path, layer=name) for name in ("contributions_points", "contributions_lignes")]
        ).set_index("title")
        assert sorted(layer.index) == ["Chez ma grand-mère", "Ma rue"]
        assert layer.loc["Chez ma grand-mère"].geometry.equals(expected)
        coords = [c for g in layer.geometry for c in shapely.get_coordinates(g).ravel()]
    else:
        data = exports.export_bytes(store, SETTINGS, fmt).decode("utf-8")
        for exact in ("2.831234", "50.432123", "2.820123", "50.438123"):
            assert exact not in data, f"{fmt} carries an exact coordinate"
        if fmt == "geojson":
            features = {f["properties"]["title"]: f for f in json.loads(data)["features"]}
            assert shapely.geometry.shape(features["Chez ma grand-mère"]["geometry"]).equals(expected)
            coords = [c for f in features.values()
                      for c in shapely.get_coordinates(shapely.geometry.shape(f["geometry"])).ravel()]
        elif fmt == "csv":
            frame = pd.read_csv(io.StringIO(data)).set_index("title")
            assert (frame.loc["Chez ma grand-mère", "lon"], frame.loc["Chez ma grand-mère", "lat"]) == (
                expected.x, expected.y)
            coords = [*frame["lon"], *frame["lat"]]
            coords += [float(n) for w in frame["wkt"] for n in re.findall(r"-?\d+\.\d+", w)]
        else:
            requests = {r["description"].split(" ")[0]: r for r in json.loads(data)["requests"]}
            coords = [v for r in json.loads(data)["requests"] for v in (r["lat"], r["long"])]
            assert len(requests) >= 1
    assert coords and max(_decimals(c) for c in coords) <= 4, "a 100 m grid has no 7-decimal coordinate"


def test_a_new_precision_recomputes_every_public_position(backend_store):
    store = backend_store
    home = store.add_contribution(_draft(HOME))
    bench = store.add_contribution(_draft(BENCH, kind="proposal", title="Un banc"))
    assert store.set_public_precision({"memory": 100.0, "need": 100.0}) == 0  # the default: nothing to do
    assert store.set_public_precision({"memory": 1000.0, "proposal": 50.0}) == 2
    assert store.public_precision() == {"memory": 1000.0, "proposal": 50.0}
    public = store.contributions().set_index("id")
    assert _node_distance(public.loc[home].geometry, 1000) < 60
    assert max(_decimals(public.loc[home, "lon"]), _decimals(public.loc[home, "lat"])) <= 3
    assert _node_distance(public.loc[bench].geometry, 50) < 8
    later = store.add_contribution(_draft(HOME, title="Encore chez elle"))  # written with the new grid
    assert store.contributions().set_index("id").loc[later].geometry.equals(public.loc[home].geometry)
    assert store.set_public_precision({"memory": 1000.0, "proposal": 50.0}) == 0


def test_rows_stored_before_public_positions_are_filled_by_the_upgrade(backend_store):
    store = backend_store
    home = store.add_contribution(_draft(HOME))
    with store._write() as cur:  # as a database from before the migration holds them
        cur.execute("UPDATE contributions SET public_geom = NULL, public_lon = NULL, public_lat = NULL")
    store.migrate()
    got = store.contributions().set_index("id").loc[home]
    assert got.geometry.equals(public_geometries([HOME], ["memory"], {"memory": 100})[0])
    assert (got.lon, got.lat) == (got.geometry.x, got.geometry.y)


def test_imported_rows_get_their_public_position_and_open311_keeps_its_decimals(backend_store, tmp_path):
    store = backend_store
    path = tmp_path / "memoires.csv"
    path.write_text(
        "id,kind,title,text,theme,wkt\n"
        f"m1,souvenir,La maison,Mon enfance,culture et mémoire,{HOME.wkt}\n"
        f'm2,besoin,Un quartier,Trop de voitures,mobilité,"{shapely.box(2.82, 50.425, 2.835, 50.436).wkt}"\n',
        encoding="utf-8",
    )
    from cartoparti.io.importer import import_file

    report = import_file(store, path, themes=DEFAULT_THEMES, published=True)
    assert report.imported == 2
    public = store.contributions().set_index("title")
    assert public.loc["La maison"].geometry.equals(public_geometries([HOME], ["memory"], {"memory": 100})[0])
    assert public.loc["Un quartier"].geometry.geom_type == "Polygon"
    requests = json.loads(exports.export_bytes(store, SETTINGS, "open311"))["requests"]
    assert requests and all(_decimals(r["lat"]) <= 4 and _decimals(r["long"]) <= 4 for r in requests)
