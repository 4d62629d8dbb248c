"""Settings are typed and checked once: a wrong value stops the app and the command line
with a French message, never a silent default."""

from __future__ import annotations

import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import settings
from cartoparti.settings import Settings, SettingsError
from tests.conftest import ROOT, TERRITORY


def test_defaults(tmp_path):
    s = Settings.from_env({})
    assert s.moderation == "a_posteriori" and s.publish_at_once
    assert s.database == "data/cartoparti.duckdb"  # relative to where the app runs
    assert not s.is_postgres and s.basemap.kind == "none" and s.basemap.url is None
    assert s.themes == settings.DEFAULT_THEMES and s.services == settings.DEFAULT_SERVICES
    assert s.language == "fr"
    assert s.languages == s.offered_languages == ("fr",)


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("CARTOPARTI_MODERATION", "a_priorii", "valeur inconnue « a_priorii »"),
        ("CARTOPARTI_MODERATION", "A_POSTERIORI ", "valeur inconnue"),
        ("CARTOPARTI_DB", "mysql://db/x", "ni un fichier DuckDB ni une adresse PostgreSQL"),
        ("CARTOPARTI_TERRITORY", "/nulle/part", "n'existe pas"),
        ("CARTOPARTI_TILES_URL", "tiles.example.org/a.png", "adresse de tuiles"),
        ("CARTOPARTI_BASEMAP", "google", "n'est pas un fond de carte connu"),
        ("CARTOPARTI_BASEMAP", "xyz", "CARTOPARTI_TILES_URL"),
        ("CARTOPARTI_THEMES", " , ,", "la liste est vide"),
        ("CARTOPARTI_LANGUAGE", "klingon", "langue inconnue « klingon » ; langues possibles : en, fr"),
        ("CARTOPARTI_LANGUAGES", "fr,klingon", "« fr,klingon » n'est pas une liste de langues possibles"),
        ("CARTOPARTI_LANGUAGES", " , ", "langues possibles : en, fr"),
        ("CARTOPARTI_LANGUAGES", "en", "ne comprend pas la langue par défaut .* « fr »"),
        ("CARTOPARTI_LANGUAGE", "FR", "langue inconnue « FR »"),
    ],
)
def test_a_wrong_value_is_an_error_in_french(name, value, words):
    with pytest.raises(SettingsError, match=words):
        Settings.from_env({name: value})


def test_postgres_url_and_lists():
    s = Settings.from_env({
        "CARTOPARTI_DB": "postgresql://cartoparti@127.0.0.1/cartoparti",
        "CARTOPARTI_THEMES": "vélo, parcs,vélo",
        "CARTOPARTI_MODERATION": "a_priori",
        "CARTOPARTI_TERRITORY": str(TERRITORY),
    })
    assert s.is_postgres and s.themes == ("vélo", "parcs") and not s.publish_at_once
    assert s.territory == TERRITORY


def test_current_follows_the_environment(monkeypatch):
    monkeypatch.setenv("CARTOPARTI_MODERATION", "a_priori")
    assert settings.current().moderation == "a_priori"
    monkeypatch.setenv("CARTOPARTI_MODERATION", "nimporte")
    with pytest.raises(SettingsError):
        settings.current()


def test_the_language_setting(monkeypatch):
    from cartoparti import i18n

    assert Settings.from_env({"CARTOPARTI_LANGUAGE": " fr "}).language == "fr"
    monkeypatch.setenv("CARTOPARTI_LANGUAGE", "fr")
    assert settings.current().language == i18n.active() == "fr"
    monkeypatch.setenv("CARTOPARTI_LANGUAGE", "en-GB")
    with pytest.raises(SettingsError, match="CARTOPARTI_LANGUAGE : langue inconnue « en-GB »"):
        settings.current()


def test_the_languages_offered_to_visitors(monkeypatch):
    assert Settings.from_env({"CARTOPARTI_LANGUAGE": "en"}).offered_languages == ("en",)
    both = Settings.from_env({"CARTOPARTI_LANGUAGES": " fr , EN,fr"})
    assert both.language == "fr" and both.languages == ("fr", "en")
    english_first = Settings.from_env({"CARTOPARTI_LANGUAGE": "en", "CARTOPARTI_LANGUAGES": "fr,en"})
    assert english_first.language == "en" and english_first.offered_languages == ("fr", "en")
    # built by hand (tests): the default language alone
    assert Settings(language="en").offered_languages == ("en",)
    monkeypatch.setenv("CARTOPARTI_LANGUAGES", "fr,de")
    with pytest.raises(SettingsError, match="CARTOPARTI_LANGUAGES"):
        settings.current()


def test_the_command_line_stops_with_the_message(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CARTOPARTI_MODERATION": "apriori", "CARTOPARTI_DB": str(tmp_path / "x.duckdb")}
    done = subprocess.run([sys.executable, "-m", "cartoparti", "export"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "CARTOPARTI_MODERATION : valeur inconnue « apriori »" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.parametrize("page", ["app.py", "pages/contribuer.py"])
def test_the_app_stops_with_the_message(app_env, monkeypatch, page):
    monkeypatch.setenv("CARTOPARTI_MODERATION", "publier")
    at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        (
            "cartoparti ne peut pas démarrer : réglage incorrect. CARTOPARTI_MODERATION : valeur "
            "inconnue « publier » ; valeurs possibles : a_priori (publication après relecture) ou "
            "a_posteriori (publication immédiate)."
        )
    ]
    assert len(at.text_input) == 0 and len(at.button) == 0  # no form, nothing to send


def test_the_default_territory_ships_with_the_project():
    """A clone with nothing beside it has its territory: geodata/lens-lievin, tracked by git,
    with the sources and licences the map and exports must credit."""
    from cartoparti.io.territory import load_territory

    s = Settings.from_env({})
    assert s.territory == (ROOT / "geodata" / "lens-lievin").resolve()
    tracked = subprocess.run(
        ["git", "ls-files", "geodata/lens-lievin"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert {"geodata/lens-lievin/communes.geojson", "geodata/lens-lievin/iris_population_2016.csv",
            "geodata/lens-lievin/SOURCES.md"} <= set(tracked)
    t = load_territory(s.territory)
    assert len(t.layer("communes").zones) == 36
    assert "Licence Ouverte" in t.attribution


def test_a_pmtiles_basemap_needs_its_file(tmp_path):
    with pytest.raises(SettingsError, match="contient 0 fichier"):
        Settings.from_env({"CARTOPARTI_BASEMAP": "pmtiles", "CARTOPARTI_TERRITORY": str(tmp_path)})
    with pytest.raises(SettingsError, match="introuvable"):
        Settings.from_env({"CARTOPARTI_BASEMAP": "pmtiles", "CARTOPARTI_PMTILES": "/nulle/part.pmtiles"})
    assert Settings.from_env({"CARTOPARTI_TILES_URL": "/t/{z}/{x}/{y}.png"}).basemap.kind == "xyz"
