"""AppTests of what agents see of the contribution they handle (web.preview): the
place in words, a small map, the photo; and the change log in French, in Paris time
(/reponses), the reports' times in Paris time (moderation)."""

import datetime as dt
import json
import re

from cartoparti import web
from cartoparti.commands import contribute
from cartoparti.i18n import formats
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.test_contribute import _jpeg_with_gps
from tests.test_maps_templates import decoded_values
from tests.test_pages_agents import AGENT, run

TITLE = "Lampadaire en panne <b>x</b> **y**"
WINTER_UTC = dt.datetime(2026, 1, 15, 16, 49)  # 17:49 in Paris


def _submit(db_path, *, moderation: str = "a_posteriori", photo: bool = True) -> dict:
    """A contribution in Lens (with a photo), and its exact position."""
    with open_storage(db_path) as store:
        receipt = contribute.submit(
            store, settings=Settings(moderation=moderation), kind="need", title=TITLE, text="Rue de Lille",
            theme="nature", location=store.zone_point("62498"), photo=_jpeg_with_gps() if photo else None,
        )
        row = store.agent_contributions(ids=[receipt.id]).iloc[0]
    return {"id": receipt.id, "lon": float(row["lon"]), "lat": float(row["lat"])}


def _maps(at) -> list:
    """The folium maps the page drew (streamlit-folium's custom component)."""
    return [e for e in at.get("component_instance") if "folium" in e.proto.component_name]


def _captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def _assert_preview(at, found: dict) -> None:
    [image] = at.get("image")
    [img] = image.proto.imgs
    assert img.alt == f"Photo envoyée avec la contribution « {TITLE} »"  # plain text attribute
    assert "Lampadaire en panne" in img.caption and "<b>" not in img.caption  # markdown made inert
    assert len(_maps(at)) == 1
    captions = _captions(at)
    assert "Lens" in captions  # the place in words
    assert f"{found['lat']:.6f}, {found['lon']:.6f}" in captions  # the exact position, for agents


def test_the_answers_page_shows_the_place_the_map_and_the_photo(app_env):
    found = _submit(app_env)
    at = run("pages/reponses.py", AGENT)
    _assert_preview(at, found)


def test_no_photo_is_said(app_env):
    _submit(app_env, photo=False)
    at = run("pages/reponses.py", AGENT)
    assert not at.get("image")
    assert "Pas de photo jointe." in _captions(at)
    assert len(_maps(at)) == 1


def test_the_small_map_is_centred_on_the_exact_position(app_env, monkeypatch):
    found = _submit(app_env)
    drawn: list = []
    monkeypatch.setattr(web, "show_map", lambda fmap, **kw: drawn.append((fmap, kw)))
    run("pages/reponses.py", AGENT)
    [(fmap, kw)] = drawn
    assert kw["height"] == 300
    page = fmap.get_root().render()
    points = [
        f for v in decoded_values(page) if isinstance(v, dict) and v.get("type") == "FeatureCollection"
        for f in v["features"] if f["geometry"]["type"] == "Point" and "title" in f["properties"]
    ]
    assert [p["properties"]["title"] for p in points] == [TITLE]  # escaped by SafeGeoJson when drawn
    assert points[0]["geometry"]["coordinates"] == [found["lon"], found["lat"]]
    # framed on the place (a few hundred metres), not on the whole territory
    [[south, west], [north, east]] = _fitted_bounds(page)
    assert south < found["lat"] < north and west < found["lon"] < east
    assert north - south < 0.01


def _fitted_bounds(page: str) -> list:
    """The last bounds the map is fitted to (``fitBounds([[s, w], [n, e]]``)."""
    fits = re.findall(r"fitBounds\(\s*(\[\[[^\]]+\],\s*\[[^\]]+\]\])", page)
    return json.loads(fits[-1])


def test_the_change_log_is_in_french_sentences_in_paris_time(app_env):
    found = _submit(app_env)
    with open_storage(app_env) as store:
        store.add_status_change(found["id"], expected="received", status="under_study",
                                message="Nous regardons <script>x</script>", author="alice", at=WINTER_UTC)
    at = run("pages/reponses.py", AGENT)
    logs = [d.value for d in at.dataframe if "Quoi" in d.value.columns]
    assert len(logs) == 1
    log = logs[0]
    assert list(log.columns) == ["Quand (heure de Paris)", "Qui", "Quoi"]
    assert log.iloc[0].tolist() == [
        "15/01/2026 17:49", "alice",
        "Statut changé : reçue → à l'étude — message : « Nous regardons <script>x</script> »",
    ]
    assert not any("{" in str(cell) for cell in log.to_numpy().ravel())  # never raw JSON


def test_the_moderation_queue_shows_the_photo_before_publication(app_env):
    found = _submit(app_env, moderation="a_priori")
    at = run("pages/moderation.py", AGENT)
    _assert_preview(at, found)


def test_a_reported_contribution_shows_its_place_and_paris_times(app_env):
    found = _submit(app_env)
    with open_storage(app_env) as store:
        store.add_report(found["id"], "insult", "Propos déplacés")
        reported_at = store.reports(found["id"])["reported_at"].iloc[0]
    at = run("pages/moderation.py", AGENT)
    assert len(_maps(at)) == 1 and len(at.get("image")) == 1  # in the reports tab
    [reports] = [d.value for d in at.dataframe if "Propos déplacés" in d.value.to_numpy().ravel().tolist()]
    cell = [v for v in reports.iloc[0].tolist() if re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", str(v))]
    assert cell == [formats.datetime(reported_at)]
