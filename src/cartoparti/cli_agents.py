"""Agents' commands: ``user add``, ``user list`` and ``answers import``.

Passwords are read from standard input (first line) or asked at the terminal,
never taken from the command line (it would stay in the shell history and be
visible to other users in the process list).

``user add`` needs the database file itself (the administrator's privilege);
``answers import`` is an agent's action: ``--user NAME`` signs in with the password.
Exit codes, as for ``import``: 0 all done, 1 some rows rejected, 2 nothing done.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from cartoparti import auth
from cartoparti._errors import ValidationError
from cartoparti.cli import EXIT_FAILED, EXIT_OK, _err, command, open_db
from cartoparti.importer import write_rejects
from cartoparti.workflow import import_answers

__all__ = ["read_password"]


def read_password(prompt: str = "Mot de passe : ", *, confirm: bool = False) -> str:
    """A password from the terminal (asked, twice if ``confirm``) or the first line of stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Confirmez le mot de passe : ") != first:
            raise ValidationError({"password": "Les deux mots de passe diffèrent."})
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


# -- user ---------------------------------------------------------------------------
@command
def _user_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="comptes des agents et administrateurs")
    users = p.add_subparsers(dest="user_command", required=True)
    add = users.add_parser(
        "add",
        help="créer un compte (ou changer son rôle et son mot de passe) ; "
        "mot de passe lu sur l'entrée standard ou demandé",
    )
    add.add_argument("name", help="nom d'utilisateur")
    add.add_argument("--role", choices=sorted(auth.ROLES), default="agent")
    add.set_defaults(handler=_user_add)
    listing = users.add_parser("list", help="lister les comptes (sans mot de passe)")
    listing.set_defaults(handler=_user_list)


def _user_add(args: argparse.Namespace) -> int:
    password = read_password(f"Mot de passe de {args.name} : ", confirm=True)
    with open_db(args, ensure_territory=False) as store:
        try:
            created = auth.add_user(store, args.name, role=args.role, password=password)
        except ValidationError as exc:
            for message in exc.errors.values():
                _err(message)
            return EXIT_FAILED
    label = auth.ROLES[args.role]
    print(f"Compte {'créé' if created else 'mis à jour'} : {args.name.strip()} ({label}).")
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
    p = sub.add_parser("answers", help="réponses aux contributions")
    answers = p.add_subparsers(dest="answers_command", required=True)
    imp = answers.add_parser(
        "import",
        help="enregistrer des réponses en lot depuis un CSV id,status,message[,competent]",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--user",
        required=True,
        help="agent qui répond (mot de passe lu sur l'entrée standard ou demandé)",
    )
    imp.add_argument(
        "--rejects", type=Path, help="CSV des lignes rejetées (défaut : à côté du fichier)"
    )
    imp.set_defaults(handler=_answers_import)


def _answers_import(args: argparse.Namespace) -> int:
    password = read_password(f"Mot de passe de {args.user} : ")
    with open_db(args) as store:
        user = auth.authenticate(store, args.user, password)
        if user is None:
            _err("Nom d'utilisateur ou mot de passe incorrect : aucune réponse enregistrée.")
            return EXIT_FAILED
        report = import_answers(store, user, args.file)
    for row in report.rejected:
        _err(f"ligne {row.line} : {row.reason}")
    if report.rejected:
        target = args.rejects or args.file.with_name(args.file.stem + ".rejets.csv")
        try:
            write_rejects(report.rejected, target)
            _err(f"Lignes rejetées écrites dans {target}")
        except OSError as exc:
            _err(f"Impossible d'écrire {target} : {exc}")
    print(report.summary())
    return report.exit_code
