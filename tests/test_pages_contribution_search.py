"""The contribution page on a real consultation (5,000 contributions): found by words
typed without accents, never a list of them all, opened by its link, and « Moi aussi »
ready from the map's link but counted only on the resident's click."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti.model import Draft, validate_draft
from cartoparti.settings import DEFAULT_THEMES
from cartoparti.storage import open_storage
from tests.conftest import ROOT, TERRITORY

N = 5_000
MAX_OPTIONS = 21  # the ~20 results, and the contribution of the link beside them


def _special(store, title: str, text: str, key: str, year: int = 2020) -> str:
    draft = validate_draft(Draft(kind="need", title=title, text=text, theme="nature",
                                 geometry=store.zone_point("62498"), created_at=datetime(year, 6, 1)),
                           themes=DEFAULT_THEMES)
    draft.source_key = key
    [cid] = store.add_contributions([draft]).inserted
    return cid


@pytest.fixture(scope="module")
def consultation(tmp_path_factory, template_db):
    """5,000 contributions loaded in bulk (as the bench does), and a few older ones
    (never among the newest) with accented words; one unpublished."""
    from bench.bench_backends import drafts

    path = tmp_path_factory.mktemp("consultation") / "big.duckdb"
    shutil.copy(template_db, path)
    with open_storage(path) as store:
        for batch in drafts(store.zones(), N, seed=3):
            assert len(store.add_contributions(batch).inserted) == len(batch)
        ids = {
            "lamp": _special(store, "Éclairage rue Émile-Zola",
                             "Les lampadaires près de l'École Jean-Jaurès sont éteints depuis Noël.", "t:lamp"),
            "bench": _special(store, "Un banc à l'ombre", "Près de l'église, pour les aînés.", "t:bench"),
        }
        hidden = validate_draft(Draft(kind="need", title="Éclairage caché", text="", theme="nature",
                                      geometry=store.zone_point("62498"), created_at=datetime(2020, 6, 2)),
                                themes=DEFAULT_THEMES)
        hidden.source_key = "t:hidden"
        [ids["hidden"]] = store.add_contributions([hidden], published=False).inserted
        assert store.count_contributions(published_only=True) == N + 2
    return path, ids


@pytest.fixture
def env(consultation, tmp_path, monkeypatch):
    """A copy of the consultation for one test (supports are written)."""
    source, ids = consultation
    path = tmp_path / "db.duckdb"
    shutil.copy(source, path)
    monkeypatch.setenv("CARTOPARTI_DB", str(path))
    monkeypatch.setenv("CARTOPARTI_TERRITORY", str(TERRITORY))
    monkeypatch.delenv("CARTOPARTI_TILES_URL", raising=False)
    monkeypatch.delenv("CARTOPARTI_SMTP_HOST", raising=False)
    return path, ids


def _open(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/contribution.py").run()
    assert not at.exception, at.exception
    return at


def _small_widgets(at: AppTest) -> None:
    """No widget of the page holds more than about 20 options."""
    for widget in [*at.selectbox, *at.radio, *at.multiselect]:
        assert len(widget.options) <= MAX_OPTIONS, (widget.key, len(widget.options))


def _title(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("### "))


def test_a_word_typed_without_accents_finds_an_old_contribution_among_thousands(env):
    _path, ids = env
    at = _open()
    _small_widgets(at)
    assert len(at.selectbox(key="detail_pick").options) == 20  # the newest, not all 5,002
    assert not [o for o in at.selectbox(key="detail_pick").options if "Éclairage" in o]
    assert any("20 contributions les plus récentes" in c.value for c in at.caption)

    at.text_input(key="detail_search").input("ECLAIRAGE ecole").run()
    assert not at.exception, at.exception
    _small_widgets(at)
    pick = at.selectbox(key="detail_pick")
    assert len(pick.options) == 1  # the unpublished one is not found
    assert pick.options[0].startswith("Éclairage rue Émile-Zola — ")
    assert pick.value == ids["lamp"]
    assert "Éclairage rue Émile" in _title(at)
    assert at.query_params["id"] == ids["lamp"]
    assert any("1 contribution(s) trouvée(s)" in c.value for c in at.caption)
    # its shareable link
    assert f"`/contribution?id={ids['lamp']}`" in [m.value for m in at.markdown]  # no browser, no address

    # a word every contribution holds: 20 to pick from, and the page says to narrow down
    at.text_input(key="detail_search").input("contribution").run()
    _small_widgets(at)
    assert len(at.selectbox(key="detail_pick").options) == 20
    assert any("Plus de 20 contributions" in c.value for c in at.caption)

    # words no contribution holds: said, and what was typed stays
    at.text_input(key="detail_search").input("xylophone zzz").run()
    assert not at.exception, at.exception
    assert any("xylophone zzz" in i.value for i in at.info)
    assert at.text_input(key="detail_search").value == "xylophone zzz"


def test_picking_a_result_opens_it(env):
    path, ids = env
    with open_storage(path) as store:
        fourth = store.contributions(limit=4)["id"].iloc[3]
    at = _open()
    at.text_input(key="detail_search").input("eglise").run()
    assert at.selectbox(key="detail_pick").value == ids["bench"]
    assert "Un banc à l" in _title(at)
    at.text_input(key="detail_search").input("").run()  # back to the newest
    assert at.selectbox(key="detail_pick").value != ids["bench"]
    at.selectbox(key="detail_pick").set_value(fourth).run()
    assert not at.exception, at.exception
    assert at.query_params["id"] == fourth
    assert at.selectbox(key="detail_pick").value == fourth
    at.run()  # it stays
    assert at.selectbox(key="detail_pick").value == fourth


def test_the_link_opens_the_contribution_directly(env):
    _path, ids = env
    at = _open(id=ids["bench"])
    _small_widgets(at)
    assert "Un banc à l" in _title(at)
    pick = at.selectbox(key="detail_pick")
    assert pick.value == ids["bench"] and len(pick.options) == 21  # beside the 20 newest
    assert not [i for i in at.info if "Confirmez d'un clic" in i.value]  # no support asked


@pytest.mark.parametrize("bad", ["hidden", "0123456789abcdef", "<script>", "{{ 7*191 }}"])
def test_a_wrong_or_unpublished_link_says_so_and_offers_the_search(env, bad):
    _path, ids = env
    at = _open(id=ids.get(bad, bad), soutien="1")
    assert any("ne mène à aucune contribution publiée" in w.value for w in at.warning)
    # the newest is shown, but its support is not readied by a link meant for another
    assert not [i for i in at.info if "Confirmez d'un clic" in i.value]
    assert at.button(key="support").proto.type == "secondary"
    assert "Éclairage caché" not in _title(at)
    assert at.text_input(key="detail_search") is not None
    _small_widgets(at)


def test_the_support_link_readies_the_button_and_only_a_click_counts_once(env):
    path, ids = env
    at = _open(id=ids["lamp"], soutien="1")
    assert any("Confirmez d'un clic sur « Moi aussi »" in i.value for i in at.info)
    button = at.button(key="support")
    assert button.proto.type == "primary"
    at.run()  # opening the link, even twice, counts nothing
    with open_storage(path) as store:
        assert store.support_count(ids["lamp"]) == 0
    assert at.metric[0].value == "0"

    at.button(key="support").click().run()
    assert not at.exception, at.exception
    assert any("soutien est compté" in s.value for s in at.success)
    assert at.metric[0].value == "1"
    at.button(key="support").click().run()
    assert any("déjà" in w.value for w in at.warning)
    assert at.metric[0].value == "1"
    with open_storage(path) as store:
        assert store.support_count(ids["lamp"]) == 1
        assert store.support_count(ids["bench"]) == 0
