"""Priorities, for agents and the command line: which proposals and needs residents
carry, raw and re-weighted by age band × zone (:mod:`cartoparti.analysis.priorities`)."""

from __future__ import annotations

import pandas as pd

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.analysis.priorities import PRIORITY_COLUMNS, Priorities, priorities
from cartoparti.model import KINDS, normalise_code
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = ["export_frame", "kind_code", "rank"]


def kind_code(value: str) -> str:
    """The kind code of ``value`` (a code or its French label); raise
    :class:`ValidationError` for an unknown one."""
    code = normalise_code(value, KINDS)
    if code is None:
        raise ValidationError(
            {"kind": i18n.message("priorities.kind_unknown", value=value, codes=", ".join(KINDS))}
        )
    return code


def rank(store: Storage, settings: Settings, *, kind: str | None = None) -> Priorities:
    """The ranked priorities of ``kind`` (code or label; default: proposals and needs)."""
    del settings  # the same for every setting today; kept for the commands' signature
    return priorities(store, kinds=[kind_code(kind)] if kind else None)


def export_frame(result: Priorities) -> pd.DataFrame:
    """The table of :data:`PRIORITY_COLUMNS` for files: ``created_at`` as ISO 8601 UTC."""
    frame = result.table[list(PRIORITY_COLUMNS)].copy()
    frame["created_at"] = pd.to_datetime(frame["created_at"]).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return frame
