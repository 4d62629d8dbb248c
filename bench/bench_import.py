"""Benchmark: importing contributions in bulk and building the public map.

Usage: ``.venv/bin/python bench/bench_import.py [--rows N] [--quick]``

Reports wall time and peak memory (RSS high-water mark of this process) for
1. reading + validating + storing a CSV of N synthetic contributions spread over the
   36 communes of Lens-Liévin (zones assigned by one spatial join),
2. re-importing it (idempotence check: nothing added),
3. building the public map HTML for the most recent contributions.
Targets (2-core machine): 100k rows imported in under 60 s, the map under 3 s.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cartoparti import settings
from cartoparti.io.importer import import_file
from cartoparti.io.territory import load_territory
from cartoparti.present import maps
from cartoparti.storage import open_storage


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_csv(path: Path, rows: int, zones, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    pts = zones.to_crs(2154).sample_points(size=int(np.ceil(rows / len(zones))), rng=seed).explode().to_crs(4326)
    pts = pts.iloc[:rows]
    kinds = ["need", "weak_signal", "memory", "proposal", "report"]
    frame = pd.DataFrame(
        {
            "kind": rng.choice(kinds, rows),
            "title": [f"Contribution {i}" for i in range(rows)],
            "text": "Texte de la contribution",
            "theme": rng.choice(list(settings.DEFAULT_THEMES), rows),
            "created_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365 * 24 * 3600, rows), unit="s"),
            "channel": rng.choice(["online", "paper", "workshop"], rows),
            "contributor_id": rng.integers(0, rows // 2 + 1, rows).astype(str),
            "age_band": rng.choice(["0-14", "15-29", "30-44", "45-59", "60-74", "75+"], rows),
            "lon": pts.x.values,
            "lat": pts.y.values,
        }
    )
    frame.to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="2,000 rows, to check the benchmark runs")
    args = parser.parse_args()
    rows = 2000 if args.quick else args.rows
    territory = load_territory(settings.territory_dir())
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "contributions.csv"
        synthetic_csv(csv, rows, territory.layer(territory.primary).zones)
        store = open_storage(Path(tmp) / "bench.duckdb")
        store.load_territory(territory)
        t0 = time.perf_counter()
        report = import_file(store, csv, themes=settings.themes())
        t_import = time.perf_counter() - t0
        assert report.imported + len(report.rejected) == rows, report.summary()
        t0 = time.perf_counter()
        again = import_file(store, csv, themes=settings.themes())
        t_again = time.perf_counter() - t0
        assert again.imported == 0
        t0 = time.perf_counter()
        recent = store.contributions(limit=maps.MAX_FEATURES)
        fmap = maps.territory_map(store.zones(), landmarks=store.landmarks())
        maps.add_contributions(fmap, recent)
        html = fmap.get_root().render()
        t_map = time.perf_counter() - t0
        store.close()
    print(f"rows={rows} import={t_import:.2f}s ({rows / t_import:,.0f} rows/s) reimport={t_again:.2f}s "
          f"map({len(recent)} features)={t_map:.2f}s html={len(html) / 1e6:.1f}MB peak_rss={peak_mb():.0f}MB")


if __name__ == "__main__":
    main()
