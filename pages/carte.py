"""Carte: every published contribution, filterable by kind, theme and date."""

import streamlit as st

from cartoparti import i18n, settings, web
from cartoparti.commands import plan
from cartoparti.i18n import formats
from cartoparti.i18n import message as t
from cartoparti.lifecycle import STATUSES
from cartoparti.model import KIND_STYLE, KINDS
from cartoparti.present.maps import MAX_FEATURES

COLUMNS = i18n.labels("map_list_columns")

with web.page(t("page.carte.page")):
    st.title(t("page.carte.title"))

    col_kind, col_theme, col_date = st.columns([2, 2, 2])
    kinds = col_kind.multiselect(t("page.carte.kind"), list(KINDS), format_func=KINDS.get, placeholder=t("page.carte.all"), key="map_kinds")
    themes = col_theme.multiselect(t("page.carte.theme"), list(settings.themes()), placeholder=t("page.carte.all"), key="map_themes")
    since, until = web.period_filter(col_date, key="map_period")

    filters = {"kinds": kinds, "themes": themes, "since": since, "until": until}
    total = web.store().count_contributions(published_only=True, **filters)
    shown = web.store().contributions(limit=MAX_FEATURES, **filters)
    # beyond MAX_FEATURES, the map draws counts by zone (each one true, and they add up)
    by_zone = web.store().contribution_zone_counts(max_zones=MAX_FEATURES, **filters) if total > MAX_FEATURES else None
    legend = " · ".join(f"{v['icon']} {KINDS[k]}" for k, v in KIND_STYLE.items())
    st.caption(t("page.carte.count", total=formats.number(total), legend=legend))
    if by_zone is not None:
        st.info(t("page.carte.by_zone", max=formats.number(MAX_FEATURES)))
    store = web.store()
    left_out = web.contributions_map(shown, key="public_map", plan_items=plan.plan_frame(store),
                                     realised=plan.realised_contribution_ids(store), zone_counts=by_zone)
    if left_out:
        st.caption(t("page.carte.left_out", count=formats.number(left_out)))
    st.caption(t("page.carte.done_legend"))
    st.caption(t("plan.map_legend"))
    st.page_link("pages/plan_public.py", label=t("page.plan_public.title"), icon="🪨")
    st.page_link("pages/contribution.py", label=t("page.carte.see_answers"), icon="💬")

    with st.expander(t("page.carte.list")):
        if total > MAX_FEATURES:
            st.caption(t("page.carte.most_recent", max=formats.number(MAX_FEATURES)))
        table = shown.assign(
            type=shown["kind"].map(KINDS), date=shown["created_at"].map(formats.date),
            suite=shown["status"].map(STATUSES),
        )
        st.dataframe(
            table[list(COLUMNS)].rename(columns=COLUMNS),
            hide_index=True,
            width="stretch",
        )

    web.attribution_footer()
