"""Property-based tests (hypothesis): whatever a file, a form or a count table holds,
the importers store rows or give per-row French reasons (or refuse the whole file with
:class:`ImportFileError`), the form's validation answers field → message, and the
analyses raise nothing and keep their totals. No other exception ever reaches a user.

Run time is kept modest (about a minute in all): few examples where a database is
written, more where only Python runs."""

from __future__ import annotations

import json
import math
import shutil
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cartoparti._errors import ImportFileError, ValidationError
from cartoparti.analysis import stats
from cartoparti.analysis.representation.secrecy import MIN_CELL, suppress
from cartoparti.io.importer import FIELDS, drafts_from_rows, import_file, read_rows, rejects_bytes
from cartoparti.model import PROFILE_FIELDS, Draft, validate_draft
from cartoparti.settings import Settings
from cartoparti.storage import open_storage

THEMES = Settings().themes
FAST = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
ANALYSIS = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
STORED = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

# -- nasty values --------------------------------------------------------------------------------
NASTY = st.sampled_from([
    "", " ", "\t", "=1+1", "＝1+1", "\ufeff=1+1", ";=1+1", "@SUM(A1)", "-2+3", "+33 6 12 34 56 78",
    "jean@example.fr", "<script>alert(1)</script>", "\"quoted\"", "a,b;c\td", "ligne\nsuivante", "\r\n",
    "nan", "NaN", "inf", "-inf", "1e309", "0x10", "1_000", "９", "null", "None", "true", "oui", "non",
    "need", "besoin", "Besoin", "weak_signal", "nature", "Nature", "mobilité", "autre", "CS5", "30-44",
    "75+", "62498", "2A004", "2024-05-31", "2024-05-31T14:00:00+02:00", "9999-12-31T23:00:00-05:00",
    "0001-01-01T00:00:00+05:00", "POINT (2.83 50.43)", "POINT ZM (2.83 50.43 1 2)", "POINT (nan nan)",
    "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))", "GEOMETRYCOLLECTION EMPTY", "LINESTRING (2.83 50.43, 2.84 50.44)",
    "x" * 130, "y" * 5100, "é" * 10, "\x00", "\x1b[31m", "\u202e", "😀", "\ud7ff", "ŉ", "𝟘",
])
TEXTY = st.one_of(NASTY, st.text(max_size=40))
NUMBERS = st.one_of(
    st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-200, 200),
    st.sampled_from([2.83, 50.43, 2.8306, 50.4325, 0.0, -0.0]),
)
VALUES = st.one_of(TEXTY, NUMBERS)
COLUMNS = st.lists(st.sampled_from([*FIELDS, "extra", "Titre", "lon ", "", "title"]), min_size=1, max_size=8)


@st.composite
def csv_bytes(draw) -> bytes:
    columns = draw(COLUMNS)
    # often a plausible file, sometimes anything
    if draw(st.booleans()):
        columns = [*dict.fromkeys(["kind", "title", "theme", "lon", "lat", *columns])]
    sep = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(st.lists(st.lists(VALUES, min_size=len(columns), max_size=len(columns)), max_size=6))

    def quote(value: object) -> str:
        text = str(value)
        if any(c in text for c in (sep, '"', "\n", "\r")) or draw(st.booleans()):
            text = '"' + text.replace('"', '""') + '"'
        return text

    lines = [sep.join(columns)] + [sep.join(quote(v) for v in row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1"]))
    raw = text.encode(encoding, errors="replace") if encoding in ("cp1252", "latin-1") else text.encode(
        encoding, errors="surrogatepass")
    if draw(st.integers(0, 20)) == 0:
        raw = draw(st.binary(max_size=64))
    return raw


def coordinates(draw) -> list[object]:
    near = st.tuples(st.floats(2.7, 3.0), st.floats(50.35, 50.5))
    anything = st.tuples(NUMBERS, NUMBERS)
    pair = draw(st.one_of(near, near, anything))
    extra = draw(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=2))
    return [*pair, *extra]


@st.composite
def geometries(draw) -> object:
    kind = draw(st.sampled_from(["Point", "LineString", "Polygon", "MultiPoint", "GeometryCollection", "Bad",
                                 None]))
    if kind is None:
        return None
    if kind == "Point":
        return {"type": "Point", "coordinates": coordinates(draw)}
    if kind == "Bad":
        return draw(st.one_of(st.just({"type": "Point"}), st.just({"type": "Point", "coordinates": "a"}),
                              st.just({"type": "Circle", "coordinates": [1, 2]}), st.just([1, 2])))
    points = [coordinates(draw) for _ in range(draw(st.integers(0, 6)))]
    if kind == "LineString":
        return {"type": "LineString", "coordinates": points}
    if kind == "MultiPoint":
        return {"type": "MultiPoint", "coordinates": points}
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [[*points, *points[:1]]]}
    return {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": p} for p in points]}


PROPERTY_VALUES = st.one_of(
    st.none(), st.booleans(), VALUES,
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def geojson_bytes(draw) -> bytes:
    features = []
    for _ in range(draw(st.integers(0, 5))):
        props = draw(st.dictionaries(st.sampled_from([*FIELDS, "other"]), PROPERTY_VALUES, max_size=8))
        if draw(st.booleans()):
            props = {"kind": "need", "title": "Un banc", "theme": "nature", **props}
        features.append({"type": "Feature", "properties": props, "geometry": draw(geometries())})
    doc = {"type": "FeatureCollection", "features": features}
    text = json.dumps(doc, allow_nan=True, ensure_ascii=draw(st.booleans()))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    raw = text.encode(encoding, errors="surrogatepass")
    if draw(st.integers(0, 15)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]  # cut short
    return raw


def _check_rows(read: int, lines: list[int], good, rejected) -> None:
    assert len(good) + len(rejected) == read
    for row in rejected:
        assert isinstance(row.reason, str) and row.reason.strip()
        assert not set(row.values) & set(PROFILE_FIELDS)
    for _line, draft in good:
        assert draft.kind and draft.title and draft.theme in THEMES
        assert draft.geometry is not None and not draft.geometry.has_z
        assert np.isfinite(shapely.get_coordinates(draft.geometry)).all()
        assert draft.created_at.tzinfo is not None
    assert sorted([line for line, _ in good] + [r.line for r in rejected]) == sorted(lines)
    rejects_bytes(rejected)  # the rejects file can always be written


def _parse(tmp_path, raw: bytes, suffix: str) -> None:
    path = tmp_path / f"generated{suffix}"
    path.write_bytes(raw)
    try:
        data, geometry, lines = read_rows(path)
    except ImportFileError as exc:
        assert str(exc).strip() and str(tmp_path) not in str(exc)
        return
    good, rejected = drafts_from_rows(data, geometry, lines, themes=THEMES, source_name=path.name)
    _check_rows(len(lines), lines, good, rejected)


# -- importers, without a database: many examples ------------------------------------------------
@FAST
@given(raw=csv_bytes())
def test_any_csv_gives_rows_or_reasons(tmp_path_factory, raw):
    _parse(tmp_path_factory.mktemp("csv"), raw, ".csv")


@FAST
@given(raw=geojson_bytes())
def test_any_geojson_gives_rows_or_reasons(tmp_path_factory, raw):
    _parse(tmp_path_factory.mktemp("geojson"), raw, ".geojson")


# -- importers into a database: fewer examples, both formats and a GeoPackage --------------------
@pytest.fixture(scope="module")
def shared_store(tmp_path_factory, template_db):
    path = tmp_path_factory.mktemp("prop-db") / "p.duckdb"
    shutil.copy(template_db, path)
    with open_storage(path) as store:
        yield store


def _import(store, tmp_path, raw: bytes, suffix: str) -> None:
    path = tmp_path / f"generated{suffix}"
    path.write_bytes(raw)
    before = store.count_contributions()
    try:
        report = import_file(store, path, themes=THEMES)
    except ImportFileError as exc:
        assert str(exc).strip()
        assert store.count_contributions() == before  # refused whole: nothing stored
        return
    assert report.imported + report.duplicates + len(report.rejected) == report.read
    assert store.count_contributions() == before + report.imported
    assert all(r.reason.strip() for r in report.rejected)


@STORED
@given(raw=csv_bytes())
def test_any_csv_imports_cleanly_or_with_reasons(shared_store, tmp_path_factory, raw):
    _import(shared_store, tmp_path_factory.mktemp("csv-db"), raw, ".csv")


@STORED
@given(raw=geojson_bytes())
def test_any_geojson_imports_cleanly_or_with_reasons(shared_store, tmp_path_factory, raw):
    _import(shared_store, tmp_path_factory.mktemp("geojson-db"), raw, ".geojson")


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=geojson_bytes())
def test_any_geopackage_imports_cleanly_or_with_reasons(shared_store, tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("gpkg")
    source = folder / "in.geojson"
    source.write_bytes(raw)
    try:
        data, geometry, _ = read_rows(source)
    except ImportFileError:
        return
    if geometry is None or data.empty:
        return
    import geopandas as gpd

    frame = gpd.GeoDataFrame(data.map(lambda v: v if isinstance(v, (str, int, float, bool)) or v is None
                                      else str(v)), geometry=geometry, crs=4326)
    try:
        frame.to_file(folder / "in.gpkg", driver="GPKG")
    except Exception:  # noqa: BLE001 - some generated frames cannot be written as a GeoPackage: not ours
        return
    _import(shared_store, folder, (folder / "in.gpkg").read_bytes(), ".gpkg")


# -- the form's validation ---------------------------------------------------------------------------
OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)),
                           timezone(timedelta(hours=5, minutes=30)), None])


@st.composite
def shapes(draw) -> shapely.Geometry | None:
    raw = draw(geometries())
    if not isinstance(raw, dict):
        return None
    try:
        return shapely.geometry.shape(raw)
    except Exception:  # noqa: BLE001 - what shapely cannot build never reaches the form
        return None


DRAFTS = st.builds(
    Draft,
    kind=st.one_of(st.none(), TEXTY, st.integers()),
    title=st.one_of(TEXTY, st.integers()),
    text=st.one_of(TEXTY, st.floats()),
    theme=st.one_of(st.none(), TEXTY, st.sampled_from(THEMES), st.integers()),
    geometry=shapes(),
    created_at=st.one_of(st.none(), st.datetimes(timezones=OFFSETS)),
    channel=st.one_of(TEXTY, st.sampled_from(["online", "atelier", "phone"])),
    contributor_id=st.one_of(st.none(), TEXTY, st.integers()),
    age_band=st.one_of(st.none(), TEXTY),
    csp=st.one_of(st.none(), TEXTY),
    home_commune=st.one_of(st.none(), TEXTY),
    first_time=st.one_of(st.none(), st.booleans()),
)


@FAST
@given(draft=DRAFTS, max_vertices=st.integers(4, 50), max_area=st.floats(0.001, 1000))
def test_draft_validation_answers_field_by_field(draft, max_vertices, max_area):
    try:
        clean = validate_draft(draft, themes=THEMES, max_vertices=max_vertices, max_area_km2=max_area)
    except ValidationError as exc:
        assert exc.errors and all(isinstance(k, str) and isinstance(v, str) and v for k, v in exc.errors.items())
        return
    assert clean.theme in THEMES and clean.title and len(clean.title) <= 120
    assert clean.geometry is not None and not clean.geometry.has_z
    assert shapely.get_num_coordinates(clean.geometry) <= max_vertices
    assert datetime(1900, 1, 1, tzinfo=UTC) <= clean.created_at < datetime(2100, 1, 1, tzinfo=UTC)
    assert "\x00" not in clean.title + clean.text
    clean.title.encode("utf-8")
    clean.text.encode("utf-8")


# -- the analyses ------------------------------------------------------------------------------------
COUNTS = st.lists(st.integers(0, 10_000), min_size=1, max_size=12)
# populations are head counts (census figures may be fractional: IRIS aggregated), or unknown
POPULATIONS = st.one_of(st.floats(0.5, 1e6), st.just(0.0), st.just(float("nan")), st.integers(0, 100).map(float))


@ANALYSIS
@given(data=st.data())
def test_zone_rates_preserve_the_total_and_bracket_the_ratio(data):
    observed = data.draw(COUNTS)
    population = data.draw(st.lists(POPULATIONS, min_size=len(observed), max_size=len(observed)))
    index = [f"z{i}" for i in range(len(observed))]
    frame = stats.zone_rates(pd.Series(observed, index=index, dtype=float), pd.Series(population, index=index))
    assert list(frame.index) == index
    valid = frame.population.notna() & (frame.population > 0)
    if valid.any():
        assert math.isclose(frame.expected[valid].sum(), frame.contributors[valid].sum(), rel_tol=1e-9, abs_tol=1e-9)
    defined = frame.ratio.notna()
    assert (frame.ci_low[defined] <= frame.ratio[defined] * (1 + 1e-9) + 1e-12).all()
    assert (frame.ratio[defined] <= frame.ci_high[defined] * (1 + 1e-9) + 1e-12).all()
    assert set(frame.status.dropna()) <= {"under", "over", "expected"}
    assert (frame.smoothed_ratio.dropna() >= 0).all()


@ANALYSIS
@given(data=st.data())
def test_share_index_shares_sum_to_one(data):
    contributors = data.draw(COUNTS)
    population = data.draw(st.lists(POPULATIONS, min_size=len(contributors), max_size=len(contributors)))
    index = [f"g{i}" for i in range(len(contributors))]
    frame = stats.share_index(pd.Series(contributors, index=index, dtype=float), pd.Series(population, index=index))
    if sum(contributors) > 0:
        assert math.isclose(frame.contributor_share.sum(), 1.0, rel_tol=1e-9)
    shares = frame.population_share.dropna()
    if len(shares):
        assert math.isclose(shares.sum(), 1.0, rel_tol=1e-9)
    assert (frame["index"].dropna() >= 0).all()
    score = stats.representation_score(pd.Series(contributors, index=index, dtype=float),
                                       pd.Series(population, index=index))
    assert math.isnan(score) or 0 <= score <= 1


@ANALYSIS
@given(data=st.data())
def test_post_stratified_weights_give_back_the_population_shares(data):
    sample = data.draw(COUNTS)
    population = data.draw(st.lists(st.one_of(st.just(0.0), st.floats(0.5, 1e6)), min_size=len(sample),
                                    max_size=len(sample)))
    index = [f"c{i}" for i in range(len(sample))]
    s, p = pd.Series(sample, index=index, dtype=float), pd.Series(population, index=index)
    weights = stats.post_stratified_weights(s, p)
    defined = weights.notna()
    if s.sum() > 0 and p.sum() > 0:
        # each sampled cell weighs, in all, its population share of the whole sample
        assert np.allclose((weights * s)[defined] / s.sum(), (p / p.sum())[defined], rtol=1e-9, atol=1e-12)
    needed = stats.contributors_needed(s, s * 2)
    assert (needed.dropna() >= 0).all()


@ANALYSIS
@given(data=st.data())
def test_small_cells_are_always_suppressed(data):
    n = data.draw(st.integers(1, 10))
    frame = pd.DataFrame({
        "contributors": data.draw(st.lists(st.integers(0, 20), min_size=n, max_size=n)),
        "population": data.draw(st.lists(POPULATIONS, min_size=n, max_size=n)),
        "ratio": data.draw(st.lists(st.floats(0, 10), min_size=n, max_size=n)),
    })
    out = suppress(frame, ["ratio", "contributors"])
    small = (frame.contributors < MIN_CELL) | ~(frame.population >= MIN_CELL)
    assert (out.suppressed == small).all()
    assert out.loc[small, ["ratio", "contributors"]].isna().all().all()
    assert (out.loc[~small, "contributors"] == frame.loc[~small, "contributors"]).all()
