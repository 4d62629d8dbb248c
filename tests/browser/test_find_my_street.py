"""A resident finds their street: search an address (a Base Adresse Nationale file in
the territory folder) or a landmark, drag the point to adjust, or use their location."""

import shutil

import pytest
from playwright.sync_api import expect

from cartoparti.cli import main
from cartoparti.storage import open_storage
from tests.ban_fixture import write_ban
from tests.browser.streamlit_ui import external_requests, fill, goto, map_frame, select, submit
from tests.conftest import TERRITORY, AppServer

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
    box, still = marker.bounding_box(), 0
    for _ in range(60):  # grab it once it stands still (map animation, page layout):
        page.wait_for_timeout(150)  # the same place three times in a row
        now = marker.bounding_box()
        still = still + 1 if (round(now["x"]), round(now["y"])) == (round(box["x"]), round(box["y"])) else 0
        box = now
        if still >= 3:
            break
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


@pytest.fixture
def server_with_addresses(tmp_path):
    folder = tmp_path / "territoire"
    shutil.copytree(TERRITORY, folder)
    write_ban(folder / "adresses-62.csv", TERRITORY, per_commune=40)
    db = tmp_path / "adresses.duckdb"
    assert main(["--db", str(db), "init", "--territory", str(folder)]) == 0
    server = AppServer(db, {"CARTOPARTI_TERRITORY": str(folder)})
    yield server
    server.stop()


def test_search_an_address_drag_the_point_and_send(server_with_addresses, page):
    import pandas as pd

    ban = pd.read_csv(server_with_addresses.db_path.parent / "territoire" / "adresses-62.csv", sep=";", dtype=str)
    target = ban[(ban.numero == "3") & (ban.rep == "bis") & (ban.nom_voie == "Rue Jean Jaurès")
                 & (ban.nom_commune == "Lens")].iloc[0]
    lon, lat = float(target.lon), float(target.lat)
    goto(page, f"{server_with_addresses.url}/contribuer")
    frame = map_frame(page)
    fill(page, "Rechercher une adresse, un lieu ou une commune", "3 bis rue jean jaures lens")
    page.keyboard.press("Enter")
    page.locator('[data-testid="stRadio"]').filter(has_text="Résultats").locator("label").filter(
        has_text="3 bis Rue Jean Jaurès, Lens").first.click()
    page.get_by_text(f"Lieu choisi : un point (lat. {lat:.5f}, lon. {lon:.5f}).").wait_for(timeout=30_000)
    # the map is centred there, zoomed in: the point sits in the middle of the frame
    marker = frame.locator(".cp-chosen")
    marker.wait_for()
    container = frame.locator(".leaflet-container")

    def off_centre() -> float:
        # both boxes measured together: the page above the map may still be laying out
        # (the results list closing), which moves the whole frame, marker included
        box, view = marker.bounding_box(), container.bounding_box()
        return max(abs(box["x"] + box["width"] / 2 - (view["x"] + view["width"] / 2)),
                   abs(box["y"] + box["height"] / 2 - (view["y"] + view["height"] / 2)))

    previous = None
    for _ in range(40):  # the view moves with an animation: wait for it to settle there
        now = off_centre()
        if now < 40 and previous is not None and abs(now - previous) < 1:
            break
        previous = now
        page.wait_for_timeout(250)
    assert off_centre() < 40
    _marker_moved(frame, page)
    expect(page.get_by_text(f"Lieu choisi : un point (lat. {lat:.5f}, lon. {lon:.5f}).")).to_have_count(
        0, timeout=30_000)
    after = page.get_by_text("Lieu choisi : un point").inner_text()
    _fill_and_send(page, "Trottoir défoncé devant le 3 bis")
    assert external_requests(page) == []
    rows = _stored(server_with_addresses)
    point = rows.geometry.iloc[0]
    assert f"lat. {point.y:.5f}, lon. {point.x:.5f}" in after  # where the point was dropped
    assert point.x > lon and point.y < lat  # east and south of the address, as dragged
    assert rows.zone_code.iloc[0] == "62498"


def test_search_a_landmark_without_an_address_file(app_server, page):
    goto(page, f"{app_server.url}/contribuer")
    map_frame(page)
    fill(page, "Rechercher une adresse, un lieu ou une commune", "terril")
    page.keyboard.press("Enter")
    page.get_by_text("lieu repère").first.wait_for(timeout=30_000)
    results = page.locator('[data-testid="stRadio"]').filter(has_text="Résultats")
    results.locator("label").filter(has_text="lieu repère").first.click()
    page.get_by_text("Lieu choisi : un point").wait_for(timeout=30_000)
    fill(page, "Rechercher une adresse, un lieu ou une commune", "avenue inexistante zzz")
    page.keyboard.press("Enter")
    page.get_by_text("Aucun lieu trouvé sur le territoire").wait_for(timeout=30_000)
