"""Command line: ``python -m cartoparti [--db PATH] COMMAND …`` (also ``cartoparti``).

The contract of each command (arguments, columns, exit codes) is stable: other tools
rely on it. Messages are in French; errors go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cartoparti import settings
from cartoparti._errors import CartopartiError, ImportFileError, SettingsError
from cartoparti.export import FORMATS, export_bytes, export_contributions
from cartoparti.importer import RowsReport, import_file, write_rejects
from cartoparti.storage import Storage, open_storage
from cartoparti.territory import load_territory

__all__ = ["main", "build_parser", "COMMANDS"]

EXIT_OK, EXIT_PARTIAL, EXIT_FAILED = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}
"""Command name → handler; modules register theirs with :func:`command`."""
_PARSERS: list[Callable[[argparse._SubParsersAction], None]] = []


def command(setup: Callable[[argparse._SubParsersAction], None]) -> Callable[[argparse._SubParsersAction], None]:
    """Register a function that adds a sub-parser (with ``set_defaults(handler=…)``)."""
    _PARSERS.append(setup)
    return setup


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def open_db(args: argparse.Namespace, *, ensure_territory: bool = True) -> Storage:
    """Open the database of ``--db``; load the configured territory if none is."""
    store = open_storage(args.db)
    if ensure_territory and not store.territory_info()["loaded"]:
        folder = settings.territory_dir()
        _err(f"Aucun territoire dans la base : chargement de {folder}.")
        store.load_territory(load_territory(folder))
    return store


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
    print(f"Fond de carte : {s.tiles_url or 'aucun (couches du territoire)'}")
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
    folder = args.territory or settings.territory_dir()
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
    p.add_argument("--rejects", type=Path, help="CSV des lignes rejetées (défaut : à côté du fichier)")
    p.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    mapping = _mapping(args.map)
    with open_db(args) as store:
        report = import_file(
            store,
            args.file,
            themes=settings.themes(),
            mapping=mapping,
            crs=args.crs,
            default_kind=args.kind,
            default_channel=args.channel,
            published=settings.moderation() == "a_posteriori",
        )
    return report_rejects(report, args.file, args.rejects)


def report_rejects(report: RowsReport, file: Path, rejects: Path | None = None) -> int:
    """Tell what an import did: each rejected row on stderr, the rejected rows as CSV
    in ``rejects`` (default: ``FILE.rejets.csv`` beside the file), the summary on
    stdout. Return the report's exit code."""
    for row in report.rejected:
        _err(f"ligne {row.line} : {row.reason}")
    if report.rejected:
        target = rejects or file.with_name(file.stem + ".rejets.csv")
        try:
            write_rejects(report.rejected, target)
            _err(f"Lignes rejetées écrites dans {target}")
        except OSError as exc:
            _err(f"Impossible d'écrire {target} : {exc}")
    print(report.summary())  # type: ignore[attr-defined]
    return report.exit_code


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
    from cartoparti.storage.core import compact_database

    if not Path(args.db).is_file():
        _err(f"Base introuvable : {args.db}")
        return EXIT_FAILED
    before, after = compact_database(args.db)
    print(f"Base {args.db} réécrite : {before / 1e6:.1f} Mo → {after / 1e6:.1f} Mo.")
    return EXIT_OK


# -- entry point ----------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cartoparti", description="cartoparti — SIG participatif (ligne de commande)"
    )
    parser.add_argument(
        "--db", type=Path, default=None, help="fichier DuckDB (défaut : CARTOPARTI_DB ou data/cartoparti.duckdb)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _load_plugins()
    for setup in _PARSERS:
        setup(sub)
    return parser


def _load_plugins() -> None:
    """Import the modules that register further commands."""
    import importlib

    for name in ("cartoparti.cli_analysis", "cartoparti.cli_agents"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.settings = settings.current()
    except SettingsError as exc:
        _err(f"Réglage incorrect : {exc}")
        return EXIT_FAILED
    args.db = args.db or args.settings.database
    try:
        return int(args.handler(args))
    except CartopartiError as exc:
        _err(f"Erreur : {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
