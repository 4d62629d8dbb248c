"""Command line of the places that come back::

    python -m cartoparti [--db PATH] places [--eps METRES] [--min-contributors N]
        [--format csv|geojson] [-o FILE]

CSV: one row per place (the columns of
:meth:`cartoparti.analysis.clusters.Clusters.export_frame`); GeoJSON: a
FeatureCollection of the places' footprints (WGS84) with the same figures. The publics
of a place are counted in contributors and suppressed below 5 people. A wrong value
stops with exit code 2 and a French message; the number of places goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cartoparti import i18n
from cartoparti.analysis.clusters import DEFAULT_EPS_M, DEFAULT_MIN_CONTRIBUTORS
from cartoparti.cli._base import EXIT_OK, _err, command, open_db
from cartoparti.commands import clusters
from cartoparti.io import tables

__all__: list[str] = []

FORMATS = ("csv", "geojson")


@command
def _places_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("places", help=i18n.message("cli.places.help"))
    p.add_argument("--eps", type=float, default=DEFAULT_EPS_M,
                   help=i18n.message("cli.places.eps.help", default=int(DEFAULT_EPS_M)))
    p.add_argument("--min-contributors", type=int, default=DEFAULT_MIN_CONTRIBUTORS,
                   help=i18n.message("cli.places.min_contributors.help", default=DEFAULT_MIN_CONTRIBUTORS))
    p.add_argument("--format", choices=FORMATS, default="csv", help=i18n.message("cli.places.format.help"))
    p.add_argument("-o", "--output", type=Path, help=i18n.message("cli.output.help"))
    p.set_defaults(handler=_places)


def _places(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        found = clusters.places(store, args.settings, eps_m=args.eps, min_contributors=args.min_contributors)
    if args.format == "geojson":
        data = (json.dumps(found.geojson(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        if args.output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            args.output.write_bytes(data)
    else:
        tables.write_table(found.export_frame(), "csv", args.output)
    _err(i18n.message("cli.places.count", count=len(found.places)))
    return EXIT_OK
