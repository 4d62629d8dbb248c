"""Reading a territory folder: zone layers, population tables and landmarks.

A territory is a folder holding:

- zone layers: polygon files (GeoJSON, GeoPackage or Shapefile, any CRS, reprojected
  to WGS84) whose features have a code (field ``code``, ``insee``, ``insee_com`` or
  ``code_iris``, any case) and a name (``nom``, ``name`` or ``nom_iris``);
- optional population tables in INSEE's published CSV layout (``IRIS``,
  ``Pyy_POP0014`` … ``Pyy_POP75P``, ``Cyy_POP15P_CS1`` … ``CS8``); IRIS rows are
  aggregated to their commune by the first five digits of the IRIS code;
- optional landmark layers: every other geographic file (places residents know);
- optional addresses, for the place search: a CSV in the Base Adresse Nationale's
  published layout (``adresses-62.csv``: ``numero``, ``rep``, ``nom_voie``,
  ``code_insee``, ``nom_commune``, ``lon``, ``lat``…, ``;``-separated), of the
  département or more: only the addresses of the territory's communes are kept.

An optional manifest ``cartoparti.toml`` may name the territory, its attribution,
and for each file its role and fields::

    name = "Ma commune"
    attribution = "Données : …"
    primary = "communes"
    [layers.communes]            # file stem
    role = "zones"               # or "landmarks" or "ignore"
    code = "insee"
    name = "nom"
    label = "Communes"
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from cartoparti._errors import TerritoryError
from cartoparti.i18n import Labels, message, table
from cartoparti.model import ADDRESS_COLUMNS, AGE_BANDS, Territory, ZoneLayer

__all__ = ["Territory", "ZoneLayer", "is_ban_file", "load_territory", "read_addresses", "read_population_table"]

GEO_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp")
CODE_FIELDS = ("code", "insee", "insee_com", "code_iris")
NAME_FIELDS = ("nom", "name", "nom_iris")
LANDMARK_NAME_FIELDS = ("nom", "name", "denomination", "libelle")
KNOWN_LABELS: Labels = table("layers")
"""Label of a layer known by its file stem (the active catalogue's table)."""
AGE_COLUMNS = {
    "0-14": "POP0014",
    "15-29": "POP1529",
    "30-44": "POP3044",
    "45-59": "POP4559",
    "60-74": "POP6074",
    "75+": "POP75P",
}
CSP_CODES = tuple(f"CS{i}" for i in range(1, 9))
BAN_COLUMNS = ("numero", "rep", "nom_voie", "code_insee", "nom_commune", "lon", "lat")
"""The columns of a Base Adresse Nationale CSV that the place search reads."""


def _ban_header(path: Path) -> tuple[list[str], str] | None:
    with path.open("r", encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline()
    for sep in (";", ","):
        header = [h.strip().strip('"') for h in first.rstrip("\r\n").split(sep)]
        if {"numero", "nom_voie", "code_insee", "lon", "lat"} <= set(header):
            return header, sep
    return None


def is_ban_file(path: Path) -> bool:
    """Whether ``path`` is a CSV in the Base Adresse Nationale layout (read from its header)."""
    return path.suffix.lower() == ".csv" and _ban_header(path) is not None


def read_addresses(path: Path, communes: set[str]) -> pd.DataFrame:
    """The addresses of ``communes`` (INSEE codes) in a BAN CSV, as
    ``label, commune_code, lon, lat`` (« 12 bis Rue Jean Jaurès, Lens »)."""
    found = _ban_header(path)
    if found is None:
        raise TerritoryError(message("territory.not_ban", file=path.name))
    header, sep = found
    usecols = [c for c in BAN_COLUMNS if c in header]
    frame = pd.read_csv(path, sep=sep, usecols=usecols, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    frame = frame[frame["code_insee"].str.zfill(5).isin(communes)]
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    keep = lon.notna() & lat.notna()
    frame, lon, lat = frame[keep], lon[keep], lat[keep]
    rep = frame["rep"].str.strip() if "rep" in frame else ""
    number = (frame["numero"].str.strip() + (" " + rep).where(rep != "", "")).str.strip()
    street = frame["nom_voie"].str.strip()
    town = frame["nom_commune"].str.strip() if "nom_commune" in frame else ""
    label = (number + " " + street).str.strip() + (", " + town).where(town != "", "")
    out = pd.DataFrame(
        {"label": label, "commune_code": frame["code_insee"].str.zfill(5), "lon": lon, "lat": lat}
    )
    return out.drop_duplicates("label").reset_index(drop=True)[list(ADDRESS_COLUMNS)]


def _label(stem: str) -> str:
    return KNOWN_LABELS.get(stem, stem.replace("_", " ").replace("-", " ").capitalize())


def _find_field(columns: list[str], candidates: tuple[str, ...], wanted: str | None) -> str | None:
    lower = {c.lower(): c for c in columns}
    if wanted:
        return lower.get(wanted.lower())
    for name in candidates:
        if name in lower:
            return lower[name]
    return None


def _read_layers(path: Path) -> list[tuple[str, gpd.GeoDataFrame]]:
    """Every layer of a geographic file, reprojected to WGS84."""
    try:
        layer_names = [row[0] for row in pyogrio.list_layers(path)]
    except Exception as exc:
        raise TerritoryError(message("territory.file_unreadable", file=path.name, error=exc)) from exc
    result = []
    for i, layer in enumerate(layer_names):
        frame = gpd.read_file(path, layer=layer) if len(layer_names) > 1 else gpd.read_file(path)
        if frame.crs is None:
            frame = frame.set_crs(4326)
        elif frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
        stem = path.stem if len(layer_names) == 1 else f"{path.stem}_{layer}" if i else path.stem
        result.append((stem, frame))
    return result


def read_population_table(path: Path) -> pd.DataFrame | None:
    """Read an INSEE IRIS population CSV into a wide frame indexed by IRIS code.

    Columns ``0-14`` … ``75+`` and ``CS1`` … ``CS8``; ``None`` if the file is not in
    that layout (whatever the census year).
    """
    header = pd.read_csv(path, nrows=0, sep=None, engine="python").columns
    cols = {c.upper(): c for c in header}
    if "IRIS" not in cols:
        return None
    picked: dict[str, str] = {}
    for band, suffix in AGE_COLUMNS.items():
        match = [c for up, c in cols.items() if re.fullmatch(rf"P\d\d_{suffix}", up)]
        if not match:
            return None
        picked[match[0]] = band
    for code in CSP_CODES:
        match = [c for up, c in cols.items() if re.fullmatch(rf"C\d\d_POP15P_{code}", up)]
        if match:
            picked[match[0]] = code
    frame = pd.read_csv(path, sep=None, engine="python", dtype={cols["IRIS"]: str})
    frame = frame.rename(columns={cols["IRIS"]: "IRIS", **picked})
    frame["IRIS"] = frame["IRIS"].str.strip().str.zfill(9)
    keep = ["IRIS", *picked.values()]
    return frame[keep].set_index("IRIS").apply(pd.to_numeric, errors="coerce").fillna(0.0)


def _attribution(folder: Path, manifest: dict) -> tuple[str, list[str]]:
    """Short attribution for the map, and the source lines of SOURCES.md."""
    if manifest.get("attribution"):
        return str(manifest["attribution"]), list(manifest.get("sources", []))
    sources: list[str] = []
    files = {p.name for p in folder.iterdir()}
    for candidate in (folder / "SOURCES.md", folder.parent / "SOURCES.md"):
        if not candidate.is_file():
            continue
        for line in candidate.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 4 and any(f in cells[0] for f in files):
                sources.append(f"{cells[0]} — {cells[2]} ({cells[3]})")
        break
    licences = sorted({s.rsplit("(", 1)[-1].rstrip(")") for s in sources})
    short = message("territory.open_data") if sources else ""
    if licences:
        short = f"{short} — {', '.join(licences)}"
    return short, sources


def _territory_name(folder: Path, manifest: dict) -> str:
    if manifest.get("name"):
        return str(manifest["name"])
    for candidate in (folder / "SOURCES.md", folder.parent / "SOURCES.md"):
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8")
            match = re.search(rf"^##.*{re.escape(folder.name)}/?\s*—\s*(?:the\s+)?([^(\n]+)", text, re.MULTILINE)
            if match:
                return match.group(1).strip()
    return folder.name.replace("-", " ").replace("_", " ").title()


def _landmark_names(frame: gpd.GeoDataFrame, label: str, name_field: str | None) -> pd.Series:
    field_ = _find_field(list(frame.columns), LANDMARK_NAME_FIELDS, name_field)
    if field_ is not None:
        names = frame[field_].astype("string")
    else:
        names = pd.Series(pd.NA, index=frame.index, dtype="string")
    singular = label.removesuffix("s")
    for alt in ("puits", "fosse", "id"):
        col = _find_field(list(frame.columns), (alt,), None)
        if col is not None:
            fallback = singular + " " + frame[col].astype("string")
            names = names.fillna(fallback)
    return names.fillna(singular).str.strip()


def load_territory(folder: Path | str) -> Territory:
    """Read a territory folder (see module docstring)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise TerritoryError(message("territory.folder_missing", folder=folder))
    manifest_path = folder / "cartoparti.toml"
    manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    layer_conf: dict[str, dict] = manifest.get("layers", {})

    population_frames = []
    ban_files = []
    for csv in sorted(folder.glob("*.csv")):
        if layer_conf.get(csv.stem, {}).get("role") == "ignore":
            continue
        if is_ban_file(csv):
            ban_files.append(csv)
            continue
        table = read_population_table(csv)
        if table is not None:
            population_frames.append(table)
    iris = pd.concat(population_frames) if population_frames else None
    if iris is not None:
        iris = iris.groupby(level=0).sum()

    zone_layers: list[ZoneLayer] = []
    landmark_frames: list[gpd.GeoDataFrame] = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in GEO_SUFFIXES):
        for stem, frame in _read_layers(path):
            conf = layer_conf.get(stem, {})
            role = conf.get("role")
            if role == "ignore" or frame.empty:
                continue
            code_field = _find_field(list(frame.columns), CODE_FIELDS, conf.get("code"))
            polygonal = frame.geom_type.isin(["Polygon", "MultiPolygon"]).all()
            label = conf.get("label") or _label(stem)
            if role == "zones" or (role is None and code_field and polygonal):
                if code_field is None:
                    raise TerritoryError(message("territory.no_code_field", file=path.name))
                zone_layers.append(_zone_layer(stem, label, frame, code_field, conf, iris))
            else:
                lm = gpd.GeoDataFrame(
                    {
                        "layer": stem,
                        "layer_label": label,
                        "name": _landmark_names(frame, label, conf.get("name")),
                    },
                    geometry=frame.geometry.values,
                    crs=4326,
                )
                lm["id"] = [f"{stem}:{i}" for i in range(len(lm))]
                landmark_frames.append(lm[["layer", "layer_label", "id", "name", "geometry"]])
    if not zone_layers:
        raise TerritoryError(message("territory.no_zone_layer", folder=folder))
    primary = manifest.get("primary") or min(zone_layers, key=lambda z: len(z.zones)).name
    population = _population_long(zone_layers, iris)
    landmarks = (
        gpd.GeoDataFrame(pd.concat(landmark_frames, ignore_index=True), crs=4326)
        if landmark_frames
        else gpd.GeoDataFrame(columns=["layer", "layer_label", "id", "name", "geometry"], geometry="geometry", crs=4326)
    )
    attribution, sources = _attribution(folder, manifest)
    communes = {
        str(code)[:5]
        for layer in zone_layers
        for code in layer.zones["code"]
        if len(str(code)) in (5, 9) and str(code)[:5].isdigit()
    }
    addresses = (
        pd.concat([read_addresses(p, communes) for p in ban_files], ignore_index=True)
        if ban_files
        else pd.DataFrame(columns=list(ADDRESS_COLUMNS))
    )
    return Territory(
        name=_territory_name(folder, manifest),
        folder=folder,
        zone_layers=zone_layers,
        primary=primary,
        population=population,
        landmarks=landmarks,
        attribution=attribution,
        sources=sources,
        addresses=addresses,
    )


def _zone_iris_rows(codes: pd.Series, iris: pd.DataFrame | None) -> pd.DataFrame | None:
    """IRIS rows aggregated to each zone code (commune codes or IRIS codes)."""
    if iris is None:
        return None
    if codes.str.len().eq(9).all():
        return iris.reindex(iris.index.intersection(codes))
    by_commune = iris.groupby(iris.index.str[:5]).sum()
    return by_commune.reindex(by_commune.index.intersection(codes))


def _zone_layer(
    stem: str, label: str, frame: gpd.GeoDataFrame, code_field: str, conf: dict, iris: pd.DataFrame | None
) -> ZoneLayer:
    name_field = _find_field(list(frame.columns), NAME_FIELDS, conf.get("name"))
    codes = frame[code_field].astype(str).str.strip()
    pop_field = _find_field(list(frame.columns), ("population",), conf.get("population"))
    attr_pop = pd.to_numeric(frame[pop_field], errors="coerce") if pop_field else pd.Series(float("nan"), index=frame.index)
    zones = gpd.GeoDataFrame(
        {
            "code": codes.values,
            "name": (frame[name_field].astype(str) if name_field else codes).values,
            "population_attribute": attr_pop.values,
        },
        geometry=frame.geometry.make_valid().values,
        crs=4326,
    )
    rows = _zone_iris_rows(zones["code"], iris)
    census_total = rows[list(AGE_BANDS)].sum(axis=1) if rows is not None else pd.Series(dtype=float)
    zones["has_breakdown"] = zones["code"].isin(census_total.index)
    zones["population"] = zones["code"].map(census_total).fillna(zones["population_attribute"])
    zones["population_source"] = "attribute"
    zones.loc[zones["has_breakdown"], "population_source"] = "census"
    zones.loc[zones["population"].isna(), "population_source"] = "unknown"
    zones = zones.dissolve(by="code", aggfunc="first", as_index=False) if zones["code"].duplicated().any() else zones
    return ZoneLayer(name=stem, label=label, zones=zones)


def _population_long(layers: list[ZoneLayer], iris: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["layer", "code", "dimension", "grp", "population"]
    frames = []
    for layer in layers:
        rows = _zone_iris_rows(layer.zones["code"], iris)
        if rows is None or rows.empty:
            continue
        long = rows.rename_axis("code").reset_index().melt(id_vars="code", var_name="grp", value_name="population")
        long["dimension"] = long["grp"].map(lambda g: "age_band" if g in AGE_BANDS else "csp")
        long["layer"] = layer.name
        frames.append(long[columns])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
