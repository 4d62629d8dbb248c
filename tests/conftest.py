"""Shared fixtures: real geodata, real DuckDB files, the real app in headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres import pg_cluster, pg_template, pg_url  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parent.parent
TERRITORY = ROOT / "geodata" / "lens-lievin"
REALDATA = ROOT / "tests" / "data" / "realdata"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session", autouse=True)
def _never_the_project_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test touches data/cartoparti.duckdb: the default database is a temporary one."""
    previous = os.environ.get("CARTOPARTI_DB")
    os.environ["CARTOPARTI_DB"] = str(tmp_path_factory.mktemp("default-db") / "default.duckdb")
    yield
    if previous is None:
        os.environ.pop("CARTOPARTI_DB", None)
    else:
        os.environ["CARTOPARTI_DB"] = previous


@pytest.fixture(scope="session")
def territory_dir() -> Path:
    assert TERRITORY.is_dir(), f"default territory missing: {TERRITORY}"
    return TERRITORY


@pytest.fixture(scope="session")
def loaded_territory(territory_dir: Path):
    from cartoparti.io.territory import load_territory

    return load_territory(territory_dir)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory, loaded_territory) -> Path:
    """A database with the Lens-Liévin territory loaded, copied by each test."""
    from cartoparti.storage import open_storage

    path = tmp_path_factory.mktemp("template") / "template.duckdb"
    with open_storage(path) as store:
        store.load_territory(loaded_territory)
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    """A fresh database file (territory loaded, no contributions) for one test."""
    path = tmp_path / "cartoparti.duckdb"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def store(db_path: Path, request: pytest.FixtureRequest):
    """A fresh store; DuckDB unless ``CARTOPARTI_TEST_BACKEND=postgis`` (then the tests
    using ``store`` run on the throw-away PostgreSQL cluster)."""
    from cartoparti.storage import open_storage

    postgis = os.environ.get("CARTOPARTI_TEST_BACKEND", "duckdb") == "postgis"
    with open_storage(request.getfixturevalue("pg_url") if postgis else db_path) as s:
        yield s


@pytest.fixture(params=["duckdb", "postgis"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each storage backend in turn (contract tests)."""
    return request.param


@pytest.fixture
def backend_location(backend: str, request: pytest.FixtureRequest) -> str | Path:
    """Where a fresh database of ``backend`` lives (territory loaded): a DuckDB file
    or a PostgreSQL url (the throw-away cluster of ``tests/postgres.py``)."""
    return request.getfixturevalue("db_path" if backend == "duckdb" else "pg_url")


@pytest.fixture
def backend_store(backend_location):
    from cartoparti.storage import open_storage

    with open_storage(backend_location) as s:
        yield s


@pytest.fixture
def app_env(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app (AppTest, in this process) at a fresh database."""
    monkeypatch.setenv("CARTOPARTI_DB", str(db_path))
    monkeypatch.setenv("CARTOPARTI_TERRITORY", str(TERRITORY))
    monkeypatch.delenv("CARTOPARTI_TILES_URL", raising=False)
    return db_path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """The real Streamlit app in its server shell (``serve.py``, as ``make run`` starts
    it), on a free local port with its own database (a DuckDB file, or a PostgreSQL URL
    with ``log`` saying where the server's log goes)."""

    def __init__(self, db_path: Path | str, env: dict[str, str] | None = None, *, log: Path | None = None) -> None:
        self.db_path = db_path
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        basemap = ("CARTOPARTI_BASEMAP", "CARTOPARTI_TILES_URL", "CARTOPARTI_PMTILES")
        full_env = {
            **{k: v for k, v in os.environ.items() if k not in basemap},  # none unless asked
            "CARTOPARTI_DB": str(db_path),
            "CARTOPARTI_TERRITORY": str(TERRITORY),
            **(env or {}),
        }
        self.log = log or Path(db_path).with_suffix(".server.log")
        self.proc = subprocess.Popen(
            [
                sys.executable, str(ROOT / "serve.py"),  # the app inside its server shell
                "--server.port", str(self.port), "--server.address", "127.0.0.1",
                "--server.headless", "true", "--server.fileWatcherType", "none",
            ],
            cwd=ROOT,
            env=full_env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self) -> None:
        import urllib.request

        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not start in 60 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture
def app_server(db_path: Path) -> Iterator[AppServer]:
    server = AppServer(db_path)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required for browser tests (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh browser page that records every request it makes."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="fr-FR")
    pg = context.new_page()
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
    pg.set_default_timeout(30_000)
    yield pg
    context.close()
