"""Traiter et répondre (agents): qualify a contribution, change its status with a
public message, see its history and audit; answer many at once from a CSV."""

import streamlit as st

from cartoparti import i18n, lifecycle, settings, web
from cartoparti._errors import CartopartiError, ValidationError
from cartoparti.commands import answers, moderation
from cartoparti.i18n import formats
from cartoparti.i18n import message as t
from cartoparti.present import audit
from cartoparti.web import preview

with web.page(t("page.reponses.title")):
    user = web.require_agent()
    st.title(t("page.reponses.title"))
    store = web.store()

    if flash := st.session_state.pop("answer_flash", None):
        st.success(flash, icon="✅")

    left, right = st.columns(2)
    statuses = left.multiselect(
        t("page.reponses.status"), list(lifecycle.STATUSES), default=list(lifecycle.OPEN_STATUSES),
        format_func=lifecycle.STATUSES.get, key="answer_statuses",
    )
    services = right.multiselect(t("page.reponses.service"), list(settings.services()), placeholder=t("page.reponses.all"), key="answer_services")
    filters = web.list_filters(st, key="answer") | {"statuses": statuses, "services": services}
    frame, _total = web.paged_list(
        "answer", lambda limit, offset: store.agent_page(**filters, queue="visible", limit=limit, offset=offset),
        filters=filters,
    )
    if frame.empty:
        st.info(t("agent_list.none"))
        st.stop()
    st.dataframe(
        frame.assign(statut=frame["status"].map(lifecycle.STATUSES), date=frame["created_at"].map(formats.date),
                     service=frame["service"].fillna(t("page.reponses.unassigned")))[
            ["id", "title", "zone_name", "date", "statut", "service", "supports", "answers"]
        ].rename(columns=i18n.labels("answer_queue_columns")),
        hide_index=True,
        width="stretch",
    )

    labels = {r.id: t("page.reponses.option", title=r.title, zone_name=r.zone_name, status=lifecycle.STATUSES[r.status]) for r in frame.itertuples()}
    chosen = st.selectbox(t("page.reponses.pick"), list(labels), format_func=labels.get, key="answer_pick")
    row = frame.set_index("id").loc[chosen]
    web.contribution_header(
        row,
        before=[t("page.reponses.number", id=web.md(chosen))],
        after=[t("page.reponses.published") if row["published"] else t("page.reponses.not_published")]
        + ([t("page.reponses.entered_by", name=web.md(row['entered_by']))] if isinstance(row["entered_by"], str) else []),
    )
    preview.contribution_preview(store, {**row.to_dict(), "id": chosen}, key="answer")
    errors: dict[str, str] = st.session_state.pop("answer_errors", {})

    qualify_col, answer_col = st.columns(2)
    with qualify_col, st.form(f"qualify_{chosen}"):
        st.markdown(t("page.reponses.qualification"))
        themes = list(settings.themes())
        st.selectbox(t("page.reponses.theme"), themes, index=themes.index(row["theme"]) if row["theme"] in themes else 0, key=f"q_theme_{chosen}")
        services_all = list(settings.services())
        st.selectbox(
            t("page.reponses.service_responsible"), services_all, index=services_all.index(row["service"]) if row["service"] in services_all else None,
            placeholder=t("page.reponses.to_assign"), key=f"q_service_{chosen}",
        )
        levels = list(lifecycle.LEVELS)
        st.selectbox(
            t("page.reponses.level"), levels, format_func=lifecycle.LEVELS.get,
            index=levels.index(row["level"]) if row["level"] in levels else None, placeholder=t("page.reponses.to_define"), key=f"q_level_{chosen}",
        )
        if st.form_submit_button(t("page.reponses.qualify")):
            try:
                changed = moderation.qualify(
                    store, user, chosen, settings=settings.current(), theme=st.session_state[f"q_theme_{chosen}"],
                    service=st.session_state[f"q_service_{chosen}"], level=st.session_state[f"q_level_{chosen}"],
                )
                st.session_state["answer_flash"] = t("page.reponses.qualified") if changed else t("page.reponses.unchanged")
            except ValidationError as exc:
                st.session_state["answer_errors"] = exc.errors
            st.rerun()
    for name in ("theme", "service", "level"):
        web.field_error(errors, name)

    MESSAGE_ONLY = "__message__"
    v = f"{chosen}_{st.session_state.setdefault('answer_version', 0)}"
    moves = lifecycle.allowed_moves(str(row["status"]), str(user["role"]))
    with answer_col, st.form(f"answer_{chosen}"):
        st.markdown(t("page.reponses.answer", status=lifecycle.STATUSES[row['status']]))
        st.selectbox(
            t("page.reponses.new_status"), [MESSAGE_ONLY, *moves],
            format_func=lambda s: t("page.reponses.message_only") if s == MESSAGE_ONLY else lifecycle.STATUSES[s],
            key=f"a_status_{v}",
        )
        st.text_area(
            t("page.reponses.message"), key=f"a_message_{v}", max_chars=lifecycle.MESSAGE_MAX,
            help=t("page.reponses.message_help", min=lifecycle.DECLINE_MIN_CHARS),
        )
        st.text_input(t("page.reponses.competent"), key=f"a_competent_{v}",
                      placeholder=t("page.reponses.competent_placeholder"))
        if st.form_submit_button(t("page.reponses.publish"), type="primary"):
            status = st.session_state[f"a_status_{v}"]
            try:
                new = answers.answer(
                    store, user, chosen, message=st.session_state.get(f"a_message_{v}", ""),
                    status=None if status == MESSAGE_ONLY else status,
                    competent=st.session_state.get(f"a_competent_{v}"),
                    settings=settings.current(),
                )
                st.session_state["answer_flash"] = t("page.reponses.answered", status=lifecycle.STATUSES[new])
                st.session_state["answer_version"] += 1
            except ValidationError as exc:
                st.session_state["answer_errors"] = exc.errors
            except CartopartiError as exc:
                st.session_state["answer_errors"] = {"status": str(exc)}
            st.rerun()
    for name in ("status", "message", "competent"):
        web.field_error(errors, name)

    st.subheader(t("page.reponses.history"))
    web.history_table(answers.public_history(store, chosen), with_time=True)
    with st.expander(t("audit.title")):
        log = audit.audit_frame(store.audit_log(chosen))
        if log.empty:
            st.caption(t("audit.none"))
        else:  # plain text in a table: what agents typed (a reason, a message) stays inert
            st.dataframe(log.rename(columns={c: t(f"audit.column.{c}") for c in audit.COLUMNS}),
                         hide_index=True, width="stretch")

    with st.expander(t("page.reponses.batch")):
        st.caption(
            t("page.reponses.batch_help", statuses=", ".join(f"{k} = {v}" for k, v in lifecycle.STATUSES.items()))
        )
        upload = st.file_uploader(t("page.reponses.csv_file"), type=["csv"], key="answers_csv")
        if upload is not None and st.button(t("page.reponses.batch_save"), key="answers_import"):
            web.import_upload(upload, lambda data, name: answers.import_answers(store, user, data, name=name, settings=settings.current()))
