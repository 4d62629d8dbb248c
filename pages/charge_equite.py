"""Charge et équité (agents, management): open contributions per service and status,
answer times, and the same times and acceptance rates by zone and by public."""

import streamlit as st

from cartoparti import i18n, lifecycle, web
from cartoparti.i18n import formats
from cartoparti.i18n import message as t
from cartoparti.model import AGE_BANDS, CSP

with web.page(t("page.charge.page")):
    web.require_agent()
    st.title(t("page.charge.title"))
    st.write(t("page.charge.intro"))

    COLUMNS = i18n.labels("equity_columns")
    GROUPS = {
        "zone_name": (t("page.charge.by_zone"), t("page.charge.zone"), None),
        "age_band": (t("page.charge.by_age_band"), t("page.charge.age_band"), AGE_BANDS),
        "csp": (t("page.charge.by_csp"), t("page.charge.csp"), CSP),
    }
    computed = web.workload_figures(tuple(GROUPS))  # cached until answers change
    if computed is None:
        st.info(t("page.charge.none"))
        st.stop()
    figures, equity = computed


    def _days(value: float | None) -> str:
        return formats.MISSING if value is None else t("page.charge.days", days=formats.number(value, 1))


    c1, c2, c3 = st.columns(3)
    c1.metric(t("page.charge.unanswered"), figures.unanswered)
    c2.metric(t("page.charge.oldest"), _days(figures.oldest_unanswered_days))
    c3.metric(t("page.charge.median"), _days(figures.median_days_to_first_answer))

    left, right = st.columns(2)
    left.markdown(t("page.charge.by_service"))
    left.dataframe(figures.open_by_service.rename(t("page.charge.open")).rename_axis(t("page.charge.service")), width="stretch")
    right.markdown(t("page.charge.by_status"))
    right.dataframe(
        figures.open_by_status.rename(index=lifecycle.STATUSES).rename(t("page.charge.open")).rename_axis(t("page.charge.status")),
        width="stretch",
    )

    for column, (title, axis, labels) in GROUPS.items():
        st.subheader(title)
        table = equity[column]
        if labels:
            table = table.rename(index=labels)
        table = web.french_numbers(table, percent=("acceptance_rate",), decimals=("median_days_to_first_answer",))
        st.dataframe(
            table.rename(columns=COLUMNS).rename_axis(axis),
            width="stretch",
        )
