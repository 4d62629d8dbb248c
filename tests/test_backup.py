"""Backups: ``backup`` then ``restore`` into a new database gives identical
contributions, answers, users and audit, from either backend into either backend."""

import io

import pytest

from cartoparti.cli import main
from cartoparti.cli._base import EXIT_FAILED
from cartoparti.commands import (
    accounts,
    answers,
    backup,
    contribute,
    datasets,
    moderation,
    plan,
    residents,
)
from cartoparti.io.backup import BackupError
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.test_contribute import _jpeg_with_gps

AGENT = {"name": "alice", "role": "agent"}
ADMIN = {"name": "root", "role": "admin"}
PASSWORD = "un mot de passe assez long"
TABLES = ("contributions", "profiles", "status_history", "audit_log", "users", "handling", "follow_links",
          "supports", "photos", "contribution_zones", "zones", "landmarks", "places", "notify_addresses",
          "plan_items", "plan_links", "plan_milestones", "service_capacity")


def _fill(store):
    """A database that has lived: contributions (a photo, a held phone number), answers,
    supports, accounts, an import and its audit."""
    settings = Settings()
    accounts.add_user(store, "alice", role="agent", password=PASSWORD)
    accounts.add_user(store, "root", role="admin", password=PASSWORD)
    first = contribute.submit(store, settings=settings, kind="need", title="Un banc", text="Près de l'école",
                              theme="nature", location=store.zone_point("62498"), age_band="30-44",
                              photo=_jpeg_with_gps())
    held = contribute.submit(store, settings=settings, kind="report", title="Lampadaire",
                             text="appelez le 06 12 34 56 78", theme="sécurité",
                             location=store.zone_point("62528"))
    answers.answer(store, AGENT, first.id, status="under_study", message="Nous regardons.")
    moderation.qualify(store, AGENT, held.id, settings=settings, service="voirie et mobilité")
    residents.support(store, first.id, "browser-1")
    store.add_notify_address(first.id, "autrice@exemple.fr", "author")  # personal data, backed up too
    datasets.import_dataset(store, AGENT, b"title,text,theme,kind,lon,lat\nUn arbre,,nature,need,2.83,50.43\n",
                            name="f.csv", settings=settings)
    item = plan.add_item(store, settings, AGENT, title="Un banc devant l'école", service="espaces verts",
                         level="concertation", start_date="2027-01-10", cost=800, agent_days=2,
                         geometry=store.zone_point("62498"), contribution_ids=[first.id],
                         milestones=[("Pose", "2027-02-01")])
    plan.set_milestone_done(store, AGENT, item.item_id, 1)
    plan.set_capacity(store, settings, ADMIN, "espaces verts", 12)
    return first, held


def _table(store, name):
    frame = store._df(f"SELECT * FROM {name}")
    for column in frame.columns:
        if column == "geom" or column.endswith("_geom"):  # each backend's own encoding
            frame = frame.drop(columns=column)
    text = frame.map(lambda v: bytes(v).hex() if isinstance(v, (bytes, bytearray, memoryview)) else str(v))
    return text.sort_values(list(text.columns[:2])).reset_index(drop=True)


@pytest.mark.parametrize("target", ["duckdb", "postgis"])
def test_backup_then_restore_gives_the_same_database(backend_store, target, tmp_path, request):
    first, held = _fill(backend_store)
    assert backend_store.handling(held.id)["personal_data"] == "phone"
    buffer = io.BytesIO()
    manifest = backup.backup(backend_store, buffer)
    assert manifest["tables"]["contributions"]["rows"] == 3
    if target == "duckdb":
        location = tmp_path / "restored.duckdb"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        location = cluster.url(cluster.create_database())
    with open_storage(location) as restored:
        backup.restore(restored, io.BytesIO(buffer.getvalue()))
        for name in TABLES:
            assert _table(restored, name).equals(_table(backend_store, name)), name
        # the restored database works: geometries, photo, sign-in, follow-up, new ids
        assert restored.contribution(first.id)["title"] == "Un banc"
        assert restored.photo(first.id)[1] == backend_store.photo(first.id)[1]
        assert accounts.authenticate(restored, "alice", PASSWORD) == AGENT
        assert {c["id"] for c in residents.followed(restored, first.follow_code)} >= {first.id}
        rows = restored.contributions(published_only=False).set_index("id")
        assert restored.locate(rows.geometry[first.id])[restored.primary_layer()] == "62498"
        # the public positions come back as they were
        kept = backend_store.contributions(published_only=False).set_index("id")
        assert rows.geometry.loc[kept.index].geom_equals(kept.geometry).all()
        # the action plan, its geometry and its links come back too
        assert restored.plan_items().geometry.equals(backend_store.plan_items().geometry)
        assert plan.items_for_contribution(restored, first.id) == plan.items_for_contribution(backend_store, first.id)
        before = len(restored.audit_log())
        answers.answer(restored, AGENT, first.id, status="accepted", message="C'est prévu.")
        assert len(restored.audit_log()) == before + 1
        assert restored.schema_version() == len(restored.migrations)
        # a database that already holds contributions is refused
        with pytest.raises(BackupError, match="déjà des contributions"):
            backup.restore(restored, io.BytesIO(buffer.getvalue()))


def test_backup_and_restore_from_the_command_line(db_path, tmp_path, capsys):
    with open_storage(db_path) as store:
        _fill(store)
        expected = _table(store, "contributions")
    target = tmp_path / "sauvegarde.zip"
    assert main(["--db", str(db_path), "backup", str(target)]) == 0
    assert "Sauvegarde écrite" in capsys.readouterr().out
    fresh = tmp_path / "neuve.duckdb"
    assert main(["--db", str(fresh), "restore", str(target)]) == 0
    with open_storage(fresh) as store:
        assert _table(store, "contributions").equals(expected)
    assert main(["--db", str(fresh), "restore", str(target)]) == EXIT_FAILED
    assert "déjà des contributions" in capsys.readouterr().err
    (tmp_path / "pas-une-sauvegarde.zip").write_bytes(b"PK\x03\x04 nope")
    assert main(["--db", str(tmp_path / "autre.duckdb"), "restore", str(tmp_path / "pas-une-sauvegarde.zip")]) == EXIT_FAILED
    assert "pas une sauvegarde" in capsys.readouterr().err


def test_only_an_administrator_downloads_a_backup(store):
    _fill(store)
    with pytest.raises(Exception, match="administrateurs"):
        backup.backup_bytes(store, AGENT)
    data, manifest = backup.backup_bytes(store, ADMIN)
    assert data[:2] == b"PK" and manifest["tables"]["users"]["rows"] == 2
    assert store.audit_log().action.iloc[0] == "backup"
