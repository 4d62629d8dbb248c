"""The council brief, for the agents' page and the command line
(:mod:`cartoparti.present.brief`)."""

from __future__ import annotations

from datetime import datetime

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.commands import plan
from cartoparti.i18n import formats
from cartoparti.present import brief
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = ["FORMATS", "MIME", "council_brief", "plan_section"]

FORMATS: tuple[str, ...] = ("pdf", "html")
MIME: dict[str, str] = {"pdf": "application/pdf", "html": "text/html"}


def council_brief(
    store: Storage, settings: Settings, *, fmt: str = "pdf", now: datetime | None = None
) -> bytes:
    """The council brief as ``fmt`` (``pdf`` or ``html``, UTF-8); raise
    :class:`ValidationError` for another format."""
    del settings  # the brief reads the store only today; kept for the commands' signature
    if fmt not in FORMATS:
        raise ValidationError({"format": i18n.message("brief.format_unknown", fmt=fmt, formats=", ".join(FORMATS))})
    if fmt == "html":
        return brief.render_html(store, now=now).encode("utf-8")
    return brief.render_pdf(store, now=now)


def _n(value: float) -> str:
    return formats.number(float(value))


def plan_section(data: brief.BriefData) -> brief.Section:
    """The action plan's progress: items by status, those made with residents,
    milestones reached, every item with its next milestone, and why some were
    abandoned (in the words given to the public)."""
    progress = plan.plan_progress(data.store)
    t = i18n.message
    section = brief.Section(key="plan", title=t("brief.plan.title"))
    if not progress.items:
        section.paragraphs.append(t("brief.plan.none"))
        return section
    section.paragraphs.append(t("brief.plan.intro", items=_n(len(progress.items)), residents=_n(progress.made_with_residents)))
    section.figures = [(label, _n(progress.by_status.get(code, 0))) for code, label in plan.PLAN_STATUSES.items()]
    section.figures.append((t("brief.plan.milestones"), t("brief.plan.milestones_value", done=_n(progress.milestones_done), total=_n(progress.milestones_total))))
    rows = []
    for item in progress.items:
        upcoming = [m for m in item["milestones"] if not m["done"]]
        rows.append([
            str(item["title"]), str(item["service"]), str(item["level_label"]), str(item["status_label"]),
            _n(item["contributions"]) if item["made_with_residents"] else t("brief.plan.no_residents"),
            t("brief.plan.next", date=formats.date(upcoming[0]["due_date"]), label=upcoming[0]["label"]) if upcoming else "",
        ])
    section.tables.append(brief.Table(
        t("brief.plan.table"),
        [t("brief.column.action"), t("brief.column.service"), t("brief.column.level"), t("brief.column.plan_status"),
         t("brief.column.with_residents"), t("brief.column.next_milestone")],
        rows, frozenset({4}),
    ))
    abandoned = [i for i in progress.items if i["status"] == "abandoned"]
    if abandoned:
        section.tables.append(brief.Table(
            t("brief.plan.abandoned"), [t("brief.column.action"), t("brief.column.reason")],
            [[str(i["title"]), str(i["public_reason"] or "")] for i in abandoned],
        ))
    return section


brief.register_section("plan", lambda: i18n.message("brief.plan.title"), plan_section, after="answers")

