"""Command line of the action plan: ``plan add|link|milestone|status|list``.

::

    python -m cartoparti [--db PATH] plan add --user NAME --title TITLE --service SERVICE
        --level LEVEL --start AAAA-MM-JJ [--description TEXT] [--cost EUROS] [--days N]
        [--zone CODE [--layer LAYER] | --lon X --lat Y | --wkt WKT]
        [--contribution ID ...] [--milestone AAAA-MM-JJ=LABEL ...]
    python -m cartoparti [--db PATH] plan link ITEM CONTRIBUTION ... --user NAME [--remove]
    python -m cartoparti [--db PATH] plan milestone ITEM --user NAME (--date AAAA-MM-JJ --label LABEL | --done STEP | --undone STEP)
    python -m cartoparti [--db PATH] plan status ITEM STATUS --user NAME [--reason TEXT]
    python -m cartoparti [--db PATH] plan list [--format csv|json] [-o FILE]

Writing commands are an agent's actions: ``--user NAME`` signs in with the password
(first line of standard input, or asked). ``plan add`` prints the new item's id on
standard output. A level or a status is a code or its French label (``--level
concertation``, ``plan status ID fait``). When an item leaves its service over its
capacity, the months are named on standard error (the item is recorded all the same).
Exit codes: 0 done, 2 nothing done (bad input, unknown item, failed sign-in).

``plan list`` columns: ``id,title,status,level,service,cost,agent_days,start_date,
zone_code,lon,lat,made_with_residents,contributions,contribution_ids,milestones,
public_reason`` (``milestones``: ``AAAA-MM-JJ label [x]`` separated by `` | ``, ``[x]``
when done; ``contribution_ids`` separated by spaces).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import shapely

from cartoparti import i18n
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.cli._base import EXIT_FAILED, EXIT_OK, _err, command, open_db
from cartoparti.cli.agents import _sign_in, read_password
from cartoparti.commands import plan
from cartoparti.i18n import formats
from cartoparti.io import tables
from cartoparti.lifecycle import LEVELS
from cartoparti.model import normalise_code

__all__ = ["LIST_COLUMNS"]

LIST_COLUMNS = ("id", "title", "status", "level", "service", "cost", "agent_days", "start_date",
                "zone_code", "lon", "lat", "made_with_residents", "contributions", "contribution_ids",
                "milestones", "public_reason")


def _milestone(value: str) -> tuple[str, str]:
    day, sep, label = value.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(i18n.message("cli.plan.milestone_invalid", value=value))
    return label.strip(), day.strip()


@command
def _plan_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help=i18n.message("cli.plan.help"))
    commands = p.add_subparsers(dest="plan_command", required=True)

    def user(q: argparse.ArgumentParser) -> None:
        q.add_argument("--user", required=True, help=i18n.message("cli.plan.user"))

    add = commands.add_parser("add", help=i18n.message("cli.plan.add.help"))
    user(add)
    add.add_argument("--title", required=True)
    add.add_argument("--service", required=True)
    add.add_argument("--level", required=True, help=", ".join(LEVELS))
    add.add_argument("--start", required=True, help=i18n.message("cli.plan.start"))
    add.add_argument("--description", default="")
    add.add_argument("--cost", default="0", help=i18n.message("cli.plan.cost"))
    add.add_argument("--days", default="0", help=i18n.message("cli.plan.days"))
    add.add_argument("--zone", help=i18n.message("cli.plan.zone"))
    add.add_argument("--layer", default="")
    add.add_argument("--lon", type=float)
    add.add_argument("--lat", type=float)
    add.add_argument("--wkt")
    add.add_argument("--contribution", action="append", default=[], help=i18n.message("cli.plan.contribution"))
    add.add_argument("--milestone", action="append", default=[], type=_milestone,
                     help=i18n.message("cli.plan.milestone"))
    add.set_defaults(handler=_add)

    link = commands.add_parser("link", help=i18n.message("cli.plan.link.help"))
    link.add_argument("item")
    link.add_argument("contributions", nargs="+")
    user(link)
    link.add_argument("--remove", action="store_true", help=i18n.message("cli.plan.remove"))
    link.set_defaults(handler=_link)

    milestone = commands.add_parser("milestone", help=i18n.message("cli.plan.milestone.help"))
    milestone.add_argument("item")
    user(milestone)
    milestone.add_argument("--date")
    milestone.add_argument("--label")
    milestone.add_argument("--done", type=int, metavar="STEP")
    milestone.add_argument("--undone", type=int, metavar="STEP")
    milestone.set_defaults(handler=_milestone_command)

    status = commands.add_parser("status", help=i18n.message("cli.plan.status.help"))
    status.add_argument("item")
    status.add_argument("status", help=", ".join(plan.PLAN_STATUSES))
    user(status)
    status.add_argument("--reason", help=i18n.message("cli.plan.reason"))
    status.set_defaults(handler=_status)

    listing = commands.add_parser("list", help=i18n.message("cli.plan.list.help"))
    listing.add_argument("--format", choices=tables.FORMATS, default="csv")
    listing.add_argument("-o", "--output", type=Path, help=i18n.message("cli.output.help"))
    listing.set_defaults(handler=_list)


def _errors(exc: ValidationError) -> int:
    for message in exc.errors.values():
        _err(message)
    _err(i18n.message("cli.plan.nothing_done"))
    return EXIT_FAILED


def _warn(change: plan.PlanChange) -> None:
    for w in change.warnings:
        _err(i18n.message("plan.overload", service=w.service, month=formats.month(w.month),
                          load=formats.number(w.load, 1, plain=True),
                          capacity=formats.number(w.capacity, 1, plain=True)))


def _run(args: argparse.Namespace, action) -> int:
    password = read_password(i18n.message("cli.password_of", name=args.user))
    with open_db(args) as store:
        user = _sign_in(store, args.user, password, i18n.message("cli.plan.nothing_done"))
        if user is None:
            return EXIT_FAILED
        try:
            change = action(store, user)
        except ValidationError as exc:
            return _errors(exc)
        except NotFoundError as exc:
            _err(str(exc))
            return EXIT_FAILED
    _warn(change)
    return EXIT_OK


def _add(args: argparse.Namespace) -> int:
    geometry = None
    if args.wkt:
        try:
            geometry = shapely.from_wkt(args.wkt)
        except shapely.errors.GEOSException:
            _err(i18n.message("cli.plan.wkt_invalid", value=args.wkt))
            return EXIT_FAILED
    elif args.lon is not None and args.lat is not None:
        geometry = shapely.Point(args.lon, args.lat)
    level = normalise_code(args.level, LEVELS) or args.level

    def action(store, user):
        change = plan.add_item(
            store, args.settings, user, title=args.title, service=args.service, level=level,
            start_date=args.start, description=args.description, cost=args.cost, agent_days=args.days,
            geometry=geometry, zone=(args.layer, args.zone) if args.zone else None,
            contribution_ids=args.contribution, milestones=args.milestone,
        )
        print(change.item_id)
        return change

    return _run(args, action)


def _link(args: argparse.Namespace) -> int:
    def action(store, user):
        if args.remove:
            change = plan.PlanChange(args.item, "unlink")
            for cid in args.contributions:
                change.unlinked += plan.unlink(store, user, args.item, cid).unlinked
            print(i18n.message("cli.plan.unlinked", count=len(change.unlinked), item=args.item))
            return change
        change = plan.link(store, args.settings, user, args.item, args.contributions)
        print(i18n.message("cli.plan.linked", count=len(change.linked), item=args.item))
        return change

    return _run(args, action)


def _milestone_command(args: argparse.Namespace) -> int:
    def action(store, user):
        step = args.done if args.done is not None else args.undone
        if step is not None:
            change = plan.set_milestone_done(store, user, args.item, step, args.done is not None)
            print(i18n.message("cli.plan.milestone_ticked", step=step, item=args.item))
            return change
        change = plan.add_milestone(store, args.settings, user, args.item, args.label or "", args.date or "")
        print(i18n.message("cli.plan.milestone_added", step=change.after["step"], item=args.item))
        return change

    return _run(args, action)


def _status(args: argparse.Namespace) -> int:
    status = normalise_code(args.status, plan.PLAN_STATUSES) or args.status

    def action(store, user):
        change = plan.set_status(store, args.settings, user, args.item, status, reason=args.reason)
        print(i18n.message("cli.plan.status_set", item=args.item,
                           status=plan.PLAN_STATUSES.get(status, status)))
        return change

    return _run(args, action)


def list_frame(store) -> pd.DataFrame:
    """The rows of ``plan list`` (:data:`LIST_COLUMNS`)."""
    items = plan.public_plan(store)
    frame = store.plan_items()
    points = {row.id: row.geometry for row in frame.itertuples()}
    links = store.plan_links()
    rows = []
    for item in items:
        point = points.get(item["id"])
        centre = point.centroid if point is not None and not point.is_empty else None
        rows.append({
            **{k: item[k] for k in ("id", "title", "status", "level", "service", "cost", "agent_days",
                                    "zone_code", "made_with_residents", "contributions", "public_reason")},
            "start_date": item["start_date"].isoformat(),
            "lon": None if centre is None else round(centre.x, 6),
            "lat": None if centre is None else round(centre.y, 6),
            "contribution_ids": " ".join(links.loc[links["item_id"] == item["id"], "contribution_id"]),
            "milestones": " | ".join(
                f"{m['due_date'].isoformat()} {m['label']}{' [x]' if m['done'] else ''}" for m in item["milestones"]
            ),
        })
    return pd.DataFrame(rows, columns=list(LIST_COLUMNS))


def _list(args: argparse.Namespace) -> int:
    with open_db(args) as store:
        frame = list_frame(store)
    tables.write_table(frame, args.format, args.output)
    if args.output is not None:
        _err(i18n.message("cli.rows_written", count=len(frame), output=args.output))
    return EXIT_OK

