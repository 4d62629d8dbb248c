"""Workload of the services and equity of the answers.

Computed from :meth:`Storage.answer_timeline` (one row per contribution not hidden:
``created_at, status, service, zone_…, age_band, csp, first_answer_at``, UTC).
Durations are in days. "Answered" means at least one public message; the
acceptance rate is accepted (``accepted``, ``in_progress``, ``done``) over decided
(those plus ``declined``): redirections, outside the town's remit, count in neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from cartoparti import i18n
from cartoparti.lifecycle import ACCEPTED_STATUSES, OPEN_STATUSES

__all__ = ["NOT_SET", "Workload", "equity", "with_delays", "workload"]  # noqa: F822 - NOT_SET: __getattr__


def __getattr__(name: str) -> str:
    # NOT_SET: the group of the contributions without a value (no service, no declared
    # profile), in the active language (i18n), looked up at each access.
    if name == "NOT_SET":
        return i18n.message("not_set")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_DAY = pd.Timedelta(days=1)


def _now(now: datetime | None) -> pd.Timestamp:
    stamp = pd.Timestamp(now or datetime.now(UTC))
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp


def with_delays(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline plus ``answered``, ``days_to_first_answer``, ``decided``, ``accepted``."""
    frame = timeline.copy()
    created = pd.to_datetime(frame["created_at"])
    first = pd.to_datetime(frame["first_answer_at"])
    frame["answered"] = first.notna()
    frame["days_to_first_answer"] = (first - created) / _DAY
    frame["accepted"] = frame["status"].isin(ACCEPTED_STATUSES)
    frame["decided"] = frame["accepted"] | (frame["status"] == "declined")
    return frame


@dataclass
class Workload:
    """Open contributions and answer times (days)."""

    open_by_service: pd.Series
    """Open contributions per responsible service (``NOT_SET`` if none)."""
    open_by_status: pd.Series
    """Open contributions per status code (every open status, zeros included)."""
    oldest_unanswered_days: float | None
    """Age of the oldest open contribution never answered, or ``None``."""
    median_days_to_first_answer: float | None
    """Median delay to the first public answer, over answered contributions."""
    unanswered: int
    """Open contributions never answered."""


def workload(timeline: pd.DataFrame, *, now: datetime | None = None) -> Workload:
    """Workload figures at ``now`` (default: the current time)."""
    frame = with_delays(timeline)
    is_open = frame["status"].isin(OPEN_STATUSES)
    opened = frame[is_open]
    by_service = opened["service"].fillna(i18n.message("not_set")).value_counts().sort_index()
    by_service.index.name = "service"
    by_status = opened["status"].value_counts().reindex(list(OPEN_STATUSES), fill_value=0)
    by_status.index.name = "status"
    waiting = opened[~opened["answered"]]
    oldest = None
    if len(waiting):
        oldest = float((_now(now) - pd.to_datetime(waiting["created_at"]).min()) / _DAY)
    delays = frame["days_to_first_answer"].dropna()
    median = float(delays.median()) if len(delays) else None
    return Workload(
        by_service.rename("open"), by_status.rename("open"), oldest, median, len(waiting)
    )


def equity(timeline: pd.DataFrame, by: str) -> pd.DataFrame:
    """Answer times and acceptance by group of ``by`` (e.g. ``zone_name``, ``age_band``, ``csp``).

    Index: the groups (``NOT_SET`` for missing values). Columns: ``contributions``,
    ``answered``, ``unanswered``, ``median_days_to_first_answer``, ``decided``,
    ``accepted``, ``acceptance_rate`` (0–1, NaN when nothing was decided).
    """
    frame = with_delays(timeline)
    frame[by] = frame[by].astype(object).where(frame[by].notna(), i18n.message("not_set"))
    grouped = frame.groupby(by, sort=True)
    result = pd.DataFrame(
        {
            "contributions": grouped.size(),
            "answered": grouped["answered"].sum().astype(int),
            "median_days_to_first_answer": grouped["days_to_first_answer"].median(),
            "decided": grouped["decided"].sum().astype(int),
            "accepted": grouped["accepted"].sum().astype(int),
        }
    )
    result["unanswered"] = result["contributions"] - result["answered"]
    result["acceptance_rate"] = np.where(
        result["decided"] > 0,
        result["accepted"] / result["decided"].where(result["decided"] > 0, 1),
        np.nan,
    )
    return result[
        [
            "contributions",
            "answered",
            "unanswered",
            "median_days_to_first_answer",
            "decided",
            "accepted",
            "acceptance_rate",
        ]
    ]
