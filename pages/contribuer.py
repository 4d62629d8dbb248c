"""Contribuer: place a point, a line or an area (or choose a place without the map), then the form."""

import streamlit as st

from cartoparti import i18n, settings, web
from cartoparti._errors import ValidationError
from cartoparti.commands.contribute import PHOTO_MAX_BYTES, place_without_map, submit
from cartoparti.commands.limits import RateLimitedError
from cartoparti.i18n import message as t
from cartoparti.model import AGE_BANDS, CSP, KINDS

# widget values are codes, so that a change of language keeps what was chosen
MAP, NO_MAP = "map", "no_map"
PLACE_MODES = {MAP: t("page.contribuer.on_map"), NO_MAP: t("page.contribuer.without_map")}
FIRST_TIME = {"yes": True, "no": False}
FIRST_TIME_LABELS = {"yes": t("page.contribuer.yes"), "no": t("page.contribuer.no")}
RECEIPT = "cp_receipt"

with web.page(t("page.contribuer.title")):
    st.title(t("page.contribuer.title"))
    st.write(t("page.contribuer.intro"))

    names = web.zone_names()
    mail = settings.current().smtp is not None
    version = st.session_state.setdefault("form_version", 0)
    errors: dict[str, str] = st.session_state.get("form_errors", {})

    receipt = st.session_state.pop("receipt", None)
    if receipt is not None:
        with st.container(key=RECEIPT):
            state = t("page.contribuer.published") if receipt.published else t("page.contribuer.held")
            st.success(t("page.contribuer.thanks", id=receipt.id, zone=web.md(receipt.zone_name), state=state), icon="✅")
            if receipt.personal_data:
                st.warning(
                    t("page.contribuer.personal_data"),
                    icon="🔒",
                )
            if receipt.follow_code:
                st.info(
                    t("page.contribuer.follow_code", follow_code=receipt.follow_code),
                    icon="🔑",
                )
                st.page_link("pages/suivi.py", label=t("page.contribuer.follow"), icon="🔎")

    st.subheader(t("page.contribuer.where"))
    mode = st.radio(t("page.contribuer.place_how"), [MAP, NO_MAP], format_func=lambda m: PLACE_MODES.get(m, m),
                    key="place_mode", horizontal=True)
    if mode == MAP:
        st.caption(t("page.contribuer.map_help"))
        web.place_search("picked_location")
        location = web.pick_location_on_map("picked_location")
        if location is not None and location.geom_type == "Point":
            st.caption(i18n.message("place.drag_hint"))
    else:
        commune = st.selectbox(
            t("page.contribuer.commune"), list(names), format_func=names.get, index=None, placeholder=t("page.contribuer.commune_placeholder"),
            key="nomap_commune",
        )
        landmarks = web.territory()["landmarks"]
        options = landmarks[landmarks["zone_code"] == commune] if commune else landmarks.iloc[0:0]
        labels = {row.id: f"{row.name} ({row.layer_label})" for row in options.itertuples()}
        landmark = st.selectbox(
            t("page.contribuer.landmark"), list(labels), format_func=labels.get, index=None,
            placeholder=t("page.contribuer.landmark_none"), key="nomap_landmark", disabled=not labels,
        )
        location = place_without_map(web.store(), commune, landmark)
    st.caption(web.describe_location(location))
    web.field_error(errors, "location", linked=True)


    @web.safe_callback
    def _submit() -> None:
        s = st.session_state
        v = s["form_version"]
        first = s.get(f"first_{v}")
        try:
            photo = s.get(f"photo_{v}")
            receipt = submit(
                web.store(),
                settings=settings.current(),
                kind=s.get(f"kind_{v}"),
                title=s.get(f"title_{v}", ""),
                text=s.get(f"text_{v}", ""),
                theme=s.get(f"theme_{v}"),
                location=location,
                photo=photo.getvalue() if photo is not None else None,
                age_band=s.get(f"age_{v}"),
                csp=s.get(f"csp_{v}"),
                home_commune=s.get(f"home_{v}"),
                first_time=FIRST_TIME.get(first) if first else None,
                follow_code=s.get("follow_code"),
                email=s.get(f"email_{v}") if mail else None,
                email_consent=bool(s.get(f"email_consent_{v}")),
                client=web.client(),
                honeypot=s.get(f"honeypot_{v}") or "",
            )
        except ValidationError as exc:
            s["form_errors"] = exc.errors
            s["form_sent"] = True
            return
        except RateLimitedError as exc:
            s["form_errors"] = {"limit": str(exc)}
            return
        s["form_errors"] = {}
        s["form_sent"] = True
        s["receipt"] = receipt
        s["follow_code"] = receipt.follow_code
        s["form_version"] = v + 1
        s.pop("picked_location", None)


    st.subheader(t("page.contribuer.what"))
    if errors:
        st.error(t("page.contribuer.not_sent"))
    with st.form(f"contribution_{version}"):
        st.selectbox(t("page.contribuer.kind"), list(KINDS), format_func=KINDS.get, index=None,
                     placeholder=t("page.contribuer.choose"), key=f"kind_{version}")
        web.field_error(errors, "kind", linked=True)
        st.text_input(t("page.contribuer.title_field"), max_chars=120, key=f"title_{version}")
        web.field_error(errors, "title", linked=True)
        st.text_area(t("page.contribuer.text"), max_chars=5000, key=f"text_{version}")
        web.field_error(errors, "text", linked=True)
        st.selectbox(t("page.contribuer.theme"), list(settings.themes()), index=None, placeholder=t("page.contribuer.choose"), key=f"theme_{version}")
        web.field_error(errors, "theme", linked=True)
        # any file reaches the server, which checks its content (clean_photo): a refused
        # one is said next to the field and nothing is sent
        st.file_uploader(t("page.contribuer.photo"), max_upload_size=PHOTO_MAX_BYTES // 2**20,
                         help=t("photo.help", max_mb=PHOTO_MAX_BYTES // 2**20), key=f"photo_{version}")
        web.field_error(errors, "photo", linked=True)
        with st.expander(t("page.contribuer.about_you")):
            st.caption(t("page.contribuer.about_you_why"))
            st.selectbox(t("page.contribuer.age_band"), list(AGE_BANDS), format_func=AGE_BANDS.get, index=None,
                         placeholder=t("page.contribuer.no_answer"), key=f"age_{version}")
            st.selectbox(t("page.contribuer.csp"), list(CSP), format_func=CSP.get, index=None,
                         placeholder=t("page.contribuer.no_answer"), key=f"csp_{version}")
            st.selectbox(t("page.contribuer.home_commune"), list(names), format_func=names.get, index=None,
                         placeholder=t("page.contribuer.no_answer"), key=f"home_{version}")
            st.radio(t("page.contribuer.first_time"), list(FIRST_TIME),
                     format_func=lambda c: FIRST_TIME_LABELS.get(c, c).capitalize(), index=None,
                     key=f"first_{version}", horizontal=True)
        if mail:
            st.text_input(t("notify.email_label"), max_chars=254, key=f"email_{version}",
                          help=t("notify.email_help"))
            st.checkbox(t("notify.consent_label"), key=f"email_consent_{version}")
            web.field_error(errors, "email", linked=True)
        else:
            st.caption(t("notify.no_mail"))
        web.honeypot(f"honeypot_{version}")
        st.caption(t("page.contribuer.what_is_public"))
        web.field_error(errors, "limit")
        st.form_submit_button(t("page.contribuer.send"), type="primary", on_click=_submit)

    # after « Envoyer »: the focus goes to the confirmation or to the first field in error
    widgets = {
        "location": "picked_location_query" if mode == MAP else "nomap_commune",
        "kind": f"kind_{version}", "title": f"title_{version}", "text": f"text_{version}",
        "theme": f"theme_{version}", "photo": f"photo_{version}", "email": f"email_{version}",
    }
    web.form_feedback(errors, widgets, focus=st.session_state.pop("form_sent", False),
                      success=RECEIPT if receipt is not None else None)

    web.attribution_footer()
