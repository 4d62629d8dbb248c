"""What the representation analyses start from: a selection, and the store's counts of it.

:class:`Selection` says which contributions are analysed; :func:`count` is the one
place that reads the store (group-bys in the database over the stored zone of each
contribution, :meth:`representation_counts`) and returns :class:`Counts`, the only
input of every pure ``*_of`` function of this package. :data:`BASES`,
:data:`GROUPS` and :data:`LEVEL` are shared by all of them.

Definitions: a *contributor* is a distinct ``contributor_id`` (a contribution
without one counts as one contributor); *basis* ``place`` counts contributors in the
zones where they pinned, ``home`` in their declared commune of residence (primary
layer only; contributors who gave none are left out and counted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.model import AGE_BANDS, CSP
from cartoparti.storage import Storage
from cartoparti.storage.common import BASES, totals_for

__all__ = ["BASES", "GROUPS", "LEVEL", "Counts", "Selection", "count"]

GROUPS: dict[str, dict[str, str]] = {"age_band": AGE_BANDS, "csp": CSP}
"""Group codes of each dimension, in the import contract's order (values: the model's labels)."""
LEVEL = 0.95
"""Confidence level of every interval, unless a caller asks for another."""


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


@dataclass(frozen=True)
class Counts:
    """What the store counts for one selection, basis and layer: the only input of
    the analyses of this package.

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
        """Contributor totals on ``basis`` (default: the counts' own): ``contributors``
        in the selection, ``placed`` by the basis, ``no_home`` (no commune of residence
        declared), ``home_outside`` (declared commune outside)."""
        return totals_for(self.parts["totals"], basis or self.basis)


def _check(store: Storage, basis: str, layer: str | None) -> str:
    """The layer to analyse; raise for an unknown basis or home basis off communes."""
    if basis not in BASES:
        raise ValidationError({"basis": i18n.message("representation.basis_unknown", basis=basis)})
    primary = store.primary_layer()
    layer = layer or primary
    if layer not in set(store.zone_layers()["layer"]):
        raise ValidationError({"layer": i18n.message("representation.layer_unknown", layer=layer)})
    if basis == "home" and layer != primary:
        raise ValidationError(
            {"basis": i18n.message("representation.home_off_primary", primary=primary)}
        )
    return layer


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
