"""Who and where is missing: representation of areas and publics among contributors.

Counts come from the storage (group-bys in DuckDB over the stored zone of each
contribution, :meth:`representation_counts`); everything else is pure functions of
those counts (:class:`Counts`) and of :mod:`cartoparti.analysis.stats`. Each
``representation_by_*`` function takes the counts it needs from the store, then
calls the same pure function as :func:`representation_report`, which counts once
for the whole page. What people read of the results (French labels, tables, map
classes) is :mod:`cartoparti.present.representation`; files are
:mod:`cartoparti.io.tables`.

Definitions (the page "Qui manque ?" states them in French):

- a *contributor* is a distinct ``contributor_id``; a contribution without one
  counts as one contributor;
- *basis* ``place`` counts contributors in the zones where they pinned; ``home``
  in their declared commune of residence (primary layer only; contributors who
  gave none are left out and counted);
- *zone rate*: ``expected = population × Σ contributors / Σ population`` over the
  zones with a known population, ``ratio = contributors / expected``, exact
  Poisson 95% interval, status ``under`` / ``expected`` / ``over`` from the
  interval only, an empirical-Bayes smoothed ratio, and local Getis-Ord Gi* on the
  smoothed ratios (fixed seed) to find contiguous cold spots;
- *publics*: age bands and socio-professional categories (15 years or more),
  contributor share against census share, over the zones whose breakdown by
  public is known;
- *zone × public* cells built on fewer than :data:`MIN_CELL` contributors or
  inhabitants are suppressed: their figures never leave this module.

Results keep the zones' codes (or group codes) as index. Randomness takes a seed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd

from cartoparti._errors import ValidationError
from cartoparti.analysis import stats
from cartoparti.model import AGE_BANDS, CHANNELS, CSP
from cartoparti.storage import Storage
from cartoparti.storage.common import totals_for

__all__ = [
    "BASES",
    "CHANNEL_COLUMNS",
    "GROUPS",
    "MIN_CELL",
    "OUTREACH_COLUMNS",
    "PUBLIC_COLUMNS",
    "ZONE_COLUMNS",
    "ZONE_PUBLIC_COLUMNS",
    "Counts",
    "PublicRepresentation",
    "RepresentationReport",
    "Reweighted",
    "Selection",
    "ZonePublicRepresentation",
    "ZoneRepresentation",
    "breakdown_left_out",
    "channel_reach",
    "channels_of",
    "count",
    "outreach_of",
    "outreach_targets",
    "publics_of",
    "report_of",
    "representation_by_public",
    "representation_by_zone",
    "representation_by_zone_public",
    "representation_report",
    "reweighted_counts",
    "reweighted_of",
    "zone_publics_of",
    "zones_of",
]

BASES: tuple[str, ...] = ("place", "home")
"""Counting bases: where contributors pinned, or their declared commune of residence."""
GROUPS: dict[str, dict[str, str]] = {"age_band": AGE_BANDS, "csp": CSP}
"""Group codes of each dimension, in the import contract's order (values: the model's labels)."""
MIN_CELL = 5
"""Zone × public (and channel × group or zone) cells built on fewer contributors or
inhabitants than this are suppressed."""
GI_Z_CRITICAL = 1.959964
"""Two-sided 5% critical value the Gi* z-score of a cluster zone must also pass."""
LEVEL = 0.95

ZONE_COLUMNS = [
    "zone_code", "zone_name", "population", "contributors", "expected", "ratio",
    "ci_low", "ci_high", "smoothed_ratio", "status",
]
PUBLIC_COLUMNS = [
    "dimension", "group", "population", "population_share", "contributors",
    "contributor_share", "index", "ci_low", "ci_high", "status",
]
ZONE_PUBLIC_COLUMNS = [
    "zone_code", "dimension", "group", "population", "contributors", "expected", "ratio",
    "status", "suppressed",
]
CHANNEL_COLUMNS = [
    "channel", "dimension", "group", "contributors", "share", "index", "ci_low", "ci_high",
    "status", "suppressed",
]
OUTREACH_COLUMNS = [
    "rank", "zone_code", "zone_name", "dimension", "group", "population", "contributors",
    "expected", "needed", "status", "best_channel", "suppressed",
]
_LEFT_OUT_COLUMNS = ["zone_code", "zone_name", "population"]


# --------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class Selection:
    """Which contributions are analysed. ``until`` is exclusive; dates are UTC days."""

    since: datetime | date | None = None
    until: datetime | date | None = None
    kinds: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()

    def filters(self) -> dict[str, object]:
        """Keyword arguments of the storage filters."""
        return {
            "kinds": list(self.kinds) or None,
            "themes": list(self.themes) or None,
            "channels": list(self.channels) or None,
            "since": _as_datetime(self.since),
            "until": _as_datetime(self.until),
        }


def _as_datetime(value: datetime | date | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)


def _check(store: Storage, basis: str, layer: str | None) -> str:
    """The layer to analyse; raise for an unknown basis or home basis off communes."""
    if basis not in BASES:
        raise ValidationError({"basis": f"Base inconnue : « {basis} » (place ou home)."})
    primary = store.primary_layer()
    layer = layer or primary
    if layer not in set(store.zone_layers()["layer"]):
        raise ValidationError({"layer": f"Couche de zones inconnue : « {layer} »."})
    if basis == "home" and layer != primary:
        raise ValidationError(
            {"basis": "La base « domicile » compte par commune de résidence : "
                      f"elle ne s'applique qu'à la couche « {primary} »."}
        )
    return layer


# --------------------------------------------------------------------------- counts


@dataclass(frozen=True)
class Counts:
    """What the store counts for one selection, basis and layer: the only input of
    the analyses below.

    ``zones`` are the layer's zone attributes (``code, name, population,
    has_breakdown``), ``population`` the census population by zone and public
    (``zone_code, dimension, grp, population``), ``neighbours`` the pairs of
    neighbouring zones (``code, neighbour``; only when the zone rates are asked for)
    and ``parts`` the frames of :meth:`representation_counts` (``zones``,
    ``totals``, ``publics``, ``declared``, ``zone_publics``, ``channels``,
    ``theme_zone_age``), from one materialised selection.
    """

    basis: str
    layer: str
    zones: pd.DataFrame
    population: pd.DataFrame
    parts: dict[str, pd.DataFrame]
    neighbours: pd.DataFrame | None = None

    def totals(self, basis: str | None = None) -> dict[str, int]:
        """Contributor totals on ``basis`` (default: the counts' own); see
        :attr:`ZoneRepresentation.totals`."""
        return totals_for(self.parts["totals"], basis or self.basis)


def count(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    parts: Sequence[str] | None = None,
    neighbours: bool | None = None,
) -> Counts:
    """Count ``parts`` (default: all) of ``selection`` on ``basis`` over ``layer``
    (default: primary); raise :class:`ValidationError` for an unknown basis or layer.

    The zones' neighbours (for Gi*) are read when ``neighbours`` (default: when the
    part ``zones`` is counted) and some zone has a contributor."""
    layer = _check(store, basis, layer)
    filters = (selection or Selection()).filters()
    counted = store.representation_counts(basis=basis, layer=layer, filters=filters, parts=parts)
    return Counts(
        basis=basis,
        layer=layer,
        zones=store.zone_attributes(layer),
        population=store.group_population(layer),
        parts=counted,
        neighbours=(
            store.zone_neighbours(layer)
            if (("zones" in counted) if neighbours is None else neighbours)
            and "zones" in counted and counted["zones"]["contributors"].sum() > 0
            else None
        ),
    )


# --------------------------------------------------------------------------- zones


def _zone_table(zones: pd.DataFrame, counts: pd.DataFrame, level: float) -> pd.DataFrame:
    """Zone rates without the cluster analysis (see :func:`representation_by_zone`);
    ``zones`` are the zone attributes indexed by code, ``counts`` the SQL counts."""
    observed = counts.set_index("zone_code")["contributors"].reindex(zones.index, fill_value=0)
    rates = stats.zone_rates(observed, zones["population"], level)
    table = zones[["name"]].rename(columns={"name": "zone_name"}).join(rates)
    table.index.name = "zone_code"
    table["contributors"] = table["contributors"].astype("int64")
    table["blank"] = table["contributors"] == 0
    return table


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




def zones_of(
    counts: Counts, *, level: float = LEVEL, seed: int = 0, permutations: int = 999
) -> ZoneRepresentation:
    """Zone rates and cold spots from ``counts`` (parts ``zones`` and ``totals``);
    see :func:`representation_by_zone`."""
    table = _zone_table(counts.zones.set_index("code"), counts.parts["zones"], level)
    table, note = _with_clusters(
        table, counts.neighbours, seed=seed, permutations=permutations
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
        note = "Aucun contributeur : pas d'analyse des regroupements."
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


# --------------------------------------------------------------------------- publics


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


def _breakdown_zones(zones: pd.DataFrame) -> tuple[list[str], list[str]]:
    used = zones.loc[zones["has_breakdown"], "name"].sort_values().tolist()
    left = zones.loc[~zones["has_breakdown"], "name"].sort_values().tolist()
    return used, left



def _left_out(zones: pd.DataFrame) -> pd.DataFrame:
    """``zone_code, zone_name, population`` of the zones without a breakdown, by name."""
    left = zones.loc[~zones["has_breakdown"].astype(bool), ["code", "name", "population"]]
    left = left.rename(columns={"code": "zone_code", "name": "zone_name"})
    return left.sort_values("zone_name").reset_index(drop=True)


def breakdown_left_out(store: Storage, *, layer: str | None = None) -> pd.DataFrame:
    """Zones of ``layer`` (default: primary) whose population by public is unknown,
    so left out of the publics and zone × public analyses: ``zone_code, zone_name,
    population`` (total inhabitants), sorted by name."""
    return _left_out(store.zone_attributes(layer or store.primary_layer()))


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
    used, left = _breakdown_zones(zones)
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


# --------------------------------------------------------------------------- zone x public


@dataclass
class ZonePublicRepresentation:
    """Participation of every (zone, group) cell, suppressed where too small.

    ``table`` has columns ``zone_code, zone_name, dimension, group, population,
    contributors, expected, ratio, ci_low, ci_high, status, suppressed``; in a
    suppressed cell (fewer than :data:`MIN_CELL` contributors or inhabitants)
    every figure is missing and only the status remains.
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


_CELL_FIGURES = ["population", "contributors", "expected", "ratio", "ci_low", "ci_high"]


def _zone_public_raw(
    population: pd.DataFrame, counts: pd.DataFrame, zones: pd.DataFrame, level: float
) -> pd.DataFrame:
    """Unsuppressed zone × public cells (internal: never shown as such)."""
    names = zones.set_index("code")["name"]
    frames = []
    for dim, groups in GROUPS.items():
        pop = population[population["dimension"] == dim].set_index(["zone_code", "grp"])["population"]
        if pop.empty:
            continue
        obs = (
            counts[counts["dimension"] == dim].set_index(["zone_code", "grp"])["contributors"]
            .reindex(pop.index, fill_value=0).astype(float)
        )
        rates = stats.zone_rates(obs, pop, level).drop(columns=["smoothed_ratio"])
        rates = rates.reset_index().rename(columns={"grp": "group"})
        rates.insert(1, "dimension", dim)
        order = {g: i for i, g in enumerate(groups)}
        rates["_order"] = rates["group"].map(order).fillna(len(order))
        frames.append(rates)
    if not frames:
        return pd.DataFrame(
            columns=["zone_code", "zone_name", "dimension", "group", *_CELL_FIGURES, "status"]
        )
    raw = pd.concat(frames, ignore_index=True)
    raw["zone_name"] = raw["zone_code"].map(names)
    raw = raw.sort_values(["zone_name", "dimension", "_order"]).drop(columns="_order")
    return raw[["zone_code", "zone_name", "dimension", "group", *_CELL_FIGURES, "status"]].reset_index(drop=True)


def _suppress(
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




def zone_publics_of(counts: Counts, *, level: float = LEVEL) -> ZonePublicRepresentation:
    """Zone × public cells from ``counts`` (part ``zone_publics``), suppressed; see
    :func:`representation_by_zone_public`."""
    raw = _zone_public_raw(counts.population, counts.parts["zone_publics"], counts.zones, level)
    return _zone_publics(raw, counts)


def _zone_publics(raw: pd.DataFrame, counts: Counts) -> ZonePublicRepresentation:
    used, left = _breakdown_zones(counts.zones)
    return ZonePublicRepresentation(
        table=_suppress(raw, _CELL_FIGURES), zones_used=used, zones_left_out=left, basis=counts.basis
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


# --------------------------------------------------------------------------- channels


def _channel_raw(
    raw: pd.DataFrame, zones: pd.DataFrame, population: pd.DataFrame, everyone: int, level: float
) -> pd.DataFrame:
    """Unsuppressed channel reach (internal) from the SQL counts; ``everyone`` is the
    number of distinct contributors of the selection."""
    zones = zones.set_index("code")
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




def _channel_raw_of(counts: Counts, level: float) -> pd.DataFrame:
    return _channel_raw(
        counts.parts["channels"], counts.zones, counts.population,
        counts.totals("place")["contributors"], level,
    )


def channels_of(counts: Counts, *, level: float = LEVEL) -> pd.DataFrame:
    """Channel reach from ``counts`` (parts ``channels`` and ``totals``), suppressed;
    see :func:`channel_reach`."""
    return _channel_public(_channel_raw_of(counts, level))


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
    :data:`MIN_CELL` contributors are suppressed (figures missing).
    Columns :data:`CHANNEL_COLUMNS`.
    """
    counts = count(store, basis="place", selection=selection, layer=layer, parts=["channels", "totals"])
    return channels_of(counts, level=level)


def _channel_public(raw: pd.DataFrame) -> pd.DataFrame:
    """Channel reach with its crossed cells suppressed (see :func:`channel_reach`)."""
    whole = raw["dimension"] == "all"  # a channel's total is not a crossed cell
    out = pd.concat(
        [
            raw[whole].assign(suppressed=False),
            _suppress(raw[~whole], ["contributors", "share", "index", "ci_low", "ci_high"],
                      by_population=False),
        ]
    ).sort_index()
    out["contributors"] = out["contributors"].astype("Int64")
    return out[CHANNEL_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------- outreach


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




def outreach_of(counts: Counts, *, top: int | None = 20, level: float = LEVEL) -> pd.DataFrame:
    """The outreach list from ``counts`` (parts ``zones``, ``zone_publics``,
    ``channels`` and ``totals``); see :func:`outreach_targets`."""
    return _outreach(
        _zone_public_raw(counts.population, counts.parts["zone_publics"], counts.zones, level),
        _zone_table(counts.zones.set_index("code"), counts.parts["zones"], level),
        _channel_raw_of(counts, level),
        top,
    )


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


def _outreach(
    cells: pd.DataFrame,
    zones: pd.DataFrame,
    channels: pd.DataFrame,
    top: int | None,
) -> pd.DataFrame:
    """The outreach list from unsuppressed cells, zone rates and channel reach."""
    whole = zones[~zones.index.isin(cells["zone_code"])].reset_index()
    whole = whole.assign(dimension="all", group="all")[
        ["zone_code", "zone_name", "dimension", "group", *_CELL_FIGURES, "status"]
    ]
    pairs = pd.concat([cells, whole], ignore_index=True) if len(whole) else cells
    pairs = _suppress(pairs, [])  # flags only: figures are masked after ranking
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




# --------------------------------------------------------------------------- re-weighting


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
    return _reweighted(counts.parts["theme_zone_age"], counts.zones, counts.population)


def reweighted_counts(
    store: Storage, *, selection: Selection | None = None, layer: str | None = None
) -> Reweighted:
    """Post-stratify contributions by age band × zone (see :class:`Reweighted`)."""
    counts = count(store, basis="place", selection=selection, layer=layer, parts=["theme_zone_age"])
    return reweighted_of(counts)


def _reweighted(counts: pd.DataFrame, zones: pd.DataFrame, population: pd.DataFrame) -> Reweighted:
    """Re-weighting from the SQL counts (see :func:`reweighted_counts`)."""
    zones = zones.set_index("code")
    breakdown = set(zones.index[zones["has_breakdown"]])
    pop = population[population["dimension"] == "age_band"].set_index(["zone_code", "grp"])["population"]
    in_zones = counts["zone_code"].isin(breakdown)
    eligible = counts[in_zones & counts["age_band"].notna()]
    no_breakdown = int(counts.loc[~in_zones, "contributions"].sum())
    no_age = int(counts.loc[in_zones & counts["age_band"].isna(), "contributions"].sum())
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


# --------------------------------------------------------------------------- the page's bundle


@dataclass
class RepresentationReport:
    """Everything the page "Qui manque ?" shows, for one selection and one basis."""

    selection: Selection
    basis: str
    zones: ZoneRepresentation
    publics: PublicRepresentation
    zone_public: ZonePublicRepresentation
    channels: pd.DataFrame
    outreach: pd.DataFrame
    reweighted: Reweighted
    totals_by_basis: dict[str, dict[str, int]] = field(default_factory=dict)
    """Contributor totals on both bases (the page shows both)."""
    left_out: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_LEFT_OUT_COLUMNS))
    """Zones without a breakdown by public (see :func:`breakdown_left_out`)."""

    @property
    def zones_left_out(self) -> list[str]:
        """Names of the zones without a breakdown by public."""
        return self.left_out["zone_name"].tolist()


def report_of(
    counts: Counts, *, selection: Selection | None = None, top: int = 20, seed: int = 0
) -> RepresentationReport:
    """Every analysis of this module from ``counts`` (all parts), as the
    ``representation_by_*`` functions compute them one by one."""
    cells = _zone_public_raw(counts.population, counts.parts["zone_publics"], counts.zones, LEVEL)
    channels = _channel_raw_of(counts, LEVEL)
    zones = zones_of(counts, seed=seed)
    return RepresentationReport(
        selection=selection or Selection(),
        basis=counts.basis,
        zones=zones,
        publics=publics_of(counts),
        zone_public=_zone_publics(cells, counts),
        channels=_channel_public(channels),
        outreach=_outreach(cells, zones.table, channels, top),
        reweighted=reweighted_of(counts),
        totals_by_basis={b: counts.totals(b) for b in BASES},
        left_out=_left_out(counts.zones),
    )


def representation_report(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    top: int = 20,
    seed: int = 0,
) -> RepresentationReport:
    """Every analysis of this module over the primary layer, for the page: one
    materialised selection, counted once (see :func:`report_of`)."""
    selection = selection or Selection()
    counts = count(store, basis=basis, selection=selection)
    return report_of(counts, selection=selection, top=top, seed=seed)
