"""Outreach: where and whom to go and meet next, and through which channel.

A ranked list of (zone, public) pairs built from the zone × public cells
(:mod:`.zone_publics`), the zones without a breakdown taken as a whole
(:mod:`.zones`) and the channel reach (:mod:`.channels`): the *zones blanches*
first (nobody took part), then the deficits from the furthest below expectation,
each with how many more contributors it needs to reach a ratio of 1 and the
channel that worked best so far for that public or zone. Suppressed cells
(:mod:`.secrecy`) stay suppressed.
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

__all__ = ["NOT_FIELD_PUBLICS", "OUTREACH_COLUMNS", "outreach_of", "outreach_targets"]

OUTREACH_COLUMNS = [
    "rank", "zone_code", "zone_name", "dimension", "group", "population", "contributors",
    "expected", "needed", "status", "best_channel", "suppressed", "ratio", "blank",
]
"""Columns of :func:`outreach_targets` (a contract of ``cartoparti outreach``: columns
added later come last)."""
NOT_FIELD_PUBLICS: frozenset[tuple[str, str]] = frozenset({("age_band", "0-14")})
"""(dimension, group) pairs that field work does not go and meet: children under 15
are not canvassed door to door nor stopped in the street (they take part through
schools, youth councils and their families; under 15 a parent must consent with
them to the use of their personal data, article 45 of the French data protection
act). Their deficits are still listed, after every other one."""


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


def _rank_key(pairs: pd.DataFrame, level: float) -> np.ndarray:
    """How far below expectation each pair credibly is: the upper bound of the exact
    (Garwood) Poisson interval of its ratio, ``ci_high`` (:func:`~cartoparti.analysis.stats.zone_rates`).

    The bound reads « at best, this public takes part at this share of its weight ».
    Unlike the raw ratio it does not let a tiny expected count dominate (0 contributors
    for 2 expected gives a ratio of 0 but a bound of 1.8: nothing proven), and unlike
    the number of people missing it does not put the biggest towns first (900 for
    1,000 expected: 0.96; 5 for 30 expected: 0.39, a deeper deficit). Below 1 exactly
    when the deficit is significant (status ``under``). A suppressed cell is ranked
    as if it had MIN_CELL - 1 contributors, the most it can hold, so that its hidden
    count never moves it up; as its bound then no longer tells its significance, the
    (published) status ``under`` is sorted on first.
    """
    expected = pairs["expected"].to_numpy(float)
    observed = np.where(pairs["suppressed"], MIN_CELL - 1.0, pairs["contributors"].to_numpy(float))
    _low, high = stats.poisson_ci(observed, level)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected > 0, high / expected, np.inf)


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
    blank = zones["contributors"].eq(0) & zones["population"].gt(0) & zones["expected"].gt(0)
    whole_zone = ~zones.index.isin(cells["zone_code"]) | blank
    whole = zones[whole_zone].reset_index()
    whole = whole.assign(dimension="all", group="all")[
        ["zone_code", "zone_name", "dimension", "group", *CELL_FIGURES, "status"]
    ]
    # a zone blanche is one line: every public of it is missing alike
    cells = cells[~cells["zone_code"].isin(zones.index[blank])]
    pairs = pd.concat([cells, whole], ignore_index=True) if len(whole) else cells.copy()
    pairs = suppress(pairs, [])  # flags only: figures are masked after ranking
    pairs.loc[pairs["dimension"] == "all", "suppressed"] = False  # whole zones are not crossed cells
    pairs["blank"] = pairs["dimension"].eq("all") & pairs["zone_code"].isin(zones.index[blank])
    exact = stats.contributors_needed(
        pairs["contributors"].to_numpy(float), pairs["expected"].to_numpy(float)
    )
    bound = stats.contributors_needed(
        np.full(len(pairs), MIN_CELL - 1.0), pairs["expected"].to_numpy(float)
    )
    pairs["needed"] = np.where(pairs["suppressed"], bound, exact)
    pairs = pairs[(pairs["needed"] >= 1) | pairs["blank"]].copy()
    pairs["needed"] = pairs["needed"].clip(lower=1)
    best = _best_channels(channels) if len(channels) else {}
    pairs["best_channel"] = [
        best.get(("zone", z) if d == "all" else (d, g), "")
        for z, d, g in zip(pairs["zone_code"], pairs["dimension"], pairs["group"], strict=True)
    ]
    not_field = [(d, g) in NOT_FIELD_PUBLICS for d, g in zip(pairs["dimension"], pairs["group"], strict=True)]
    pairs["_tier"] = np.where(pairs["blank"], 0, np.where(not_field, 2, 1))
    pairs["_key"] = np.where(pairs["blank"], -pairs["population"].to_numpy(float), _rank_key(pairs, level))
    pairs["_under"] = pairs["status"].astype(str).eq("under")
    pairs = pairs.sort_values(["_tier", "_under", "_key", "needed", "zone_name", "dimension", "group"],
                              ascending=[True, False, True, False, True, True, True])
    if top is not None:
        pairs = pairs.head(int(top))
    for column in ("population", "contributors", "expected", "ratio"):
        pairs[column] = pairs[column].astype("float64").mask(pairs["suppressed"])
    pairs["rank"] = range(1, len(pairs) + 1)
    pairs["needed"] = pairs["needed"].astype("int64")
    pairs["contributors"] = pairs["contributors"].astype("Int64")
    pairs["blank"] = pairs["blank"].astype(bool)
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
    public as a whole (``dimension`` and ``group`` ``all``). Order:

    1. the *zones blanches* (``blank``: inhabitants and not one contributor while
       others took part), each as one whole-zone line, the most populated first;
    2. the deficits, significant ones (``under``) first, each from the furthest
       below expectation: the upper bound of the exact Poisson interval of the
       ratio (see :func:`_rank_key`), never the absolute number missing alone;
    3. the publics that field work does not go and meet (:data:`NOT_FIELD_PUBLICS`),
       in the same order.

    ``needed`` is how many more contributors would bring the ratio to 1 (expected
    held fixed); only pairs needing at least one are listed. ``best_channel`` is the
    channel that worked best so far for that public (or zone). In a suppressed cell
    population, contributors, expected and ratio stay hidden and ``needed`` is a
    lower bound (``expected`` minus 4).

    Columns: ``rank, zone_code, zone_name, dimension, group, population,
    contributors, expected, ratio, needed, status, blank, best_channel, suppressed``.
    """
    counts = count(
        store, basis=basis, selection=selection, layer=layer,
        parts=["zones", "zone_publics", "channels", "totals"], neighbours=False,
    )
    return outreach_of(counts, top=top, level=level)
