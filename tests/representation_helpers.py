"""Synthetic contributions for the representation tests (and the benchmark's quick run)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import shapely

from cartoparti.model import AGE_BANDS, Draft
from cartoparti.storage import Storage

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
CHANNEL_CYCLE = ("online", "workshop", "paper", "door_to_door")


def draft(
    point: shapely.Geometry,
    key: str,
    *,
    who: str | None = None,
    age: str | None = None,
    csp: str | None = None,
    home: str | None = None,
    channel: str = "online",
    theme: str = "autre",
    kind: str = "need",
    at: datetime | None = None,
) -> Draft:
    """A ready-to-store contribution (fields already normalised)."""
    return Draft(
        kind=kind, title=f"Contribution {key}", text="", theme=theme, geometry=point,
        created_at=at or T0, channel=channel, contributor_id=who, age_band=age, csp=csp,
        home_commune=home, source_key=key,
    )


def proportional_drafts(
    store: Storage,
    *,
    rate: float,
    zone_factor: dict[str, float] | None = None,
    band_factor: dict[str, float] | None = None,
    at: datetime = T0,
    prefix: str = "u",
) -> list[Draft]:
    """One contribution per contributor, ``round(population × rate × factors)`` contributors
    per zone (per zone and age band where the breakdown is known, declaring that band).

    Deterministic: the counts are the expected ones, rounded.
    """
    zone_factor = zone_factor or {}
    band_factor = band_factor or {}
    zones = store.zone_attributes()
    population = store.group_population()
    ages = population[population["dimension"] == "age_band"]
    drafts: list[Draft] = []
    for z in zones.itertuples():
        point = store.zone_point(z.code)
        fz = zone_factor.get(z.code, 1.0)
        if z.has_breakdown:
            cells = [
                (band, float(ages[(ages["zone_code"] == z.code) & (ages["grp"] == band)]["population"].sum()))
                for band in AGE_BANDS
            ]
        else:
            cells = [(None, float(z.population))]
        for band, pop in cells:
            n = round(pop * rate * fz * band_factor.get(band, 1.0))
            for i in range(n):
                key = f"{prefix}-{z.code}-{band}-{i}"
                drafts.append(
                    draft(point, key, who=key, age=band, home=z.code,
                          channel=CHANNEL_CYCLE[i % len(CHANNEL_CYCLE)], at=at)
                )
    return drafts


def square(x0: float, y0: float, side: float) -> list[list[float]]:
    return [[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]]


TINY_AGES = {  # 0-14, 15-29, 30-44, 45-59, 60-74, 75+
    "62001": [200, 200, 200, 200, 100, 100],
    "62002": [600, 600, 600, 600, 300, 300],
    "62003": [400, 400, 400, 400, 200, 200],
}
TINY_CSP = {  # CS1 … CS8 (15 years or more)
    "62001": [4, 0, 100, 0, 300, 300, 100, 0],
    "62002": [0, 0, 300, 0, 900, 900, 300, 0],
    "62003": [0, 0, 200, 0, 600, 600, 200, 0],
}


def write_tiny_territory(folder: Path) -> Path:
    """Four square communes of 0.02° near Lens (EPSG:4326): A 62001 (SW), B 62002 (SE),
    C 62003 (NW) with IRIS populations 1000, 3000, 2000; D 62004 (NE) with only a
    ``population`` attribute of 4000."""
    folder.mkdir(parents=True, exist_ok=True)
    corners = {"62001": (2.80, 50.40), "62002": (2.82, 50.40), "62003": (2.80, 50.42), "62004": (2.82, 50.42)}
    names = {"62001": "Aville", "62002": "Beville", "62003": "Ceville", "62004": "Deville"}
    features = [
        {
            "type": "Feature",
            "properties": {"insee": code, "nom": names[code], "population": 4000 if code == "62004" else None},
            "geometry": {"type": "Polygon", "coordinates": [square(x, y, 0.02)]},
        }
        for code, (x, y) in corners.items()
    ]
    (folder / "communes.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
                    "features": features}),
        encoding="utf-8",
    )
    header = ["IRIS", "P16_POP0014", "P16_POP1529", "P16_POP3044", "P16_POP4559", "P16_POP6074", "P16_POP75P"]
    header += [f"C16_POP15P_CS{i}" for i in range(1, 9)]
    rows = [";".join(header)]
    for code, ages in TINY_AGES.items():
        rows.append(";".join([f"{code}0000", *map(str, ages), *map(str, TINY_CSP[code])]))
    (folder / "iris_population.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def centre(code: str) -> shapely.Point:
    x, y = {"62001": (2.81, 50.41), "62002": (2.83, 50.41), "62003": (2.81, 50.43), "62004": (2.83, 50.43)}[code]
    return shapely.Point(x, y)


def later(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)
