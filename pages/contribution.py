"""Une contribution: its status, public history and answers, and "Moi aussi"."""

import streamlit as st

from cartoparti import lifecycle, settings, web
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import answers, plan, residents
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
                consent=bool(st.session_state.get("support_email_consent")),
            )
            st.session_state["support_flash"] = (
                ("success", t("notify.support_with_email") if (email or "").strip()
                 else t("page.contribution.supported")) if counted
                else ("warning", t("page.contribution.already_supported"))
            )
        except ValidationError as exc:
            st.session_state["support_flash"] = ("error", exc.errors["email"])
        except NotFoundError as exc:
            st.session_state["support_flash"] = ("warning", str(exc))
        st.rerun()
    right.metric(t("page.contribution.supports"), store.support_count(chosen))
    if flash:
        getattr(st, flash[0])(flash[1])

    fed = plan.items_for_contribution(store, chosen)
    if fed:
        st.subheader(t("page.contribution.plan"))
        for item in fed:
            with st.container(border=True):
                web.plan_item_card(item, level=4)

    st.subheader(t("page.contribution.history"))
    web.history_table(answers.public_history(store, chosen))
    st.page_link("pages/carte.py", label=t("page.contribution.back"), icon="🗺️")
