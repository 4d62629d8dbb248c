"""The page's bundle: every representation analysis of one selection, counted once.

:func:`report_of` runs the analyses of :mod:`.zones`, :mod:`.publics`,
:mod:`.zone_publics`, :mod:`.channels`, :mod:`.outreach` and :mod:`.reweighting`
on one :class:`~.counts.Counts`, sharing the unsuppressed cells between them, as the
``representation_by_*`` functions compute them one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from cartoparti.analysis.representation.channels import channel_cells, channels_of
from cartoparti.analysis.representation.counts import BASES, LEVEL, Counts, Selection, count
from cartoparti.analysis.representation.outreach import outreach_of
from cartoparti.analysis.representation.publics import (
    LEFT_OUT_COLUMNS,
    PublicRepresentation,
    left_out,
    publics_of,
)
from cartoparti.analysis.representation.reweighting import Reweighted, reweighted_of
from cartoparti.analysis.representation.zone_publics import (
    ZonePublicRepresentation,
    zone_public_cells,
    zone_publics_of,
)
from cartoparti.analysis.representation.zones import ZoneRepresentation, zones_of
from cartoparti.storage import Storage

__all__ = ["RepresentationReport", "report_of", "representation_report"]


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
    left_out: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LEFT_OUT_COLUMNS))
    """Zones without a breakdown by public (see :func:`~.publics.breakdown_left_out`)."""

    @property
    def zones_left_out(self) -> list[str]:
        """Names of the zones without a breakdown by public."""
        return self.left_out["zone_name"].tolist()


def report_of(
    counts: Counts, *, selection: Selection | None = None, top: int = 20, seed: int = 0
) -> RepresentationReport:
    """Every analysis of this package from ``counts`` (all parts), as the
    ``representation_by_*`` functions compute them one by one."""
    cells = zone_public_cells(counts, LEVEL)
    channels = channel_cells(counts, LEVEL)
    zones = zones_of(counts, seed=seed)
    return RepresentationReport(
        selection=selection or Selection(),
        basis=counts.basis,
        zones=zones,
        publics=publics_of(counts),
        zone_public=zone_publics_of(counts, cells=cells),
        channels=channels_of(counts, cells=channels),
        outreach=outreach_of(counts, top=top, cells=cells, zones=zones.table, channels=channels),
        reweighted=reweighted_of(counts),
        totals_by_basis={b: counts.totals(b) for b in BASES},
        left_out=left_out(counts.zones),
    )


def representation_report(
    store: Storage,
    *,
    basis: str = "place",
    selection: Selection | None = None,
    top: int = 20,
    seed: int = 0,
) -> RepresentationReport:
    """Every analysis of this package over the primary layer, for the page: one
    materialised selection, counted once (see :func:`report_of`)."""
    selection = selection or Selection()
    counts = count(store, basis=basis, selection=selection)
    return report_of(counts, selection=selection, top=top, seed=seed)
