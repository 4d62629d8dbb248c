"""Command line: ``python -m cartoparti [--db PATH] COMMAND …`` (also ``cartoparti``).

The contract of each command (arguments, columns, exit codes) is stable: other tools
rely on it. Messages are in French; errors go to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from cartoparti import i18n, settings
from cartoparti._errors import CartopartiError, SettingsError
from cartoparti.cli._base import EXIT_FAILED, PARSERS, _err

__all__ = ["build_parser", "main"]

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "cartoparti.cli.contributions": ("settings", "init", "import", "export", "compact", "backup", "restore"),
    "cartoparti.cli.analysis": ("representation", "outreach"),
    "cartoparti.cli.agents": ("user", "answers", "field", "forget-address", "erase", "purge"),
    "cartoparti.cli.council": ("priorities", "report"),
    "cartoparti.cli.clusters": ("places",),
    "cartoparti.cli.plan": ("plan",),
}
"""Modules that register sub-commands, with the commands each registers. A command
line naming one of them imports that module only (each module imports what its
handlers need inside them): ``cartoparti user add`` loads neither pandas nor
geopandas, ``representation`` no geopandas, scikit-learn or WeasyPrint."""


# -- entry point ----------------------------------------------------------------------
def _command_of(argv: Sequence[str]) -> str | None:
    """The sub-command named by ``argv`` (after the global options), if any."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--db")
    _known, rest = pre.parse_known_args(list(argv))
    return rest[0] if rest and not rest[0].startswith("-") else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of the command line; given ``argv``, only the module of the command
    it names is imported (every module for ``--help`` or an unknown command)."""
    parser = argparse.ArgumentParser(
        prog="cartoparti", description=i18n.message("cli.description")
    )
    parser.add_argument(
        "--db", default=None,
        help=i18n.message("cli.db.help"),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    command = _command_of(argv) if argv is not None else None
    modules = [m for m, names in COMMAND_MODULES.items() if command in names] or list(COMMAND_MODULES)
    for name in modules:
        importlib.import_module(name)
    for setup in PARSERS:
        if setup.__module__ in modules:
            setup(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
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
