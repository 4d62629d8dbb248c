"""Open exports that speak French: label columns beside the codes, the « moi aussi »
count, the service and the participation level; a GeoPackage with one layer per
geometry type (Point, LineString, Polygon) and typed ``DATETIME`` times. On the real
Lens-Liévin territory, DuckDB and PostGIS (``backend_store``)."""

import csv
import io
import json
import sqlite3

import pandas as pd
import pyogrio
import pytest
import shapely

from cartoparti.commands import answers, contribute, exports, moderation, residents
from cartoparti.io.export import PUBLIC_COLUMNS
from cartoparti.settings import Settings

AGENT = {"name": "alice", "role": "agent"}
LENS, LOOS = "62498", "62528"
CONFIG = Settings()
CODES = ("id", "kind", "title", "text", "theme", "channel", "created_at", "status", "answer",
         "zone_code", "zone_name")
"""The columns the exports had before the labels: other tools read them."""
LABELS = ("kind_label", "channel_label", "status_label", "level_label")


def _add(store, title, zone, location, *, kind, who, channel="online"):
    return contribute.submit(
        store, settings=CONFIG, kind=kind, title=title, text="Un texte", theme=CONFIG.themes[0],
        location=location, contributor_id=who, age_band="30-44", csp="CS5", home_commune=zone,
        channel=channel,
    ).id


@pytest.fixture
def planted(backend_store):
    """Two points in Lens (one supported twice, one answered), a line in Loos (qualified
    with a service and a level), an area in Loos (supported once)."""
    store = backend_store
    lens, loos = store.zone_point(LENS), store.zone_point(LOOS)
    ids = {
        "point": _add(store, "Un banc", LENS, lens, kind="proposal", who="p1"),
        "answered": _add(store, "Un trou", LENS, shapely.Point(lens.x + 0.001, lens.y),
                         kind="report", who="p2", channel="workshop"),
        "line": _add(store, "Une piste", LOOS,
                     shapely.LineString([(loos.x, loos.y), (loos.x + 0.003, loos.y + 0.002)]),
                     kind="need", who="p3"),
        "area": _add(store, "Un jardin", LOOS, shapely.Point(loos.x, loos.y).buffer(0.002),
                     kind="memory", who="p4"),
    }
    residents.support(store, ids["point"], "s-1", settings=CONFIG)
    residents.support(store, ids["point"], "s-2", settings=CONFIG)
    residents.support(store, ids["area"], "s-3", settings=CONFIG)
    answers.answer(store, AGENT, ids["answered"], status="under_study", message="Nous regardons.")
    moderation.qualify(store, AGENT, ids["line"], settings=CONFIG, service=CONFIG.services[0],
                       level="concertation")
    return store, ids


def test_the_geopackage_has_one_typed_layer_per_geometry_type(planted, tmp_path):
    store, ids = planted
    path = tmp_path / "cartoparti.gpkg"
    assert exports.write_export(store, CONFIG, "gpkg", path) == 4
    layers = dict(pyogrio.list_layers(path))
    assert list(layers) == ["contributions_points", "contributions_lignes", "contributions_zones",
                            "zones", "places", "plan_items"]
    assert (layers["contributions_points"], layers["contributions_lignes"],
            layers["contributions_zones"]) == ("Point", "LineString", "Polygon")
    with sqlite3.connect(path) as db:
        declared = dict(db.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
        created = dict(db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'contributions_%'"
        ))
    assert {k: declared[k] for k in created} == {
        "contributions_points": "POINT", "contributions_lignes": "LINESTRING", "contributions_zones": "POLYGON"
    }
    for sql in created.values():
        assert '"created_at" DATETIME' in sql and '"answered_at" DATETIME' in sql

    points = pyogrio.read_dataframe(path, layer="contributions_points").set_index("id")
    lines = pyogrio.read_dataframe(path, layer="contributions_lignes").set_index("id")
    areas = pyogrio.read_dataframe(path, layer="contributions_zones").set_index("id")
    assert sorted(points.index) == sorted([ids["point"], ids["answered"]])
    assert list(lines.index) == [ids["line"]] and list(areas.index) == [ids["area"]]
    for layer in (points, lines, areas):
        assert list(layer.reset_index().columns) == [*PUBLIC_COLUMNS, "geometry"]
        assert pd.api.types.is_datetime64_any_dtype(layer["created_at"])
        assert pd.api.types.is_datetime64_any_dtype(layer["answered_at"])

    expected = store.export_frame().set_index("id")
    stamp = pd.Timestamp(expected.loc[ids["line"], "created_at"])
    assert lines.loc[ids["line"], "created_at"] == stamp  # the same instant, UTC
    assert points.loc[ids["answered"], "answered_at"] == pd.Timestamp(
        expected.loc[ids["answered"], "answered_at"]).tz_localize("UTC").floor("s")
    assert pd.isna(points.loc[ids["point"], "answered_at"])

    assert (points.loc[ids["point"], "kind"], points.loc[ids["point"], "kind_label"]) == ("proposal", "proposition")
    assert (points.loc[ids["answered"], "status"], points.loc[ids["answered"], "status_label"]) == (
        "under_study", "à l'étude")
    assert (points.loc[ids["answered"], "channel"], points.loc[ids["answered"], "channel_label"]) == (
        "workshop", "atelier")
    assert (lines.loc[ids["line"], "kind_label"], areas.loc[ids["area"], "kind_label"]) == ("besoin", "souvenir")
    assert points.loc[ids["point"], "status_label"] == "reçue"
    assert points.loc[ids["point"], "channel_label"] == "en ligne"
    assert (lines.loc[ids["line"], "service"], lines.loc[ids["line"], "level"],
            lines.loc[ids["line"], "level_label"]) == (CONFIG.services[0], "concertation", "concertation")
    assert pd.isna(points.loc[ids["point"], "service"]) and pd.isna(points.loc[ids["point"], "level_label"])
    assert points.loc[ids["point"], "supports"] == 2 and points.loc[ids["answered"], "supports"] == 0
    assert lines.loc[ids["line"], "supports"] == 0 and areas.loc[ids["area"], "supports"] == 1
    assert points.loc[ids["answered"], "answer"] == "Nous regardons."


def test_a_multi_geometry_declares_the_multi_type_of_its_family(tmp_path):
    import geopandas as gpd

    from cartoparti.io.export import write_geopackage

    square = shapely.box(2.8, 50.4, 2.81, 50.41)
    frame = gpd.GeoDataFrame(
        {"id": ["a", "b"]},
        geometry=[square, shapely.MultiPolygon([shapely.box(2.82, 50.4, 2.83, 50.41), square])],
        crs="EPSG:4326",
    )
    path = tmp_path / "m.gpkg"
    write_geopackage({"contributions_zones": frame}, path)
    assert dict(pyogrio.list_layers(path)) == {"contributions_zones": "MultiPolygon"}
    back = pyogrio.read_dataframe(path)
    assert list(back.geom_type) == ["MultiPolygon", "MultiPolygon"]
    assert back.geometry.iloc[0].equals(shapely.MultiPolygon([square]))


def test_empty_geometry_layers_are_left_out(backend_store, tmp_path):
    store = backend_store
    _add(store, "Un banc", LENS, store.zone_point(LENS), kind="proposal", who="p1")
    path = tmp_path / "cartoparti.gpkg"
    assert exports.write_export(store, CONFIG, "gpkg", path) == 1
    assert [n for n, _k in pyogrio.list_layers(path)] == ["contributions_points", "zones", "places", "plan_items"]


def test_csv_and_geojson_carry_the_labels_beside_the_codes(planted):
    store, ids = planted
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exports.export_bytes(store, CONFIG, "csv").decode()))}
    assert sorted(rows) == sorted(ids.values())
    header = list(next(iter(rows.values())))
    assert set(CODES) | set(LABELS) | {"supports", "service", "level", "answered_at"} <= set(header)
    assert header[:len(CODES)] == list(CODES)  # the earlier columns first, in their order
    point, line, answered = rows[ids["point"]], rows[ids["line"]], rows[ids["answered"]]
    assert (point["kind"], point["kind_label"], point["status"], point["status_label"]) == (
        "proposal", "proposition", "received", "reçue")
    assert (line["service"], line["level"], line["level_label"]) == (CONFIG.services[0], "concertation", "concertation")
    assert (point["supports"], rows[ids["area"]]["supports"], line["supports"]) == ("2", "1", "0")
    # times stay ISO 8601 text in UTC, machine-readable
    assert pd.Timestamp(point["created_at"]).tzname() == "UTC" and point["created_at"].endswith("Z")
    assert answered["answered_at"].endswith("Z") and "T" in answered["answered_at"]
    assert point["answered_at"] == ""

    geojson = json.loads(exports.export_bytes(store, CONFIG, "geojson"))
    props = {f["properties"]["id"]: f["properties"] for f in geojson["features"]}
    assert sorted(props) == sorted(ids.values())
    assert set(CODES) | set(LABELS) <= set(props[ids["point"]])
    assert (props[ids["answered"]]["status"], props[ids["answered"]]["status_label"]) == ("under_study", "à l'étude")
    assert (props[ids["answered"]]["channel"], props[ids["answered"]]["channel_label"]) == ("workshop", "atelier")
    assert props[ids["point"]]["supports"] == 2 and props[ids["line"]]["level_label"] == "concertation"
    assert props[ids["line"]]["created_at"] == rows[ids["line"]]["created_at"]


def test_open311_keeps_its_standard_fields_only(planted):
    store, _ids = planted
    requests = json.loads(exports.export_bytes(store, CONFIG, "open311"))["requests"]
    assert not {"kind_label", "status_label", "supports"} & set(requests[0])
