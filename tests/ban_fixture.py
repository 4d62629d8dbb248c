"""Address files in the Base Adresse Nationale's published CSV layout, for the tests
and benchmarks: streets of the territory's real communes, numbers along each street,
every point inside its commune, plus addresses of a commune outside the territory
(the BAN file of a département holds many)."""

from __future__ import annotations

import csv
import zlib
from pathlib import Path

import geopandas as gpd
import numpy as np

HEADER = [
    "id", "id_fantoir", "numero", "rep", "nom_voie", "code_postal", "code_insee", "nom_commune",
    "code_insee_ancienne_commune", "nom_ancienne_commune", "x", "y", "lon", "lat", "type_position",
    "alias", "nom_ld", "libelle_acheminement", "nom_afnor", "source_position", "source_nom_voie",
    "certification_commune", "cad_parcelles",
]
STREETS = [
    "Rue Jean Jaurès", "Rue de la République", "Avenue Raoul Briquet", "Rue Émile Zola", "Place du Général de Gaulle",
    "Rue Victor Hugo", "Rue des Écoles", "Boulevard Basly", "Rue Pasteur", "Chemin du Terril", "Rue de l'Église",
    "Rue Gambetta", "Allée des Tilleuls", "Rue Voltaire", "Rue du 8 Mai 1945", "Cité des Provinces",
]


def write_ban(path: Path, territory_dir: Path, *, per_commune: int = 60, seed: int = 0) -> Path:
    """Write ``per_commune`` addresses in each commune of the territory (numbers 1, 2…
    along the streets above), and 10 in Arras (62041, outside). Return ``path``."""
    rng = np.random.default_rng(seed)
    communes = gpd.read_file(territory_dir / "communes.geojson")
    rows = []
    for commune in communes.itertuples():
        inner = commune.geometry.buffer(-0.002) if commune.geometry.buffer(-0.002).area > 0 else commune.geometry
        minx, miny, maxx, maxy = inner.bounds
        n = 0
        while n < per_commune:
            lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            if not inner.contains(gpd.points_from_xy([lon], [lat])[0]):
                continue
            street = STREETS[n % len(STREETS)]
            number = n // len(STREETS) + 1
            rows.append(_row(commune.insee, commune.nom, number, "bis" if number == 3 else "", street, lon, lat))
            n += 1
    for number in range(1, 11):
        rows.append(_row("62041", "Arras", number, "", "Rue Jean Jaurès", 2.78 + number / 1000, 50.29))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _row(insee: str, town: str, number: int, rep: str, street: str, lon: float, lat: float) -> list[object]:
    values = dict.fromkeys(HEADER, "")
    values.update(
        id=f"{insee}_{zlib.crc32(street.encode()) % 10000:04d}_{number:05d}{rep}", numero=number, rep=rep, nom_voie=street,
        code_postal="62300", code_insee=insee, nom_commune=town, lon=f"{lon:.6f}", lat=f"{lat:.6f}",
        type_position="entrée", libelle_acheminement=town.upper(), source_position="commune",
        source_nom_voie="commune", certification_commune="1",
    )
    return [values[h] for h in HEADER]
