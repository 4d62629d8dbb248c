"""The story of a place (public): a landmark of the territory (its id, ``layer:n``), or
a place that comes back (``lieu-<key>``, found again with the same ``eps`` and least
number of contributors: the defaults on the public page). Only published contributions, never profile data."""

from __future__ import annotations

import dataclasses

import geopandas as gpd

from cartoparti import i18n
from cartoparti._errors import NotFoundError
from cartoparti.analysis import clusters as cluster_analysis
from cartoparti.analysis.stories import CLUSTER_PREFIX, STORY_RADIUS_M, Story, gather
from cartoparti.commands import plan
from cartoparti.commands.clusters import places
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = ["story"]


def story(
    store: Storage,
    settings: Settings,
    place_id: str,
    *,
    radius_m: float = STORY_RADIUS_M,
    eps_m: float = cluster_analysis.DEFAULT_EPS_M,
    min_contributors: int = cluster_analysis.DEFAULT_MIN_CONTRIBUTORS,
    found: cluster_analysis.Clusters | None = None,
) -> Story:
    """The story of ``place_id``; raise :class:`NotFoundError` (French) for an unknown one.

    A place that comes back is looked for among ``found`` when given (places already
    computed, e.g. cached by the public page with the defaults), else among the places
    found now with ``eps_m`` and ``min_contributors``."""
    return _with_plan(store, _story(store, settings, place_id, radius_m=radius_m, eps_m=eps_m,
                                    min_contributors=min_contributors, found=found))


def _with_plan(store: Storage, found: Story) -> Story:
    """The story with the plan items placed within its radius or fed by its contributions."""
    items = store.plan_items()
    if items.empty:
        return found
    ids = list(found.contributions["id"]) if len(found.contributions) else []
    chosen = set(store.plan_links(contribution_ids=ids, public_only=True)["item_id"]) if ids else set()
    placed = items[items.geometry.notna()]
    if len(placed):
        centre = gpd.GeoSeries([found.geometry], crs="EPSG:4326").to_crs(cluster_analysis.L93).iloc[0]
        distance = placed.geometry.to_crs(cluster_analysis.L93).distance(centre)
        chosen |= set(placed.loc[distance <= found.radius_m, "id"])
    return dataclasses.replace(found, plan=[item for item in plan.public_plan(store) if item["id"] in chosen])


def _story(
    store: Storage,
    settings: Settings,
    place_id: str,
    *,
    radius_m: float,
    eps_m: float,
    min_contributors: int,
    found: cluster_analysis.Clusters | None,
) -> Story:
    landmarks = store.landmarks()
    contributions = store.contributions(published_only=True)
    place_id = str(place_id or "").strip()
    if place_id.startswith(CLUSTER_PREFIX):
        if found is None:
            found = places(store, settings, eps_m=eps_m, min_contributors=min_contributors, public=True)
        match = found.places[found.places["key"] == place_id[len(CLUSTER_PREFIX):]]
        if match.empty:
            raise NotFoundError(i18n.message("story.unknown", id=place_id))
        row = match.iloc[0]
        return gather(
            story_id=place_id,
            name=i18n.message("page.histoire.place", number=int(row["cluster"])),
            kind_label=i18n.message("page.lieux.page"),
            geometry=row.geometry,
            contributions=contributions,
            landmarks=landmarks,
            radius_m=radius_m,
        )
    match = landmarks[landmarks["id"] == place_id]
    if match.empty:
        raise NotFoundError(i18n.message("story.unknown", id=place_id))
    row = match.iloc[0]
    return gather(
        story_id=place_id,
        name=str(row["name"]),
        kind_label=str(row["layer_label"]),
        geometry=row.geometry,
        contributions=contributions,
        landmarks=landmarks,
        radius_m=radius_m,
        exclude_landmark=place_id,
    )
