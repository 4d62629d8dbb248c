"""Command line: ``python -m cartoparti [--db PATH] COMMAND …`` (also ``cartoparti``).

The contract of each command (arguments, columns, exit codes) is stable: other tools
rely on it. Messages are in French; errors go to stderr.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

from cartoparti import i18n, settings
from cartoparti._errors import CartopartiError, SettingsError
from cartoparti.cli._base import EXIT_FAILED, PARSERS, _err

__all__ = ["build_parser", "main"]

COMMAND_MODULES = (
    "cartoparti.cli.contributions",
    "cartoparti.cli.analysis",
    "cartoparti.cli.agents",
    "cartoparti.cli.council",
    "cartoparti.cli.clusters",
    "cartoparti.cli.plan",
)
"""Modules that register sub-commands (imported when the parser is built)."""


# -- entry point ----------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cartoparti", description=i18n.message("cli.description")
    )
    parser.add_argument(
        "--db", default=None,
        help=i18n.message("cli.db.help"),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name)
    for setup in PARSERS:
        setup(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.settings = settings.current()
    except SettingsError as exc:
        _err(i18n.message("cli.settings_error", error=exc))
        return EXIT_FAILED
    args.db = args.db or args.settings.database
    try:
        return int(args.handler(args))
    except CartopartiError as exc:
        _err(i18n.message("cli.error", error=exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
