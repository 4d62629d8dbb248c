"""RGAA / WCAG 2.1 AA in the real app: axe-core (installed by npm, served from
``static/vendor``, nothing fetched) is injected into every public and agent page and
into each map frame, on a desktop and a 360 px wide viewport. No violation of impact
``serious`` or ``critical`` and no ``color-contrast`` failure may remain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cartoparti.commands import accounts as auth
from cartoparti.commands.answers import answer
from cartoparti.io.importer import import_file
from cartoparti.settings import DEFAULT_THEMES
from cartoparti.storage import open_storage
from cartoparti.web import ADMIN_PAGES, AGENT_PAGES
from tests.browser.streamlit_ui import (
    MAP_IFRAME,
    external_requests,
    fill,
    goto,
    map_frame,
    radio,
    select,
    settled,
    signed_in,
    submit,
)
from tests.browser.test_agents_loop import PASSWORD
from tests.browser.test_template_injection import PUBLIC_URLS
from tests.conftest import ROOT, AppServer

pytestmark = pytest.mark.browser

AXE = ROOT / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/app/static/vendor/axe-core/axe.min.js"
DESKTOP = {"width": 1300, "height": 1000}
PHONE = {"width": 360, "height": 740}
BLOCKING = {"serious", "critical"}


def axe_violations(frame) -> list[dict]:
    """The violations axe-core finds in ``frame`` (a Playwright page or frame) that this
    project does not accept: impact serious or critical, and any colour-contrast failure.

    Frames are checked one by one (each gets its own axe), so ``iframes`` is off."""
    if not frame.evaluate("typeof window.axe !== 'undefined'"):
        # from our own server, as a script the Content-Security-Policy allows ('self'),
        # not inlined (an inline script is refused by the policy, as it should be)
        frame.add_script_tag(url=AXE_URL)
    results = frame.evaluate(
        """async () => {
            const r = await axe.run(document, {iframes: false, resultTypes: ["violations"]});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                                          summary: (n.failureSummary || "").slice(0, 240)}))
            }));
        }"""
    )
    return [v for v in results if v["impact"] in BLOCKING or v["id"] == "color-contrast"]


def _describe(where: str, violations: list[dict]) -> list[str]:
    return [
        f"{where}: {v['id']} ({v['impact']}) {v['help']} — {n['target']} {n['html']} {n['summary']}"
        for v in violations
        for n in v["nodes"]
    ]


MAPS_CHECKED: list[str] = []
"""Where a map frame was checked (the test makes sure the maps were not missed)."""


def check_page(page, where: str) -> list[str]:
    """Violations of the page and of each of its map frames, on both viewports."""
    found: list[str] = []
    for name, viewport in (("desktop", DESKTOP), ("360px", PHONE)):
        page.set_viewport_size(viewport)
        page.wait_for_timeout(400)
        settled(page, quiet_ms=600)
        found += _describe(f"{where} [{name}]", axe_violations(page))
        for i, handle in enumerate(page.query_selector_all(MAP_IFRAME)):
            frame = handle.content_frame()
            frame.wait_for_selector(".leaflet-container", state="attached", timeout=60_000)
            frame.wait_for_timeout(300)
            found += _describe(f"{where} [{name}] map {i}", axe_violations(frame))
            MAPS_CHECKED.append(where)
    page.set_viewport_size(DESKTOP)
    return found


@pytest.fixture
def seeded_server(db_path, tmp_path):
    """The app over a database with an administrator and a few contributions (one done,
    so that every layer of the public map is drawn)."""
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "kind,title,text,theme,lon,lat\n"
        "proposal,Un banc place Jean Jaurès,Pour s'asseoir à l'ombre,espaces publics,2.8318,50.4292\n"
        "memory,La fête de la Sainte-Barbe,Les mineurs défilaient,culture et mémoire,2.7800,50.4200\n"
        "need,Un passage piéton,Devant l'école,mobilité,2.8000,50.4400\n",
        encoding="utf-8",
    )
    with open_storage(db_path) as store:
        auth.add_user(store, "alice", role="admin", password=PASSWORD)
        report = import_file(store, rows, themes=DEFAULT_THEMES)
        assert report.imported == 3, report.rejected
        admin = auth.signed_in_user(store, "alice")
        first = store.contributions(limit=10).iloc[0]["id"]
        for status in ("under_study", "accepted", "done"):
            answer(store, admin, first, message="Le banc est posé, merci !", status=status)
    server = AppServer(db_path)
    yield server
    server.stop()


def test_every_page_and_map_frame_passes_axe_on_desktop_and_phone(seeded_server, browser):
    assert AXE.is_file(), "axe-core missing: run `make assets` (npm ci + scripts/vendor_assets.py)"
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.set_default_timeout(30_000)
    url = seeded_server.url
    found: list[str] = []
    MAPS_CHECKED.clear()
    try:
        for path in PUBLIC_URLS:
            goto(page, f"{url}/{path}")
            found += check_page(page, f"/{path}")
        # a popup open on the public map
        goto(page, f"{url}/carte")
        settled(page)
        frame = page.query_selector(MAP_IFRAME).content_frame()
        frame.locator(".cp-icon").first.click(force=True)
        frame.locator(".cp-popup").wait_for()
        # measured once drawn: the click reruns the page (the map's value) and Leaflet
        # fades the popup in; colours read in between are blended, not ours
        settled(page)
        frame.wait_for_function(
            "() => [...document.querySelectorAll('.leaflet-popup')]"
            ".every(p => getComputedStyle(p).opacity === '1')"
        )
        found += _describe("/carte popup", axe_violations(frame))
        # the form sent empty: its messages shown
        goto(page, f"{url}/contribuer")
        submit(page, "Envoyer ma contribution")
        page.get_by_text("Choisissez le type de contribution.").wait_for(timeout=30_000)
        found += check_page(page, "/contribuer (refused)")
        goto(page, f"{url}/connexion")
        found += check_page(page, "/connexion")
        fill(page, "Nom d'utilisateur", "alice")
        fill(page, "Mot de passe", PASSWORD)
        submit(page, "Se connecter")
        signed_in(page)
        page.get_by_text("Connecté(e) : alice").wait_for()
        for path, label, _ in AGENT_PAGES + ADMIN_PAGES:
            page.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True).click()
            page.wait_for_url(re.compile(f"{path.removeprefix('pages/').removesuffix('.py')}$"))
            page.get_by_role("heading", name=label).first.wait_for(timeout=60_000)
            found += check_page(page, f"/{Path(path).stem}")
        assert external_requests(page) == []
    finally:
        context.close()
    assert not found, "\n".join(found)
    assert {"/carte", "/contribuer", "/contribuer (refused)", "/qui_manque"} <= set(MAPS_CHECKED), MAPS_CHECKED


PLACE = re.compile(r"Lieu choisi : un point \(lat\. ([0-9.]+), lon\. ([0-9.]+)\)")


def _active_in_frame(frame) -> str:
    return frame.evaluate(
        "() => { const a = document.activeElement; return a ? (a.className && a.className.baseVal !== undefined"
        " ? a.className.baseVal : String(a.className)) : ''; }"
    )


def _chosen(page) -> tuple[float, float]:
    caption = page.locator('[data-testid="stMain"]').get_by_text(PLACE)
    caption.wait_for(timeout=30_000)
    lat, lon = PLACE.search(caption.inner_text()).groups()
    return float(lat), float(lon)


def _tab_to_map(page, frame) -> None:
    """From the place search field, Tab until the map has the keyboard focus."""
    page.get_by_label("Rechercher une adresse, un lieu ou une commune", exact=True).focus()
    for _ in range(25):
        page.keyboard.press("Tab")
        if "leaflet-container" in _active_in_frame(frame):
            return
    raise AssertionError("the map cannot be reached with Tab")


def test_a_point_is_placed_and_moved_with_the_keyboard_then_sent(app_server, page):
    goto(page, f"{app_server.url}/contribuer")
    map_frame(page)
    settled(page)
    frame = page.query_selector(MAP_IFRAME).content_frame()
    assert frame.evaluate("document.documentElement.lang") == "fr"
    assert page.locator(MAP_IFRAME).get_attribute("aria-label") == "Carte du territoire"
    container = frame.locator(".leaflet-container")
    assert container.get_attribute("role") == "application"
    assert "Entrée place le point" in frame.locator("#" + container.get_attribute("aria-describedby")).inner_text()
    _tab_to_map(page, frame)
    assert frame.locator(".cp-crosshair").is_visible()  # the crosshair shows with the keyboard focus
    start = frame.evaluate("() => { const c = window.map.getCenter(); return [c.lat, c.lng]; }")
    for key in ("ArrowRight", "ArrowRight", "ArrowDown"):
        page.keyboard.press(key)
        page.wait_for_timeout(300)
    centre = frame.evaluate("() => { const c = window.map.getCenter(); return [c.lat, c.lng]; }")
    assert centre[1] > start[1] + 1e-4 and centre[0] < start[0] - 1e-4  # the map moved east and south
    page.keyboard.press("Enter")
    lat, lon = _chosen(page)
    assert abs(lat - centre[0]) < 1e-4 and abs(lon - centre[1]) < 1e-4, (lat, lon, centre)
    assert "Point placé" in frame.locator(".cp-pick-status").inner_text()
    frame.locator(".cp-chosen").wait_for()
    settled(page)

    # the point moves: Tab back to the map if the rerun took the focus away, arrows, Enter
    if "leaflet-container" not in _active_in_frame(frame):
        _tab_to_map(page, frame)
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(300)
    moved = frame.evaluate("() => { const c = window.map.getCenter(); return [c.lat, c.lng]; }")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "lon => [...document.querySelectorAll('[data-testid=stMain] p')].some(p => p.innerText.includes("
        "'lon. ' + lon))", arg=f"{moved[1]:.5f}", timeout=30_000,
    )
    lat, lon = _chosen(page)
    assert abs(lon - moved[1]) < 1e-4 and lon < centre[1]

    # a proposal: stored and published at its exact place (a need's public one is on a grid)
    select(page, "Type de contribution *", "proposition")
    fill(page, "Titre *", "Un abri à vélos")
    select(page, "Thème *", "mobilité")
    submit(page, "Envoyer ma contribution")
    receipt = page.locator(".st-key-cp_receipt")
    receipt.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    # the focus goes to the confirmation
    page.wait_for_function("() => document.activeElement && document.activeElement.classList.contains('st-key-cp_receipt')")
    assert external_requests(page) == []
    app_server.stop()
    with open_storage(app_server.db_path) as store:
        rows = store.contributions(published_only=False)
    assert list(rows.title) == ["Un abri à vélos"]
    point = rows.geometry.iloc[0]
    assert abs(point.y - lat) < 1e-4 and abs(point.x - lon) < 1e-4


def test_after_a_refused_sending_the_focus_goes_to_the_first_field_in_error(app_server, page):
    goto(page, f"{app_server.url}/contribuer")
    radio(page, "Sans carte : choisir une commune et un lieu repère")
    select(page, "Commune", "Lens")
    page.get_by_text("Lieu choisi : un point").wait_for()
    fill(page, "Votre message", "Le texte tapé reste là.")
    select(page, "Thème *", "mobilité")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Choisissez le type de contribution.").wait_for(timeout=30_000)
    kind = page.get_by_role("combobox", name="Type de contribution *", exact=True)
    title = page.get_by_label("Titre *", exact=True)
    expect(kind).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_attribute("aria-invalid", "true")
    for field, message in ((kind, "Choisissez le type de contribution."), (title, "Le titre est obligatoire.")):
        described = field.get_attribute("aria-describedby").split()
        texts = [page.locator(f"#{i}").inner_text() for i in described if page.locator(f"#{i}").count()]
        assert any(message in text for text in texts), (described, texts)
    # fields without an error are not marked
    assert page.get_by_label("Votre message", exact=True).get_attribute("aria-invalid") != "true"
    # the first field in error, in the page's order, has the focus
    expect(kind).to_be_focused()
    assert page.get_by_label("Votre message", exact=True).input_value() == "Le texte tapé reste là."

    # corrected and sent: the marks go, the focus goes to the confirmation
    select(page, "Type de contribution *", "besoin")
    fill(page, "Titre *", "Un passage piéton")
    submit(page, "Envoyer ma contribution")
    page.locator(".st-key-cp_receipt").get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    expect(page.locator(".st-key-cp_receipt")).to_be_focused()
    assert page.locator("[aria-invalid=true]").count() == 0


def test_markers_of_the_public_map_are_reached_with_tab_and_opened_with_enter(seeded_server, page):
    goto(page, f"{seeded_server.url}/carte")
    map_frame(page)
    settled(page)
    frame = page.query_selector(MAP_IFRAME).content_frame()
    assert frame.evaluate("document.documentElement.lang") == "fr"
    assert frame.locator(".leaflet-control-zoom-in").get_attribute("aria-label") == "Zoomer"
    page.get_by_role("heading", name="Carte des contributions").first.focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if "cp-icon" in _active_in_frame(frame):
            break
    else:
        raise AssertionError("no marker can be reached with Tab")
    name = frame.evaluate("document.activeElement.getAttribute('aria-label')")
    title = name.split(" : ", 1)[1]
    assert name.split(" : ", 1)[0] in {"besoin", "souvenir", "proposition"}, name
    page.keyboard.press("Enter")
    popup = frame.locator(".cp-popup")
    popup.wait_for()
    assert title in popup.locator(".cp-title").inner_text()
    # the popup has the focus (its close button, named in French); closing gives it back
    assert frame.evaluate("document.activeElement.getAttribute('aria-label')") == "Fermer la fiche"
    page.keyboard.press("Enter")
    popup.wait_for(state="detached")
    assert frame.evaluate("document.activeElement.getAttribute('aria-label')") == name
