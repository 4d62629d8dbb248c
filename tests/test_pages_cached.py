"""Agent pages compute their heavy figures once per state of the data: a rerun (a
click elsewhere on the page, coming back to it) reads them from the cache, and an
answer or a new contribution computes them again."""

from __future__ import annotations

from cartoparti.commands import answers
from cartoparti.storage import open_storage
from cartoparti.storage.duckdb.core import DuckDBStorage
from tests.test_pages_agents import AGENT, add, run


def _counting(monkeypatch, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(DuckDBStorage, name)

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DuckDBStorage, name, counted)
    return calls


def test_the_workload_page_computes_once_until_an_answer(app_env, monkeypatch):
    receipt = add(app_env)
    add(app_env, title="Sans réponse")
    calls = _counting(monkeypatch, "answer_timeline")
    at = run("pages/charge_equite.py", AGENT)
    assert {m.label: m.value for m in at.metric}["Contributions ouvertes sans réponse"] == "2"
    at.run()
    at.run()
    assert len(calls) == 1, "reruns read the cache"
    with open_storage(app_env) as store:
        answers.answer(store, AGENT, receipt.id, status="under_study", message="Vu.")
    at.run()
    assert len(calls) == 2
    assert {m.label: m.value for m in at.metric}["Contributions ouvertes sans réponse"] == "1"


def test_the_hexagon_map_is_counted_once_until_a_contribution(app_env, monkeypatch):
    add(app_env)
    calls = _counting(monkeypatch, "hexagon_contributors")
    at = run("pages/qui_manque.py", AGENT)
    at.radio(key="qm_mesh").set_value(at.radio(key="qm_mesh").options[1]).run()
    assert not at.exception, at.exception
    first = len(calls)
    assert first == 1
    at.run()
    assert len(calls) == first, "a rerun reads the cache"
    add(app_env, title="Une autre", zone="62528")
    at.run()
    assert len(calls) == first + 1
