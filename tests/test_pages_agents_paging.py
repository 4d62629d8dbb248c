"""AppTests of the agents' lists at scale (5 000+ contributions): the answers and the
moderation pages hold one searched page at a time, show the true count, and every
action still works on a contribution found by a word."""

import re
import shutil
from datetime import UTC, datetime, timedelta

import pytest

from cartoparti import lifecycle
from cartoparti.model import Draft, validate_draft
from cartoparti.settings import DEFAULT_THEMES
from cartoparti.storage import open_storage
from cartoparti.web import PAGE_SIZE
from tests.conftest import TERRITORY
from tests.test_pages_agents import AGENT, run

N = 5_000
HELD = 12  # unpublished, waiting in the review queue
NOW = datetime.now(UTC).replace(tzinfo=None)
ZONES = ("62498", "62510", "62065", "62032")


@pytest.fixture(scope="module")
def big_db(tmp_path_factory, template_db):
    """5 000 published contributions and 12 held ones, inserted in bulk; two of them
    carry words to find (« Lampadaire cassé rue Pasteur », « Jardin partagé »)."""
    path = tmp_path_factory.mktemp("big") / "big.duckdb"
    shutil.copy(template_db, path)
    with open_storage(path) as store:
        points = [store.zone_point(code) for code in ZONES]

        def draft(i: int, title: str, text: str = "Une demande ordinaire") -> Draft:
            return validate_draft(
                Draft(kind="need", title=title, text=text, theme="nature", geometry=points[i % len(points)],
                      created_at=NOW - timedelta(minutes=i + 1)),
                themes=DEFAULT_THEMES,
            )

        drafts = [draft(i, f"Demande {i}") for i in range(N)]
        drafts[3210] = draft(3210, "Lampadaire cassé", "Rue Pasteur, devant le n° 12, depuis une semaine")
        drafts[4321] = draft(4321, "Jardin partagé", "Un potager pour le quartier")
        published = store.add_contributions(drafts)
        held = store.add_contributions([draft(N + i, f"En attente {i}") for i in range(HELD)], published=False)
        assert len(published.inserted) == N and len(held.inserted) == HELD
        ids = {"pasteur": published.ids[3210], "jardin": published.ids[4321]}
    return path, ids


@pytest.fixture
def big(big_db, tmp_path, monkeypatch):
    source, ids = big_db
    path = tmp_path / "cartoparti.duckdb"
    shutil.copy(source, path)
    monkeypatch.setenv("CARTOPARTI_DB", str(path))
    monkeypatch.setenv("CARTOPARTI_TERRITORY", str(TERRITORY))
    monkeypatch.delenv("CARTOPARTI_TILES_URL", raising=False)
    return path, ids


def plain(text: str) -> str:
    return re.sub(r"\s", "", text)


def counts(at) -> list[str]:
    return [plain(c.value) for c in at.caption if "correspond" in c.value]


def assert_pages_are_small(at) -> None:
    assert at.selectbox, "the page shows drop-downs"
    for box in at.selectbox:
        assert len(box.options) <= PAGE_SIZE, (box.key, len(box.options))


def test_answers_page_holds_one_page_and_the_true_count(big):
    path, _ids = big
    at = run("pages/reponses.py", AGENT)
    assert_pages_are_small(at)
    assert counts(at) == [plain(f"{N + HELD} contributions correspondent")]
    assert len(at.selectbox(key="answer_pick").options) == PAGE_SIZE
    assert len(at.dataframe[0].value) == PAGE_SIZE
    first_page = at.selectbox(key="answer_pick").options
    at.button(key="answer_next").click().run()
    assert not at.exception
    assert at.selectbox(key="answer_pick").options != first_page
    assert any(plain(c.value) == plain(f"Page 2 sur {-(-(N + HELD) // PAGE_SIZE)}") for c in at.caption)
    # the choice survives a rerun, the page too
    with open_storage(path) as store:
        page_two, _ = store.agent_page(statuses=list(lifecycle.OPEN_STATUSES), queue="visible", offset=PAGE_SIZE)
    assert [o.split(" — ")[0] for o in at.selectbox(key="answer_pick").options] == list(page_two["title"])
    chosen = page_two["id"].iloc[7]
    at.selectbox(key="answer_pick").set_value(chosen).run()
    assert any(f"N° {chosen}" in c.value for c in at.caption)
    at.run()
    assert at.selectbox(key="answer_pick").value == chosen
    assert at.selectbox(key="answer_pick").options != first_page


def test_answers_page_finds_a_word_and_answers_it(big):
    path, ids = big
    at = run("pages/reponses.py", AGENT)
    at.text_input(key="answer_search").set_value("pasteur LAMPADAIRE casse").run()
    assert not at.exception
    assert counts(at) == [plain("1 contribution correspond")]
    assert at.selectbox(key="answer_pick").value == ids["pasteur"]
    assert at.text_input(key="answer_search").value == "pasteur LAMPADAIRE casse"  # kept as typed
    v = f"{ids['pasteur']}_0"
    at.selectbox(key=f"a_status_{v}").set_value("under_study")
    at.text_area(key=f"a_message_{v}").set_value("Le service de l'éclairage passe cette semaine.")
    next(b for b in at.button if b.label == "Publier la réponse").click().run()
    assert not at.exception
    assert any("Réponse publiée" in s.value for s in at.success)
    with open_storage(path) as store:
        assert store.contribution(ids["pasteur"])["status"] == "under_study"
    # still found, with the filter typed, under its new status
    assert at.text_input(key="answer_search").value == "pasteur LAMPADAIRE casse"
    assert at.selectbox(key="answer_pick").value == ids["pasteur"]
    at.text_input(key="answer_search").set_value("aucun mot pareil").run()
    assert counts(at) == [plain("0 contributions correspondent")]
    assert any("Aucune contribution ne correspond" in i.value for i in at.info)


def test_moderation_holds_pages_and_counts_in_the_database(big):
    at = run("pages/moderation.py", AGENT)
    assert_pages_are_small(at)
    labels = [tab.label for tab in at.tabs]
    assert f"À relire ({HELD})" in labels and "Masquées (0)" in labels
    # review, hide, merge (duplicate and target): one pager each, with the true count
    assert counts(at) == [plain(f"{HELD} contributions correspondent")] + [plain(f"{N + HELD} contributions correspondent")] * 3
    assert len(at.selectbox(key="review_pick").options) == HELD
    for key in ("hide_pick", "merge_duplicate", "merge_target"):
        assert len(at.selectbox(key=key).options) == PAGE_SIZE, key
    # paging the hide list leaves the merge lists where they are
    merge_first = at.selectbox(key="merge_duplicate").options
    hide_first = at.selectbox(key="hide_pick").options
    at.button(key="hide_next").click().run()
    assert at.selectbox(key="hide_pick").options != hide_first
    assert at.selectbox(key="merge_duplicate").options == merge_first


def test_moderation_finds_a_word_and_hides_it(big):
    path, ids = big
    at = run("pages/moderation.py", AGENT)
    at.text_input(key="moderation_search").set_value("JARDIN partage").run()
    assert not at.exception
    assert at.selectbox(key="hide_pick").value == ids["jardin"]
    assert len(at.selectbox(key="hide_pick").options) == 1
    assert plain("1 contribution correspond") in counts(at)
    at.text_input(key="hide_reason").set_value("Propos hors charte")
    next(b for b in at.button if b.label == "Masquer").click().run()
    assert not at.exception
    with open_storage(path) as store:
        assert store.handling(ids["jardin"])["hidden"]
    assert "Masquées (1)" in [tab.label for tab in at.tabs]
    assert at.text_input(key="moderation_search").value == "JARDIN partage"  # kept as typed
    # now in the hidden tab's page, where it can be shown again
    assert at.selectbox(key="unhide_pick").value == ids["jardin"]
    next(b for b in at.button if b.key == "unhide").click().run()
    with open_storage(path) as store:
        assert not store.handling(ids["jardin"])["hidden"]


def test_moderation_merges_a_duplicate_into_a_searched_target(big):
    path, ids = big
    at = run("pages/moderation.py", AGENT)
    at.text_input(key="moderation_search").set_value("lampadaire").run()
    at.text_input(key="merge_target_search").set_value("potager").run()
    assert not at.exception
    assert at.selectbox(key="merge_duplicate").value == ids["pasteur"]
    assert at.selectbox(key="merge_target").options and len(at.selectbox(key="merge_target").options) == 1
    assert at.selectbox(key="merge_target").value == ids["jardin"]
    next(b for b in at.button if b.label == "Fusionner").click().run()
    assert not at.exception
    assert any("fusionné" in s.value for s in at.success)
    with open_storage(path) as store:
        assert store.handling(ids["pasteur"])["merged_into"] == ids["jardin"]
