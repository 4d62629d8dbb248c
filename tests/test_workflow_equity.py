"""Workload and equity of answers on a small case computed by hand.

Six contributions (January 2024, UTC):

======  =======  ========  =======  ==================================  ===========
id      commune  age band  created  answers                             status
======  =======  ========  =======  ==================================  ===========
A       Lens     15-29     01/01    under_study 03/01 (2 d), accepted   accepted
B       Lens     60-74     02/01    declined 06/01 (4 d)                declined
C       Liévin   15-29     01/01    under_study 11/01 (10 d), declined  declined
D       Liévin   —         05/01    none                                received
E       Liévin   60-74     03/01    redirected 04/01 (1 d)              redirected
F       Lens     15-29     01/01    none, hidden: not counted           received
======  =======  ========  =======  ==================================  ===========
"""

from datetime import UTC, datetime

import pandas as pd
import pytest

from cartoparti.analysis import workload
from cartoparti.commands import answers, moderation
from cartoparti.model import Draft, validate_draft
from cartoparti.settings import Settings

SETTINGS = Settings()  # the defaults: moderation a posteriori

AGENT = {"name": "alice", "role": "agent"}
LENS, LIEVIN = "62498", "62510"
WHY = "Le budget de cette année est déjà engagé sur d'autres priorités."


def jan(day: int) -> datetime:
    return datetime(2024, 1, day, tzinfo=UTC)


@pytest.fixture
def case(store):
    def add(title, zone, day, age=None, csp=None):
        draft = Draft(kind="need", title=title, theme="nature", geometry=store.zone_point(zone),
                      created_at=jan(day), age_band=age, csp=csp)
        return store.add_contribution(validate_draft(draft, themes=("nature",)))

    ids = {
        "A": add("A", LENS, 1, "15-29", "CS8"),
        "B": add("B", LENS, 2, "60-74", "CS7"),
        "C": add("C", LIEVIN, 1, "15-29", "CS8"),
        "D": add("D", LIEVIN, 5),
        "E": add("E", LIEVIN, 3, "60-74", "CS7"),
        "F": add("F", LENS, 1, "15-29", "CS8"),
    }
    answer = lambda key, status, day, **kw: answers.answer(
        store, AGENT, ids[key], status=status, message=kw.pop("message", WHY), at=jan(day), **kw
    )
    answer("A", "under_study", 3)
    answer("A", "accepted", 10)
    answer("B", "declined", 6)
    answer("C", "under_study", 11)
    answer("C", "declined", 20)
    answer("E", "redirected", 4, competent="le bailleur social")
    moderation.qualify(store, AGENT, ids["A"], settings=SETTINGS, service="espaces verts")
    moderation.hide(store, AGENT, ids["F"], "doublon hors sujet")
    return store.answer_timeline()


def test_timeline_leaves_hidden_out(case):
    assert len(case) == 5


def test_workload(case):
    figures = workload.workload(case, now=jan(31))
    assert figures.open_by_status.to_dict() == {"received": 1, "under_study": 0, "accepted": 1, "in_progress": 0}
    assert figures.open_by_service.to_dict() == {"espaces verts": 1, workload.NOT_SET: 1}
    assert figures.unanswered == 1
    assert figures.oldest_unanswered_days == pytest.approx(26.0)  # D, 05/01 → 31/01 (F is hidden)
    assert figures.median_days_to_first_answer == pytest.approx(3.0)  # median of 2, 4, 10, 1


def test_equity_by_zone(case):
    table = workload.equity(case.assign(zone=case.zone_code), "zone")
    lens, lievin = table.loc[LENS], table.loc[LIEVIN]
    assert (lens.contributions, lens.answered, lens.unanswered) == (2, 2, 0)
    assert lens.median_days_to_first_answer == pytest.approx(3.0)
    assert (lens.decided, lens.accepted, lens.acceptance_rate) == (2, 1, pytest.approx(0.5))
    assert (lievin.contributions, lievin.answered, lievin.unanswered) == (3, 2, 1)
    assert lievin.median_days_to_first_answer == pytest.approx(5.5)
    # the redirection counts neither way: one decided (C), refused
    assert (lievin.decided, lievin.accepted, lievin.acceptance_rate) == (1, 0, pytest.approx(0.0))


def test_equity_by_public(case):
    table = workload.equity(case, "age_band")
    assert list(table.index) == ["15-29", "60-74", workload.NOT_SET]
    young, old, unknown = table.loc["15-29"], table.loc["60-74"], table.loc[workload.NOT_SET]
    assert young.median_days_to_first_answer == pytest.approx(6.0)  # 2 and 10
    assert young.acceptance_rate == pytest.approx(0.5)
    assert old.median_days_to_first_answer == pytest.approx(2.5)  # 4 and 1
    assert (old.decided, old.acceptance_rate) == (1, pytest.approx(0.0))
    assert (unknown.contributions, unknown.answered) == (1, 0)
    assert pd.isna(unknown.median_days_to_first_answer) and pd.isna(unknown.acceptance_rate)
    by_csp = workload.equity(case, "csp")
    assert by_csp.loc["CS8", "median_days_to_first_answer"] == pytest.approx(6.0)
    assert by_csp.loc["CS7", "contributions"] == 2


def test_empty_timeline(store):
    figures = workload.workload(store.answer_timeline())
    assert figures.oldest_unanswered_days is None and figures.median_days_to_first_answer is None
    assert figures.open_by_status.sum() == 0
