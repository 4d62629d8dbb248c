"""A resident finds their street: search an address (a Base Adresse Nationale file in
the territory folder) or a landmark, drag the point to adjust, or use their location."""


import pytest
from playwright.sync_api import expect

from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import external_requests, fill, goto, map_frame, select, submit

pytestmark = pytest.mark.browser


def _stored(server):
    server.stop()
    with open_storage(server.db_path) as store:
        return store.contributions(published_only=False)


def _fill_and_send(page, title):
    select(page, "Type de contribution *", "dysfonctionnement")
    fill(page, "Titre *", title)
    select(page, "Thème *", "mobilité")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)


def _marker_moved(frame, page):
    """Drag the chosen point 60 px right and 40 px down, as a hand does."""
    marker = frame.locator(".cp-chosen")
    marker.wait_for()
    box = marker.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(x + 6 * step, y + 4 * step)
    page.mouse.up()


def test_use_my_location_then_drag_the_point(app_server, browser):
    # the browser says the resident stands in Lens, by the town hall
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="fr-FR",
                                  geolocation={"latitude": 50.4320, "longitude": 2.8300}, permissions=["geolocation"])
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    goto(page, f"{app_server.url}/contribuer")
    frame = map_frame(page)
    frame.get_by_role("button", name="Utiliser ma position").click()
    page.get_by_text("Lieu choisi : un point (lat. 50.43200, lon. 2.83000).").wait_for(timeout=30_000)
    page.get_by_text("Faites glisser le point orange").wait_for()
    before = page.get_by_text("Lieu choisi : un point").inner_text()
    _marker_moved(frame, page)
    expect(page.get_by_text("Lieu choisi : un point")).not_to_have_text(before, timeout=30_000)
    after = page.get_by_text("Lieu choisi : un point").inner_text()
    _fill_and_send(page, "Trottoir défoncé")
    assert external_requests(page) == []
    context.close()
    rows = _stored(app_server)
    point = rows.geometry.iloc[0]
    assert f"lat. {point.y:.5f}, lon. {point.x:.5f}" in after
    assert point.x > 2.8300  # moved east and south of the position found
    assert point.y < 50.4320
