"""Representation by zone: contributors of each zone against its population, and cold spots.

*Zone rate*: ``expected = population × Σ contributors / Σ population`` over the
zones with a known population, ``ratio = contributors / expected``, exact Poisson
interval, status ``under`` / ``expected`` / ``over`` from the interval only, an
empirical-Bayes smoothed ratio (:func:`cartoparti.analysis.stats.zone_rates`), and
local Getis-Ord Gi* on the smoothed ratios (fixed seed) to find contiguous cold
spots. A zone without any contributor is a *zone blanche*.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cartoparti import i18n
from cartoparti.analysis import stats
from cartoparti.analysis.representation.counts import LEVEL, Counts, Selection, count
from cartoparti.storage import Storage

__all__ = [
    "GI_Z_CRITICAL",
    "ZONE_COLUMNS",
    "ZoneRepresentation",
    "representation_by_zone",
    "zone_table",
    "zones_of",
]

GI_Z_CRITICAL = 1.959964
"""Two-sided 5% critical value the Gi* z-score of a cluster zone must also pass."""
ZONE_COLUMNS = [
    "zone_code", "zone_name", "population", "contributors", "expected", "ratio",
    "ci_low", "ci_high", "smoothed_ratio", "status",
]
"""Columns of :meth:`ZoneRepresentation.export_frame`."""


@dataclass
class ZoneRepresentation:
    """Participation of each zone against its population.

    ``table`` is indexed by zone code with columns ``zone_name, population,
    contributors, expected, ratio, ci_low, ci_high, smoothed_ratio, status, blank``
    (no contributor at all: a *zone blanche*) ``, gi_z, p_sim, cluster`` (Gi* on
    the smoothed ratios: ``cold`` for a zone below the mean in a significantly low
    neighbourhood, by the permutation test and the z-score, ``hot`` for the
    reverse, else empty).
    """

    table: pd.DataFrame
    basis: str
    layer: str
    totals: dict[str, int]
    """``contributors`` in the selection, ``placed`` by the basis, ``no_home``
    (no commune of residence declared), ``home_outside`` (declared commune outside)."""
    clusters_note: str | None = None
    """Why the cluster analysis could not run, if it could not."""

    @property
    def left_out(self) -> int:
        """Contributors of the selection that the basis cannot place in a zone."""
        return self.totals["contributors"] - self.totals["placed"]

    @property
    def zones_without_population(self) -> list[str]:
        return sorted(self.table.loc[self.table["population"].isna(), "zone_name"])

    @property
    def blank_zones(self) -> list[str]:
        """Names of the *zones blanches* (no contributor at all), sorted."""
        return sorted(self.table.loc[self.table["blank"], "zone_name"])

    @property
    def under_count(self) -> int:
        """How many zones are significantly under-represented (status ``under``)."""
        return int((self.table["status"] == "under").sum())

    def export_frame(self) -> pd.DataFrame:
        """The command line's ``--by zone`` columns."""
        out = self.table.reset_index().rename(columns={"index": "zone_code", "code": "zone_code"})
        out["contributors"] = out["contributors"].astype("Int64")
        return out[ZONE_COLUMNS]


def zone_table(counts: Counts, level: float = LEVEL) -> pd.DataFrame:
    """Zone rates without the cluster analysis, indexed by zone code, from ``counts``
    (part ``zones``); see :func:`representation_by_zone`."""
    zones = counts.zones.set_index("code")
    observed = (
        counts.parts["zones"].set_index("zone_code")["contributors"]
        .reindex(zones.index, fill_value=0)
    )
    rates = stats.zone_rates(observed, zones["population"], level)
    table = zones[["name"]].rename(columns={"name": "zone_name"}).join(rates)
    table.index.name = "zone_code"
    table["contributors"] = table["contributors"].astype("int64")
    table["blank"] = table["contributors"] == 0
    return table


def zones_of(
    counts: Counts, *, level: float = LEVEL, seed: int = 0, permutations: int = 999
) -> ZoneRepresentation:
    """Zone rates and cold spots from ``counts`` (parts ``zones`` and ``totals``);
    see :func:`representation_by_zone`."""
    table, note = _with_clusters(
        zone_table(counts, level), counts.neighbours, seed=seed, permutations=permutations
    )
    return ZoneRepresentation(
        table=table, basis=counts.basis, layer=counts.layer, totals=counts.totals(),
        clusters_note=note,
    )


def representation_by_zone(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = LEVEL,
    seed: int = 0,
    permutations: int = 999,
) -> ZoneRepresentation:
    """Contributors of each zone of ``layer`` (default: primary) against its population.

    See :func:`cartoparti.analysis.stats.zone_rates` for the columns; zones of unknown
    population get no figures and no status. Cold-spot clusters need at least
    :data:`cartoparti.analysis.stats.MIN_ZONES_GI_STAR` zones with a smoothed ratio.
    """
    counts = count(store, basis=basis, selection=selection, layer=layer, parts=["zones", "totals"])
    return zones_of(counts, level=level, seed=seed, permutations=permutations)


def _with_clusters(
    table: pd.DataFrame, pairs: pd.DataFrame | None, *, seed: int, permutations: int
) -> tuple[pd.DataFrame, str | None]:
    """The zone table with Gi* columns, and why they are empty if they are;
    ``pairs`` are the neighbouring zones (``code, neighbour``)."""
    note = None
    clusters = pd.DataFrame(
        {"gi_z": np.nan, "p_sim": np.nan, "cluster": ""}, index=table.index
    )
    if table["contributors"].sum() == 0 or pairs is None:
        note = i18n.message("representation.no_contributor_clusters")
    else:
        neighbours = pairs.groupby("code")["neighbour"].apply(list).to_dict()
        values = table["smoothed_ratio"]
        try:
            clusters = stats.getis_ord_gi_star(values, neighbours, permutations=permutations, seed=seed)
        except ValueError as exc:
            note = str(exc)
        else:
            # A zone belongs to a cold (hot) spot only if it is itself low (high), as
            # Gi* also flags the ordinary neighbours of one isolated low zone, and if
            # the analytical z-score agrees with the permutation test (near-constant
            # ratios make tiny permutation p-values).
            mean = values.mean()
            own = np.where(clusters["cluster"] == "cold", values < mean,
                           np.where(clusters["cluster"] == "hot", values > mean, True))
            own &= clusters["gi_z"].abs().fillna(0).to_numpy() >= GI_Z_CRITICAL
            clusters["cluster"] = clusters["cluster"].where(own, "")
    table = table.join(clusters)
    table["cluster"] = table["cluster"].fillna("").astype(str)
    return table, note
