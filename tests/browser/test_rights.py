"""A resident downloads, then erases, their contributions with their follow code in the
real app (headless Chromium); the app compacts the file itself; the legal pages are
linked from the sidebar and the footer."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cartoparti.commands import contribute
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import external_requests, fill, goto, settled, submit
from tests.conftest import AppServer

pytestmark = pytest.mark.browser
SECRET = "Souvenir-du-coron-" + "z" * 30


@pytest.fixture
def seeded(db_path):
    with open_storage(db_path) as store:
        mine = contribute.submit(
            store, settings=Settings(), kind="memory", title="La fête du coron", text=SECRET,
            theme="culture et mémoire", location=store.zone_point("62498"), age_band="45-59",
        )
        other = contribute.submit(
            store, settings=Settings(), kind="need", title="Un banc", text="Pour le voisin",
            theme="espaces publics", location=store.zone_point("62498"),
        )
    server = AppServer(db_path)
    yield server, mine, other
    server.stop()


def test_download_then_erase_with_the_follow_code(seeded, page):
    server, mine, other = seeded
    goto(page, f"{server.url}/suivi")
    fill(page, "Code de suivi", mine.follow_code)
    submit(page, "Voir mes contributions")
    page.get_by_text("Mes données").wait_for()
    settled(page)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Télécharger mes données (JSON)").click()
    data = json.loads(Path(caught.value.path()).read_text(encoding="utf-8"))
    [item] = data["contributions"]
    assert item["text"] == SECRET and item["profile"]["age_band"] == "45-59"
    assert other.id not in json.dumps(data)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Télécharger mes données (CSV)").click()
    assert "La fête du coron" in Path(caught.value.path()).read_text(encoding="utf-8-sig")

    page.get_by_text("Effacer toutes mes contributions").click()
    page.get_by_text("Je confirme vouloir tout effacer").click()
    expect(page.get_by_role("checkbox", name="Je confirme vouloir tout effacer", exact=True)).to_be_checked()
    settled(page)  # the ticked box has reached the server before the button is pressed
    page.get_by_role("button", name="Effacer définitivement").click()
    page.get_by_text("Vos 1 contribution(s) et tout ce qui s'y rattachait ont été effacées.").wait_for()
    settled(page)
    assert external_requests(page) == []
    # the app compacts in the background, and keeps serving
    deadline = time.time() + 60
    while SECRET.encode() in server.db_path.read_bytes() and time.time() < deadline:
        time.sleep(0.5)
    assert SECRET.encode() not in server.db_path.read_bytes()
    fill(page, "Code de suivi", other.follow_code)
    submit(page, "Voir mes contributions")
    page.get_by_text("Un banc").first.wait_for()
    server.stop()
    with open_storage(server.db_path) as store:
        assert store.contribution(mine.id) is None and store.contribution(other.id) is not None


def test_legal_pages_are_linked_from_the_sidebar_and_the_footer(app_server, page):
    goto(page, app_server.url)
    settled(page)
    footer = page.locator('[data-testid="stMain"]')
    footer.get_by_role("link", name="Mentions légales").click()
    page.get_by_role("heading", name="Mentions légales").first.wait_for()
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Données personnelles").click()
    page.get_by_role("heading", name="Vos droits").wait_for()
    assert "24 mois" in page.locator('[data-testid="stMain"]').inner_text()
    assert external_requests(page) == []
