"""Benchmark: the place search on a territory with ``--addresses`` addresses (a Base
Adresse Nationale file written by ``tests/ban_fixture.py``), on both backends.

Target: one search answers within 100 ms (p95) at 100,000 addresses. Baseline, in
the same run: the search without the database's trigram index, i.e. ranking every
place of the territory in Python (:func:`cartoparti.textsearch.rank` over all labels).

Usage: ``.venv/bin/python bench/bench_places.py [--quick] [--addresses N]
[--backends duckdb postgis] [--json FILE]``
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.bench_backends import Target, postgres_cluster
from cartoparti import textsearch
from cartoparti.commands import places
from cartoparti.io.territory import load_territory
from cartoparti.storage import open_storage
from tests.ban_fixture import STREETS, write_ban

TERRITORY = ROOT / "geodata" / "lens-lievin"
TOWNS = ["Lens", "Liévin", "Loos-en-Gohelle", "Avion", "Harnes", "Méricourt"]


def queries(n: int, seed: int = 3) -> list[str]:
    """What residents type: an address with a number, a street, a typo, a commune."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        street, town = STREETS[rng.integers(len(STREETS))], TOWNS[rng.integers(len(TOWNS))]
        kind = i % 4
        if kind == 0:
            out.append(f"{rng.integers(1, 60)} {street.lower()} {town}")
        elif kind == 1:
            out.append(street)
        elif kind == 2:
            out.append(f"{street[:-2]} {town[:-1]}")  # typos: letters missing
        else:
            out.append(town)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--addresses", type=int, default=100_000)
    parser.add_argument("--backends", nargs="+", default=["duckdb", "postgis"])
    parser.add_argument("--json", type=Path)
    args, _ = parser.parse_known_args()
    n_addresses = 10_000 if args.quick else args.addresses
    typed = queries(40 if args.quick else 200)
    results = []
    with tempfile.TemporaryDirectory() as tmp, postgres_cluster("postgis" in args.backends) as cluster:
        folder = Path(tmp) / "territoire"
        folder.mkdir()
        for f in TERRITORY.iterdir():
            (folder / f.name).write_bytes(f.read_bytes())
        write_ban(folder / "adresses-62.csv", TERRITORY, per_commune=int(np.ceil(n_addresses / 36)))
        t0 = time.perf_counter()
        territory = load_territory(folder)
        read_s = time.perf_counter() - t0
        labels = [{"label": x} for x in territory.addresses["label"]]
        # baseline: every label ranked in Python, no index
        times = []
        for q in typed[:5]:
            t0 = time.perf_counter()
            textsearch.rank(q, labels)
            times.append(time.perf_counter() - t0)
        base = np.array(times) * 1000
        results.append({"case": "search", "backend": "python scan (baseline)", "addresses": len(labels),
                        "p50_ms": round(float(np.percentile(base, 50)), 1),
                        "p95_ms": round(float(np.percentile(base, 95)), 1)})
        for backend in args.backends:
            location = Target(backend, Path(tmp), cluster).new()
            with open_storage(location) as store:
                t0 = time.perf_counter()
                store.load_territory(territory)
                load_s = time.perf_counter() - t0
                places.search(store, typed[0])  # warm
                times = []
                for q in typed:
                    t0 = time.perf_counter()
                    found = places.search(store, q)
                    times.append(time.perf_counter() - t0)
                    assert found, q
            ms = np.array(times) * 1000
            results.append({"case": "search", "backend": backend, "addresses": len(labels),
                            "read_ban_s": round(read_s, 2), "index_s": round(load_s, 2),
                            "p50_ms": round(float(np.percentile(ms, 50)), 1),
                            "p95_ms": round(float(np.percentile(ms, 95)), 1)})
    for r in results:
        print(json.dumps(r, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
