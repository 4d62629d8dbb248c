"""Agents' commands: ``user add|list|set-role|remove``, ``answers import``,
``field import``, ``forget-address``, ``erase --contributor`` and ``purge``.

Passwords are read from standard input (first line) or asked at the terminal,
never taken from the command line (it would stay in the shell history and be
visible to other users in the process list).

``user`` and ``forget-address`` commands need the database file itself (the
administrator's privilege);
a role change or a removal takes effect at the user's next page load.
``answers import`` and ``field import`` are an agent's actions: ``--user NAME``
signs in with the password. Exit codes, as for ``import``: 0 all done, 1 some rows
rejected, 2 nothing done.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cartoparti import i18n
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.cli._base import EXIT_FAILED, EXIT_OK, _err, command, open_db, report_rejects
from cartoparti.commands import accounts as auth
from cartoparti.i18n import formats

if TYPE_CHECKING:
    from cartoparti.storage import Storage

__all__ = ["CLI_USER", "read_password"]

CLI_USER = {"name": "cli", "role": "admin"}
"""Who acts for the commands that need only the database file (as ``user`` ones do)."""


def read_password(prompt: str | None = None, *, confirm: bool = False) -> str:
    """A password from the terminal (asked, twice if ``confirm``) or the first line of stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(i18n.message("cli.password_prompt") if prompt is None else prompt)
        if confirm and getpass.getpass(i18n.message("cli.password_confirm")) != first:
            raise ValidationError({"password": i18n.message("cli.passwords_differ")})
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


# -- user ---------------------------------------------------------------------------
@command
def _user_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help=i18n.message("cli.user.help"))
    users = p.add_subparsers(dest="user_command", required=True)
    add = users.add_parser(
        "add",
        help=i18n.message("cli.user.add.help"),
    )
    add.add_argument("name", help=i18n.message("cli.user.name"))
    add.add_argument("--role", choices=sorted(auth.ROLES), default="agent")
    add.set_defaults(handler=_user_add)
    listing = users.add_parser("list", help=i18n.message("cli.user.list.help"))
    listing.set_defaults(handler=_user_list)
    set_role = users.add_parser("set-role", help=i18n.message("cli.user.set_role.help"))
    set_role.add_argument("name", help=i18n.message("cli.user.name"))
    set_role.add_argument("--role", choices=sorted(auth.ROLES), required=True)
    set_role.set_defaults(handler=_user_set_role)
    remove = users.add_parser(
        "remove", help=i18n.message("cli.user.remove.help")
    )
    remove.add_argument("name", help=i18n.message("cli.user.name"))
    remove.set_defaults(handler=_user_remove)


def _user_add(args: argparse.Namespace) -> int:
    password = read_password(i18n.message("cli.password_of", name=args.name), confirm=True)
    with open_db(args, ensure_territory=False) as store:
        try:
            created = auth.add_user(store, args.name, role=args.role, password=password)
        except ValidationError as exc:
            for message in exc.errors.values():
                _err(message)
            return EXIT_FAILED
    label = auth.ROLES[args.role]
    key = "cli.user_created" if created else "cli.user_updated"
    print(i18n.message(key, name=auth.normalise_name(args.name), role=label))
    return EXIT_OK


def _user_set_role(args: argparse.Namespace) -> int:
    with open_db(args, ensure_territory=False) as store:
        try:
            former = auth.set_role(store, args.name, args.role)
        except NotFoundError as exc:
            _err(str(exc))
            return EXIT_FAILED
    name, label = auth.normalise_name(args.name), auth.ROLES[args.role]
    if former == args.role:
        print(i18n.message("cli.role_unchanged", name=name, role=label))
    else:
        print(i18n.message("cli.role_changed", name=name, former=auth.ROLES[former], role=label))
    return EXIT_OK


def _user_remove(args: argparse.Namespace) -> int:
    with open_db(args, ensure_territory=False) as store:
        try:
            auth.remove_user(store, args.name)
        except NotFoundError as exc:
            _err(str(exc))
            return EXIT_FAILED
    print(i18n.message("cli.user_removed", name=auth.normalise_name(args.name)))
    return EXIT_OK


def _user_list(args: argparse.Namespace) -> int:
    with open_db(args, ensure_territory=False) as store:
        users = store.users()
    for row in users.itertuples(index=False):
        print(f"{row.name}\t{row.role}\t{row.created_at:%Y-%m-%d}")
    return EXIT_OK


# -- answers ------------------------------------------------------------------------
@command
def _answers_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("answers", help=i18n.message("cli.answers.help"))
    answers = p.add_subparsers(dest="answers_command", required=True)
    imp = answers.add_parser(
        "import",
        help=i18n.message("cli.answers.import.help"),
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--user",
        required=True,
        help=i18n.message("cli.answers.user"),
    )
    imp.add_argument(
        "--rejects", type=Path, help=i18n.message("cli.rejects.help")
    )
    imp.set_defaults(handler=_answers_import)


def _sign_in(store: Storage, name: str, password: str, nothing_done: str) -> dict[str, str] | None:
    user = auth.authenticate(store, name, password)
    if user is None:
        _err(i18n.message("cli.sign_in_failed", nothing_done=nothing_done))
    return user


def _answers_import(args: argparse.Namespace) -> int:
    from cartoparti.commands.answers import import_answers

    password = read_password(i18n.message("cli.password_of", name=args.user))
    with open_db(args) as store:
        user = _sign_in(store, args.user, password, i18n.message("cli.no_answer_recorded"))
        if user is None:
            return EXIT_FAILED
        report = import_answers(store, user, args.file, settings=args.settings)
    return report_rejects(report, args.file, args.rejects)


# -- field --------------------------------------------------------------------------
@command
def _field_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("field", help=i18n.message("cli.field.help"))
    field = p.add_subparsers(dest="field_command", required=True)
    imp = field.add_parser(
        "import",
        help=i18n.message("cli.field.import.help"),
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--user",
        required=True,
        help=i18n.message("cli.field.user"),
    )
    imp.add_argument(
        "--date", type=date.fromisoformat, required=True, help=i18n.message("cli.field.date")
    )
    imp.add_argument("--place", required=True, help=i18n.message("cli.field.place"))
    imp.add_argument(
        "--rejects", type=Path, help=i18n.message("cli.rejects.help")
    )
    imp.set_defaults(handler=_field_import)


def _field_import(args: argparse.Namespace) -> int:
    from cartoparti.commands.fieldwork import import_field_file

    password = read_password(i18n.message("cli.password_of", name=args.user))
    with open_db(args) as store:
        user = _sign_in(store, args.user, password, i18n.message("cli.no_contribution_imported"))
        if user is None:
            return EXIT_FAILED
        try:
            report = import_field_file(
                store, user, args.file, settings=args.settings, session_date=args.date,
                session_place=args.place,
            )
        except ValidationError as exc:
            for message in exc.errors.values():
                _err(message)
            return EXIT_FAILED
    return report_rejects(report, args.file, args.rejects)


# -- forget-address -------------------------------------------------------------------
@command
def _forget_address_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forget-address", help=i18n.message("cli.forget_address.help"))
    p.add_argument("email")
    p.set_defaults(handler=_forget_address)


def _forget_address(args: argparse.Namespace) -> int:
    from cartoparti.commands.notify import forget_address

    with open_db(args, ensure_territory=False) as store:
        try:
            removed = forget_address(store, args.settings, CLI_USER, args.email)
        except ValidationError as exc:
            for message in exc.errors.values():
                _err(message)
            return EXIT_FAILED
    print(i18n.message("notify.forgotten", count=formats.number(removed)) if removed else i18n.message("notify.forgotten_none"))
    return EXIT_OK


# -- erase --contributor, purge (RGPD) -------------------------------------------------
@command
def _erase_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("erase", help=i18n.message("cli.erase.help"))
    p.add_argument("--contributor", required=True, metavar="ID", help=i18n.message("cli.erase.contributor"))
    p.set_defaults(handler=_erase)


def _erase(args: argparse.Namespace) -> int:
    from cartoparti.commands.rights import erase_contributor

    with open_db(args, ensure_territory=False) as store:
        try:
            counts = erase_contributor(store, CLI_USER, args.contributor)
        except ValidationError as exc:
            for message in exc.errors.values():
                _err(message)
            return EXIT_FAILED
        except NotFoundError as exc:
            _err(str(exc))
            return EXIT_FAILED
    print(i18n.message("rights.erased_summary", **{k: formats.number(v) for k, v in counts.items()}))
    if not str(args.db).startswith(("postgresql://", "postgres://")):
        _err(i18n.message("cli.erase.compact_hint"))
    return EXIT_OK


@command
def _purge_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("purge", help=i18n.message("cli.purge.help"))
    p.add_argument("--dry-run", action="store_true", help=i18n.message("cli.purge.dry_run"))
    p.set_defaults(handler=_purge)


def _purge(args: argparse.Namespace) -> int:
    from cartoparti.commands.rights import purge

    months = args.settings.retention_months
    if months is None:
        print(i18n.message("rights.kept_forever"))
        return EXIT_OK
    with open_db(args, ensure_territory=False) as store:
        done = purge(store, args.settings, actor=CLI_USER["name"], dry_run=args.dry_run)
    print(i18n.message(
        "rights.purge_would" if args.dry_run else "rights.purged",
        months=months, cutoff=formats.date(done["cutoff"]),
        profiles=formats.number(done["profiles"]), addresses=formats.number(done["addresses"]),
    ))
    return EXIT_OK
