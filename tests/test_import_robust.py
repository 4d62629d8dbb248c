"""Importers and the form never crash: the crash causes measured in issue 13, shape
limits (vertices, area, Z/M, NaN), encodings, files that cannot be read, and rejects
files without profile fields."""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from cartoparti._errors import ImportFileError, ValidationError
from cartoparti.cli import main
from cartoparti.commands import contribute, datasets
from cartoparti.io.importer import import_file, read_rows, rejects_bytes
from cartoparti.model import PROFILE_FIELDS, Draft, check_geometry, validate_draft
from cartoparti.settings import Settings
from cartoparti.storage import open_storage

THEMES = Settings().themes
POINT = [2.8306, 50.4325]  # Loos-en-Gohelle, inside the territory
AGENT = {"name": "alice", "role": "agent"}


def run(db, *args):
    return main(["--db", str(db), *map(str, args)])


def feature(properties: dict, geometry: dict | None = None) -> dict:
    return {"type": "Feature", "properties": properties,
            "geometry": geometry or {"type": "Point", "coordinates": POINT}}


def geojson(path: Path, *features: dict) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}), encoding="utf-8")
    return path


def ring(n: int, lon: float = POINT[0], lat: float = POINT[1], r: float = 0.002) -> list[list[float]]:
    """A closed circle of ``n`` distinct vertices (a valid polygon's ring)."""
    import math

    pts = [[lon + r * math.cos(2 * math.pi * i / n), lat + r * math.sin(2 * math.pi * i / n)] for i in range(n)]
    return [*pts, pts[0]]


def good(**extra) -> dict:
    return {"kind": "need", "title": "Un banc", "theme": "nature", **extra}


# -- the four crash causes of the issue ------------------------------------------------------
@pytest.mark.parametrize("created_at", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00"])
def test_a_date_that_overflows_rejects_its_row_and_keeps_the_others(db_path, tmp_path, capsys, created_at):
    f = geojson(tmp_path / "dates.geojson", feature(good(title="bon")), feature(good(title="daté", created_at=created_at)))
    assert run(db_path, "import", f) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "ligne 2" in captured.err.lower() or "2" in captured.err
    assert "Date hors limites" in captured.err
    with open_storage(db_path) as s:
        assert s.contributions(published_only=False).title.tolist() == ["bon"]


def test_numeric_kind_or_theme_and_list_values_are_reasons_not_crashes(db_path, tmp_path, capsys):
    f = geojson(
        tmp_path / "types.geojson",
        feature(good(title="bon")),
        feature({"kind": 1, "title": "chiffre", "theme": "nature"}),
        feature({"kind": "need", "title": "thème", "theme": 3}),
        feature(good(title="liste", text=["a", "b"])),
    )
    assert run(db_path, "import", f) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "Type inconnu : « 1 »" in captured.err
    assert "Thème inconnu : « 3 »" in captured.err
    assert "« text » contient une liste" in captured.err
    assert "1 importée(s)" in captured.out and "3 rejetée(s)" in captured.out
    rejects = list(csv.DictReader((tmp_path / "types.rejets.csv").open(encoding="utf-8")))
    assert [r["line"] for r in rejects] == ["2", "3", "4"]


def test_numbers_in_text_fields_are_read_as_their_text(store, tmp_path):
    themes = (*THEMES, "3")
    f = geojson(tmp_path / "n.geojson", feature({"kind": "need", "title": 2024, "theme": 3, "text": 1.5}))
    report = import_file(store, f, themes=themes)
    assert report.imported == 1, report.rejected
    row = store.contributions(published_only=False).iloc[0]
    assert (row.title, row.theme) == ("2024", "3")


@pytest.mark.parametrize("wkt", ["POINT ZM (2.8306 50.4325 12 7)", "LINESTRING Z (2.830 50.432 1, 2.831 50.433 2)"])
def test_z_and_m_are_dropped_and_the_geopackage_export_works(db_path, tmp_path, wkt):
    f = tmp_path / "zm.csv"
    # a proposal: published at its exact place (a need's public position is on a grid)
    f.write_text(f'kind,title,theme,wkt\nproposal,Relief,nature,"{wkt}"\n', encoding="utf-8")
    assert run(db_path, "import", f) == 0
    with open_storage(db_path) as s:
        geometry = s.contributions(published_only=False).geometry.iloc[0]
    assert not geometry.has_z and not geometry.has_m
    assert geometry.equals(shapely.force_2d(shapely.from_wkt(wkt)))
    out = tmp_path / "out.gpkg"
    assert run(db_path, "export", "--format", "gpkg", "-o", out) == 0
    layer = "contributions_points" if wkt.startswith("POINT") else "contributions_lignes"
    exported = gpd.read_file(out, layer=layer)
    assert len(exported) == 1 and not exported.geometry.has_z.any()


@pytest.mark.parametrize("wkt", ["POINT M (2.8306 50.4325 7)", "POINT Z (2.8306 50.4325 12)",
                                 "POLYGON ZM ((2.83 50.43 1 1, 2.84 50.43 1 1, 2.84 50.44 1 1, 2.83 50.43 1 1))"])
def test_the_form_path_drops_z_and_m_too(wkt):
    draft = validate_draft(Draft(kind="need", title="t", theme="nature", geometry=shapely.from_wkt(wkt)), themes=THEMES)
    assert not draft.geometry.has_z and not draft.geometry.has_m
    assert draft.geometry.equals(shapely.force_2d(shapely.from_wkt(wkt)))


# -- encodings ---------------------------------------------------------------------------------
CSV_TEXT = "kind;title;text;theme;lon;lat\nneed;Écoles et bancs;Près de l'église;nature;2.8306;50.4325\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "cp1252"])
def test_csv_in_utf8_bom_utf16_utf32_and_windows_1252_is_read_correctly(tmp_path, encoding):
    if encoding.endswith("-bom"):
        codec = encoding[: -len("-bom")]
        raw = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + CSV_TEXT.encode(codec)
    else:
        raw = CSV_TEXT.encode(encoding)
    f = tmp_path / "enc.csv"
    f.write_bytes(raw)
    data, _, lines = read_rows(f)
    assert list(data.columns) == ["kind", "title", "text", "theme", "lon", "lat"]
    assert data.title.iloc[0] == "Écoles et bancs" and data.text.iloc[0] == "Près de l'église"
    assert lines == [2]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_geojson_with_a_byte_order_mark_is_read(store, tmp_path, encoding):
    f = tmp_path / "bom.geojson"
    text = json.dumps({"type": "FeatureCollection", "features": [feature(good(title="Église"))]}, ensure_ascii=False)
    f.write_bytes(text.encode(encoding))
    report = import_file(store, f, themes=THEMES)
    assert report.imported == 1
    assert store.contributions(published_only=False).title.tolist() == ["Église"]


# -- NaN and infinite coordinates -------------------------------------------------------------------
def test_nan_and_infinite_coordinates_have_their_own_reason(store, tmp_path):
    f = tmp_path / "nan.geojson"
    f.write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{"kind":"need","title":"a","theme":"nature"},'
        '"geometry":{"type":"Point","coordinates":[NaN,50.43]}},'
        '{"type":"Feature","properties":{"kind":"need","title":"b","theme":"nature"},'
        '"geometry":{"type":"LineString","coordinates":[[2.83,50.43],[Infinity,50.44]]}}]}',
        encoding="utf-8",
    )
    report = import_file(store, f, themes=THEMES)
    assert report.imported == 0
    reasons = [r.reason for r in report.rejected]
    assert len(reasons) == 2 and all("non finies" in r for r in reasons), reasons
    assert not any("recoupe" in r for r in reasons)
    c = tmp_path / "nan.csv"
    c.write_text("kind,title,theme,lon,lat\nneed,a,nature,nan,50.4\nneed,b,nature,2.8,inf\n", encoding="utf-8")
    reasons = [r.reason for r in import_file(store, c, themes=THEMES).rejected]
    assert reasons == ["lon n'est pas un nombre fini.", "lat n'est pas un nombre fini."]


# -- geometry limits --------------------------------------------------------------------------------
def test_a_million_vertex_polygon_is_rejected_by_the_import(store, tmp_path):
    f = geojson(tmp_path / "huge.geojson",
                feature(good(title="énorme"), {"type": "Polygon", "coordinates": [ring(1_000_000)]}),
                feature(good(title="petit"), {"type": "Polygon", "coordinates": [ring(40)]}))
    report = import_file(store, f, themes=THEMES)
    assert report.imported == 1
    [rejected] = report.rejected
    assert rejected.line == 1 and "trop de sommets : 1000001 (2000 au plus)" in rejected.reason
    assert store.contributions(published_only=False).title.tolist() == ["petit"]


def test_a_long_wkt_in_a_csv_is_a_row_rejected_not_an_unreadable_file(store, tmp_path):
    wkt = shapely.Polygon(ring(100_000)).wkt  # 3.8 MB in one cell: over the csv module's default limit
    f = tmp_path / "huge.csv"
    f.write_text(f'kind,title,theme,wkt\nneed,énorme,nature,"{wkt}"\nneed,point,nature,"POINT (2.83 50.43)"\n',
                 encoding="utf-8")
    report = import_file(store, f, themes=THEMES)
    assert report.imported == 1 and [r.line for r in report.rejected] == [2]
    assert "trop de sommets" in report.rejected[0].reason


def test_a_million_vertex_drawing_is_refused_by_the_form(store):
    drawing = {"type": "Feature", "properties": {},
               "geometry": {"type": "Polygon", "coordinates": [ring(1_000_000)]}}
    location = contribute.geometry_from_geojson(drawing)
    with pytest.raises(ValidationError) as caught:
        contribute.submit(store, settings=Settings(), kind="need", title="Un parc", theme="nature",
                          location=location)
    assert "trop de sommets" in caught.value.errors["location"]
    assert store.count_contributions() == 0
    # a drawing within the limit goes through
    small = contribute.geometry_from_geojson({**drawing, "geometry": {"type": "Polygon", "coordinates": [ring(200)]}})
    receipt = contribute.submit(store, settings=Settings(), kind="need", title="Un parc", theme="nature",
                                location=small)
    assert store.contribution(receipt.id) is not None


def test_the_vertex_and_area_limits_are_settings():
    polygon = shapely.Polygon(ring(100))
    assert check_geometry(polygon).equals(polygon)
    with pytest.raises(ValidationError, match="trop de sommets : 101 .50 au plus"):
        check_geometry(polygon, max_vertices=50)
    big = shapely.box(2.6, 50.3, 3.0, 50.5)  # about 630 km²
    with pytest.raises(ValidationError, match=r"trop grande : \d+ km² \(100 km² au plus\)"):
        check_geometry(big)
    assert check_geometry(big, max_area_km2=1000).equals(big)
    settings = Settings.from_env({"CARTOPARTI_MAX_VERTICES": "50", "CARTOPARTI_MAX_AREA_KM2": "0.5",
                                  "CARTOPARTI_IMPORT_MAX_MB": "1"})
    assert (settings.max_vertices, settings.max_area_km2, settings.import_max_bytes) == (50, 0.5, 2**20)
    for name, value in (("CARTOPARTI_MAX_VERTICES", "3"), ("CARTOPARTI_MAX_VERTICES", "deux mille"),
                        ("CARTOPARTI_MAX_AREA_KM2", "-1"), ("CARTOPARTI_IMPORT_MAX_MB", "0")):
        with pytest.raises(Exception, match=name):
            Settings.from_env({name: value})


def test_the_form_uses_the_settings_limits(store):
    settings = Settings(max_vertices=50, max_area_km2=0.01)
    square = shapely.box(2.825, 50.428, 2.835, 50.436)  # about 0.6 km²
    with pytest.raises(ValidationError, match="trop grande"):
        contribute.check(store, settings=settings, kind="need", title="t", theme="nature", location=square)
    with pytest.raises(ValidationError, match="trop de sommets"):
        contribute.check(store, settings=settings, kind="need", title="t", theme="nature",
                         location=shapely.Polygon(ring(60)))


@pytest.mark.parametrize("wkt, reason", [
    ("GEOMETRYCOLLECTION (POINT (2.83 50.43))", "Forme non prise en charge"),
    ("POINT (2000000 50.43)", "hors limites"),
    ("POLYGON ((2.83 50.43, 2.84 50.44, 2.84 50.43, 2.83 50.44, 2.83 50.43))", "se recoupe"),
])
def test_other_shapes_that_cannot_be_stored_have_a_reason(wkt, reason):
    with pytest.raises(ValidationError, match=reason):
        validate_draft(Draft(kind="need", title="t", theme="nature", geometry=shapely.from_wkt(wkt)), themes=THEMES)


# -- files that cannot be read ----------------------------------------------------------------------
@pytest.mark.parametrize("name, content, message", [
    ("vide.csv", b"", "Fichier vide : vide.csv"),
    ("blanc.csv", b"  \n\n \r\n", "Fichier vide : blanc.csv"),
    ("vide.geojson", b"", "Fichier vide : vide.geojson"),
    ("vide.gpkg", b"", "Fichier vide : vide.gpkg"),
    ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "n'est pas un fichier texte"),
    ("binaire.geojson", b"\x00\x01\x02\x03", "n'est pas un fichier texte"),
    ("faux.gpkg", b"PK\x03\x04 un zip", "faux.gpkg n'est pas un GeoPackage"),
    ("texte.gpkg", b"kind,title\nneed,t\n", "texte.gpkg n'est pas un GeoPackage"),
    ("illisible.csv", b"kind,title\n\x81\x8d\x8f\x90\x9d,t\n", "Encodage illisible : illisible.csv"),
    ("faux16.csv", codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "Encodage illisible : faux16.csv"),
])
def test_an_unreadable_file_exits_2_with_a_french_message_and_no_path(db_path, tmp_path, capsys, name, content,
                                                                     message):
    f = tmp_path / name
    f.write_bytes(content)
    assert run(db_path, "import", f) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and str(tmp_path) not in err


def test_a_broken_geojson_names_the_file_not_its_folder(tmp_path):
    f = tmp_path / "cassé.geojson"
    f.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_rows(f)
    assert "cassé.geojson" in str(caught.value) and str(tmp_path) not in str(caught.value)


def test_a_file_over_the_size_limit_is_refused_before_reading(db_path, tmp_path, capsys, monkeypatch):
    f = tmp_path / "gros.csv"
    f.write_text("kind,title,theme,lon,lat\n" + "need,t,nature,2.83,50.43\n" * 50_000, encoding="utf-8")
    monkeypatch.setenv("CARTOPARTI_IMPORT_MAX_MB", "0.5")
    assert run(db_path, "import", f) == 2
    assert "Fichier trop gros : gros.csv (1,2 Mo ; 0,5 Mo au plus)" in capsys.readouterr().err
    with open_storage(db_path) as s:
        assert s.count_contributions() == 0
    with pytest.raises(ImportFileError, match="trop gros"):
        datasets.preview(f.read_bytes(), name="gros.csv", max_bytes=2**19)
    with pytest.raises(ImportFileError, match="trop gros"), open_storage(db_path) as s:
        datasets.import_dataset(s, AGENT, f.read_bytes(), name="gros.csv", settings=Settings(import_max_mb=0.5))


# -- rejects files never carry profile fields ---------------------------------------------------------
def test_rejects_keep_the_line_the_reason_and_non_personal_columns_only(db_path, tmp_path, capsys):
    f = tmp_path / "profils.csv"
    f.write_text(
        "id,kind,title,text,theme,lon,lat,contributor_id,tranche,csp,home_commune,first_time,telephone\n"
        "a1,need,Bon,ok,nature,2.8306,50.4325,p1,30-44,CS5,62498,oui,0601020304\n"
        "a2,need,,sans titre,nature,2.8306,50.4325,p2,45-59,CS3,62510,non,0605060708\n"
        "a3,need,Dehors,loin,nature,5.0,45.0,p3,75+,CS7,62100,oui,0699999999\n",
        encoding="utf-8",
    )
    assert run(db_path, "import", f, "--map", "age_band=tranche") == 1
    capsys.readouterr()
    text = (tmp_path / "profils.rejets.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["line"] for r in rows] == ["3", "4"]
    assert list(rows[0]) == ["line", "reason", "id", "kind", "title", "text", "theme", "lon", "lat"]
    assert rows[1]["reason"] == "Lieu en dehors du territoire." and rows[1]["title"] == "Dehors"
    for secret in ("p2", "p3", "45-59", "75+", "CS3", "CS7", "62510", "62100", "0605060708", "0699999999"):
        assert secret not in text
    # the profile columns are gone whatever they are called in the file, and the web report says the same
    with open_storage(db_path) as s:
        report = datasets.import_dataset(s, AGENT, f.read_bytes(), name="autre.csv", settings=Settings(),
                                         mapping={"age_band": "tranche"})
    for row in report.rejected:
        assert not set(row.values) & {"contributor_id", "tranche", "csp", "home_commune", "first_time",
                                      "telephone", *PROFILE_FIELDS}
    assert b"45-59" not in rejects_bytes(report.rejected)
    # and, fixed, the rejects file imports again
    fixed = tmp_path / "corrige.csv"
    fixed.write_text(text.replace(",,sans titre", ",Un titre,sans titre"), encoding="utf-8")
    assert run(db_path, "import", fixed) == 1
    assert "1 importée(s)" in capsys.readouterr().out
