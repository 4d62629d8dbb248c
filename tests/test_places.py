"""The place search: words as typed (accents, case, a typo), addresses of a Base
Adresse Nationale file limited to the territory, communes and landmarks without one."""

import pandas as pd
import pytest

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
