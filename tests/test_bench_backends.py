"""The backends benchmark still runs (quick mode, DuckDB and PostGIS side by side)."""

import json
import subprocess
import sys

from tests.conftest import ROOT

CASES = {"import", "reimport", "submit", "load", "representation"}


def test_backends_benchmark_runs_in_quick_mode(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_backends.py"), "--quick", "--json", str(out)],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = {(r["case"], r["backend"]): r for r in json.loads(out.read_text())}
    assert set(results) == {(case, backend) for case in CASES for backend in ("duckdb", "postgis")}
    for (case, backend), r in results.items():
        assert r["n"] > 0 and r["seconds"] > 0 and r["rss_peak_mb"] > 0, (case, backend, r)
        if case in ("import", "reimport", "load"):
            assert r["rows_per_s"] > 0, (case, backend, r)
        if case == "submit":
            assert 0 < r["p50_ms"] <= r["p95_ms"], (case, backend, r)
        if case == "representation":
            assert r["p50_ms"] > 0 and r["zones"] == 36, (case, backend, r)
    assert results[("import", "duckdb")]["imported"] == results[("import", "postgis")]["imported"] > 0
    assert "representation" in done.stdout and "postgis" in done.stdout
