"""Reading territory folders: the real Lens-Liévin data, and other layouts."""

import json
import shutil

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cartoparti._errors import TerritoryError
from cartoparti.io.territory import load_territory, read_population_table


def test_lens_lievin_check_figures(loaded_territory):
    t = loaded_territory
    assert t.name == "Communauté d'agglomération de Lens-Liévin"
    assert t.primary == "communes"
    zones = t.layer("communes").zones.set_index("code")
    assert len(zones) == 36
    # municipal population of the 36 communes (communes.geojson)
    assert zones["population_attribute"].sum() == 244_474
    # Loos-en-Gohelle: 3 IRIS in the 2016 table, 6,646 inhabitants (INSEE weighted
    # estimates: the six age bands sum to 6646.99…, 6,646 once truncated)
    loos = zones.loc["62528"]
    assert loos["name"] == "Loos-en-Gohelle"
    assert loos["population_source"] == "census" and loos["has_breakdown"]
    assert 6646 <= loos["population"] < 6647
    # 18 communes have the IRIS breakdown; the 18 smaller ones only a total
    assert zones["has_breakdown"].sum() == 18
    assert (zones.loc[~zones["has_breakdown"], "population_source"] == "attribute").all()
    assert zones.loc["62001", "population"] == 2005


def test_population_breakdown_aggregates_iris_to_communes(loaded_territory):
    pop = loaded_territory.population
    loos = pop[(pop.code == "62528")]
    ages = loos[loos.dimension == "age_band"].set_index("grp")["population"]
    assert list(ages.index) == ["0-14", "15-29", "30-44", "45-59", "60-74", "75+"]
    assert ages.sum() == pytest.approx(6647, abs=0.01)
    csp = loos[loos.dimension == "csp"]
    assert sorted(csp.grp) == [f"CS{i}" for i in range(1, 9)]
    # CS counts people aged 15+ (INSEE's complementary count, C16_, which differs
    # slightly from the principal P16_ count): close to the population minus 0-14
    assert csp.population.sum() == pytest.approx(ages.sum() - ages["0-14"], rel=0.01)


def test_landmarks_are_named_and_attribution_kept(loaded_territory):
    lm = loaded_territory.landmarks
    assert set(lm.layer) == {"cites_minieres", "terrils", "puits_de_mines", "batis_miniers"}
    assert lm.name.notna().all() and (lm.name.str.len() > 0).all()
    assert "Cité des Provinces" in set(lm.name)
    assert lm[lm.layer == "puits_de_mines"].name.str.startswith("Puits de mine").all()
    assert "Licence Ouverte Etalab 2.0" in loaded_territory.attribution
    assert any("INSEE" in s for s in loaded_territory.sources)


def test_population_table_any_census_year(tmp_path):
    csv = tmp_path / "pop.csv"
    csv.write_text(
        "IRIS;P19_POP0014;P19_POP1529;P19_POP3044;P19_POP4559;P19_POP6074;P19_POP75P;C19_POP15P_CS1\n"
        "625280101;10;20;30;40;50;60;5\n"
    )
    table = read_population_table(csv)
    assert table.loc["625280101", "75+"] == 60
    assert table.loc["625280101", "CS1"] == 5
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    assert read_population_table(other) is None


def _square(x, y, size=0.01):
    return shapely.box(x, y, x + size, y + size)


def test_other_crs_fields_formats_and_no_population(tmp_path):
    """A shapefile in Lambert-93 with `INSEE_COM`/`NAME` fields, no population at all."""
    zones = gpd.GeoDataFrame(
        {"INSEE_COM": ["99001", "99002"], "NAME": ["Alpha", "Béta"]},
        geometry=[_square(2.80, 50.40), _square(2.81, 50.40)],
        crs=4326,
    ).to_crs(2154)
    zones.to_file(tmp_path / "zones.shp")
    t = load_territory(tmp_path)
    z = t.layer("zones").zones
    assert list(z.code) == ["99001", "99002"] and list(z.name) == ["Alpha", "Béta"]
    assert z.crs.to_epsg() == 4326
    assert z.geometry.iloc[0].bounds == pytest.approx((2.80, 50.40, 2.81, 50.41), abs=1e-6)
    assert z.population.isna().all() and (z.population_source == "unknown").all()
    assert t.population.empty


def test_manifest_names_fields_and_geopackage(tmp_path):
    zones = gpd.GeoDataFrame(
        {"cd": ["A1"], "lib": ["Quartier A"], "habitants": [1234]}, geometry=[_square(0, 0)], crs=4326
    )
    zones.to_file(tmp_path / "quartiers.gpkg", driver="GPKG")
    (tmp_path / "cartoparti.toml").write_text(
        'name = "Ma ville"\nattribution = "Données : ma ville"\n'
        '[layers.quartiers]\nrole = "zones"\ncode = "cd"\nname = "lib"\npopulation = "habitants"\nlabel = "Quartiers"\n'
    )
    t = load_territory(tmp_path)
    assert t.name == "Ma ville" and t.attribution == "Données : ma ville"
    layer = t.layer("quartiers")
    assert layer.label == "Quartiers"
    assert layer.zones.iloc[0][["code", "name", "population"]].tolist() == ["A1", "Quartier A", 1234]


def test_missing_or_empty_folder(tmp_path):
    with pytest.raises(TerritoryError, match="introuvable"):
        load_territory(tmp_path / "nope")
    with pytest.raises(TerritoryError, match="Aucune couche de zones"):
        load_territory(tmp_path)


def test_rennes_neighbourhoods_from_real_open_data(tmp_path):
    """The 12 Rennes neighbourhoods (OpenDataSoft export) make a territory."""
    from tests.conftest import REALDATA

    records = json.loads((REALDATA / "rennes-budget-participatif" / "quartiers_opendatasoft_records.json").read_text())
    features = [
        {"type": "Feature", "properties": {"code": str(r["fields"]["objectid"]), "nom": r["fields"]["nom"]},
         "geometry": r["fields"]["geo_shape"]}
        for r in records
    ]
    (tmp_path / "quartiers.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    t = load_territory(tmp_path)
    assert len(t.layer("quartiers").zones) == 12
    assert isinstance(t.population, pd.DataFrame) and t.population.empty


def test_pas_de_calais_communes_with_code_field(tmp_path):
    """The whole département (IGN Admin Express): fields `code`, `nom`, no population."""
    from tests.conftest import ROOT

    shutil.copy(ROOT / "geodata" / "pas-de-calais" / "communes_2018.geojson", tmp_path)
    t = load_territory(tmp_path)
    zones = t.layer("communes_2018").zones.set_index("code")
    assert len(zones) > 850
    assert zones.loc["62528", "name"] == "Loos-en-Gohelle"
    assert zones.loc["62498", "name"] == "Lens"
    assert (zones.population_source == "unknown").all()
