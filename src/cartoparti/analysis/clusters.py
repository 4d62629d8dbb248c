"""Places that come back (« lieux qui reviennent ») and groups of weak signals.

Contributions are grouped by density, in metres: their points are projected to
Lambert-93 (EPSG:2154, pyproj) and clustered with scikit-learn's DBSCAN, ``eps`` in
metres.

*Distinct contributors, not points.* A place must be carried by at least
``min_contributors`` distinct contributors (``who``: the ``contributor_id`` of the
profile, or the contribution itself when it has none), so that one person pinning ten
contributions on their street does not make a place. DBSCAN counts points, so it runs
with ``min_samples = min_contributors`` (a necessary condition: ``N`` distinct
contributors within ``eps`` of one of their points are ``N`` points, so that point is a
core point and they all fall in one cluster), and every cluster it finds is then kept
only if it holds at least ``min_contributors`` distinct contributors (the sufficient
one). A cluster made of one contributor's many points is dropped whole; DBSCAN's
chaining (a place may stretch beyond ``eps`` through successive core points) is kept:
a street that comes back all along is one place.

The publics of a place (age bands, socio-professional categories: each contributor's
latest declaration within the place; categories from 15 years, as the census) are
counted in contributors and suppressed below :data:`MIN_CELL` people
(:func:`cartoparti.analysis.representation.secrecy.suppress`).

Pure functions on frames (the store only reads): the input is
``cluster_input()``'s frame ``id, lon, lat, kind, theme, created_at, who, age_band, csp``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from sklearn.cluster import DBSCAN, AgglomerativeClustering

from cartoparti.analysis.representation.secrecy import MIN_CELL, suppress
from cartoparti.storage import utc_naive

__all__ = [
    "DEFAULT_EPS_M",
    "DEFAULT_MIN_CONTRIBUTORS",
    "L93",
    "MIN_CELL",
    "WEAK_SIGNAL",
    "Clusters",
    "density_groups",
    "find_clusters",
    "group_key",
    "to_l93",
    "weak_signal_groups",
]

L93 = "EPSG:2154"
DEFAULT_EPS_M = 150.0
"""Default neighbourhood of a place, in metres."""
DEFAULT_MIN_CONTRIBUTORS = 3
"""Default least number of distinct contributors of a place."""
WEAK_SIGNAL = "weak_signal"
"""The kind code of weak signals (:data:`cartoparti.model.KINDS`)."""

_TO_L93 = Transformer.from_crs("EPSG:4326", L93, always_xy=True)
_TO_WGS = Transformer.from_crs(L93, "EPSG:4326", always_xy=True)


def to_l93(lon: object, lat: object) -> np.ndarray:
    """Lambert-93 ``x, y`` (metres) of WGS84 points, as an ``(n, 2)`` array."""
    x, y = _TO_L93.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.column_stack([np.atleast_1d(x), np.atleast_1d(y)])


def group_key(ids: object) -> str:
    """A stable key of a group of contributions: a hash of their sorted ids."""
    text = " ".join(sorted(str(i) for i in ids))  # type: ignore[union-attr]
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def density_groups(xy: np.ndarray, who: pd.Series, *, eps_m: float, min_contributors: int) -> np.ndarray:
    """Group label of each point (``-1``: none): DBSCAN clusters (``eps_m`` metres,
    ``min_samples = min_contributors``) holding at least ``min_contributors`` distinct
    contributors, numbered 0, 1… in the order of their first point."""
    if len(xy) == 0:
        return np.array([], dtype=int)
    raw = DBSCAN(eps=float(eps_m), min_samples=int(min_contributors)).fit_predict(xy)
    distinct = pd.DataFrame({"raw": raw, "who": list(who)})[raw >= 0].groupby("raw", sort=False)["who"].nunique()
    kept = [label for label in pd.unique(raw) if label >= 0 and distinct[label] >= min_contributors]
    renumber = {label: i for i, label in enumerate(kept)}  # in the order of their first point
    labels = np.array([renumber.get(label, -1) for label in raw], dtype=int)
    return labels


@dataclass(frozen=True)
class Clusters:
    """The places that come back found with ``eps_m`` and ``min_contributors``."""

    places: gpd.GeoDataFrame
    """One row per place, biggest first: ``cluster`` (1, 2…), ``key`` (stable hash of
    the members), ``contributions``, ``contributors`` (distinct), ``kinds`` and ``themes``
    (code → count), ``first_at``, ``last_at`` (UTC), ``lon``, ``lat`` (centroid, WGS84),
    ``geometry`` (footprint: the convex hull of the members widened by ``eps_m / 2``,
    WGS84)."""
    members: pd.DataFrame
    """``cluster, id, kind, theme, created_at, lon, lat`` of each member contribution."""
    publics: pd.DataFrame
    """``cluster, dimension, grp, contributors, suppressed``: contributors of each place
    by age band and category; ``contributors`` is empty where fewer than
    :data:`MIN_CELL` people make the cell (``suppressed`` true)."""
    eps_m: float
    min_contributors: int

    def _by_place(self) -> tuple[dict[int, str], dict[int, list[dict[str, object]]]]:
        """Members (ids, space-separated) and publics (records) of each place."""
        members = {int(c): " ".join(ids) for c, ids in self.members.groupby("cluster")["id"]}
        publics: dict[int, list[dict[str, object]]] = {}
        for p in self.publics.itertuples():
            publics.setdefault(int(p.cluster), []).append({
                "dimension": p.dimension, "grp": p.grp, "suppressed": bool(p.suppressed),
                "contributors": None if p.suppressed else int(p.contributors),
            })
        return members, publics

    def _rows(self) -> list[dict[str, object]]:
        members, publics = self._by_place()
        return [
            {
                "cluster": int(place.cluster),
                "key": place.key,
                "contributions": int(place.contributions),
                "contributors": int(place.contributors),
                "kinds": {k: int(n) for k, n in place.kinds.items()},
                "themes": {k: int(n) for k, n in place.themes.items()},
                "first_at": _iso(place.first_at),
                "last_at": _iso(place.last_at),
                "lon": float(place.lon),
                "lat": float(place.lat),
                "publics": publics.get(int(place.cluster), []),
                "members": members.get(int(place.cluster), "").split(),
            }
            for place in self.places.itertuples()
        ]

    def export_frame(self) -> pd.DataFrame:
        """One flat row per place (for CSV): counts as ``code:n`` lists separated by
        ``;``, dates ISO 8601 UTC, members as ids separated by spaces, publics as
        ``dimension:group=n`` (an empty ``n`` when suppressed)."""
        rows = [
            {
                **row,
                "kinds": ";".join(f"{k}:{n}" for k, n in row["kinds"].items()),  # type: ignore[attr-defined]
                "themes": ";".join(f"{k}:{n}" for k, n in row["themes"].items()),  # type: ignore[attr-defined]
                "publics": ";".join(
                    f"{p['dimension']}:{p['grp']}=" + ("" if p["suppressed"] else str(p["contributors"]))
                    for p in row["publics"]  # type: ignore[attr-defined]
                ),
                "members": " ".join(row["members"]),  # type: ignore[arg-type]
            }
            for row in self._rows()
        ]
        columns = ["cluster", "key", "contributions", "contributors", "kinds", "themes", "first_at",
                   "last_at", "lon", "lat", "publics", "members"]
        return pd.DataFrame(rows, columns=columns)

    def geojson(self) -> dict[str, object]:
        """A GeoJSON FeatureCollection of the footprints, with every figure of the place
        (publics as a list of ``dimension, grp, contributors, suppressed``)."""
        features = [
            {"type": "Feature", "geometry": shapely.geometry.mapping(geometry), "properties": row}
            for geometry, row in zip(self.places.geometry, self._rows(), strict=True)
        ]
        return {"type": "FeatureCollection", "features": features}


def _iso(value: object) -> str:
    return pd.Timestamp(utc_naive(value)).strftime("%Y-%m-%dT%H:%M:%SZ")  # type: ignore[arg-type]


def _publics(members: pd.DataFrame) -> pd.DataFrame:
    """Contributors of each place by age band and category, suppressed below MIN_CELL."""
    columns = ["cluster", "dimension", "grp", "contributors", "suppressed"]
    if members.empty:
        return pd.DataFrame(columns=columns)
    ordered = members.sort_values(["created_at", "id"])
    # each contributor's latest declaration within the place (``last`` skips missing values)
    people = ordered.groupby(["cluster", "who"], sort=True)[["age_band", "csp"]].last().reset_index()
    people.loc[people["age_band"] == "0-14", "csp"] = None  # the census counts categories from 15
    long = people.melt(id_vars=["cluster", "who"], value_vars=["age_band", "csp"],
                       var_name="dimension", value_name="grp").dropna(subset=["grp"])
    if long.empty:
        return pd.DataFrame(columns=columns)
    counts = (long.groupby(["cluster", "dimension", "grp"]).size().rename("contributors").reset_index())
    out = suppress(counts, ["contributors"], by_population=False)
    return _second_suppression(out)[columns].reset_index(drop=True)


def _second_suppression(out: pd.DataFrame) -> pd.DataFrame:
    """Where one group alone of a place's dimension is masked, mask the smallest shown
    one too: the masked count can then no longer be found by subtracting the shown ones
    from the place's number of contributors."""
    out = out.copy()
    for _key, cells in out.groupby(["cluster", "dimension"]):
        if int(cells["suppressed"].sum()) != 1:
            continue
        shown = cells[~cells["suppressed"]]
        if shown.empty:
            continue
        smallest = shown.sort_values(["contributors", "grp"]).index[0]
        out.loc[smallest, ["contributors", "suppressed"]] = [float("nan"), True]
    return out


def _counts_by(group: pd.Series, values: pd.Series) -> dict[object, dict[str, int]]:
    """For each group, ``value → count``, most first (then by value)."""
    counts = pd.DataFrame({"g": group.values, "v": values.astype(str).values}).value_counts().reset_index(
        name="n").sort_values(["g", "n", "v"], ascending=[True, False, True])
    out: dict[object, dict[str, int]] = {}
    for g, v, n in counts.itertuples(index=False):
        out.setdefault(g, {})[str(v)] = int(n)
    return out


def find_clusters(
    points: pd.DataFrame, *, eps_m: float = DEFAULT_EPS_M, min_contributors: int = DEFAULT_MIN_CONTRIBUTORS
) -> Clusters:
    """The places that come back among ``points`` (see the module's notes)."""
    frame = points.reset_index(drop=True)
    xy = to_l93(frame["lon"], frame["lat"]) if len(frame) else np.zeros((0, 2))
    labels = density_groups(xy, frame["who"], eps_m=eps_m, min_contributors=min_contributors)
    frame = frame.assign(_label=labels, _x=xy[:, 0], _y=xy[:, 1])
    inside = frame[frame["_label"] >= 0].sort_values(["_label", "created_at", "id"], kind="stable")
    columns = ["cluster", "key", "contributions", "contributors", "kinds", "themes", "first_at", "last_at",
               "lon", "lat", "geometry"]
    member_columns = ["cluster", "id", "kind", "theme", "created_at", "lon", "lat"]
    if inside.empty:
        empty = gpd.GeoDataFrame(
            pd.DataFrame(columns=columns[:-1]), geometry=gpd.GeoSeries([], crs="EPSG:4326"))
        return Clusters(empty, pd.DataFrame(columns=member_columns), _publics(pd.DataFrame()),
                        float(eps_m), int(min_contributors))
    grouped = inside.groupby("_label", sort=True)
    places = grouped.agg(
        contributions=("id", "size"),
        contributors=("who", "nunique"),
        first_at=("created_at", "min"),
        last_at=("created_at", "max"),
        _x=("_x", "mean"),
        _y=("_y", "mean"),
        _first_id=("id", "first"),
    )
    places["key"] = grouped["id"].agg(group_key)
    kinds, themes = _counts_by(inside["_label"], inside["kind"]), _counts_by(inside["_label"], inside["theme"])
    places["kinds"] = [kinds[label] for label in places.index]
    places["themes"] = [themes[label] for label in places.index]
    # footprints: each place's convex hull, widened by eps / 2, all projected back at once
    codes = inside["_label"].map({label: i for i, label in enumerate(places.index)}).to_numpy()
    hulls = shapely.buffer(
        shapely.convex_hull(shapely.multipoints(inside[["_x", "_y"]].to_numpy(), indices=codes)),
        float(eps_m) / 2,
    )
    places["geometry"] = gpd.GeoSeries(hulls, crs=L93, index=places.index).to_crs("EPSG:4326")
    lon, lat = _TO_WGS.transform(places["_x"].to_numpy(), places["_y"].to_numpy())
    places["lon"], places["lat"] = lon, lat
    places = places.reset_index().sort_values(
        ["contributors", "contributions", "_first_id"], ascending=[False, False, True], ignore_index=True)
    places["cluster"] = range(1, len(places) + 1)
    number = dict(zip(places["_label"], places["cluster"], strict=True))
    places = gpd.GeoDataFrame(places[columns], geometry="geometry", crs="EPSG:4326")
    members = inside.assign(cluster=inside["_label"].map(number)).sort_values(["cluster", "created_at", "id"])
    return Clusters(
        places,
        members[member_columns].reset_index(drop=True),
        _publics(members).sort_values(["cluster", "dimension", "grp"], ignore_index=True),
        float(eps_m),
        int(min_contributors),
    )


def weak_signal_groups(
    points: pd.DataFrame, *, radius_m: float, days: int, min_contributors: int, now: datetime
) -> pd.DataFrame:
    """Groups of weak signals sent in the ``days`` days before ``now`` by at least
    ``min_contributors`` distinct contributors within ``radius_m`` metres: ``key`` (hash
    of the member ids: a new member makes a new key), ``members`` (ids, sorted,
    space-separated), ``contributors``, ``lon``, ``lat`` (centroid), ``first_at``,
    ``last_at``.

    *Within* ``radius_m``: every member of an alert lies within ``radius_m`` metres of
    the alert's centroid. The density grouping of :func:`density_groups` (``eps =
    radius_m``) finds the candidates, but DBSCAN chains (five signals 240 m apart in a
    row are one cluster 960 m long); a candidate wider than that is split by
    complete-linkage clustering (scikit-learn's ``AgglomerativeClustering``) into parts
    whose members are all less than ``radius_m`` apart (so each lies within
    ``radius_m`` of its part's centroid, which is inside their convex hull), and each
    part is kept only if it holds at least ``min_contributors`` distinct contributors."""
    columns = ["key", "members", "contributors", "lon", "lat", "first_at", "last_at"]
    since = pd.Timestamp(utc_naive(now) - timedelta(days=int(days)))
    created = pd.to_datetime(points["created_at"]) if len(points) else pd.Series([], dtype="datetime64[us]")
    recent = points[(points["kind"] == WEAK_SIGNAL) & (created >= since)].reset_index(drop=True)
    if recent.empty:
        return pd.DataFrame(columns=columns)
    xy = to_l93(recent["lon"], recent["lat"])
    labels = density_groups(xy, recent["who"], eps_m=radius_m, min_contributors=min_contributors)
    rows = []
    for label in sorted(set(labels) - {-1}):
        for part in _within_radius(xy[labels == label], float(radius_m)):
            group = recent[labels == label].iloc[part]
            if group["who"].nunique() < min_contributors:
                continue
            rows.append({
                "key": group_key(group["id"]),
                "members": " ".join(sorted(group["id"].astype(str))),
                "contributors": int(group["who"].nunique()),
                "lon": float(group["lon"].mean()),
                "lat": float(group["lat"].mean()),
                "first_at": group["created_at"].min(),
                "last_at": group["created_at"].max(),
            })
    return pd.DataFrame(rows, columns=columns)


def _within_radius(xy: np.ndarray, radius_m: float) -> list[np.ndarray]:
    """Positions of the points of ``xy`` in parts each within ``radius_m`` of its
    centroid: all the points when they already are, else the complete-linkage
    clusters of points less than ``radius_m`` apart."""
    if len(xy) < 2 or np.hypot(*(xy - xy.mean(axis=0)).T).max() <= radius_m:
        return [np.arange(len(xy))]
    parts = AgglomerativeClustering(
        n_clusters=None, distance_threshold=radius_m, linkage="complete").fit_predict(xy)
    return [np.flatnonzero(parts == part) for part in pd.unique(parts)]
