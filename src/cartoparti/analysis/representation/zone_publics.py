"""Representation by zone × public: the zone rate of every (zone, group) cell.

For each dimension, ``expected = population of the cell × Σ contributors /
Σ population`` over all cells of that dimension in the zones with a breakdown by
public. Cells built on fewer than :data:`~.secrecy.MIN_CELL` contributors or
inhabitants are suppressed (:mod:`.secrecy`): only their status is published.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cartoparti.analysis import stats
from cartoparti.analysis.representation.counts import GROUPS, LEVEL, Counts, Selection, count
from cartoparti.analysis.representation.publics import breakdown_zones
from cartoparti.analysis.representation.secrecy import suppress
from cartoparti.storage import Storage

__all__ = [
    "CELL_FIGURES",
    "ZONE_PUBLIC_COLUMNS",
    "ZonePublicRepresentation",
    "representation_by_zone_public",
    "zone_public_cells",
    "zone_publics_of",
]

ZONE_PUBLIC_COLUMNS = [
    "zone_code", "dimension", "group", "population", "contributors", "expected", "ratio",
    "status", "suppressed",
]
"""Columns of :meth:`ZonePublicRepresentation.export_frame`."""
CELL_FIGURES = ["population", "contributors", "expected", "ratio", "ci_low", "ci_high"]
"""The figures of a cell, masked when it is suppressed."""
_CELL_COLUMNS = ["zone_code", "zone_name", "dimension", "group", *CELL_FIGURES, "status"]


@dataclass
class ZonePublicRepresentation:
    """Participation of every (zone, group) cell, suppressed where too small.

    ``table`` has columns ``zone_code, zone_name, dimension, group, population,
    contributors, expected, ratio, ci_low, ci_high, status, suppressed``; in a
    suppressed cell (fewer than :data:`~.secrecy.MIN_CELL` contributors or
    inhabitants) every figure is missing and only the status remains.
    """

    table: pd.DataFrame
    zones_used: list[str]
    zones_left_out: list[str]
    basis: str

    def export_frame(self) -> pd.DataFrame:
        """The command line's ``--by zone-public`` columns."""
        out = self.table.copy()
        out["contributors"] = out["contributors"].astype("Int64")
        return out[ZONE_PUBLIC_COLUMNS].reset_index(drop=True)


def zone_public_cells(counts: Counts, level: float = LEVEL) -> pd.DataFrame:
    """Unsuppressed zone × public cells from ``counts`` (part ``zone_publics``);
    internal to this package, never shown as such."""
    population, observed = counts.population, counts.parts["zone_publics"]
    names = counts.zones.set_index("code")["name"]
    frames = []
    for dim, groups in GROUPS.items():
        pop = population[population["dimension"] == dim].set_index(["zone_code", "grp"])["population"]
        if pop.empty:
            continue
        obs = (
            observed[observed["dimension"] == dim].set_index(["zone_code", "grp"])["contributors"]
            .reindex(pop.index, fill_value=0).astype(float)
        )
        rates = stats.zone_rates(obs, pop, level).drop(columns=["smoothed_ratio"])
        rates = rates.reset_index().rename(columns={"grp": "group"})
        rates.insert(1, "dimension", dim)
        order = {g: i for i, g in enumerate(groups)}
        rates["_order"] = rates["group"].map(order).fillna(len(order))
        frames.append(rates)
    if not frames:
        return pd.DataFrame(columns=_CELL_COLUMNS)
    raw = pd.concat(frames, ignore_index=True)
    raw["zone_name"] = raw["zone_code"].map(names)
    raw = raw.sort_values(["zone_name", "dimension", "_order"]).drop(columns="_order")
    return raw[_CELL_COLUMNS].reset_index(drop=True)


def zone_publics_of(
    counts: Counts, *, level: float = LEVEL, cells: pd.DataFrame | None = None
) -> ZonePublicRepresentation:
    """Zone × public cells from ``counts`` (part ``zone_publics``), suppressed; see
    :func:`representation_by_zone_public`. ``cells`` are the unsuppressed cells
    (:func:`zone_public_cells`) when already computed."""
    raw = zone_public_cells(counts, level) if cells is None else cells
    used, left = breakdown_zones(counts.zones)
    return ZonePublicRepresentation(
        table=suppress(raw, CELL_FIGURES), zones_used=used, zones_left_out=left, basis=counts.basis
    )


def representation_by_zone_public(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = LEVEL,
) -> ZonePublicRepresentation:
    """The zone ratio for every zone with a breakdown and every group, suppressed.

    For each dimension, ``expected = population of the cell × Σ contributors /
    Σ population`` over all cells of that dimension in the zones used.
    """
    counts = count(store, basis=basis, selection=selection, layer=layer, parts=["zone_publics"])
    return zone_publics_of(counts, level=level)
