"""A resident contributes through the real app in headless Chromium."""


import pytest
from playwright.sync_api import expect

from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import (
    external_requests,
    fill,
    goto,
    map_frame,
    radio,
    select,
    settled,
    submit,
)

pytestmark = pytest.mark.browser
NO_MAP = "Sans carte : choisir une commune et un lieu repère"


def _stored(server):
    server.stop()
    with open_storage(server.db_path) as store:
        return store.contributions(published_only=False)


def test_click_the_map_fill_the_form_and_see_it_on_the_map(app_server, page):
    goto(page, f"{app_server.url}/contribuer")
    frame = map_frame(page)
    page.wait_for_timeout(1500)  # the map frames the territory once settled
    container = frame.locator(".leaflet-container")
    box = container.bounding_box()
    container.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    page.get_by_text("Lieu choisi : un point").wait_for(timeout=30_000)
    select(page, "Type de contribution *", "dysfonctionnement")
    fill(page, "Titre *", "Lampadaire éteint")
    fill(page, "Votre message", "Depuis deux semaines, rue des Écoles.")
    select(page, "Thème *", "sécurité")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)

    goto(page, f"{app_server.url}/carte")
    page.get_by_text("1 contribution(s)").wait_for()
    frame = map_frame(page)
    settled(page)  # the map drawn for good: a popup opened before a redraw would vanish with it
    marker = frame.locator(".cp-icon.cp-report")
    marker.wait_for()
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Lampadaire éteint" in popup.inner_text()
    assert "dysfonctionnement" in popup.inner_text()
    assert external_requests(page) == []
    rows = _stored(app_server)
    assert list(rows.title) == ["Lampadaire éteint"] and rows.kind.iloc[0] == "report"
    assert rows.geometry.iloc[0].geom_type == "Point" and rows.zone_code.notna().all()


def test_path_without_the_map(app_server, page):
    goto(page, f"{app_server.url}/contribuer")
    radio(page, NO_MAP)
    select(page, "Commune", "Loos-en-Gohelle")
    page.get_by_text("Lieu choisi : un point").wait_for()
    select(page, "Type de contribution *", "souvenir")
    fill(page, "Titre *", "La fosse 11/19")
    select(page, "Thème *", "culture et mémoire")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    assert "Loos-en-Gohelle" in page.get_by_text("Merci ! Votre contribution").inner_text()
    rows = _stored(app_server)
    assert list(rows.zone_code) == ["62528"] and list(rows.kind) == ["memory"]


def test_missing_title_keeps_what_was_typed(app_server, page):
    goto(page, f"{app_server.url}/contribuer")
    radio(page, NO_MAP)
    select(page, "Commune", "Lens")
    select(page, "Type de contribution *", "besoin")
    fill(page, "Votre message", "Un abri à l'arrêt de bus, s'il vous plaît")
    select(page, "Thème *", "mobilité")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Le titre est obligatoire.").wait_for(timeout=30_000)
    assert page.get_by_label("Votre message", exact=True).input_value() == "Un abri à l'arrêt de bus, s'il vous plaît"
    # what was chosen is kept as well
    assert page.get_by_role("combobox", name="Thème *", exact=True).input_value() == "mobilité"
    assert page.get_by_role("combobox", name="Type de contribution *", exact=True).input_value() == "besoin"
    fill(page, "Titre *", "Abri de bus")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    assert list(_stored(app_server).title) == ["Abri de bus"]


def test_escaped_everywhere_and_nothing_from_outside(app_server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    goto(page, f"{app_server.url}/contribuer")
    radio(page, NO_MAP)
    select(page, "Commune", "Liévin")
    select(page, "Type de contribution *", "proposition")
    fill(page, "Titre *", '<img src=x onerror="alert(1)">')
    fill(page, "Votre message", "</script><script>alert(2)</script>")
    select(page, "Thème *", "autre")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    goto(page, f"{app_server.url}/carte")
    frame = map_frame(page)
    settled(page)
    frame.locator(".cp-icon").first.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert '<img src=x onerror="alert(1)">' in popup.inner_text()
    assert popup.locator("img").count() == 0 and popup.locator("script").count() == 0
    page.wait_for_timeout(500)
    assert dialogs == []
    assert external_requests(page) == []


def test_two_sessions_submitting_at_the_same_time_both_land(app_server, browser):
    pages = []
    for i in range(2):
        context = browser.new_context(viewport={"width": 1300, "height": 1000})
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        goto(pg, f"{app_server.url}/contribuer")
        radio(pg, NO_MAP)
        select(pg, "Commune", "Lens" if i else "Avion")
        select(pg, "Type de contribution *", "besoin")
        fill(pg, "Titre *", f"Session {i}")
        select(pg, "Thème *", "jeunesse")
        pages.append(pg)
    buttons = [pg.get_by_role("button", name="Envoyer ma contribution") for pg in pages]
    # press both buttons as close together as possible
    handles = [b.element_handle() for b in buttons]
    for h in handles:
        h.dispatch_event("click")
    for pg in pages:
        pg.get_by_text("Merci ! Votre contribution").wait_for(timeout=60_000)
        pg.context.close()
    assert sorted(_stored(app_server).title) == ["Session 0", "Session 1"]


LINE_TOOL_READY = """() => {
    const control = Object.keys(window).find((name) => name.startsWith("draw_control_"));
    return !window[control]._toolbars.draw._modes.polyline.handler._disableMarkers;
}"""
"""True when Leaflet.draw's line tool takes a click as a new point (the flag it sets
after each point and clears on a 50 ms timer)."""


def _wait_until_the_line_tool_takes_a_point(container, *, timeout_ms: int = 10_000) -> None:
    for _ in range(timeout_ms // 20):
        if container.evaluate(f"(_) => ({LINE_TOOL_READY})()"):
            return
        container.page.wait_for_timeout(20)
    raise AssertionError("the line tool never took a new point")


def test_draw_a_line_instead_of_a_point(app_server, page):
    """Drawn as a person does: each click waits for its point to show and for the
    drawing tool to take the next one (Leaflet.draw ignores clicks for a moment after
    each point: a timer, late when the machine is busy), then « Terminer »."""
    goto(page, f"{app_server.url}/contribuer")
    frame = map_frame(page)
    tool = frame.get_by_title("Tracer une ligne")  # the drawing tools speak French
    tool.click()
    frame.get_by_text("Cliquez pour commencer la ligne.").wait_for()
    container = frame.locator(".leaflet-container")
    box = container.bounding_box()
    x, y = box["width"] / 2, box["height"] / 2
    vertices = frame.locator(".leaflet-editing-icon")
    for n, (dx, dy) in enumerate([(-40, 0), (40, 10)], start=1):
        _wait_until_the_line_tool_takes_a_point(container)
        container.click(position={"x": x + dx, "y": y + dy})
        expect(vertices).to_have_count(n)
    # half-way through the line, no point has been chosen
    assert page.get_by_text("Lieu choisi : un point").count() == 0
    frame.get_by_title("Terminer le tracé").click()
    page.get_by_text("Lieu choisi : une ligne").wait_for(timeout=30_000)
    select(page, "Type de contribution *", "besoin")
    fill(page, "Titre *", "Un trottoir continu")
    select(page, "Thème *", "mobilité")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    rows = _stored(app_server)
    assert rows.geometry.iloc[0].geom_type == "LineString" and len(rows.geometry.iloc[0].coords) == 2


def test_on_a_phone_the_list_of_layers_folds_and_leaves_the_drawing_tools_free(app_server, page):
    page.set_viewport_size({"width": 360, "height": 780})
    goto(page, f"{app_server.url}/contribuer")
    frame = map_frame(page)
    layers, tools = frame.locator(".leaflet-control-layers"), frame.locator(".leaflet-draw")
    expect(frame.locator(".leaflet-control-layers-list")).to_be_hidden()
    a, b = layers.bounding_box(), tools.bounding_box()
    assert a["x"] > b["x"] + b["width"] or a["y"] > b["y"] + b["height"], (a, b)  # apart
    frame.get_by_role("button", name="Couches de la carte").click()
    heritage = frame.get_by_label("Patrimoine minier (cités, terrils, puits, bâtis)")
    heritage.check()
    expect(heritage).to_be_checked()
    page.set_viewport_size({"width": 1280, "height": 900})  # a wide map shows the list open
    expect(frame.locator(".leaflet-control-layers-list")).to_be_visible()
