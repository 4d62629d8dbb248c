"""Two app servers on one PostgreSQL database, with the command line at work meanwhile:
every contribution is stored exactly once, and a follow code or an account made on one
server works on the other."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import (
    external_requests,
    fill,
    goto,
    radio,
    select,
    signed_in,
    submit,
)
from tests.browser.test_agents_loop import NO_MAP, PASSWORD
from tests.conftest import ROOT, AppServer

pytestmark = pytest.mark.browser
SUBMISSIONS = 20
IMPORTED = 3000


def _contribute(page, url: str, title: str) -> str:
    goto(page, f"{url}/contribuer")
    radio(page, NO_MAP)
    select(page, "Commune", "Liévin")
    page.get_by_text("Lieu choisi : un point").wait_for()
    select(page, "Type de contribution *", "besoin")
    fill(page, "Titre *", title)
    select(page, "Thème *", "mobilité")
    submit(page, "Envoyer ma contribution")
    notice = page.get_by_text("Votre code de suivi personnel")
    notice.wait_for(timeout=60_000)
    return re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", notice.inner_text()).group()


def test_two_servers_and_the_cli_on_one_database(pg_url, tmp_path, browser):
    big = tmp_path / "import.csv"
    big.write_text(
        "id,kind,title,theme,lon,lat\n"
        + "".join(f"cli-{i},need,Import {i},nature,{2.78 + (i % 50) / 1000:.4f},{50.43 + (i % 40) / 1000:.4f}\n"
                  for i in range(IMPORTED)),
        encoding="utf-8",
    )
    servers = [AppServer(pg_url, log=tmp_path / f"server{i}.log") for i in range(2)]
    cli = [sys.executable, "-m", "cartoparti", "--db", pg_url]
    try:
        # the command line imports while the servers take submissions
        importing = subprocess.Popen([*cli, "import", str(big)], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        contexts = [browser.new_context(viewport={"width": 1300, "height": 1000}, locale="fr-FR")
                    for _ in servers]
        pages = [c.new_page() for c in contexts]
        for pg in pages:
            pg.set_default_timeout(30_000)
            pg.requests = []
            pg.on("request", lambda r, pg=pg: pg.requests.append(r.url))
        codes = {}
        for i in range(SUBMISSIONS):
            k = i % 2
            codes[f"Deux serveurs {i}"] = _contribute(pages[k], servers[k].url, f"Deux serveurs {i}")
        _, err = importing.communicate(timeout=300)
        assert importing.returncode == 0, err
        # the same file again, from the command line, while the servers run: nothing added
        again = subprocess.run([*cli, "import", str(big)], cwd=ROOT, capture_output=True, text=True,
                               timeout=300, check=False)
        assert again.returncode == 0 and f"{IMPORTED} déjà présente(s)" in again.stdout, again.stdout
        # an agent added by the command line signs in on the second server
        added = subprocess.run([*cli, "user", "add", "bruno", "--role", "agent"], cwd=ROOT,
                               input=PASSWORD + "\n", capture_output=True, text=True, timeout=120, check=False)
        assert added.returncode == 0, added.stderr
        agent = pages[1]
        goto(agent, f"{servers[1].url}/connexion")
        fill(agent, "Nom d'utilisateur", "bruno")
        fill(agent, "Mot de passe", PASSWORD)
        submit(agent, "Se connecter")
        signed_in(agent)
        agent.get_by_text("Connecté(e) : bruno").wait_for()
        # a follow code given by the first server opens on the second
        first = pages[0]
        goto(first, f"{servers[1].url}/suivi")
        fill(first, "Code de suivi", codes["Deux serveurs 0"])
        submit(first, "Voir mes contributions")
        first.get_by_text("Deux serveurs 0", exact=True).first.wait_for(timeout=30_000)
        for pg in pages:
            assert external_requests(pg) == []
        for c in contexts:
            c.close()
    finally:
        for server in servers:
            server.stop()
    with open_storage(pg_url) as store:
        frame = store.contributions(published_only=False)
        titles = frame["title"].value_counts()
        assert len(frame) == SUBMISSIONS + IMPORTED
        assert (titles == 1).all()
        assert {f"Deux serveurs {i}" for i in range(SUBMISSIONS)} <= set(titles.index)
