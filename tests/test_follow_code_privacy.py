"""A follow code shows and deletes only its own contributions (issue 13, privacy): a
merge into a contribution held for its phone number never shows the duplicate's author
the held text, nor lets them ask for its deletion. Commands on both backends, and the
follow page (AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import settings
from cartoparti._errors import NotFoundError
from cartoparti.commands import contribute, moderation, residents
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

SETTINGS = Settings()
AGENT = {"name": "alice", "role": "agent"}
LENS = "62498"
PHONE_TEXT = "Appelez-moi au 06 12 34 56 78, je vous montre"


def _submit(store, title, text="Près de l'école"):
    return contribute.submit(store, settings=SETTINGS, kind="need", title=title, text=text,
                             theme="espaces publics", location=store.zone_point(LENS))


def _held_and_duplicate(store):
    held = _submit(store, "Un banc cassé rue Voltaire", PHONE_TEXT)
    assert not store.contribution(held.id)["published"], "held for its phone number"
    duplicate = _submit(store, "Banc cassé (rue Voltaire)")
    moderation.merge(store, AGENT, duplicate.id, held.id)
    return held, duplicate


def test_a_merge_into_a_held_contribution_shows_its_author_nothing_of_it(backend_store):
    store = backend_store
    held, duplicate = _held_and_duplicate(store)
    items = {item["id"]: item for item in residents.followed(store, duplicate.follow_code)}
    assert set(items) == {duplicate.id, held.id}
    assert items[duplicate.id]["own"] and not items[duplicate.id]["withheld"]
    assert items[duplicate.id]["merged_into"] == held.id
    other = items[held.id]
    assert other["withheld"] and not other["own"]
    shown = repr(other)
    assert "06 12 34 56 78" not in shown and "Voltaire" not in shown and PHONE_TEXT not in shown
    with pytest.raises(NotFoundError):
        residents.request_deletion(store, duplicate.follow_code, held.id, "pas à moi")
    assert store.deletion_requests().empty
    # the held one's own author still sees and may delete it
    mine = residents.followed(store, held.follow_code)
    assert [(i["id"], i["own"], i["text"]) for i in mine] == [(held.id, True, PHONE_TEXT)]
    assert residents.request_deletion(store, held.follow_code, held.id)
    # and the duplicate's author may ask for the deletion of theirs, and only theirs
    assert residents.request_deletion(store, duplicate.follow_code, duplicate.id)
    assert set(store.deletion_requests()["contribution_id"]) == {held.id, duplicate.id}


def test_once_published_the_kept_contribution_is_followed_but_never_deletable(backend_store):
    store = backend_store
    held, duplicate = _held_and_duplicate(store)
    moderation.publish(store, AGENT, held.id, despite_personal_data=True)
    items = {item["id"]: item for item in residents.followed(store, duplicate.follow_code)}
    other = items[held.id]
    assert not other["withheld"] and not other["own"]
    assert other["title"] == "Un banc cassé rue Voltaire"  # public now: its public fields
    with pytest.raises(NotFoundError):
        residents.request_deletion(store, duplicate.follow_code, held.id)
    assert store.deletion_requests().empty


def test_own_follow_links_survive_a_chain_of_merges(backend_store):
    store = backend_store
    first = _submit(store, "Un abri bus")
    second = _submit(store, "Abri bus (bis)")
    third = _submit(store, "Abri bus (ter)")
    moderation.merge(store, AGENT, first.id, second.id)
    moderation.merge(store, AGENT, second.id, third.id)
    code = residents.follow_code_hash(first.follow_code)
    assert store.followed_ids(code, own_only=True) == [first.id]
    assert set(store.followed_ids(code)) == {first.id, second.id, third.id}
    assert store.followed_ids(residents.follow_code_hash(third.follow_code), own_only=True) == [third.id]


def _follow_page(code: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/suivi.py").run()
    at.text_input(key="follow_input").set_value(code)
    next(b for b in at.button if b.label == "Voir mes contributions").click().run()
    assert not at.exception, at.exception
    return at


def _page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "text", "info", "warning", "success", "error",
                                  "title", "header", "subheader") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def test_the_follow_page_of_the_duplicate_s_author_hides_the_held_text(app_env):
    with open_storage(settings.db_path()) as store:
        held, duplicate = _held_and_duplicate(store)
    at = _follow_page(duplicate.follow_code)
    text = _page_text(at)
    assert "Banc cassé" in text  # theirs (their title, escaped)
    assert "06 12 34 56 78" not in text and "Un banc cassé rue Voltaire" not in text
    assert any("pas encore publique" in i.value for i in at.info)
    delete_buttons = [b for b in at.button if b.label == "Demander la suppression"]
    assert [b.key for b in delete_buttons] == [f"delete_{duplicate.id}"], "only their own"
    # the author of the held one sees it, with its deletion button
    at = _follow_page(held.follow_code)
    assert PHONE_TEXT in _page_text(at)
    assert [b.key for b in at.button if b.label == "Demander la suppression"] == [f"delete_{held.id}"]
