"""Re-weighting: what the map would show if every public had taken part in proportion.

Contributions per theme and per zone, raw and post-stratified by age band × zone
(:func:`cartoparti.analysis.stats.post_stratified_weights`), over the zones with a
breakdown by public and the contributors who declared an age band.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cartoparti.analysis import stats
from cartoparti.analysis.representation.counts import Counts, Selection, count
from cartoparti.storage import Storage

__all__ = ["Reweighted", "reweighted_counts", "reweighted_of"]


@dataclass
class Reweighted:
    """Contributions per theme and per zone, raw and post-stratified by age band × zone.

    Each contribution of the zones with a breakdown whose contributor declared
    an age band weighs ``population share / sample share`` of its (age band, zone)
    cell, so the weighted counts say what the map would show if every public had
    taken part in proportion. ``by_theme`` (index theme) and ``by_zone`` (index zone
    code, with ``zone_name``) have ``contributions, share, reweighted,
    reweighted_share``.
    """

    by_theme: pd.DataFrame
    by_zone: pd.DataFrame
    used: int
    """Contributions taking part in the re-weighting."""
    no_age: int
    """Contributions left out: age band not declared."""
    no_breakdown: int
    """Contributions left out: pinned outside the zones with a breakdown."""
    coverage: float
    """Share of the population living in cells with at least one contribution."""


def reweighted_of(counts: Counts) -> Reweighted:
    """Re-weighting from ``counts`` (part ``theme_zone_age``); see :class:`Reweighted`."""
    counted = counts.parts["theme_zone_age"]
    zones = counts.zones.set_index("code")
    breakdown = set(zones.index[zones["has_breakdown"]])
    population = counts.population
    pop = population[population["dimension"] == "age_band"].set_index(["zone_code", "grp"])["population"]
    in_zones = counted["zone_code"].isin(breakdown)
    eligible = counted[in_zones & counted["age_band"].notna()]
    no_breakdown = int(counted.loc[~in_zones, "contributions"].sum())
    no_age = int(counted.loc[in_zones & counted["age_band"].isna(), "contributions"].sum())
    sample = eligible.groupby(["zone_code", "age_band"])["contributions"].sum()
    sample.index = sample.index.set_names(["zone_code", "grp"])
    if sample.empty or pop.empty:
        weights = pd.Series(dtype=float)
        coverage = 0.0
    else:
        weights = stats.post_stratified_weights(sample, pop)
        covered = pop.reindex(sample.index).fillna(0).sum()
        coverage = float(covered / pop.sum()) if pop.sum() > 0 else 0.0
    weighted = eligible.assign(
        weight=[weights.get((z, a), np.nan) for z, a in zip(eligible["zone_code"], eligible["age_band"], strict=True)]
    )
    weighted["reweighted"] = weighted["contributions"] * weighted["weight"].fillna(0.0)

    def _summary(key: str) -> pd.DataFrame:
        out = weighted.groupby(key)[["contributions", "reweighted"]].sum()
        total, total_w = out["contributions"].sum(), out["reweighted"].sum()
        out["share"] = out["contributions"] / total if total else np.nan
        out["reweighted_share"] = out["reweighted"] / total_w if total_w else np.nan
        out["contributions"] = out["contributions"].astype("int64")
        return out[["contributions", "share", "reweighted", "reweighted_share"]]

    by_theme = _summary("theme").sort_values("reweighted", ascending=False)
    by_zone = _summary("zone_code")
    by_zone.insert(0, "zone_name", zones["name"].reindex(by_zone.index))
    by_zone = by_zone.sort_values("zone_name")
    return Reweighted(
        by_theme=by_theme,
        by_zone=by_zone,
        used=int(eligible["contributions"].sum()),
        no_age=no_age,
        no_breakdown=no_breakdown,
        coverage=coverage,
    )


def reweighted_counts(
    store: Storage, *, selection: Selection | None = None, layer: str | None = None
) -> Reweighted:
    """Post-stratify contributions by age band × zone (see :class:`Reweighted`)."""
    counts = count(store, basis="place", selection=selection, layer=layer, parts=["theme_zone_age"])
    return reweighted_of(counts)
