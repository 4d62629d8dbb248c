"""Run every benchmark of this folder (``make bench``); extra arguments are passed on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        failed |= subprocess.call([sys.executable, str(script), *sys.argv[1:]])
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
