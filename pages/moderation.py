"""Modération (agents): review before publication, remove personal data, hide with a
reason, merge duplicates, handle deletion requests."""

import streamlit as st

from cartoparti import i18n, privacy, settings, web
from cartoparti._errors import CartopartiError, ValidationError
from cartoparti.commands import moderation, notify
from cartoparti.i18n import formats
from cartoparti.i18n import message as t
from cartoparti.web import preview

with web.page(t("page.moderation.title")):
    user = web.require_agent()
    st.title(t("page.moderation.title"))
    store = web.store()
    mode = t("page.moderation.a_priori") if settings.moderation() == "a_priori" else t("page.moderation.a_posteriori")
    st.caption(t("page.moderation.mode", mode=mode))

    if flash := st.session_state.pop("moderation_flash", None):
        st.success(flash, icon="✅")
    errors: dict[str, str] = st.session_state.pop("moderation_errors", {})


    def _run(action, success) -> None:
        """Run ``action``; ``success``: the message, or a function of what it returned."""
        try:
            result = action()
            st.session_state["moderation_flash"] = success(result) if callable(success) else success
        except ValidationError as exc:
            st.session_state["moderation_errors"] = exc.errors
        except CartopartiError as exc:
            st.session_state["moderation_errors"] = {"action": str(exc)}
        st.rerun()


    def _label(frame):
        return {r.id: t("page.moderation.option", title=r.title, zone_name=r.zone_name, date=formats.date(r.created_at)) for r in frame.itertuples()}


    def _count(queue: str) -> int:
        """How many contributions the queue holds (a count in the database)."""
        return store.agent_page(queue=queue, limit=0)[1]


    def _page(key: str, queue: str, filters: dict):
        """One page of ``queue`` matching ``filters``, with its pager."""
        rows, _total = web.paged_list(
            key, lambda limit, offset: store.agent_page(**filters, queue=queue, limit=limit, offset=offset),
            filters=filters,
        )
        return rows


    filters = web.list_filters(st, key="moderation")
    to_review, visible_count, hidden_count = _count("moderation"), _count("visible"), _count("hidden")
    deletions = store.deletion_requests()
    reported = moderation.reported(store)
    review, hide_tab, merge_tab, hidden_tab, delete_tab, reports_tab = st.tabs(
        [
            t("page.moderation.tab.review", count=formats.number(to_review)),
            t("page.moderation.tab.hide"),
            t("page.moderation.tab.merge"),
            t("page.moderation.tab.hidden", count=formats.number(hidden_count)),
            t("page.moderation.tab.deletions", count=len(deletions)),
            t("page.moderation.tab.reports", count=len(reported)),
        ]
    )
    web.field_error(errors, "action")

    with review:
        queue = _page("review", "moderation", filters) if to_review else None
        if queue is None:
            st.info(t("page.moderation.nothing_to_review"))
        elif queue.empty:
            st.info(t("agent_list.none"))
        else:
            labels = _label(queue)
            chosen = st.selectbox(t("page.moderation.contribution"), list(labels), format_func=labels.get, key="review_pick")
            row = queue.set_index("id").loc[chosen]
            preview.contribution_preview(store, {**row.to_dict(), "id": chosen}, key="review")
            found = privacy.kinds_found(row["title"], row["text"])
            if found:
                st.warning(
                    t("page.moderation.personal_data", found=", ".join(privacy.KINDS[k] for k in found)),
                    icon="🔒",
                )
            with st.form(f"edit_{chosen}"):
                st.text_input(t("page.moderation.edit.title"), value=privacy.redact(row["title"]), key=f"edit_title_{chosen}")
                st.text_area(t("page.moderation.edit.text"), value=privacy.redact(row["text"]), key=f"edit_text_{chosen}", height=160)
                if st.form_submit_button(t("page.moderation.edit.save")):
                    _run(
                        lambda: moderation.edit_text(
                            store, user, chosen, title=st.session_state[f"edit_title_{chosen}"],
                            text=st.session_state[f"edit_text_{chosen}"],
                        ),
                        t("page.moderation.edit.saved"),
                    )
            web.field_error(errors, "title")
            despite = st.checkbox(t("page.moderation.publish_despite"), key="publish_despite") if found else False
            if st.button(t("page.moderation.publish"), type="primary", key="publish"):
                _run(lambda: moderation.publish(store, user, chosen, despite_personal_data=despite), t("page.moderation.published"))
            web.field_error(errors, "text")
            web.field_error(errors, "published")

    with hide_tab:
        visible = _page("hide", "visible", filters) if visible_count else None
        if visible is None:
            st.info(t("page.moderation.none_visible"))
        elif visible.empty:
            st.info(t("agent_list.none"))
        else:
            labels = _label(visible)
            with st.form("hide_form"):
                st.selectbox(t("page.moderation.contribution"), list(labels), format_func=labels.get, key="hide_pick")
                st.text_input(t("page.moderation.hide.reason"), key="hide_reason")
                if st.form_submit_button(t("page.moderation.hide.button")):
                    _run(
                        lambda: moderation.hide(store, user, st.session_state["hide_pick"], st.session_state["hide_reason"]),
                        t("page.moderation.hide.done"),
                    )
            web.field_error(errors, "reason")

    with merge_tab:
        if visible_count < 2:
            st.info(t("page.moderation.merge.two_needed"))
        else:
            duplicates = _label(_page("merge", "visible", filters))
            target_search = st.text_input(t("agent_list.target_search"), key="merge_target_search", max_chars=200)
            targets = _label(_page("merge_target", "visible", {"search": target_search}))
            if not duplicates or not targets:
                st.info(t("agent_list.none"))
            else:
                first_differs = int(len(targets) > 1 and next(iter(targets)) == next(iter(duplicates)))
                with st.form("merge_form"):
                    st.selectbox(t("page.moderation.merge.duplicate"), list(duplicates), format_func=duplicates.get, key="merge_duplicate")
                    st.selectbox(t("page.moderation.merge.target"), list(targets), format_func=targets.get, index=first_differs, key="merge_target")
                    if st.form_submit_button(t("page.moderation.merge.button")):
                        _run(
                            lambda: moderation.merge(store, user, st.session_state["merge_duplicate"], st.session_state["merge_target"]),
                            t("page.moderation.merge.done"),
                        )
            web.field_error(errors, "merged_into")

    with hidden_tab:
        hidden = _page("hidden", "hidden", filters) if hidden_count else None
        if hidden is None:
            st.info(t("page.moderation.none_hidden"))
        elif hidden.empty:
            st.info(t("agent_list.none"))
        else:
            st.dataframe(
                hidden[["id", "title", "hidden_reason", "merged_into"]].rename(
                    columns=i18n.labels("hidden_columns")
                ),
                hide_index=True, width="stretch",
            )
            labels = _label(hidden[hidden["merged_into"].isna()])
            if labels:
                pick = st.selectbox(t("page.moderation.unhide"), list(labels), format_func=labels.get, key="unhide_pick")
                if st.button(t("page.moderation.unhide"), key="unhide"):
                    _run(lambda: moderation.unhide(store, user, pick, settings=settings.current()), t("page.moderation.unhide.done"))
            web.field_error(errors, "hidden")

    with delete_tab:
        if deletions.empty:
            st.info(t("page.moderation.no_deletion"))
        else:
            st.dataframe(
                deletions.assign(requested_at=deletions["requested_at"].map(formats.datetime))
                .rename(columns=i18n.labels("deletion_columns")),
                hide_index=True, width="stretch",
            )
            labels = dict(zip(deletions["contribution_id"], deletions["title"], strict=True))
            pick = st.selectbox(t("page.moderation.delete.pick"), list(labels), format_func=labels.get, key="delete_pick")
            sure = st.checkbox(t("page.moderation.delete.sure"), key="delete_sure")
            if st.button(t("page.moderation.delete.button"), disabled=not sure, key="delete"):
                _run(lambda: moderation.delete(store, user, pick), t("page.moderation.delete.done"))
        st.subheader(t("notify.forget_title"))
        st.caption(t("notify.forget_help"))
        forget = st.text_input(t("notify.forget_email"), key="forget_email")
        web.field_error(errors, "email")
        if st.button(t("notify.forget_button"), key="forget"):
            _run(
                lambda: notify.forget_address(store, settings.current(), user, forget),
                lambda count: t("notify.forgotten", count=formats.number(count)) if count else t("notify.forgotten_none"),
            )

    with reports_tab:
        if not reported:
            st.info(t("page.moderation.no_report"))
        else:
            by_id = {item["id"]: item for item in reported}
            pick = st.selectbox(
                t("page.moderation.reports.pick"), list(by_id),
                format_func=lambda i: t("page.moderation.reports.option", title=by_id[i]["title"], count=by_id[i]["count"]),
                key="report_pick",
            )
            item = by_id[pick]
            found = store.contribution(pick) or {}
            web.contribution_header(found | {"zone_name": web.zone_names().get(found.get("zone_code"), "")}, level=4)
            exact = store.agent_contributions(ids=[pick])
            if not exact.empty:
                preview.contribution_preview(store, exact.iloc[0].to_dict(), key="report")
            reports = item["reports"].assign(reported_at=item["reports"]["reported_at"].map(formats.datetime))
            st.dataframe(
                reports[["reason_label", "detail", "reported_at"]].rename(
                    columns={"reason_label": "reason"}).rename(columns=i18n.labels("report_columns")),
                hide_index=True, width="stretch",
            )
            if st.button(t("page.moderation.reports.keep"), key="report_keep"):
                _run(lambda: moderation.keep_reported(store, user, pick), t("page.moderation.reports.kept"))
            with st.form("report_hide_form"):
                st.text_input(t("page.moderation.reports.hide_reason"), key="report_hide_reason")
                if st.form_submit_button(t("page.moderation.reports.hide")):
                    _run(lambda: moderation.hide(store, user, pick, st.session_state["report_hide_reason"]),
                         t("page.moderation.reports.hidden"))
            web.field_error(errors, "reason")
