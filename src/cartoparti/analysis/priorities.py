"""Priorities: the proposals and needs residents carry, ranked, raw and re-weighted.

A priority is a published, visible contribution of a kind (``proposal``, ``need``…)
with the duplicates merged into it. For each one:

- ``supports``: its "moi aussi" (anonymous: one per browser session);
- ``authors``: distinct contributors who wrote it or a duplicate merged into it;
- ``contributors``: ``authors + supports`` (each support counts as one person);
- ``profiled``: authors whose age band and zone are known, in a zone whose census
  population by age is known;
- ``reweighted``: ``contributors`` re-weighted by age band × zone: each profiled
  author counts for the weight of their (zone, age band) cell, the other people
  (supporters, authors without a profile) for 1. The weight is the census share of
  the cell (among the cells with a contributor) over its share among all
  contributors (the post-stratification of
  :mod:`cartoparti.analysis.representation.reweighting`, on contributors:
  :func:`age_zone_weights`): below 1 for a public over-represented among
  contributors, above 1 for an under-represented one;
- ``age_bands``, ``csps``: how many distinct age bands and categories the authors
  declared (the diversity of the publics behind it: counts of groups, never which);
- ``diversity``: Gini–Simpson index of the authors' age bands, ``1 − Σ pᵢ²`` (the
  chance that two authors drawn at random are of different age bands), only from
  :data:`~cartoparti.analysis.representation.MIN_CELL` profiled authors (else NaN).

Ranking: supports, then contributors, then age bands, then categories (all
decreasing), then the oldest first. Publics behind a priority
(:attr:`Priorities.publics`) are aggregates by age band and category with the
statistical secrecy of :mod:`cartoparti.analysis.representation.secrecy`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.analysis import stats
from cartoparti.analysis.representation.counts import Counts, count
from cartoparti.analysis.representation.secrecy import MIN_CELL, suppress
from cartoparti.model import KINDS
from cartoparti.storage import Storage

__all__ = [
    "DEFAULT_KINDS",
    "PRIORITY_COLUMNS",
    "PUBLICS_COLUMNS",
    "Priorities",
    "age_zone_weights",
    "priorities",
    "priorities_of",
]

DEFAULT_KINDS: tuple[str, ...] = ("proposal", "need")
"""Kinds ranked when none is asked for."""
PRIORITY_COLUMNS: tuple[str, ...] = (
    "rank", "id", "kind", "title", "theme", "zone_code", "zone_name", "status", "created_at",
    "supports", "authors", "contributors", "profiled", "reweighted", "age_bands", "csps",
    "diversity",
)
"""Columns of :attr:`Priorities.table` (and of the ``priorities`` command's output)."""
PUBLICS_COLUMNS: tuple[str, ...] = ("priority_id", "dimension", "grp", "contributors", "share", "suppressed")
"""Columns of :attr:`Priorities.publics`."""


@dataclass
class Priorities:
    """Ranked priorities (:data:`PRIORITY_COLUMNS`, best first) and the publics behind
    them (:data:`PUBLICS_COLUMNS`: authors per age band and category, figures masked
    in cells of fewer than MIN_CELL authors)."""

    kinds: tuple[str, ...]
    table: pd.DataFrame
    publics: pd.DataFrame


def age_zone_weights(counts: Counts) -> pd.Series:
    """Weight of each (zone, age band) cell: census share over contributors' share
    (zones with a breakdown; part ``zone_publics`` of ``counts``); index
    ``zone_code, grp``, NaN where the population is unknown.

    Census shares are taken over the cells with at least one contributor, so the
    weights of all profiled contributors sum to their number: re-weighting moves
    weight from over- to under-represented publics without changing the total."""
    zones = counts.zones.set_index("code")
    breakdown = set(zones.index[zones["has_breakdown"]])
    cells = counts.parts["zone_publics"]
    sample = cells[(cells["dimension"] == "age_band") & cells["zone_code"].isin(breakdown)]
    sample = sample.groupby(["zone_code", "grp"])["contributors"].sum()
    population = counts.population
    pop = population[population["dimension"] == "age_band"].groupby(["zone_code", "grp"])["population"].sum()
    pop = pop[pop.index.isin(sample.index)]
    if sample.empty or pop.empty:
        return pd.Series(dtype=float, name="weight")
    return stats.post_stratified_weights(sample.astype(float), pop.astype(float))


def _gini_simpson(counts: pd.Series) -> float:
    total = counts.sum()
    if total < MIN_CELL:
        return np.nan
    shares = counts / total
    return float(1.0 - (shares**2).sum())


def priorities_of(
    items: pd.DataFrame, publics: pd.DataFrame, weights: pd.Series, *, kinds: Sequence[str] = DEFAULT_KINDS
) -> Priorities:
    """Rank ``items`` and re-weight their contributors (frames of
    :meth:`Storage.priority_counts`; ``weights`` of :func:`age_zone_weights`)."""
    cells = publics.copy()
    keys = list(zip(cells["zone_code"], cells["age_band"], strict=True))
    cells["weight"] = [weights.get(key, np.nan) if isinstance(key[1], str) else np.nan for key in keys]
    known = cells["weight"].notna()
    per = cells.assign(
        profiled=cells["authors"].where(known, 0),
        weighted=(cells["authors"] * cells["weight"]).where(known, 0.0),
    ).groupby("priority_id")[["profiled", "weighted"]].sum()
    ages = cells[cells["age_band"].notna()].groupby(["priority_id", "age_band"])["authors"].sum()
    csps = cells[cells["csp"].notna()].groupby(["priority_id", "csp"])["authors"].sum()

    table = items.copy()
    table["contributors"] = table["authors"] + table["supports"]
    table["profiled"] = table["id"].map(per["profiled"]).fillna(0).astype("int64")
    weighted = table["id"].map(per["weighted"]).fillna(0.0)
    table["reweighted"] = (table["contributors"] - table["profiled"]) + weighted
    table["age_bands"] = table["id"].map(ages.groupby(level=0).size()).fillna(0).astype("int64")
    table["csps"] = table["id"].map(csps.groupby(level=0).size()).fillna(0).astype("int64")
    table["diversity"] = table["id"].map(ages.groupby(level=0).apply(_gini_simpson)).astype(float)
    table = table.sort_values(
        ["supports", "contributors", "age_bands", "csps", "created_at", "id"],
        ascending=[False, False, False, False, True, True],
        kind="stable",
    ).reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1, dtype="int64"))
    table = table[list(PRIORITY_COLUMNS)]

    rows = []
    for dimension, grouped in (("age_band", ages), ("csp", csps)):
        if grouped.empty:
            continue
        frame = grouped.rename("contributors").reset_index()
        frame.columns = ["priority_id", "grp", "contributors"]
        frame.insert(1, "dimension", dimension)
        totals = frame.groupby("priority_id")["contributors"].transform("sum")
        frame["share"] = frame["contributors"] / totals
        rows.append(frame)
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=PUBLICS_COLUMNS[:-1])
    out = suppress(out, ["share"], by_population=False)
    out["contributors"] = out["contributors"].astype("float64").mask(out["suppressed"])
    return Priorities(kinds=tuple(kinds), table=table, publics=out[list(PUBLICS_COLUMNS)])


def _kinds(kinds: Sequence[str] | None) -> tuple[str, ...]:
    chosen = tuple(kinds or DEFAULT_KINDS)
    unknown = [k for k in chosen if k not in KINDS]
    if unknown:
        raise ValidationError(
            {"kind": i18n.message("priorities.kind_unknown", value=", ".join(unknown), codes=", ".join(KINDS))}
        )
    return chosen


def priorities(store: Storage, *, kinds: Sequence[str] | None = None) -> Priorities:
    """The priorities of ``kinds`` (default :data:`DEFAULT_KINDS`), ranked and
    re-weighted on the weights of all contributions (see the module); raise
    :class:`ValidationError` for an unknown kind."""
    chosen = _kinds(kinds)
    counted = store.priority_counts(chosen)
    weights = age_zone_weights(count(store, parts=["zone_publics"]))
    return priorities_of(counted["items"], counted["publics"], weights, kinds=chosen)
