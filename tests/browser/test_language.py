"""The browser's language picks the site's language (headless Chromium): English for an
``en-GB`` browser and French for an ``fr-FR`` one on the same server, the map frame
too; the sidebar switch overrides it; French only when only French is offered."""

from collections.abc import Iterator

import pytest

from cartoparti.i18n import en, fr
from tests.browser.streamlit_ui import MAP_IFRAME, external_requests, goto, map_frame, settled
from tests.conftest import AppServer

pytestmark = pytest.mark.browser


@pytest.fixture
def bilingual_server(db_path) -> Iterator[AppServer]:
    server = AppServer(db_path, {"CARTOPARTI_LANGUAGES": "fr,en"})
    yield server
    server.stop()


def _page(browser, locale: str):
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale=locale)
    pg = context.new_page()
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
    pg.set_default_timeout(30_000)
    return context, pg


def _in_sidebar(pg, text: str) -> None:
    pg.locator('[data-testid="stSidebar"]').get_by_text(text, exact=True).first.wait_for()


def _main_text(pg) -> str:
    return pg.locator('[data-testid="stMain"]').inner_text()


def _sidebar_text(pg) -> str:
    return pg.locator('[data-testid="stSidebar"]').inner_text()


def _draw_title(pg) -> str:
    frame = map_frame(pg)
    button = frame.locator("a.leaflet-draw-draw-polyline")
    button.wait_for()
    return button.get_attribute("title") or ""


def test_the_browser_language_picks_english_or_french_on_one_server(bilingual_server, browser):
    english_context, english = _page(browser, "en-GB")
    french_context, french = _page(browser, "fr-FR")
    try:
        goto(english, bilingual_server.url)
        english.get_by_text(en.MESSAGES["page.home.intro"]).wait_for()
        _in_sidebar(english, "Map of contributions")
        assert fr.MESSAGES["page.home.intro"] not in _main_text(english)

        goto(french, bilingual_server.url)
        french.get_by_text(fr.MESSAGES["page.home.intro"]).wait_for()
        _in_sidebar(french, "Carte des contributions")
        assert en.MESSAGES["page.home.intro"] not in _main_text(french)

        # the map frame follows: Leaflet.draw's tools and the locate button
        goto(english, f"{bilingual_server.url}/contribuer")
        assert _draw_title(english) == "Draw a line"
        assert english.get_by_role("heading", name="Contribute").count() == 1
        goto(french, f"{bilingual_server.url}/contribuer")
        assert _draw_title(french) == "Tracer une ligne"
        assert external_requests(english) == external_requests(french) == []
    finally:
        english_context.close()
        french_context.close()


def test_the_switch_overrides_the_browser_and_keeps_what_was_typed(bilingual_server, browser):
    context, pg = _page(browser, "fr-FR")
    try:
        goto(pg, f"{bilingual_server.url}/contribuer")
        map_frame(pg)
        settled(pg)
        pg.get_by_label("Titre *", exact=True).fill("Un banc cassé")
        pg.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label').filter(has_text="English").click()
        pg.get_by_role("heading", name="Contribute").wait_for()
        settled(pg)
        assert pg.get_by_label("Title *", exact=True).input_value() == "Un banc cassé"
        pg.wait_for_selector(MAP_IFRAME)
        assert _draw_title(pg) == "Draw a line"
        # kept for the session, from page to page
        pg.locator('[data-testid="stSidebar"]').get_by_text("Map of contributions").click()
        pg.get_by_role("heading", name="Map of contributions").wait_for()
        assert external_requests(pg) == []
    finally:
        context.close()


def test_only_french_offered_an_english_browser_reads_french(app_server, browser):
    context, pg = _page(browser, "en-GB")
    try:
        goto(pg, app_server.url)
        pg.get_by_text(fr.MESSAGES["page.home.intro"]).wait_for()
        _in_sidebar(pg, "Carte des contributions")
        settled(pg)
        text = _main_text(pg) + _sidebar_text(pg)
        for key in ("page.home.intro", "page.home.see_map", "page.home.published", "nav.agents_sign_in"):
            assert en.MESSAGES[key] not in text, key
        assert pg.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').count() == 0
        goto(pg, f"{app_server.url}/contribuer")
        assert _draw_title(pg) == "Tracer une ligne"
    finally:
        context.close()
