"""What people read of the representation analyses: French labels, captions and
tables, map classes, styles and legends, and the frames the maps and charts draw.

Built from the results of :mod:`cartoparti.analysis.representation` (which hold
codes and numbers only); no streamlit here. Numbers are written the French way
(``0,83``, ``12,5 %``, a narrow no-break space between thousands).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from cartoparti.analysis.representation import (
    GROUPS,
    MIN_CELL,
    PublicRepresentation,
    Reweighted,
    ZonePublicRepresentation,
    ZoneRepresentation,
)
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

BASES: dict[str, str] = {
    "place": "lieu des contributions",
    "home": "commune de résidence déclarée",
}
"""French label of each counting basis (:data:`cartoparti.analysis.representation.BASES`)."""
DIMENSIONS: dict[str, str] = {
    "age_band": "Tranche d'âge",
    "csp": "Catégorie socioprofessionnelle (15 ans ou plus)",
}
STATUS_LABELS: dict[str, str] = {
    "under": "sous-représenté",
    "expected": "conforme",
    "over": "sur-représenté",
}
SUPPRESSED_TEXT = f"< {MIN_CELL}"
"""What a suppressed cell shows instead of its figures."""

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


# --------------------------------------------------------------------------- French tables


def _int_text(value: object) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{round(float(value)):,}".replace(",", "\u202f")


def _pct(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{100 * float(value):.1f} %".replace(".", ",")


def status_labels(values: pd.Series) -> pd.Series:
    """French label of each status code (``non calculé`` when there is none)."""
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
            "Statut": status_labels(t["status"]),
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
            "Statut": status_labels(t["status"]).to_numpy(),
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
            "Statut": status_labels(t["status"]).to_numpy(),
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
            "Statut": status_labels(targets["status"]).to_numpy(),
            "Canal qui a le mieux marché": [CHANNELS.get(c, c) if c else "—" for c in targets["best_channel"]],
        }
    )


def home_basis_caption(result: ZoneRepresentation) -> str:
    """How many contributors the home basis leaves out, and why (``result`` on that basis)."""
    totals = result.totals
    return (
        f"Base « commune de résidence » : {result.left_out} contributeur(s) laissé(s) de côté "
        f"({totals['no_home']} sans commune déclarée, {totals['home_outside']} hors du territoire)."
    )


def reweighted_caption(result: Reweighted) -> str:
    """How many contributions the re-weighting uses, leaves out, and the population it covers."""
    return (
        f"{result.used} contribution(s) redressée(s) ; laissées de côté : {result.no_age} sans tranche d'âge, "
        f"{result.no_breakdown} hors des communes dont la population par âge est connue. "
        f"Population couverte par au moins une contribution : {100 * result.coverage:.0f} %."
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
    """Hexagons of :func:`cartoparti.analysis.hexagons.hexagon_counts` with what
    their map shows: ``klass``
    (:data:`HEX_CLASSES` key) and ``label`` (French tooltip)."""
    out = hexes.copy()
    out["klass"] = hexagon_class(out["contributors"])
    out["zone_name"] = out["zone_name"].fillna("hors des communes")
    out["label"] = [
        f"{z} : {c} contributeur(s), {n} contribution(s)"
        for z, c, n in zip(out["zone_name"], out["contributors"], out["contributions"], strict=True)
    ]
    return out


def hexagon_summary(hexes: pd.DataFrame) -> str:
    """« N hexagones, dont M sans aucune contribution. »"""
    empty = int((hexes["contributors"] == 0).sum())
    return f"{len(hexes)} hexagones, dont {empty} sans aucune contribution."
