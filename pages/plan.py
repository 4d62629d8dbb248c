"""Plan d'action (agents): the living action plan. List the items, create one or change
it (the capacity warning shows before the agent confirms: new item, days, service,
start, milestone, an abandoned item planned again), change an item, its status, its
milestones and the contributions that fed it (found by words or id), and the planned
load of each service per month against its capacity (administrators set capacities)."""

from datetime import date

import pandas as pd
import streamlit as st

from cartoparti import i18n, settings, web
from cartoparti._errors import CartopartiError, ValidationError
from cartoparti.commands import plan
from cartoparti.i18n import formats
from cartoparti.i18n import message as t
from cartoparti.lifecycle import LEVELS, PLAN_STATUSES
from cartoparti.model import KINDS
from cartoparti.present import charts

MILESTONE_ROWS = 3

with web.page(t("page.plan.page")):
    user = web.require_agent()
    st.title(t("page.plan.title"))
    st.write(t("page.plan.intro"))
    store = web.store()
    config = settings.current()
    errors: dict[str, str] = st.session_state.get("plan_errors", {})

    def _overloads(warnings: list) -> None:
        for w in warnings:
            st.warning(t("plan.overload", service=web.md(w.service), month=formats.month(w.month),
                         load=formats.number(w.load, 1), capacity=formats.number(w.capacity, 1)), icon="⚠️")

    flash = st.session_state.pop("plan_flash", None)
    if flash:
        st.success(flash[0], icon="✅")
        _overloads(flash[1])
    for message in st.session_state.pop("plan_action_errors", []):
        st.error(web.md(message), icon="⚠️")

    def _done(message: str, change: plan.PlanChange | None = None) -> None:
        st.session_state["plan_flash"] = (message, change.warnings if change else [])
        st.session_state.pop("plan_errors", None)

    def _failed(exc: CartopartiError) -> None:
        if isinstance(exc, ValidationError):
            st.session_state["plan_errors"] = exc.errors
            st.session_state["plan_action_errors"] = list(exc.errors.values())
        else:
            st.session_state["plan_action_errors"] = [str(exc)]

    def _picker(key: str) -> list[str]:
        """Contributions found by words or id; the chosen ones stay chosen between searches."""
        query = st.text_input(t("page.plan.search"), key=f"{key}_query", placeholder=t("page.plan.search_hint"))
        found = plan.search_contributions(store, query)
        labels = st.session_state.setdefault(f"{key}_labels", {})
        for row in found.itertuples():
            labels[row.id] = t("page.plan.option", title=row.title, kind=KINDS.get(row.kind, row.kind), id=row.id)
        if query.strip() and found.empty:
            st.caption(t("page.plan.search_none"))
        chosen = st.session_state.get(f"{key}_ids", [])
        options = list(dict.fromkeys([*chosen, *found["id"]]))
        return st.multiselect(t("page.plan.contributions"), options, format_func=lambda i: labels.get(i, i),
                              key=f"{key}_ids", placeholder=t("page.plan.contributions_hint"))

    zones = web.zone_names()
    tab_list, tab_new, tab_edit, tab_capacity = st.tabs(
        [t("page.plan.tab_list"), t("page.plan.tab_new"), t("page.plan.tab_edit"), t("page.plan.tab_capacity")]
    )

    # -- list ------------------------------------------------------------------------
    items = plan.public_plan(store)
    with tab_list:
        if not items:
            st.info(t("page.plan.none"))
        else:
            COLUMNS = i18n.labels("plan_columns")
            table = pd.DataFrame(items).assign(
                start=lambda f: f["start_date"].map(formats.date),
                days=lambda f: f["agent_days"].map(lambda v: formats.number(v, 1, plain=True)),
                cost_label=lambda f: f["cost"].map(lambda v: formats.euros(v, plain=True)),
                with_residents=lambda f: f["made_with_residents"].map({True: "✓", False: ""}),
            )
            st.dataframe(table[list(COLUMNS)].rename(columns=COLUMNS), hide_index=True, width="stretch")

    # -- new item ----------------------------------------------------------------------
    @web.safe_callback
    def _create() -> None:
        s = st.session_state
        milestones = [(s.get(f"new_ms_label_{n}", ""), s.get(f"new_ms_date_{n}"))
                      for n in range(MILESTONE_ROWS) if (s.get(f"new_ms_label_{n}") or "").strip()
                      or s.get(f"new_ms_date_{n}") is not None]
        zone = s.get("new_zone")
        try:
            change = plan.add_item(
                store, config, user, title=s.get("new_title", ""), description=s.get("new_description", ""),
                service=s.get("new_service"), level=s.get("new_level"), start_date=s.get("new_start"),
                cost=s.get("new_cost", 0), agent_days=s.get("new_days", 0),
                zone=("", zone) if zone else None, contribution_ids=s.get("new_links_ids", []),
                milestones=milestones,
            )
        except CartopartiError as exc:
            _failed(exc)
            return
        _done(t("page.plan.created", title=web.md(s.get("new_title", ""))), change)
        for key in ("new_title", "new_description", "new_links_ids", "new_links_query", "new_confirm",
                    *(f"new_ms_label_{n}" for n in range(MILESTONE_ROWS))):
            s.pop(key, None)
        for n in range(MILESTONE_ROWS):
            s[f"new_ms_date_{n}"] = None

    with tab_new:
        st.text_input(t("page.plan.item_title"), key="new_title", max_chars=plan.TITLE_MAX)
        web.field_error(errors, "title")
        st.text_area(t("page.plan.description"), key="new_description", max_chars=plan.DESCRIPTION_MAX)
        left, right = st.columns(2)
        service = left.selectbox(t("page.plan.service"), list(config.services), key="new_service")
        left.selectbox(t("page.plan.level"), list(LEVELS), format_func=LEVELS.get, key="new_level")
        left.selectbox(t("page.plan.zone"), [None, *zones], format_func=lambda c: t("page.plan.no_zone") if c is None else zones[c],
                       key="new_zone")
        right.number_input(t("page.plan.cost"), min_value=0.0, step=100.0, key="new_cost")
        web.field_error(errors, "cost")
        days = right.number_input(t("page.plan.days"), min_value=0.0, step=0.5, key="new_days")
        web.field_error(errors, "agent_days")
        start = right.date_input(t("page.plan.start"), value=date.today(), format="DD/MM/YYYY", key="new_start")
        st.markdown(t("page.plan.milestones"))
        dates = []
        for n in range(MILESTONE_ROWS):
            a, b = st.columns([3, 1])
            a.text_input(t("page.plan.milestone_label", n=n + 1), key=f"new_ms_label_{n}")
            dates.append(b.date_input(t("page.plan.milestone_date", n=n + 1), value=None, format="DD/MM/YYYY",
                                      key=f"new_ms_date_{n}"))
            web.field_error(errors, f"milestone_{n + 1}_date")
            web.field_error(errors, f"milestone_{n + 1}")
        st.markdown(t("page.plan.links"))
        _picker("new_links")
        web.field_error(errors, "contributions")
        last = max((d for d in dates if d is not None), default=None)
        warnings = plan.capacity_warnings(store, config, service=service, agent_days=days or 0,
                                          start_date=start or date.today(), last_milestone=last)
        confirmed = True
        if warnings:
            _overloads(warnings)
            confirmed = st.checkbox(t("page.plan.confirm_overload"), key="new_confirm")
        st.button(t("page.plan.create"), type="primary", on_click=_create, disabled=not confirmed, key="new_create")

    # -- change an item ---------------------------------------------------------------
    with tab_edit:
        if not items:
            st.info(t("page.plan.none"))
        else:
            by_id = {i["id"]: i for i in items}
            chosen = st.selectbox(
                t("page.plan.pick"), list(by_id), key="edit_pick",
                format_func=lambda i: t("page.plan.pick_option", title=by_id[i]["title"],
                                        status=by_id[i]["status_label"], id=i),
            )
            item = by_id[chosen]
            with st.container(border=True):
                web.plan_item_card(item)

            @web.safe_callback
            def _status(item_id: str) -> None:
                s = st.session_state
                try:
                    change = plan.set_status(store, config, user, item_id, s.get(f"status_{item_id}"),
                                             reason=s.get(f"reason_{item_id}", ""))
                except CartopartiError as exc:
                    _failed(exc)
                    return
                s.pop(f"status_confirm_{item_id}", None)
                _done(t("page.plan.status_done", status=PLAN_STATUSES[s.get(f"status_{item_id}")]), change)

            def _confirmed(warnings: list, key: str) -> bool:
                """The warning before a change, and the agent's acknowledgement."""
                if not warnings:
                    return True
                _overloads(warnings)
                return st.checkbox(t("page.plan.confirm_overload"), key=key)

            st.subheader(t("page.plan.status_title"))
            new_status = st.selectbox(t("page.plan.status"), list(PLAN_STATUSES), format_func=PLAN_STATUSES.get,
                                      index=list(PLAN_STATUSES).index(item["status"]), key=f"status_{chosen}")
            st.text_area(t("page.plan.reason"), key=f"reason_{chosen}", value=item["public_reason"] or "",
                         help=t("page.plan.reason_help"))
            web.field_error(errors, "reason")
            ok = _confirmed(plan.change_warnings(store, config, chosen, status=new_status), f"status_confirm_{chosen}")
            st.button(t("page.plan.set_status"), on_click=_status, args=(chosen,), key=f"set_status_{chosen}",
                      disabled=not ok)

            @web.safe_callback
            def _milestone(item_id: str) -> None:
                s = st.session_state
                try:
                    change = plan.add_milestone(store, config, user, item_id, s.get(f"ms_label_{item_id}", ""),
                                                s.get(f"ms_date_{item_id}"))
                except CartopartiError as exc:
                    _failed(exc)
                    return
                s.pop(f"ms_label_{item_id}", None)
                s.pop(f"ms_confirm_{item_id}", None)
                _done(t("page.plan.milestone_added"), change)

            @web.safe_callback
            def _tick(item_id: str, step: int, done: bool) -> None:
                try:
                    change = plan.set_milestone_done(store, user, item_id, step, done)
                except CartopartiError as exc:
                    _failed(exc)
                    return
                _done(t("page.plan.milestone_ticked"), change)

            st.subheader(t("page.plan.milestones_title"))
            for m in item["milestones"]:
                a, b = st.columns([4, 1])
                key = "plan.card.milestone_done" if m["done"] else "plan.card.milestone"
                a.markdown(t(key, date=formats.date(m["due_date"]), label=web.md(m["label"])))
                b.button(t("page.plan.undo") if m["done"] else t("page.plan.tick"), key=f"tick_{chosen}_{m['step']}",
                         on_click=_tick, args=(chosen, m["step"], not m["done"]))
            a, b, c = st.columns([3, 1, 1])
            a.text_input(t("page.plan.new_milestone"), key=f"ms_label_{chosen}")
            due = b.date_input(t("page.plan.new_milestone_date"), value=item["start_date"], format="DD/MM/YYYY",
                               key=f"ms_date_{chosen}")
            web.field_error(errors, "milestone")
            web.field_error(errors, "milestone_date")
            ok = _confirmed(plan.change_warnings(store, config, chosen, milestone_date=due), f"ms_confirm_{chosen}")
            c.button(t("page.plan.add_milestone"), on_click=_milestone, args=(chosen,), key=f"add_ms_{chosen}",
                     disabled=not ok)

            @web.safe_callback
            def _link(item_id: str) -> None:
                s = st.session_state
                try:
                    change = plan.link(store, settings.current(), user, item_id, s.get(f"link_{item_id}_ids", []))
                except CartopartiError as exc:
                    _failed(exc)
                    return
                s.pop(f"link_{item_id}_ids", None)
                _done(t("page.plan.linked", count=len(change.linked)), change)

            @web.safe_callback
            def _unlink(item_id: str, contribution_id: str) -> None:
                try:
                    change = plan.unlink(store, user, item_id, contribution_id)
                except CartopartiError as exc:
                    _failed(exc)
                    return
                _done(t("page.plan.unlinked"), change)

            st.subheader(t("page.plan.links_title"))
            for row in plan.item_links(store, chosen):
                a, b = st.columns([4, 1])
                key = "page.plan.linked_row" if row["public"] else "page.plan.linked_row_hidden"
                a.markdown(t(key, title=web.md(row["title"]), id=web.md(row["id"])))
                b.button(t("page.plan.unlink"), key=f"unlink_{chosen}_{row['id']}", on_click=_unlink,
                         args=(chosen, row["id"]))
            _picker(f"link_{chosen}")
            web.field_error(errors, "contributions")
            st.button(t("page.plan.link"), on_click=_link, args=(chosen,), key=f"link_button_{chosen}")

            @web.safe_callback
            def _update(item_id: str) -> None:
                s = st.session_state
                try:
                    change = plan.update_item(
                        store, config, user, item_id, title=s.get(f"e_title_{item_id}"),
                        description=s.get(f"e_description_{item_id}"), service=s.get(f"e_service_{item_id}"),
                        level=s.get(f"e_level_{item_id}"), cost=s.get(f"e_cost_{item_id}"),
                        agent_days=s.get(f"e_days_{item_id}"), start_date=s.get(f"e_start_{item_id}"),
                    )
                except CartopartiError as exc:
                    _failed(exc)
                    return
                s.pop(f"e_confirm_{item_id}", None)
                _done(t("page.plan.updated"), change)

            with st.expander(t("page.plan.edit_fields")):
                st.text_input(t("page.plan.item_title"), value=item["title"], key=f"e_title_{chosen}")
                st.text_area(t("page.plan.description"), value=item["description"], key=f"e_description_{chosen}")
                services = list(config.services)
                new_service = st.selectbox(
                    t("page.plan.service"), services, key=f"e_service_{chosen}",
                    index=services.index(item["service"]) if item["service"] in services else 0)
                st.selectbox(t("page.plan.level"), list(LEVELS), format_func=LEVELS.get, key=f"e_level_{chosen}",
                             index=list(LEVELS).index(item["level"]))
                st.number_input(t("page.plan.cost"), min_value=0.0, value=item["cost"], key=f"e_cost_{chosen}")
                new_days = st.number_input(t("page.plan.days"), min_value=0.0, value=item["agent_days"],
                                           key=f"e_days_{chosen}")
                new_start = st.date_input(t("page.plan.start"), value=item["start_date"], format="DD/MM/YYYY",
                                          key=f"e_start_{chosen}")
                web.field_error(errors, "start_date")
                ok = _confirmed(plan.change_warnings(store, config, chosen, service=new_service, agent_days=new_days,
                                                     start_date=new_start), f"e_confirm_{chosen}")
                st.button(t("page.plan.save"), on_click=_update, args=(chosen,), key=f"save_{chosen}",
                          disabled=not ok)

    # -- capacity -----------------------------------------------------------------------
    with tab_capacity:
        st.write(t("page.plan.capacity_intro"))
        table = plan.capacity_chart_frame(store, config)
        if table.empty:
            st.info(t("page.plan.no_load"))
        else:
            for row in table[table["over"]].itertuples():
                st.warning(t("plan.overload", service=web.md(row.service), month=formats.month(row.month),
                             load=formats.number(row.load, 1), capacity=formats.number(row.capacity, 1)), icon="⚠️")
            st.altair_chart(charts.capacity_chart(table), use_container_width=True)
        capacities = plan.capacities(store, config)
        st.dataframe(
            pd.DataFrame({t("page.plan.service"): list(capacities),
                          t("page.plan.capacity"): [formats.number(v, 1, plain=True) for v in capacities.values()]}),
            hide_index=True, width="stretch",
        )

        @web.safe_callback
        def _capacity() -> None:
            s = st.session_state
            try:
                plan.set_capacity(store, config, user, s.get("cap_service"), s.get("cap_days"))
            except CartopartiError as exc:
                _failed(exc)
                return
            _done(t("page.plan.capacity_saved", service=web.md(s.get("cap_service"))))

        if user["role"] == "admin":
            st.subheader(t("page.plan.capacity_title"))
            a, b, c = st.columns([3, 2, 1])
            a.selectbox(t("page.plan.service"), list(config.services), key="cap_service")
            b.number_input(t("page.plan.capacity"), min_value=0.0, step=1.0, key="cap_days")
            c.button(t("page.plan.capacity_save"), on_click=_capacity, key="cap_save")
        else:
            st.caption(t("page.plan.capacity_admin_only"))
