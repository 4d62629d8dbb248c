"""61 XSS and markdown payloads, come in through the form, the CSV / GeoJSON / GeoPackage
imports, answers, field entry, the action plan, moderation and a territory file
(:mod:`tests.xss_fixture`): headless Chromium visits every page, public and agent, opens
every popup and tooltip of every map, and no payload runs; the council brief and the
paper questionnaire (HTML files) neither."""

from __future__ import annotations

import re
import shutil

import pytest

from cartoparti import web
from tests.browser.streamlit_ui import external_requests, fill, goto, settled, sign_in, submit
from tests.browser.test_agents_loop import AGENT_URLS
from tests.browser.test_template_injection import PUBLIC_URLS
from tests.conftest import AppServer
from tests.xss_fixture import EVIL, PASSWORD, TERRITORY_NAME, hostile_database, hostile_territory

pytestmark = pytest.mark.browser
ERRORS = re.compile(r"Traceback|Un problème technique")

OPEN_POPUPS = """() => {
    let opened = 0;
    if (!window.L) return -1;
    for (const key of Object.keys(window)) {
        const map = window[key];
        if (!(map instanceof L.Map)) continue;
        map.eachLayer(layer => {
            if (layer.getPopup && layer.getPopup()) { layer.openPopup(); opened++; }
            if (layer.getTooltip && layer.getTooltip()) { layer.openTooltip(); }
        });
    }
    return opened;
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xss")
    territory = hostile_territory(folder)
    db = folder / "template.duckdb"
    ids = hostile_database(db, territory)
    return db, territory, ids


class Watch:
    """What ran in a page and all its frames: calls of ``__xss``, dialogs, script errors
    naming a payload."""

    def __init__(self, page) -> None:
        self.calls: list[object] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.context.expose_binding("__xss", lambda source, n: self.calls.append(n))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_nothing_ran(self, where: str) -> None:
        assert self.calls == [], f"{where}: payloads ran: {self.calls}"
        assert self.dialogs == [], f"{where}: dialogs: {self.dialogs}"
        assert not [e for e in self.errors if "xss" in e.lower() or "alert" in e.lower()], f"{where}: {self.errors}"


def _no_hostile_links(page, where: str) -> None:
    for frame in page.frames:
        hostile = frame.locator(f'a[href*="{EVIL}"], a[href^="javascript" i], [src*="{EVIL}"], iframe[src^="javascript" i]')
        found = [hostile.nth(i).evaluate("e => e.outerHTML")[:300] for i in range(hostile.count())]
        assert found == [], f"{where}: a link or source from a payload in {frame.url[:60]}"
        assert frame.locator("script:not([src])").filter(has_text="__xss").count() == 0, where


def _open_every_popup(page) -> int:
    opened = 0
    for frame in page.frames:
        if frame is page.main_frame:
            continue
        try:
            count = frame.evaluate(OPEN_POPUPS)
        except Exception:  # noqa: BLE001, S112 - a frame without a map (or gone meanwhile)
            continue
        opened += max(count, 0)
    page.wait_for_timeout(800)  # an <img onerror> would fire now
    return opened


def _check(page, watch: Watch, where: str) -> int:
    settled(page)
    opened = _open_every_popup(page)
    watch.assert_nothing_ran(where)
    _no_hostile_links(page, where)
    main = page.locator('[data-testid="stMain"]')
    assert not ERRORS.search(main.inner_text()), f"{where}: {main.inner_text()[:500]}"
    assert page.locator('[data-testid="stException"]').count() == 0, where
    return opened


def test_no_payload_runs_on_any_page_nor_in_any_popup(hostile, tmp_path, page):
    template, territory, ids = hostile
    db = tmp_path / "xss.duckdb"
    shutil.copy(template, db)
    watch = Watch(page)
    server = AppServer(db, env={"CARTOPARTI_TERRITORY": str(territory)})
    popups = {}
    try:
        url = server.url
        for path in PUBLIC_URLS:
            goto(page, f"{url}/{path}")
            popups[path] = _check(page, watch, path or "accueil")
        # the territory's name is read as text, not as markdown or HTML
        goto(page, url)
        settled(page)
        shown = page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")  # word joiners: invisible
        assert TERRITORY_NAME in shown
        # one contribution with its answers, the follow page of the resident
        goto(page, f"{url}/contribution?id={ids['form'][0]}")
        _check(page, watch, "contribution?id")
        goto(page, f"{url}/suivi")
        fill(page, "Code de suivi", ids["follow_code"][0])
        submit(page, "Voir mes contributions")
        page.get_by_text("<script>__xss(1)</script>").first.wait_for(timeout=60_000)  # shown, as text
        _check(page, watch, "suivi")
        assert popups["carte"] >= 200  # the public map: every contribution's popup opened

        # every agent and administrator page, signed in
        sign_in(page, url, "alice", PASSWORD)
        page.get_by_text("Connecté(e) : alice").wait_for()
        staff = web.AGENT_PAGES + web.ADMIN_PAGES
        assert [p.removeprefix("pages/").removesuffix(".py") for p, _, _ in staff] == AGENT_URLS
        for path, label, _ in staff:
            page.locator('[data-testid="stSidebar"]').get_by_text(label, exact=True).click()
            page.wait_for_url(re.compile(f"{path.removeprefix('pages/').removesuffix('.py')}$"))
            page.get_by_role("heading", name=label).first.wait_for(timeout=60_000)
            _check(page, watch, path)
        assert external_requests(page) == []
    finally:
        server.stop()


def test_the_council_brief_and_the_paper_questionnaire_run_nothing(hostile, page):
    from cartoparti.commands import brief
    from cartoparti.present import questionnaire
    from cartoparti.settings import Settings
    from cartoparti.storage import open_storage

    template, _, _ = hostile
    with open_storage(template, read_only=True) as store:
        files = {
            "bilan": brief.council_brief(store, Settings(), fmt="html").decode("utf-8"),
            "questionnaire": questionnaire.questionnaire_html(store, "62133", themes=Settings().themes),
        }
    watch = Watch(page)
    for name, html in files.items():
        assert "__xss" in html or "evil" in html, name  # the payloads are in the file...
        page.set_content(html)
        page.wait_for_timeout(800)
        watch.assert_nothing_ran(name)  # ...and none runs
        _no_hostile_links(page, name)
