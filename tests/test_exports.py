"""Open exports: the GeoPackage (contributions, zones with their representation figures,
registered layers) read back with pyogrio, GeoJSON, CSV (formula guard), Open311
GeoReport v2, the command line and the Données page."""

import csv
import io
import json
from datetime import datetime

import pandas as pd
import pyogrio
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from cartoparti.analysis.representation.counts import count
from cartoparti.analysis.representation.zones import zone_table
from cartoparti.cli import main
from cartoparti.commands import (
    accounts,
    answers,
    contribute,
    datasets,
    exports,
    moderation,
    residents,
)
from cartoparti.io.export import OPEN311_REQUEST_FIELDS, OPEN311_SERVICE_FIELDS, PUBLIC_COLUMNS
from cartoparti.settings import Settings, Smtp
from cartoparti.storage import open_storage
from tests.conftest import ROOT

AGENT = {"name": "alice", "role": "agent"}
LENS, LOOS = "62498", "62528"
CONFIG = Settings(smtp=Smtp(host="127.0.0.1", port=2525, sender="mairie@exemple.fr"))
PROFILE_FIELDS = ("contributor_id", "age_band", "csp", "home_commune", "first_time")


def _add(store, title, zone, *, who, theme="nature", location=None, **extra):
    return contribute.submit(
        store, settings=CONFIG, kind="proposal", title=title, text="Un texte", theme=theme,
        location=location or store.zone_point(zone), contributor_id=who, age_band="30-44",
        csp="CS5", home_commune=zone, **extra,
    ).id


@pytest.fixture
def planted(backend_store):
    """Lens: three contributions by two people (one a formula); Loos: an area and a
    done one; plus a hidden one and one held for its phone number (both not exported)."""
    store = backend_store
    lens_a = _add(store, "=HYPERLINK(\"http://x\")", LENS, who="p1", email="p1@exemple.fr", email_consent=True)
    lens_b = _add(store, "Un banc", LENS, who="p1")
    lens_c = _add(store, "Une haie", LENS, who="p2", theme="mobilité")
    centre = store.zone_point(LOOS)
    area = shapely.Point(centre.x, centre.y).buffer(0.002)
    loos_a = _add(store, "Un jardin", LOOS, who="p3", location=area)
    loos_b = _add(store, "Un abri", LOOS, who="p4")
    hidden = _add(store, "Caché", LOOS, who="p5")
    held = _add(store, "Appelez le 06 12 34 56 78", LENS, who="p6")
    residents.support(store, lens_a, "s-1", settings=CONFIG, email="soutien@exemple.fr", consent=True)
    moderation.hide(store, AGENT, hidden, "Hors sujet.")
    answers.answer(store, AGENT, loos_b, status="under_study", message="Nous regardons.")
    answers.answer(store, AGENT, loos_b, status="accepted", message="Retenu au budget.")
    answers.answer(store, AGENT, loos_b, status="done", message="Posé en mars.")
    answers.answer(store, AGENT, lens_b, status="under_study", message="Nous regardons.")
    return store, {
        "public": [lens_a, lens_b, lens_c, loos_a, loos_b], "hidden": hidden, "held": held,
        "area": loos_a, "done": loos_b, "studied": lens_b,
    }


def test_geopackage_layers_read_back_with_the_same_rows(planted, tmp_path):
    store, ids = planted
    path = tmp_path / "cartoparti.gpkg"
    assert exports.write_export(store, CONFIG, "gpkg", path) == 5
    # the points and the area each in the layer of their geometry type (no line here)
    assert [name for name, _kind in pyogrio.list_layers(path)] == [
        "contributions_points", "contributions_zones", "zones", "places", "plan_items"
    ]

    points = pyogrio.read_dataframe(path, layer="contributions_points")
    area = pyogrio.read_dataframe(path, layer="contributions_zones")
    assert list(area["id"]) == [ids["area"]]
    back = pd.concat([points, area], ignore_index=True)
    assert list(back.columns) == [*PUBLIC_COLUMNS, "geometry"]
    assert sorted(back["id"]) == sorted(ids["public"])
    expected = store.export_frame().set_index("id")
    for row in back.itertuples():
        assert row.title == expected.loc[row.id, "title"]  # the GeoPackage keeps the text as typed
        assert row.geometry.equals_exact(expected.loc[row.id, "geometry"], 1e-9)
    assert not set(PROFILE_FIELDS) & set(back.columns)

    zones = pyogrio.read_dataframe(path, layer="zones")
    assert list(zones.columns) == [*exports.ZONE_LAYER_COLUMNS, "geometry"]
    assert sorted(zones["code"]) == sorted(store.zones()["code"])
    figures = zone_table(count(store, parts=["zones"], neighbours=False))
    by_code = zones.set_index("code")
    assert by_code.loc[LENS, "contributions"] == 3 and by_code.loc[LOOS, "contributions"] == 2
    for code in (LENS, LOOS):
        assert by_code.loc[code, "contributors"] == figures.loc[code, "contributors"]
        assert by_code.loc[code, "population"] == pytest.approx(figures.loc[code, "population"])
        assert by_code.loc[code, "ratio"] == pytest.approx(figures.loc[code, "ratio"])
        assert by_code.loc[code, "status"] == figures.loc[code, "status"]
    assert by_code["share"].sum() == pytest.approx(1.0)
    assert by_code.loc[LENS, "share"] == pytest.approx(
        figures.loc[LENS, "contributors"] / figures["contributors"].sum()
    )
    assert set(by_code["status_label"].dropna()) <= {"sous-représenté", "conforme", "sur-représenté"}


def test_the_places_that_come_back_are_a_layer_of_the_geopackage(backend_store, tmp_path):
    store = backend_store
    centre = store.zone_point(LENS)
    together = [
        _add(store, f"Trottoir {i}", LENS, who=f"p{i}",
             location=shapely.Point(centre.x + i * 0.0002, centre.y))
        for i in range(3)
    ]
    _add(store, "Ailleurs", LOOS, who="p9")
    path = tmp_path / "cartoparti.gpkg"
    exports.write_export(store, CONFIG, "gpkg", path)
    places = pyogrio.read_dataframe(path, layer="places")
    assert len(places) == 1
    assert sorted(places.loc[0, "members"].split()) == sorted(together)
    assert places.loc[0, "contributors"] == 3 and places.loc[0, "contributions"] == 3
    assert "publics" not in places.columns  # profile breakdowns stay on the agents' side
    footprint = places.geometry.iloc[0]
    assert all(footprint.contains(shapely.Point(centre.x + i * 0.0002, centre.y)) for i in range(3))


def test_the_action_plan_is_a_layer_of_the_geopackage(planted, tmp_path):
    from cartoparti.commands import plan

    store, ids = planted
    placed = plan.add_item(
        store, CONFIG, AGENT, title="Refaire le trottoir", service=CONFIG.services[0], level="concertation",
        start_date="2027-02-01", cost=1200, agent_days=4, zone=("", LENS), contribution_ids=[ids["studied"]],
    ).item_id
    plan.add_item(store, CONFIG, AGENT, title="Nulle part", service=CONFIG.services[0], level="information",
                  start_date="2027-03-01")
    path = tmp_path / "cartoparti.gpkg"
    exports.write_export(store, CONFIG, "gpkg", path)
    items = pyogrio.read_dataframe(path, layer="plan_items").set_index("id")
    assert sorted(items["title"]) == ["Nulle part", "Refaire le trottoir"]
    row = items.loc[placed]
    assert (row["status"], row["level"], row["cost"], row["contributions"]) == ("planned", "concertation", 1200, 1)
    assert bool(row["made_with_residents"]) and store.zones().set_index("code").loc[LENS, "geometry"].contains(row.geometry)
    assert items.loc[items["title"] == "Nulle part", "geometry"].iloc[0] is None


def test_a_registered_layer_joins_the_geopackage(store, tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "LAYERS", dict(exports.LAYERS))
    exports.register_layer(
        "extra",
        lambda s, _settings: s.zones()[["code", "name", "geometry"]].head(2).rename(columns={"name": "title"}),
    )
    path = tmp_path / "x.gpkg"
    exports.write_export(store, Settings(), "gpkg", path)
    # no contribution in this store: no contribution layer (empty ones are left out)
    assert [n for n, _k in pyogrio.list_layers(path)] == ["zones", "places", "plan_items", "extra"]
    assert len(pyogrio.read_dataframe(path, layer="extra")) == 2


def test_open311_has_every_georeport_v2_field(planted):
    store, ids = planted
    document = json.loads(exports.export_bytes(store, CONFIG, "open311"))
    assert set(document) == {"services", "requests"}
    services = document["services"]
    assert [s["service_name"] for s in services] == list(CONFIG.themes)
    for service in services:
        assert set(service) == set(OPEN311_SERVICE_FIELDS)
        assert service["type"] in ("realtime", "batch", "blackbox")
        assert service["metadata"] is False
    codes = {s["service_code"] for s in services}
    requests = {r["service_request_id"]: r for r in document["requests"]}
    assert sorted(requests) == sorted(ids["public"])
    for request in requests.values():
        assert set(request) == set(OPEN311_REQUEST_FIELDS)
        assert request["status"] in ("open", "closed")
        assert request["service_code"] in codes
        for field in ("requested_datetime", "updated_datetime"):
            stamp = datetime.fromisoformat(request[field])
            assert stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 0
        assert -90 <= request["lat"] <= 90 and -180 <= request["long"] <= 180
    assert requests[ids["done"]]["status"] == "closed"
    assert requests[ids["done"]]["status_notes"] == "Posé en mars."
    assert requests[ids["studied"]]["status"] == "open"
    assert requests[ids["studied"]]["updated_datetime"] >= requests[ids["studied"]]["requested_datetime"]
    assert requests[ids["public"][2]]["service_code"] == "mobilite"
    area = store.export_frame().set_index("id").loc[ids["area"], "geometry"]
    assert area.contains(shapely.Point(requests[ids["area"]]["long"], requests[ids["area"]]["lat"]))
    assert requests[ids["area"]]["address"] == "Loos-en-Gohelle"
    text = json.dumps(document, ensure_ascii=False)
    assert "exemple.fr" not in text and "CS5" not in text and "30-44" not in text


def test_csv_and_geojson_keep_published_visible_public_fields(planted):
    store, ids = planted
    rows = list(csv.DictReader(io.StringIO(exports.export_bytes(store, CONFIG, "csv").decode())))
    assert sorted(r["id"] for r in rows) == sorted(ids["public"])
    formula = next(r for r in rows if r["id"] == ids["public"][0])
    assert formula["title"] == "'=HYPERLINK(\"http://x\")"  # the formula guard
    assert not set(PROFILE_FIELDS) & set(rows[0])
    geojson = json.loads(exports.export_bytes(store, CONFIG, "geojson"))
    assert sorted(f["properties"]["id"] for f in geojson["features"]) == sorted(ids["public"])
    for data in (exports.export_bytes(store, CONFIG, f) for f in ("csv", "geojson", "open311")):
        assert b"exemple.fr" not in data


def test_the_command_line_writes_every_format(db_path, tmp_path, capsys):
    with open_storage(db_path) as store:
        cid = _add(store, "Un banc", LENS, who="p1")
    out = tmp_path / "open311.json"
    assert main(["--db", str(db_path), "export", "--format", "open311", "-o", str(out)]) == 0
    assert [r["service_request_id"] for r in json.loads(out.read_text())["requests"]] == [cid]
    gpkg = tmp_path / "c.gpkg"
    assert main(["--db", str(db_path), "export", "--format", "gpkg", "-o", str(gpkg)]) == 0
    assert [n for n, _k in pyogrio.list_layers(gpkg)] == ["contributions_points", "zones", "places", "plan_items"]
    capsys.readouterr()
    assert main(["--db", str(db_path), "export", "--format", "open311"]) == 0
    assert json.loads(capsys.readouterr().out)["requests"][0]["service_request_id"] == cid
    assert main(["--db", str(db_path), "export"]) == 0  # the default: GeoJSON on standard output
    assert json.loads(capsys.readouterr().out)["features"][0]["properties"]["id"] == cid


def test_the_donnees_page_offers_every_export(app_env):
    with open_storage(app_env) as store:
        accounts.add_user(store, "alice", role="agent", password="un mot de passe assez long")
        cid = _add(store, "Un banc", LENS, who="p1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["user"] = AGENT
    at.run()
    at.switch_page("pages/donnees.py").run()
    assert not at.exception, at.exception
    radio = at.radio(key="data_export_format")
    assert radio.options == [
        "GeoJSON : les contributions (carte)",
        "CSV : les contributions (tableur)",
        "GeoPackage : contributions, zones et leur représentation, lieux qui reviennent, plan d'action (QGIS)",
        "Open311 GeoReport v2 : services et demandes (JSON)",
    ]
    assert any("GeoReport v2" in c.value for c in at.caption)
    for fmt, file in (("open311", "contributions-open311.json"), ("gpkg", "cartoparti.gpkg")):
        at.radio(key="data_export_format").set_value(fmt).run()
        at.button(key="data_export_prepare").click().run()
        assert not at.exception, at.exception
        labels = [str(d.proto.label) for d in at.get("download_button")]
        assert f"Télécharger {file}" in labels
    fmt, payload = at.session_state["data_export"]
    assert fmt == "gpkg" and payload[:16] == b"SQLite format 3\x00"
    with open_storage(app_env) as store:
        data = datasets.export(store, AGENT, "open311")
    assert json.loads(data)["requests"][0]["service_request_id"] == cid
