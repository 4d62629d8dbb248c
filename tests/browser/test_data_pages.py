"""Every agent task in the app while it runs (DuckDB: one process holds the file):
an agent imports a dataset through the page, mapping its columns; an administrator
adds a colleague who then signs in; an export downloaded from the page opens in a GIS."""

import pandas as pd
import pyogrio
import pytest

from cartoparti.commands import accounts as auth
from cartoparti.storage import open_storage
from tests.browser import streamlit_ui
from tests.browser.streamlit_ui import external_requests, fill, select, submit
from tests.conftest import AppServer

pytestmark = pytest.mark.browser
PASSWORD = "un mot de passe assez long"
CSV = (
    "Objet du signalement,Commentaire libre,lon,lat\n"
    "Nid-de-poule rue Thiers,Devant le numéro 12,2.8306,50.4325\n"
    "Banc cassé,Square Jean-Jaurès,2.7800,50.4200\n"
    "Ailleurs,Hors du territoire,5.0,45.0\n"
)


@pytest.fixture
def server_with_admin(db_path):
    with open_storage(db_path) as store:
        auth.add_user(store, "root", role="admin", password=PASSWORD)
    server = AppServer(db_path)
    yield server
    server.stop()


def open_page(page, label: str, title: str) -> None:
    """Follow the sidebar link, as an agent does (a typed URL is a new session)."""
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=label).click()
    page.locator('[data-testid="stMain"] h1').filter(has_text=title).wait_for(timeout=60_000)


def sign_in(page, url: str, name: str, password: str = PASSWORD) -> None:
    streamlit_ui.sign_in(page, url, name, password)
    page.get_by_text("Connecté(e)").wait_for(timeout=30_000)


def test_import_export_and_accounts_from_the_pages(server_with_admin, page, tmp_path):
    url = server_with_admin.url
    sign_in(page, url, "root")
    open_page(page, "Données : importer, exporter", "Données : importer, exporter, sauvegarder")
    source = tmp_path / "signalements.csv"
    source.write_text(CSV, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(source))
    page.get_by_text("3 ligne(s) lues").wait_for(timeout=30_000)
    # lon/lat are recognised; the agent maps the two other columns
    select(page, "Titre *", "Objet du signalement")
    select(page, "Message", "Commentaire libre")
    select(page, "Thème par défaut", "espaces publics")
    select(page, "Type par défaut", "dysfonctionnement")
    submit(page, "Importer")
    page.get_by_text("3 ligne(s) lue(s) : 2 importée(s), 0 déjà présente(s), 1 rejetée(s).").wait_for(timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger les lignes rejetées").click()
    rejects = pd.read_csv(download.value.path())
    assert list(rejects["Objet du signalement"]) == ["Ailleurs"] and rejects.lon.iloc[0] == 5.0

    # export for QGIS
    page.get_by_role("tab", name="Exporter").click()
    page.locator('[data-testid="stRadio"] label').filter(has_text="GeoPackage").click()
    submit(page, "Préparer l'export")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger cartoparti.gpkg").click()
    exported = tmp_path / "export.gpkg"
    download.value.save_as(exported)
    # one layer per geometry type (two points here: no line nor area layer)
    layers = dict(pyogrio.list_layers(exported))
    assert list(layers) == ["contributions_points", "zones", "places", "plan_items"]
    assert layers["contributions_points"] == "Point"
    frame = pyogrio.read_dataframe(exported, layer="contributions_points")
    assert sorted(frame.title) == ["Banc cassé", "Nid-de-poule rue Thiers"]
    assert set(frame.kind) == {"report"} and set(frame.theme) == {"espaces publics"}

    # an administrator adds a colleague, who signs in at once
    open_page(page, "Comptes des agents", "Comptes des agents")
    fill(page, "Nom d'utilisateur", "bob")
    fill(page, "Mot de passe provisoire", PASSWORD)
    submit(page, "Créer le compte")
    page.get_by_text("Compte « bob » créé.").wait_for(timeout=30_000)
    assert external_requests(page) == []
    page.context.clear_cookies()
    other = page.context.browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
    sign_in(other, url, "bob")
    assert other.locator('[data-testid="stSidebar"]').get_by_text("Données : importer, exporter").count() == 1
    assert other.locator('[data-testid="stSidebar"]').get_by_text("Comptes des agents").count() == 0
    other.context.close()

    server_with_admin.stop()
    with open_storage(server_with_admin.db_path) as store:
        stored = store.contributions(published_only=False)
        assert sorted(stored.title) == ["Banc cassé", "Nid-de-poule rue Thiers"]
        assert set(stored.zone_code) <= set(store.zones().code)
        assert list(store.audit_log().action[:3]) == ["user_add", "export", "import"] or \
            {"export", "import"} <= set(store.audit_log().action)


def test_the_rennes_budget_through_the_import_page(tmp_path, page):
    """Real data through the page: Web Mercator x/y, no theme column, a zones-only
    territory of the 12 Rennes neighbourhoods; the same outcome as the CLI."""
    import json

    from cartoparti.cli import main
    from tests.conftest import REALDATA

    records = json.loads((REALDATA / "rennes-budget-participatif" / "quartiers_opendatasoft_records.json").read_text())
    folder = tmp_path / "rennes"
    folder.mkdir()
    features = [{"type": "Feature", "properties": {"code": str(r["fields"]["objectid"]), "nom": r["fields"]["nom"]},
                 "geometry": r["fields"]["geo_shape"]} for r in records]
    (folder / "quartiers.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    source = REALDATA / "rennes-budget-participatif" / "projets_2016_2019.csv"
    cli_db = tmp_path / "cli.duckdb"
    assert main(["--db", str(cli_db), "init", "--territory", str(folder)]) == 0
    assert main(["--db", str(cli_db), "import", str(source), "--crs", "3857", "--kind", "proposal",
                 "--theme", "autre", "--map", "id=b_numero", "--map", "x=b_x", "--map", "y=b_y",
                 "--map", "title=b_libelle", "--map", "text=b_description",
                 "--rejects", str(tmp_path / "cli.rejets.csv")]) == 1
    db_path = tmp_path / "rennes.duckdb"
    assert main(["--db", str(db_path), "init", "--territory", str(folder)]) == 0
    with open_storage(db_path) as store:
        auth.add_user(store, "root", role="admin", password=PASSWORD)
    server = AppServer(db_path, {"CARTOPARTI_TERRITORY": str(folder)})
    try:
        sign_in(page, server.url, "root")
        open_page(page, "Données : importer, exporter", "Données : importer, exporter, sauvegarder")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(source))
        page.get_by_text("219 ligne(s) lues").wait_for(timeout=30_000)
        # b_numero, b_libelle, b_description, b_x and b_y are recognised: only the rest is chosen
        epsg = page.get_by_label("Système de coordonnées des colonnes X/Y ou lon/lat (code EPSG)", exact=True)
        epsg.fill("3857")
        epsg.press("Enter")
        select(page, "Type par défaut", "proposition")
        select(page, "Thème par défaut", "autre")
        submit(page, "Importer")
        page.get_by_text("219 ligne(s) lue(s) :").wait_for(timeout=60_000)
        summary = page.get_by_text("219 ligne(s) lue(s) :").inner_text()
    finally:
        server.stop()
    with open_storage(cli_db) as cli, open_storage(db_path) as app:
        by_cli = cli.contributions(published_only=False)
        by_page = app.contributions(published_only=False)
        assert f"{len(by_cli)} importée(s)" in summary and "37 rejetée(s)" in summary, summary
        assert len(by_page) == len(by_cli) > 120
        assert sorted(zip(by_page.title, by_page.zone_code, strict=True)) == sorted(
            zip(by_cli.title, by_cli.zone_code, strict=True))
        assert set(by_page.theme) == {"autre"} and set(by_page.kind) == {"proposal"}
