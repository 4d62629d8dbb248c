"""Command line of the representation analyses: ``representation`` and ``outreach``.

::

    python -m cartoparti [--db PATH] representation [--by zone|public|zone-public|channel]
        [--basis place|home] [--since DATE] [--until DATE] [--kind KIND]
        [--format csv|json] [-o FILE]
    python -m cartoparti [--db PATH] outreach [--top N] [--format csv|json] [-o FILE]

Dates are local (Europe/Paris) days and ``--until`` is inclusive (the whole day).
``--kind`` and ``--channel`` take a code or its French label, as the import does
(``besoin`` → ``need``); an unknown value stops with exit code 2.
Extra options, beyond the contract: ``--theme``, ``--channel`` and ``--kind`` may
be repeated; ``--layer`` picks another zone layer. Columns are those of :mod:`cartoparti.analysis.representation`
(files: :mod:`cartoparti.io.tables`);
zone × public and channel cells built on fewer than 5 contributors or
inhabitants are suppressed (empty figures, ``suppressed`` true).

The output (CSV, or JSON: a list of rows) holds the documented columns only. The
zones whose population by public is unknown, left out of ``--by public``,
``zone-public`` and the age and category rows of ``channel`` (and listed whole,
without crossing by public, by ``outreach``), are named on standard error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.cli._base import EXIT_FAILED, EXIT_OK, _err, command, open_db
from cartoparti.io import tables
from cartoparti.model import CHANNELS, KINDS, day_range, normalise_code
from cartoparti.storage.common import BASES

if TYPE_CHECKING:  # the analyses (pandas, scipy) are imported by the handlers
    from cartoparti.analysis import representation as rep

__all__: list[str] = []

BY = ("zone", "public", "zone-public", "channel")


def _day(value: str) -> date | datetime:
    """A date (``YYYY-MM-DD``) or an ISO 8601 timestamp."""
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(i18n.message("cli.date_invalid", value=value)) from exc


def _selection(args: argparse.Namespace) -> rep.Selection:
    from cartoparti.analysis import representation as rep

    since, until = args.since, args.until
    # plain dates are local (Paris) days, --until included
    if isinstance(since, date) and not isinstance(since, datetime):
        since = day_range(since, since)[0]
    if isinstance(until, date) and not isinstance(until, datetime):
        until = day_range(until, until)[1]
    return rep.Selection(
        since=since,
        until=until,
        kinds=_codes(args.kind, KINDS, "--kind", i18n.message("cli.kind")),
        themes=tuple(args.theme or ()),
        channels=_codes(args.channel, CHANNELS, "--channel", i18n.message("cli.channel")),
    )


def _codes(values: list[str] | None, table: dict[str, str], option: str, what: str) -> tuple[str, ...]:
    """Codes of ``values`` given as codes or French labels; raise for an unknown one."""
    codes = []
    for value in values or ():
        code = normalise_code(value, table)
        if code is None:
            raise ValidationError(
                {option: i18n.message("cli.code_unknown", what=what, value=value, codes=", ".join(table), labels=", ".join(table.values()))}
            )
        codes.append(code)
    return tuple(codes)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--basis", choices=BASES, default="place",
                   help=i18n.message("cli.basis.help"))
    p.add_argument("--since", type=_day, help=i18n.message("cli.since.help"))
    p.add_argument("--until", type=_day, help=i18n.message("cli.until.help"))
    p.add_argument("--kind", action="append", help=i18n.message("cli.kinds.help"))
    p.add_argument("--theme", action="append", help=i18n.message("cli.themes.help"))
    p.add_argument("--channel", action="append", help=i18n.message("cli.channels.help"))
    p.add_argument("--layer", help=i18n.message("cli.layer.help"))
    p.add_argument("--format", choices=tables.FORMATS, default="csv")
    p.add_argument("-o", "--output", type=Path, help=i18n.message("cli.output.help"))


@command
def _representation_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "representation",
        help=i18n.message("cli.representation.help"),
    )
    p.add_argument("--by", choices=BY, default="zone")
    _common(p)
    p.set_defaults(handler=_representation)


def _representation(args: argparse.Namespace) -> int:
    from cartoparti.analysis import representation as rep

    selection = _selection(args)
    with open_db(args) as store:
        if args.by == "zone":
            result = rep.representation_by_zone(
                store, basis=args.basis, selection=selection, layer=args.layer
            )
            frame = result.export_frame()
            if result.left_out:
                _err(i18n.message("cli.representation.without_zone", count=result.left_out))
        elif args.by == "public":
            publics = rep.representation_by_public(
                store, basis=args.basis, selection=selection, layer=args.layer
            )
            frame = publics.export_frame()
            _left_out_zones(publics.zones_left_out)
        elif args.by == "zone-public":
            cells = rep.representation_by_zone_public(
                store, basis=args.basis, selection=selection, layer=args.layer
            )
            frame = cells.export_frame()
            _left_out_zones(cells.zones_left_out)
        else:
            if args.basis != "place":
                raise ValidationError({"basis": i18n.message("cli.representation.channel_place_only")})
            frame = rep.channel_reach(store, selection=selection, layer=args.layer)
            _left_out_zones(
                rep.breakdown_left_out(store, layer=args.layer)["zone_name"].tolist(),
                i18n.message("cli.representation.left_out_channel"),
            )
    tables.write_table(frame, args.format, args.output)
    if args.output is not None:
        _err(i18n.message("cli.rows_written", count=len(frame), output=args.output))
    return EXIT_OK


def _left_out_zones(names: list[str], what: str | None = None) -> None:
    """Name on stderr the zones without a breakdown by public (the output keeps its columns)."""
    what = what or i18n.message("cli.left_out")
    if names:
        _err(i18n.message("cli.zones_left_out", count=len(names), what=what, zones=", ".join(names)))


@command
def _outreach_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("outreach", help=i18n.message("cli.outreach.help"))
    p.add_argument("--top", type=int, default=20, help=i18n.message("cli.outreach.top"))
    _common(p)
    p.set_defaults(handler=_outreach)


def _outreach(args: argparse.Namespace) -> int:
    from cartoparti.analysis import representation as rep

    if args.top < 1:
        _err(i18n.message("cli.outreach.top_invalid"))
        return EXIT_FAILED
    selection = _selection(args)
    with open_db(args) as store:
        frame = rep.outreach_targets(
            store, top=args.top, basis=args.basis, selection=selection, layer=args.layer
        )
        _left_out_zones(
            rep.breakdown_left_out(store, layer=args.layer)["zone_name"].tolist(),
            i18n.message("cli.outreach.left_out"),
        )
    tables.write_table(frame, args.format, args.output)
    if args.output is not None:
        _err(i18n.message("cli.outreach.written", count=len(frame), output=args.output))
    elif frame.empty:
        print(i18n.message("cli.outreach.none"), file=sys.stderr)
    return EXIT_OK
