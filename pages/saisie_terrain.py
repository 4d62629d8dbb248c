"""Saisie terrain (agents): enter contributions gathered in the field ("aller vers"),
print the paper questionnaire, enter paper answers in bulk from a CSV."""

import datetime as dt

import streamlit as st

from cartoparti import i18n, lifecycle, settings, web
from cartoparti._errors import ValidationError
from cartoparti.commands import fieldwork
from cartoparti.commands.contribute import place_without_map
from cartoparti.i18n import message as t
from cartoparti.model import AGE_BANDS, CSP, KINDS
from cartoparti.present import questionnaire
from cartoparti.present import representation as outreach_view

FIRST_TIME = {t("page.saisie.yes"): True, t("page.saisie.no"): False}
MEETING = ("f_channel", "f_date", "f_place")
"""The widgets of the meeting (channel, date, place): kept from one entry to the next."""

with web.page(t("page.saisie.title")):
    user = web.require_agent()
    st.title(t("page.saisie.title"))
    st.write(t("page.saisie.intro"))
    store = web.store()
    names = web.zone_names()
    target_zone, target_public = outreach_view.field_target(st.query_params, names)  # from « Où aller ? »
    if target_zone is not None:
        st.info(outreach_view.field_target_note(web.md(names[target_zone]), target_public), icon="🧭")
    entry, paper, batch = st.tabs([t("page.saisie.tab.entry"), t("page.saisie.tab.paper"), t("page.saisie.tab.batch")])

    with entry:
        if receipt := st.session_state.pop("field_receipt", None):
            st.success(t("page.saisie.entered", id=receipt.id, zone_name=web.md(receipt.zone_name)), icon="✅")
            st.info(
                t("page.saisie.follow_code", follow_code=receipt.follow_code),
                icon="🔑",
            )
            if receipt.personal_data:
                st.warning(t("page.saisie.personal_data"), icon="🔒")
        errors: dict[str, str] = st.session_state.get("field_errors", {})
        v = st.session_state.setdefault("field_version", 0)
        commune = st.selectbox(t("page.saisie.commune_of_place"), list(names), format_func=names.get,
                               index=None if target_zone is None else list(names).index(target_zone),
                               placeholder=t("page.saisie.choose"), key="field_commune")
        landmarks = web.territory()["landmarks"]
        options = landmarks[landmarks["zone_code"] == commune] if commune else landmarks.iloc[0:0]
        lm_labels = {row.id: f"{row.name} ({row.layer_label})" for row in options.itertuples()}
        landmark = st.selectbox(t("page.saisie.landmark"), list(lm_labels), format_func=lm_labels.get, index=None,
                                placeholder=t("page.saisie.landmark_none"), key="field_landmark", disabled=not lm_labels)
        web.field_error(errors, "location")

        @web.safe_callback
        def _enter() -> None:
            s = st.session_state
            first = s.get(f"f_first_{v}")
            try:
                receipt = fieldwork.enter_for_resident(
                    store, user,
                    settings=settings.current(),
                    channel=s.get(f"f_channel_{v}"),
                    session_date=s.get(f"f_date_{v}"),
                    session_place=s.get(f"f_place_{v}", ""),
                    kind=s.get(f"f_kind_{v}"),
                    title=s.get(f"f_title_{v}", ""),
                    text=s.get(f"f_text_{v}", ""),
                    theme=s.get(f"f_theme_{v}"),
                    location=place_without_map(store, s.get("field_commune"), s.get("field_landmark")),
                    age_band=s.get(f"f_age_{v}"),
                    csp=s.get(f"f_csp_{v}"),
                    home_commune=s.get(f"f_home_{v}"),
                    first_time=FIRST_TIME.get(first) if first else None,
                )
            except ValidationError as exc:
                s["field_errors"] = exc.errors
                return
            s["field_errors"] = {}
            s["field_receipt"] = receipt
            s["field_version"] = v + 1
            for name in MEETING:  # the next form starts from the same meeting, the rest empty
                s[f"{name}_{v + 1}"] = s.get(f"{name}_{v}")

        @web.safe_callback
        def _new_meeting() -> None:
            s = st.session_state
            s[f"f_channel_{v}"], s[f"f_date_{v}"], s[f"f_place_{v}"] = None, dt.date.today(), ""

        st.markdown(t("page.saisie.meeting"))
        m1, m2 = st.columns([3, 1])
        m1.caption(t("page.saisie.meeting_help"))
        m2.button(t("page.saisie.new_meeting"), on_click=_new_meeting, key="field_new_meeting")

        with st.form(f"field_entry_{v}"):
            c1, c2, c3 = st.columns(3)
            c1.selectbox(t("page.saisie.channel"), list(lifecycle.FIELD_CHANNELS), format_func=lifecycle.FIELD_CHANNELS.get,
                         index=None, placeholder=t("page.saisie.choose"), key=f"f_channel_{v}")
            c2.date_input(t("page.saisie.session_date"), value=None if f"f_date_{v}" in st.session_state else dt.date.today(),
                          format="DD/MM/YYYY", key=f"f_date_{v}")
            c3.text_input(t("page.saisie.session_place"), key=f"f_place_{v}", placeholder=t("page.saisie.session_place_placeholder"))
            for name in ("channel", "session_date", "session_place"):
                web.field_error(errors, name)
            st.selectbox(t("page.saisie.kind"), list(KINDS), format_func=KINDS.get, index=None,
                         placeholder=t("page.saisie.choose"), key=f"f_kind_{v}")
            web.field_error(errors, "kind")
            st.text_input(t("page.saisie.title_field"), max_chars=120, key=f"f_title_{v}")
            web.field_error(errors, "title")
            st.text_area(t("page.saisie.text"), max_chars=5000, key=f"f_text_{v}")
            web.field_error(errors, "text")
            st.selectbox(t("page.saisie.theme"), list(settings.themes()), index=None, placeholder=t("page.saisie.choose"), key=f"f_theme_{v}")
            web.field_error(errors, "theme")
            st.markdown(t("page.saisie.profile"))
            p1, p2 = st.columns(2)
            p1.selectbox(t("page.saisie.age_band"), list(AGE_BANDS), format_func=AGE_BANDS.get, index=None,
                         placeholder=t("page.saisie.not_declared"), key=f"f_age_{v}")
            p2.selectbox(t("page.saisie.csp"), list(CSP), format_func=CSP.get, index=None,
                         placeholder=t("page.saisie.not_declared"), key=f"f_csp_{v}")
            p1.selectbox(t("page.saisie.home_commune"), list(names), format_func=names.get, index=None,
                         placeholder=t("page.saisie.not_declared"), key=f"f_home_{v}")
            p2.radio(t("page.saisie.first_time"), list(FIRST_TIME), format_func=str.capitalize, index=None,
                     key=f"f_first_{v}", horizontal=True)
            st.form_submit_button(t("page.saisie.save"), type="primary", on_click=_enter)

    with paper:
        st.write(t("page.saisie.paper_intro"))
        q_commune = st.selectbox(t("page.saisie.commune"), list(names), format_func=names.get, key="paper_commune")
        if q_commune:
            page = questionnaire.questionnaire_html(store, q_commune, themes=settings.themes())
            st.download_button(
                t("page.saisie.paper_download"), page.encode("utf-8"),
                file_name=t("page.saisie.paper_file", commune=q_commune), mime="text/html", key="paper_download",
            )
            with st.expander(t("page.saisie.preview")):
                st.iframe(page, height=900)

    with batch:
        st.write(t("page.saisie.batch_intro"))
        b_commune = st.selectbox(t("page.saisie.commune"), list(names), format_func=names.get, key="batch_commune")
        st.download_button(
            t("page.saisie.template_download"), questionnaire.csv_template(store, b_commune, themes=settings.themes()).encode("utf-8"),
            file_name=t("page.saisie.template_file", commune=b_commune), mime="text/csv", key="batch_template",
        )
        st.caption(t("page.saisie.landmarks"))
        st.dataframe(
            questionnaire.landmark_table(store, b_commune).rename(columns=i18n.labels("landmark_columns")),
            hide_index=True, width="stretch",
        )
        st.markdown(t("page.saisie.session"))
        d1, d2 = st.columns(2)
        d1.date_input(t("page.saisie.session_date"), value=dt.date.today(), format="DD/MM/YYYY", key="batch_date")
        d2.text_input(t("page.saisie.session_place"), key="batch_place", placeholder=t("page.saisie.session_place_placeholder_batch"))
        upload = st.file_uploader(t("page.saisie.batch_file"), type=["csv"], key="batch_csv")
        if upload is not None and st.button(t("page.saisie.import"), key="batch_import"):
            web.import_upload(
                upload,
                lambda data, name: fieldwork.import_field_file(
                    store, user, data, name=name, settings=settings.current(), session_date=st.session_state.get("batch_date"),
                    session_place=st.session_state.get("batch_place", ""),
                ),
            )
