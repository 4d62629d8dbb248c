"""Une contribution: its status, public history and answers, and "Moi aussi"."""

import re

import pandas as pd
import streamlit as st

from cartoparti import i18n, lifecycle, settings, web
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import answers, plan, residents
from cartoparti.commands.limits import RateLimitedError
from cartoparti.i18n import formats
from cartoparti.i18n import message as t
from cartoparti.present import maps

SEARCH_COLUMNS = ["id", "title", "zone_name", "created_at"]


def _searched() -> None:
    """A new search: show its first match rather than the contribution of the link."""
    for name in ("id", maps.SUPPORT_PARAM):
        st.query_params.pop(name, None)


def _picked() -> None:
    st.query_params["id"] = st.session_state["detail_pick"]
    st.query_params.pop(maps.SUPPORT_PARAM, None)


def _share_url(contribution_id: str, public_url: str) -> str:
    """The contribution's address: the site's public address if set, else this page's."""
    try:
        here = st.context.url
    except Exception:  # noqa: BLE001 - no browser (AppTest)
        here = None
    base = f"{public_url.rstrip('/')}{maps.CONTRIBUTION_PAGE}" if public_url else (here or "")
    if not _SHAREABLE.fullmatch(base):  # shown as a markdown link: nothing else gets in
        base = maps.CONTRIBUTION_PAGE
    return f"{base}?id={contribution_id}"


_SHAREABLE = re.compile(r"https?://[A-Za-z0-9.:\[\]_~%-]+(/[A-Za-z0-9._~%-]+)*/contribution")


with web.page(t("page.contribution.title")):
    st.title(t("page.contribution.title"))

    store = web.store()
    config = settings.current()
    latest = store.contributions(limit=residents.SEARCH_LIMIT)
    if latest.empty:
        st.info(t("page.contribution.none"))
        st.stop()
    zone_names = web.zone_names()

    def _public(contribution_id: str) -> dict | None:
        """A published contribution's public fields and its zone's name, or None."""
        if not maps.LINK_ID.fullmatch(contribution_id):
            return None
        found = store.contribution(contribution_id)
        if not found or not found["published"]:
            return None
        return {**found, "zone_name": zone_names.get(found["zone_code"], "")}

    wanted = str(st.query_params.get("id") or "").strip()
    row = _public(wanted) if wanted else None
    if wanted and row is None:
        st.warning(t("page.contribution.not_found"))
        st.query_params.pop(maps.SUPPORT_PARAM, None)  # never ready for another one

    query = st.text_input(t("page.contribution.search"), max_chars=200, key="detail_search",
                          help=t("page.contribution.search_help"), on_change=_searched)
    if query.strip():
        results, more = residents.search(store, query)
        if results.empty:
            st.info(t("page.contribution.no_match", query=web.md(query.strip())))
        else:
            st.caption(t("page.contribution.found_more", count=len(results)) if more
                       else t("page.contribution.found", count=len(results)))
    else:
        results = latest
        st.caption(t("page.contribution.latest", count=len(results)))
    results = results[SEARCH_COLUMNS]
    if row is None and not results.empty:
        row = _public(str(results["id"].iloc[0]))
    if row is None:
        st.stop()
    chosen = str(row["id"])
    offered = results if chosen in set(results["id"]) else pd.concat(
        [pd.DataFrame([{c: row[c] for c in SEARCH_COLUMNS}]), results], ignore_index=True)
    labels = {
        r.id: t("page.contribution.option", title=r.title, zone_name=r.zone_name, date=formats.date(r.created_at))
        for r in offered.itertuples()
    }
    st.session_state["detail_pick"] = chosen
    st.selectbox(t("page.contribution.pick"), list(labels), format_func=labels.get, key="detail_pick",
                 on_change=_picked)
    st.query_params["id"] = chosen

    web.contribution_header(row)
    share = _share_url(chosen, config.public_url)
    st.caption(t("page.contribution.link"))
    st.markdown(f"[{web.md(share)}]({share})" if share.startswith("http") else f"`{share}`")

    session = web.browser_session_id()
    flash = st.session_state.pop("support_flash", None)

    def _support_block() -> None:
        """« Moi aussi »: counted on the resident's click only (never from the link)."""
        if config.smtp is not None:
            with st.expander(t("notify.support_email_label")):
                st.text_input(t("notify.email_label"), max_chars=254, key="support_email",
                              help=t("notify.email_help"))
                st.checkbox(t("notify.consent_label"), key="support_email_consent")
        else:
            st.caption(t("notify.no_mail"))
        left, right = st.columns([1, 3])
        if left.button(t("page.contribution.support"), key="support", help=t("page.contribution.support_help"),
                       type="primary" if ready else "secondary"):
            email = st.session_state.get("support_email") if config.smtp is not None else None
            try:
                counted, _total = residents.support(
                    store, chosen, session, settings=config, email=email,
                    consent=bool(st.session_state.get("support_email_consent")), client=web.client(),
                )
                st.session_state["support_flash"] = (
                    ("success", t("notify.support_with_email") if (email or "").strip()
                     else t("page.contribution.supported")) if counted
                    else ("warning", t("page.contribution.already_supported"))
                )
            except ValidationError as exc:
                st.session_state["support_flash"] = ("error", exc.errors["email"])
            except (NotFoundError, RateLimitedError) as exc:
                st.session_state["support_flash"] = ("warning", str(exc))
            st.rerun()
        right.metric(t("page.contribution.supports"), store.support_count(chosen))
        if flash:
            getattr(st, flash[0])(flash[1])

    # from the map's « Moi aussi »: the button first, ready for the one click that counts
    ready = st.query_params.get(maps.SUPPORT_PARAM) == "1"
    if ready:
        with st.container(border=True):
            st.info(t("page.contribution.support_ready"))
            _support_block()
    if photo := store.photo(chosen):
        st.image(photo[1], caption=t("page.contribution.photo"), width=480)
    st.markdown(t("page.contribution.status", status=lifecycle.STATUSES.get(row['status'], row['status'])))
    if not ready:
        _support_block()

    @web.safe_callback
    def _report(contribution_id: str) -> None:
        s = st.session_state
        try:
            residents.report(
                web.store(), contribution_id, s.get(f"report_reason_{contribution_id}"),
                s.get(f"report_detail_{contribution_id}"), settings=settings.current(), client=web.client(),
            )
        except ValidationError as exc:
            s["report_errors"] = exc.errors
            return
        except (NotFoundError, RateLimitedError) as exc:
            s["report_errors"] = {"limit": str(exc)}
            return
        s["report_errors"] = {}
        s["report_done"] = True
        s[f"report_reason_{contribution_id}"] = None
        s[f"report_detail_{contribution_id}"] = ""


    report_errors: dict[str, str] = st.session_state.get("report_errors", {})
    if st.session_state.pop("report_done", False):
        st.success(t("report.sent"), icon="✅")
    with st.expander(t("report.action"), expanded=bool(report_errors)):
        st.caption(t("report.intro"))
        reasons = i18n.labels("report_reasons")
        with st.form(f"report_{chosen}"):
            st.selectbox(t("report.reason"), list(reasons), format_func=reasons.get, index=None,
                         placeholder=t("page.contribuer.choose"), key=f"report_reason_{chosen}")
            web.field_error(report_errors, "reason")
            st.text_area(t("report.detail"), max_chars=residents.REPORT_DETAIL_MAX, key=f"report_detail_{chosen}")
            web.field_error(report_errors, "detail")
            web.field_error(report_errors, "limit")
            st.form_submit_button(t("report.send"), on_click=_report, args=(chosen,))

    fed = plan.items_for_contribution(store, chosen)
    if fed:
        st.subheader(t("page.contribution.plan"))
        for item in fed:
            with st.container(border=True):
                web.plan_item_card(item, level=4)

    st.subheader(t("page.contribution.history"))
    web.history_table(answers.public_history(store, chosen))
    st.page_link("pages/carte.py", label=t("page.contribution.back"), icon="🗺️")
