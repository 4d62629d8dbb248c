"""Concurrent writers lose nothing, on both backends: residents submitting through the
commands (several threads) while an import of thousands of rows runs.

What each backend allows:

- DuckDB: one process holds the file. The app's sessions are threads sharing one store
  (one connection, a cursor per call); its writes are serialised by the store's lock,
  so a submission made while an import is being written waits for the import's
  transaction to commit, then goes through. The import here runs through the same
  store, in a thread, as the Données page does.
- PostgreSQL: any number of processes. The import runs as ``cartoparti import`` in its
  own process while the submissions go through other connections.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from cartoparti.commands import contribute, datasets
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

ROWS = 3_000
THREADS = 4
EACH = 6
AGENT = {"name": "alice", "role": "agent"}


@pytest.fixture(scope="module")
def rows_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("concurrent") / "lot.csv"
    lines = ["id,kind,title,theme,lon,lat"]
    for i in range(ROWS):
        lines.append(f"c{i},need,Import {i},nature,{2.78 + (i % 97) / 2000:.5f},{50.42 + (i % 89) / 2000:.5f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _submitters(location, store=None) -> tuple[list[threading.Thread], list[str], list[BaseException]]:
    receipts: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def submit(worker: int) -> None:
        own = store if store is not None else open_storage(location)
        try:
            for n in range(EACH):
                receipt = contribute.submit(
                    own, settings=Settings(), kind="proposal", title=f"Habitant {worker}-{n}", theme="nature",
                    location=contribute.shapely.Point(2.8306 + worker / 1000, 50.4325 + n / 1000),
                    age_band="30-44",
                )
                with lock:
                    receipts.append(receipt.id)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            if store is None:
                own.close()

    return [threading.Thread(target=submit, args=(w,)) for w in range(THREADS)], receipts, errors


def _check(location, receipts: list[str]) -> None:
    with open_storage(location) as store:
        frame = store.contributions(published_only=False)
        assert len(frame) == ROWS + THREADS * EACH
        assert set(receipts) <= set(frame.id)
        assert sorted(t for t in frame.title if t.startswith("Habitant")) == sorted(
            f"Habitant {w}-{n}" for w in range(THREADS) for n in range(EACH)
        )
        # each resident's profile stored with the contribution, none lost or doubled
        assert store._scalar("SELECT count(*) FROM profiles WHERE age_band = '30-44'") == THREADS * EACH


def test_duckdb_threads_submit_while_the_same_store_imports(db_path, rows_csv):
    with open_storage(db_path) as store:
        report: dict[str, object] = {}

        def run_import() -> None:
            report["r"] = datasets.import_dataset(store, AGENT, rows_csv, settings=Settings())

        importer = threading.Thread(target=run_import)
        threads, receipts, errors = _submitters(db_path, store)
        importer.start()
        time.sleep(0.5)
        for t in threads:
            t.start()
        for t in [importer, *threads]:
            t.join(timeout=600)
        assert errors == []
        assert report["r"].imported == ROWS  # type: ignore[attr-defined]
        assert len(receipts) == THREADS * EACH
    _check(db_path, receipts)


def test_postgres_sessions_submit_while_a_cli_import_runs(pg_url, rows_csv):
    proc = subprocess.Popen(
        [sys.executable, "-m", "cartoparti", "--db", pg_url, "import", str(rows_csv)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    threads, receipts, errors = _submitters(pg_url)
    time.sleep(1.0)
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert f"{ROWS} importée(s)" in out
    assert errors == []
    assert len(receipts) == THREADS * EACH
    _check(pg_url, receipts)
