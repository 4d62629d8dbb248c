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
from cartoparti.io.export import FORMATS, export_bytes, export_contributions
from cartoparti.io.importer import import_file
from cartoparti.io.territory import load_territory
from cartoparti.storage import is_postgres


# -- settings ---------------------------------------------------------------------
@command
def _settings_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("settings", help="vérifier et afficher les réglages (variables CARTOPARTI_*)")
    p.set_defaults(handler=_show_settings)


def _show_settings(args: argparse.Namespace) -> int:
    s = args.settings
    print(f"Base : {'PostgreSQL' if s.is_postgres else 'DuckDB'} ({args.db})")
    print(f"Territoire : {s.territory}")
    print(f"Modération : {s.moderation}")
    basemap = s.basemap
    where = basemap.file or basemap.url or "couches du territoire"
    print(f"Fond de carte : {basemap.kind} ({where})")
    print(f"Thèmes : {', '.join(s.themes)}")
    print(f"Services : {', '.join(s.services)}")
    return EXIT_OK


# -- init -------------------------------------------------------------------------
@command
def _init_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="créer ou mettre à jour la base et charger le territoire")
    p.add_argument("--territory", type=Path, help="dossier du territoire (défaut : CARTOPARTI_TERRITORY)")
    p.set_defaults(handler=_init)


def _init(args: argparse.Namespace) -> int:
    folder = args.territory or args.settings.territory
    territory = load_territory(folder)
    with open_db(args, ensure_territory=False) as store:
        store.load_territory(territory)
        zones = len(store.zones())
        landmarks = len(store.landmarks())
        total = store.count_contributions()
    print(
        f"Base {args.db} prête : territoire « {territory.name} », {zones} zones, "
        f"{landmarks} repères, {total} contribution(s)."
    )
    return EXIT_OK


# -- import -----------------------------------------------------------------------
def _mapping(items: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        if "=" not in item:
            raise ImportFileError(f"--map attend CHAMP=COLONNE, reçu « {item} ».")
        key, value = item.split("=", 1)
        mapping[key.strip()] = value.strip()
    return mapping


@command
def _import_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="importer des contributions (CSV, GeoJSON, GeoPackage)")
    p.add_argument("file", type=Path)
    p.add_argument("--crs", type=int, help="code EPSG des colonnes x/y")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")
    p.add_argument("--kind", help="type pour les lignes qui n'en ont pas")
    p.add_argument("--channel", help="canal pour les lignes qui n'en ont pas")
    p.add_argument("--theme", help="thème pour les lignes qui n'en ont pas (un des thèmes réglés)")
    p.add_argument("--rejects", type=Path, help="CSV des lignes rejetées (défaut : à côté du fichier)")
    p.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
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
        )
    return report_rejects(report, args.file, args.rejects)


# -- export -----------------------------------------------------------------------
@command
def _export_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="exporter les contributions publiées")
    p.add_argument("--format", choices=FORMATS, default="geojson")
    p.add_argument("-o", "--output", type=Path, help="fichier de sortie (défaut : sortie standard)")
    p.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        if args.output is None:
            if args.format == "gpkg":
                _err("Le format gpkg demande un fichier : -o FICHIER.gpkg")
                return EXIT_FAILED
            sys.stdout.buffer.write(export_bytes(store, args.format))
            sys.stdout.flush()
            return EXIT_OK
        count = export_contributions(store, args.output, args.format)
    _err(f"{count} contribution(s) exportée(s) dans {args.output}")
    return EXIT_OK


# -- compact ----------------------------------------------------------------------
@command
def _compact_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compact", help="réécrire la base pour qu'aucune donnée supprimée n'y subsiste (application arrêtée)"
    )
    p.set_defaults(handler=_compact)


def _compact(args: argparse.Namespace) -> int:
    if is_postgres(args.db):
        from cartoparti.storage.postgis import compact_postgis

        before, after = compact_postgis(str(args.db))
        print(f"Base PostgreSQL compactée (VACUUM FULL) : {before / 1e6:.1f} Mo → {after / 1e6:.1f} Mo.")
        return EXIT_OK
    from cartoparti.storage.duckdb import compact_database

    if not Path(args.db).is_file():
        _err(f"Base introuvable : {args.db}")
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
