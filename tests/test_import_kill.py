"""An import killed mid-way (kill -9) leaves no published personal data and no partial
row: the database holds the rows as before the import, or every row of it, whole; on
both backends (DuckDB file, PostgreSQL). The database is never corrupted: it opens,
and the same import run again completes with every row once.

The kill moments are fractions of how long a whole import takes on this machine
(measured once per backend), so that they fall before, during and at the end of the
import's transaction however loaded the machine is."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from cartoparti import privacy
from cartoparti.storage import open_storage
from tests.conftest import ROOT

ROWS = 12_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("kill") / "big.csv"
    lines = ["id,kind,title,text,theme,lon,lat,contributor_id,age_band"]
    for i in range(ROWS):
        text = f"Appelez-moi au 06 12 34 {i % 100:02d} 78" if i % 10 == 0 else f"Texte {i}"
        lon, lat = 2.78 + (i % 97) / 2000, 50.42 + (i % 89) / 2000
        lines.append(f"k{i},need,Titre {i},{text},nature,{lon:.5f},{lat:.5f},p{i % 500},30-44")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check_whole(db_path) -> int:
    with open_storage(db_path) as store:
        n = store._scalar("SELECT count(*) FROM contributions")
        assert n in (0, ROWS), f"a partial import: {n} rows"
        published = store.texts(store._df("SELECT id FROM contributions WHERE published")["id"].tolist())
        leaks = [r.id for r in published.itertuples() if privacy.kinds_found(r.title, r.text)]
        assert leaks == [], "personal data published"
        # every stored contribution has its zone in every layer, and its profile
        layers = store._scalar("SELECT count(DISTINCT layer) FROM zones")
        assert store._scalar("SELECT count(*) FROM contribution_zones") == n * layers
        assert store._scalar("SELECT count(*) FROM profiles") == n
        held = store._scalar("SELECT count(*) FROM handling WHERE personal_data IS NOT NULL")
        assert held == (ROWS // 10 if n else 0)
    return n


def _start(db, csv_path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cartoparti", "--db", str(db), "import", str(csv_path)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


_DURATION: dict[str, float] = {}


def _whole_import_seconds(backend, big_csv, tmp_path, request) -> float:
    """How long a complete import takes here (once per backend, into a scratch database)."""
    if backend not in _DURATION:
        if backend == "duckdb":
            scratch = tmp_path / "scratch.duckdb"
            shutil.copy(request.getfixturevalue("template_db"), scratch)
            location, drop = str(scratch), None
        else:
            cluster = request.getfixturevalue("pg_cluster")
            name = cluster.create_database(template=request.getfixturevalue("pg_template"))
            location, drop = cluster.url(name), name
        started = time.monotonic()
        proc = _start(location, big_csv)
        assert proc.wait(timeout=900) == 0
        _DURATION[backend] = time.monotonic() - started
        if drop is not None:
            request.getfixturevalue("pg_cluster").drop_database(drop)
    return _DURATION[backend]


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8, 0.95])
def test_a_killed_import_leaves_whole_rows_and_nothing_personal_public(
    backend, backend_location, big_csv, fraction, tmp_path, request
):
    db_path = backend_location
    duration = _whole_import_seconds(backend, big_csv, tmp_path, request)
    proc = _start(db_path, big_csv)
    time.sleep(duration * fraction)
    finished = proc.poll() is not None
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    n = _check_whole(db_path)
    if finished:
        assert n == ROWS
    # not corrupted: the database opens, takes the same import again, and holds every row once
    assert _start(db_path, big_csv).wait(timeout=900) == 0
    assert _check_whole(db_path) == ROWS
