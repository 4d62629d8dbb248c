"""The capacity warning comes before a change, not after (both backends): editing an
item's days, service or start, adding a milestone that spreads its days over more
months, or planning an abandoned item again tells which months it would overload;
a change that adds no load (a title) does not warn again. Hand-computed: capacity 20
agent-days a month for « voirie et mobilité »."""

from __future__ import annotations

from datetime import date

import pytest

from cartoparti.analysis.capacity import Overload
from cartoparti.commands import plan
from tests.test_plan import AGENT, SETTINGS, _item

ROADS = "voirie et mobilité"


@pytest.fixture
def store(backend_store):
    return backend_store


def test_changes_are_checked_before_they_are_saved(store):
    # X: 30 days from 10/01/2027 to 05/03/2027 → 10 in Jan, Feb, Mar.
    x = _item(store, milestones=[("Fin", date(2027, 3, 5))]).item_id
    # Y: 15 days in April 2027.
    _item(store, title="Y", agent_days=15, start_date=date(2027, 4, 1))
    assert plan.change_warnings(store, SETTINGS, x) == []
    # 66 days over three months → 22 a month
    assert plan.change_warnings(store, SETTINGS, x, agent_days=66) == [
        Overload(ROADS, m, 22.0, 20.0) for m in ("2027-01", "2027-02", "2027-03")]
    assert plan.change_warnings(store, SETTINGS, x, agent_days=60) == []  # exactly 20
    # moving the start to April: 30 days from April to March → all in April: 15 + 30
    assert plan.change_warnings(store, SETTINGS, x, start_date=date(2027, 4, 2)) == [
        Overload(ROADS, "2027-04", 45.0, 20.0)]
    # a milestone on 30/04/2027 spreads 30 days over Jan–Apr: 7.5 each; April 15 + 7.5
    assert plan.change_warnings(store, SETTINGS, x, milestone_date=date(2027, 4, 30)) == [
        Overload(ROADS, "2027-04", 22.5, 20.0)]
    assert plan.change_warnings(store, SETTINGS, x, milestone_date=date(2027, 2, 1)) == []
    # another service without capacity never warns
    assert plan.change_warnings(store, SETTINGS, x, service="espaces verts", agent_days=999) == []
    # an abandoned item planned again counts again: 30 days in January, 10 + 30
    z = _item(store, title="Z", agent_days=30, start_date=date(2027, 1, 5)).item_id
    plan.set_status(store, SETTINGS, AGENT, z, "abandoned", reason="Plus de budget cette année.")
    assert plan.change_warnings(store, SETTINGS, z, agent_days=31) == []  # abandoned: counts nothing
    assert plan.change_warnings(store, SETTINGS, z, status="planned") == [Overload(ROADS, "2027-01", 40.0, 20.0)]
    assert plan.change_warnings(store, SETTINGS, z, status="done") == [Overload(ROADS, "2027-01", 40.0, 20.0)]
    # an item already over capacity: a change adding nothing does not warn again
    w = _item(store, title="W", agent_days=30, start_date=date(2027, 6, 1)).item_id
    assert plan.change_warnings(store, SETTINGS, w) == []
    assert plan.change_warnings(store, SETTINGS, w, agent_days=20) == []
    assert plan.change_warnings(store, SETTINGS, w, agent_days=31) == [Overload(ROADS, "2027-06", 31.0, 20.0)]
    assert plan.change_warnings(store, SETTINGS, "absent") == []
