"""The one module of the library that talks to streamlit: cached resources and
small widgets shared by pages. Pages stay thin: read widgets, call the library,
show the result.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st

from cartoparti import i18n, lifecycle, settings
from cartoparti._errors import CartopartiError, DatabaseBusyError, SettingsError, ValidationError
from cartoparti.commands.accounts import has_role
from cartoparti.commands.contribute import geometry_from_geojson
from cartoparti.i18n import formats
from cartoparti.io.territory import load_territory
from cartoparti.present import maps
from cartoparti.storage import Storage, open_storage
from cartoparti.web import identity

_LOG = logging.getLogger("cartoparti")

_PAGE_LABELS = i18n.table("pages")
PUBLIC_PAGES: Sequence[tuple[str, str, str]] = i18n.per_language_list(lambda: [
    (path, _PAGE_LABELS[path], icon)
    for path, icon in [
        ("app.py", "🏠"),
        ("pages/contribuer.py", "✏️"),
        ("pages/carte.py", "🗺️"),
        ("pages/contribution.py", "💬"),
        ("pages/suivi.py", "🔎"),
        ("pages/histoire.py", "📜"),
        ("pages/plan_public.py", "🪨"),
    ]
] + [(path, label, icon) for path, label, icon, _ in LEGAL_PAGES])
"""(file, label, icon) of the pages everyone sees in the sidebar (the legal pages last)."""
_LEGAL_LABELS = i18n.table("legal_pages")
LEGAL_PAGES: Sequence[tuple[str, str, str, str]] = i18n.per_language_list(lambda: [
    (path, _LEGAL_LABELS[path], icon, document)
    for path, icon, document in [
        ("pages/donnees_personnelles.py", "🔐", "donnees-personnelles"),
        ("pages/mentions_legales.py", "⚖️", "mentions-legales"),
        ("pages/charte_moderation.py", "🤝", "charte-moderation"),
        ("pages/accessibilite.py", "♿", "accessibilite"),
    ]
])
"""(file, label, icon, document) of the legal pages (:mod:`cartoparti.io.legal`):
public, in the sidebar and in every footer."""
AGENT_PAGES: Sequence[tuple[str, str, str]] = i18n.per_language_list(lambda: [
    (path, _PAGE_LABELS[path], icon)
    for path, icon in [
        ("pages/reponses.py", "📬"),
        ("pages/moderation.py", "🛡️"),
        ("pages/saisie_terrain.py", "📝"),
        ("pages/charge_equite.py", "⚖️"),
        ("pages/qui_manque.py", "🧭"),
        ("pages/priorites.py", "📊"),
        ("pages/bilan.py", "📄"),
        ("pages/lieux.py", "📍"),
        ("pages/donnees.py", "🗂️"),
        ("pages/plan.py", "📋"),
    ]
])
"""Pages shown to signed-in agents only (each also checks the role itself)."""
ADMIN_PAGES: Sequence[tuple[str, str, str]] = i18n.per_language_list(lambda: [
    (path, _PAGE_LABELS[path], icon) for path, icon in [("pages/comptes.py", "👥")]
])
"""Pages shown to administrators only (each also checks the role itself)."""
SIGN_IN_PAGE = "pages/connexion.py"

LANGUAGE_KEY = "language"
"""Session-state key of the session's language (:func:`session_language`)."""
_LANGUAGE_SWITCH = "language_switch"


def __getattr__(name: str) -> str:
    # FAILURE_MESSAGE: what a visitor reads when a page fails (the details go to the
    # server's log only), in the session's language.
    if name == "FAILURE_MESSAGE":
        return i18n.message("page.failure")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def browser_language(offered: Sequence[str], default: str) -> str:
    """The first of the ``offered`` languages the visitor's browser asks for (its
    ``navigator.language``, then its ``Accept-Language`` header), else ``default``."""
    try:
        preferred = [st.context.locale, *i18n.accept_language(st.context.headers.get("Accept-Language"))]
    except Exception:  # noqa: BLE001 - no browser context (a test, a callback thread)
        preferred = []
    return i18n.negotiate(preferred, offered) or default


def session_language() -> str | None:
    """The language of the Streamlit session running in this thread (``None`` outside
    one): the one the visitor chose in the sidebar, else the one their browser asks for
    among ``CARTOPARTI_LANGUAGES``, else ``CARTOPARTI_LANGUAGE``. Kept in the session."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    if get_script_run_ctx() is None:
        return None
    try:
        state = st.session_state
        chosen = state.get(LANGUAGE_KEY)
        if chosen is not None:
            return str(chosen)
        current = settings.current()
    except Exception:  # noqa: BLE001 - broken settings: page() says so, in the default language
        return None
    chosen = browser_language(current.offered_languages, current.language)
    state[LANGUAGE_KEY] = chosen
    return chosen


i18n.set_resolver(session_language)


def _chosen_language() -> None:
    st.session_state[LANGUAGE_KEY] = st.session_state[_LANGUAGE_SWITCH]


def language_switch() -> None:
    """In the sidebar, when several languages are offered: a switch that sets the
    session's language (each language written in itself)."""
    offered = settings.current().offered_languages
    if len(offered) < 2:
        return
    # each page has its own widget: it starts from the session's language
    st.session_state[_LANGUAGE_SWITCH] = i18n.active()
    names = i18n.labels("languages")
    st.radio(
        i18n.message("language.switch"), list(offered), format_func=lambda code: names.get(code, code),
        horizontal=True, key=_LANGUAGE_SWITCH, on_change=_chosen_language,
    )


@contextlib.contextmanager
def page(title: str) -> Iterator[None]:
    """The body of a page: ``with ui.page("Carte"): …``.

    Sets the page up (:func:`page_setup`). An error in the body is logged on the server
    with its traceback and the visitor sees :data:`FAILURE_MESSAGE`, never the
    exception (``st.stop`` and ``st.rerun`` pass through).
    """
    try:
        settings.current()
    except SettingsError as exc:
        st.set_page_config(page_title="cartoparti", layout="wide")
        st.error(i18n.message("page.settings_error", error=exc), icon="⛔")
        st.stop()
    try:
        page_setup(title)
        yield
    except DatabaseBusyError:
        _LOG.warning("page %r: database busy", title, exc_info=True)
        busy_notice(rerun=True)
    except Exception:  # noqa: BLE001 - the one place where page failures are caught
        _LOG.exception("page %r failed", title)
        st.error(i18n.message("page.failure"), icon="⚠️")


BUSY_RETRY_SECONDS = 3
"""When the database is busy, the page tries again after this many seconds."""


def busy_notice(*, rerun: bool = False) -> None:
    """Tell the visitor that the database is busy (« réessayez dans un instant ») and try
    again after :data:`BUSY_RETRY_SECONDS`: ``rerun`` runs the page's script again
    (what was typed stays); else the browser reloads the page (outside a page's body,
    where a rerun cannot be asked for)."""
    import time

    st.warning(i18n.message("page.busy"), icon="⏳")
    if rerun:
        time.sleep(BUSY_RETRY_SECONDS)
        st.rerun()
    from cartoparti.commands.sessions import REDIRECT_SCRIPT

    st.html(
        f'<script src="{REDIRECT_SCRIPT}" data-reload="{BUSY_RETRY_SECONDS}"></script>',
        unsafe_allow_javascript=True,
    )


def show_callback_failure() -> None:
    """Show the message of a widget callback that failed in the previous run, if any."""
    failed = st.session_state.pop("_callback_failed", False)
    if failed == "busy":
        st.warning(i18n.message("page.busy"), icon="⏳")
    elif failed:
        st.error(i18n.message("page.failure"), icon="⚠️")


def safe_callback(function: Callable[..., Any]) -> Callable[..., Any]:
    """A widget callback whose failure is logged and shown as :data:`FAILURE_MESSAGE`.

    Streamlit runs callbacks before the page's script, outside :func:`page`.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DatabaseBusyError:
            _LOG.warning("callback %s: database busy", function.__name__, exc_info=True)
            st.session_state["_callback_failed"] = "busy"
            return None
        except Exception:  # noqa: BLE001 - logged, and the visitor is told in French
            _LOG.exception("callback %s failed", function.__name__)
            st.session_state["_callback_failed"] = True
            return None

    return wrapper


def current_user() -> dict[str, Any] | None:
    """The signed-in agent or administrator of this browser session, if any.

    A browser with a session cookie (set by the server shell after a sign-in) is
    signed in as long as that session is open: across reloads and tabs, until it
    expires, the agent signs out, or the account is removed or its password or role
    changes. Without one, the user signed in on this page (``st.session_state``) is
    looked up again in the users table at every page load: a role change or a
    removed account takes effect at once. With OpenID Connect configured, a person
    signed in through ``st.login`` whose e-mail the provider has verified
    (``email_verified``) and is the name of a user is signed in as that user.
    """
    from cartoparti.commands.accounts import identity_user, signed_in_user
    from cartoparti.commands.sessions import session_user

    kept = st.session_state.get("user")
    token = session_token()
    if token is not None and "session_ticket" not in st.session_state:
        user = session_user(store(), token)
    else:
        user = signed_in_user(store(), kept.get("name")) if kept else None
    if user is None and oidc_configured() and st.user.is_logged_in:
        user = identity_user(store(), st.user.get("email"), verified=st.user.get("email_verified"))
    if user is None:
        st.session_state.pop("user", None)
    else:
        st.session_state["user"] = user
    return user


@st.cache_resource(show_spinner=False)
def _site_secret(path: str, configured: str | None) -> str:
    from cartoparti.commands import sessions

    return configured or sessions.site_secret(_store(path), settings.current())


def site_secret() -> str:
    """The secret that signs the site's cookies (``CARTOPARTI_SECRET_KEY``, or the one
    kept in the database), read once per process."""
    current = settings.current()
    return _site_secret(str(settings.db_path()), current.secret_key)


identity.secret_provider = site_secret


def session_token() -> str | None:
    """The token of this browser's session cookie if its signature holds, else ``None``."""
    from cartoparti.commands.sessions import SESSION_COOKIE
    from cartoparti.commands.sessions import session_token as unsigned

    try:
        raw = st.context.cookies.get(SESSION_COOKIE)
    except Exception:  # noqa: BLE001 - no request context (AppTest)
        return None
    return unsigned(site_secret(), raw) if raw else None


def open_browser_session(user: dict[str, Any], *, back: str = "/connexion") -> None:
    """After a sign-in: keep a one-time ticket and send the browser to the server shell,
    which sets the session cookie and comes back to ``back`` (the sign-in then holds
    across reloads and tabs)."""
    from cartoparti.commands import sessions

    st.session_state["session_ticket"] = sessions.open_ticket(store(), user)
    st.session_state["session_back"] = back
    st.session_state["user"] = user


def browser_redirect() -> None:
    """If a sign-in or sign-out is waiting, send the browser to the server shell (a
    script of our own origin: the page's policy allows no inline script)."""
    from urllib.parse import urlencode

    from cartoparti.commands.sessions import REDIRECT_SCRIPT, SESSION_ROUTE, SIGN_OUT_ROUTE

    s = st.session_state
    if "session_ticket" in s:
        href = f"{SESSION_ROUTE}?" + urlencode({"ticket": s.pop("session_ticket"), "next": s.pop("session_back", "/")})
    elif s.pop("session_end", False):
        href = f"{SIGN_OUT_ROUTE}?" + urlencode({"next": s.pop("session_back", "/connexion")})
    else:
        return
    st.html(f'<script src="{REDIRECT_SCRIPT}" data-href="{escape(href)}"></script>', unsafe_allow_javascript=True)


def close_browser_session(*, back: str = "/connexion") -> None:
    """Sign-out: the session is closed at once (its cookie opens nothing any more), and
    the browser is sent to the server shell, which clears the cookie."""
    from cartoparti.commands import sessions

    sessions.end_session(store(), session_token())
    st.session_state.pop("user", None)
    st.session_state.pop("session_ticket", None)
    st.session_state["session_end"] = True
    st.session_state["session_back"] = back


def oidc_configured() -> bool:
    """Whether OpenID Connect sign-in (``st.login``) is set up: an ``[auth]`` section
    in ``.streamlit/secrets.toml``."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False



def require_agent(role: str = "agent") -> dict[str, Any]:
    """The signed-in user if it holds ``role`` (admin ⊇ agent); else a sign-in prompt and stop."""

    user = current_user()
    if not has_role(user, role):
        if user is None:
            st.warning(i18n.message("page.agents_only"), icon="🔒")
        else:
            st.error(i18n.message("page.admins_only"), icon="🔒")
        st.page_link(SIGN_IN_PAGE, label=i18n.message("nav.sign_in"), icon="🔑")
        st.stop()
    return user  # type: ignore[return-value]


ACCESSIBLE_CSS = """<style>
/* WCAG 2.1 AA contrast (axe-core, tests/browser/test_accessibility.py): Streamlit's
   captions (body text at opacity 0.6: 3.9:1) and disabled widgets' labels (2.3:1) are
   too faint on white; here 6.8:1 and 5.1:1 */
[data-testid="stCaptionContainer"] { opacity: 1; color: #5c5b59; }
label[data-testid="stWidgetLabel"][disabled], label[data-testid="stWidgetLabel"][disabled] * { color: #6f6e6c; }
</style>"""
"""Style placed on every page (:func:`page_setup`) where Streamlit's own colours fall
short of the contrast WCAG 2.1 AA asks (4.5:1 for text)."""


def page_setup(title: str) -> None:
    """Page config, the stylesheet of :data:`ACCESSIBLE_CSS` and the sidebar navigation
    (agent pages only for agents)."""
    st.set_page_config(page_title=f"{title} — cartoparti", page_icon="🗺️", layout="wide")
    st.html(ACCESSIBLE_CSS)
    show_callback_failure()
    daily_upkeep()
    with st.sidebar:
        st.markdown("### cartoparti")
        for path, label, icon in PUBLIC_PAGES:
            st.page_link(path, label=label, icon=icon)
        user = current_user()
        if user is not None and AGENT_PAGES:
            st.markdown(f"**{i18n.message('nav.agents')}**")
            for path, label, icon in AGENT_PAGES:
                st.page_link(path, label=label, icon=icon)
            if has_role(user, "admin"):
                for path, label, icon in ADMIN_PAGES:
                    st.page_link(path, label=label, icon=icon)
        st.page_link(
            SIGN_IN_PAGE,
            label=i18n.message("nav.account") if user else i18n.message("nav.agents_sign_in"),
            icon="🔑",
        )
        language_switch()


@st.cache_resource(show_spinner=i18n.message("web.opening_database"))
def _store(path: str) -> Storage:
    store = open_storage(path)
    if not store.territory_info()["loaded"]:
        store.load_territory(load_territory(settings.territory_dir()))
    store.set_public_precision(settings.current().public_precisions)  # issue 13 — privacy
    return store


def store() -> Storage:
    """The process-wide storage (one DuckDB connection; a cursor per call)."""
    return _store(str(settings.db_path()))


@st.cache_resource
def _territory(path: str) -> dict[str, Any]:
    s = _store(path)
    return {"info": s.territory_info(), "zones": s.zones(), "landmarks": s.landmarks()}


def territory() -> dict[str, Any]:
    """Territory info, zones and landmarks (read once per process)."""
    return _territory(str(settings.db_path()))


def zone_names() -> dict[str, str]:
    zones = territory()["zones"]
    return dict(zip(zones["code"], zones["name"], strict=True))


STATIC_DIR: Path = settings.PROJECT_ROOT / "static"
"""The folder Streamlit serves at ``/app/static`` (beside app.py)."""


def basemap() -> settings.Basemap:
    """The configured basemap; a PMTiles file is first placed where our server serves it."""
    chosen = settings.basemap()
    if chosen.file is not None:
        _expose(chosen.file, STATIC_DIR / maps.PMTILES_FOLDER / chosen.file.name)
    return chosen


def _expose(source: Path, target: Path) -> None:
    """Make ``source`` readable at ``target`` inside the static folder (Streamlit does
    not follow a link out of it): a hard link, or a copy across file systems."""
    if target.exists():
        have, want = target.stat(), source.stat()
        if have.st_size == want.st_size and have.st_mtime >= want.st_mtime:
            return
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def base_map(*, show_landmarks: bool = False, height: int = 560) -> Any:
    t = territory()
    return maps.territory_map(
        t["zones"],
        landmarks=t["landmarks"],
        attribution=t["info"]["attribution"],
        height=height,
        show_landmarks=show_landmarks,
        basemap=basemap(),
    )


def st_folium(fmap: Any, **kwargs: Any) -> Any:
    """streamlit-folium's ``st_folium``, imported at the first map drawn: a component is
    registered only when declared in a script run, and the server shell may import this
    package earlier, in a worker thread (the map's frame would then be a 404)."""
    from streamlit_folium import st_folium as draw

    return draw(fmap, **kwargs)


def show_map(fmap: Any, *, key: str, height: int = 560) -> None:
    """Show a folium map for reading only: full width, and no event sent back
    (panning or clicking does not rerun the page)."""
    st_folium(fmap, key=key, height=height, use_container_width=True, returned_objects=[])


def attribution_footer() -> None:
    """The data sources, as the open licences ask; the links to the legal pages."""
    info = territory()["info"]
    with st.expander(i18n.message("web.sources")):
        # written in the territory's files: shown as text (no markdown, no link)
        st.caption(md(info["attribution"]))
        for line in info["sources"]:
            st.caption(md(line))
    legal_links()


def page_label(path: str) -> str:
    """The sidebar label of a page, by its file (public, legal, agents' or admins')."""
    for known, label, *_rest in [*PUBLIC_PAGES, *LEGAL_PAGES, *AGENT_PAGES, *ADMIN_PAGES]:
        if known == path:
            return label
    raise KeyError(path)


def legal_links() -> None:
    """One line of links to the legal pages (privacy, legal notice, charter, accessibility)."""
    columns = st.columns(len(LEGAL_PAGES) + 1)
    columns[0].caption(i18n.message("legal.footer"))
    for column, (path, label, _icon, _doc) in zip(columns[1:], LEGAL_PAGES, strict=True):
        column.page_link(path, label=label)


def legal_page(path: str) -> None:
    """The body of a legal page: the territory's document (or the default) shown as
    text, its minimal structure kept (headings, paragraphs, lists); nothing in it is
    interpreted (no link, no HTML, no markdown)."""
    from cartoparti.commands.legal import document

    name = next(doc for p, _label, _icon, doc in LEGAL_PAGES if p == path)
    for kind, content in document(settings.current(), territory()["info"], name):
        if kind == "ul":
            st.markdown("\n".join(f"- {md(item)}" for item in content))  # type: ignore[attr-defined]
        elif kind.startswith("h"):
            st.markdown(f"{'#' * int(kind[1])} {md(content)}")
        else:
            st.markdown(md(content))
    legal_links()


_upkeep_lock = threading.Lock()
_upkeep: dict[str, Any] = {"day": None, "compact": None}


def daily_upkeep(target: Storage | None = None) -> threading.Thread | None:
    """Start, in the background, the day's retention purge
    (:func:`cartoparti.commands.rights.daily_purge`) at the first page load of a UTC
    day in this process (the database decides which server does it); the visitor's
    page never waits for it. Return the thread started, if any."""
    import datetime as dt

    from cartoparti.commands import rights

    day = dt.datetime.now(dt.UTC).date()
    with _upkeep_lock:
        if _upkeep["day"] == day:
            return None
        _upkeep["day"] = day
    chosen, current = target or store(), settings.current()

    def run() -> None:
        try:
            rights.daily_purge(chosen, current)
        except Exception:  # noqa: BLE001 - logged; tried again tomorrow (or at restart)
            _LOG.exception("daily retention purge failed")

    thread = threading.Thread(target=run, name="cartoparti-daily-purge", daemon=True)
    thread.start()
    return thread


def compact_soon(target: Storage | None = None) -> threading.Thread | None:
    """Compact the database in the background (after an erasure) so that the erased
    contents leave the file while the app runs; one at a time (``None`` when one is
    already running). Return the thread."""
    from cartoparti.commands import rights

    chosen = target or store()
    with _upkeep_lock:
        running = _upkeep["compact"]
        if running is not None and running.is_alive():
            return None

        def run() -> None:
            try:
                rights.compact(chosen)
            except Exception:  # noqa: BLE001 - logged; an administrator can compact again
                _LOG.exception("compacting after an erasure failed")

        thread = threading.Thread(target=run, name="cartoparti-compact", daemon=True)
        _upkeep["compact"] = thread
        thread.start()
    return thread


def field_error(errors: dict[str, str], name: str, *, linked: bool = False) -> None:
    """Show the message of one field, if any, next to it.

    ``linked``: the message sits in a keyed container (:func:`error_key`) that
    :func:`form_feedback` links to its field (once per page and field name)."""
    if name not in errors:
        return
    if linked:
        with st.container(key=error_key(name)):
            st.error(errors[name], icon="⚠️")
    else:
        st.error(errors[name], icon="⚠️")


def error_key(name: str) -> str:
    """Key of the container of field ``name``'s message (:func:`field_error`)."""
    return f"cp_error_{name}"


FORM_FEEDBACK_SCRIPT = "/app/static/cartoparti/form_feedback.js"
"""The script of :func:`form_feedback`, served by the app (``static/``), never inlined: the
Content-Security-Policy of the server shell refuses inline scripts."""


def form_feedback(
    errors: Mapping[str, str], widgets: Mapping[str, str], *, focus: bool, success: str | None = None
) -> None:
    """After a form is sent: its fields in error are marked ``aria-invalid`` and linked
    (``aria-describedby``) to their message (shown by ``field_error(…, linked=True)``),
    and with ``focus`` the keyboard focus goes to the container keyed ``success`` (the
    confirmation) or else to the first field in error, in the page's order.

    ``widgets``: field name (as in ``errors``) → key of the widget the resident fills in.
    Streamlit has no attribute for this: a small script is placed on the page
    (``st.html``), a new one at each sending so that it runs again."""
    fields = [
        {"name": name, "widget": widgets[name], "error": error_key(name)} for name in errors if name in widgets
    ]
    if not fields and success is None:
        return
    if focus:
        st.session_state["_form_feedback_runs"] = st.session_state.get("_form_feedback_runs", 0) + 1
    spec = {"fields": fields, "focus": focus, "success": success, "run": st.session_state.get("_form_feedback_runs", 0)}
    attribute = html.escape(json.dumps(spec, ensure_ascii=False), quote=True)
    st.html(f'<script src="{FORM_FEEDBACK_SCRIPT}" data-spec="{attribute}"></script>', unsafe_allow_javascript=True)


def escape(text: object) -> str:
    """Escape user text for markdown/HTML rendering."""
    return html.escape("" if text is None else str(text))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:=])")


_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp|www)(?=\\?[:.])|(?=@)")
WORD_JOINER = "\u2060"
"""An invisible character that stops an address from becoming a link."""


def md(text: object) -> str:
    """User text made inert inside ``st.markdown``: HTML escaped, markdown and
    Streamlit's ``:directives:`` and ``$math$`` backslash-escaped, on one line.

    Addresses (``https://…``, ``www.…``, ``nom@domaine``) stay visible but never become
    links: the markdown renderer turns them into links *after* reading the escapes
    (GFM autolink literals), so an invisible :data:`WORD_JOINER` is put after the
    scheme or ``www`` and before ``@``."""
    plain = html.escape("" if text is None else str(text), quote=False)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain)
    return " ".join(_AUTOLINK.sub(lambda m: (m.group(1) or "") + WORD_JOINER, escaped).split())


def contribution_header(
    item: Mapping[str, Any], *, level: int = 3, before: Sequence[str] = (), after: Sequence[str] = ()
) -> None:
    """A contribution's title (a markdown heading), its caption (type · theme ·
    commune · date) and its text, the resident's words made inert.

    ``before`` / ``after``: more caption parts (markdown, already safe).
    """
    from cartoparti.model import KINDS

    st.markdown(f"{'#' * level} {md(item['title'])}")
    parts = [
        *before,
        md(KINDS.get(item["kind"], item["kind"])),
        md(item["theme"]),
        md(item["zone_name"]),
        i18n.message("web.posted_on", date=formats.date(item["created_at"])),
        *after,
    ]
    st.caption(" · ".join(parts))
    if item["text"]:
        st.text(item["text"])


HISTORY_COLUMNS: i18n.Labels = i18n.table("history_columns")
"""Column → heading of the public history table."""


def history_table(history: pd.DataFrame, *, with_time: bool = False) -> None:
    """The public history of a contribution (:func:`cartoparti.commands.answers.public_history`)
    as a table, oldest first; ``with_time`` shows the hour too."""
    dates = history["date"].map(formats.datetime if with_time else formats.date)
    st.dataframe(
        history.assign(date=dates)[list(HISTORY_COLUMNS)].rename(columns=HISTORY_COLUMNS).fillna(""),
        hide_index=True,
        width="stretch",
    )


def import_upload(upload: Any, run: Callable[[bytes, str], Any]) -> Any | None:
    """Import an uploaded file with ``run(content, file name)`` (a library import
    that reads bytes) and show its report: summary, contributions held for
    moderation, rejected rows. Return the report, ``None`` if nothing was imported."""
    try:
        report = run(upload.getvalue(), upload.name)
    except ValidationError as exc:
        for message in exc.errors.values():
            st.error(md(message), icon="⚠️")  # it may quote the file's name or a cell
        return None
    except CartopartiError as exc:
        st.error(md(exc), icon="⚠️")
        return None
    (st.warning if report.rejected else st.success)(report.summary())
    if getattr(report, "held", None):
        st.info(i18n.message("import.held", count=len(report.held)))
    if report.rejected:
        line, reason = i18n.message("web.rejected.line"), i18n.message("web.rejected.reason")
        st.dataframe(
            [{line: r.line, reason: r.reason, **r.values} for r in report.rejected],
            hide_index=True,
            width="stretch",
        )
    return report


NO_BASEMAP_MAX_ZOOM = 15
"""Closest zoom a place search moves to when the map draws only the territory's layers."""


def place_search(key: str = "pick") -> None:
    """Search a place by its name (:func:`cartoparti.commands.places.search`); choosing
    a result makes it the chosen point ``st.session_state[key]`` and centres the map of
    :func:`pick_location_on_map` there."""
    from cartoparti.commands import places

    query = st.text_input(
        i18n.message("place.search"), placeholder=i18n.message("place.search_placeholder"), key=f"{key}_query"
    )
    if not query.strip():
        return
    found = places.search(store(), query)
    if not found:
        st.caption(i18n.message("place.none", query=md(query)))
        return
    kinds = {k: i18n.message(f"place.kind_{k}") for k in places.ZOOM}
    choice = st.radio(
        i18n.message("place.results"),
        list(range(len(found))),
        format_func=lambda i: f"{md(found[i].label)} · *{kinds.get(found[i].kind, found[i].kind)}*",
        index=None,
        key=f"{key}_result_{query.strip().lower()}",
    )
    if choice is not None and st.session_state.get(f"{key}_applied") != (query, choice):
        place = found[choice]
        st.session_state[key] = shapely.Point(place.lon, place.lat)
        # without a street basemap, a street-level zoom shows an empty frame: keep the commune in view
        zoom = place.zoom if basemap().kind != "none" else min(place.zoom, NO_BASEMAP_MAX_ZOOM)
        st.session_state[f"{key}_view"] = (place.lat, place.lon, zoom)
        st.session_state[f"{key}_applied"] = (query, choice)


def pick_location_on_map(key: str = "pick") -> shapely.Geometry | None:
    """A map on which the resident clicks (a point), drags that point, uses their
    location, or draws (a line or an area).

    The last click or drawing wins; the choice lives in ``st.session_state[key]``.
    ``st.session_state[key + "_view"]`` (``(lat, lon, zoom)``, set by a place search)
    moves the map without drawing it again.
    """
    fmap = base_map(height=480)
    maps.add_draw(fmap)
    maps.add_locate(fmap)
    maps.add_keyboard_picker(fmap)
    maps.layer_control(fmap)
    chosen = st.session_state.get(key)
    group = maps.chosen_place_layer(chosen) if chosen is not None else None
    view = st.session_state.get(f"{key}_view")
    event = st_folium(
        fmap,
        key=f"{key}_map",
        height=480,
        use_container_width=True,
        returned_objects=["last_clicked", "all_drawings"],
        feature_group_to_add=group,
        center=(view[0], view[1]) if view else None,
        zoom=view[2] if view else None,
    )
    event = event or {}
    last_seen = st.session_state.get(f"{key}_seen", {})
    # Clicking a commune also reports it as a "drawing": only the Draw tool's
    # shapes (all_drawings) count as lines and areas.
    click = event.get("last_clicked")
    drawings = event.get("all_drawings") or []
    drawing = drawings[-1] if drawings else None
    if drawing and drawing != last_seen.get("drawing"):
        geometry = geometry_from_geojson(drawing)
        if geometry is not None:
            st.session_state[key] = geometry
    elif click and click != last_seen.get("click"):
        st.session_state[key] = shapely.Point(click["lng"], click["lat"])
    if (click, drawing) != (last_seen.get("click"), last_seen.get("drawing")):
        st.session_state[f"{key}_seen"] = {"click": click, "drawing": drawing}
        if st.session_state.get(key) is not chosen:
            st.rerun()
    return st.session_state.get(key)


def describe_location(geometry: shapely.Geometry | None) -> str:
    if geometry is None:
        return i18n.message("web.no_place")
    what = i18n.labels("shapes").get(geometry.geom_type) or i18n.message("web.shape.other")
    c = geometry.centroid
    return i18n.message("web.place_chosen", what=what, lat=c.y, lon=c.x)


def contributions_map(
    contributions: gpd.GeoDataFrame,
    *,
    key: str,
    height: int = 600,
    plan_items: gpd.GeoDataFrame | None = None,
    realised: Collection[str] = (),
    zone_counts: pd.DataFrame | None = None,
) -> int:
    """The public map: contributions, what was done (« cailloux blancs »: done, or
    ``realised`` through a done action-plan item) and, if given, the plan's items.

    With ``zone_counts`` (more match than the map can draw one by one), the counts by
    zone are drawn instead of the contributions, and only as many stones of
    ``contributions`` as leave the map under :data:`maps.MAX_FEATURES` features.
    Return how many contributions of ``zone_counts`` the map does not place (in no zone
    drawn): the page says so."""
    fmap = base_map(show_landmarks=False, height=height)
    left_out = 0
    if zone_counts is None:
        maps.add_contributions(fmap, contributions)
    else:
        _layer, left_out = maps.add_zone_counts(fmap, zone_counts)
        drawn = min(maps.MAX_FEATURES, int(zone_counts["code"].notna().sum()))
        if "status" in contributions.columns:
            done = (contributions["status"] == "done") | contributions["id"].isin(list(realised))
            contributions = contributions[done].head(maps.MAX_FEATURES - drawn)
    if plan_items is not None:
        maps.add_plan_items(fmap, plan_items)
    maps.add_done(fmap, contributions, realised=realised)
    maps.layer_control(fmap)
    show_map(fmap, key=key, height=height)
    return left_out


def browser_session_id() -> str:
    """Who supports (one "moi aussi" per contribution): the browser's signed id, which
    outlives reloads and new tabs, else a random id of this session (no server shell,
    as under AppTest, or a browser that refuses cookies)."""
    import uuid

    return identity.browser_id() or st.session_state.setdefault("browser_session_id", uuid.uuid4().hex)


def client() -> Any:
    """Who acts, for the residents' rate limits (:class:`cartoparti.commands.limits.Client`):
    the browser's signed id, else this session's, and the address it connects from."""
    from cartoparti.commands.limits import Client
    return Client(browser=browser_session_id(), address=identity.client_address())


HONEYPOT_CSS = (
    '<style>[class*="st-key-honeypot_"]{position:absolute !important;left:-10000px !important;'
    "top:auto !important;width:1px !important;height:1px !important;overflow:hidden !important;"
    "visibility:hidden !important}</style>"
)
"""Moves the honeypot field off-screen and out of the accessibility tree and the tab
order (``visibility:hidden``): people and screen readers never meet it, robots that
fill every field do."""


def honeypot(key: str) -> None:
    """A field hidden from people and screen readers (see :data:`HONEYPOT_CSS`); a
    value in it means a robot filled the form."""
    st.html(HONEYPOT_CSS)
    st.text_input(i18n.message("page.contribuer.honeypot"), key=key, autocomplete="off")


@st.cache_data(show_spinner=False, max_entries=64)
def _representation_report(path: str, fingerprint: str, basis: str, selection: Any) -> Any:
    from cartoparti.analysis.representation.report import representation_report

    # one materialised selection for every analysis of the page (representation.count)
    return representation_report(_store(path), basis=basis, selection=selection)


def representation_report(basis: str, selection: Any) -> Any:
    """:func:`cartoparti.analysis.representation.report.representation_report` (a
    ``RepresentationReport``) on the process's store, cached until the contributions
    change (a fingerprint of the tables is the key); what people read of it is
    :mod:`cartoparti.present.representation`."""
    path = str(settings.db_path())
    with st.spinner(i18n.message("web.computing_representation")):
        return _representation_report(path, _store(path).contributions_fingerprint(), basis, selection)


@st.cache_data(show_spinner=False, max_entries=16)
def _hexagon_counts(path: str, fingerprint: str, size_m: float, selection: Any) -> Any:
    from cartoparti.analysis import hexagons

    return hexagons.hexagon_counts(_store(path), size_m=size_m, selection=selection)


def hexagon_counts(size_m: float, selection: Any) -> Any:
    """:func:`cartoparti.analysis.hexagons.hexagon_counts` on the process's store,
    cached until the contributions change: a rerun (another tab, a filter of another
    section) neither reloads the zones nor recounts."""
    path = str(settings.db_path())
    return _hexagon_counts(path, _store(path).contributions_fingerprint(), float(size_m), selection)


@st.cache_data(show_spinner=False, max_entries=8)
def _workload(path: str, fingerprint: str, columns: tuple[str, ...], language: str, hour: str) -> Any:
    # ``language``: the frames hold labels (« non renseigné »); ``hour``: ages in days
    # (the oldest request waiting) move on even when nothing else changes
    del language, hour
    from cartoparti.analysis import workload

    timeline = _store(path).answer_timeline()
    if timeline.empty:
        return None
    return workload.workload(timeline), {c: workload.equity(timeline, c) for c in columns}


def workload_figures(columns: tuple[str, ...]) -> Any:
    """The workload figures (:func:`cartoparti.analysis.workload.workload`) and the
    equity table of each of ``columns`` (:func:`~cartoparti.analysis.workload.equity`),
    or none before any contribution; cached until contributions or answers change."""
    from datetime import UTC, datetime

    path = str(settings.db_path())
    hour = datetime.now(UTC).strftime("%Y-%m-%dT%H")
    return _workload(path, _store(path).contributions_fingerprint(), tuple(columns), i18n.active(), hour)


@st.cache_data(show_spinner=False, max_entries=4)
def _default_places(path: str, fingerprint: str) -> Any:
    from cartoparti.commands import clusters

    return clusters.places(_store(path), settings.current(), public=True)  # public story pages


def default_places() -> Any:
    """The places that come back with the default ``eps`` and least number of
    contributors (:func:`cartoparti.commands.clusters.places`), cached until the
    contributions change: what the public story pages look places up in, so that a
    link's parameters never make the server cluster again."""
    path = str(settings.db_path())
    return _default_places(path, _store(path).contributions_fingerprint())


def period_filter(container: Any, *, key: str, label: str | None = None) -> tuple[Any, Any]:
    """A date-range picker; returns UTC bounds ``(since, until)`` of the local days, or Nones."""
    from cartoparti.model import day_range

    period = container.date_input(label or i18n.message("web.period"), value=(), format="DD/MM/YYYY", key=key)
    if isinstance(period, tuple) and len(period) == 2:
        return day_range(period[0], period[1])
    return None, None


def french_numbers(
    frame: Any, *, percent: tuple[str, ...] = (), decimals: tuple[str, ...] = ()
) -> Any:
    """A copy of a table for display: percentages and decimals written the French way
    (``42 %``, ``3,5``, :mod:`cartoparti.i18n.formats` with plain spaces), missing values
    as ``—`` (st.dataframe would say ``None``)."""
    out = frame.copy()
    for column in percent:
        out[column] = out[column].map(lambda v: formats.percent(v, plain=True))
    for column in decimals:
        out[column] = out[column].map(lambda v: formats.number(v, 1, plain=True))
    return out


def clusters_map(found: Any, *, key: str, height: int = 560) -> None:
    """The territory with the footprints of the places that come back
    (:class:`cartoparti.analysis.clusters.Clusters`)."""
    from cartoparti.present import clusters as present_clusters

    fmap = base_map(show_landmarks=False, height=height)
    present_clusters.add_clusters(fmap, found)
    maps.layer_control(fmap)
    show_map(fmap, key=key, height=height)


def alerts_panel() -> None:
    """For a signed-in agent only: the weak-signal alerts waiting (looked for again at
    each visit, with the alert settings), each to take in hand (an alert taken in hand
    stays, saying by whom, until it is planned or dismissed), to turn into a plan item or
    to dismiss with a reason. Nothing at all for visitors."""
    from cartoparti.commands import clusters

    user = current_user()
    if not has_role(user, "agent"):
        return
    current = settings.current()
    clusters.refresh_alerts(store(), current)
    waiting = clusters.waiting_alerts(store(), user)
    if waiting.empty:
        return
    st.subheader(i18n.message("alerts.title"))
    for alert in waiting.itertuples():
        with st.container(border=True):
            st.warning(
                i18n.message(
                    "alerts.summary",
                    contributors=int(alert.contributors),
                    radius=formats.number(current.alert_radius_m),
                    first=formats.date(alert.first_at),
                    last=formats.date(alert.last_at),
                ),
                icon="📣",
            )
            titles = [str(c["title"]) for c in map(store().contribution, str(alert.members).split()) if c]
            st.markdown(md(i18n.message("alerts.signals", titles=" ; ".join(titles))))
            left, right = st.columns([1, 2])
            if alert.state == "acknowledged":
                left.info(md(i18n.message(
                    "alerts.taken_by", who=alert.decided_by, when=formats.date(alert.decided_at))))
            elif left.button(i18n.message("alerts.acknowledge"), key=f"alert_ack_{alert.key}"):
                try:
                    clusters.acknowledge_alert(store(), user, alert.key)
                except ValidationError as exc:  # decided by another agent meanwhile
                    field_error(exc.errors, "alert")
                else:
                    st.toast(i18n.message("alerts.acknowledged"))
                    st.rerun()
            reason = right.text_input(i18n.message("alerts.reason"), key=f"alert_reason_{alert.key}")
            if right.button(i18n.message("alerts.dismiss"), key=f"alert_dismiss_{alert.key}"):
                try:
                    clusters.dismiss_alert(store(), user, alert.key, reason)
                except ValidationError as exc:
                    field_error(exc.errors, "reason")
                    field_error(exc.errors, "alert")
                else:
                    st.toast(i18n.message("alerts.dismissed"))
                    st.rerun()
            _alert_to_plan_form(alert.key, titles[0] if titles else "", current, user)
    st.page_link("pages/lieux.py", label=i18n.message("alerts.see_places"), icon="📍")


def _alert_to_plan_form(key: str, title: str, current: settings.Settings, user: dict[str, Any]) -> None:
    """Inside an alert: a small form that turns it into an action-plan item."""
    from cartoparti.commands import clusters

    with st.expander(i18n.message("alerts.to_plan")), st.form(f"alert_plan_{key}"):
        st.text_input(i18n.message("page.plan.item_title"), value=title, key=f"alert_plan_title_{key}")
        left, middle, right = st.columns(3)
        left.selectbox(i18n.message("page.plan.service"), current.services, key=f"alert_plan_service_{key}")
        middle.selectbox(
            i18n.message("page.plan.level"), list(lifecycle.LEVELS), format_func=lifecycle.LEVELS.get,
            key=f"alert_plan_level_{key}",
        )
        right.date_input(i18n.message("page.plan.start"), key=f"alert_plan_start_{key}", format="DD/MM/YYYY")
        st.number_input(i18n.message("page.plan.days"), min_value=0.0, step=0.5, key=f"alert_plan_days_{key}")
        if st.form_submit_button(i18n.message("alerts.to_plan_submit")):
            s = st.session_state
            try:
                change = clusters.plan_item_from_alert(
                    store(), current, user, key, title=s.get(f"alert_plan_title_{key}", ""),
                    service=s.get(f"alert_plan_service_{key}"), level=s.get(f"alert_plan_level_{key}"),
                    start_date=s.get(f"alert_plan_start_{key}"), agent_days=s.get(f"alert_plan_days_{key}", 0),
                )
            except ValidationError as exc:
                for message in exc.errors.values():
                    st.error(md(message))
            else:
                for warning in change.warnings:
                    st.toast(i18n.message(
                        "alerts.to_plan_overload", service=md(warning.service), month=formats.month(warning.month),
                    ))
                st.toast(i18n.message("alerts.planned"))
                st.rerun()


def story_map(story: Any, *, key: str, height: int = 420) -> None:
    """The small map of a place's story (:class:`cartoparti.analysis.stories.Story`)."""
    from cartoparti.present import stories as present_stories

    fmap = base_map(show_landmarks=False, height=height)
    present_stories.add_story(fmap, story)
    maps.layer_control(fmap)
    show_map(fmap, key=key, height=height)


def plan_item_card(item: Mapping[str, Any], *, level: int = 4) -> None:
    """An action-plan item as the public reads it (:func:`cartoparti.commands.plan.public_plan`):
    title, status, « fait avec les habitants », start, the public reason of an abandon,
    its description and milestones; every typed word made inert."""
    st.markdown(f"{'#' * level} {md(item['title'])}")
    parts = [
        i18n.message("plan.card.status", status=md(item["status_label"])),
        i18n.message("plan.card.level", level=md(item["level_label"])),
        i18n.message("plan.card.start", date=formats.date(item["start_date"])),
        md(item["service"]),
    ]
    if item["cost"]:
        parts.append(i18n.message("plan.card.cost", cost=formats.euros(item["cost"])))
    if item["made_with_residents"]:
        parts.insert(1, i18n.message("plan.card.with_residents", count=item["contributions"]))
    st.caption(" · ".join(parts))
    if item["status"] == "abandoned" and item["public_reason"]:
        st.warning(i18n.message("plan.card.reason", reason=md(item["public_reason"])), icon="✋")
    if item["description"]:
        st.text(item["description"])
    for milestone in item["milestones"]:
        key = "plan.card.milestone_done" if milestone["done"] else "plan.card.milestone"
        st.markdown(i18n.message(key, date=formats.date(milestone["due_date"]), label=md(milestone["label"])))


def plan_map(items: gpd.GeoDataFrame, *, key: str, height: int = 480) -> None:
    """The action plan's items on the territory's map."""
    fmap = base_map(height=height)
    maps.add_plan_items(fmap, items)
    maps.layer_control(fmap)
    show_map(fmap, key=key, height=height)


PAGE_SIZE = 50
"""How many contributions an agent's list (its table and its drop-downs) holds at once."""


def list_filters(container: Any, *, key: str, with_kind: bool = True) -> dict[str, Any]:
    """The search box and filters above an agents' list (words, zone, kind, age), as
    keyword arguments of :meth:`Storage.agent_page`; keyed widgets keep what was typed."""
    from cartoparti import model

    search_col, zone_col, kind_col, age_col = container.columns([3, 2, 2, 1])
    found: dict[str, Any] = {
        "search": search_col.text_input(
            i18n.message("agent_list.search"), key=f"{key}_search",
            placeholder=i18n.message("agent_list.search_placeholder"), max_chars=200,
        ),
    }
    zones = zone_names()
    found["zone_codes"] = zone_col.multiselect(
        i18n.message("agent_list.zone"), list(zones), format_func=zones.get,
        placeholder=i18n.message("agent_list.all"), key=f"{key}_zones",
    )
    if with_kind:
        found["kinds"] = kind_col.multiselect(
            i18n.message("agent_list.kind"), list(model.KINDS), format_func=model.KINDS.get,
            placeholder=i18n.message("agent_list.all"), key=f"{key}_kinds",
        )
    age = age_col.number_input(
        i18n.message("agent_list.age"), min_value=0, max_value=36500, step=1, value=0,
        key=f"{key}_age", help=i18n.message("agent_list.age_help"),
    )
    found["min_age_days"] = int(age) if age else None
    return found


def paged_list(
    key: str, fetch: Callable[[int, int], tuple[pd.DataFrame, int]], *, filters: object = None,
    size: int = PAGE_SIZE,
) -> tuple[pd.DataFrame, int]:
    """One page of an agents' list: ``fetch(limit, offset)`` → (rows, true count) in the
    database; a line « N contributions correspondent » and « Page précédente / suivante ».
    The page goes back to the first when ``filters`` change, and to the last when the
    list got shorter (after hiding, say)."""
    page_key, seen_key = f"{key}_page", f"{key}_filters"
    signature = repr(filters)
    if st.session_state.get(seen_key) != signature:
        st.session_state[seen_key] = signature
        st.session_state[page_key] = 0
    page = max(0, int(st.session_state.get(page_key, 0)))
    rows, total = fetch(size, page * size)
    last = max(0, (total - 1) // size)
    if page > last:
        page = last
        rows, total = fetch(size, page * size)
    st.session_state[page_key] = page

    def _move(step: int) -> None:
        st.session_state[page_key] = min(last, max(0, page + step))

    count_col, previous_col, page_col, next_col = st.columns([4, 2, 2, 2], vertical_alignment="center")
    count_col.caption(i18n.message("agent_list.count_one") if total == 1
                      else i18n.message("agent_list.count", count=formats.number(total)))
    previous_col.button(i18n.message("agent_list.previous"), key=f"{key}_previous", disabled=page == 0,
                        on_click=_move, args=(-1,), width="stretch")
    page_col.caption(i18n.message("agent_list.page", page=formats.number(page + 1),
                                  pages=formats.number(last + 1)))
    next_col.button(i18n.message("agent_list.next"), key=f"{key}_next", disabled=page >= last,
                    on_click=_move, args=(1,), width="stretch")
    return rows, total
