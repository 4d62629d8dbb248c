"""A throw-away PostgreSQL + PostGIS cluster for the tests.

``initdb`` in a temporary directory owned by an unprivileged user (the server
refuses to run as root), listening on 127.0.0.1 on a free port with its unix
socket in that directory; stopped at the end of the session. Missing binaries make
the tests fail with the Debian packages to install (``make postgres``).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")
POSTGIS_CONTROL = Path("/usr/share/postgresql/15/extension/postgis.control")
PACKAGES = "postgresql postgresql-15-postgis-3"  # as `make postgres`
TEST_USER = "cartoparti-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> str | None:
    """The user that runs the server: ourselves unless root (then an unprivileged one)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(TEST_USER)
    except KeyError:
        made = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
            capture_output=True, text=True, check=False,
        )
        if made.returncode != 0:
            return "nobody"
    return TEST_USER


class Cluster:
    """One running cluster; :meth:`url` of a database in it."""

    def __init__(self) -> None:
        missing = [str(p) for p in (PG_BIN / "initdb", PG_BIN / "pg_ctl", POSTGIS_CONTROL) if not p.exists()]
        if missing:
            pytest.fail(
                f"PostgreSQL/PostGIS missing ({', '.join(missing)}): "
                f"apt-get install {PACKAGES} (or run `make postgres`)",
                pytrace=False,
            )
        self.user = _server_user()
        self.dir = Path(tempfile.mkdtemp(prefix="cartoparti-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.superuser = "postgres"
        if self.user is not None:
            info = pwd.getpwnam(self.user)
            os.chown(self.dir, info.pw_uid, info.pw_gid)
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", self.superuser, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        self.log = self.dir / "server.log"
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.dir} -c fsync=off -c synchronous_commit=off "
                   f"-c full_page_writes=off -c max_connections=200")
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60", "start")

    def _run(self, *args: object) -> None:
        cmd = [str(a) for a in args]
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=self.dir, check=False)
        if done.returncode != 0:
            log = self.dir / "server.log"
            raise RuntimeError(
                f"{' '.join(cmd)} failed: {done.stdout}{done.stderr}"
                + (log.read_text() if log.exists() else "")
            )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.superuser}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as con:
            con.execute(sql)

    def create_database(self, template: str | None = None) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    cluster = Cluster()
    try:
        cluster.execute("CREATE EXTENSION IF NOT EXISTS postgis", "template1")
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster, loaded_territory) -> str:
    """A database with the schema and the Lens-Liévin territory, copied by each test."""
    from cartoparti.storage.postgis import open_postgis

    name = pg_cluster.create_database()
    with open_postgis(pg_cluster.url(name)) as store:
        store.load_territory(loaded_territory)
    return name


@pytest.fixture
def pg_url(pg_cluster: Cluster, pg_template: str) -> Iterator[str]:
    """A fresh database (territory loaded, no contributions) for one test."""
    name = pg_cluster.create_database(template=pg_template)
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)
