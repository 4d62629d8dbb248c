"""A title that would run a shell command if it were compiled as a template, sent by a
resident through the form and by an agent's CSV import: every page that shows it, public
and agents', is opened in the real app; the command never runs and the title shows as typed."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest

from cartoparti.commands import accounts as auth
from cartoparti.settings import DEFAULT_THEMES
from cartoparti.storage import open_storage
from cartoparti.web import ADMIN_PAGES, AGENT_PAGES
from tests.browser.streamlit_ui import (
    external_requests,
    fill,
    goto,
    map_frame,
    radio,
    select,
    sign_in,
    submit,
)
from tests.browser.test_agents_loop import AGENT_URLS, NO_MAP, PASSWORD
from tests.conftest import AppServer

pytestmark = pytest.mark.browser

PUBLIC_URLS = ["", "carte", "contribution", "contribuer", "suivi", "histoire", "plan_public",
               "donnees_personnelles", "mentions_legales", "charte_moderation", "accessibilite"]
ERRORS = re.compile(r"Traceback|jinja2|TemplateSyntaxError|UndefinedError|Un problème technique")


def _payload(proof: Path) -> str:
    return "{{cycler.__init__.__globals__.os.popen('id>" + str(proof) + "').read()}}"


def _assert_page_is_sound(page) -> None:
    page.wait_for_timeout(800)  # let the run finish
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not ERRORS.search(page.locator('[data-testid="stMain"]').inner_text())


@pytest.fixture
def proofs() -> list[Path]:
    token = secrets.token_hex(4)
    paths = [Path(f"/tmp/cp-proof-form-{token}"), Path(f"/tmp/cp-proof-csv-{token}")]
    yield paths
    for path in paths:
        path.unlink(missing_ok=True)


def test_a_title_that_would_run_a_command_never_runs_anywhere(db_path, tmp_path, browser, page, proofs):
    form_title, csv_title = _payload(proofs[0]), _payload(proofs[1])
    assert len(form_title) <= 120
    csv_path = tmp_path / "import.csv"
    csv_path.write_text(
        "kind,title,text,theme,lon,lat\n"
        f'proposal,"{csv_title}","Texte {{{{ 7*191 }}}} {{% if 1 %}}x{{% endif %}} {{# ouvert",nature,2.83,50.43\n',
        encoding="utf-8",
    )
    with open_storage(db_path) as store:
        auth.add_user(store, "alice", role="admin", password=PASSWORD)  # she sees every page
        from cartoparti.io.importer import import_file

        report = import_file(store, csv_path, themes=DEFAULT_THEMES)
        assert report.imported == 1, report.rejected
    server = AppServer(db_path)
    try:
        url = server.url
        # a resident sends the hostile title through the form
        goto(page, f"{url}/contribuer")
        radio(page, NO_MAP)
        select(page, "Commune", "Lens")
        page.get_by_text("Lieu choisi : un point").wait_for()
        select(page, "Type de contribution *", "souvenir")
        fill(page, "Titre *", form_title)
        fill(page, "Votre message", "accolades {{ }} et }}{{")
        select(page, "Thème *", "culture et mémoire")
        submit(page, "Envoyer ma contribution")
        page.get_by_text("Votre code de suivi personnel").wait_for(timeout=30_000)

        # the public pages
        for path in PUBLIC_URLS:
            goto(page, f"{url}/{path}")
            _assert_page_is_sound(page)
        goto(page, f"{url}/carte")
        frame = map_frame(page)
        icons = frame.locator(".cp-icon")
        icons.first.wait_for()
        popups = {}
        for i in range(icons.count()):
            icons.nth(i).click(force=True)
            popup = frame.locator(".cp-popup").last  # the one just opened
            popups[popup.locator(".cp-title").inner_text()] = popup.locator(".cp-text").inner_text()
        assert popups == {
            form_title: "accolades {{ }} et }}{{",
            csv_title: "Texte {{ 7*191 }} {% if 1 %}x{% endif %} {# ouvert",
        }
        goto(page, f"{url}/contribution")
        page.locator('[data-testid="stMain"] h3').filter(has_text="cycler").first.wait_for()
        headings = page.locator('[data-testid="stMain"] h3').all_inner_texts()
        assert any(h.strip() in (form_title, csv_title) for h in headings), headings
        _assert_page_is_sound(page)

        # every agent and administrator page, signed in
        sign_in(page, url, "alice", PASSWORD)
        page.get_by_text("Connecté(e) : alice").wait_for()
        staff_pages = AGENT_PAGES + ADMIN_PAGES
        assert [p.removeprefix("pages/").removesuffix(".py") for p, _, _ in staff_pages] == AGENT_URLS
        for path, label, _ in staff_pages:
            page.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True).click()
            page.wait_for_url(re.compile(f"{path.removeprefix('pages/').removesuffix('.py')}$"))
            page.get_by_role("heading", name=label).first.wait_for(timeout=60_000)
            _assert_page_is_sound(page)
            if path == "pages/reponses.py":
                # the contribution being handled shows its title as a heading, literally
                page.locator('[data-testid="stMain"] h3').filter(has_text=form_title).first.wait_for()
        assert external_requests(page) == []
    finally:
        server.stop()
    for proof in proofs:
        assert not proof.exists(), f"the template ran: {proof.read_text()}"
