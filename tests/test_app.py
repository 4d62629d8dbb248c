"""AppTest smoke and journey tests of the public pages."""

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import web
from cartoparti.storage import open_storage
from tests.conftest import ROOT

TIMEOUT = 60


def run(path: str) -> AppTest:
    """Open the app, then go to the page (as the sidebar link does)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    if path != "app.py":
        at.switch_page(path).run()
        assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("path", ["app.py", "pages/contribuer.py", "pages/carte.py"])
def test_page_runs(app_env, path):
    run(path)


def test_home_shows_territory_and_sources(app_env):
    at = run("app.py")
    # the territory's name comes from its files: shown as text (markdown escaped)
    assert any(web.md("Lens-Liévin") in h.value for h in at.subheader)
    assert any("Licence Ouverte" in c.value for c in at.caption)


def _no_map(at: AppTest, commune: str = "62528") -> AppTest:
    at.radio(key="place_mode").set_value("Sans carte : choisir une commune et un lieu repère").run()
    at.selectbox(key="nomap_commune").set_value(commune).run()
    return at


def _fill(at: AppTest, *, title: str, kind="proposal", theme="nature", text="Un texte") -> None:
    v = at.session_state["form_version"]
    at.selectbox(key=f"kind_{v}").set_value(kind)
    at.text_input(key=f"title_{v}").set_value(title)
    at.text_area(key=f"text_{v}").set_value(text)
    at.selectbox(key=f"theme_{v}").set_value(theme)


def test_contribution_without_map_is_stored_with_profile(app_env):
    at = _no_map(run("pages/contribuer.py"))
    assert at.selectbox(key="nomap_landmark").options, "Loos-en-Gohelle has mining landmarks"
    with open_storage(app_env) as store:
        landmark = store.landmarks("62528").iloc[0]
    at.selectbox(key="nomap_landmark").set_value(landmark.id).run()
    _fill(at, title="Un jardin partagé")
    v = at.session_state["form_version"]
    at.selectbox(key=f"age_{v}").set_value("60-74")
    at.selectbox(key=f"csp_{v}").set_value("CS7")
    at.radio(key=f"first_{v}").set_value("oui")
    at.button[0].click().run()
    assert not at.exception
    assert any("Merci" in s.value for s in at.success)
    with open_storage(app_env) as store:
        rows = store.contributions()
        assert list(rows.title) == ["Un jardin partagé"]
        assert rows.zone_code.iloc[0] == "62528"
        # placed on the chosen landmark
        assert rows.geometry.iloc[0].distance(landmark.geometry) < 1e-9
        profile = store.profile(rows.id.iloc[0])
    assert (profile["age_band"], profile["csp"], profile["first_time"]) == ("60-74", "CS7", True)


def test_missing_title_keeps_what_was_typed(app_env):
    at = _no_map(run("pages/contribuer.py"))
    _fill(at, title="", text="Le texte que j'ai tapé")
    at.button[0].click().run()
    assert not at.exception
    assert any("titre est obligatoire" in e.value for e in at.error)
    v = at.session_state["form_version"]
    assert at.text_area(key=f"text_{v}").value == "Le texte que j'ai tapé"
    assert at.selectbox(key=f"kind_{v}").value == "proposal"
    with open_storage(app_env) as store:
        assert store.count_contributions() == 0


def test_no_location_is_refused_with_a_message(app_env):
    at = run("pages/contribuer.py")
    at.radio(key="place_mode").set_value("Sans carte : choisir une commune et un lieu repère").run()
    _fill(at, title="Sans lieu")
    at.button[0].click().run()
    assert any("Placez votre contribution" in e.value for e in at.error)


def test_map_page_lists_contributions_as_text(app_env):
    at = _no_map(run("pages/contribuer.py"))
    _fill(at, title="<img src=x onerror=alert(1)>")
    at.button[0].click().run()
    at = run("pages/carte.py")
    assert any("1 contribution(s)" in c.value for c in at.caption)
    table = at.dataframe[0].value
    assert list(table["Titre"]) == ["<img src=x onerror=alert(1)>"]
    at.multiselect(key="map_kinds").set_value(["need"]).run()
    assert any("0 contribution(s)" in c.value for c in at.caption)


def test_a_contributions_history_shows_blank_cells_not_none(app_env):
    """The public history of a contribution with no competent body named: the cell is
    empty for the resident, not Python's « None »."""
    from cartoparti.commands.contribute import submit
    from cartoparti.settings import Settings

    with open_storage(app_env) as store:
        submit(store, settings=Settings(), kind="need", title="Un banc", text="", theme="nature",
               location=store.zone_point("62528"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/contribution.py").run()
    assert not at.exception, at.exception
    [history] = [d.value for d in at.dataframe]
    assert "Organisme compétent" in history.columns and len(history) == 1
    assert not history.isna().any().any(), history
