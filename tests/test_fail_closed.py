"""Fail closed: every setting refuses a broken value (the app and every page stop with a
French message), and a contribution held for review (moderation a priori, or personal
data in it) is never public anywhere: supports, reports, the map, exports, the story and
plan pages, priorities, the home page's count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import settings as settings_module
from cartoparti._errors import NotFoundError
from cartoparti.commands import exports, priorities, residents, stories
from cartoparti.commands.contribute import submit
from cartoparti.settings import Settings, SettingsError
from cartoparti.storage import open_storage
from tests.conftest import ROOT

BROKEN = {
    "CARTOPARTI_DB": ("ftp://base", "ni un fichier DuckDB"),
    "CARTOPARTI_TERRITORY": ("/nulle/part", "n'existe pas"),
    "CARTOPARTI_BASEMAP": ("osm", "fond de carte"),
    "CARTOPARTI_TILES_URL": ("tuiles.png", "adresse de tuiles"),
    "CARTOPARTI_PMTILES": ("/nulle/part.pmtiles", "introuvable"),
    "CARTOPARTI_THEMES": (",", "la liste est vide"),
    "CARTOPARTI_SERVICES": (" , ", "la liste est vide"),
    "CARTOPARTI_CAPACITY": ("voirie=beaucoup", "CARTOPARTI_CAPACITY"),
    "CARTOPARTI_MODERATION": ("a priori", "valeur inconnue"),
    "CARTOPARTI_LANGUAGE": ("xx", "langue inconnue"),
    "CARTOPARTI_SMTP_HOST": (None, None),  # any host; its companions are checked below
    "CARTOPARTI_SMTP_PORT": ("70000", "CARTOPARTI_SMTP_PORT"),
    "CARTOPARTI_SMTP_FROM": ("pas une adresse", "CARTOPARTI_SMTP_FROM"),
    "CARTOPARTI_SMTP_USER": ("mairie", "CARTOPARTI_SMTP_USER"),
    "CARTOPARTI_SMTP_PASSWORD": ("secret", "CARTOPARTI_SMTP_USER"),
    "CARTOPARTI_SMTP_STARTTLS": ("peut-être", "CARTOPARTI_SMTP_STARTTLS"),
    "CARTOPARTI_PUBLIC_URL": ("www.mairie.fr", "CARTOPARTI_PUBLIC_URL"),
    "CARTOPARTI_ALERT_MIN_CONTRIBUTORS": ("1", "CARTOPARTI_ALERT_MIN_CONTRIBUTORS"),
    "CARTOPARTI_ALERT_RADIUS_M": ("-5", "CARTOPARTI_ALERT_RADIUS_M"),
    "CARTOPARTI_ALERT_DAYS": ("trente", "CARTOPARTI_ALERT_DAYS"),
    "CARTOPARTI_SIGNIN_MAX_FAILURES": ("1000", "CARTOPARTI_SIGNIN_MAX_FAILURES"),
    "CARTOPARTI_SIGNIN_ADDRESS_MAX_FAILURES": ("0", "CARTOPARTI_SIGNIN_ADDRESS_MAX_FAILURES"),
    "CARTOPARTI_SIGNIN_WINDOW_MIN": ("0", "CARTOPARTI_SIGNIN_WINDOW_MIN"),
    "CARTOPARTI_SIGNIN_LOCKOUT_MIN": ("1,5", "CARTOPARTI_SIGNIN_LOCKOUT_MIN"),
    "CARTOPARTI_RATE_LIMITS": ("contribution=illimité", "CARTOPARTI_RATE_LIMITS"),
    "CARTOPARTI_IMPORT_MAX_MB": ("0", "CARTOPARTI_IMPORT_MAX_MB"),
    "CARTOPARTI_LANGUAGES": ("fr,xx", "CARTOPARTI_LANGUAGES"),
    "CARTOPARTI_MAX_AREA_KM2": ("-1", "CARTOPARTI_MAX_AREA_KM2"),
    "CARTOPARTI_MAX_VERTICES": ("3", "CARTOPARTI_MAX_VERTICES"),
    "CARTOPARTI_PUBLIC_PRECISION": ("licorne=100", "type de contribution inconnu"),
    "CARTOPARTI_RETENTION_MONTHS": ("deux ans", "CARTOPARTI_RETENTION_MONTHS"),
    "CARTOPARTI_SECRET_KEY": ("court", "trop courte"),
    "CARTOPARTI_SESSION_HOURS": ("0", "CARTOPARTI_SESSION_HOURS"),
}
"""A broken value of every setting, and words of its message (``None``: free text)."""
FREE_TEXT = {"CARTOPARTI_TILES_ATTRIBUTION", "CARTOPARTI_DPO_CONTACT"}
NEEDS = {  # settings only read along with another one
    "CARTOPARTI_SMTP_PORT": {"CARTOPARTI_SMTP_HOST": "smtp.mairie.fr", "CARTOPARTI_SMTP_FROM": "a@mairie.fr"},
    "CARTOPARTI_SMTP_FROM": {"CARTOPARTI_SMTP_HOST": "smtp.mairie.fr"},
    "CARTOPARTI_SMTP_USER": {"CARTOPARTI_SMTP_HOST": "smtp.mairie.fr", "CARTOPARTI_SMTP_FROM": "a@mairie.fr"},
    "CARTOPARTI_SMTP_PASSWORD": {"CARTOPARTI_SMTP_HOST": "smtp.mairie.fr", "CARTOPARTI_SMTP_FROM": "a@mairie.fr"},
    "CARTOPARTI_SMTP_STARTTLS": {"CARTOPARTI_SMTP_HOST": "smtp.mairie.fr", "CARTOPARTI_SMTP_FROM": "a@mairie.fr"},
    "CARTOPARTI_PMTILES": {"CARTOPARTI_BASEMAP": "pmtiles"},
    "CARTOPARTI_CAPACITY": {},
}
PUBLIC_PAGES = ["app.py", "pages/carte.py", "pages/contribution.py", "pages/histoire.py",
                "pages/plan_public.py", "pages/suivi.py", "pages/contribuer.py"]


def test_every_setting_read_has_a_broken_value_here():
    source = Path(settings_module.__file__).read_text(encoding="utf-8")
    read = set(re.findall(r'"(CARTOPARTI_[A-Z0-9_]+)"', source))
    assert read - FREE_TEXT - set(BROKEN) == set(), "a new setting: add a broken value of it to BROKEN"


@pytest.mark.parametrize("name", [n for n, (v, _) in BROKEN.items() if v is not None])
def test_a_broken_setting_is_refused_in_french(name):
    value, words = BROKEN[name]
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({**NEEDS.get(name, {}), name: value})
    assert words in str(caught.value)
    assert "Traceback" not in str(caught.value)


def _pages() -> list[str]:
    return ["app.py", *sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))]


@pytest.mark.parametrize("page", _pages())
def test_every_page_stops_on_a_broken_setting(app_env, monkeypatch, page):
    monkeypatch.setenv("CARTOPARTI_RATE_LIMITS", "support=0/60")
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.session_state["user"] = {"name": "root", "role": "admin"}
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and "ne peut pas démarrer" in at.error[0].value
    assert "CARTOPARTI_RATE_LIMITS" in at.error[0].value
    assert len(at.text_input) == 0 and len(at.button) == 0 and len(at.dataframe) == 0


HELD_TITLE = "Zorglub caché"
HELD_TEXT = "Un texte que personne ne doit lire avant relecture"


def _held(store, how: str):
    landmarks = store.landmarks()
    landmark = landmarks.iloc[0]
    if how == "a_priori":
        config, text = Settings(moderation="a_priori"), HELD_TEXT
    else:  # a posteriori, but a phone number in it
        config, text = Settings(), HELD_TEXT + " appelez le 06 12 34 56 78"
    receipt = submit(store, settings=config, kind="memory", title=HELD_TITLE, text=text,
                     theme="culture et mémoire", location=landmark.geometry.representative_point())
    assert not receipt.published
    return receipt, str(landmark["id"])


@pytest.mark.parametrize("how", ["a_priori", "personal_data"])
def test_a_held_contribution_is_public_nowhere(backend_store, how):
    store = backend_store
    receipt, landmark = _held(store, how)
    config = Settings(moderation="a_priori" if how == "a_priori" else "a_posteriori")
    assert store.contributions().empty and store.count_contributions(published_only=True) == 0
    assert store.export_frame().empty
    for fmt in exports.FORMATS:
        data = exports.export_bytes(store, config, fmt)
        assert HELD_TITLE.encode() not in data and HELD_TEXT.encode() not in data, fmt
    with pytest.raises(NotFoundError):
        residents.support(store, receipt.id, "session-1", settings=config)
    assert store.support_count(receipt.id) == 0
    with pytest.raises(NotFoundError):
        residents.report(store, receipt.id, "spam", settings=config)
    story = stories.story(store, config, landmark)
    for frame in (story.memories, story.nearby, story.done):
        assert receipt.id not in set(frame.get("id", []))
    ranked = priorities.rank(store, config)
    assert HELD_TITLE not in priorities.export_frame(ranked).to_string()
    # its author still sees it with the follow code, as held
    followed = residents.followed(store, receipt.follow_code)
    assert [f["published"] for f in followed] == [False]


def _everything_shown(at: AppTest) -> str:
    """The text of every element of a page, components (the map's HTML) included."""
    parts = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_show_nothing_of_a_held_contribution(app_env, monkeypatch, page):
    monkeypatch.setenv("CARTOPARTI_MODERATION", "a_priori")
    with open_storage(app_env) as store:
        receipt, landmark = _held(store, "a_priori")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["id"] = receipt.id
    at.query_params["lieu"] = landmark
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    shown = _everything_shown(at)
    assert len(shown) > 200, "the page drew something"
    assert "Zorglub" not in shown and "personne ne doit lire" not in shown
