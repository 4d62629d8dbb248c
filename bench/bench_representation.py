"""Benchmark: zone representation at 100k and 1M contributions.

Usage: ``.venv/bin/python bench/bench_representation.py [--quick] [--sizes N …] [--grid N]``

For each size, a database holds the 36 communes of Lens-Liévin plus a synthetic
layer of square zones (5,000 by default) over the same area; contributions are
random points in the territory by about N/3 contributors (so distinct counting
matters), with a profile (age band, category, commune of residence) for most.
They are written by this script's own loader, straight into DuckDB (the library's
``add_contributions`` takes drafts one by one in Python: fine for imports, slow
for a million rows).

Measured, each in a fresh process (so that peaks do not add up):

- ``zone``: :func:`representation_by_zone` (SQL counts, rates, smoothed ratios,
  neighbours and Gi* with 999 permutations) over the communes and over the grid;
- ``report``: the page's whole bundle (:func:`representation_report`: zones,
  publics, zone × public, channels, outreach, re-weighting) over the communes;
- ``hexagons``: :func:`hexagon_counts` with 500 m hexagons.

Reported: wall time; peak Python heap (tracemalloc, in a second run: numpy and
Python objects, not DuckDB's own buffers); the process's peak resident memory while
the case runs (sampled every 5 ms: interpreter, libraries and DuckDB included) and
how much it grew over the resident memory just before the case.
``--quick`` runs 2,000 contributions and a 200-zone grid (used by a test so that
the benchmark does not rot).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cartoparti import settings
from cartoparti.analysis import hexagons
from cartoparti.analysis import representation as rep
from cartoparti.io.territory import load_territory
from cartoparti.storage import open_storage
from cartoparti.storage.duckdb import connect

GRID_LAYER = "grille"


def build_database(path: Path, contributions: int, grid_zones: int, seed: float = 0.42) -> dict[str, float]:
    """A database with the territory, a square grid layer and synthetic contributions."""
    t0 = time.perf_counter()
    with open_storage(path) as store:
        store.load_territory(load_territory(settings.territory_dir()))
    con = connect(path)
    try:
        con.execute("SELECT setseed(?)", [seed])
        minx, miny, maxx, maxy = con.execute(
            """SELECT min(ST_XMin(geom)), min(ST_YMin(geom)), max(ST_XMax(geom)), max(ST_YMax(geom))
               FROM zones WHERE layer = 'communes'"""
        ).fetchone()
        cols = max(1, round((grid_zones * (maxx - minx) / (maxy - miny)) ** 0.5))
        rows = max(1, round(grid_zones / cols))
        dx, dy = (maxx - minx) / cols, (maxy - miny) / rows
        con.execute("INSERT INTO zone_layers VALUES (?, 'Grille synthétique', false)", [GRID_LAYER])
        con.execute(
            f"""INSERT INTO zones
                SELECT '{GRID_LAYER}', 'g' || lpad(i::VARCHAR, 5, '0'), 'Carreau ' || i,
                       100 + floor(random() * 2000), NULL, 'attribute', false,
                       ST_MakeEnvelope(? + (i % ?) * ?, ? + (i // ?) * ?, ? + (i % ? + 1) * ?, ? + (i // ? + 1) * ?)
                FROM range(?) t(i)""",
            [minx, cols, dx, miny, cols, dy, minx, cols, dx, miny, cols, dy, cols * rows],
        )
        communes = [r[0] for r in con.execute("SELECT code FROM zones WHERE layer = 'communes'").fetchall()]
        # random points in the bounding box, kept when inside a commune
        con.execute(
            "CREATE TEMP TABLE pts AS SELECT i, ST_Point(? + random() * ?, ? + random() * ?) AS pt "
            "FROM range(?) t(i)",
            [minx, maxx - minx, miny, maxy - miny, int(contributions * 2.2) + 100],
        )
        con.execute(
            """CREATE TEMP TABLE placed AS
               SELECT row_number() OVER (ORDER BY p.i) AS n, p.pt, min(z.code) AS commune
               FROM pts p JOIN (SELECT code, geom FROM zones WHERE layer = 'communes') z
                    ON ST_Contains(z.geom, p.pt)
               GROUP BY p.i, p.pt"""
        )
        con.execute("DELETE FROM placed WHERE n > ?", [contributions])
        kinds = ["need", "weak_signal", "memory", "proposal", "report"]
        channels = ["online", "workshop", "door_to_door", "paper", "phone", "office"]
        ages = ["0-14", "15-29", "30-44", "45-59", "60-74", "75+", None]
        csp = [f"CS{i}" for i in range(1, 9)] + [None]
        themes = list(settings.DEFAULT_THEMES)
        con.execute(
            """INSERT INTO contributions (id, source_key, kind, title, text, theme, channel, created_at,
                                          published, status, geom, lon, lat)
               SELECT 'b' || n, 'bench:' || n, list_extract(?, 1 + (n % 5)::INT), 'Contribution ' || n, '',
                      list_extract(?, 1 + floor(random() * ?)::INT), list_extract(?, 1 + floor(random() * 6)::INT),
                      TIMESTAMP '2024-01-01' + INTERVAL (floor(random() * 365 * 86400)) SECOND,
                      true, 'received', pt, ST_X(pt), ST_Y(pt)
               FROM placed""",
            [kinds, themes, len(themes), channels],
        )
        con.execute(
            "INSERT INTO contribution_zones SELECT 'b' || n, 'communes', commune FROM placed"
        )
        con.execute(
            f"""INSERT INTO contribution_zones
                SELECT 'b' || p.n, '{GRID_LAYER}', min(z.code)
                FROM placed p JOIN (SELECT code, geom FROM zones WHERE layer = '{GRID_LAYER}') z
                     ON ST_Contains(z.geom, p.pt)
                GROUP BY p.n"""
        )
        con.execute(
            """INSERT INTO profiles
               SELECT 'b' || n, 'p' || (n % greatest(1, ? // 3)),
                      list_extract(?, 1 + floor(random() * 7)::INT), list_extract(?, 1 + floor(random() * 9)::INT),
                      CASE WHEN random() < 0.8 THEN list_extract(?, 1 + floor(random() * ?)::INT) END, NULL
               FROM placed WHERE random() < 0.9""",
            [contributions, ages, csp, communes, len(communes)],
        )
        stored = con.execute("SELECT count(*) FROM contributions").fetchone()[0]
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return {"contributions": int(stored), "grid_zones": cols * rows, "seconds": time.perf_counter() - t0}


class RssSampler:
    """Peak resident memory of this process while a block runs (sampled every 5 ms)."""

    def __init__(self) -> None:
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.before = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * self.page

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self._rss())

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())


def _run_case(store, case: str) -> int:
    if case == "zone-communes":
        return len(rep.representation_by_zone(store).table)
    if case == "zone-grid":
        return len(rep.representation_by_zone(store, layer=GRID_LAYER).table)
    if case == "report":
        return len(rep.representation_report(store).zone_public.table)
    if case == "hexagons":
        return len(hexagons.hexagon_counts(store, size_m=500))
    raise ValueError(case)


def measure(db: Path, case: str) -> dict[str, float]:
    """Run one case in this process: once timed (with the RSS sampler), once under
    tracemalloc (which slows Python down) for the heap peak."""
    with open_storage(db, read_only=True) as store:
        with RssSampler() as rss:
            t0 = time.perf_counter()
            size = _run_case(store, case)
            seconds = time.perf_counter() - t0
        tracemalloc.start()
        _run_case(store, case)
        _current, heap_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "seconds": seconds,
        "heap_peak_mb": heap_peak / 2**20,
        "rss_peak_mb": rss.peak / 2**20,
        "rss_before_mb": rss.before / 2**20,
        "rows": size,
    }


CASES = ["zone-communes", "zone-grid", "report", "hexagons"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 contributions, 200-zone grid")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--grid", type=int, default=5000, help="zones of the synthetic layer")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--measure", nargs=2, metavar=("DB", "CASE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), args.measure[1])))
        return 0
    sizes, grid = ([2000], 200) if args.quick else (args.sizes, args.grid)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    results = []
    print(f"cartoparti — zone representation benchmark ({os.cpu_count()} CPU)")
    print(f"{'contributions':>13} {'case':<14} {'zones':>6} {'time (s)':>9} {'heap peak (MB)':>15} "
          f"{'RSS peak (MB)':>14} {'RSS growth (MB)':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            db = Path(tmp) / f"bench_{n}.duckdb"
            built = build_database(db, n, grid)
            print(f"{built['contributions']:>13,} {'(loading)':<14} {built['grid_zones']:>6} {built['seconds']:>9.2f}")
            for case in CASES:
                out = subprocess.run(
                    [sys.executable, __file__, "--measure", str(db), case],
                    capture_output=True, text=True, env=env, check=False,
                )
                if out.returncode != 0:
                    print(out.stderr, file=sys.stderr)
                    return 1
                m = json.loads(out.stdout.strip().splitlines()[-1])
                zones = {"zone-communes": 36, "zone-grid": built["grid_zones"]}.get(case, "")
                print(f"{built['contributions']:>13,} {case:<14} {zones:>6} {m['seconds']:>9.2f} "
                      f"{m['heap_peak_mb']:>15.1f} {m['rss_peak_mb']:>14.0f} "
                      f"{m['rss_peak_mb'] - m['rss_before_mb']:>16.0f}")
                results.append({"contributions": built["contributions"], "case": case, **m})
            db.unlink()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
