"""Personal data in free text (French phone numbers and e-mail addresses) and in
positions (the public location precision).

A contribution whose title or text holds one is kept unpublished and flagged for an
agent, who edits it out (:func:`redact` helps) or publishes it anyway. Detection is
deliberately broad: a false alarm costs an agent a click, a miss exposes a resident.

>>> kinds_found("Appelez-moi au 06 12 34 56 78 ou jean.dupont@example.fr")
['phone', 'email']
>>> redact("mon numéro : +33 6 12 34 56 78")
'mon numéro : [numéro masqué]'

A memory or a need may be about a home: its *public* position is snapped to a grid of
cells in Lambert-93 (EPSG:2154), so that the map and the open exports never say more
than "somewhere in this square" (:func:`public_geometries`); agents keep the exact one.

>>> import shapely
>>> exact = shapely.Point(2.8312345, 50.4321234)
>>> blurred = public_geometries([exact], ["memory"], {"memory": 100.0})[0]
>>> round(blurred.x, 4) == blurred.x and blurred.distance(exact) > 0
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import shapely

from cartoparti.i18n import Labels, table

if TYPE_CHECKING:
    import pyproj

__all__ = [
    "KINDS",
    "Finding",
    "find_personal_data",
    "kinds_found",
    "public_decimals",
    "public_geometries",
    "public_positions",
    "redact",
]

KINDS: Labels = table("personal_data")
"""Kind code → label (the active catalogue's table)."""

_SEP = r"[ \t.\-/]?"
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+|00)\s?33" + _SEP + r"(?:\(0\)" + _SEP + r")?|0)"  # +33, 0033, +33 (0) or 0
    r"[1-9](?:" + _SEP + r"\d{2}){4}"
    r"(?!\d)"
)
_EMAIL = re.compile(
    r"[\w.+\-]+"
    r"\s?(?:@|\(at\)|\[at\]|\barobase\b)\s?"
    r"[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}\b",
    re.IGNORECASE,
)
_MASK = table("masks")


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and position in the text."""

    kind: str
    start: int
    end: int
    text: str


def find_personal_data(text: str | None) -> list[Finding]:
    """Phone numbers and e-mail addresses in ``text``, in order of position."""
    if not text:
        return []
    found = [Finding("email", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]
    found += [Finding("phone", m.start(), m.end(), m.group()) for m in _PHONE.finditer(text)]
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for finding in found:  # drop overlaps (digits inside an address)
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def kinds_found(*texts: str | None) -> list[str]:
    """Kinds of personal data found in any of ``texts`` (``phone`` before ``email``)."""
    kinds = {f.kind for text in texts for f in find_personal_data(text)}
    return [k for k in KINDS if k in kinds]


def redact(text: str | None) -> str:
    """``text`` with every phone number and e-mail address masked."""
    if not text:
        return text or ""
    out, last = [], 0
    for finding in find_personal_data(text):
        out.append(text[last : finding.start])
        out.append(_MASK[finding.kind])
        last = finding.end
    out.append(text[last:])
    return "".join(out)


# -- public positions ---------------------------------------------------------------------
METRES_PER_DEGREE = 111_320.0
"""Length of one degree of latitude, in metres (enough to choose decimals)."""
EXACT_DECIMALS = 5
"""Decimals of a public position whose kind is not blurred: about a metre (never the
centimetres a GPS or a click gives)."""


def public_decimals(metres: float) -> int:
    """Decimals of degrees a public position keeps on a grid of ``metres``: the first
    whose step is finer than the cell (100 m → 4, about 11 m), at most
    :data:`EXACT_DECIMALS` (``0``: exact kinds, about a metre).

    >>> public_decimals(100), public_decimals(1000), public_decimals(0)
    (4, 3, 5)
    """
    if metres <= 0:
        return EXACT_DECIMALS
    return max(0, min(EXACT_DECIMALS, math.floor(math.log10(METRES_PER_DEGREE / metres)) + 1))


@cache
def _transformer(source: int, target: int) -> pyproj.Transformer:
    import pyproj

    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def _project(geometries: np.ndarray, source: int, target: int) -> np.ndarray:
    transformer = _transformer(source, target)

    def move(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometries, move)


def _on_grid(geometries: np.ndarray, step: float) -> np.ndarray:
    """Vertices snapped to multiples of ``step`` (valid output); what collapses (a shape
    smaller than a cell) becomes its point on surface, snapped."""
    snapped = shapely.set_precision(geometries, step)
    collapsed = shapely.is_empty(snapped) | shapely.is_missing(snapped)
    if collapsed.any():
        snapped[collapsed] = shapely.set_precision(shapely.point_on_surface(geometries[collapsed]), step)
    return snapped


def _blur(geometries: np.ndarray, metres: float) -> np.ndarray:
    if metres > 0:
        geometries = _project(_on_grid(_project(geometries, 4326, 2154), metres), 2154, 4326)
    decimals = public_decimals(metres)
    rounded = _on_grid(geometries, 10.0**-decimals)
    # the shortest decimal of each coordinate (no 2.8312000000000004 in a file)
    return shapely.transform(rounded, lambda xy: np.round(xy, decimals))


def public_geometries(
    geometries: Sequence[shapely.Geometry] | np.ndarray,
    kinds: Sequence[str],
    precision: Mapping[str, float],
) -> np.ndarray:
    """The public positions of contributions (WGS84 in, WGS84 out, 2D).

    ``precision``: kind → cell size in metres (a kind absent or ``0``: exact). The
    vertices of a blurred kind are snapped to the nodes of a grid of that size in
    Lambert-93 (EPSG:2154): a point moves to its nearest node; a line or an area keeps
    its shape at that resolution, and one smaller than a cell becomes the node nearest
    its point on surface (a house drawn as a polygon is published as a point of the
    grid, never as its outline). Every coordinate is then rounded to
    :func:`public_decimals` of a degree.
    """
    shapes = shapely.force_2d(np.asarray(list(geometries), dtype=object))
    kinds = list(kinds)
    out = np.empty(len(shapes), dtype=object)
    cells = np.array([max(0.0, float(precision.get(kind, 0.0) or 0.0)) for kind in kinds])
    for metres in sorted(set(cells.tolist())):
        chosen = cells == metres
        out[chosen] = _blur(shapes[chosen], metres)
    return out


def public_positions(
    geometries: Sequence[shapely.Geometry] | np.ndarray,
    kinds: Sequence[str],
    precision: Mapping[str, float],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`public_geometries` and their centres (``lon``, ``lat``: the centroid of the
    public geometry, rounded to the same decimals), what is stored for the public."""
    public = public_geometries(geometries, kinds, precision)
    centres = shapely.centroid(public)
    decimals = np.array([public_decimals(max(0.0, float(precision.get(k, 0.0) or 0.0))) for k in kinds], dtype=int)
    lon = np.array([round(float(x), int(d)) for x, d in zip(shapely.get_x(centres), decimals, strict=True)])
    lat = np.array([round(float(y), int(d)) for y, d in zip(shapely.get_y(centres), decimals, strict=True)])
    return public, lon, lat
