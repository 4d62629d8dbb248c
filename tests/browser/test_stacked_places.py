"""Contributions placed at the same spot (« toute la commune » puts them on the
commune's point) hide none of one another on the public map: one pin says how many, and
its popup lists each with its links."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect

from cartoparti.model import Draft, validate_draft
from cartoparti.settings import DEFAULT_THEMES
from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import external_requests, goto, map_frame, settled

pytestmark = pytest.mark.browser
LIEVIN, LENS = "62510", "62498"
TITLES = ["Trop de voitures rue Thiers", "Un marché le dimanche", 'Le <b>cinéma</b> "Apollo"']


@pytest.fixture
def stacked(db_path) -> dict[str, str]:
    """Three contributions for the whole of Liévin (its one point), one in Lens. Kinds
    shown at their exact position (a need or a memory is shown on a 100 m grid: there,
    those of one grid cell share a point)."""
    ids = {}
    with open_storage(db_path) as store:
        for i, (title, zone) in enumerate([*((t, LIEVIN) for t in TITLES), ("Banc cassé", LENS)]):
            draft = validate_draft(
                Draft(kind=("report", "proposal", "weak_signal", "need")[i], title=title, text="", theme="nature",
                      geometry=store.zone_point(zone), created_at=datetime(2025, 3, 1 + i)),
                themes=DEFAULT_THEMES,
            )
            draft.source_key = f"browser:stack:{i}"
            [cid] = store.add_contributions([draft]).inserted
            ids[title] = cid
    return ids


def test_three_contributions_at_one_point_are_one_pin_listing_all_three(stacked, app_server, page):
    goto(page, f"{app_server.url}/carte")
    page.get_by_text("4 contribution(s)").wait_for()
    frame = map_frame(page)
    settled(page)
    pins = frame.locator(".cp-icon")
    expect(pins).to_have_count(2)  # Liévin's three as one pin, and Lens
    stack = frame.locator(".cp-icon.cp-stacked")
    expect(stack).to_have_count(1)
    expect(stack.locator(".cp-stack-count")).to_have_text("3")
    assert stack.get_attribute("aria-label").startswith("3 contributions à cet endroit")
    stack.click()
    popup = frame.locator(".cp-popup.cp-stack")
    popup.wait_for()
    expect(popup.locator(".cp-stack-header")).to_have_text("3 contributions à cet endroit")
    items = popup.locator(".cp-stack-item")
    expect(items).to_have_count(3)
    titles = sorted(items.locator(".cp-title").all_inner_texts())
    assert titles == sorted(TITLES)  # written as text: the tags are shown, not drawn
    assert popup.locator("b").count() == 0
    for title in TITLES:
        item = items.filter(has=frame.locator(".cp-title", has_text=title))
        see = item.get_by_role("link", name="Voir la contribution")
        assert see.get_attribute("href") == f"/contribution?id={stacked[title]}"
        assert item.get_by_role("link", name="Moi aussi").get_attribute("href") == (
            f"/contribution?id={stacked[title]}&soutien=1")
    # the Lens one stands alone, with the usual popup
    popup.locator(".cp-stack-item").last.scroll_into_view_if_needed()
    frame.get_by_role("button", name="Fermer la fiche").click()
    expect(popup).to_have_count(0)
    alone = frame.locator(".cp-icon:not(.cp-stacked)")
    alone.click()
    single = frame.locator(".cp-popup:not(.cp-stack)")
    single.wait_for()
    expect(single.locator(".cp-title")).to_have_text("Banc cassé")
    assert external_requests(page) == []
