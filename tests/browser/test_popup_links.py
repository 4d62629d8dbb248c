"""From the public map to a contribution: a marker's popup links to its page, in the
top window (the map is in an iframe), and « Moi aussi » readies the support without
counting it."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from cartoparti.model import Draft, validate_draft
from cartoparti.settings import DEFAULT_THEMES
from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import external_requests, goto, map_frame, settled

pytestmark = pytest.mark.browser
TITLE = 'Banc cassé <img src=x onerror="alert(1)"> {{ 7*191 }}'


@pytest.fixture
def contribution_id(db_path) -> str:
    with open_storage(db_path) as store:
        draft = validate_draft(Draft(kind="need", title=TITLE, text="Square de l'église.", theme="nature",
                                     geometry=store.zone_point("62498"), created_at=datetime(2025, 3, 1)),
                               themes=DEFAULT_THEMES)
        draft.source_key = "browser:popup"
        [cid] = store.add_contributions([draft]).inserted
    return cid


def _popup(page, url: str):
    goto(page, f"{url}/carte")
    page.get_by_text("1 contribution(s)").wait_for()
    frame = map_frame(page)
    settled(page)  # the map drawn for good: a popup opened before a redraw would vanish with it
    marker = frame.locator(".cp-icon.cp-need")
    marker.wait_for()
    marker.click()
    popup = frame.locator(".cp-popup")
    popup.wait_for()
    assert TITLE in popup.locator(".cp-title").inner_text()
    assert popup.locator("img").count() == 0
    return popup


def test_see_the_contribution_from_its_popup(contribution_id, app_server, page):
    popup = _popup(page, app_server.url)
    see = popup.get_by_role("link", name="Voir la contribution")
    assert see.get_attribute("href") == f"/contribution?id={contribution_id}"
    assert see.get_attribute("target") == "_top"
    support = popup.get_by_role("link", name="Moi aussi")
    assert support.get_attribute("href") == f"/contribution?id={contribution_id}&soutien=1"
    see.click()
    page.wait_for_url(re.compile(rf"/contribution\?id={contribution_id}$"))
    heading = page.locator('[data-testid="stMain"] h3').filter(has_text="Banc cassé")
    heading.wait_for(timeout=60_000)
    assert heading.inner_text().strip() == TITLE
    # its address, to copy and share
    expect(page.locator(f'[data-testid="stMain"] a[href="{app_server.url}/contribution?id={contribution_id}"]')).to_have_count(1)
    expect(page.get_by_text("Confirmez d'un clic")).to_have_count(0)
    assert external_requests(page) == []


def test_me_too_from_the_popup_counts_on_the_click_only(contribution_id, app_server, page):
    popup = _popup(page, app_server.url)
    popup.get_by_role("link", name="Moi aussi").click()
    page.wait_for_url(re.compile(rf"/contribution\?id={contribution_id}&soutien=1$"))
    page.get_by_text("Confirmez d'un clic sur « Moi aussi »").wait_for(timeout=60_000)
    button = page.get_by_role("button", name="Moi aussi")
    expect(button).to_be_visible()
    count = page.locator('[data-testid="stMetricValue"]')
    expect(count).to_have_text("0")  # the link alone counts nothing
    button.click()
    page.get_by_text("Merci, votre soutien est compté.").wait_for(timeout=60_000)
    expect(count).to_have_text("1")
    app_server.stop()
    with open_storage(app_server.db_path) as store:
        assert store.support_count(contribution_id) == 1
