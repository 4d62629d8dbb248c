"""The command line contract: init, import (every error path), export."""

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from cartoparti.cli import main
from cartoparti.model import Draft, validate_draft
from cartoparti.privacy import public_positions
from cartoparti.storage import open_storage

HEADER = "kind,title,text,theme,created_at,channel,contributor_id,age_band,csp,home_commune,lon,lat\n"


def run(db, *args):
    return main(["--db", str(db), *map(str, args)])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def stored(db):
    with open_storage(db) as s:
        return s.contributions(published_only=False), s


def test_init_creates_the_database_with_the_territory(tmp_path, territory_dir, capsys):
    db = tmp_path / "new" / "c.duckdb"
    assert run(db, "init", "--territory", territory_dir) == 0
    assert "36 zones" in capsys.readouterr().out
    with open_storage(db) as s:
        assert len(s.zones()) == 36
    # a second init upgrades in place and keeps contributions
    assert run(db, "init", "--territory", territory_dir) == 0


def test_init_with_a_missing_folder_fails_with_exit_2(tmp_path, capsys):
    assert run(tmp_path / "c.duckdb", "init", "--territory", tmp_path / "nope") == 2
    assert "introuvable" in capsys.readouterr().err


def test_import_all_rows_exit_0_and_idempotent(db_path, tmp_path, capsys):
    f = write(tmp_path / "ok.csv", HEADER +
              "besoin,Un banc,Près de l'école,nature,2024-05-01T10:00:00,paper,p1,30-44,CS5,62528,2.79,50.46\n"
              "proposal,Piste cyclable,,mobilité,2024-05-02,workshop,p2,15-29,CS8,62498,2.83,50.43\n")
    assert run(db_path, "import", f) == 0
    assert "2 importée(s)" in capsys.readouterr().out
    assert run(db_path, "import", f) == 0
    out = capsys.readouterr().out
    assert "0 importée(s), 2 déjà présente(s)" in out
    frame, _ = stored(db_path)
    assert sorted(frame.title) == ["Piste cyclable", "Un banc"]
    assert set(frame.channel) == {"paper", "workshop"}
    assert not (tmp_path / "ok.rejets.csv").exists()


def test_import_rejects_bad_rows_whole_with_line_and_reason(db_path, tmp_path, capsys):
    f = write(tmp_path / "mixed.csv", HEADER +
              "need,Bon,,nature,,,,,,,2.79,50.46\n"          # line 2 ok
              "xx,Type inconnu,,nature,,,,,,,2.79,50.46\n"    # 3
              "need,,sans titre,nature,,,,,,,2.79,50.46\n"    # 4
              "need,Loin,,nature,,,,,,,2.35,48.85\n"          # 5 Paris: outside
              "need,Date,,nature,hier,,,,,,2.79,50.46\n"      # 6
              "need,Age,,nature,,,,12 ans,,,2.79,50.46\n"     # 7
              "need,Lon,,nature,,,,,,,abc,50.46\n"            # 8
              "need,Canal,,nature,,pigeon,,,,,2.79,50.46\n"   # 9
              "need,Sans lieu,,nature,,,,,,,,\n")             # 10
    assert run(db_path, "import", f) == 1
    err = capsys.readouterr().err
    for line, words in [(3, "Type inconnu"), (4, "titre est obligatoire"), (5, "dehors du territoire"),
                        (6, "Date invalide"), (7, "Tranche d'âge inconnue"), (8, "n'est pas un nombre"),
                        (9, "Canal inconnu"), (10, "Pas de localisation")]:
        assert f"ligne {line} : " in err and words in err
    rejects = list(csv.DictReader((tmp_path / "mixed.rejets.csv").open(encoding="utf-8")))
    assert [int(r["line"]) for r in rejects] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert rejects[0]["title"] == "Type inconnu" and "Type inconnu" in rejects[0]["reason"]
    frame, _ = stored(db_path)
    assert list(frame.title) == ["Bon"]


def test_rejects_file_option(db_path, tmp_path):
    f = write(tmp_path / "a.csv", HEADER + "need,,x,nature,,,,,,,2.79,50.46\n")
    target = tmp_path / "out" / "r.csv"
    target.parent.mkdir()
    assert run(db_path, "import", f, "--rejects", target) == 1
    assert "titre" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("missing.csv", None, "introuvable"),
        ("empty.csv", "", "vide"),
        ("bad.geojson", "{not json", "illisible"),
        ("data.xlsx", "x", "Format non pris en charge"),
    ],
)
def test_unreadable_file_exit_2_nothing_imported(db_path, tmp_path, capsys, name, content, message):
    f = tmp_path / name
    if content is not None:
        f.write_text(content)
    assert run(db_path, "import", f) == 2
    assert message in capsys.readouterr().err
    assert stored(db_path)[0].empty


def test_bad_options_exit_2(db_path, tmp_path, capsys):
    f = write(tmp_path / "a.csv", HEADER + "need,T,,nature,,,,,,,2.79,50.46\n")
    assert run(db_path, "import", f, "--map", "nonsense") == 2
    assert run(db_path, "import", f, "--map", "colour=x") == 2
    assert run(db_path, "import", f, "--kind", "banana") == 2
    assert run(db_path, "import", f, "--crs", "999999") == 2
    assert stored(db_path)[0].empty


def test_map_kind_channel_and_semicolon_csv(db_path, tmp_path):
    f = write(tmp_path / "terrain.csv",
              "libelle;message;theme_;longitude;latitude;annee_naissance\n"
              "Trottoir abîmé;rue Jean Jaurès;mobilité;2,79;50,46;1950\n")
    code = run(db_path, "import", f, "--map", "title=libelle", "--map", "text=message", "--map", "theme=theme_",
               "--map", "lon=longitude", "--map", "lat=latitude", "--kind", "dysfonctionnement", "--channel", "door_to_door")
    assert code == 0
    frame, _ = stored(db_path)
    row = frame.iloc[0]
    assert (row.title, row.text, row.kind, row.channel, row.zone_code) == (
        "Trottoir abîmé", "rue Jean Jaurès", "report", "door_to_door", "62528")


def test_xy_with_crs_wkt_and_profiles(db_path, tmp_path):
    import pyproj

    x, y = pyproj.Transformer.from_crs(4326, 2154, always_xy=True).transform(2.79, 50.46)
    f = write(tmp_path / "xy.csv", "kind,title,theme,x,y,wkt,contributor_id,age_band,csp,home_commune,first_time\n"
              f"need,Lambert,nature,{x},{y},,p9,75+,CS7,62528,oui\n"
              "need,Ligne,nature,,,\"LINESTRING (2.78 50.455, 2.80 50.465)\",,,,,\n")
    assert run(db_path, "import", f, "--crs", 2154) == 0
    frame, _ = stored(db_path)
    by = frame.set_index("title")
    with open_storage(db_path) as s1:  # the exact position (agents); the public one is on the grid
        exact = s1.agent_contributions(ids=[by.loc["Lambert"].id]).iloc[0]
    assert shapely.Point(exact.lon, exact.lat).distance(shapely.Point(2.79, 50.46)) < 1e-6
    assert by.loc["Ligne"].geometry.geom_type == "LineString"
    with open_storage(db_path) as s2:
        p = s2.profile(by.loc["Lambert"].id)
    assert (p["contributor_id"], p["age_band"], p["csp"], p["first_time"]) == ("p9", "75+", "CS7", True)


def test_xy_without_crs_is_rejected_per_row(db_path, tmp_path, capsys):
    f = write(tmp_path / "xy.csv", "kind,title,theme,x,y\nneed,T,nature,685000,7040000\n")
    assert run(db_path, "import", f) == 1
    assert "--crs" in capsys.readouterr().err


def test_geojson_and_geopackage_with_own_geometry(db_path, tmp_path):
    frame = gpd.GeoDataFrame(
        {"id": ["a", "b"], "kind": ["memory", "souvenir"], "title": ["Fosse 11/19", "Terril"], "theme": ["culture et mémoire"] * 2},
        geometry=[shapely.Point(2.79, 50.46), shapely.Point(2.78, 50.45)], crs=4326,
    ).to_crs(2154)  # any CRS: reprojected on import
    frame.to_file(tmp_path / "m.geojson", driver="GeoJSON")
    frame.to_file(tmp_path / "m.gpkg", driver="GPKG")
    assert run(db_path, "import", tmp_path / "m.geojson") == 0
    assert run(db_path, "import", tmp_path / "m.gpkg") == 0
    got, _ = stored(db_path)
    assert len(got) == 4 and set(got.kind) == {"memory"}
    assert run(db_path, "import", tmp_path / "m.gpkg") == 0  # stable ids: no duplicate
    assert len(stored(db_path)[0]) == 4


def test_export_formats_open_in_gdal_and_hold_no_profile(db_path, tmp_path):
    f = write(tmp_path / "ok.csv", HEADER +
              "need,<b>Banc</b>,\"texte, avec virgule\",nature,2024-05-01T10:00:00,paper,secret-id,30-44,CS5,62528,2.79,50.46\n")
    assert run(db_path, "import", f) == 0
    area = shapely.Polygon([(2.83, 50.43), (2.835, 50.43), (2.835, 50.435)])
    with open_storage(db_path) as s:
        s.add_contribution(validate_draft(Draft(kind="need", title="Zone", theme="nature", geometry=area),
                                          themes=("nature",)))
    for fmt in ("geojson", "gpkg", "csv"):
        out = tmp_path / f"export.{fmt}"
        assert run(db_path, "export", "--format", fmt, "-o", out) == 0
        text = out.read_bytes()
        assert b"secret-id" not in text and b"30-44" not in text and b"CS5" not in text
    info = pyogrio.read_info(tmp_path / "export.geojson")
    assert info["features"] == 2 and info["crs"] == "EPSG:4326"
    # the GeoPackage: the point and the area each in the layer of its geometry type
    layers = {"contributions_points": "Point", "contributions_zones": "Polygon"}
    assert {n: k for n, k in pyogrio.list_layers(tmp_path / "export.gpkg") if n.startswith("contributions")} == layers
    for layer in layers:
        info = pyogrio.read_info(tmp_path / "export.gpkg", layer=layer)
        assert info["features"] == 1 and info["crs"] == "EPSG:4326"
    for g in (gpd.read_file(tmp_path / "export.geojson"),
              pd.concat([gpd.read_file(tmp_path / "export.gpkg", layer=layer) for layer in layers])):
        assert {"id", "kind", "title", "zone_code", "status"} <= set(g.columns)
        assert set(g.zone_code) == {"62528", "62498"}
    table = pd.read_csv(tmp_path / "export.csv", dtype={"zone_code": str})
    assert {"id", "lon", "lat", "wkt", "zone_code"} <= set(table.columns)
    zone = table[table.title == "Zone"].iloc[0]
    centroid = shapely.from_wkt(zone.wkt).centroid
    # the centroid of the public geometry, rounded as it is (a need: 100 m grid, 4 decimals)
    assert (zone.lon, zone.lat) == (round(centroid.x, 4), round(centroid.y, 4))
    assert table[table.title == "<b>Banc</b>"].text.iloc[0] == "texte, avec virgule"


def test_export_to_stdout_and_module_entry_point(db_path, tmp_path):
    result = subprocess.run([sys.executable, "-m", "cartoparti", "--db", str(db_path), "export"],
                            capture_output=True, check=True)
    assert json.loads(result.stdout)["type"] == "FeatureCollection"
    script = Path(sys.executable).parent / "cartoparti"  # the console script
    result = subprocess.run([str(script), "--db", str(db_path), "export", "--format", "csv"],
                            capture_output=True, check=True)
    assert result.stdout.decode().startswith("id,kind,title")


def test_real_rennes_participatory_budget(tmp_path, capsys):
    """Real input: Rennes projects in Web Mercator, some rows without coordinates."""
    from tests.conftest import REALDATA

    records = json.loads((REALDATA / "rennes-budget-participatif" / "quartiers_opendatasoft_records.json").read_text())
    folder = tmp_path / "rennes"
    folder.mkdir()
    features = [{"type": "Feature", "properties": {"code": str(r["fields"]["objectid"]), "nom": r["fields"]["nom"]},
                 "geometry": r["fields"]["geo_shape"]} for r in records]
    (folder / "quartiers.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    db = tmp_path / "rennes.duckdb"
    assert run(db, "init", "--territory", folder) == 0
    source = REALDATA / "rennes-budget-participatif" / "projets_2016_2019.csv"
    raw = pd.read_csv(source)
    code = run(db, "import", source, "--crs", 3857, "--kind", "proposal", "--channel", "online",
               "--map", "id=b_numero", "--map", "title=b_libelle", "--map", "text=b_description",
               "--map", "x=b_x", "--map", "y=b_y", "--rejects", tmp_path / "rej.csv")
    # "theme" is missing from the file: without --theme every row is rejected with that reason…
    assert code == 1
    rejects = pd.read_csv(tmp_path / "rej.csv")
    assert len(rejects) == len(raw)
    assert rejects.reason.str.contains("Choisissez un thème").all()
    # …and with --theme (the command of the issue), located rows land and the others are reported
    args = ["import", source, "--crs", 3857, "--kind", "proposal", "--theme", "autre",
            "--map", "x=b_x", "--map", "y=b_y", "--map", "title=b_libelle", "--map", "text=b_description",
            "--rejects", tmp_path / "projets.rejets.csv"]
    assert run(db, *args) == 1
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    frame, _ = stored(db)
    rejected = pd.read_csv(tmp_path / "projets.rejets.csv")
    no_xy = raw.b_x.isna() | raw.b_y.isna()
    # 36 rows have no coordinates; one project lies outside the 12 neighbourhoods
    assert rejected.reason.str.contains("Pas de localisation").sum() == no_xy.sum() == 36
    assert (rejected.reason == "Lieu en dehors du territoire.").sum() == 1
    assert len(frame) == len(raw) - len(rejected)
    assert set(frame.theme) == {"autre"} and set(frame.kind) == {"proposal"}
    assert f"{len(frame)} importée(s)" in summary
    # every imported project sits in the neighbourhood that contains its point
    quartiers = gpd.read_file(folder / "quartiers.geojson")
    points = gpd.GeoDataFrame(
        raw[~no_xy], geometry=gpd.points_from_xy(raw.b_x[~no_xy], raw.b_y[~no_xy]), crs=3857
    ).to_crs(4326)
    inside = gpd.sjoin(points, quartiers, predicate="within")
    expected = Counter(zip(inside.b_libelle.str.strip(), inside.code, strict=True))
    assert Counter(zip(frame.title, frame.zone_code, strict=True)) == expected
    # rejected rows point at their first line in the file (descriptions span several lines)
    first = rejected.iloc[0]
    lines = source.read_text(encoding="utf-8").splitlines()
    assert str(first.b_libelle).splitlines()[0] in lines[int(first.line) - 1]
    assert frame.zone_code.notna().all() and frame.zone_code.nunique() > 5
    # idempotent: the same file again adds nothing
    assert run(db, *args) == 1
    assert len(stored(db)[0]) == len(frame)
    # the rejects file, once corrected, imports: its coordinates are plain numbers, not
    # "'-182326.63" (the formula guard leaves numbers alone)
    text = (tmp_path / "projets.rejets.csv").read_text(encoding="utf-8")
    assert "'-" not in text
    outside = rejected[rejected.reason == "Lieu en dehors du territoire."]
    assert outside.b_x.dtype.kind == "f" and (outside.b_x < 0).all()
    centre = quartiers.to_crs(3857).geometry.iloc[0].representative_point()
    corrected = rejected.drop(columns=["line", "reason"]).copy()
    corrected["b_x"], corrected["b_y"] = centre.x, centre.y
    corrected["b_libelle"] = corrected.b_libelle.str.slice(0, 120)  # one title was also too long
    corrected.to_csv(tmp_path / "corriges.csv", index=False)
    again = [a if a != source else tmp_path / "corriges.csv" for a in args[:-2]]
    assert run(db, *again, "--rejects", tmp_path / "r2.csv") == 0
    assert len(stored(db)[0]) == len(frame) + len(rejected)


def test_csv_cells_are_not_spreadsheet_formulas(db_path, tmp_path):
    f = write(tmp_path / "f.csv", HEADER +
              'need,"=HYPERLINK(""http://x"")",@SUM(A1),nature,,,,,,,2.79,50.46\n'
              "need,-1+2,,nature,,,,xx,,,2.79,50.46\n")
    assert run(db_path, "import", f) == 1
    rejects = list(csv.reader((tmp_path / "f.rejets.csv").open(encoding="utf-8")))
    assert rejects[1][3] == "'-1+2"  # the rejected row's title, defused
    out = tmp_path / "e.csv"
    assert run(db_path, "export", "--format", "csv", "-o", out) == 0
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    assert row["title"] == "'=HYPERLINK(\"http://x\")" and row["text"] == "'@SUM(A1)"
    _public, lon, _lat = public_positions([shapely.Point(2.79, 50.46)], ["need"], {"need": 100.0})
    assert float(row["lon"]) == lon[0]  # numbers untouched (the public position of the need)


def test_compact_leaves_no_trace_of_a_deleted_contribution(db_path, tmp_path):
    secret = "Texte très personnel à effacer 7f3a9c"
    f = write(tmp_path / "a.csv", HEADER + f"need,Titre,{secret},nature,,,,,,,2.79,50.46\n"
              "need,Autre,gardé,nature,,,,,,,2.79,50.46\n")
    assert run(db_path, "import", f) == 0
    with open_storage(db_path) as s:
        doomed = s.contributions().set_index("title").loc["Titre", "id"]
        assert s.delete_contribution(doomed, actor="test")
        s._con.execute("CHECKPOINT")
    assert secret.encode() in db_path.read_bytes()  # DuckDB keeps freed blocks as they were
    assert run(db_path, "compact") == 0
    assert secret.encode() not in db_path.read_bytes()
    frame, _ = stored(db_path)
    assert list(frame.title) == ["Autre"] and frame.zone_code.iloc[0] == "62528"
    with open_storage(db_path) as s:
        assert len(s.zones()) == 36 and s.schema_version() >= 2
    assert run(tmp_path / "none.duckdb", "compact") == 2
