"""The page "Qui manque ?" in the real app, on the Lens-Liévin territory, as an agent."""

import pytest

from cartoparti.commands import accounts as auth
from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import (
    MAP_IFRAME,
    external_requests,
    map_frame,
    sign_in,
)
from tests.conftest import AppServer
from tests.representation_helpers import proportional_drafts

pytestmark = pytest.mark.browser
PASSWORD = "un mot de passe assez long"
BLOCK = ["62413", "62033", "62351", "62523", "62628"]  # Harnes and its neighbours
COLD_OUTLINE = "#5e3c99"


@pytest.fixture
def server(db_path):
    """The app over contributions with a contiguous deficit around Harnes and few 75+,
    and an agent (all written before the server holds the file)."""
    with open_storage(db_path) as store:
        store.add_contributions(
            proportional_drafts(store, rate=0.005, zone_factor={c: 0.2 for c in BLOCK}, band_factor={"75+": 0.1})
        )
        auth.add_user(store, "alice", role="agent", password=PASSWORD)
    app = AppServer(db_path)
    yield app
    app.stop()


def test_agent_sees_who_and_where_is_missing(server, page):
    # anonymous: refused, even by URL
    page.goto(f"{server.url}/qui_manque")
    page.get_by_text("Cette page est réservée aux agents").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stMain"] h1').count() == 0

    sign_in(page, server.url, "alice", PASSWORD)
    page.get_by_text("Connecté(e) : alice").wait_for()
    page.locator('[data-testid="stSidebar"]').get_by_text("Qui manque ?").click()
    page.get_by_role("heading", name="Qui manque ?").wait_for(timeout=60_000)

    # the choropleth: every commune filled by class, the cold spot outlined
    frame = map_frame(page)
    page.wait_for_timeout(1500)
    paths = frame.locator("path.leaflet-interactive")
    assert paths.count() >= 2 * 36
    fills = {paths.nth(i).get_attribute("fill") for i in range(paths.count())}
    assert {"#ef8a62", "#f7f7f7"} & fills or {"#b2182b", "#fddbc7"} & fills
    assert frame.locator(f'path[stroke="{COLD_OUTLINE}"]').count() == len(BLOCK)
    page.get_by_text("Ratio lissé (1 = participation en proportion de la population)").wait_for()
    page.get_by_text("Comment lire ces chiffres ?").wait_for()

    # publics, zone × public heatmap with suppressed cells, outreach map
    page.get_by_role("tab", name="Publics", exact=True).click()
    page.get_by_role("heading", name="Tranche d'âge").wait_for()
    page.get_by_role("tab", name="Communes × publics").click()
    page.get_by_text("« < 5 » : case masquée").wait_for()
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    page.get_by_role("tab", name="Où aller ?").click()
    page.get_by_text("Télécharger la liste (CSV)").wait_for()
    assert page.locator(MAP_IFRAME).count() >= 2

    # hexagons instead of communes
    page.get_by_role("tab", name="Communes", exact=True).click()
    page.locator('[data-testid="stRadio"] label').filter(has_text="Hexagones").click()
    page.get_by_text("Contributeurs par hexagone").wait_for(timeout=60_000)
    assert external_requests(page) == []
