"""Statistical secrecy: crossed cells built on too few people lose their figures.

A zone × public cell, or a channel × zone or group cell, built on fewer than
:data:`MIN_CELL` contributors (or, for zone × public, inhabitants) keeps only its
status and a ``suppressed`` flag; its figures never leave this package.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["MIN_CELL", "suppress"]

MIN_CELL = 5
"""Zone × public (and channel × group or zone) cells built on fewer contributors or
inhabitants than this are suppressed."""


def suppress(
    frame: pd.DataFrame, figures: Sequence[str], *, by_population: bool = True
) -> pd.DataFrame:
    """Mask ``figures`` where the cell holds fewer than MIN_CELL contributors or
    (``by_population``) inhabitants, a missing population counting as too few;
    add the boolean column ``suppressed``."""
    out = frame.copy()
    small = out["contributors"].fillna(0) < MIN_CELL
    if by_population:
        small |= ~(out["population"] >= MIN_CELL)
    out["suppressed"] = small.astype(bool)
    for column in figures:
        if column in out:
            out[column] = out[column].astype("float64").mask(small)
    return out
