"""« Qui manque ? » in sentences a councillor can repeat: which publics and which
communes are missing, how far from what the census would lead one to expect, and when the
numbers are too small to say. The method (intervals, tests) stays one click away."""

from __future__ import annotations

from cartoparti import i18n
from cartoparti.analysis.representation import RepresentationReport
from cartoparti.analysis.representation.outreach import NOT_FIELD_PUBLICS
from cartoparti.i18n import formats
from cartoparti.present.representation import group_label

__all__ = ["FEW_DECLARED", "MAX_NAMES", "MAX_PUBLICS", "headlines", "times_fewer"]

MAX_PUBLICS = 3
"""Most publics named (the most under-represented first)."""
MAX_NAMES = 5
"""Most communes named in one sentence; the others are counted."""
CLEAR_GAP = 0.8
"""Only gaps at least this wide are told (index or ratio ≤ 0,8: 1,25 times fewer or
more); narrower ones, even when significant, stay in the tables."""
FEW_DECLARED = 30
"""Below this many contributors who declared a dimension, its gaps are said to be fragile."""


def times_fewer(index: float) -> str:
    """How many times fewer, as one says it: « 3 » from 0,33, « 1,5 » from 0,67, « 2 »
    from 0,5 (one decimal under 2,5 unless it is 0, whole numbers from 2,5)."""
    factor = 1 / index
    if factor >= 2.5 or round(factor, 1) == round(factor):
        return formats.number(round(factor), 0)
    return formats.number(round(factor, 1), 1)


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_NAMES])
    if len(names) <= MAX_NAMES:
        return shown
    others = len(names) - MAX_NAMES
    return i18n.message("headline.and_other" if others == 1 else "headline.and_others", names=shown, count=others)


def _publics(report: RepresentationReport) -> list[str]:
    table = report.publics.table
    under = table[(table["status"] == "under") & (table["index"] <= CLEAR_GAP)].sort_values("index")
    # children under 15 are not asked to contribute: their absence is no news
    under = under[[key not in NOT_FIELD_PUBLICS for key in under.index]]
    lines = []
    for (dimension, group), row in under.head(MAX_PUBLICS).iterrows():
        label = group_label(str(dimension), str(group))
        shares = {"cshare": formats.percent(row["contributor_share"]), "pshare": formats.percent(row["population_share"])}
        if row["index"] <= 0:
            lines.append(i18n.message(f"headline.public_none.{dimension}", group=label, **shares))
        else:
            lines.append(i18n.message(f"headline.public_fewer.{dimension}", group=label,
                                      factor=times_fewer(float(row["index"])), **shares))
    return lines


def _zones(report: RepresentationReport) -> list[str]:
    table = report.zones.table
    lines = []
    total = len(table)
    blanks = sorted(table.loc[table["blank"], "zone_name"])
    if blanks:
        key = "headline.blank_one" if len(blanks) == 1 else "headline.blank"
        lines.append(i18n.message(key, count=len(blanks), total=total, names=_names(blanks)))
    under = table[(table["status"] == "under") & ~table["blank"] & (table["ratio"] <= CLEAR_GAP)].sort_values("ratio")
    if len(under):
        worst = under.iloc[0]
        lines.append(i18n.message(
            "headline.zones_under_one" if len(under) == 1 else "headline.zones_under", count=len(under), names=_names(list(under["zone_name"])),
            worst=worst["zone_name"], factor=times_fewer(float(worst["ratio"])),
        ))
    return lines


def _fragile(report: RepresentationReport) -> list[str]:
    declared = report.publics.declared.get("age_band", 0)
    contributors = report.publics.contributors
    if contributors == 0 or declared >= FEW_DECLARED:
        return []
    if declared == 0:
        return [i18n.message("headline.fragile_none")]
    return [i18n.message("headline.fragile_one" if declared == 1 else "headline.fragile", declared=declared)]


def headlines(report: RepresentationReport) -> list[str]:
    """The sentences that lead « Qui manque ? » (plain text: names come from the
    territory's files), most telling first; one sentence when nobody took part, and one
    when nothing is clearly missing."""
    if report.totals_by_basis.get("place", {}).get("contributors", 0) == 0 and report.zones.table["contributors"].sum() == 0:
        return [i18n.message("headline.nobody")]
    lines = _publics(report) + _zones(report)
    if not lines:
        lines.append(i18n.message("headline.none_missing"))
    return lines + _fragile(report)
