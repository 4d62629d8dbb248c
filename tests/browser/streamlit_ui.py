"""Small helpers to drive Streamlit widgets in Playwright as a person would."""

from __future__ import annotations

import re

from playwright.sync_api import Error as PlaywrightError

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def goto(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)


def select(page, label: str, option: str, *, attempts: int = 3) -> None:
    """Open the selectbox labelled ``label`` and pick ``option`` (visible text).

    The list is a non-modal popover that closes when the page under it scrolls or moves
    (an expander still opening, a scroll to bring the option into view): the box is
    first brought into view and left to settle where it is, and if the list closed
    under the pointer it is opened again, as a person would."""
    combo = page.get_by_role("combobox", name=label, exact=True)
    wanted = page.get_by_role("option", name=option, exact=True)
    for attempt in range(attempts):
        try:
            combo.scroll_into_view_if_needed()  # the page may be drawing it again: retried
            _still(combo)
            combo.click()
            combo.fill(option)  # long lists are filtered by typing, as a person does
            if combo.get_attribute("aria-expanded") != "true":
                combo.press("ArrowDown")
            wanted.click(timeout=10_000)
            return
        except PlaywrightError:  # the box drawn again, or the list closed under the pointer
            if attempt == attempts - 1:
                raise


def _still(locator, *, frames: int = 3, timeout_ms: int = 10_000) -> None:
    """Wait until ``locator`` has kept the same place on the page for a few frames."""
    last, same = None, 0
    for _ in range(timeout_ms // 50):
        box = locator.bounding_box()
        same = same + 1 if box is not None and box == last else 0
        if same >= frames:
            return
        last = box
        locator.page.wait_for_timeout(50)
    raise AssertionError("the field kept moving")


def fill(page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).fill(text)


def radio(page, option: str) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=re.compile("^" + re.escape(option) + "$")).click()


def submit(page, name: str) -> None:
    page.get_by_role("button", name=name).click()


def map_frame(page):
    page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    frame = page.frame_locator(MAP_IFRAME).first
    frame.locator(".leaflet-container").wait_for()
    return frame


def settled(page, *, quiet_ms: int = 1000, timeout_ms: int = 60_000) -> None:
    """Wait until the app's script has stopped running and stays stopped for ``quiet_ms``
    (a map component may send its first value and rerun the page, drawing the map again)."""
    state = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    quiet = 0
    for _ in range(timeout_ms // 100):
        quiet = quiet + 100 if page.locator(state).count() else 0
        if quiet >= quiet_ms:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the app kept running")


def external_requests(page) -> list[str]:
    """Requests this page made to anything but the local server."""
    return [u for u in page.requests if not re.match(r"^(http://127\.0\.0\.1[:/]|data:|blob:|about:)", u)]


def signed_in(page, *, timeout_ms: int = 90_000) -> None:
    """After "Se connecter": wait until the sign-in's round trip through the server shell
    is over (the page hands a one-time ticket to ``/_cartoparti/session``, which sets the
    HttpOnly session cookie and sends the browser back to /connexion), so that the next
    navigation is not overtaken by it."""
    for _ in range(timeout_ms // 100):
        cookie = any(c["name"] == "cartoparti_session" for c in page.context.cookies())
        if cookie and "/_cartoparti/" not in page.url:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the sign-in never set its session cookie")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout_ms)
    settled(page)


def sign_in(page, url: str, name: str, password: str) -> None:
    """Sign in on ``url``'s « Connexion » page as a person does, and wait until the
    session cookie is set (:func:`signed_in`)."""
    goto(page, f"{url}/connexion")
    fill(page, "Nom d'utilisateur", name)
    fill(page, "Mot de passe", password)
    submit(page, "Se connecter")
    signed_in(page)
