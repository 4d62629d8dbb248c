"""Residents' rights (RGPD), on both backends: a resident downloads and erases what
their follow code made; an administrator erases a contributor id; the retention
period purges profile answers and addresses (by command and once a day, clock
injected); the store compacts itself while open."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from cartoparti._errors import NotFoundError, PermissionDeniedError, ValidationError
from cartoparti.commands import contribute, moderation, residents, rights
from cartoparti.commands.answers import answer
from cartoparti.model import Draft
from cartoparti.settings import Settings, Smtp

ADMIN = {"name": "root", "role": "admin"}
AGENT = {"name": "alice", "role": "agent"}
CONFIG = Settings(smtp=Smtp(host="127.0.0.1", port=2525, sender="mairie@exemple.fr"))


def _submit(store, title, *, code=None, email=None, **extra):
    return contribute.submit(
        store, settings=CONFIG, kind="need", title=title, text=f"Texte de {title}",
        theme="espaces publics", location=store.zone_point("62498"), follow_code=code,
        email=email, email_consent=email is not None, **extra,
    )


def _seed(store):
    """Mine (two, one with a profile and an address, one answered and supported) and a
    neighbour's contribution, which my duplicate is merged into."""
    first = _submit(store, "Mon banc", email="moi@exemple.fr", age_band="30-44", csp="CS5")
    code = first.follow_code
    second = _submit(store, "Mon abri", code=code)
    other = _submit(store, "Banc du voisin", email="voisin@exemple.fr", age_band="60-74")
    residents.support(store, second.id, "session-x", settings=CONFIG)
    residents.support(store, other.id, "session-y", settings=CONFIG, email="moi@exemple.fr", consent=True)
    answer(store, AGENT, second.id, status="under_study", message="Nous regardons votre abri.")
    moderation.merge(store, AGENT, first.id, other.id)  # my duplicate into the neighbour's
    return code, first.id, second.id, other.id


def test_a_download_holds_everything_of_mine_and_nothing_of_others(backend_store):
    store = backend_store
    code, first, second, _other = _seed(store)
    data = residents.download(store, code, now=datetime(2026, 1, 2, tzinfo=UTC))
    items = {i["id"]: i for i in data["contributions"]}
    assert set(items) == {first, second}  # not the neighbour's, which the merge made me follow
    mine = items[first]
    assert mine["title"] == "Mon banc" and mine["text"] == "Texte de Mon banc"
    assert mine["profile"]["age_band"] == "30-44" and mine["profile"]["csp"] == "CS5"
    assert mine["email_kept"] is True and items[second]["email_kept"] is False
    assert 50 < mine["lat"] < 51 and 2 < mine["lon"] < 3 and mine["commune"]
    assert items[second]["supports"] == 1
    assert [a["message"] for a in items[second]["answers"]][-1] == "Nous regardons votre abri."
    assert data["exported_at"] == "2026-01-02T00:00:00+00:00"
    blob = residents.download_json(data).decode()
    assert json.loads(blob) == data
    assert "voisin" not in blob.lower() and "Banc du voisin" not in blob
    rows = list(csv.DictReader(io.StringIO(residents.download_csv(data).decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [first, second]
    assert rows[0]["age_band"] == "30-44" and rows[0]["email_kept"] == "True"
    assert "Nous regardons votre abri." in rows[1]["answers"]
    with pytest.raises(NotFoundError):
        residents.download(store, "AAAA-BBBB-CCCC")


def test_a_download_neutralises_formulas_in_the_csv(backend_store):
    store = backend_store
    receipt = _submit(store, "=1+1 banc")
    rows = list(csv.reader(io.StringIO(residents.download_csv(
        residents.download(store, receipt.follow_code)).decode("utf-8-sig"))))
    assert rows[1][2] == "'=1+1 banc"


def test_a_resident_erases_everything_of_theirs_at_once(backend_store):
    store = backend_store
    code, first, second, other = _seed(store)
    counts = residents.erase_mine(store, code)
    assert counts["contributions"] == 2 and counts["profiles"] >= 1 and counts["answers"] == 1
    assert store.contribution(first) is None and store.contribution(second) is None
    assert store.profile(first) is None and store.status_history(second).empty
    # the neighbour's contribution stays, without my address, my merged support or my code
    assert store.contribution(other) is not None
    assert list(store.notify_addresses([other]).email) == ["voisin@exemple.fr"]
    assert store.support_count(other) == 1  # session-y; the merge's "merged:<mine>" is gone
    assert store.followed_ids(residents.follow_code_hash(code)) == []
    with pytest.raises(NotFoundError):
        residents.followed(store, code)
    # the audit keeps only that an erasure happened
    log = store.audit_log()
    entry = log[log["action"] == "resident_erase"].iloc[0]
    assert json.loads(entry["after"] if isinstance(entry["after"], str) else json.dumps(entry["after"]))[
        "contributions"] == 2
    text = log.astype(str).to_string().lower()
    assert "mon banc" not in text and "moi@exemple" not in text and "abri" not in text
    with pytest.raises(NotFoundError):
        residents.erase_mine(store, code)


def _import(store, contributor, title, created_at):
    return store.add_contribution(Draft(
        kind="need", title=title, text=f"Texte {title}", theme="autre", channel="workshop",
        created_at=created_at, geometry=store.zone_point("62498"), contributor_id=contributor,
        age_band="15-29", csp="CS6", home_commune="62498", first_time=True,
    ))


def test_an_administrator_erases_a_contributor_id(backend_store):
    store = backend_store
    now = datetime(2026, 1, 1)
    a1, a2 = _import(store, "P-17", "Un", now), _import(store, "P-17", "Deux", now)
    kept = _import(store, "P-18", "Trois", now)
    residents.support(store, a1, "s-1", settings=CONFIG)
    store.add_notify_address(a2, "p17@exemple.fr", "author")
    for who in (None, AGENT):
        with pytest.raises(PermissionDeniedError):
            rights.erase_contributor(store, who, "P-17")
    with pytest.raises(ValidationError):
        rights.erase_contributor(store, ADMIN, "  ")
    counts = rights.erase_contributor(store, ADMIN, " P-17 ")
    assert counts == {"contributions": 2, "profiles": 2, "photos": 0, "answers": 0,
                      "supports": 1, "addresses": 1, "follow_links": 0}
    assert store.contribution(a1) is None and store.contribution(a2) is None
    assert store.contribution(kept) is not None
    assert store.contributor_contribution_ids("P-17") == []
    entry = store.audit_log(limit=1).iloc[0]
    assert (entry["actor"], entry["action"]) == ("root", "erase_contributor")
    assert "P-17" not in store.audit_log().astype(str).to_string()
    with pytest.raises(NotFoundError):
        rights.erase_contributor(store, ADMIN, "P-17")


def test_retention_purges_old_profiles_and_addresses(backend_store):
    store = backend_store
    now = datetime(2026, 6, 15, 12, 0)
    old = _import(store, "P-1", "Ancien", now - timedelta(days=800))
    recent = _import(store, "P-2", "Récent", now - timedelta(days=30))
    store.add_notify_address(old, "ancien@exemple.fr", "author")
    store.add_notify_address(recent, "recent@exemple.fr", "author")
    settings = Settings(retention_months=24)
    assert rights.retention_cutoff(settings, now) == datetime(2024, 6, 15, 12, 0)
    would = rights.purge(store, settings, now=now, dry_run=True)
    assert (would["profiles"], would["addresses"]) == (1, 1)
    assert store.profile(old)["age_band"] == "15-29"  # a dry run changes nothing
    done = rights.purge(store, settings, now=now)
    assert (done["profiles"], done["addresses"]) == (1, 1)
    purged = store.profile(old)
    assert purged["contributor_id"] == "P-1"
    assert all(purged[k] is None or purged[k] != purged[k] for k in ("age_band", "csp", "home_commune", "first_time"))
    assert store.profile(recent)["age_band"] == "15-29"
    assert list(store.notify_addresses([old, recent]).email) == ["recent@exemple.fr"]
    assert store.contribution(old)["title"] == "Ancien"  # the contribution itself stays
    assert store.audit_log(limit=1).iloc[0]["action"] == "purge"
    again = rights.purge(store, settings, now=now)
    assert (again["profiles"], again["addresses"]) == (0, 0)
    forever = rights.purge(store, Settings(retention_months=None), now=now + timedelta(days=9999))
    assert forever == {"cutoff": None, "profiles": 0, "addresses": 0}


def test_the_daily_purge_runs_once_a_day_across_servers(backend_store, backend_location):
    from cartoparti.storage import open_storage

    store = backend_store
    day = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)
    old = _import(store, "P-1", "Ancien", datetime(2020, 1, 1))
    settings = Settings(retention_months=24)
    assert rights.daily_purge(store, settings, now=day)["profiles"] == 1
    store.add_notify_address(old, "ancien@exemple.fr", "author")  # left since
    assert rights.daily_purge(store, settings, now=day + timedelta(hours=5)) is None
    if backend_location and not str(backend_location).startswith("postgres"):
        other = store  # DuckDB: one process holds the file
    else:
        other = open_storage(backend_location)
    assert rights.daily_purge(other, settings, now=day + timedelta(hours=6)) is None
    assert len(store.notify_addresses([old])) == 1
    assert rights.daily_purge(other, settings, now=day + timedelta(days=1))["addresses"] == 1
    assert rights.daily_purge(store, Settings(retention_months=None), now=day + timedelta(days=2)) is None
    if other is not store:
        other.close()


def test_months_are_calendar_months():
    assert rights.retention_cutoff(Settings(retention_months=1), datetime(2026, 3, 31)) == datetime(2026, 2, 28)
    assert rights.retention_cutoff(Settings(retention_months=12), datetime(2024, 2, 29)) == datetime(2023, 2, 28)
    aware = datetime(2026, 1, 1, 1, 0, tzinfo=UTC) + timedelta(hours=0)
    assert rights.retention_cutoff(Settings(retention_months=24), aware) == datetime(2024, 1, 1, 1, 0)


@pytest.mark.parametrize(
    ("value", "months"), [("", 24), ("6", 6), ("600", 600), ("0", None), ("jamais", None), ("Never", None)]
)
def test_the_retention_setting(value, months):
    assert Settings.from_env({"CARTOPARTI_RETENTION_MONTHS": value}).retention_months == months


@pytest.mark.parametrize("value", ["-1", "601", "deux ans", "1.5", "24 mois"])
def test_a_wrong_retention_setting_stops(value):
    from cartoparti.settings import SettingsError

    with pytest.raises(SettingsError, match="CARTOPARTI_RETENTION_MONTHS"):
        Settings.from_env({"CARTOPARTI_RETENTION_MONTHS": value})


def test_compacting_while_open_removes_erased_bytes_and_the_store_works(backend_store, backend):
    store = backend_store
    secret = "Zorglub-secret-" + "q" * 40
    receipt = contribute.submit(
        store, settings=CONFIG, kind="memory", title="Un souvenir", text=secret,
        theme="culture et mémoire", location=store.zone_point("62498"),
    )
    keep = _submit(store, "Reste là")
    residents.erase_mine(store, receipt.follow_code)
    if backend == "duckdb":  # erased, yet still in the file (or its log) until compacted
        wal = store.path.with_name(store.path.name + ".wal")
        on_disk = store.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        assert secret.encode() in on_disk
    before, after = rights.compact(store)
    assert before > 0 and after > 0
    if backend == "duckdb":
        assert secret.encode() not in store.path.read_bytes()
    # the same store object keeps reading and writing
    assert store.contribution(keep.id)["title"] == "Reste là"
    again = _submit(store, "Après compactage")
    assert store.contribution(again.id) is not None
    assert store.audit_log(limit=1).iloc[0]["action"] == "compact"


def test_compacting_refuses_while_another_connection_holds_the_file(store):
    from cartoparti._errors import DatabaseBusyError
    from cartoparti.storage.duckdb import DuckDBStorage, connect

    if not isinstance(store, DuckDBStorage):
        pytest.skip("DuckDB only: a file swapped under another connection")
    kept = _submit(store, "Reste là")
    other = connect(store.path)  # e.g. a second store opened in the same process
    try:
        with pytest.raises(DatabaseBusyError):
            store.compact()
    finally:
        other.close()
    assert store.contribution(kept.id)["title"] == "Reste là"  # nothing lost, still working
    assert not store.path.with_name(store.path.name + ".compact").exists()
    store.compact()
    assert store.contribution(kept.id)["title"] == "Reste là"
