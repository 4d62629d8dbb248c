"""``cartoparti erase --contributor ID`` and ``cartoparti purge [--dry-run]``, on both
backends: what they erase, what they print, how they are audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cartoparti.cli import main
from cartoparti.model import Draft
from cartoparti.storage import open_storage


def _seed(location):
    now = datetime.now(UTC).replace(tzinfo=None)
    with open_storage(location) as store:
        point = store.zone_point("62498")

        def add(who, title, created):
            return store.add_contribution(Draft(
                kind="need", title=title, text=f"Texte {title}", theme="autre", channel="workshop",
                created_at=created, geometry=point, contributor_id=who, age_band="15-29", csp="CS6",
            ))

        ids = {
            "p1_old": add("P-1", "Ancien banc", now - timedelta(days=1000)),
            "p1_new": add("P-1", "Nouveau banc", now - timedelta(days=3)),
            "p2_old": add("P-2", "Vieux puits", now - timedelta(days=1000)),
        }
        store.add_notify_address(ids["p2_old"], "p2@exemple.fr", "author")
    return ids


def test_erase_a_contributor(backend_location, capsys):
    ids = _seed(backend_location)
    assert main(["--db", str(backend_location), "erase", "--contributor", "P-1"]) == 0
    out = capsys.readouterr()
    assert "Effacé : 2 contribution(s), 2 profil(s)" in out.out
    with open_storage(backend_location) as store:
        assert store.contribution(ids["p1_old"]) is None and store.contribution(ids["p1_new"]) is None
        assert store.contribution(ids["p2_old"]) is not None
        assert store.audit_log(limit=1).iloc[0]["action"] == "erase_contributor"
    assert main(["--db", str(backend_location), "erase", "--contributor", "P-1"]) == 2
    assert "Aucune contribution n'a l'identifiant de contributeur « P-1 »." in capsys.readouterr().err


def test_purge_dry_run_then_purge(backend_location, capsys, monkeypatch):
    ids = _seed(backend_location)
    monkeypatch.setenv("CARTOPARTI_RETENTION_MONTHS", "12")
    assert main(["--db", str(backend_location), "purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "(12 mois)" in out and "seraient purgés 2 profil(s) et 1 adresse(s)" in out
    with open_storage(backend_location) as store:
        assert store.profile(ids["p1_old"])["age_band"] == "15-29"
    assert main(["--db", str(backend_location), "purge"]) == 0
    assert "2 profil(s) purgé(s), 1 adresse(s) électronique(s) effacée(s)" in capsys.readouterr().out
    with open_storage(backend_location) as store:
        assert store.profile(ids["p1_old"])["age_band"] is None
        assert store.profile(ids["p1_new"])["age_band"] == "15-29"
        assert store.notify_addresses([ids["p2_old"]]).empty


def test_purge_kept_forever_says_so(db_path, capsys, monkeypatch):
    monkeypatch.setenv("CARTOPARTI_RETENTION_MONTHS", "jamais")
    assert main(["--db", str(db_path), "purge"]) == 0
    assert "aucune donnée n'est purgée" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["-3", "trois"])
def test_purge_with_a_wrong_setting_stops(db_path, capsys, monkeypatch, value):
    monkeypatch.setenv("CARTOPARTI_RETENTION_MONTHS", value)
    assert main(["--db", str(db_path), "purge"]) == 2
    err = capsys.readouterr().err
    assert "CARTOPARTI_RETENTION_MONTHS" in err and f"reçu « {value} »" in err
