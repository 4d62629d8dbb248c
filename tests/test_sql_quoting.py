"""Paths and identifiers reach SQL quoted: a folder named « Communauté d'agglo » or a
crafted file name is a name, never SQL (compact, backup, restore; both backends)."""

from __future__ import annotations

import shutil

import pytest

from cartoparti.cli import main
from cartoparti.commands import backup
from cartoparti.storage import open_storage
from cartoparti.storage.duckdb import compact_database
from cartoparti.storage.duckdb.core import quote_identifier, quote_literal
from tests.test_backup import _fill, _table

AGGLO = "Communauté d'agglo"
CRAFTED = [
    f"{AGGLO}/cartoparti.duckdb",
    "x' AS fresh; CREATE TABLE pwned AS SELECT 1; ATTACH 'y.duckdb",
    'guillemets "doubles" et \'simples\'.duckdb',
    "a'); DROP TABLE contributions; --.duckdb",
]


def test_literals_and_identifiers_are_quoted():
    assert quote_literal("d'agglo") == "'d''agglo'"
    assert quote_identifier('a"b') == '"a""b"'


@pytest.mark.parametrize("name", CRAFTED)
def test_compact_takes_any_database_path(template_db, tmp_path, name):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(template_db, path)
    with open_storage(path) as store:
        _fill(store)
        expected = _table(store, "contributions")
    before, after = compact_database(path)
    assert before > 0 and after > 0
    with open_storage(path) as store:
        assert _table(store, "contributions").equals(expected)
        tables = set(store._df("SELECT table_name FROM information_schema.tables").table_name)
    assert "pwned" not in tables and "contributions" in tables
    assert not list(tmp_path.glob("y.duckdb*"))  # no other database was attached


def test_compact_from_the_command_line_in_a_folder_with_an_apostrophe(template_db, tmp_path, capsys):
    path = tmp_path / AGGLO / "cartoparti.duckdb"
    path.parent.mkdir()
    shutil.copy(template_db, path)
    assert main(["--db", str(path), "compact"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    with open_storage(path) as store:
        assert len(store.zones()) == 36


@pytest.mark.parametrize("target", ["duckdb", "postgis"])
def test_backup_and_restore_in_a_folder_with_an_apostrophe(backend_store, target, tmp_path, request):
    _fill(backend_store)
    folder = tmp_path / AGGLO
    folder.mkdir()
    archive = folder / "sauvegarde d'hiver.zip"
    backup.backup(backend_store, archive)
    if target == "duckdb":
        location = folder / "restaurée d'hier.duckdb"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        location = cluster.url(cluster.create_database())
    with open_storage(location) as restored:
        backup.restore(restored, archive)
        assert _table(restored, "contributions").equals(_table(backend_store, "contributions"))
    if target == "duckdb":
        compact_database(location)
        with open_storage(location) as restored:
            assert _table(restored, "contributions").equals(_table(backend_store, "contributions"))


def test_postgis_compact_quotes_table_names(pg_url):
    from cartoparti.storage.postgis import compact_postgis

    pg = open_storage(pg_url)

    odd = 'notes "de" l\'agglo; DROP TABLE contributions'
    with pg._write() as cur:
        cur.execute(f"CREATE TABLE {quote_identifier(odd)} (x int)")
    before, after = compact_postgis(pg_url)
    assert before > 0 and after > 0
    tables = set(pg._df("SELECT tablename FROM pg_tables").tablename)
    pg.close()
    assert {odd, "contributions"} <= tables
