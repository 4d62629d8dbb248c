"""Une contribution: its status, public history and answers, and "Moi aussi"."""

import streamlit as st

from cartoparti import i18n, lifecycle, settings, web
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import answers, plan, residents
from cartoparti.commands.limits import RateLimitedError
from cartoparti.i18n import formats
from cartoparti.i18n import message as t

with web.page(t("page.contribution.title")):
    st.title(t("page.contribution.title"))

    store = web.store()
    published = store.contributions()
    if published.empty:
        st.info(t("page.contribution.none"))
        st.stop()
    labels = {
        row.id: t("page.contribution.option", title=row.title, zone_name=row.zone_name, date=formats.date(row.created_at)) for row in published.itertuples()
    }
    wanted = st.query_params.get("id")
    index = list(labels).index(wanted) if wanted in labels else 0
    chosen = st.selectbox(t("page.contribution.pick"), list(labels), index=index, format_func=labels.get, key="detail_pick")
    st.query_params["id"] = chosen
    row = published.set_index("id").loc[chosen]

    web.contribution_header(row)
    if photo := store.photo(chosen):
        st.image(photo[1], caption=t("page.contribution.photo"), width=480)
    st.markdown(t("page.contribution.status", status=lifecycle.STATUSES.get(row['status'], row['status'])))

    session = web.browser_session_id()
    config = settings.current()
    flash = st.session_state.pop("support_flash", None)
    if config.smtp is not None:
        with st.expander(t("notify.support_email_label")):
            st.text_input(t("notify.email_label"), max_chars=254, key="support_email",
                          help=t("notify.email_help"))
            st.checkbox(t("notify.consent_label"), key="support_email_consent")
    else:
        st.caption(t("notify.no_mail"))
    left, right = st.columns([1, 3])
    if left.button(t("page.contribution.support"), key="support", help=t("page.contribution.support_help")):
        email = st.session_state.get("support_email") if config.smtp is not None else None
        try:
            counted, total = residents.support(
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
