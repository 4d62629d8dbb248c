"""Charge et équité (agents, management): open contributions per service and status,
answer times, and the same times and acceptance rates by zone and by public."""

import streamlit as st

from cartoparti import lifecycle, web
from cartoparti.analysis import workload
from cartoparti.i18n import formats
from cartoparti.model import AGE_BANDS, CSP

with web.page("Charge et équité"):
    web.require_agent()
    st.title("Charge et équité des réponses")
    st.write(
        "Certains quartiers ou certains publics reçoivent-ils des réponses plus lentes, ou plus souvent "
        "négatives ? Les contributions masquées ne sont pas comptées ; les réorientations (hors compétence) "
        "ne comptent ni comme acceptées ni comme refusées."
    )

    timeline = web.store().answer_timeline()
    if timeline.empty:
        st.info("Aucune contribution pour l'instant.")
        st.stop()
    figures = workload.workload(timeline)


    def _days(value: float | None) -> str:
        return formats.MISSING if value is None else f"{formats.number(value, 1)} j"


    c1, c2, c3 = st.columns(3)
    c1.metric("Contributions ouvertes sans réponse", figures.unanswered)
    c2.metric("Plus ancienne sans réponse", _days(figures.oldest_unanswered_days))
    c3.metric("Délai médian de première réponse", _days(figures.median_days_to_first_answer))

    left, right = st.columns(2)
    left.markdown("**Ouvertes par service**")
    left.dataframe(figures.open_by_service.rename("Ouvertes").rename_axis("Service"), width="stretch")
    right.markdown("**Ouvertes par statut**")
    right.dataframe(
        figures.open_by_status.rename(index=lifecycle.STATUSES).rename("Ouvertes").rename_axis("Statut"),
        width="stretch",
    )

    COLUMNS = {
        "contributions": "Contributions",
        "answered": "Avec réponse",
        "unanswered": "Sans réponse",
        "median_days_to_first_answer": "Délai médian (jours)",
        "decided": "Décidées",
        "accepted": "Acceptées",
        "acceptance_rate": "Taux d'acceptation",
    }
    GROUPS = {
        "zone_name": ("Par commune", None),
        "age_band": ("Par tranche d'âge (déclarée)", AGE_BANDS),
        "csp": ("Par catégorie socioprofessionnelle (déclarée)", CSP),
    }
    for column, (title, labels) in GROUPS.items():
        st.subheader(title)
        table = workload.equity(timeline, column)
        if labels:
            table = table.rename(index=labels)
        table = web.french_numbers(table, percent=("acceptance_rate",), decimals=("median_days_to_first_answer",))
        st.dataframe(
            table.rename(columns=COLUMNS).rename_axis(title.split(" (")[0].removeprefix("Par ").capitalize()),
            width="stretch",
        )
