"""Who and where is missing: representation of areas and publics among contributors.

Counts come from the storage (group-bys in DuckDB over the stored zone of each
contribution); the statistics are the pure functions of :mod:`cartoparti.analysis.stats`.

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

import html
import io
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cartoparti._errors import ValidationError
from cartoparti.analysis import stats
from cartoparti.io.csvsafe import safe_frame
from cartoparti.model import AGE_BANDS, CHANNELS, CSP
from cartoparti.storage import Storage
from cartoparti.storage.common import totals_for

__all__ = [
    "BASES",
    "CELL_LEGEND",
    "COLD_SPOT_LEGEND",
    "COLD_SPOT_STYLE",
    "DIMENSIONS",
    "FORMATS",
    "GROUPS",
    "HEX_CLASSES",
    "HEX_LEGEND",
    "HEX_SIZES_M",
    "HEX_STYLES",
    "LEFT_OUT_ANALYSES",
    "LEFT_OUT_COLUMNS",
    "MIN_CELL",
    "NO_VALUE_CLASS",
    "RATIO_CLASSES",
    "RATIO_LEGEND",
    "RATIO_STYLES",
    "STATUS_LABELS",
    "SUPPRESSED_COLOUR",
    "SUPPRESSED_TEXT",
    "PublicRepresentation",
    "RepresentationReport",
    "Reweighted",
    "Selection",
    "ZonePublicRepresentation",
    "ZoneRepresentation",
    "breakdown_left_out",
    "channel_reach",
    "channels_display",
    "chi_square_verdict",
    "choropleth_frame",
    "cold_spots",
    "group_label",
    "heatmap_frame",
    "hexagon_class",
    "hexagon_counts",
    "hexagon_map_frame",
    "hexagon_summary",
    "left_out_frame",
    "left_out_note",
    "legend_html",
    "outreach_display",
    "outreach_targets",
    "outreach_zones",
    "public_test_caption",
    "publics_display",
    "ratio_class",
    "representation_by_public",
    "representation_by_zone",
    "representation_by_zone_public",
    "representation_report",
    "reweighted_counts",
    "reweighted_display",
    "score_text",
    "table_bytes",
    "write_table",
    "zone_public_display",
    "zones_display",
]

BASES: dict[str, str] = {
    "place": "lieu des contributions",
    "home": "commune de résidence déclarée",
}
DIMENSIONS: dict[str, str] = {
    "age_band": "Tranche d'âge",
    "csp": "Catégorie socioprofessionnelle (15 ans ou plus)",
}
GROUPS: dict[str, dict[str, str]] = {"age_band": AGE_BANDS, "csp": CSP}
"""Group codes (as in the import contract) and French labels, per dimension."""
STATUS_LABELS: dict[str, str] = {
    "under": "sous-représenté",
    "expected": "conforme",
    "over": "sur-représenté",
}
MIN_CELL = 5
"""Zone × public (and channel × group or zone) cells built on fewer contributors or
inhabitants than this are suppressed."""
SUPPRESSED_TEXT = "< 5"
GI_Z_CRITICAL = 1.959964
"""Two-sided 5% critical value the Gi* z-score of a cluster zone must also pass."""
HEX_SIZES_M: tuple[int, ...] = (250, 500, 1000, 2000)
"""Hexagon sides offered to users, in metres (Lambert-93)."""
MAX_HEXAGONS = 20_000
FORMATS = ("csv", "json")

RATIO_CLASSES: list[tuple[str, float, str, str]] = [
    ("r0", 0.5, "#b2182b", "moins de 0,5"),
    ("r1", 0.75, "#ef8a62", "de 0,5 à 0,75"),
    ("r2", 0.9, "#fddbc7", "de 0,75 à 0,9"),
    ("r3", 1 / 0.9, "#f7f7f7", "de 0,9 à 1,1 (proche de 1)"),
    ("r4", 1 / 0.75, "#d1e5f0", "de 1,1 à 1,33"),
    ("r5", 2.0, "#67a9cf", "de 1,33 à 2"),
    ("r6", math.inf, "#2166ac", "2 ou plus"),
]
"""Diverging classes of a ratio centred on 1 (symmetric in log scale): key,
upper bound (exclusive), colour (ColorBrewer RdBu), French label."""
NO_VALUE_CLASS = ("na", "#bdbdbd", "population inconnue")
SUPPRESSED_COLOUR = "#e0e0e0"
"""Colour of a suppressed zone × public cell."""

RATIO_STYLES: dict[str, dict[str, object]] = {
    **{key: {"fillColor": colour} for key, _u, colour, _l in RATIO_CLASSES},
    NO_VALUE_CLASS[0]: {"fillColor": NO_VALUE_CLASS[1]},
    "blank": {"fillColor": "#ffffff", "color": "#000000", "weight": 3, "dashArray": "6 5"},
}
"""Leaflet style of each ``klass`` of :func:`choropleth_frame` (zones blanches hatched)."""
COLD_SPOT_STYLE: dict[str, object] = {"color": "#5e3c99", "weight": 5, "fill": False}
"""Outline of the cold-spot (Gi*) zones over the choropleth."""
RATIO_LEGEND: list[tuple[str, str]] = [
    *[(colour, label) for _k, _u, colour, label in RATIO_CLASSES],
    (NO_VALUE_CLASS[1], NO_VALUE_CLASS[2]),
    ("#ffffff", "zone blanche (contour en tirets)"),
]
"""(colour, French label) entries of the choropleth's legend."""
COLD_SPOT_LEGEND: tuple[str, str] = ("#5e3c99", "foyer d'absence (contour violet épais)")
CELL_LEGEND: list[tuple[str, str]] = [
    *[(colour, label) for _k, _u, colour, label in RATIO_CLASSES],
    (SUPPRESSED_COLOUR, f"« {SUPPRESSED_TEXT} » : case masquée"),
]
"""Legend of the zone × public heatmap."""

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


def representation_by_zone(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = 0.95,
    seed: int = 0,
    permutations: int = 999,
) -> ZoneRepresentation:
    """Contributors of each zone of ``layer`` (default: primary) against its population.

    See :func:`cartoparti.analysis.stats.zone_rates` for the columns; zones of unknown
    population get no figures and no status. Cold-spot clusters need at least
    :data:`cartoparti.analysis.stats.MIN_ZONES_GI_STAR` zones with a smoothed ratio.
    """
    layer = _check(store, basis, layer)
    filters = (selection or Selection()).filters()
    zones = store.zone_attributes(layer).set_index("code")
    counts = store.representation_counts(basis=basis, layer=layer, filters=filters, parts=["zones", "totals"])
    table = _zone_table(zones, counts["zones"], level)
    table, note = _with_clusters(store, layer, table, seed=seed, permutations=permutations)
    totals = totals_for(counts["totals"], basis)
    return ZoneRepresentation(table=table, basis=basis, layer=layer, totals=totals, clusters_note=note)


def _with_clusters(
    store: Storage, layer: str, table: pd.DataFrame, *, seed: int, permutations: int
) -> tuple[pd.DataFrame, str | None]:
    """The zone table with Gi* columns, and why they are empty if they are."""
    note = None
    clusters = pd.DataFrame(
        {"gi_z": np.nan, "p_sim": np.nan, "cluster": ""}, index=table.index
    )
    if table["contributors"].sum() == 0:
        note = "Aucun contributeur : pas d'analyse des regroupements."
    else:
        pairs = store.zone_neighbours(layer)
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


LEFT_OUT_COLUMNS = ["zone_code", "zone_name", "population", "reason"]
LEFT_OUT_ANALYSES: dict[str, tuple[str, str]] = {
    "publics": (
        "Communes laissées de côté (population par public inconnue)",
        "laissée de côté : population par âge et catégorie inconnue",
    ),
    "zone_public": (
        "Communes laissées de côté (population par public inconnue)",
        "laissée de côté : population par âge et catégorie inconnue",
    ),
    "channels": (
        (
            "Publics (âges, catégories) comptés sans les communes dont la population par public "
            "est inconnue ; laissées de côté"
        ),
        "laissée de côté des lignes d'âge et de catégorie : population par public inconnue",
    ),
    "outreach": (
        (
            "Communes dont la population par public est inconnue, listées en entier "
            "(« tous publics ») sans croisement par public"
        ),
        "listée en entier (tous publics) : population par âge et catégorie inconnue",
    ),
}
"""Per export touched by the breakdown: (French note shown beside the download,
``reason`` written in its companion file of left-out zones)."""


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


def left_out_note(names: Sequence[str], analysis: str, *, escape: Callable[[str], str] = str) -> str:
    """The French sentence shown beside an ``analysis`` export (a key of
    :data:`LEFT_OUT_ANALYSES`) naming the zones left out; ``escape`` makes each
    name safe for where the sentence is shown (markdown, …)."""
    if not names:
        return "Aucune commune laissée de côté : la population par public est connue partout."
    return f"{LEFT_OUT_ANALYSES[analysis][0]} : {', '.join(escape(n) for n in names)}."


def left_out_frame(left: pd.DataFrame, analysis: str) -> pd.DataFrame:
    """The companion file of an ``analysis`` export: the zones of ``left``
    (:func:`breakdown_left_out`) with the ``reason`` they are left out
    (columns :data:`LEFT_OUT_COLUMNS`), so the export's own columns stay as documented."""
    return left.assign(reason=LEFT_OUT_ANALYSES[analysis][1])[LEFT_OUT_COLUMNS]


def representation_by_public(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = 0.95,
) -> PublicRepresentation:
    """Share of each group among contributors against its census share.

    A contributor counts once, in the group they declared last; CSP figures only
    cover people aged 15 or more (contributors who declared 0-14 are left out of
    them). Groups of the import contract, in its order.
    """
    layer = _check(store, basis, layer)
    filters = (selection or Selection()).filters()
    counts, declared = store.public_contributors(basis=basis, layer=layer, filters=filters)
    return _publics(
        store.group_population(layer), counts, declared, store.zone_attributes(layer), basis, level
    )


def _publics(
    population: pd.DataFrame,
    counts: pd.DataFrame,
    declared: pd.DataFrame,
    zones: pd.DataFrame,
    basis: str,
    level: float,
) -> PublicRepresentation:
    """Publics from the SQL counts (see :func:`representation_by_public`)."""
    frames, tests, scores = [], {}, {}
    for dim, groups in GROUPS.items():
        pop = (
            population[population["dimension"] == dim].groupby("grp")["population"].sum()
            .reindex(list(groups))
        )
        obs = (
            counts[counts["dimension"] == dim].set_index("grp")["contributors"]
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
        basis=basis,
    )


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


def representation_by_zone_public(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = 0.95,
) -> ZonePublicRepresentation:
    """The zone ratio for every zone with a breakdown and every group, suppressed.

    For each dimension, ``expected = population of the cell × Σ contributors /
    Σ population`` over all cells of that dimension in the zones used.
    """
    layer = _check(store, basis, layer)
    filters = (selection or Selection()).filters()
    zones = store.zone_attributes(layer)
    raw = _zone_public_raw(
        store.group_population(layer),
        store.zone_public_contributors(basis=basis, layer=layer, filters=filters),
        zones,
        level,
    )
    used, left = _breakdown_zones(zones)
    return ZonePublicRepresentation(
        table=_suppress(raw, _CELL_FIGURES), zones_used=used, zones_left_out=left, basis=basis
    )


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


def channel_reach(
    store: Storage,
    *,
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Which channels reached which publics and zones (place basis).

    One row per channel and ``dimension`` / ``group``: ``all`` / ``all`` (every
    contributor the channel reached; ``share`` of all contributors), ``zone`` /
    zone code, ``age_band`` / band, ``csp`` / category (zones with a breakdown).
    ``share`` is the group's share among the channel's contributors, ``index``
    that share over the group's population share (1 = in proportion), with a
    Wilson interval and a status. Cells of zones or groups with fewer than
    :data:`MIN_CELL` contributors are suppressed (figures missing).
    """
    layer = _check(store, "place", layer)
    filters = (selection or Selection()).filters()
    return _channel_public(_channel_raw_of(store, layer, filters, level))


def _channel_raw_of(store: Storage, layer: str, filters: dict[str, object], level: float) -> pd.DataFrame:
    return _channel_raw(
        store.channel_contributors(layer=layer, filters=filters),
        store.zone_attributes(layer),
        store.group_population(layer),
        store.contributor_totals(layer=layer, filters=filters)["contributors"],
        level,
    )


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


def outreach_targets(
    store: Storage,
    *,
    top: int | None = 20,
    basis: str = "place",
    selection: Selection | None = None,
    layer: str | None = None,
    level: float = 0.95,
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
    layer = _check(store, basis, layer)
    filters = (selection or Selection()).filters()
    zones = store.zone_attributes(layer)
    return _outreach(
        _zone_public_raw(
            store.group_population(layer),
            store.zone_public_contributors(basis=basis, layer=layer, filters=filters),
            zones,
            level,
        ),
        _zone_table(zones.set_index("code"), store.zone_contributors(basis=basis, layer=layer, filters=filters), level),
        lambda: _channel_raw_of(store, layer, filters, level),
        top,
    )


def _outreach(
    cells: pd.DataFrame,
    zones: pd.DataFrame,
    channels: pd.DataFrame | Callable[[], pd.DataFrame],
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
    if callable(channels):
        channels = channels() if len(pairs) else pd.DataFrame()
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


def group_label(dimension: str, group: str) -> str:
    """French label of a group (``all``: every public)."""
    if dimension == "all":
        return "tous publics"
    return GROUPS.get(dimension, {}).get(group, group)


def outreach_zones(zones: gpd.GeoDataFrame, targets: pd.DataFrame) -> gpd.GeoDataFrame:
    """The zones of an outreach list with a French summary of their targets (WGS84).

    ``zones`` has ``code``, ``name`` and a geometry; columns of the result:
    ``code, name, targets`` (e.g. « 15 à 29 ans : au moins 12 de plus »),
    ``needed`` (sum) and the geometry.
    """
    if targets.empty:
        return zones.iloc[0:0][["code", "name", "geometry"]].assign(targets="", needed=0)
    parts = targets.assign(
        text=[
            f"{group_label(d, g)} : {'au moins ' if s else ''}{n} de plus"
            for d, g, n, s in zip(targets["dimension"], targets["group"], targets["needed"],
                                  targets["suppressed"], strict=True)
        ]
    )
    summary = parts.groupby("zone_code").agg(targets=("text", " ; ".join), needed=("needed", "sum"))
    out = zones[["code", "name", "geometry"]].merge(summary, left_on="code", right_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=zones.crs)


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


def reweighted_counts(
    store: Storage, *, selection: Selection | None = None, layer: str | None = None
) -> Reweighted:
    """Post-stratify contributions by age band × zone (see :class:`Reweighted`)."""
    layer = _check(store, "place", layer)
    filters = (selection or Selection()).filters()
    return _reweighted(
        store.theme_zone_age_counts(layer=layer, filters=filters),
        store.zone_attributes(layer),
        store.group_population(layer),
    )


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


# --------------------------------------------------------------------------- hexagons


def _hexagon_grid(area_l93: shapely.Geometry, size_m: float) -> pd.DataFrame:
    """Pointy-top hexagons of side ``size_m`` (Lambert-93) that touch ``area_l93``:
    columns ``q, r`` and ``geometry`` (shapely, EPSG:2154)."""
    minx, miny, maxx, maxy = area_l93.bounds
    estimate = (maxx - minx) * (maxy - miny) / (1.5 * math.sqrt(3) * size_m * size_m)
    if estimate > MAX_HEXAGONS:
        raise ValidationError(
            {"size": f"Hexagones trop petits pour ce territoire (environ {int(estimate)} ; "
                     f"{MAX_HEXAGONS} au plus) : choisissez une taille plus grande."}
        )
    width = math.sqrt(3) * size_m
    r_min, r_max = math.floor(miny / (1.5 * size_m)) - 1, math.ceil(maxy / (1.5 * size_m)) + 1
    r = np.arange(r_min, r_max + 1)
    q_min = math.floor(minx / width - r_max / 2) - 1
    q_max = math.ceil(maxx / width - r_min / 2) + 1
    qq, rr = np.meshgrid(np.arange(q_min, q_max + 1), r)
    qq, rr = qq.ravel(), rr.ravel()
    cx = width * (qq + rr / 2)
    cy = 1.5 * size_m * rr
    keep = (cx >= minx - width) & (cx <= maxx + width) & (cy >= miny - 2 * size_m) & (cy <= maxy + 2 * size_m)
    qq, rr, cx, cy = qq[keep], rr[keep], cx[keep], cy[keep]
    angles = np.radians(30 + 60 * np.arange(7))
    ring = np.stack(
        [cx[:, None] + size_m * np.cos(angles)[None, :], cy[:, None] + size_m * np.sin(angles)[None, :]],
        axis=-1,
    )
    polygons = shapely.polygons(ring)
    shapely.prepare(area_l93)
    touching = shapely.intersects(area_l93, polygons)
    return pd.DataFrame({"q": qq[touching], "r": rr[touching], "geometry": polygons[touching]})


def hexagon_counts(
    store: Storage, *, size_m: float = 500, selection: Selection | None = None
) -> gpd.GeoDataFrame:
    """Contributors and contributions per metric hexagon (place basis).

    Hexagons are pointy-top, of side ``size_m`` metres in Lambert-93 (EPSG:2154),
    covering the primary layer; the population of a hexagon is unknown, so these
    are counts only (hexagons without any contribution included, with 0). Columns
    ``hex_id, zone_name`` (commune holding the centre), ``contributors,
    contributions`` and the hexagon geometry in WGS84.
    """
    filters = (selection or Selection()).filters()
    zones = store.zones().to_crs(2154)
    grid = _hexagon_grid(zones.union_all(), float(size_m))
    counts = store.hexagon_contributors(float(size_m), filters=filters)
    frame = grid.merge(counts, on=["q", "r"], how="outer")
    missing = frame["geometry"].isna()
    if missing.any():  # contributions snapped just outside the zones
        extra = _hexagon_polygons(frame.loc[missing, "q"], frame.loc[missing, "r"], float(size_m))
        frame.loc[missing, "geometry"] = extra
    frame[["contributors", "contributions"]] = frame[["contributors", "contributions"]].fillna(0).astype("int64")
    hexes = gpd.GeoDataFrame(frame, geometry="geometry", crs=2154)
    centres = gpd.GeoDataFrame(geometry=hexes.centroid, crs=2154)
    names = gpd.sjoin(centres, zones[["name", "geometry"]], how="left", predicate="within")
    names = names[~names.index.duplicated()]
    hexes["zone_name"] = names["name"].fillna("hors des communes").to_numpy()
    hexes["hex_id"] = hexes["q"].astype(str) + "," + hexes["r"].astype(str)
    hexes = hexes.to_crs(4326)
    return hexes[["hex_id", "zone_name", "contributors", "contributions", "geometry"]].reset_index(drop=True)


def _hexagon_polygons(q: pd.Series, r: pd.Series, size_m: float) -> np.ndarray:
    q, r = q.to_numpy(float), r.to_numpy(float)
    cx = math.sqrt(3) * size_m * (q + r / 2)
    cy = 1.5 * size_m * r
    angles = np.radians(30 + 60 * np.arange(7))
    ring = np.stack(
        [cx[:, None] + size_m * np.cos(angles)[None, :], cy[:, None] + size_m * np.sin(angles)[None, :]],
        axis=-1,
    )
    return shapely.polygons(ring)


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
    left_out: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LEFT_OUT_COLUMNS[:-1]))
    """Zones without a breakdown by public (see :func:`breakdown_left_out`)."""

    @property
    def zones_left_out(self) -> list[str]:
        """Names of the zones without a breakdown by public."""
        return self.left_out["zone_name"].tolist()


def representation_report(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    top: int = 20,
    seed: int = 0,
) -> RepresentationReport:
    """Every analysis of this module over the primary layer, for the page."""
    selection = selection or Selection()
    filters = selection.filters()
    layer = _check(store, basis, None)
    counts = store.representation_counts(basis=basis, layer=layer, filters=filters)
    zones = store.zone_attributes(layer)
    population = store.group_population(layer)
    totals = {b: totals_for(counts["totals"], b) for b in BASES}
    table = _zone_table(zones.set_index("code"), counts["zones"], 0.95)
    table, note = _with_clusters(store, layer, table, seed=seed, permutations=999)
    cells = _zone_public_raw(population, counts["zone_publics"], zones, 0.95)
    channels = _channel_raw(counts["channels"], zones, population, totals["place"]["contributors"], 0.95)
    used, left = _breakdown_zones(zones)
    return RepresentationReport(
        selection=selection,
        basis=basis,
        zones=ZoneRepresentation(
            table=table, basis=basis, layer=layer, totals=totals[basis], clusters_note=note
        ),
        publics=_publics(population, counts["publics"], counts["declared"], zones, basis, 0.95),
        zone_public=ZonePublicRepresentation(
            table=_suppress(cells, _CELL_FIGURES), zones_used=used, zones_left_out=left, basis=basis
        ),
        channels=_channel_public(channels),
        outreach=_outreach(cells, table, channels, top),
        reweighted=_reweighted(counts["theme_zone_age"], zones, population),
        totals_by_basis=totals,
        left_out=_left_out(zones),
    )


# --------------------------------------------------------------------------- map helpers


def ratio_class(values: pd.Series) -> pd.Series:
    """Key of the :data:`RATIO_CLASSES` class of each ratio (``na`` when missing)."""
    v = values.astype("float64")
    bounds = [upper for _key, upper, _c, _l in RATIO_CLASSES]
    keys = np.array([key for key, *_ in RATIO_CLASSES])
    idx = np.searchsorted(np.asarray(bounds[:-1]), v.fillna(0).to_numpy(), side="right")
    return pd.Series(np.where(v.isna(), NO_VALUE_CLASS[0], keys[idx]), index=values.index)


def _fr(value: float, digits: int = 2) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.{digits}f}".replace(".", ",")


def choropleth_frame(zones: gpd.GeoDataFrame, result: ZoneRepresentation) -> gpd.GeoDataFrame:
    """Zones (``code``, ``name``, geometry) with what the choropleth shows.

    Adds ``klass`` (ratio class of the smoothed ratio, ``blank`` for a zone
    blanche, ``na`` for an unknown population), ``label`` (French tooltip),
    ``status_label`` and the table's figures formatted in French.
    """
    table = result.table
    frame = zones[["code", "name", "geometry"]].merge(
        table, left_on="code", right_index=True, how="left"
    )
    klass = ratio_class(frame["smoothed_ratio"])
    frame["klass"] = np.where(frame["blank"].fillna(False).astype(bool), "blank", klass)
    frame["status_label"] = frame["status"].map(STATUS_LABELS).fillna("non calculé")
    frame["ratio_text"] = frame["ratio"].map(_fr)
    frame["smoothed_text"] = frame["smoothed_ratio"].map(_fr)
    frame["interval_text"] = [
        f"{_fr(lo)} à {_fr(hi)}" for lo, hi in zip(frame["ci_low"], frame["ci_high"], strict=True)
    ]
    frame["contributors_text"] = frame["contributors"].map(lambda v: "—" if pd.isna(v) else str(int(v)))
    frame["label"] = [
        f"{n} : {'zone blanche (aucun contributeur)' if k == 'blank' else 'ratio ' + r + ', ' + s}"
        for n, k, r, s in zip(frame["name"], frame["klass"], frame["ratio_text"], frame["status_label"], strict=True)
    ]
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=zones.crs)


def cold_spots(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The zones of a :func:`choropleth_frame` inside a cold spot (Gi*), to outline."""
    return frame[frame["cluster"] == "cold"]


def legend_html(entries: Sequence[tuple[str, str]], title: str) -> str:
    """A map or chart legend as HTML: ``title`` then a swatch per (colour, label)
    entry; texts are escaped."""
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:14px">'
        f'<span style="width:16px;height:16px;background:{html.escape(colour)};border:1px solid #555;'
        f'display:inline-block;margin-right:5px"></span>{html.escape(label)}</span>'
        for colour, label in entries
    )
    return f"<div><b>{html.escape(title)}</b><br>{items}</div>"


def score_text(score: float | None) -> str:
    """A representation score written the French way (``0,83``), ``—`` when missing."""
    return "—" if score is None or pd.isna(score) else f"{score:.2f}".replace(".", ",")


# --------------------------------------------------------------------------- exports


def table_bytes(frame: pd.DataFrame, fmt: str = "csv") -> bytes:
    """A table as CSV (empty cells for missing values, ``true``/``false``, text that
    a spreadsheet would evaluate prefixed with an apostrophe) or JSON (a list of
    records, ``null`` for missing values), UTF-8."""
    if fmt not in FORMATS:
        raise ValidationError({"format": f"Format inconnu : « {fmt} » (csv ou json)."})
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == float:
            out[column] = out[column].round(6)
    if fmt == "json":
        records = json.loads(out.to_json(orient="records", force_ascii=False))
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    out = safe_frame(out)  # zone names come from files: no spreadsheet formula
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def write_table(frame: pd.DataFrame, fmt: str, target: Path | None) -> None:
    """Write :func:`table_bytes` to ``target``, or to standard output when ``None``."""
    data = table_bytes(frame, fmt)
    if target is None:
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(target).write_bytes(data)


# --------------------------------------------------------------------------- French tables


def _int_text(value: object) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{round(float(value)):,}".replace(",", "\u202f")


def _pct(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{100 * float(value):.1f} %".replace(".", ",")


def _status_fr(values: pd.Series) -> pd.Series:
    return values.map(STATUS_LABELS).fillna("non calculé")


def zones_display(result: ZoneRepresentation) -> pd.DataFrame:
    """The zone table with French headers (numbers stay numbers, for sorting)."""
    t = result.table
    return pd.DataFrame(
        {
            "Zone": t["zone_name"],
            "Population": t["population"].round(0),
            "Contributeurs": t["contributors"],
            "Attendus": t["expected"].round(1),
            "Ratio": t["ratio"].round(2),
            "Intervalle à 95 %": [f"{_fr(lo)} à {_fr(hi)}" for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)],
            "Ratio lissé": t["smoothed_ratio"].round(2),
            "Statut": _status_fr(t["status"]),
            "Zone blanche": t["blank"].map({True: "oui", False: ""}),
            "Foyer (Gi*)": t["cluster"].map({"cold": "foyer d'absence", "hot": "foyer de participation"}).fillna(""),
        }
    ).reset_index(drop=True)


def publics_display(result: PublicRepresentation, dimension: str) -> pd.DataFrame:
    """One dimension of the publics table, French headers."""
    t = result.table.loc[dimension]
    return pd.DataFrame(
        {
            "Groupe": [group_label(dimension, g) for g in t.index],
            "Population": t["population"].round(0).to_numpy(),
            "Part de la population": [_pct(v) for v in t["population_share"]],
            "Contributeurs": t["contributors"].astype("int64").to_numpy(),
            "Part des contributeurs": [_pct(v) for v in t["contributor_share"]],
            "Indice": t["index"].round(2).to_numpy(),
            "Intervalle à 95 %": [f"{_fr(lo)} à {_fr(hi)}" for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)],
            "Statut": _status_fr(t["status"]).to_numpy(),
        }
    )


def chi_square_verdict(p_value: float) -> str:
    """What the chi-square goodness-of-fit test says, in plain French (5% level)."""
    if p_value is None or pd.isna(p_value):
        return "test impossible (pas assez de réponses)"
    if p_value < 0.05:
        return "la répartition des contributeurs s'écarte nettement de celle de la population"
    return "pas d'écart net avec la population"


def public_test_caption(result: PublicRepresentation, dimension: str) -> str:
    """The sentence under a dimension's chart: how many declared it, the chi-square
    test and its verdict, the dimension's representation score."""
    test = result.tests[dimension]
    declared = result.declared.get(dimension, 0)
    score = result.scores.get(dimension)
    p_value = "—" if pd.isna(test["p_value"]) else f"{test['p_value']:.3g}".replace(".", ",")
    return (
        f"{declared} contributeur(s) sur {result.contributors} ont indiqué ce renseignement. "
        f"Test du khi² : {_fr(test['statistic'], 1)} ({test['dof']} ddl), p = {p_value} — "
        f"{chi_square_verdict(test['p_value'])}. "
        f"Score de représentation : {_fr(score, 2)}."
    )


def _cell(value: object, suppressed: bool, *, digits: int | None = None) -> str:
    if suppressed:
        return SUPPRESSED_TEXT
    return _int_text(value) if digits is None else _fr(value, digits)  # type: ignore[arg-type]


def zone_public_display(result: ZonePublicRepresentation, dimension: str) -> pd.DataFrame:
    """Zone × public cells of one dimension as text, suppressed cells as « < 5 »."""
    t = result.table[result.table["dimension"] == dimension]
    sup = t["suppressed"].to_numpy()
    return pd.DataFrame(
        {
            "Zone": t["zone_name"].to_numpy(),
            "Groupe": [group_label(dimension, g) for g in t["group"]],
            "Population": [_cell(v, s) for v, s in zip(t["population"], sup, strict=True)],
            "Contributeurs": [_cell(v, s) for v, s in zip(t["contributors"], sup, strict=True)],
            "Attendus": [_cell(v, s, digits=1) for v, s in zip(t["expected"], sup, strict=True)],
            "Ratio": [_cell(v, s, digits=2) for v, s in zip(t["ratio"], sup, strict=True)],
            "Statut": _status_fr(t["status"]).to_numpy(),
        }
    )


def heatmap_frame(result: ZonePublicRepresentation, dimension: str) -> pd.DataFrame:
    """Cells of one dimension for a heatmap: ``zone_name, group, group_label, klass``
    (ratio class, ``suppressed`` for a suppressed cell) ``, text`` (« < 5 » or the ratio)."""
    t = result.table[result.table["dimension"] == dimension]
    klass = ratio_class(t["ratio"]).where(~t["suppressed"], "suppressed")
    return pd.DataFrame(
        {
            "zone_name": t["zone_name"].to_numpy(),
            "group": t["group"].to_numpy(),
            "group_label": [group_label(dimension, g) for g in t["group"]],
            "klass": klass.to_numpy(),
            "text": [_cell(v, s, digits=2) for v, s in zip(t["ratio"], t["suppressed"], strict=True)],
            "status": _status_fr(t["status"]).to_numpy(),
        }
    )


def channels_display(channels: pd.DataFrame, dimension: str, zone_names: dict[str, str] | None = None) -> pd.DataFrame:
    """Channels (rows) × groups or zones (columns) of one dimension.

    Cells read « indice (contributeurs) » for publics, « contributeurs » for zones,
    « < 5 » when suppressed; the first column holds each channel's total.
    """
    rows = channels[channels["dimension"] == dimension]
    totals = channels[channels["dimension"] == "all"].set_index("channel")["contributors"]
    table: dict[str, dict[str, str]] = {}
    for r in rows.itertuples(index=False):
        label = CHANNELS.get(r.channel, r.channel)
        if dimension == "zone":
            column = (zone_names or {}).get(r.group, r.group)
            text = SUPPRESSED_TEXT if r.suppressed else _int_text(r.contributors)
        else:
            column = group_label(dimension, r.group)
            text = SUPPRESSED_TEXT if r.suppressed else f"{_fr(r.index)} ({_int_text(r.contributors)})"
        table.setdefault(label, {"Contributeurs (tous)": _int_text(totals.get(r.channel))})[column] = text
    out = pd.DataFrame.from_dict(table, orient="index")
    out.index.name = "Canal"
    return out.reset_index()


def outreach_display(targets: pd.DataFrame) -> pd.DataFrame:
    """The outreach list in French."""
    return pd.DataFrame(
        {
            "Rang": targets["rank"].to_numpy(),
            "Zone": targets["zone_name"].to_numpy(),
            "Public": [group_label(d, g) for d, g in zip(targets["dimension"], targets["group"], strict=True)],
            "Contributeurs": [_cell(v, s) for v, s in zip(targets["contributors"], targets["suppressed"], strict=True)],
            "Attendus": [_cell(v, s, digits=1) for v, s in zip(targets["expected"], targets["suppressed"], strict=True)],
            "Il en manque": [
                f"au moins {n}" if s else str(n) for n, s in zip(targets["needed"], targets["suppressed"], strict=True)
            ],
            "Statut": _status_fr(targets["status"]).to_numpy(),
            "Canal qui a le mieux marché": [CHANNELS.get(c, c) if c else "—" for c in targets["best_channel"]],
        }
    )


def reweighted_display(result: Reweighted, by: str = "theme") -> pd.DataFrame:
    """Raw and re-weighted counts per theme (``by="theme"``) or zone, in French."""
    t = result.by_theme if by == "theme" else result.by_zone
    first = {"Thème": t.index.to_numpy()} if by == "theme" else {"Zone": t["zone_name"].to_numpy()}
    return pd.DataFrame(
        {
            **first,
            "Contributions": t["contributions"].to_numpy(),
            "Part brute": [_pct(v) for v in t["share"]],
            "Contributions redressées": t["reweighted"].round(1).to_numpy(),
            "Part redressée": [_pct(v) for v in t["reweighted_share"]],
        }
    )


HEX_CLASSES: list[tuple[str, int, str, str]] = [
    ("h0", 0, "#ffffff", "aucune contribution"),
    ("h1", 1, "#fee8c8", "1"),
    ("h2", 4, "#fdbb84", "2 à 4"),
    ("h3", 9, "#fc8d59", "5 à 9"),
    ("h4", 24, "#e34a33", "10 à 24"),
    ("h5", 2**62, "#b30000", "25 ou plus"),
]
"""Classes of contributors per hexagon: key, upper bound (inclusive), colour, label."""
HEX_STYLES: dict[str, dict[str, object]] = {
    key: {"fillColor": colour, "fillOpacity": 0.15 if key == "h0" else 0.75}
    for key, _u, colour, _l in HEX_CLASSES
}
"""Leaflet style of each hexagon class (empty hexagons nearly transparent)."""
HEX_LEGEND: list[tuple[str, str]] = [(colour, label) for _k, _u, colour, label in HEX_CLASSES]


def hexagon_class(counts: pd.Series) -> pd.Series:
    """Key of the :data:`HEX_CLASSES` class of each count."""
    bounds = np.array([upper for _k, upper, _c, _l in HEX_CLASSES])
    keys = np.array([k for k, *_ in HEX_CLASSES])
    return pd.Series(keys[np.searchsorted(bounds, counts.to_numpy(), side="left")], index=counts.index)


def hexagon_map_frame(hexes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Hexagons of :func:`hexagon_counts` with what their map shows: ``klass``
    (:data:`HEX_CLASSES` key) and ``label`` (French tooltip)."""
    out = hexes.copy()
    out["klass"] = hexagon_class(out["contributors"])
    out["label"] = [
        f"{z} : {c} contributeur(s), {n} contribution(s)"
        for z, c, n in zip(out["zone_name"], out["contributors"], out["contributions"], strict=True)
    ]
    return out


def hexagon_summary(hexes: pd.DataFrame) -> str:
    """« N hexagones, dont M sans aucune contribution. »"""
    empty = int((hexes["contributors"] == 0).sum())
    return f"{len(hexes)} hexagones, dont {empty} sans aucune contribution."
