"""The offline vector basemap: a PMTiles file drawn by protomaps-leaflet, every byte
of it (script and tiles) from our own server."""

import re

import pytest

from tests.browser.streamlit_ui import external_requests, goto, map_frame
from tests.conftest import AppServer
from tests.pmtiles_fixture import write_pmtiles

pytestmark = pytest.mark.browser

LENS_LIEVIN = (2.65, 50.33, 2.98, 50.52)


@pytest.fixture
def pmtiles_server(db_path, tmp_path):
    basemap = write_pmtiles(tmp_path / "fond-essai.pmtiles", LENS_LIEVIN)
    server = AppServer(db_path, {"CARTOPARTI_BASEMAP": "pmtiles", "CARTOPARTI_PMTILES": str(basemap)})
    yield server
    server.stop()


def test_the_pmtiles_basemap_draws_from_our_server(pmtiles_server, page):
    responses = []
    page.on("response", lambda r: responses.append((r.url, r.status, r.request.headers.get("range"))))
    goto(page, f"{pmtiles_server.url}/carte")
    frame = map_frame(page)
    tiles = frame.locator(".leaflet-tile-pane canvas")
    tiles.first.wait_for(state="attached", timeout=30_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => { try {"
        " return [...f.contentDocument.querySelectorAll('.leaflet-tile-pane canvas')]"
        ".some(c => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height)"
        ".data.some(v => v > 0)); } catch (e) { return false; } })",
        timeout=30_000,
    )
    basemap = [(u, s, r) for u, s, r in responses if "/app/static/basemap/fond-essai.pmtiles" in u]
    assert basemap, responses
    assert all(u.startswith(pmtiles_server.url) for u, _, _ in basemap)
    # PMTiles is read by byte ranges, answered as partial content
    assert any(r and re.match(r"bytes=\d+-\d+", r) and s == 206 for _, s, r in basemap), basemap
    assert any(u.endswith("/app/static/vendor/protomaps-leaflet/protomaps-leaflet.js") for u, _, _ in responses)
    assert "OpenStreetMap" in frame.locator(".leaflet-control-attribution").inner_text()
    page.screenshot(path=str(pmtiles_server.db_path.with_suffix(".png")))
    assert external_requests(page) == []
