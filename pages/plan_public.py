"""Ce que la commune fait: the public action plan, its items, their status and
milestones, « fait avec les habitants », abandoned items with their public reason,
and the items on the map."""

import streamlit as st

from cartoparti import web
from cartoparti.commands import plan
from cartoparti.i18n import message as t
from cartoparti.lifecycle import PLAN_STATUSES

with web.page(t("page.plan_public.title")):
    st.title(t("page.plan_public.title"))
    st.write(t("page.plan_public.intro"))

    store = web.store()
    progress = plan.plan_progress(store)
    if not progress.items:
        st.info(t("page.plan_public.none"))
        st.stop()
    columns = st.columns(len(PLAN_STATUSES) + 1)
    for column, (code, label) in zip(columns, PLAN_STATUSES.items(), strict=False):
        column.metric(label.capitalize(), progress.by_status.get(code, 0))
    columns[-1].metric(t("page.plan_public.with_residents"), progress.made_with_residents)

    web.plan_map(plan.plan_frame(store), key="plan_public_map")
    st.caption(t("plan.map_legend"))

    shown = st.multiselect(
        t("page.plan_public.filter"), list(PLAN_STATUSES), format_func=PLAN_STATUSES.get,
        placeholder=t("page.plan_public.all"), key="plan_public_status",
    )
    for item in progress.items:
        if shown and item["status"] not in shown:
            continue
        with st.container(border=True):
            web.plan_item_card(item)
    st.page_link("pages/carte.py", label=t("page.plan_public.to_map"), icon="🗺️")
    web.attribution_footer()
