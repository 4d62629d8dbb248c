"""Representation by public: age bands and socio-professional categories among contributors.

Each group's share among contributors is set against its census share
(:func:`cartoparti.analysis.stats.share_index`, Wilson interval), with a chi-square
goodness of fit and a representation score per dimension. Only the zones whose
population by public is known (*with a breakdown*) take part; CSP figures cover
people aged 15 or more. This module also says which zones those are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from cartoparti.analysis import stats
from cartoparti.analysis.representation.counts import GROUPS, LEVEL, Counts, Selection, count
from cartoparti.storage import Storage

__all__ = [
    "LEFT_OUT_COLUMNS",
    "PUBLIC_COLUMNS",
    "PublicRepresentation",
    "breakdown_left_out",
    "breakdown_zones",
    "left_out",
    "publics_of",
    "representation_by_public",
]

PUBLIC_COLUMNS = [
    "dimension", "group", "population", "population_share", "contributors",
    "contributor_share", "index", "ci_low", "ci_high", "status",
]
"""Columns of :meth:`PublicRepresentation.export_frame`."""
LEFT_OUT_COLUMNS = ["zone_code", "zone_name", "population"]
"""Columns of :func:`breakdown_left_out`."""


@dataclass
class PublicRepresentation:
    """Representation of each public (age bands, categories) among contributors.

    ``table`` has a (``dimension``, ``group``) index and the columns of
    :func:`cartoparti.analysis.stats.share_index`. Only zones whose breakdown by public is
    known take part (``zones_used``); the others are listed in ``zones_left_out``.
    """

    table: pd.DataFrame
    tests: dict[str, dict[str, float | int]]
    """Chi-square goodness of fit per dimension."""
    scores: dict[str, float]
    """Representation score per dimension: lowest group rate / highest."""
    declared: dict[str, int]
    """Contributors of the zones used who declared the dimension."""
    contributors: int
    """Contributors placed in the zones used."""
    zones_used: list[str]
    zones_left_out: list[str]
    basis: str

    @property
    def score(self) -> float:
        """Headline score: the age bands'."""
        return self.scores.get("age_band", math.nan)

    def export_frame(self) -> pd.DataFrame:
        """The command line's ``--by public`` columns."""
        out = self.table.reset_index()
        out["contributors"] = out["contributors"].astype("Int64")
        return out[PUBLIC_COLUMNS]


def breakdown_zones(zones: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Names of the zones with a breakdown by public, and of those without, sorted;
    ``zones`` are the zone attributes (:attr:`Counts.zones`)."""
    used = zones.loc[zones["has_breakdown"], "name"].sort_values().tolist()
    left = zones.loc[~zones["has_breakdown"], "name"].sort_values().tolist()
    return used, left


def left_out(zones: pd.DataFrame) -> pd.DataFrame:
    """``zone_code, zone_name, population`` of the zones without a breakdown, by name."""
    left = zones.loc[~zones["has_breakdown"].astype(bool), ["code", "name", "population"]]
    left = left.rename(columns={"code": "zone_code", "name": "zone_name"})
    return left.sort_values("zone_name").reset_index(drop=True)


def breakdown_left_out(store: Storage, *, layer: str | None = None) -> pd.DataFrame:
    """Zones of ``layer`` (default: primary) whose population by public is unknown,
    so left out of the publics and zone × public analyses: ``zone_code, zone_name,
    population`` (total inhabitants), sorted by name."""
    return left_out(store.zone_attributes(layer or store.primary_layer()))


def publics_of(counts: Counts, *, level: float = LEVEL) -> PublicRepresentation:
    """Publics from ``counts`` (parts ``publics`` and ``declared``); see
    :func:`representation_by_public`."""
    population, zones = counts.population, counts.zones
    observed, declared = counts.parts["publics"], counts.parts["declared"]
    frames, tests, scores = [], {}, {}
    for dim, groups in GROUPS.items():
        pop = (
            population[population["dimension"] == dim].groupby("grp")["population"].sum()
            .reindex(list(groups))
        )
        obs = (
            observed[observed["dimension"] == dim].set_index("grp")["contributors"]
            .reindex(list(groups), fill_value=0).astype(float)
        )
        shares = stats.share_index(obs, pop, level)
        shares.index = pd.MultiIndex.from_product([[dim], shares.index], names=["dimension", "group"])
        frames.append(shares)
        tests[dim] = stats.chi_square_gof(obs, pop)
        scores[dim] = stats.representation_score(obs, pop)
    table = pd.concat(frames)
    declared_by = declared.set_index("dimension")
    used, left = breakdown_zones(zones)
    return PublicRepresentation(
        table=table,
        tests=tests,
        scores=scores,
        declared={d: int(declared_by.loc[d, "declared"]) for d in GROUPS if d in declared_by.index},
        contributors=int(declared_by["contributors"].max()) if len(declared_by) else 0,
        zones_used=used,
        zones_left_out=left,
        basis=counts.basis,
    )


def representation_by_public(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = LEVEL,
) -> PublicRepresentation:
    """Share of each group among contributors against its census share.

    A contributor counts once, in the group they declared last; CSP figures only
    cover people aged 15 or more (contributors who declared 0-14 are left out of
    them). Groups of the import contract, in its order.
    """
    counts = count(store, basis=basis, selection=selection, layer=layer, parts=["publics", "declared"])
    return publics_of(counts, level=level)
