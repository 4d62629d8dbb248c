"""The public action plan in the real app (headless Chromium): an item with its milestone
shows on « Ce que la commune fait » and on its map; the contribution that fed a done
item shows as realised (« caillou blanc ») on the public map. Nothing leaves 127.0.0.1."""

from datetime import date

import pytest

from cartoparti.commands import contribute, plan
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import external_requests, goto, map_frame
from tests.conftest import AppServer

pytestmark = pytest.mark.browser
AGENT = {"name": "alice", "role": "agent"}
SETTINGS = Settings()


@pytest.fixture
def plan_server(db_path):
    with open_storage(db_path) as store:
        fed = contribute.submit(store, settings=SETTINGS, kind="need", title="Trottoir défoncé rue Basly",
                                text="", theme="mobilité", location=store.zone_point("62528"))
        contribute.submit(store, settings=SETTINGS, kind="memory", title="La fosse 11/19", text="",
                          theme="culture et mémoire", location=store.zone_point("62498"))
        done = plan.add_item(store, SETTINGS, AGENT, title="Refaire le trottoir rue Basly",
                             service="voirie et mobilité", level="concertation", start_date=date(2026, 9, 1),
                             agent_days=10, zone=("", "62528"), contribution_ids=[fed.id],
                             milestones=[("Pose des bordures", date(2026, 10, 15))])
        plan.set_milestone_done(store, AGENT, done.item_id, 1)
        plan.set_status(store, SETTINGS, AGENT, done.item_id, "done")
        plan.add_item(store, SETTINGS, AGENT, title="Jardin partagé", service="espaces verts",
                      level="coproduction", start_date=date(2027, 3, 1), zone=("", "62498"),
                      milestones=[("Atelier avec les voisins", date(2027, 4, 2))])
    server = AppServer(db_path)
    yield server
    server.stop()


def test_public_plan_and_realised_contribution_on_the_map(plan_server, page):
    goto(page, f"{plan_server.url}/plan_public")
    main = page.locator('[data-testid="stMain"]')
    # Streamlit draws the page element by element: wait for each, as a reader would
    for text in ("Jardin partagé", "Atelier avec les voisins", "Pose des bordures",
                 "fait avec les habitants (1 contribution(s))"):
        main.get_by_text(text).first.wait_for()
    frame = map_frame(page)
    frame.locator("path.cp-plan-done").wait_for(state="attached")
    assert frame.locator("path.cp-plan-planned").count() == 1

    goto(page, f"{plan_server.url}/carte")
    page.get_by_text("2 contribution(s)").wait_for()
    frame = map_frame(page)
    stone = frame.locator("path.cp-done")
    stone.wait_for(state="attached")
    assert stone.count() == 1  # only the contribution that fed the done item
    stone.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Trottoir défoncé rue Basly" in popup.inner_text()
    assert "Réalisé : l'action du plan qu'elle a nourrie est faite" in popup.inner_text()
    page.locator('[data-testid="stMain"]').get_by_text("cailloux blancs").first.wait_for()
    assert external_requests(page) == []
