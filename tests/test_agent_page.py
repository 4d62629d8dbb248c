"""The agents' list filtered and paged in the database (``agent_page``): words without
accents or case, zone, kind, status, service, queue, age, one page and the true count.

Contract tests: each runs on every backend (DuckDB file and PostGIS, fixture ``backend``)."""

from datetime import UTC, datetime, timedelta

import pytest

from cartoparti.commands import answers, moderation
from cartoparti.model import Draft, validate_draft
from cartoparti.settings import DEFAULT_THEMES, Settings

AGENT = {"name": "alice", "role": "agent"}
SETTINGS = Settings()
NOW = datetime.now(UTC).replace(tzinfo=None)


@pytest.fixture
def store(backend_store):
    return backend_store


@pytest.fixture
def seeded(store):
    """30 contributions, one a day back from now, in two zones; a few with words to find."""
    lens, lievin = "62498", "62510"
    drafts = []
    for i in range(30):
        title, text = f"Demande numéro {i}", "Rien de particulier"
        if i == 3:
            title, text = "Éclairage de la RUE Pasteur", "Le lampadaire est cassé"
        if i == 17:
            title, text = "Un cœur de village", "Une place sans voitures près de l'école"
        drafts.append(validate_draft(
            Draft(kind="proposal" if i % 3 == 0 else "need", title=title, text=text, theme="nature",
                  geometry=store.zone_point(lievin if i % 2 else lens),
                  created_at=NOW - timedelta(days=i, minutes=1)),
            themes=DEFAULT_THEMES,
        ))
    ids = store.add_contributions(drafts).ids
    return [ids[i] for i in range(30)]


def test_a_page_and_the_true_count(store, seeded):
    rows, total = store.agent_page(limit=7)
    assert total == 30 and list(rows["id"]) == seeded[:7]  # newest first
    rows, total = store.agent_page(limit=7, offset=28)
    assert total == 30 and list(rows["id"]) == seeded[28:]
    rows, total = store.agent_page(limit=7, offset=40)
    assert total == 30 and rows.empty and "title" in rows.columns
    # the rows carry what agents need, as agent_contributions
    assert list(rows.columns) == list(store.agent_contributions(ids=seeded[:1]).columns)


def test_words_without_accents_or_case(store, seeded):
    for query in ("eclairage", "ÉCLAIRAGE rue", "rue pasteur", "lampadaire CASSE", "Éclairage, rue !"):
        rows, total = store.agent_page(search=query)
        assert (total, list(rows["id"])) == (1, [seeded[3]]), query
    rows, total = store.agent_page(search="coeur ecole")  # œ and é, one word in the title, one in the text
    assert (total, list(rows["id"])) == (1, [seeded[17]])
    assert store.agent_page(search="pasteur voitures")[1] == 0  # every word must be found
    assert store.agent_page(search="numero")[1] == 28
    rows, total = store.agent_page(search=seeded[5])  # an id
    assert (total, list(rows["id"])) == (1, [seeded[5]])
    assert store.agent_page(search="100%")[1] == 0 and store.agent_page(search="_")[1] == 0
    assert store.agent_page(search="  ")[1] == 30


def test_zone_kind_age_filters(store, seeded):
    rows, total = store.agent_page(zone_codes=["62510"], limit=100)
    assert total == 15 and list(rows["id"]) == seeded[1::2]
    assert set(rows["zone_code"]) == {"62510"}
    rows, total = store.agent_page(kinds=["proposal"], limit=100)
    assert total == 10 and list(rows["id"]) == seeded[::3]
    rows, total = store.agent_page(min_age_days=20, limit=100)
    assert total == 10 and list(rows["id"]) == seeded[20:]
    rows, total = store.agent_page(zone_codes=["62498"], kinds=["proposal"], min_age_days=20, limit=100)
    assert (total, list(rows["id"])) == (1, [seeded[24]])  # even (Lens), multiple of 3, 20 days or more


def test_status_service_and_queues(store, seeded):
    answers.answer(store, AGENT, seeded[0], status="under_study", message="Nous regardons.")
    moderation.qualify(store, AGENT, seeded[1], settings=SETTINGS, service="espaces verts")
    moderation.qualify(store, AGENT, seeded[2], settings=SETTINGS, service="espaces verts")
    moderation.hide(store, AGENT, seeded[2], "Hors charte")
    moderation.merge(store, AGENT, seeded[4], seeded[5])
    rows, total = store.agent_page(statuses=["under_study"])
    assert (total, list(rows["id"])) == (1, [seeded[0]])
    rows, total = store.agent_page(services=["espaces verts"])
    assert (total, list(rows["id"])) == (2, [seeded[1], seeded[2]])
    rows, total = store.agent_page(services=["espaces verts"], queue="visible")
    assert (total, list(rows["id"])) == (1, [seeded[1]])
    rows, total = store.agent_page(queue="hidden")
    assert (total, list(rows["id"])) == (2, [seeded[2], seeded[4]])
    assert rows.set_index("id").loc[seeded[4], "merged_into"] == seeded[5]
    assert store.agent_page(queue="visible")[1] == 28
    assert store.agent_page(queue="moderation")[1] == 0  # a posteriori: all published
    assert store.agent_page(queue=None)[1] == 30


def test_the_public_list_is_searched_in_the_database_too(store, seeded):
    """``contributions(search=…)`` (residents' search on the contribution page): the
    same folding, published contributions only, newest first, limited."""
    for query in ("ÉCLAIRAGE rue", "lampadaire CASSE"):
        found = store.contributions(search=query)
        assert list(found["id"]) == [seeded[3]], query
    assert list(store.contributions(search="coeur ecole")["id"]) == [seeded[17]]
    assert len(store.contributions(search="demande", limit=5)) == 5
    # each word on its own: « 2 » is in 2, 12, 20…29
    assert list(store.contributions(search="demande numero 2")["id"]) == [seeded[i] for i in range(30) if "2" in str(i)]
    moderation.hide(store, AGENT, seeded[3], reason="Hors sujet")  # unpublished: the public finds it no more
    assert store.contributions(search="eclairage").empty
    assert list(store.contributions(search="eclairage", published_only=False)["id"]) == [seeded[3]]
