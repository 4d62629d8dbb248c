"""Une contribution: its status, public history and answers, and "Moi aussi"."""

import streamlit as st

from cartoparti import lifecycle, web
from cartoparti._errors import NotFoundError
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
    flash = st.session_state.pop("support_flash", None)
    left, right = st.columns([1, 3])
    if left.button(t("page.contribution.support"), key="support", help=t("page.contribution.support_help")):
        try:
            counted, total = residents.support(store, chosen, session)
            st.session_state["support_flash"] = (
                ("success", t("page.contribution.supported")) if counted
                else ("warning", t("page.contribution.already_supported"))
            )
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
