"""Benchmark: the same workloads on DuckDB and on PostgreSQL + PostGIS, side by side.

Usage: ``.venv/bin/python bench/bench_backends.py [--quick] [--backends duckdb postgis]
[--parts import representation] [--rows N] [--submissions N] [--contributions N]
[--json FILE]``

Each backend runs the same three cases, in the same run (a throw-away PostgreSQL
cluster is started on 127.0.0.1 by :class:`tests.postgres.Cluster` and stopped at
the end, even on error):

1. ``import``: :func:`cartoparti.io.importer.import_file` of a CSV of ``--rows``
   synthetic contributions (the generator of ``bench_import.py``; zones assigned by
   the store), then ``reimport``: the same file again (idempotent: nothing added);
2. ``submit``: ``--submissions`` resident submissions, one by one, through
   :func:`cartoparti.commands.contribute.submit` on that database (already holding
   the import): p50 / p95 per submission;
3. ``representation``: what ``representation --by zone`` computes
   (:func:`representation_by_zone` and its export frame) on a fresh database holding
   ``--contributions`` contributions, loaded through the store's own bulk path
   (``add_contributions`` of validated drafts, in batches); the load is reported
   as ``load``.

Memory: ``rss_peak_mb`` is the process's peak resident memory while the case runs
(sampled every 5 ms; for PostGIS the server's own memory is not included).
``--quick``: 2,000 rows, 20 submissions, 20,000 contributions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.bench_import import synthetic_csv
from bench.bench_representation import RssSampler
from cartoparti import settings
from cartoparti.analysis import representation as rep
from cartoparti.commands import contribute
from cartoparti.io.importer import import_file
from cartoparti.io.territory import load_territory
from cartoparti.model import Draft, validate_draft
from cartoparti.storage import open_storage

BACKENDS = ("duckdb", "postgis")
PARTS = ("import", "representation")
BATCH = 100_000
KINDS = ["need", "weak_signal", "memory", "proposal", "report"]
CHANNELS = ["online", "workshop", "door_to_door", "paper", "phone", "office"]
AGES = ["0-14", "15-29", "30-44", "45-59", "60-74", "75+", None]
CSP = [f"CS{i}" for i in range(1, 9)] + [None]


class Target:
    """Where each backend's databases go: files in a temporary folder, or databases
    of the throw-away cluster."""

    def __init__(self, backend: str, tmp: Path, cluster=None) -> None:
        self.backend, self.tmp, self.cluster = backend, tmp, cluster
        self._n = 0

    def new(self) -> str | Path:
        self._n += 1
        if self.backend == "duckdb":
            return self.tmp / f"bench_{self._n}.duckdb"
        return self.cluster.url(self.cluster.create_database())


@contextmanager
def postgres_cluster(needed: bool) -> Iterator[object]:
    if not needed:
        yield None
        return
    from tests.postgres import Cluster

    cluster = Cluster()
    try:
        cluster.execute("CREATE EXTENSION IF NOT EXISTS postgis", "template1")
        yield cluster
    finally:
        cluster.stop()


def points(zones, n: int, seed: int) -> np.ndarray:
    """``n`` random points (shapely, WGS84) inside the zones."""
    per_zone = int(np.ceil(n / len(zones)))
    pts = zones.to_crs(2154).sample_points(size=per_zone, rng=seed).explode().to_crs(4326)
    pts = pts.sample(frac=1.0, random_state=seed)  # zones mixed, not in order
    return pts.values[:n]


def drafts(zones, n: int, seed: int = 1) -> Iterator[list[Draft]]:
    """Validated drafts by about ``n / 3`` contributors, ``BATCH`` at a time."""
    rng = np.random.default_rng(seed)
    themes = settings.themes()
    communes = list(zones["code"])
    geoms = points(zones, n, seed)
    base = np.datetime64("2024-01-01T00:00:00")
    for start in range(0, n, BATCH):
        stop = min(n, start + BATCH)
        size = stop - start
        kinds = rng.choice(KINDS, size)
        theme = rng.choice(list(themes), size)
        channel = rng.choice(CHANNELS, size)
        seconds = rng.integers(0, 365 * 86400, size)
        who = rng.integers(0, max(1, n // 3), size)
        ages = rng.integers(0, len(AGES), size)
        csp = rng.integers(0, len(CSP), size)
        home = rng.integers(0, len(communes), size)
        has_home = rng.random(size) < 0.8
        batch = []
        for i in range(size):
            created = (base + np.timedelta64(int(seconds[i]), "s")).astype("datetime64[us]").item()
            batch.append(validate_draft(Draft(
                kind=str(kinds[i]), title=f"Contribution {start + i}", text="", theme=str(theme[i]),
                geometry=geoms[start + i], created_at=created, channel=str(channel[i]),
                contributor_id=f"p{who[i]}", age_band=AGES[ages[i]], csp=CSP[csp[i]],
                home_commune=communes[home[i]] if has_home[i] else None,
                source_key=f"bench:{start + i}",
            ), themes=themes))
        yield batch


def record(case: str, backend: str, n: int, seconds: float, rss: RssSampler, **extra: float) -> dict:
    print(f"   {backend} {case} (n={n:,}): {seconds:.2f} s", flush=True)  # progress
    return {"case": case, "backend": backend, "n": n, "seconds": seconds,
            "rss_peak_mb": rss.peak / 2**20, **extra}


def run_backend(
    backend: str, target: Target, territory, sizes: dict[str, int], tmp: Path, parts: list[str]
) -> list[dict]:
    out = []
    rows, submissions, contributions = sizes["rows"], sizes["submissions"], sizes["contributions"]
    zones = territory.layer(territory.primary).zones
    themes = settings.themes()

    if "import" in parts:
        # 1. import, then re-import
        csv = tmp / "contributions.csv"
        if not csv.exists():
            synthetic_csv(csv, rows, zones)
        with open_storage(target.new()) as store:
            store.load_territory(territory)
            with RssSampler() as rss:
                t0 = time.perf_counter()
                report = import_file(store, csv, themes=themes)
                seconds = time.perf_counter() - t0
            assert report.imported + len(report.rejected) == rows, report.summary()
            assert report.imported > 0.99 * rows, report.summary()
            out.append(record("import", backend, rows, seconds, rss, rows_per_s=rows / seconds,
                              imported=report.imported))
            with RssSampler() as rss:
                t0 = time.perf_counter()
                again = import_file(store, csv, themes=themes)
                seconds = time.perf_counter() - t0
            assert again.imported == 0, again.summary()
            out.append(record("reimport", backend, rows, seconds, rss, rows_per_s=rows / seconds, imported=0))

            # 2. resident submissions on the database holding the import
            where = points(zones, submissions, seed=7)
            rng = np.random.default_rng(7)
            times = []
            with RssSampler() as rss:
                for i, location in enumerate(where):
                    t0 = time.perf_counter()
                    contribute.submit(
                        store, settings=settings.current(), kind=str(rng.choice(KINDS)), title=f"Signalement {i}",
                        text="Le trottoir est abîmé devant l'école.", theme=str(rng.choice(list(themes))),
                        location=location,
                    )
                    times.append(time.perf_counter() - t0)
            ms = np.array(times) * 1000
            assert store.count_contributions() == report.imported + submissions
            out.append(record("submit", backend, submissions, float(np.sum(times)), rss,
                              p50_ms=float(np.percentile(ms, 50)), p95_ms=float(np.percentile(ms, 95)),
                              rows_per_s=submissions / float(np.sum(times))))

    if "representation" in parts:
        # 3. representation --by zone on a fresh database of `contributions` rows
        db = target.new()
        with open_storage(db) as store:
            store.load_territory(territory)
            loaded = 0
            with RssSampler() as rss:
                t0 = time.perf_counter()
                for batch in drafts(zones, contributions):
                    loaded += len(store.add_contributions(batch).inserted)
                seconds = time.perf_counter() - t0
            assert loaded == contributions, loaded
            out.append(record("load", backend, contributions, seconds, rss, rows_per_s=contributions / seconds))
        with open_storage(db, read_only=True) as store:
            rep.representation_by_zone(store, selection=rep.Selection())  # warm-up: caches, connections
            times = []
            with RssSampler() as rss:
                for _ in range(3):
                    t0 = time.perf_counter()
                    result = rep.representation_by_zone(store, basis="place", selection=rep.Selection(), layer=None)
                    frame = result.export_frame()
                    times.append(time.perf_counter() - t0)
            assert len(frame) == len(zones), len(frame)
            ms = np.array(times) * 1000
            out.append(record("representation", backend, contributions, float(np.median(times)), rss,
                              p50_ms=float(np.percentile(ms, 50)), zones=len(frame)))
        if backend == "duckdb":
            Path(db).unlink(missing_ok=True)
    return out


def _cell(record: dict, key: str, fmt: str) -> str:
    return format(record[key], fmt) if key in record else ""


def table(results: list[dict]) -> str:
    lines = [(
        f"{'case':<15} {'backend':<8} {'n':>10} {'time (s)':>9} {'p50 (ms)':>9} {'p95 (ms)':>9} "
        f"{'rows/s':>10} {'RSS peak (MB)':>14}"
    )]
    for r in results:
        lines.append(
            f"{r['case']:<15} {r['backend']:<8} {r['n']:>10,} {r['seconds']:>9.2f} "
            f"{_cell(r, 'p50_ms', '.1f'):>9} {_cell(r, 'p95_ms', '.1f'):>9} "
            f"{_cell(r, 'rows_per_s', ',.0f'):>10} {r['rss_peak_mb']:>14.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 rows, 20 submissions, 20,000 contributions")
    parser.add_argument("--backends", nargs="+", choices=BACKENDS, default=list(BACKENDS))
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the imported CSV")
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--contributions", type=int, default=1_000_000, help="for representation")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS),
                        help="import: import, reimport and submit; representation: load and representation")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    sizes = ({"rows": 2000, "submissions": 20, "contributions": 20_000} if args.quick
             else {"rows": args.rows, "submissions": args.submissions, "contributions": args.contributions})
    territory = load_territory(settings.territory_dir())
    results: list[dict] = []
    print(f"cartoparti — backends benchmark ({os.cpu_count()} CPU): {sizes}", flush=True)
    with tempfile.TemporaryDirectory() as tmp, postgres_cluster("postgis" in args.backends) as cluster:
        for backend in args.backends:
            t0 = time.perf_counter()
            target = Target(backend, Path(tmp), cluster)
            results += run_backend(backend, target, territory, sizes, Path(tmp), args.parts)
            print(f"-- {backend}: {time.perf_counter() - t0:.0f} s", flush=True)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
