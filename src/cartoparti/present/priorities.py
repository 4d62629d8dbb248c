"""What people read of the priorities (:mod:`cartoparti.analysis.priorities`): the
table with French headers and the publics behind a priority, aggregates only."""

from __future__ import annotations

import pandas as pd

from cartoparti import i18n
from cartoparti.analysis.priorities import Priorities
from cartoparti.analysis.representation import MIN_CELL
from cartoparti.i18n import formats
from cartoparti.lifecycle import STATUSES
from cartoparti.model import AGE_BANDS, KINDS

__all__ = ["display_frame", "publics_text"]


def publics_text(publics: pd.DataFrame, priority_id: str) -> str:
    """The age bands behind a priority with their shares, or, under the secrecy
    threshold, only that there are too few known profiles."""
    rows = publics[(publics["priority_id"] == priority_id) & (publics["dimension"] == "age_band")]
    shown = rows[~rows["suppressed"].astype(bool)]
    if shown.empty:
        return i18n.message("brief.priorities.publics_hidden", min_cell=MIN_CELL)
    return ", ".join(
        f"{AGE_BANDS.get(g, g)} ({formats.percent(s)})" for g, s in zip(shown["grp"], shown["share"], strict=True)
    )


def display_frame(result: Priorities) -> pd.DataFrame:
    """The ranked table for a page: French headers, labels for codes, numbers kept as
    numbers (re-weighted rounded to one decimal)."""
    t = result.table
    columns = i18n.labels("priority_columns")
    return pd.DataFrame(
        {
            columns["rank"]: t["rank"],
            columns["title"]: t["title"],
            columns["kind"]: t["kind"].map(KINDS).fillna(t["kind"]),
            columns["zone_name"]: t["zone_name"].fillna(formats.MISSING),
            columns["status"]: t["status"].map(STATUSES).fillna(t["status"]),
            columns["supports"]: t["supports"],
            columns["contributors"]: t["contributors"],
            columns["reweighted"]: t["reweighted"].round(1),
            columns["profiled"]: t["profiled"],
            columns["age_bands"]: t["age_bands"],
            columns["csps"]: t["csps"],
            columns["publics"]: [publics_text(result.publics, i) for i in t["id"]],
        }
    )
