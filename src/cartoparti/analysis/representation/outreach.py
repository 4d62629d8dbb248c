"""Outreach: where and whom to go and meet next, and through which channel.

A ranked list of (zone, public) pairs built from the zone × public cells
(:mod:`.zone_publics`), the zones without a breakdown taken as a whole
(:mod:`.zones`) and the channel reach (:mod:`.channels`): how many more
contributors each pair needs to reach a ratio of 1, significant deficits first,
with the channel that worked best so far for that public or zone. Suppressed
cells (:mod:`.secrecy`) stay suppressed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cartoparti.analysis import stats
from cartoparti.analysis.representation.channels import channel_cells
from cartoparti.analysis.representation.counts import LEVEL, Counts, Selection, count
from cartoparti.analysis.representation.secrecy import MIN_CELL, suppress
from cartoparti.analysis.representation.zone_publics import CELL_FIGURES, zone_public_cells
from cartoparti.analysis.representation.zones import zone_table
from cartoparti.storage import Storage

__all__ = ["OUTREACH_COLUMNS", "outreach_of", "outreach_targets"]

OUTREACH_COLUMNS = [
    "rank", "zone_code", "zone_name", "dimension", "group", "population", "contributors",
    "expected", "needed", "status", "best_channel", "suppressed",
]
"""Columns of :func:`outreach_targets`."""


def _best_channels(channels: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(dimension, group) → the channel that worked best so far for that public or zone.

    Only channels that reached at least MIN_CELL of its people count (fewer would
    single out a few persons, and prove nothing). For a public: the channel where
    the group is most over-represented (highest index); for a zone: the channel that
    reached most of its contributors. Missing when no channel reached enough.
    """
    rows = channels[(channels["dimension"] != "all") & (channels["contributors"] >= MIN_CELL)]
    key = np.where(rows["dimension"] == "zone", rows["contributors"], rows["index"].fillna(-np.inf))
    ranked = rows.assign(key=key).sort_values(
        ["dimension", "group", "key", "contributors", "channel"],
        ascending=[True, True, False, False, True],
    )
    first = ranked.drop_duplicates(["dimension", "group"])
    return {
        (d, g): str(c)
        for d, g, c in zip(first["dimension"], first["group"], first["channel"], strict=True)
    }


def outreach_of(
    counts: Counts,
    *,
    top: int | None = 20,
    level: float = LEVEL,
    cells: pd.DataFrame | None = None,
    zones: pd.DataFrame | None = None,
    channels: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The outreach list from ``counts`` (parts ``zones``, ``zone_publics``,
    ``channels`` and ``totals``); see :func:`outreach_targets`. ``cells``
    (:func:`~.zone_publics.zone_public_cells`), ``zones`` (a zone table, e.g.
    :attr:`~.zones.ZoneRepresentation.table`) and ``channels``
    (:func:`~.channels.channel_cells`), unsuppressed, when already computed."""
    cells = zone_public_cells(counts, level) if cells is None else cells
    zones = zone_table(counts, level) if zones is None else zones
    channels = channel_cells(counts, level) if channels is None else channels
    whole = zones[~zones.index.isin(cells["zone_code"])].reset_index()
    whole = whole.assign(dimension="all", group="all")[
        ["zone_code", "zone_name", "dimension", "group", *CELL_FIGURES, "status"]
    ]
    pairs = pd.concat([cells, whole], ignore_index=True) if len(whole) else cells
    pairs = suppress(pairs, [])  # flags only: figures are masked after ranking
    pairs.loc[pairs["dimension"] == "all", "suppressed"] = False  # whole zones are not crossed cells
    exact = stats.contributors_needed(
        pairs["contributors"].to_numpy(float), pairs["expected"].to_numpy(float)
    )
    bound = stats.contributors_needed(
        np.full(len(pairs), MIN_CELL - 1.0), pairs["expected"].to_numpy(float)
    )
    pairs["needed"] = np.where(pairs["suppressed"], bound, exact)
    pairs = pairs[pairs["needed"] >= 1].copy()
    best = _best_channels(channels) if len(channels) else {}
    pairs["best_channel"] = [
        best.get(("zone", z) if d == "all" else (d, g), "")
        for z, d, g in zip(pairs["zone_code"], pairs["dimension"], pairs["group"], strict=True)
    ]
    pairs["_under"] = pairs["status"].astype(str).eq("under")
    pairs = pairs.sort_values(["_under", "needed", "zone_name", "dimension", "group"],
                              ascending=[False, False, True, True, True])
    if top is not None:
        pairs = pairs.head(int(top))
    for column in ("population", "contributors", "expected"):
        pairs[column] = pairs[column].astype("float64").mask(pairs["suppressed"])
    pairs["rank"] = range(1, len(pairs) + 1)
    pairs["needed"] = pairs["needed"].astype("int64")
    pairs["contributors"] = pairs["contributors"].astype("Int64")
    return pairs[OUTREACH_COLUMNS].reset_index(drop=True)


def outreach_targets(
    store: Storage,
    *,
    top: int | None = 20,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = LEVEL,
) -> pd.DataFrame:
    """Where and whom to go and meet next: a ranked list of (zone, public) pairs.

    Pairs are the zone × public cells, plus the zones without a breakdown by
    public as a whole (``dimension`` and ``group`` ``all``). ``needed`` is how many
    more contributors would bring the ratio to 1 (expected held fixed); pairs
    needing at least one are ranked significant deficits (``under``) first, then
    by ``needed``. ``best_channel`` is the channel that worked best so far for that
    public (or zone). In a suppressed cell population, contributors and expected
    stay hidden and ``needed`` is a lower bound (``expected`` minus 4).

    Columns: ``rank, zone_code, zone_name, dimension, group, population,
    contributors, expected, needed, status, best_channel, suppressed``.
    """
    counts = count(
        store, basis=basis, selection=selection, layer=layer,
        parts=["zones", "zone_publics", "channels", "totals"], neighbours=False,
    )
    return outreach_of(counts, top=top, level=level)
