"""Representation by channel: which channels (online, workshop, door to door…) reached whom.

For each channel, the share of each zone and group among its contributors is set
against that zone's or group's population share (place basis; Wilson interval).
Channel × zone or group cells built on fewer than :data:`~.secrecy.MIN_CELL`
contributors are suppressed (:mod:`.secrecy`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cartoparti.analysis import stats
from cartoparti.analysis.representation.counts import GROUPS, LEVEL, Counts, Selection, count
from cartoparti.analysis.representation.secrecy import suppress
from cartoparti.model import CHANNELS
from cartoparti.storage import Storage

__all__ = ["CHANNEL_COLUMNS", "channel_cells", "channel_reach", "channels_of"]

CHANNEL_COLUMNS = [
    "channel", "dimension", "group", "contributors", "share", "index", "ci_low", "ci_high",
    "status", "suppressed",
]
"""Columns of :func:`channel_reach`."""


def channel_cells(counts: Counts, level: float = LEVEL) -> pd.DataFrame:
    """Unsuppressed channel reach from ``counts`` (parts ``channels`` and ``totals``);
    internal to this package, never shown as such."""
    raw, population = counts.parts["channels"], counts.population
    everyone = counts.totals("place")["contributors"]  # distinct contributors of the selection
    zones = counts.zones.set_index("code")
    frames = []
    for channel in [c for c in CHANNELS if c in set(raw["channel"])] + sorted(
        set(raw["channel"]) - set(CHANNELS)
    ):
        rows = raw[raw["channel"] == channel]
        total = float(rows.loc[rows["dimension"] == "all", "contributors"].sum())
        frames.append(
            pd.DataFrame(
                {
                    "channel": [channel], "dimension": ["all"], "group": ["all"],
                    "contributors": [total], "share": [total / everyone if everyone else np.nan],
                }
            )
        )
        by_zone = rows[rows["dimension"] == "zone"].set_index("grp")["contributors"]
        by_zone = by_zone.reindex(zones.index, fill_value=0).astype(float)
        frames.append(_shares(channel, "zone", by_zone, zones["population"], level))
        for dim, groups in GROUPS.items():
            obs = rows[rows["dimension"] == dim].set_index("grp")["contributors"]
            obs = obs.reindex(list(groups), fill_value=0).astype(float)
            pop = population[population["dimension"] == dim].groupby("grp")["population"].sum()
            frames.append(_shares(channel, dim, obs, pop.reindex(list(groups)), level))
    if not frames:
        return pd.DataFrame(columns=CHANNEL_COLUMNS[:-1])
    out = pd.concat(frames, ignore_index=True)
    for column in ("index", "ci_low", "ci_high", "status"):
        if column not in out:
            out[column] = np.nan
    return out[CHANNEL_COLUMNS[:-1]]


def _shares(channel: str, dim: str, obs: pd.Series, pop: pd.Series, level: float) -> pd.DataFrame:
    frame = stats.share_index(obs, pop, level)
    return pd.DataFrame(
        {
            "channel": channel,
            "dimension": dim,
            "group": frame.index.astype(str),
            "contributors": frame["contributors"].to_numpy(),
            "share": frame["contributor_share"].to_numpy(),
            "index": frame["index"].to_numpy(),
            "ci_low": frame["ci_low"].to_numpy(),
            "ci_high": frame["ci_high"].to_numpy(),
            "status": frame["status"].to_numpy(),
        }
    )


def channels_of(
    counts: Counts, *, level: float = LEVEL, cells: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Channel reach from ``counts`` (parts ``channels`` and ``totals``), suppressed;
    see :func:`channel_reach`. ``cells`` are the unsuppressed cells
    (:func:`channel_cells`) when already computed."""
    raw = channel_cells(counts, level) if cells is None else cells
    whole = raw["dimension"] == "all"  # a channel's total is not a crossed cell
    out = pd.concat(
        [
            raw[whole].assign(suppressed=False),
            suppress(raw[~whole], ["contributors", "share", "index", "ci_low", "ci_high"],
                     by_population=False),
        ]
    ).sort_index()
    out["contributors"] = out["contributors"].astype("Int64")
    return out[CHANNEL_COLUMNS].reset_index(drop=True)


def channel_reach(
    store: Storage,
    *,
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = LEVEL,
) -> pd.DataFrame:
    """Which channels reached which publics and zones (place basis).

    One row per channel and ``dimension`` / ``group``: ``all`` / ``all`` (every
    contributor the channel reached; ``share`` of all contributors), ``zone`` /
    zone code, ``age_band`` / band, ``csp`` / category (zones with a breakdown).
    ``share`` is the group's share among the channel's contributors, ``index``
    that share over the group's population share (1 = in proportion), with a
    Wilson interval and a status. Cells of zones or groups with fewer than
    :data:`~.secrecy.MIN_CELL` contributors are suppressed (figures missing).
    Columns :data:`CHANNEL_COLUMNS`.
    """
    counts = count(store, basis="place", selection=selection, layer=layer, parts=["channels", "totals"])
    return channels_of(counts, level=level)
