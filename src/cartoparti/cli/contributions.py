"""Commands on contributions: check the settings, create the database and load the
territory, import, export, compact."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cartoparti import i18n
from cartoparti._errors import ImportFileError
from cartoparti.cli._base import EXIT_FAILED, EXIT_OK, _err, command, open_db, report_rejects
from cartoparti.i18n import formats
from cartoparti.io import EXPORT_FORMATS
from cartoparti.storage import is_postgres


# -- settings ---------------------------------------------------------------------
@command
def _settings_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("settings", help=i18n.message("cli.settings.help"))
    p.set_defaults(handler=_show_settings)


def _show_settings(args: argparse.Namespace) -> int:
    s = args.settings
    print(i18n.message("cli.settings.database", backend='PostgreSQL' if s.is_postgres else 'DuckDB', db=args.db))
    print(i18n.message("cli.settings.territory", territory=s.territory))
    print(i18n.message("cli.settings.moderation", moderation=s.moderation))
    where = s.basemap.file or s.basemap.url or i18n.message("cli.settings.no_tiles")
    print(i18n.message("cli.settings.tiles", tiles=f"{s.basemap.kind} ({where})"))
    print(i18n.message("cli.settings.themes", themes=", ".join(s.themes)))
    print(i18n.message("cli.settings.services", services=", ".join(s.services)))
    kinds = i18n.labels("kinds")
    blurred = [f"{kinds.get(k, k)} {m:g} m" for k, m in s.public_precision if m > 0]
    print(i18n.message("cli.settings.public_precision",
                       precision=", ".join(blurred) or i18n.message("cli.settings.public_exact")))
    smtp = s.smtp
    print(i18n.message("cli.settings.smtp", smtp=f"{smtp.host}:{smtp.port} ({smtp.sender})" if smtp else i18n.message("cli.settings.no_smtp")))
    return EXIT_OK


# -- init -------------------------------------------------------------------------
@command
def _init_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help=i18n.message("cli.init.help"))
    p.add_argument("--territory", type=Path, help=i18n.message("cli.init.territory"))
    p.set_defaults(handler=_init)


def _init(args: argparse.Namespace) -> int:
    from cartoparti.io.territory import load_territory

    folder = args.territory or args.settings.territory
    territory = load_territory(folder)
    with open_db(args, ensure_territory=False) as store:
        store.load_territory(territory)
        zones = len(store.zones())
        landmarks = len(store.landmarks())
        total = store.count_contributions()
    print(i18n.message("cli.init.done", db=args.db, territory=territory.name, zones=zones, landmarks=landmarks, total=total))
    return EXIT_OK


# -- import -----------------------------------------------------------------------
def _mapping(items: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        if "=" not in item:
            raise ImportFileError(i18n.message("cli.import.map_invalid", item=item))
        key, value = item.split("=", 1)
        mapping[key.strip()] = value.strip()
    return mapping


@command
def _import_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help=i18n.message("cli.import.help"))
    p.add_argument("file", type=Path)
    p.add_argument("--crs", type=int, help=i18n.message("cli.import.crs"))
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")
    p.add_argument("--kind", help=i18n.message("cli.import.kind"))
    p.add_argument("--channel", help=i18n.message("cli.import.channel"))
    p.add_argument("--theme", help=i18n.message("cli.import.theme"))
    p.add_argument("--rejects", type=Path, help=i18n.message("cli.rejects.help"))
    p.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    from cartoparti.io.importer import import_file

    mapping = _mapping(args.map)
    with open_db(args) as store:
        report = import_file(
            store,
            args.file,
            themes=args.settings.themes,
            mapping=mapping,
            crs=args.crs,
            default_kind=args.kind,
            default_channel=args.channel,
            default_theme=args.theme,
            published=args.settings.publish_at_once,
            max_bytes=args.settings.import_max_bytes,
            max_vertices=args.settings.max_vertices,
            max_area_km2=args.settings.max_area_km2,
        )
    return report_rejects(report, args.file, args.rejects)


# -- export -----------------------------------------------------------------------
@command
def _export_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=i18n.message("cli.export.help"))
    p.add_argument("--format", choices=EXPORT_FORMATS, default="geojson")
    p.add_argument("-o", "--output", type=Path, help=i18n.message("cli.output.help"))
    p.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from cartoparti.commands import exports

    with open_db(args) as store:
        if args.output is None:
            if args.format == "gpkg":
                _err(i18n.message("cli.export.gpkg_needs_file"))
                return EXIT_FAILED
            sys.stdout.buffer.write(exports.export_bytes(store, args.settings, args.format))
            sys.stdout.flush()
            return EXIT_OK
        count = exports.write_export(store, args.settings, args.format, args.output)
    _err(i18n.message("cli.export.done", count=count, output=args.output))
    return EXIT_OK


# -- compact ----------------------------------------------------------------------
@command
def _compact_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compact", help=i18n.message("cli.compact.help")
    )
    p.set_defaults(handler=_compact)


def _compact(args: argparse.Namespace) -> int:
    if is_postgres(args.db):
        from cartoparti.storage.postgis import compact_postgis

        before, after = compact_postgis(str(args.db))
        print(i18n.message("cli.compacted_postgres", before=before / 1e6, after=after / 1e6))
        return EXIT_OK
    from cartoparti.storage.duckdb import compact_database

    if not Path(args.db).is_file():
        _err(i18n.message("cli.compact.no_database", db=args.db))
        return EXIT_FAILED
    before, after = compact_database(args.db)
    print(
        i18n.message(
            "cli.compacted",
            db=args.db,
            before=formats.number(before / 1e6, 1),
            after=formats.number(after / 1e6, 1),
        )
    )
    return EXIT_OK


# -- backup and restore ---------------------------------------------------------------
@command
def _backup_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help=i18n.message("cli.backup.help"))
    p.add_argument("file", type=Path, help=i18n.message("cli.backup.file"))
    p.set_defaults(handler=_backup)


def _backup(args: argparse.Namespace) -> int:
    from cartoparti.commands import backup

    with open_db(args, ensure_territory=False) as store:
        manifest = backup.backup(store, args.file)
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(i18n.message("cli.backup.done", file=args.file, tables=len(manifest["tables"]), rows=rows))
    return EXIT_OK


@command
def _restore_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("restore", help=i18n.message("cli.restore.help"))
    p.add_argument("file", type=Path, help=i18n.message("cli.restore.file"))
    p.set_defaults(handler=_restore)


def _restore(args: argparse.Namespace) -> int:
    from cartoparti.commands import backup

    if not args.file.is_file():
        _err(i18n.message("cli.restore.missing", file=args.file))
        return EXIT_FAILED
    try:
        with open_db(args, ensure_territory=False) as store:
            manifest = backup.restore(store, args.file)
    except backup.BackupError as exc:
        _err(str(exc))
        return EXIT_FAILED
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(i18n.message("cli.restore.done", file=args.file, db=args.db, rows=rows, created=manifest["created_at"]))
    return EXIT_OK
