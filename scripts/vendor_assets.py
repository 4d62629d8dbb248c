"""Copy the npm-installed map assets into ./static/vendor, served by Streamlit.

Run after ``npm ci``; the app never loads a script or stylesheet from elsewhere.
axe-core (the accessibility checker the browser tests inject) is copied as its one
minified file, with its licence.
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
FILES = {
    "axe-core": [ROOT / "node_modules" / "axe-core" / name for name in ("axe.min.js", "LICENSE")],
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
    for name, files in FILES.items():
        missing = [f for f in files if not f.is_file()]
        if missing:
            print(f"missing {missing[0]}: run `npm ci` first", file=sys.stderr)
            return 1
        dest = target / name
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for file in files:
            shutil.copy2(file, dest / file.name)
    print(f"map assets copied to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
