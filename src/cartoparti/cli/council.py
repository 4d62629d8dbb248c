"""Command line of the planners' tools: ``priorities`` and ``report``.

::

    python -m cartoparti [--db PATH] priorities [--kind KIND] [--format csv|json] [-o FILE]
    python -m cartoparti [--db PATH] report [--format pdf|html] -o FILE

``priorities`` writes the columns of
:data:`cartoparti.analysis.priorities.PRIORITY_COLUMNS`, best first (``--kind``: a
code or its French label, as the import takes them; default proposals and needs).
``report`` writes the council brief (:mod:`cartoparti.present.brief`). An unknown
kind stops with exit code 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cartoparti import i18n
from cartoparti.cli._base import EXIT_OK, _err, command, open_db
from cartoparti.commands import brief as brief_command
from cartoparti.commands import priorities as prio
from cartoparti.io import tables

__all__: list[str] = []


@command
def _priorities_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("priorities", help=i18n.message("cli.priorities.help"))
    p.add_argument("--kind", help=i18n.message("cli.priorities.kind"))
    p.add_argument("--format", choices=tables.FORMATS, default="csv")
    p.add_argument("-o", "--output", type=Path, help=i18n.message("cli.output.help"))
    p.set_defaults(handler=_priorities)


def _priorities(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        frame = prio.export_frame(prio.rank(store, args.settings, kind=args.kind))
    tables.write_table(frame, args.format, args.output)
    if args.output is not None:
        _err(i18n.message("cli.priorities.written", count=len(frame), output=args.output))
    return EXIT_OK


@command
def _report_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help=i18n.message("cli.report.help"))
    p.add_argument("--format", choices=brief_command.FORMATS, default="pdf")
    p.add_argument("-o", "--output", type=Path, required=True, help=i18n.message("cli.report.output"))
    p.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        data = brief_command.council_brief(store, args.settings, fmt=args.format)
    args.output.write_bytes(data)
    _err(i18n.message("cli.report.written", output=args.output))
    return EXIT_OK
