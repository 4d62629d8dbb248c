"""The story of a real landmark of the default territory, in the real app: the memory
pinned near it shows, as plain text, and every byte comes from our own server."""

import pytest

from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import external_requests, goto, map_frame
from tests.cluster_helpers import draft, offset, plant
from tests.conftest import AppServer

pytestmark = pytest.mark.browser

LANDMARK = "batis_miniers:0"  # Fosse n°13bis de Lens
MEMORY = "Mon grand-père descendait ici <img src=x onerror=alert(1)> **chaque matin**"


@pytest.fixture
def server(db_path):
    with open_storage(db_path) as store:
        point = store.landmark_point(LANDMARK)
        plant(store, [draft(offset(point, 30, 20), who="m1", kind="memory", title="La descente du matin",
                            text=MEMORY, theme="culture et mémoire")])
    app = AppServer(db_path)
    yield app
    app.stop()


def test_the_story_of_a_landmark_shows_its_memories(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    goto(page, f"{server.url}/histoire?lieu={LANDMARK}")
    page.get_by_role("heading", name="Fosse n°13bis de Lens").wait_for(timeout=60_000)
    page.get_by_role("heading", name="Souvenirs").wait_for()
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("La descente du matin").first.wait_for()
    # the memory's text as typed, markup shown as text, never run nor rendered
    main.get_by_text(MEMORY, exact=True).wait_for()
    assert main.locator("img[src='x']").count() == 0
    # the small map, with the memory among its features
    frame = map_frame(page)
    frame.locator(".cp-icon.cp-memory").first.wait_for()
    assert frame.locator(".cp-icon.cp-memory").count() == 1
    page.wait_for_timeout(1000)
    assert dialogs == []
    assert external_requests(page) == []
