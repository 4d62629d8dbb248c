"""Charts of the representation analyses, as Altair (Vega-Lite) charts.

Built from the results of :mod:`cartoparti.analysis.representation`; no streamlit here:
a page shows them with ``st.altair_chart``, a test reads ``chart.to_dict()``.
Colours are those of the maps (:data:`cartoparti.present.representation.RATIO_CLASSES`).
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from cartoparti import i18n
from cartoparti.analysis import representation as rep
from cartoparti.present import representation as view

__all__ = ["STATUS_COLOURS", "capacity_chart", "public_index_chart", "zone_public_heatmap"]

STATUS_COLOURS: Mapping[str, str] = i18n.per_language_dict(lambda: {
    view.STATUS_LABELS["under"]: "#b2182b",
    view.STATUS_LABELS["expected"]: "#777777",
    view.STATUS_LABELS["over"]: "#2166ac",
    i18n.message("representation.not_computed"): "#bdbdbd",
})
"""Colour of each status label (of the active language) on the publics charts."""


def public_index_chart(result: rep.PublicRepresentation, dimension: str) -> alt.LayerChart:
    """Index of each group of ``dimension`` (point, coloured by status) with its 95%
    interval (rule) and a dashed reference line at 1, groups in the import
    contract's order."""
    table = result.table.loc[dimension].reset_index()
    table["label"] = [view.group_label(dimension, g) for g in table["group"]]
    table["statut"] = view.status_labels(table["status"])
    order = table["label"].tolist()
    base = alt.Chart(table).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=420))
    )
    return (
        base.mark_rule(strokeWidth=2).encode(
            x=alt.X("ci_low:Q", title=i18n.message("chart.index_axis")), x2="ci_high:Q"
        )
        + base.mark_point(filled=True, size=90).encode(
            x="index:Q",
            color=alt.Color(
                "statut:N",
                scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                title=i18n.message("chart.status"),
            ),
            tooltip=[alt.Tooltip("label:N", title=i18n.message("chart.group")), alt.Tooltip("index:Q", title=i18n.message("chart.index"), format=".2f"),
                     alt.Tooltip("statut:N", title=i18n.message("chart.status"))],
        )
        + alt.Chart(pd.DataFrame({"one": [1.0]})).mark_rule(strokeDash=[5, 4], color="#333").encode(x="one:Q")
    )


def zone_public_heatmap(heat: pd.DataFrame, dimension: str) -> alt.LayerChart:
    """Zones (rows) × groups (columns) of :func:`cartoparti.present.representation.heatmap_frame`,
    each cell coloured by its ratio class and labelled with its ratio or « < 5 »."""
    colours = {key: colour for key, _u, colour, _l in view.RATIO_CLASSES}
    colours.update({view.NO_VALUE_CLASS[0]: view.NO_VALUE_CLASS[1], "suppressed": view.SUPPRESSED_COLOUR})
    order = [view.group_label(dimension, g) for g in rep.GROUPS[dimension]]
    rect = alt.Chart(heat).mark_rect(stroke="#ffffff").encode(
        x=alt.X("group_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=160)),
        y=alt.Y("zone_name:N", title=None, axis=alt.Axis(labelLimit=220)),
        color=alt.Color("klass:N", scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                        legend=None),
        tooltip=[alt.Tooltip("zone_name:N", title=i18n.message("chart.zone")), alt.Tooltip("group_label:N", title=i18n.message("chart.group")),
                 alt.Tooltip("text:N", title=i18n.message("chart.ratio")), alt.Tooltip("status:N", title=i18n.message("chart.status"))],
    )
    text = rect.mark_text(fontSize=11).encode(text="text:N", color=alt.value("#222222"))
    return rect + text


def capacity_chart(table: pd.DataFrame) -> alt.FacetChart:
    """Planned load per month (bars; red where over capacity) against each service's
    capacity (dashed line), one row per service: the frame of
    :func:`cartoparti.analysis.capacity.capacity_table` (``service, month, load, capacity, over``)."""
    from cartoparti.i18n import formats

    frame = table.copy()
    frame["mois"] = frame["month"].map(formats.month)
    frame["etat"] = frame["over"].map(
        {True: i18n.message("chart.capacity.over"), False: i18n.message("chart.capacity.within")}
    )
    order = frame.sort_values("month")["mois"].drop_duplicates().tolist()
    states = [i18n.message("chart.capacity.within"), i18n.message("chart.capacity.over")]
    bars = alt.Chart().mark_bar().encode(
        x=alt.X("mois:N", sort=order, title=None),
        y=alt.Y("load:Q", title=i18n.message("chart.capacity.days")),
        color=alt.Color("etat:N", scale=alt.Scale(domain=states, range=["#2166ac", "#b2182b"]),
                        title=None),
        tooltip=[alt.Tooltip("mois:N", title=i18n.message("chart.capacity.month")),
                 alt.Tooltip("load:Q", title=i18n.message("chart.capacity.load"), format=".1f"),
                 alt.Tooltip("capacity:Q", title=i18n.message("chart.capacity.capacity"), format=".1f")],
    )
    rule = alt.Chart().mark_rule(strokeDash=[5, 4], color="#333").encode(y="capacity:Q")
    return alt.layer(bars, rule, data=frame).facet(
        row=alt.Row("service:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left"))
    ).resolve_scale(y="independent")
