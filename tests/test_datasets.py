"""Datasets and accounts from the app: preview and mapping guess, an audited import
with defaults, an export, and the administrator's account actions."""

import io
import json

import pandas as pd
import pyogrio
import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import settings
from cartoparti._errors import ImportFileError, PermissionDeniedError, ValidationError
from cartoparti.commands import accounts, datasets, staff
from cartoparti.io.importer import rejects_bytes
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import REALDATA, ROOT

AGENT = {"name": "alice", "role": "agent"}
ADMIN = {"name": "root", "role": "admin"}
PASSWORD = "un mot de passe assez long"
RENNES = REALDATA / "rennes-budget-participatif" / "projets_2016_2019.csv"

CSV = (
    "Titre;Description;Longitude;Latitude;Catégorie\n"
    "Un banc;Près de l'école;2.8306;50.4325;proposal\n"
    "Un abri;écrire à jean@example.fr;2.8310;50.4330;need\n"
    "Dehors;Loin;5.0;45.0;need\n"
    ";Sans titre;2.83;50.43;need\n"
)


def test_the_mapping_is_guessed_from_names_synonyms_and_prefixes():
    raw = pd.read_csv(RENNES, nrows=1)
    guess = datasets.guess_mapping(list(raw.columns))
    assert guess == {"id": "b_numero", "title": "b_libelle", "text": "b_description", "x": "b_x", "y": "b_y"}
    assert datasets.guess_mapping(["Titre", "Description", "Longitude", "Latitude", "Catégorie"]) == {
        "kind": "Catégorie", "title": "Titre", "text": "Description", "lon": "Longitude", "lat": "Latitude"}
    # a column goes to one field only; the exact name wins over a synonym
    assert datasets.guess_mapping(["title", "titre"]) == {"title": "title"}


def test_preview_reads_without_importing(store):
    seen = datasets.preview(CSV.encode(), name="terrain.csv")
    assert seen.columns == ["Titre", "Description", "Longitude", "Latitude", "Catégorie"]
    assert seen.count == 4 and len(seen.rows) == 4 and not seen.has_geometry
    assert seen.rows.Titre.iloc[0] == "Un banc"
    assert store.count_contributions() == 0
    with pytest.raises(ImportFileError):
        datasets.preview(b"\x00\x01", name="x.gpkg")


def test_import_dataset_with_mapping_and_defaults_is_audited(store):
    seen = datasets.preview(CSV.encode(), name="terrain.csv")
    report = datasets.import_dataset(
        store, AGENT, CSV.encode(), name="terrain.csv", settings=Settings(), mapping=seen.guess,
        default_theme="nature", default_channel="workshop",
    )
    assert (report.imported, len(report.held), len(report.rejected)) == (2, 1, 2)
    rows = store.contributions(published_only=False).set_index("title")
    assert set(rows.theme) == {"nature"} and set(rows.channel) == {"workshop"}
    assert rows.loc["Un banc", "kind"] == "proposal"
    assert store.contribution(rows.loc["Un banc", "id"])["published"]
    assert not store.contribution(rows.loc["Un abri", "id"])["published"]  # held: an e-mail address
    entry = store.audit_log().iloc[0]
    assert entry.action == "import" and entry.actor == "alice"
    assert json.loads(entry.after) == {"file": "terrain.csv", "imported": 2, "held": 1, "rejected": 2,
                                       "duplicates": 0}
    rejects = pd.read_csv(io.BytesIO(rejects_bytes(report.rejected)), sep=",")
    assert list(rejects.line) == [4, 5]
    assert rejects.reason.iloc[0] == "Lieu en dehors du territoire."
    # idempotent, as the CLI
    again = datasets.import_dataset(store, AGENT, CSV.encode(), name="terrain.csv", settings=Settings(),
                                    mapping=seen.guess, default_theme="nature", default_channel="workshop")
    assert (again.imported, again.duplicates) == (0, 2)
    with pytest.raises(PermissionDeniedError):
        datasets.import_dataset(store, None, CSV.encode(), name="terrain.csv", settings=Settings())
    with pytest.raises(ImportFileError, match="--theme inconnu"):
        datasets.import_dataset(store, AGENT, CSV.encode(), name="terrain.csv", settings=Settings(),
                                default_theme="la lune")


def test_export_from_the_app_opens_in_a_gis(store, tmp_path):
    datasets.import_dataset(store, AGENT, CSV.encode(), name="terrain.csv", settings=Settings(),
                            mapping=datasets.guess_mapping(["Titre", "Description", "Longitude", "Latitude",
                                                            "Catégorie"]), default_theme="nature")
    for fmt in ("gpkg", "geojson"):
        data = datasets.export(store, AGENT, fmt)
        path = tmp_path / f"export.{fmt}"
        path.write_bytes(data)
        frame = pyogrio.read_dataframe(path, **({"layer": "contributions_points"} if fmt == "gpkg" else {}))
        assert sorted(frame.title) == ["Un banc"]  # published only
        assert "age_band" not in frame.columns
    assert list(store.audit_log().action[:2]) == ["export", "export"]
    with pytest.raises(PermissionDeniedError):
        datasets.export(store, None, "csv")


def test_the_administrator_manages_accounts(store):
    with pytest.raises(PermissionDeniedError):
        staff.create_account(store, AGENT, "bob", role="agent", password=PASSWORD)
    assert staff.create_account(store, ADMIN, " Bob ", role="agent", password=PASSWORD) == "bob"
    with pytest.raises(ValidationError) as caught:
        staff.create_account(store, ADMIN, "bob", role="agent", password=PASSWORD)
    assert "existe déjà" in caught.value.errors["name"]
    assert accounts.authenticate(store, "bob", PASSWORD) == {"name": "bob", "role": "agent"}
    assert staff.change_role(store, ADMIN, "bob", "admin") == "agent"
    staff.reset_password(store, ADMIN, "bob", "un autre mot de passe")
    assert accounts.authenticate(store, "bob", PASSWORD) is None
    assert accounts.authenticate(store, "bob", "un autre mot de passe") == {"name": "bob", "role": "admin"}
    with pytest.raises(ValidationError):
        staff.reset_password(store, ADMIN, "bob", "court")
    # never one's own admin role or account
    with pytest.raises(ValidationError):
        staff.change_role(store, ADMIN, "root", "agent")
    with pytest.raises(ValidationError):
        staff.remove_account(store, ADMIN, "ROOT")
    staff.remove_account(store, ADMIN, "bob")
    assert store.user("bob") is None
    log = store.audit_log()
    assert {"reset_password"} <= set(log.action)
    assert "un autre mot de passe" not in log.to_string() and "argon2" not in log.to_string()


def _admin_app(db_path) -> AppTest:
    with open_storage(settings.db_path()) as store:
        accounts.add_user(store, "root", role="admin", password=PASSWORD)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["user"] = ADMIN
    at.run()
    at.switch_page("pages/comptes.py").run()
    assert not at.exception, at.exception
    return at


def test_accounts_page_adds_an_agent_who_can_sign_in(app_env):
    at = _admin_app(app_env)
    at.text_input(key="acc_name").set_value("**Bob**")
    at.text_input(key="acc_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Créer le compte").click().run()
    assert any("Nom d'utilisateur invalide" in e.value for e in at.error) is False
    assert any(r"Compte « \*\*bob\*\* » créé." in s.value for s in at.success)  # escaped markdown
    with open_storage(app_env) as store:
        assert accounts.authenticate(store, "**bob**", PASSWORD) == {"name": "**bob**", "role": "agent"}
    # too short a password: a French message, nothing created, what was typed kept
    at.text_input(key="acc_name").set_value("carole")
    at.text_input(key="acc_password").set_value("court")
    next(b for b in at.button if b.label == "Créer le compte").click().run()
    assert any("au moins 12 caractères" in e.value for e in at.error)
    assert at.text_input(key="acc_name").value == "carole"
    with open_storage(app_env) as store:
        assert store.user("carole") is None


def test_accounts_page_is_for_administrators_only(app_env):
    with open_storage(app_env) as store:
        accounts.add_user(store, "alice", role="agent", password=PASSWORD)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["user"] = AGENT
    at.run()
    assert not any(link.label == "Comptes des agents" for link in at.get("page_link"))
    at.switch_page("pages/comptes.py").run()
    assert not at.title and any("administrateurs" in e.value for e in at.error)


def test_the_backup_tab_is_for_administrators(app_env):
    with open_storage(app_env) as store:
        accounts.add_user(store, "alice", role="agent", password=PASSWORD)
    for user, tabs in ((AGENT, 2), (ADMIN, 3)):
        if user is ADMIN:
            with open_storage(app_env) as store:
                accounts.add_user(store, "root", role="admin", password=PASSWORD)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state["user"] = user
        at.run()
        at.switch_page("pages/donnees.py").run()
        assert not at.exception, at.exception
        assert len(at.tabs) == tabs
    next(b for b in at.button if b.label == "Préparer la sauvegarde").click().run()
    assert not at.exception, at.exception
    assert any(str(d.proto.label).startswith("Télécharger cartoparti-sauvegarde-") for d in at.get("download_button"))
    with open_storage(app_env) as store:
        assert store.audit_log().action.iloc[0] == "backup"


def test_every_field_of_the_importer_has_synonyms_and_a_label_in_the_page() -> None:
    from cartoparti import i18n
    from cartoparti.commands.datasets import _SYNONYMS
    from cartoparti.io.importer import FIELDS

    assert set(_SYNONYMS) == set(FIELDS)
    assert set(i18n.labels("import_fields")) == set(FIELDS)
