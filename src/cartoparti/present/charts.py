"""Charts of the representation analyses, as Altair (Vega-Lite) charts.

Built from the results of :mod:`cartoparti.analysis.representation`; no streamlit here:
a page shows them with ``st.altair_chart``, a test reads ``chart.to_dict()``.
Colours are those of the maps (:data:`cartoparti.present.representation.RATIO_CLASSES`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from cartoparti.analysis import representation as rep
from cartoparti.present import representation as view

__all__ = ["STATUS_COLOURS", "public_index_chart", "zone_public_heatmap"]

STATUS_COLOURS: dict[str, str] = {
    "sous-représenté": "#b2182b",
    "conforme": "#777777",
    "sur-représenté": "#2166ac",
    "non calculé": "#bdbdbd",
}
"""Colour of each French status on the publics charts."""


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
            x=alt.X("ci_low:Q", title="Indice (1 = en proportion de la population)"), x2="ci_high:Q"
        )
        + base.mark_point(filled=True, size=90).encode(
            x="index:Q",
            color=alt.Color(
                "statut:N",
                scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                title="Statut",
            ),
            tooltip=[alt.Tooltip("label:N", title="Groupe"), alt.Tooltip("index:Q", title="Indice", format=".2f"),
                     alt.Tooltip("statut:N", title="Statut")],
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
        tooltip=[alt.Tooltip("zone_name:N", title="Commune"), alt.Tooltip("group_label:N", title="Groupe"),
                 alt.Tooltip("text:N", title="Ratio"), alt.Tooltip("status:N", title="Statut")],
    )
    text = rect.mark_text(fontSize=11).encode(text="text:N", color=alt.value("#222222"))
    return rect + text
