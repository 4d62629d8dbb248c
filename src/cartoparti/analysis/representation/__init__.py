"""Who and where is missing: representation of areas and publics among contributors.

One module per concept, each a pure function of the store's counts
(:class:`~.counts.Counts`, read once by :func:`~.counts.count`) and of
:mod:`cartoparti.analysis.stats`:

- :mod:`.counts`: the selection, the counting bases and the counts themselves;
- :mod:`.secrecy`: the statistical-secrecy rule (:data:`MIN_CELL`) and its suppression;
- :mod:`.zones`: zone rates, *zones blanches* and Gi* cold spots;
- :mod:`.publics`: age bands and socio-professional categories, and which zones
  have a breakdown by public;
- :mod:`.zone_publics`: zone × public cells;
- :mod:`.channels`: which channels reached whom;
- :mod:`.outreach`: where and whom to go and meet next;
- :mod:`.reweighting`: contributions post-stratified by age band × zone;
- :mod:`.report`: all of them for the page "Qui manque ?", counted once.

Each ``representation_by_*`` function (and :func:`channel_reach`,
:func:`outreach_targets`, :func:`reweighted_counts`) takes the counts it needs from
the store, then calls the same pure ``*_of`` function as :func:`report_of`. Results
hold codes and numbers only, the zones' codes (or group codes) as index; randomness
takes a seed. What people read of them (French labels, tables, map classes) is
:mod:`cartoparti.present.representation`; files are :mod:`cartoparti.io.tables`.
The page "Qui manque ?" states the definitions in French.

This package re-exports the public names of its modules.
"""

from __future__ import annotations

from cartoparti.analysis.representation.channels import CHANNEL_COLUMNS, channel_reach, channels_of
from cartoparti.analysis.representation.counts import BASES, GROUPS, LEVEL, Counts, Selection, count
from cartoparti.analysis.representation.outreach import (
    OUTREACH_COLUMNS,
    outreach_of,
    outreach_targets,
)
from cartoparti.analysis.representation.publics import (
    PUBLIC_COLUMNS,
    PublicRepresentation,
    breakdown_left_out,
    publics_of,
    representation_by_public,
)
from cartoparti.analysis.representation.report import (
    RepresentationReport,
    report_of,
    representation_report,
)
from cartoparti.analysis.representation.reweighting import (
    Reweighted,
    reweighted_counts,
    reweighted_of,
)
from cartoparti.analysis.representation.secrecy import MIN_CELL
from cartoparti.analysis.representation.zone_publics import (
    ZONE_PUBLIC_COLUMNS,
    ZonePublicRepresentation,
    representation_by_zone_public,
    zone_publics_of,
)
from cartoparti.analysis.representation.zones import (
    ZONE_COLUMNS,
    ZoneRepresentation,
    representation_by_zone,
    zones_of,
)

__all__ = [
    "BASES",
    "CHANNEL_COLUMNS",
    "GROUPS",
    "LEVEL",
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
