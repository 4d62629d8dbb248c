"""The services' capacity against the action plan's planned load (pure).

**How an item's agent-days spread over months.** An item's estimated agent-days are
spread evenly over the calendar months from the month of its start date to the month
of its last milestone, both included; an item with no milestone, or whose last
milestone falls in its start month (or before), puts all its days in its start month.
Abandoned items count for nothing; planned, in-progress and done items all count (done
work used the capacity of its months).

Example: 30 agent-days from 10 January 2027, last milestone 5 March 2027: 10 in
January, 10 in February, 10 in March.

**Overload.** A service is overloaded in a month when its planned load exceeds its
capacity (agent-days per month). A service with no capacity set is never overloaded.
:func:`check_capacity` tells, before an item is recorded, which months of which
service it would push over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

__all__ = ["Overload", "capacity_table", "check_capacity", "item_months", "monthly_load"]

COUNTED_STATUSES: tuple[str, ...] = ("planned", "in_progress", "done")
"""Statuses whose agent-days count in the load."""

_EPS = 1e-9


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not pd.isna(value)


def item_months(agent_days: float, start: date, last_milestone: date | None) -> dict[str, float]:
    """Month (``YYYY-MM``) → agent-days of one item, by the rule above."""
    first = pd.Period(start, freq="M")
    last = pd.Period(last_milestone, freq="M") if last_milestone is not None else first
    last = max(last, first)
    months = pd.period_range(first, last, freq="M")
    share = float(agent_days) / len(months)
    return {str(m): share for m in months}


def monthly_load(items: pd.DataFrame) -> pd.DataFrame:
    """Planned load per service and month: ``service, month, load`` (agent-days),
    sorted. ``items`` has ``service, agent_days, start_date, last_milestone, status``
    (as :meth:`Storage.plan_items`)."""
    rows = []
    for item in items.itertuples(index=False):
        if item.status not in COUNTED_STATUSES:
            continue
        last = item.last_milestone if _is_date(item.last_milestone) else None
        for month, days in item_months(item.agent_days, item.start_date, last).items():
            rows.append((item.service, month, days))
    frame = pd.DataFrame(rows, columns=["service", "month", "load"])
    if frame.empty:
        return frame.astype({"load": float})
    return frame.groupby(["service", "month"], as_index=False)["load"].sum().sort_values(
        ["service", "month"], ignore_index=True
    )


def capacity_table(load: pd.DataFrame, capacity: Mapping[str, float]) -> pd.DataFrame:
    """The load beside the capacity: ``service, month, load, capacity, over``
    (``capacity`` NaN and ``over`` false for a service without one)."""
    frame = load.copy()
    frame["capacity"] = frame["service"].map(lambda s: capacity.get(s)).astype(float)
    frame["over"] = frame["capacity"].notna() & (frame["load"] > frame["capacity"] + _EPS)
    return frame


@dataclass(frozen=True)
class Overload:
    """A month in which an item would push a service over its capacity."""

    service: str
    month: str
    """``YYYY-MM``."""
    load: float
    """The service's planned load that month, the item included (agent-days)."""
    capacity: float


def check_capacity(
    items: pd.DataFrame,
    capacity: Mapping[str, float],
    *,
    service: str,
    agent_days: float,
    start_date: date,
    last_milestone: date | None = None,
    replacing: str | None = None,
    already: Mapping[str, float] | None = None,
) -> list[Overload]:
    """The months where a new (or changed) item would leave its service over capacity,
    in order. ``items``: the plan as it is (:meth:`Storage.plan_items`); ``replacing``:
    the id of the item being changed (its current days are left out); ``already``: the
    changed item's current days per month in ``service`` (:func:`item_months`): a
    month where the change adds nothing to what the item already put there is not
    reported (editing a title does not warn again)."""
    if service not in capacity:
        return []
    others = items[items["id"] != replacing] if replacing is not None and len(items) else items
    load = monthly_load(others)
    current = dict(zip(load.loc[load["service"] == service, "month"],
                       load.loc[load["service"] == service, "load"], strict=True))
    limit = float(capacity[service])
    found = []
    for month, days in item_months(agent_days, start_date, last_milestone).items():
        if days <= 0 or (already is not None and days <= already.get(month, 0.0) + _EPS):
            continue
        total = current.get(month, 0.0) + days
        if total > limit + _EPS:
            found.append(Overload(service, month, total, limit))
    return found
