"""The site in English (AppTest): by the setting, by the sidebar's switch, kept in the
session; and a French visitor never sees English when only French is offered."""

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import i18n, settings
from cartoparti.i18n import en, fr
from cartoparti.storage import open_storage
from tests.conftest import ROOT

TIMEOUT = 60


@pytest.fixture
def process_language():
    """Each test leaves the process in French, as it found it (the settings' language
    becomes the process's when they are read)."""
    yield
    settings.reset()
    i18n.use(i18n.DEFAULT_LANGUAGE)


@pytest.fixture
def english_env(app_env, monkeypatch, process_language):
    monkeypatch.setenv("CARTOPARTI_LANGUAGE", "en")
    return app_env


@pytest.fixture
def bilingual_env(app_env, monkeypatch, process_language):
    monkeypatch.setenv("CARTOPARTI_LANGUAGES", "fr,en")
    return app_env


def run(path: str = "app.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    if path != "app.py":
        at.switch_page(path).run()
        assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> list[str]:
    """What the page shows as text: headings, paragraphs, captions, labels, messages."""
    elements = [*at.title, *at.subheader, *at.markdown, *at.caption, *at.success, *at.error,
                *at.warning, *at.info]
    found = [str(e.value) for e in elements]
    for widgets in (at.radio, at.selectbox, at.text_input, at.text_area, at.button, at.multiselect):
        found += [str(w.label) for w in widgets]
    return found


def _sidebar_links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.sidebar.get("page_link")]


def test_home_page_in_english_by_the_setting(english_env):
    at = run()
    assert [t.value for t in at.title] == ["cartoparti"]
    texts = _texts(at)
    assert en.MESSAGES["page.home.intro"] in texts
    assert [m.label for m in at.metric] == ["Published contributions"]
    assert fr.MESSAGES["page.home.intro"] not in texts
    links = [link.proto.label for link in at.get("page_link")]
    assert "See the map of contributions" in links and "Contribute" in links
    assert _sidebar_links(at)[:3] == ["Home", "Contribute", "Map of contributions"]
    assert "Officers' area: sign in" in _sidebar_links(at)
    assert not at.sidebar.radio, "one language offered: no switch"


def _no_map(at: AppTest, commune: str = "62528") -> AppTest:
    at.radio(key="place_mode").set_value(en.MESSAGES["page.contribuer.without_map"]).run()
    at.selectbox(key="nomap_commune").set_value(commune).run()
    return at


def test_contribution_page_in_english(english_env):
    at = _no_map(run("pages/contribuer.py"))
    assert [t.value for t in at.title] == ["Contribute"]
    v = at.session_state["form_version"]
    kind = at.selectbox(key=f"kind_{v}")
    assert kind.label == "Kind of contribution *"
    assert kind.options == list(en.LABELS["kinds"].values())  # shown as labels, stored as codes
    assert at.selectbox(key=f"age_{v}").options[-1] == "75 or over"
    texts = _texts(at)
    assert "How do you want to place your contribution?" in texts
    assert not any("Choisissez" in t or "Votre message" in t for t in texts)

    # a mistake is told in English, nothing typed is lost, nothing stored
    at.selectbox(key=f"kind_{v}").set_value("report")
    at.text_area(key=f"text_{v}").set_value("The street light has been off for a week.")
    at.selectbox(key=f"theme_{v}").set_value("sécurité")
    at.button[0].click().run()
    assert not at.exception
    assert "The title is required." in [e.value for e in at.error]
    assert any(e.value.startswith("The contribution has not been sent") for e in at.error)
    assert at.text_area(key=f"text_{v}").value == "The street light has been off for a week."

    at.text_input(key=f"title_{v}").set_value("Street light off")
    at.radio(key=f"first_{v}").set_value("yes")
    at.button[0].click().run()
    assert not at.exception
    assert any(s.value.startswith("Thank you! Your contribution no.") and "published on the map" in s.value
               for s in at.success)
    with open_storage(english_env) as store:
        rows = store.contributions()
        assert list(rows.title) == ["Street light off"]
        # stored values are codes, whatever the language of the page
        assert (rows.kind.iloc[0], rows.channel.iloc[0], rows.status.iloc[0]) == ("report", "online", "received")
        assert store.profile(rows.id.iloc[0])["first_time"] is True


def test_the_sidebar_switch_changes_the_language_for_the_session(bilingual_env):
    at = run()
    switch = at.sidebar.radio(key="language_switch")
    assert switch.label == "Langue" and switch.options == ["Français", "English"]
    assert switch.value == "fr", "AppTest sends no browser language: the site's default"
    assert fr.MESSAGES["page.home.intro"] in _texts(at)

    switch.set_value("en").run()
    assert not at.exception
    assert en.MESSAGES["page.home.intro"] in _texts(at)
    assert at.sidebar.radio(key="language_switch").label == "Language"
    assert _sidebar_links(at)[0] == "Home"

    # kept in the session from page to page
    at.switch_page("pages/contribuer.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Contribute"]
    assert at.session_state["language"] == "en"

    at.sidebar.radio(key="language_switch").set_value("fr").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Contribuer"]


def test_switching_language_keeps_the_choices_made(bilingual_env):
    """Widgets hold codes, not words: a choice survives the change of language (what is
    typed in the form, not yet sent, stays in the browser: tests/browser/test_language.py)."""
    at = run("pages/contribuer.py")
    at.radio(key="place_mode").set_value(fr.MESSAGES["page.contribuer.without_map"]).run()
    at.selectbox(key="nomap_commune").set_value("62528").run()
    assert at.radio(key="place_mode").value == "no_map"
    at.sidebar.radio(key="language_switch").set_value("en").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Contribute"]
    assert at.radio(key="place_mode").value == "no_map"
    assert at.radio(key="place_mode").options == [en.MESSAGES["page.contribuer.on_map"],
                                                 en.MESSAGES["page.contribuer.without_map"]]
    assert at.selectbox(key="nomap_commune").value == "62528"


def test_a_french_visitor_never_sees_english_when_only_french_is_offered(app_env, process_language):
    at = run()
    assert not at.sidebar.radio
    english = {en.MESSAGES[key] for key in ("page.home.intro", "page.home.see_map", "nav.agents_sign_in")}
    assert not english & set(_texts(at) + _sidebar_links(at))
    assert fr.MESSAGES["page.home.intro"] in _texts(at)
    at.switch_page("pages/contribuer.py").run()
    assert [t.value for t in at.title] == ["Contribuer"]
    assert not any(t in en.MESSAGES.values() and t not in fr.MESSAGES.values() for t in _texts(at))
