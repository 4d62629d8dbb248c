"""The representation benchmark still runs (quick mode: 2,000 contributions)."""

import subprocess
import sys

from tests.conftest import ROOT


def test_benchmark_runs_in_quick_mode(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_representation.py"), "--quick", "--json", str(out)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "zone-communes" in done.stdout and "zone-grid" in done.stdout
    import json

    results = {r["case"]: r for r in json.loads(out.read_text())}
    assert set(results) == {"zone-communes", "zone-grid", "report", "hexagons"}
    assert results["zone-communes"]["rows"] == 36
    assert results["zone-grid"]["rows"] >= 150
    assert all(r["seconds"] > 0 and r["rss_peak_mb"] > 0 for r in results.values())
