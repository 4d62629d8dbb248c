"""The place search: words as typed (accents, case, a typo), addresses of a Base
Adresse Nationale file limited to the territory, communes and landmarks without one."""

import pandas as pd
import pytest
import shapely

from cartoparti.io.territory import is_ban_file, load_territory, read_addresses
from cartoparti.textsearch import normalise, rank, similarity, trigrams
from tests.ban_fixture import write_ban
from tests.conftest import TERRITORY


def test_normalise_and_trigrams_as_pg_trgm():
    assert normalise("  Rue de l'Église — Œuvre  ") == "rue de l eglise oeuvre"
    assert trigrams("Lens") == {"  l", " le", "len", "ens", "ns "}
    assert trigrams("") == set()


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("12 rue jean jaures lens", "12 Rue Jean Jaurès, Lens"),
        ("12 RUE JEAN JAURÈS, LENS", "12 Rue Jean Jaurès, Lens"),
        ("12 rue jean jaurs lens", "12 Rue Jean Jaurès, Lens"),  # a typo
        ("rue jean jaures lievin", "1 Rue Jean Jaurès, Liévin"),  # no number: the street
        ("loos en gohelle", "Loos-en-Gohelle"),
    ],
)
def test_rank_puts_the_intended_place_first(query, best):
    candidates = [{"label": x} for x in [
        "Loos-en-Gohelle", "Lens", "Liévin", "1 Rue Jean Jaurès, Lens", "12 Rue Jean Jaurès, Lens",
        "12 Rue Jean Moulin, Lens", "1 Rue Jean Jaurès, Liévin", "21 Rue Jean Jaurès, Lens",
        "12 Rue Jean Jaurès, Arras",
    ]]
    assert rank(query, candidates)[0]["label"] == best
    assert similarity(query, best) > similarity(query, "Cité des Provinces, Vimy")


def test_the_ban_file_keeps_the_territory_s_addresses(tmp_path):
    ban = write_ban(tmp_path / "adresses-62.csv", TERRITORY, per_commune=40)
    assert is_ban_file(ban) and not is_ban_file(TERRITORY / "iris_population_2016.csv")
    communes = {"62498", "62510"}
    frame = read_addresses(ban, communes)
    assert set(frame.commune_code) == communes and len(frame) == 80
    assert "3 bis Rue Jean Jaurès, Lens" in set(frame.label)
    assert frame.lon.between(2.7, 2.9).all() and frame.lat.between(50.3, 50.5).all()


def test_a_territory_folder_with_a_ban_file(tmp_path):
    folder = tmp_path / "territoire"
    folder.mkdir()
    for f in TERRITORY.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    write_ban(folder / "adresses-62.csv", TERRITORY, per_commune=5)
    territory = load_territory(folder)
    assert len(territory.addresses) == 36 * 5  # Arras is not in the territory
    assert not territory.addresses.label.str.contains("Arras").any()
    assert isinstance(load_territory(TERRITORY).addresses, pd.DataFrame)
    assert load_territory(TERRITORY).addresses.empty
    # the population tables are still read (the BAN file is not taken for one)
    assert not territory.population.empty


# -- the search, on both backends ------------------------------------------------------------
@pytest.fixture(scope="module")
def ban_territory(tmp_path_factory):
    folder = tmp_path_factory.mktemp("territoire-ban")
    for f in TERRITORY.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    write_ban(folder / "adresses-62.csv", TERRITORY, per_commune=60)
    return load_territory(folder)


@pytest.fixture(params=["duckdb", "postgis"])
def searchable(request, tmp_path, ban_territory):
    """A fresh database of each backend, its territory loaded with the addresses."""
    from cartoparti.storage import open_storage

    if request.param == "duckdb":
        location = tmp_path / "places.duckdb"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        location = cluster.url(cluster.create_database())
    with open_storage(location) as store:
        store.load_territory(ban_territory)
        yield store


def test_search_an_address_a_landmark_or_a_commune(searchable):
    from cartoparti.commands import places

    found = places.search(searchable, "3 bis rue jean jaures, lens")
    assert found[0].label == "3 bis Rue Jean Jaurès, Lens" and found[0].kind == "address"
    assert searchable.locate(shapely.Point(found[0].lon, found[0].lat))[searchable.primary_layer()] == "62498"
    # a typo, capitals, no accents
    assert places.search(searchable, "3 BIS RUE JEAN JAURS LENS")[0].label == "3 bis Rue Jean Jaurès, Lens"
    # a commune, before its streets
    first = places.search(searchable, "Loos-en-Gohelle")[0]
    assert (first.kind, first.label) == ("commune", "Loos-en-Gohelle")
    # a landmark of the territory (a slag heap or a pit of the mining heritage)
    name = str(searchable.landmarks().name.iloc[0])
    assert any(p.kind == "landmark" and p.label == name for p in places.search(searchable, name))
    # only the territory: Arras is in the BAN file, not in the territory
    assert all("Arras" not in p.label for p in places.search(searchable, "rue jean jaures arras"))
    assert places.search(searchable, "x") == [] and places.search(searchable, "zzzzqqqq") == []


def test_without_an_address_file_communes_and_landmarks_are_searched(backend_store):
    from cartoparti.commands import places

    assert places.search(backend_store, "lievin")[0].label == "Liévin"
    name = str(backend_store.landmarks().name.iloc[0])
    assert places.search(backend_store, name)[0].kind == "landmark"
    assert all(p.kind != "address" for p in places.search(backend_store, "rue jean jaures"))
