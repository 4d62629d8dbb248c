"""The public map puts a memory on the grid of its public precision, the agents' page
shows the exact position (issue 13, privacy), in the real app in headless Chromium."""

import pyproj
import pytest
import shapely

from cartoparti.commands import accounts as auth
from cartoparti.commands import contribute
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import (
    external_requests,
    goto,
    map_frame,
    settled,
    sign_in,
)
from tests.conftest import AppServer

pytestmark = pytest.mark.browser
PASSWORD = "un mot de passe assez long"
HOME = shapely.Point(2.8312345, 50.4321234)  # a memory at a private home, in Lens
TO_L93 = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)

MARKERS_JS = """() => {
    const out = {markers: [], popup: null};
    for (const name of Object.keys(window)) {
        const value = window[name];
        if (!(value instanceof L.Map)) continue;
        value.eachLayer(layer => {
            if (layer instanceof L.Marker && layer.getPopup && layer.getPopup()) {
                const p = layer.getLatLng(); out.markers.push([p.lat, p.lng]);
            }
        });
        if (value._popup && value.hasLayer(value._popup)) {
            const p = value._popup.getLatLng(); out.popup = [p.lat, p.lng];
        }
    }
    return out;
}"""


@pytest.fixture
def server(db_path):
    with open_storage(db_path) as store:
        auth.add_user(store, "alice", role="agent", password=PASSWORD)
        contribute.submit(store, settings=Settings(), kind="memory", title="La maison de ma grand-mère",
                          text="Nous y passions les étés.", theme="culture et mémoire", location=HOME)
    app = AppServer(db_path)
    yield app
    app.stop()


def _node_distance(lat: float, lon: float, metres: float = 100.0) -> float:
    x, y = TO_L93.transform(lon, lat)
    return max(abs(x - round(x / metres) * metres), abs(y - round(y / metres) * metres))


def test_public_map_shows_the_memory_on_the_grid_and_agents_the_exact_point(server, browser, page):
    goto(page, f"{server.url}/carte")
    page.get_by_text("1 contribution(s)").wait_for(timeout=60_000)
    frame = map_frame(page)
    settled(page)
    marker = frame.locator(".cp-icon.cp-memory")
    marker.wait_for()
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "La maison de ma grand-mère" in popup.inner_text()
    leaflet = next(f for f in page.frames if f.locator(".leaflet-container").count())
    found = leaflet.evaluate(MARKERS_JS)
    # one contribution (a map object may be reachable under two names: same marker)
    assert len({tuple(m) for m in found["markers"]}) == 1 and found["popup"] is not None
    for lat, lon in found["markers"]:
        assert _node_distance(lat, lon) < 8, "the marker sits on a node of the 100 m grid"
        assert shapely.Point(lon, lat).distance(HOME) > 1e-5, "not the exact point"
        assert len(repr(lat).split(".")[1]) <= 4 and len(repr(lon).split(".")[1]) <= 4
    assert _node_distance(*found["popup"]) < 8
    html = leaflet.content()
    assert "2.831234" not in html and "50.432123" not in html, "the exact position is nowhere in the map"
    assert external_requests(page) == []

    # an agent, signed in, sees the exact position on the page where they answer
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="fr-FR")
    agent = context.new_page()
    agent.set_default_timeout(30_000)
    sign_in(agent, server.url, "alice", PASSWORD)
    agent.get_by_text("Connecté(e) : alice").wait_for()
    agent.locator('[data-testid="stSidebar"]').get_by_text("Traiter et répondre").click()
    agent.get_by_role("heading", name="Traiter et répondre").wait_for(timeout=60_000)
    agent.get_by_text(f"{HOME.y:.6f}, {HOME.x:.6f}").wait_for()
    assert "Position exacte" in agent.get_by_text(f"{HOME.y:.6f}, {HOME.x:.6f}").inner_text()
    context.close()
