"""What every command of the command line shares: the registry of sub-commands,
exit codes, messages on stderr, opening the database, reporting an import."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cartoparti import i18n
from cartoparti.storage import open_storage

if TYPE_CHECKING:
    from cartoparti.io.importer import RowsReport
    from cartoparti.storage import Storage

# Building the parser imports every command module: they import what their handlers
# need (geopandas, scipy, scikit-learn…) inside the handlers, so that a command pays
# only for what it uses (tests/test_cli_startup.py).

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_PARTIAL", "PARSERS", "command", "open_db", "report_rejects"]

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2

PARSERS: list[Callable[[argparse._SubParsersAction], None]] = []
"""Functions that add a sub-parser; command modules register theirs with :func:`command`."""


def command(setup: Callable[[argparse._SubParsersAction], None]) -> Callable[[argparse._SubParsersAction], None]:
    """Register a function that adds a sub-parser (with ``set_defaults(handler=…)``)."""
    PARSERS.append(setup)
    return setup


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def open_db(args: argparse.Namespace, *, ensure_territory: bool = True) -> Storage:
    """Open the database of ``--db``; load the configured territory if none is."""
    store = open_storage(args.db)
    if ensure_territory and not store.territory_info()["loaded"]:
        from cartoparti.io.territory import load_territory

        folder = args.settings.territory
        _err(i18n.message("cli.loading_territory", folder=folder))
        store.load_territory(load_territory(folder))
    # the public positions follow the configured grid (recomputed when it changed)
    store.set_public_precision(args.settings.public_precisions)
    return store



def report_rejects(report: RowsReport, file: Path, rejects: Path | None = None) -> int:
    """Tell what an import did: each rejected row on stderr, the rejected rows as CSV
    in ``rejects`` (default: ``FILE.rejets.csv`` beside the file), the summary on
    stdout. Return the report's exit code."""
    for row in report.rejected:
        _err(i18n.message("cli.rejected_row", line=row.line, reason=row.reason))
    if report.rejected:
        from cartoparti.io.importer import write_rejects

        target = rejects or file.with_name(file.stem + ".rejets.csv")  # a file name of the contract
        try:
            write_rejects(report.rejected, target)
            _err(i18n.message("cli.rejects_written", target=target))
        except OSError as exc:
            _err(i18n.message("cli.rejects_unwritable", target=target, error=exc))
    print(report.summary())  # type: ignore[attr-defined]
    return report.exit_code
