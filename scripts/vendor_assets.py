"""Copy the npm-installed map assets into ./static/vendor, served by Streamlit.

Run after ``npm ci``; the app never loads a script or stylesheet from elsewhere.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = {
    "leaflet": ROOT / "node_modules" / "leaflet" / "dist",
    "leaflet-draw": ROOT / "node_modules" / "leaflet-draw" / "dist",
    "protomaps-leaflet": ROOT / "node_modules" / "protomaps-leaflet" / "dist",
}


def main() -> int:
    target = ROOT / "static" / "vendor"
    for name, source in ASSETS.items():
        if not source.is_dir():
            print(f"missing {source}: run `npm ci` first", file=sys.stderr)
            return 1
        dest = target / name
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(source, dest, ignore=shutil.ignore_patterns("*.map", "*esm*", "cjs"))
    print(f"map assets copied to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
