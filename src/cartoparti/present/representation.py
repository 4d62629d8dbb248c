"""What people read of the representation analyses: French labels, captions and
tables, map classes, styles and legends, and the frames the maps and charts draw.

Built from the results of :mod:`cartoparti.analysis.representation` (which hold
codes and numbers only); no streamlit here. Numbers are written the French way
(``0,83``, ``12,5 %``, a narrow no-break space between thousands).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from cartoparti import i18n
from cartoparti.analysis.representation import (
    GROUPS,
    MIN_CELL,
    PublicRepresentation,
    Reweighted,
    ZonePublicRepresentation,
    ZoneRepresentation,
)
from cartoparti.analysis.representation.outreach import NOT_FIELD_PUBLICS
from cartoparti.i18n import formats
from cartoparti.model import CHANNELS

__all__ = [
    "BASES",
    "CELL_LEGEND",
    "COLD_SPOT_LEGEND",
    "COLD_SPOT_STYLE",
    "DIMENSIONS",
    "HEX_CLASSES",
    "HEX_LEGEND",
    "HEX_STYLES",
    "LEFT_OUT_ANALYSES",
    "LEFT_OUT_COLUMNS",
    "NO_VALUE_CLASS",
    "RATIO_CLASSES",
    "RATIO_LEGEND",
    "RATIO_STYLES",
    "STATUS_LABELS",
    "SUPPRESSED_COLOUR",
    "SUPPRESSED_TEXT",
    "channels_display",
    "chi_square_verdict",
    "choropleth_frame",
    "cold_spots",
    "field_target",
    "field_target_note",
    "group_label",
    "heatmap_frame",
    "hexagon_class",
    "hexagon_map_frame",
    "hexagon_summary",
    "home_basis_caption",
    "left_out_frame",
    "left_out_note",
    "legend_html",
    "outreach_display",
    "outreach_query",
    "outreach_reasons",
    "outreach_zones",
    "public_test_caption",
    "publics_display",
    "ratio_class",
    "reweighted_caption",
    "reweighted_display",
    "score_text",
    "status_labels",
    "zone_public_display",
    "zones_display",
]

BASES: i18n.Labels = i18n.table("bases")
"""Label of each counting basis (:data:`cartoparti.analysis.representation.BASES`)."""
DIMENSIONS: i18n.Labels = i18n.table("dimensions")
STATUS_LABELS: i18n.Labels = i18n.table("representation_statuses")
SUPPRESSED_TEXT = f"< {MIN_CELL}"
"""What a suppressed cell shows instead of its figures."""

RATIO_CLASSES: Sequence[tuple[str, float, str, str]] = i18n.per_language_list(lambda: [
    ("r0", 0.5, "#b2182b", i18n.message("representation.ratio_class.r0")),
    ("r1", 0.75, "#ef8a62", i18n.message("representation.ratio_class.r1")),
    ("r2", 0.9, "#fddbc7", i18n.message("representation.ratio_class.r2")),
    ("r3", 1 / 0.9, "#f7f7f7", i18n.message("representation.ratio_class.r3")),
    ("r4", 1 / 0.75, "#d1e5f0", i18n.message("representation.ratio_class.r4")),
    ("r5", 2.0, "#67a9cf", i18n.message("representation.ratio_class.r5")),
    ("r6", math.inf, "#2166ac", i18n.message("representation.ratio_class.r6")),
])
"""Diverging classes of a ratio centred on 1 (symmetric in log scale): key,
upper bound (exclusive), colour (ColorBrewer RdBu), label (of the active language)."""
NO_VALUE_CLASS: Sequence[str] = i18n.per_language_list(
    lambda: ("na", "#bdbdbd", i18n.message("representation.unknown_population"))
)
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
RATIO_LEGEND: Sequence[tuple[str, str]] = i18n.per_language_list(lambda: [
    *[(colour, label) for _k, _u, colour, label in RATIO_CLASSES],
    (NO_VALUE_CLASS[1], NO_VALUE_CLASS[2]),
    ("#ffffff", i18n.message("representation.legend.blank")),
])
"""(colour, label) entries of the choropleth's legend."""
COLD_SPOT_LEGEND: Sequence[str] = i18n.per_language_list(
    lambda: ("#5e3c99", i18n.message("representation.legend.cold_spot"))
)
CELL_LEGEND: Sequence[tuple[str, str]] = i18n.per_language_list(lambda: [
    *[(colour, label) for _k, _u, colour, label in RATIO_CLASSES],
    (SUPPRESSED_COLOUR, i18n.message("representation.legend.suppressed", text=SUPPRESSED_TEXT)),
])
"""Legend of the zone × public heatmap."""

LEFT_OUT_COLUMNS = ["zone_code", "zone_name", "population", "reason"]
LEFT_OUT_ANALYSES: Mapping[str, tuple[str, str]] = i18n.per_language_dict(lambda: {
    "publics": (
        i18n.message("representation.left_out.publics"),
        i18n.message("representation.left_out.publics_reason"),
    ),
    "zone_public": (
        i18n.message("representation.left_out.publics"),
        i18n.message("representation.left_out.publics_reason"),
    ),
    "channels": (
        i18n.message("representation.left_out.channels"),
        i18n.message("representation.left_out.channels_reason"),
    ),
    "outreach": (
        i18n.message("representation.left_out.outreach"),
        i18n.message("representation.left_out.outreach_reason"),
    ),
})
"""Per export touched by the breakdown: (note shown beside the download,
``reason`` written in its companion file of left-out zones)."""


def left_out_note(names: Sequence[str], analysis: str, *, escape: Callable[[str], str] = str) -> str:
    """The French sentence shown beside an ``analysis`` export (a key of
    :data:`LEFT_OUT_ANALYSES`) naming the zones left out; ``escape`` makes each
    name safe for where the sentence is shown (markdown, …)."""
    if not names:
        return i18n.message("representation.left_out.none")
    return i18n.message("representation.left_out.note", what=LEFT_OUT_ANALYSES[analysis][0], zones=", ".join(escape(n) for n in names))


def left_out_frame(left: pd.DataFrame, analysis: str) -> pd.DataFrame:
    """The companion file of an ``analysis`` export: the zones of ``left``
    (:func:`breakdown_left_out`) with the ``reason`` they are left out
    (columns :data:`LEFT_OUT_COLUMNS`), so the export's own columns stay as documented."""
    return left.assign(reason=LEFT_OUT_ANALYSES[analysis][1])[LEFT_OUT_COLUMNS]


def group_label(dimension: str, group: str) -> str:
    """French label of a group (``all``: every public)."""
    if dimension == "all":
        return i18n.message("representation.all_publics")
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
            i18n.message("representation.target_at_least", group=group_label(d, g), needed=n) if s else i18n.message("representation.target", group=group_label(d, g), needed=n)
            for d, g, n, s in zip(targets["dimension"], targets["group"], targets["needed"],
                                  targets["suppressed"], strict=True)
        ]
    )
    summary = parts.groupby("zone_code").agg(targets=("text", " ; ".join), needed=("needed", "sum"))
    out = zones[["code", "name", "geometry"]].merge(summary, left_on="code", right_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=zones.crs)


def _times(factor: float) -> str:
    """« 3 », « 2,5 », « 12 »: how many times fewer, one decimal under 10 unless whole."""
    decimals = 0 if factor >= 10 or round(factor, 1) == round(factor) else 1
    return formats.number(factor, decimals)


def _public_people(group: str) -> str:
    """The public as people, capitalised: « Les 15-29 ans », « Les ouvriers »."""
    return i18n.message(f"outreach.people.{group}")


def outreach_reasons(targets: pd.DataFrame, *, escape: Callable[[str], str] = str) -> list[str]:
    """A plain-words reason for each line of an outreach list (:func:`outreach_targets`),
    one a councillor can repeat, numbers written the language's way:

    - a zone blanche: « Personne n'a participé à Méricourt (11 700 habitants) »;
    - a zone as a whole, a public in a zone: « Les habitants de Lens participent
      3 fois moins que la moyenne du territoire », « Les 15-29 ans sont 3 fois moins
      nombreux parmi les contributeurs que dans la population à Lens » (« 20 % moins
      nombreux » when they are less than twice fewer);
    - a suppressed cell, whose figures stay hidden: « À Lens, moins de 5 contributeurs
      parmi les 75 ans ou plus : il en manque au moins 3 ».

    A gap that is not significant (status other than ``under``) says it may be chance;
    a public that field work does not go and meet (:data:`NOT_FIELD_PUBLICS`) says so.
    ``escape`` makes each zone name safe for where the sentence is shown.
    """
    reasons = []
    for row in targets.itertuples(index=False):
        zone = escape(str(row.zone_name))
        if row.blank:
            text = i18n.message("outreach.reason.blank", zone=zone, population=formats.number(row.population))
        elif row.suppressed:
            people = _public_people(row.group)
            text = i18n.message("outreach.reason.public_few", zone=zone, min_cell=MIN_CELL,
                                people=people[:1].lower() + people[1:], needed=formats.number(row.needed))
        else:
            whole = row.dimension == "all"
            fields: dict[str, str] = {"zone": zone}
            if not whole:
                fields["people"] = _public_people(row.group)
            ratio = float(row.ratio)
            if ratio <= 0.5:
                key, fields["times"] = "times", _times(1 / ratio)
            else:
                key, fields["percent"] = "percent", formats.percent(1 - ratio)
            text = i18n.message(f"outreach.reason.{'zone' if whole else 'public'}_{key}", **fields)
        if not row.blank and row.status != "under":
            text = i18n.message("outreach.reason.uncertain", reason=text)
        if (row.dimension, row.group) in NOT_FIELD_PUBLICS:
            text = i18n.message("outreach.reason.not_field", reason=text)
        reasons.append(text)
    return reasons


def outreach_query(targets: pd.DataFrame) -> list[dict[str, str]]:
    """The query parameters of the field-entry page for each line of an outreach list:
    ``zone`` (its code) and, for a public, ``public`` (its group code)."""
    return [
        {"zone": str(z)} if d == "all" else {"zone": str(z), "public": str(g)}
        for z, d, g in zip(targets["zone_code"], targets["dimension"], targets["group"], strict=True)
    ]


def field_target(params: Mapping[str, object], zone_names: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(zone code, public group code) asked by the field-entry page's query parameters
    (:func:`outreach_query`); a zone not in ``zone_names`` or an unknown public is
    ignored (``None``), and so is a public without a valid zone."""
    zone, public = params.get("zone"), params.get("public")
    if not isinstance(zone, str) or zone not in zone_names:
        return None, None
    known = isinstance(public, str) and any(public in groups for groups in GROUPS.values())
    return zone, public if known else None


def field_target_note(zone_name: str, public: str | None) -> str:
    """The note the field-entry page shows when opened from « Où aller ? »
    (``zone_name`` as it is to be shown: escaped by the caller)."""
    if public is None:
        return i18n.message("page.saisie.outreach_note_zone", zone=zone_name)
    people = _public_people(public)
    return i18n.message("page.saisie.outreach_note", zone=zone_name, people=people[:1].lower() + people[1:])


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
    frame["status_label"] = frame["status"].map(STATUS_LABELS).fillna(i18n.message("representation.not_computed"))
    frame["ratio_text"] = frame["ratio"].map(_fr)
    frame["smoothed_text"] = frame["smoothed_ratio"].map(_fr)
    frame["interval_text"] = [
        i18n.message("representation.interval", low=_fr(lo), high=_fr(hi)) for lo, hi in zip(frame["ci_low"], frame["ci_high"], strict=True)
    ]
    frame["contributors_text"] = frame["contributors"].map(lambda v: "—" if pd.isna(v) else str(int(v)))
    frame["label"] = [
        i18n.message("representation.tooltip_blank", name=n) if k == "blank" else i18n.message("representation.tooltip", name=n, ratio=r, status=s)
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


# --------------------------------------------------------------------------- French tables


def _int_text(value: object) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{round(float(value)):,}".replace(",", "\u202f")


def _pct(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{100 * float(value):.1f} %".replace(".", ",")


def status_labels(values: pd.Series) -> pd.Series:
    """French label of each status code (``non calculé`` when there is none)."""
    return values.map(STATUS_LABELS).fillna(i18n.message("representation.not_computed"))


def zones_display(result: ZoneRepresentation) -> pd.DataFrame:
    """The zone table with French headers (numbers stay numbers, for sorting)."""
    t = result.table
    return pd.DataFrame(
        {
            i18n.message("representation.column.zone"): t["zone_name"],
            i18n.message("representation.column.population"): t["population"].round(0),
            i18n.message("representation.column.contributors"): t["contributors"],
            i18n.message("representation.column.expected"): t["expected"].round(1),
            i18n.message("representation.column.ratio"): t["ratio"].round(2),
            i18n.message("representation.column.interval"): [i18n.message("representation.interval", low=_fr(lo), high=_fr(hi)) for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)],
            i18n.message("representation.column.smoothed"): t["smoothed_ratio"].round(2),
            i18n.message("representation.column.status"): status_labels(t["status"]),
            i18n.message("representation.column.blank"): t["blank"].map({True: i18n.message("representation.yes"), False: ""}),
            i18n.message("representation.column.cluster"): t["cluster"].map({"cold": i18n.message("representation.cold_spot"), "hot": i18n.message("representation.hot_spot")}).fillna(""),
        }
    ).reset_index(drop=True)


def publics_display(result: PublicRepresentation, dimension: str) -> pd.DataFrame:
    """One dimension of the publics table, French headers."""
    t = result.table.loc[dimension]
    return pd.DataFrame(
        {
            i18n.message("representation.column.group"): [group_label(dimension, g) for g in t.index],
            i18n.message("representation.column.population"): t["population"].round(0).to_numpy(),
            i18n.message("representation.column.population_share"): [_pct(v) for v in t["population_share"]],
            i18n.message("representation.column.contributors"): t["contributors"].astype("int64").to_numpy(),
            i18n.message("representation.column.contributor_share"): [_pct(v) for v in t["contributor_share"]],
            i18n.message("representation.column.index"): t["index"].round(2).to_numpy(),
            i18n.message("representation.column.interval"): [i18n.message("representation.interval", low=_fr(lo), high=_fr(hi)) for lo, hi in zip(t["ci_low"], t["ci_high"], strict=True)],
            i18n.message("representation.column.status"): status_labels(t["status"]).to_numpy(),
        }
    )


def chi_square_verdict(p_value: float) -> str:
    """What the chi-square goodness-of-fit test says, in plain French (5% level)."""
    if p_value is None or pd.isna(p_value):
        return i18n.message("representation.chi2.impossible")
    if p_value < 0.05:
        return i18n.message("representation.chi2.different")
    return i18n.message("representation.chi2.same")


def public_test_caption(result: PublicRepresentation, dimension: str) -> str:
    """The sentence under a dimension's chart: how many declared it, the chi-square
    test and its verdict, the dimension's representation score."""
    test = result.tests[dimension]
    declared = result.declared.get(dimension, 0)
    score = result.scores.get(dimension)
    p_value = "—" if pd.isna(test["p_value"]) else f"{test['p_value']:.3g}".replace(".", ",")
    return i18n.message(
        "representation.test_caption",
        declared=declared,
        contributors=result.contributors,
        statistic=_fr(test["statistic"], 1),
        dof=test["dof"],
        p_value=p_value,
        verdict=chi_square_verdict(test["p_value"]),
        score=_fr(score, 2),
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
            i18n.message("representation.column.zone"): t["zone_name"].to_numpy(),
            i18n.message("representation.column.group"): [group_label(dimension, g) for g in t["group"]],
            i18n.message("representation.column.population"): [_cell(v, s) for v, s in zip(t["population"], sup, strict=True)],
            i18n.message("representation.column.contributors"): [_cell(v, s) for v, s in zip(t["contributors"], sup, strict=True)],
            i18n.message("representation.column.expected"): [_cell(v, s, digits=1) for v, s in zip(t["expected"], sup, strict=True)],
            i18n.message("representation.column.ratio"): [_cell(v, s, digits=2) for v, s in zip(t["ratio"], sup, strict=True)],
            i18n.message("representation.column.status"): status_labels(t["status"]).to_numpy(),
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
            "status": status_labels(t["status"]).to_numpy(),
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
        table.setdefault(label, {i18n.message("representation.channels.total"): _int_text(totals.get(r.channel))})[column] = text
    out = pd.DataFrame.from_dict(table, orient="index")
    out.index.name = i18n.message("representation.channels.channel")
    return out.reset_index()


def outreach_display(targets: pd.DataFrame) -> pd.DataFrame:
    """The outreach list in French."""
    return pd.DataFrame(
        {
            i18n.message("representation.column.rank"): targets["rank"].to_numpy(),
            i18n.message("representation.column.zone"): targets["zone_name"].to_numpy(),
            i18n.message("representation.column.public"): [group_label(d, g) for d, g in zip(targets["dimension"], targets["group"], strict=True)],
            i18n.message("outreach.column.reason"): outreach_reasons(targets),
            i18n.message("representation.column.contributors"): [_cell(v, s) for v, s in zip(targets["contributors"], targets["suppressed"], strict=True)],
            i18n.message("representation.column.expected"): [_cell(v, s, digits=1) for v, s in zip(targets["expected"], targets["suppressed"], strict=True)],
            i18n.message("representation.column.needed"): [
                i18n.message("representation.at_least", needed=n) if s else str(n) for n, s in zip(targets["needed"], targets["suppressed"], strict=True)
            ],
            i18n.message("representation.column.status"): status_labels(targets["status"]).to_numpy(),
            i18n.message("representation.column.best_channel"): [CHANNELS.get(c, c) if c else "—" for c in targets["best_channel"]],
        }
    )


def home_basis_caption(result: ZoneRepresentation) -> str:
    """How many contributors the home basis leaves out, and why (``result`` on that basis)."""
    totals = result.totals
    return i18n.message(
        "representation.home_basis",
        left_out=result.left_out, no_home=totals["no_home"], home_outside=totals["home_outside"],
    )


def reweighted_caption(result: Reweighted) -> str:
    """How many contributions the re-weighting uses, leaves out, and the population it covers."""
    return i18n.message(
        "representation.reweighted_caption",
        used=result.used, no_age=result.no_age, no_breakdown=result.no_breakdown, coverage=100 * result.coverage,
    )


def reweighted_display(result: Reweighted, by: str = "theme") -> pd.DataFrame:
    """Raw and re-weighted counts per theme (``by="theme"``) or zone, in French."""
    t = result.by_theme if by == "theme" else result.by_zone
    first = {i18n.message("representation.column.theme"): t.index.to_numpy()} if by == "theme" else {i18n.message("representation.column.zone"): t["zone_name"].to_numpy()}
    return pd.DataFrame(
        {
            **first,
            i18n.message("representation.column.contributions"): t["contributions"].to_numpy(),
            i18n.message("representation.column.raw_share"): [_pct(v) for v in t["share"]],
            i18n.message("representation.column.reweighted"): t["reweighted"].round(1).to_numpy(),
            i18n.message("representation.column.reweighted_share"): [_pct(v) for v in t["reweighted_share"]],
        }
    )


HEX_CLASSES: Sequence[tuple[str, int, str, str]] = i18n.per_language_list(lambda: [
    ("h0", 0, "#ffffff", i18n.message("representation.hex.none")),
    ("h1", 1, "#fee8c8", "1"),
    ("h2", 4, "#fdbb84", i18n.message("representation.hex.h2")),
    ("h3", 9, "#fc8d59", i18n.message("representation.hex.h3")),
    ("h4", 24, "#e34a33", i18n.message("representation.hex.h4")),
    ("h5", 2**62, "#b30000", i18n.message("representation.hex.h5")),
])
"""Classes of contributors per hexagon: key, upper bound (inclusive), colour, label."""
HEX_STYLES: dict[str, dict[str, object]] = {
    key: {"fillColor": colour, "fillOpacity": 0.15 if key == "h0" else 0.75}
    for key, _u, colour, _l in HEX_CLASSES
}
"""Leaflet style of each hexagon class (empty hexagons nearly transparent)."""
HEX_LEGEND: Sequence[tuple[str, str]] = i18n.per_language_list(
    lambda: [(colour, label) for _k, _u, colour, label in HEX_CLASSES]
)


def hexagon_class(counts: pd.Series) -> pd.Series:
    """Key of the :data:`HEX_CLASSES` class of each count."""
    bounds = np.array([upper for _k, upper, _c, _l in HEX_CLASSES])
    keys = np.array([k for k, *_ in HEX_CLASSES])
    return pd.Series(keys[np.searchsorted(bounds, counts.to_numpy(), side="left")], index=counts.index)


def hexagon_map_frame(hexes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Hexagons of :func:`cartoparti.analysis.hexagons.hexagon_counts` with what
    their map shows: ``klass``
    (:data:`HEX_CLASSES` key) and ``label`` (French tooltip)."""
    out = hexes.copy()
    out["klass"] = hexagon_class(out["contributors"])
    out["zone_name"] = out["zone_name"].fillna(i18n.message("representation.hex.outside"))
    out["label"] = [
        i18n.message("representation.hex.tooltip", zone=z, contributors=c, contributions=n)
        for z, c, n in zip(out["zone_name"], out["contributors"], out["contributions"], strict=True)
    ]
    return out


def hexagon_summary(hexes: pd.DataFrame) -> str:
    """« N hexagones, dont M sans aucune contribution. »"""
    empty = int((hexes["contributors"] == 0).sum())
    return i18n.message("representation.hex.summary", count=len(hexes), empty=empty)
